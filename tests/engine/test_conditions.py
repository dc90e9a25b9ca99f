"""Conditions with ``any`` and ``term``, decided by the rules in a game.

The fixture (tests/fixtures/scenarios/conditions.yaml) is the mini scenario with
events that fire when their condition holds:

- ``high_rent``: ``term`` rent within ``min: 22`` and ``max: 30``;
- ``low_rent``: ``term`` rent at most 20 (``max`` alone);
- ``long_lease``: ``term`` term ``in: [long]``;
- ``storm_or_long``: ``any`` of the storm (10 March) and a long lease;
- ``never``: ``any`` of a date before the game and a short lease (South's mandate
  never allows one).
"""

from __future__ import annotations

import datetime as dt

import pytest

from game.engine import GameState, Move, MoveKind, apply, new_game
from game.engine.space import Value
from game.persistence.scenarios import load
from tests.conftest import FIXTURES

C = load(FIXTURES / "scenarios" / "conditions.yaml")
WATCHED = {"storm", "high_rent", "low_rent", "long_lease", "storm_or_long", "never"}


def play(*moves: Move, state: GameState | None = None) -> GameState:
    state = state if state is not None else new_game(C, 1)
    for move in moves:
        state = apply(state, move)
    return state


def fired(state: GameState) -> set[str]:
    return set(state.fired) & WATCHED


def agree(package: dict[str, Value]) -> tuple[Move, Move]:
    return Move(MoveKind.PROPOSE, "north", package), Move(MoveKind.ACCEPT, "south")


def test_nothing_fires_before_anything_is_agreed() -> None:
    assert fired(play()) == set()
    assert fired(play(Move(MoveKind.PROPOSE, "north", {"rent": 24, "term": "long"}))) == set()


@pytest.mark.parametrize(
    ("package", "expected"),
    [
        ({"rent": 24}, {"high_rent"}),
        ({"rent": 30}, {"high_rent"}),
        ({"rent": 20}, {"low_rent"}),
        ({"rent": 20, "term": "medium"}, {"low_rent"}),
        ({"rent": 22, "term": "long"}, {"high_rent", "long_lease", "storm_or_long"}),
        ({"term": "long"}, {"long_lease", "storm_or_long"}),
        ({"term": "medium"}, set()),
    ],
)
def test_term_conditions_read_the_agreed_values(
    package: dict[str, Value], expected: set[str]
) -> None:
    assert fired(play(*agree(package))) == expected


def test_a_later_agreement_makes_a_term_and_an_any_condition_hold() -> None:
    state = play(*agree({"rent": 24}))
    assert fired(state) == {"high_rent"}
    state = play(*agree({"term": "long"}), state=state)
    assert fired(state) == {"high_rent", "long_lease", "storm_or_long"}
    assert state.outcome is not None and dict(state.outcome.terms) == {"rent": 24, "term": "long"}


def test_any_holds_by_its_other_branch_when_the_storm_comes() -> None:
    state = play()
    while state.date < dt.date(1924, 3, 10):
        assert "storm_or_long" not in state.fired
        state = play(Move(MoveKind.ADJOURN, state.to_move), state=state)
    assert not state.agreed
    assert fired(state) == {"storm", "storm_or_long"}
