"""The AI clause by clause: partial and linked offers, the agenda, reopening, three
parties, the mediator's compromise, per-side categories."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import numpy as np
import pytest

from game.engine import Move, apply, check, new_game
from game.engine.ai import KINDS, Negotiator, outcome_table
from game.engine.ai import mediation as med
from game.engine.ai.clauses import acceptable_part, logroll, reach, upper_reach
from game.engine.ai.decision import DecisionKind
from game.engine.policy import AIPolicy, MediatorPolicy, make_policy
from game.engine.space import IssueSpace, LinearUtility, OfferRecord, OutcomeSpace, SideView
from game.engine.utility import side_view
from game.persistence.scenarios import load
from tests.conftest import FIXTURES

TRIO_PATH = FIXTURES / "scenarios" / "trio.yaml"
TRIO = load(TRIO_PATH)

SPACE = OutcomeSpace(
    (
        IssueSpace("rent", (10, 20, 30)),
        IssueSpace("port", ("open", "shared", "closed")),
        IssueSpace("term", ("short", "medium", "long")),
    )
)
# rent matters most to this side, the port least
MINE = LinearUtility(
    SPACE, (0.6, 0.1, 0.3), ((0.0, 0.5, 1.0), (1.0, 0.5, 0.0), (0.0, 0.5, 1.0)), 0.1
)
NEG = Negotiator.from_config({"beta": 1.0, "model": None})
DAY = dt.date(1924, 5, 1)


def view(
    *,
    t: float = 0.0,
    their: dict[str, Any] | None = None,
    links: tuple[tuple[str, ...], ...] = (),
    agenda: tuple[tuple[str, ...], ...] = (),
    utility: LinearUtility = MINE,
    reopenable: tuple[str, ...] = (),
    worth: dict[str, tuple[float, float]] | None = None,
) -> SideView:
    offer = OfferRecord("them", their, DAY, links, ("me",)) if their is not None else None
    return SideView(
        side="me",
        others=("them",),
        space=utility.space,
        utility=utility,
        allowed=tuple(frozenset(range(len(i.values))) for i in utility.space.issues),
        time=t,
        their_offer=their,
        my_last_offer=None,
        offers=(offer,) if offer is not None else (),
        legal_kinds=frozenset(KINDS),
        table=("me", "them"),
        signatories=("me", "them"),
        offer=offer,
        agenda=agenda,
        reopenable=reopenable,
        clause_worth=worth or {},
    )


def target(t: float) -> float:
    return NEG.offering.prepare(outcome_table(SPACE, MINE)).target(t)


# ----------------------------------------------------------------------------- partial offers


def test_a_partial_offer_is_worth_its_best_completion_within_the_mandate() -> None:
    table = outcome_table(SPACE, MINE)
    assert upper_reach(table, {0: 1}) == pytest.approx(0.3 + 0.1 + 0.3)
    narrow = outcome_table(SPACE, MINE, (frozenset({0, 1}), frozenset({0, 1, 2}), frozenset({0})))
    # with the term held to "short" by the mandate, rent 20 completes at most to 0.4
    assert upper_reach(narrow, {0: 1}) == pytest.approx(0.3 + 0.1)
    assert reach(narrow, {0: 2}, 0.0, None) is None  # rent 30 lies outside that mandate


def test_the_ai_accepts_a_partial_offer_that_keeps_a_completion_above_its_target() -> None:
    t = 0.3
    assert target(t) == pytest.approx(0.73)
    decision = NEG.decide(view(t=t, their={"rent": 30, "port": "closed"}))  # completes to 0.9
    assert decision.kind is DecisionKind.ACCEPT
    assert decision.package == {"rent": 30, "port": "closed"} and decision.clauses == ()
    assert decision.utility == pytest.approx(0.9)
    assert decision.reasons[0].code == "ai.accept_clauses_all"


def test_the_ai_refuses_a_partial_offer_whose_best_completion_falls_below_its_target() -> None:
    decision = NEG.decide(view(t=0.3, their={"rent": 10}))  # completes at best to 0.4
    assert decision.kind is DecisionKind.OFFER
    assert decision.reasons[0].code == "ai.no_part"


def test_the_ai_accepts_the_clauses_it_can_and_leaves_the_rest_open() -> None:
    decision = NEG.decide(view(t=0.3, their={"rent": 30, "term": "short"}))
    assert decision.kind is DecisionKind.ACCEPT
    assert decision.clauses == ("rent",) and decision.package == {"rent": 30}
    reason = decision.reasons[0]
    assert reason.code == "ai.accept_clauses" and reason.params["left"] == ("term",)


def test_a_link_is_accepted_whole_or_not_at_all() -> None:
    linked = view(t=0.3, their={"rent": 30, "term": "short"}, links=(("rent", "term"),))
    assert NEG.decide(linked).kind is DecisionKind.OFFER
    table = outcome_table(SPACE, MINE)
    part = acceptable_part(table, {"rent": 30, "term": "short"}, (), 0.73, None)
    assert part is not None and part.clauses == ("rent",) and part.left == ("term",)


def test_the_others_estimates_bound_the_completions() -> None:
    from game.engine.ai.clauses import Others

    table = outcome_table(SPACE, MINE)
    rating = np.zeros(9)
    rating[3 + 0] = 1.0  # they are thought to want the port open, and nothing else matters
    wants_open = Others((rating,), (0.9,))
    # the best completion of rent 30 they would take keeps the port open: 0.6 + 0.1 + 0.3
    assert reach(table, {0: 2}, 0.5, wants_open) == pytest.approx(1.0)
    assert reach(table, {0: 2, 1: 2}, 0.5, wants_open) is None  # a closed port they refuse
    assert reach(table, {0: 2, 1: 2}, 0.5, None) == pytest.approx(0.9)


# ----------------------------------------------------------------------------- agenda, links


def test_the_ai_proposes_group_by_group_by_its_agenda() -> None:
    agenda = (("term",), ("rent", "port"))
    first = NEG.decide(view(agenda=agenda))
    assert first.kind is DecisionKind.OFFER and set(first.package or {}) == {"term"}
    assert first.reasons[0].code == "ai.agenda" and first.reasons[0].params["issues"] == ("term",)
    # once the term is agreed, the next group
    rest = OutcomeSpace(SPACE.issues[:2])
    later = LinearUtility(rest, (0.6, 0.1), MINE.tables[:2], 0.1, offset=0.3)
    second = NEG.decide(view(agenda=agenda, utility=later))
    assert set(second.package or {}) == {"rent", "port"}


def test_a_linked_offer_trades_an_issue_it_values_little_for_one_it_values_much() -> None:
    space = OutcomeSpace(SPACE.issues[:2])
    mine = LinearUtility(space, (0.8, 0.2), MINE.tables[:2], 0.1)
    decision = NEG.decide(view(t=0.25, utility=mine))  # asks for 78: rent 30, the port closed
    assert decision.kind is DecisionKind.OFFER
    assert decision.package == {"rent": 30, "port": "closed"}
    assert decision.links == (("port", "rent"),)
    said = next(r for r in decision.reasons if r.code == "ai.logroll")
    assert (said.params["give"], said.params["get"]) == ("port", "rent")


def test_no_link_where_the_offer_trades_nothing() -> None:
    table = outcome_table(SPACE, MINE)
    everything = table.row_of({"rent": 30, "port": "open", "term": "long"})
    assert logroll(table, everything, ["rent", "port", "term"], None) is None


# ----------------------------------------------------------------------------- reopening


def test_the_ai_reopens_only_a_clause_that_blocks_every_completion_above_its_reservation() -> None:
    space = OutcomeSpace(SPACE.issues[:1])
    # the port, agreed "closed", is worth 0 to this side; its best would be 0.1
    blocked = LinearUtility(space, (0.6,), MINE.tables[:1], 0.65)
    worth = {"port": (0.0, 0.1)}
    decision = NEG.decide(view(utility=blocked, reopenable=("port",), worth=worth))
    assert decision.kind is DecisionKind.REOPEN and decision.issue == "port"
    assert decision.reasons[0].code == "ai.reopen"
    free = LinearUtility(space, (0.6,), MINE.tables[:1], 0.55)
    assert NEG.decide(view(utility=free, reopenable=("port",), worth=worth)).kind is not (
        DecisionKind.REOPEN
    )
    hopeless = LinearUtility(space, (0.6,), MINE.tables[:1], 0.75)  # reopening would not help
    assert NEG.decide(view(utility=hopeless, reopenable=("port",), worth=worth)).kind is not (
        DecisionKind.REOPEN
    )


# ----------------------------------------------------------------------------- three parties


def _play(c: Any, seed: int, limit: int = 4000) -> tuple[Any, list[Move]]:
    players = {p: make_policy(c, p, "historical") for p in c.parties}
    state = new_game(c, seed)
    moves = []
    for _ in range(limit):
        if state.over:
            break
        move = players[state.to_move].choose(state, state.to_move).move
        assert check(state, move) is None, move
        moves.append(move)
        state = apply(state, move)
    return state, moves


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_three_party_ai_games_end_in_a_deal_where_a_deal_zone_exists(seed: int) -> None:
    state, _ = _play(TRIO, seed)
    assert state.outcome is not None and state.outcome.termination.value == "signed"
    terms = state.outcome.terms
    assert terms["rent"] >= 14 and terms["term"] in ("medium", "long")
    assert terms["port"] in ("shared", "closed")


def test_three_party_ai_games_end_without_a_deal_where_no_zone_exists(tmp_path: Any) -> None:
    text = TRIO_PATH.read_text(encoding="utf-8").replace(
        "bounds: {term: {allow: [medium, long]}}", "bounds: {term: {allow: [long]}}"
    )
    text = text.replace(
        "bounds: {port: {allow: [shared, closed]}}", "bounds: {term: {allow: [short, medium]}}"
    )
    path = tmp_path / "trio.yaml"
    path.write_text(text, encoding="utf-8")
    state, _ = _play(load(path), 1)
    assert state.outcome is not None and state.outcome.termination.value != "signed"


def test_the_same_seed_gives_the_same_three_party_game_and_seeds_differ() -> None:
    games = [_play(TRIO, seed)[1] for seed in (1, 1, 2, 3, 4, 5)]
    assert games[0] == games[1]
    assert any(g != games[0] for g in games[2:])


def test_at_a_table_of_three_the_ai_yields_the_floor_while_an_offer_awaits_the_others() -> None:
    state = apply(new_game(TRIO, 1), Move("propose", "north", {"rent": 20, "term": "medium"}))
    state = apply(state, Move("accept", "south"))
    # east must answer; north's own offer waits: at north's turn it would pass
    view_north = side_view(state.but(to_move="north"), "north")
    assert view_north.can_pass
    decision = AIPolicy(TRIO, "north").negotiator.decide(view_north)
    assert decision.kind is DecisionKind.PASS and decision.reasons[0].code == "ai.wait"


def test_an_ai_signatory_answers_an_offer_addressed_to_it_on_its_own_utility() -> None:
    state = apply(new_game(TRIO, 1), Move("propose", "north", {"port": "shared"}))
    choice = AIPolicy(TRIO, "south").choose(state, "south")
    # shared is the middle of south's port values and inside its mandate: early on it holds out
    assert choice.move.kind.value in ("accept", "counter")
    assert check(state, choice.move) is None


# ----------------------------------------------------------------------------- the mediator


def _estimated_nash(space: OutcomeSpace, said: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    ratings = med._models(space, said)
    ranges = med._ranges(space, said)
    starts = [0, *itertools.accumulate(len(i.values) for i in space.issues)][:-1]
    best, pick = -1.0, None
    for combo in itertools.product(*ranges):
        product = 1.0
        for r in ratings.values():
            product *= sum(float(r[s + k]) for s, k in zip(starts, combo, strict=True))
        if product > best + 1e-12:
            best, pick = product, combo
    assert pick is not None
    return {i.id: i.values[k] for i, k in zip(space.issues, pick, strict=True)}


def test_the_mediators_proposal_lies_at_the_estimated_nash_point() -> None:
    state = new_game(TRIO, 1)
    for mv in (
        Move("propose", "north", {"rent": 30, "term": "short", "port": "open"}),
        Move("counter", "south", {"rent": 10, "term": "long", "port": "closed"}),
        Move("counter", "east", {"rent": 16, "term": "medium", "port": "shared"}),
    ):
        state = apply(state, mv)
    choice = MediatorPolicy().choose(state, "chair")
    assert choice.move.kind.value == "propose"
    said = {
        p: [dict(o.package) for o in state.offers if o.by == p] for p in ("north", "south", "east")
    }
    space = OutcomeSpace(tuple(IssueSpace(i, TRIO.grid[i]) for i in state.open_issues()))
    assert dict(choice.move.package) == _estimated_nash(space, said)
    codes = [r.code for r in choice.reasons]
    assert codes[0] == "ai.mediator_nash" and "ai.mediator_gives" in codes


def test_the_mediators_search_finds_the_estimated_nash_point_on_large_ranges(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    space = OutcomeSpace(tuple(IssueSpace(f"i{k}", tuple(range(6))) for k in range(4)))
    rng = np.random.default_rng(4)
    said = {
        p: [{f"i{k}": int(rng.integers(0, 6)) for k in range(4)} for _ in range(5)]
        for p in ("a", "b", "c")
    }
    exact = med.compromise(space, said)
    assert exact.package == _estimated_nash(space, said)
    monkeypatch.setattr(med, "EXACT", 0)
    searched = med.compromise(space, said)
    product = np.prod(list(searched.estimates.values()))
    assert product >= 0.98 * np.prod(list(exact.estimates.values()))


def test_the_mediator_waits_while_its_proposal_awaits_answers() -> None:
    state = new_game(TRIO, 1)
    for mv in (Move("pass", "north"), Move("pass", "south"), Move("pass", "east")):
        state = apply(state, mv)
    first = MediatorPolicy().choose(state, "chair")
    assert first.move.kind.value == "propose"
    state = apply(state, first.move)
    for side in ("north", "south", "east"):
        state = apply(state, Move("pass", side) if side != "north" else Move("reject", side))
    again = MediatorPolicy().choose(state, "chair")
    assert again.move.kind.value == "pass"  # nothing has moved since, in this session


# ----------------------------------------------------------------------------- categories


def test_per_side_categories_drive_each_sides_concession_classes() -> None:
    """Rent is economic for North and a principle for East: East concedes on it on the
    principles' curve (the persona's beta), North on the economics' curve."""
    for side, expected in (("north", "economics"), ("east", "principles")):
        offering = AIPolicy(TRIO, side).negotiator.offering
        assert offering.issue_class["rent"] == expected
        persona = TRIO.parties[side].persona
        beta = persona.beta_principles if expected == "principles" else persona.beta_economics
        assert offering.class_beta[expected] == beta
        view_ = side_view(new_game(TRIO, 1).but(to_move=side), side)
        plan = offering.plan(outcome_table(view_.space, view_.utility, view_.allowed))
        assert beta in {share[0] for share in plan.shares}
