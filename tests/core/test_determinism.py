"""Same scenario, seed and moves: the same game, for every scenario file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from game.engine import GameState, apply, new_game
from game.engine.policy import make_policy
from game.persistence.scenarios import load
from tests.conftest import FIXTURES, bundled_scenarios

FILES = bundled_scenarios() + [FIXTURES / "scenarios" / "mini.yaml"]


def play(c: Any, seed: int, kind: str, limit: int = 400) -> list[GameState]:
    sides = [p.id for p in c.sc.parties]
    policies = {s: make_policy(c, s, kind) for s in sides}
    states = [new_game(c, seed)]
    while not states[-1].over and len(states) < limit:
        s = states[-1]
        states.append(apply(s, policies[s.to_move].choose(s, s.to_move).move))
    return states


def fingerprint(states: list[GameState]) -> list[tuple[Any, ...]]:
    return [
        (s.date, s.stage, s.to_move, s.offer, tuple(s.agreed.items()), s.draws, s.outcome)
        for s in states
    ]


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
@pytest.mark.parametrize("kind", ["historical", "random"])
def test_same_seed_same_game(path: Path, kind: str) -> None:
    c = load(path)
    first = play(c, 11, kind)
    again = play(c, 11, kind)
    assert fingerprint(first) == fingerprint(again)


def test_seed_changes_random_play(mini: Any) -> None:
    games = {tuple(fingerprint(play(mini, seed, "random"))[-1][:2]) for seed in range(8)}
    assert len(games) > 1
