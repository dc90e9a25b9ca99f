"""Partial, linked and multilateral agreement beyond the rule catalogue: what a side sees,
the record, the outcome and the debrief, the AI with three signatories and a mediator,
and the analytics of N signatories."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import IllegalMoveError, Move, apply, check, legal_moves, new_game
from game.engine.analysis import Analysis, analyse
from game.engine.debrief import debrief
from game.engine.multilateral import ManySides, frontier_many, pareto_mask_nd
from game.engine.policy import MediatorPolicy, make_policy, persona_config
from game.engine.record import Record, record_of, replay_history, resume
from game.engine.rules import within
from game.engine.simulate import play_one
from game.engine.utility import side_view
from game.persistence.scenarios import load
from tests.conftest import FIXTURES

TRIO = load(FIXTURES / "scenarios" / "trio.yaml")
MINI = load(FIXTURES / "scenarios" / "mini.yaml")


def play(c: Any, *moves: Move) -> Any:
    state = new_game(c, 1)
    for mv in moves:
        state = apply(state, mv)
    return state


# ----------------------------------------------------------------------------- a side's view


def test_a_sides_view_carries_the_offer_its_links_addressees_acceptances_and_the_table() -> None:
    state = play(
        TRIO,
        Move(
            "propose",
            "north",
            {"rent": 24, "term": "medium", "port": "shared"},
            links=(("rent", "port"),),
        ),
        Move("accept", "south", clauses=("rent", "port")),
    )
    view = side_view(state, "east")
    assert view.offer is not None and view.offer.by == "north"
    assert view.offer.links == (("rent", "port"),)
    assert view.offer.to == ("south", "east") and view.offer.accepted == ("south",)
    assert dict(view.their_offer or {}) == {"rent": 24, "port": "shared"}
    assert view.table == ("north", "south", "east", "chair")
    assert view.signatories == ("north", "south", "east")
    assert view.others == ("north", "south", "chair") and view.role == "signatory"
    assert view.can_pass is False  # east owes an answer
    assert side_view(state, "chair").role == "mediator"
    assert side_view(state, "chair").their_offer is None


def test_a_sides_view_shows_agreed_clauses_and_those_it_may_reopen() -> None:
    state = play(
        TRIO,
        Move("propose", "north", {"term": "medium"}),
        Move("accept", "south"),
        Move("accept", "east"),
        Move("pass", "chair"),
    )
    view = side_view(state, "north")
    clause = view.clauses["term"]
    assert (clause.value, clause.date, clause.final) == ("medium", dt.date(1924, 1, 7), False)
    assert clause.parties == ("north", "south", "east") and clause.offered_by == "north"
    assert view.reopenable == ("term",)
    assert "term" not in view.space.ids


def test_per_side_categories_reach_the_ais_concession_classes() -> None:
    assert persona_config(TRIO, "east")["issue_class"]["rent"] == "principles"
    assert persona_config(TRIO, "north")["issue_class"]["rent"] == "economics"
    assert persona_config(TRIO, "north")["issue_class"]["term"] == "principles"


# ----------------------------------------------------------------------------- records, outcome, debrief


def test_moves_with_links_clauses_and_an_issue_round_trip_through_json() -> None:
    moves = [
        Move("propose", "north", {"rent": 24, "port": "shared"}, links=(("rent", "port"),)),
        Move("accept", "south", clauses=("rent", "port")),
        Move("reopen", "north", issue="rent"),
        Move("pass", "east"),
    ]
    for mv in moves:
        assert Move.from_json(json.loads(json.dumps(mv.to_json()))) == mv
    plain = Move("propose", "north", {"rent": 24})
    assert set(plain.to_json()) == {"kind", "side", "package"}


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("links", "rent", "A link is a group of issue ids"),
        ("links", [["rent", 3]], "A link is a group of issue ids"),
        ("clauses", [1], "Clauses are named by their issues' ids"),
        ("issue", 7, "A clause is named by its issue's id"),
    ],
)
def test_a_move_with_wrong_types_names_the_field(field: str, value: Any, words: str) -> None:
    with pytest.raises(IllegalMoveError) as err:
        Move("propose", "north", {"rent": 24}, **{field: value})
    assert words in err.value.reason


def test_a_multilateral_game_saves_and_resumes() -> None:
    states = [new_game(TRIO, 4)]
    moves = [
        Move("propose", "north", {"rent": 24, "term": "medium"}, links=(("rent", "term"),)),
        Move("accept", "south"),
        Move("accept", "east"),
        Move("propose", "chair", {"port": "shared"}),
        Move("reopen", "north", issue="rent"),
    ]
    for mv in moves:
        states.append(apply(states[-1], mv))
    data = json.loads(json.dumps(record_of(states, moves).to_json()))
    res = resume(TRIO, Record.from_json(data, "test"))
    assert res.problem is None and res.states[-1] == states[-1]
    assert dict(res.states[-1].agreed) == {"term": "medium"}


def test_the_outcome_json_keeps_its_keys_and_adds_the_milestones_and_clauses() -> None:
    final = replay_history(TRIO)[-1].after
    out = final.outcome.to_json()
    assert list(out)[:6] == ["termination", "date", "terms", "stage", "reason", "milestones"]
    assert out["agreed_on"] == "1924-01-17" and out["signed_on"] == "1924-01-17"
    assert out["ratified_on"] == "1924-01-27"
    assert out["clauses"]["term"] == {
        "value": "medium",
        "date": "1924-01-07",
        "parties": ["north", "south", "east"],
        "final": True,
        "offered_by": "north",
    }
    assert out["clauses"]["rent"]["offered_by"] == "chair"


def test_the_debrief_dates_each_clause_and_the_milestones_of_the_deal_and_of_history() -> None:
    final = replay_history(TRIO)[-1].after
    d = debrief(final)
    data = d.to_json()
    assert data["agreed_on"] == "1924-01-17" and data["ratified_on"] == "1924-01-27"
    assert data["history"]["signed_on"] == "1924-01-17"
    assert data["history"]["ratified_on"] == "1924-01-27"
    rows = {r["issue"]: r for r in data["issues"]}
    assert rows["term"]["clause"]["date"] == "1924-01-07"
    assert set(d.utilities) == {"north", "south", "east"}  # the mediator signs nothing


def test_a_side_agreement_is_listed_in_the_outcome_and_the_debrief() -> None:
    state = play(
        TRIO,
        Move("adjourn", "north", until=dt.date(1924, 3, 1)),
        Move("propose", "south", {"rent": 24}),
        Move("accept", "north"),
        Move("break_off", "south"),
    )
    out = state.outcome.to_json()
    assert out["side_agreements"] == [
        {
            "issue": "rent",
            "value": 24,
            "date": "1924-02-29",
            "parties": ["north", "south"],
            "final": False,
            "offered_by": "south",
        }
    ]
    assert out["terms"] == {} and out["clauses"] == {}
    assert debrief(state).to_json()["side_agreements"][0]["issue"] == "rent"


def test_two_party_json_only_gains_keys() -> None:
    state = play(
        MINI, Move("propose", "north", {"rent": 24, "term": "medium"}), Move("accept", "south")
    )
    out = state.outcome.to_json()
    assert out["signed_on"] == out["date"] == "1924-01-07" and out["ratified_on"] is None


# ----------------------------------------------------------------------------- the AI


def test_ai_and_mediator_play_a_three_party_game_to_its_end_with_legal_moves() -> None:
    players = {p: make_policy(TRIO, p, "historical") for p in TRIO.parties}
    assert isinstance(players["chair"], MediatorPolicy)
    state = new_game(TRIO, 11)
    for _ in range(3000):
        if state.over:
            break
        move = players[state.to_move].choose(state, state.to_move).move
        assert check(state, move) is None, move
        state = apply(state, move)
    assert state.over


@pytest.mark.parametrize("policy", ["random", "easy", "hard"])
def test_simulate_ends_every_three_party_game(policy: str) -> None:
    result = play_one(TRIO, {p: policy for p in TRIO.parties}, 5, 0)
    assert result.termination != "unfinished"
    assert set(result.utilities) == {"north", "south", "east"}


def test_the_mediator_proposes_once_a_session_then_yields_the_floor() -> None:
    state = play(TRIO, Move("pass", "north"), Move("pass", "south"), Move("pass", "east"))
    first = MediatorPolicy().choose(state, "chair")
    assert first.move.kind == "propose" and set(first.move.package) == {"rent", "term", "port"}
    state = apply(state, first.move)
    state = apply(state, Move("reject", "north"))
    state = apply(state, Move("pass", "south"))
    state = apply(state, Move("pass", "east"))
    assert MediatorPolicy().choose(state, "chair").move.kind == "pass"


# ----------------------------------------------------------------------------- invariants


KINDS = [
    "propose",
    "counter",
    "accept",
    "reject",
    "argue",
    "adjourn",
    "break_off",
    "reopen",
    "pass",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(KINDS)), max_size=40))
def test_random_multilateral_games_keep_their_invariants(steps: list[tuple[int, str]]) -> None:
    state = new_game(TRIO, 2)
    for draw, kind in steps:
        if state.over:
            break
        side = state.to_move
        pkg = {
            i: TRIO.grid[i][draw % len(TRIO.grid[i])] for i in state.open_issues()[: 1 + draw % 3]
        }
        links = (tuple(pkg),) if len(pkg) > 1 and draw % 2 else ()
        clauses = tuple(state.offer.package)[: 1 + draw % 2] if state.offer else ()
        issue = next(iter(state.clauses), None)
        try:
            state = apply(state, Move(kind, side, pkg, links=links, clauses=clauses, issue=issue))
        except IllegalMoveError:
            continue
        assert set(state.clauses) == set(state.agreed)
        assert all(set(c.parties) == set(TRIO.signatories) for c in state.clauses.values())
        if state.offer is not None:
            assert set(state.offer.accepted) <= set(state.offer.to)
            assert state.offer.by not in state.offer.to
        assert state.to_move in state.table or state.over
    if state.outcome is not None and state.outcome.termination.value == "signed":
        for side in TRIO.signatories:
            mandate = state.mandate_of(side)
            assert all(within(mandate.bounds.get(k), v) for k, v in state.outcome.terms.items())


def test_legal_moves_list_one_reopen_per_clause() -> None:
    state = play(MINI, Move("propose", "north", {"rent": 24}), Move("accept", "south"))
    reopen = [mv for mv in legal_moves(state, "north") if mv.kind == "reopen"]
    assert [mv.issue for mv in reopen] == ["rent"]


# ----------------------------------------------------------------------------- analytics


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(*(st.integers(0, 4),) * 3), min_size=1, max_size=60))
def test_the_n_d_frontier_is_the_set_of_undominated_points(rows: list[tuple[int, ...]]) -> None:
    pts = np.asarray(rows, dtype=np.float64)
    mask = pareto_mask_nd(pts)
    for i, p in enumerate(pts):
        beaten = any(np.all(q >= p) and np.any(q > p) for q in pts)
        assert mask[i] == (not beaten)


def test_the_n_d_frontier_of_a_scenario_matches_brute_force() -> None:
    sides = TRIO.signatories
    found = frontier_many(TRIO, tuple(TRIO.parties[s].preferences.weights for s in sides), sides)
    assert found is not None
    pts, _ = found
    ids = [i.id for i in TRIO.sc.issues]
    every = []
    for combo in itertools.product(*(range(len(TRIO.grid[i])) for i in ids)):
        every.append(
            tuple(
                round(
                    sum(
                        TRIO.parties[s].preferences.weights.get(i, 0.0) * TRIO.tables[s][i][k]
                        for i, k in zip(ids, combo, strict=True)
                    ),
                    9,
                )
                for s in sides
            )
        )
    arr = np.asarray(every)
    brute = {tuple(p) for p in arr[pareto_mask_nd(arr)]}
    assert {tuple(p) for p in pts} == brute


def test_analytics_for_three_signatories_rate_the_deal_and_the_mediators_proposals() -> None:
    final = replay_history(TRIO)[-1].after
    a = analyse(final)
    assert isinstance(a, ManySides)
    assert a.deal is not None and a.deal.on_frontier and a.deal.distance == 0.0
    assert a.nash is not None and a.nash.terms is not None
    assert [by for _, by, _ in a.mediator] == ["chair"]
    assert json.loads(json.dumps(a.to_json()))["mediator_proposals"][0]["by"] == "chair"


def test_two_signatories_and_a_mediator_keep_the_plane_analytics() -> None:
    text = (FIXTURES / "scenarios" / "mini.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "issues:\n",
        "  - id: chair\n    role: mediator\n    name: {en: Chair}\n    diplomat: {id: cleo, name: {en: Cleo}}\nissues:\n",
        1,
    )
    from game.engine import compile_loaded
    from game.scenario.loader import validate_located
    from game.scenario.yamlsafe import load_yaml_text

    c = compile_loaded(validate_located(load_yaml_text(text, "mediated.yaml"), "mediated.yaml"))
    state = play(
        c, Move("propose", "north", {"rent": 24, "term": "medium"}), Move("accept", "south")
    )
    a = analyse(state)
    assert isinstance(a, Analysis) and a.sides == ("north", "south")


def test_the_n_d_analytics_stop_at_their_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    from game.engine import multilateral

    monkeypatch.setattr(multilateral, "MAX_CANDIDATES", 5)
    final = replay_history(TRIO)[-1].after
    assert analyse(final) is None
    assert debrief(final, None).analytics is None


def test_the_record_of_the_talks_dates_each_agreement_and_names_its_parties() -> None:
    state = play(TRIO, Move("propose", "north", {"rent": 24}), Move("accept", "south"))
    first = next(e for e in state.news if e.code == "move.accept")
    assert first.params["waiting"] == ("east",) and "agreed_by" not in first.params
    state = apply(state, Move("accept", "east"))
    last = next(e for e in state.news if e.code == "move.accept")
    assert last.params["agreed_by"] == ("north", "south", "east")
    assert last.date == dt.date(1924, 1, 7)
