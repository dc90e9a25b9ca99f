"""Runs the rule catalogue in cases.yaml through the engine."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from game.engine import IllegalMoveError, Move, MoveKind, apply, new_game
from game.engine.policy import make_policy
from game.scenario.yamlsafe import load_yaml_file

CASES = load_yaml_file(Path(__file__).with_name("cases.yaml")).data["cases"]


def to_move(spec: list[Any]) -> Move:
    """The move of a case (building it raises IllegalMoveError for an unknown kind)."""
    side, kind = spec[0], spec[1]
    arg = spec[2] if len(spec) > 2 else None
    takes = {MoveKind.ARGUE: "argument", MoveKind.ADJOURN: "until"}
    field = takes.get(kind, "package")
    return Move(kind, side, **{field: dict(arg or {}) if field == "package" else arg})


def test_catalogue_has_enough_cases() -> None:
    assert len(CASES) >= 50
    assert len({c["name"] for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_rule_case(case: dict[str, Any], mini: Any) -> None:
    state = new_game(mini, seed=case.get("seed", 1))
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
        elif key == "news_dated":
            for message, day in want.items():
                assert [e.date for e in state.news if e.message == message] == [day]
        elif key == "news":
            assert any(want in e.message for e in state.news)
        else:
            raise AssertionError(f"unknown expectation {key}")
    assert isinstance(state.date, dt.date)
