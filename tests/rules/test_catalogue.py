"""Runs the rule catalogue in cases.yaml through the engine."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from game.engine import IllegalMoveError, Move, MoveKind, apply, check, legal_moves, new_game
from game.engine.policy import make_policy
from game.persistence.scenarios import load
from game.scenario.yamlsafe import load_yaml_file
from tests.conftest import FIXTURES

CATALOGUE = load_yaml_file(Path(__file__).with_name("cases.yaml")).data
CASES = CATALOGUE["cases"]
NEW_RULES = 40
"""Cases of the rules of partial, linked and multilateral agreement (marked ``new: true``)."""


def to_move(spec: list[Any]) -> Move:
    """The move of a case (building it raises IllegalMoveError for an unknown kind).

    ``[side, kind]``, ``[side, kind, ARG]`` or ``[side, propose|counter, {package}, [links]]``:
    ARG is the package (propose, counter), the argument (argue), the date (adjourn),
    the clauses accepted (accept) or the issue reopened (reopen).
    """
    side, kind = spec[0], spec[1]
    arg = spec[2] if len(spec) > 2 else None
    takes = {
        MoveKind.ARGUE: "argument",
        MoveKind.ADJOURN: "until",
        MoveKind.ACCEPT: "clauses",
        MoveKind.REOPEN: "issue",
        MoveKind.PASS: "argument",
        MoveKind.REJECT: "argument",
        MoveKind.INSTRUCT: "argument",
        MoveKind.BREAK_OFF: "argument",
    }
    field = takes.get(kind, "package")
    if field == "package":
        links = tuple(tuple(g) for g in spec[3]) if len(spec) > 3 else ()
        return Move(kind, side, dict(arg or {}), links=links)
    if field == "clauses":
        return Move(kind, side, clauses=tuple(arg or ()))
    return Move(kind, side, **{field: arg})


def test_catalogue_has_enough_cases() -> None:
    assert len(CASES) >= 50 + NEW_RULES
    assert len([c for c in CASES if c.get("new")]) >= NEW_RULES
    assert len({c["name"] for c in CASES}) == len(CASES)


_SCENARIOS: dict[str, Any] = {}


def scenario(name: str) -> Any:
    if name not in _SCENARIOS:
        _SCENARIOS[name] = load(FIXTURES / "scenarios" / f"{name}.yaml")
    return _SCENARIOS[name]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_rule_case(case: dict[str, Any]) -> None:
    c = scenario(case.get("scenario", CATALOGUE["scenario"]))
    state = new_game(c, seed=case.get("seed", 1))
    specs = case["moves"]
    expect = case["expect"]
    for i, spec in enumerate(specs):
        last = i == len(specs) - 1
        if last and "error" in expect:
            with pytest.raises(IllegalMoveError) as err:
                apply(state, to_move(spec))
            assert expect["error"] in err.value.reason
            return
        state = apply(state, to_move(spec))
    assert "error" not in expect, "the last move should have been illegal"
    check_state(state, expect)


def check_state(state: Any, expect: dict[str, Any]) -> None:
    for key, want in expect.items():
        if key == "stage":
            assert state.stage == want
        elif key == "date":
            assert state.date == want
        elif key == "to_move":
            assert state.to_move == want
        elif key == "session":
            assert state.session == want
        elif key == "ply":
            assert state.ply == want
        elif key == "offer_by":
            assert (state.offer.by if state.offer else None) == want
        elif key == "offer":
            assert state.offer is not None and dict(state.offer.package) == want
        elif key == "agreed":
            assert dict(state.agreed) == want
        elif key == "open":
            assert list(state.open_issues()) == want
        elif key == "fired":
            assert set(want) <= state.fired
        elif key == "mandate":
            for side, mid in want.items():
                assert state.mandates[side] == mid
        elif key == "used":
            assert dict(state.used) == want
        elif key == "weight_shift":
            got = {f"{p}.{i}": v for (p, i), v in state.weight_shift.items()}
            assert got == pytest.approx(want)
        elif key == "termination":
            assert (state.outcome.termination.value if state.outcome else None) == want
        elif key == "outcome_date":
            assert state.outcome is not None and state.outcome.date == want
        elif key == "terms":
            assert state.outcome is not None and dict(state.outcome.terms) == want
        elif key == "milestones":
            got = {s: d for s, d in state.outcome.milestones}
            for stage, day in want.items():
                assert got[stage] == day
        elif key == "ai":
            choice = make_policy(state.c, want["side"], "historical").choose(state, want["side"])
            said = " ".join(choice.reasons)
            if want.get("refuses"):
                assert choice.move.kind is not MoveKind.ACCEPT
            if "reason" in want:
                assert want["reason"] in said
            if "reason_absent" in want:
                assert want["reason_absent"] not in said
            if "kind" in want:
                assert choice.move.kind == want["kind"]
            assert check(state, choice.move) is None, "the AI's move must be legal"
        elif key == "offer_to":
            assert state.offer is not None and list(state.offer.to) == want
        elif key == "accepted":
            assert state.offer is not None and list(state.offer.accepted) == want
        elif key == "links":
            assert state.offer is not None and [list(g) for g in state.offer.links] == want
        elif key == "side_deals":
            assert {d.issue: d.value for d in state.side_deals} == want
        elif key == "side_parties":
            assert all(list(d.parties) == want for d in state.side_deals) and state.side_deals
        elif key == "final":
            clauses = state.outcome.clauses if state.outcome else tuple(state.clauses.values())
            assert sorted(x.issue for x in clauses if x.final) == sorted(want)
        elif key == "clause_dates":
            assert {k: x.date for k, x in state.clauses.items()} == want
        elif key == "clause_parties":
            for iid, parties in want.items():
                assert list(state.clauses[iid].parties) == parties
        elif key in ("agreed_on", "signed_on", "ratified_on"):
            assert state.outcome is not None and getattr(state.outcome, key) == want
        elif key == "party_shift":
            got = {f"{p}.{w}": v for (p, w), v in state.party_shift.items()}
            assert got == pytest.approx(want)
        elif key == "legal":
            kinds = {mv.kind.value for mv in legal_moves(state, state.to_move)}
            assert set(want) <= kinds, kinds
        elif key == "not_legal":
            kinds = {mv.kind.value for mv in legal_moves(state, state.to_move)}
            assert not set(want) & kinds, kinds
        elif key == "news_dated":
            for message, day in want.items():
                assert [e.date for e in state.news if e.message == message] == [day]
        elif key == "news":
            assert any(want in e.message for e in state.news)
        else:
            raise AssertionError(f"unknown expectation {key}")
    assert isinstance(state.date, dt.date)
