"""Invariants of the rules, checked on random move sequences (hypothesis)."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import IllegalMoveError, Move, MoveKind, apply, new_game
from game.engine.rules import within
from game.engine.state import GameState
from game.persistence.scenarios import load
from tests.conftest import FIXTURES

C = load(FIXTURES / "scenarios" / "mini.yaml")
SIDES = [p.id for p in C.sc.parties]
KINDS = ["propose", "counter", "accept", "reject", "argue", "instruct", "adjourn", "break_off"]


def values(issue: str) -> st.SearchStrategy[Any]:
    grid = C.grid[issue]
    return st.one_of(st.sampled_from(grid), st.integers(-5, 40), st.text(max_size=3))


Spec = tuple[str, str, dict[str, Any], str | None, dt.date | None]
"""A move's fields: the move is built in the test, as building it may be illegal."""

moves = st.builds(
    lambda side, kind, pkg, arg, days: (
        side,
        kind,
        pkg,
        arg,
        (dt.date(1924, 1, 7) + dt.timedelta(days=days)) if days is not None else None,
    ),
    st.sampled_from(SIDES + ["nobody"]),
    st.sampled_from(KINDS + ["dance"]),
    st.dictionaries(
        st.sampled_from(list(C.issues) + ["nothing"]),
        st.deferred(lambda: st.one_of(values("rent"), values("term"))),
        max_size=3,
    ),
    st.one_of(st.none(), st.sampled_from(["trade", "charm"])),
    st.one_of(st.none(), st.integers(-3, 250)),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2**32), st.lists(moves, max_size=40))
def test_random_moves_raise_only_illegal_move_errors(seed: int, seq: list[Spec]) -> None:
    state = new_game(C, seed)
    for side, kind, pkg, arg, until in seq:
        # the side to move makes the move half the time, so games get somewhere
        if side == "nobody":
            side = state.to_move
        before, snapshot = state, contents(state)
        try:
            mv = Move(kind, side, pkg, arg, until)  # type: ignore[arg-type]
            state = apply(state, mv)
        except IllegalMoveError as exc:
            assert exc.reason
            assert state is before
        # applying never changes the state it was given, legal move or not
        assert contents(before) == snapshot
        if state is before:
            continue
        check_invariants(before, state, mv)
        if state.over:
            break


def check_invariants(before: Any, after: Any, mv: Move) -> None:
    # every offer lies in the issue space and inside the proposer's mandate then
    if mv.kind is MoveKind.PROPOSE or mv.kind is MoveKind.COUNTER:
        offer = after.offers[-1]
        for iid, v in offer.package.items():
            assert v in C.grid[iid]
            assert within(before.mandate_of(mv.side).bounds.get(iid), v)
    # no agreement outside either side's mandate at the moment of acceptance
    if mv.kind is MoveKind.ACCEPT:
        for side in SIDES:
            mandate = before.mandate_of(side)
            for iid, v in before.offer.package.items():
                assert within(mandate.bounds.get(iid), v)
    # the calendar never runs backwards and stays inside the scenario
    assert after.date >= before.date
    assert C.sc.calendar.start <= after.date <= C.sc.calendar.deadline
    if after.outcome is not None and after.outcome.termination.value == "signed":
        assert set(after.outcome.terms) <= set(C.issues)
    assert after.ply == before.ply + 1


def contents(state: GameState) -> dict[str, Any]:
    """Every field of ``state`` (all but the shared scenario), deeply copied, so that a
    change made later to the state or to anything in it shows against this copy."""
    return {
        f.name: copy.deepcopy(getattr(state, f.name))
        for f in dataclasses.fields(state)
        if f.compare
    }
