"""The debrief's analytics: the issue-by-issue frontier equals brute force."""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np

from game.engine import Move, apply, new_game
from game.engine.analysis import analyse, frontier
from game.engine.analytics import distinct_points, pareto_mask
from game.engine.record import replay_history
from game.engine.utility import weights


def brute(c: Any, w: tuple[dict[str, float], dict[str, float]]) -> np.ndarray:
    sides = [p.id for p in c.sc.parties]
    pts = []
    for combo in itertools.product(*(c.grid[i.id] for i in c.sc.issues)):
        terms = dict(zip([i.id for i in c.sc.issues], combo, strict=True))
        pts.append(
            tuple(
                sum(w[j].get(k, 0) * c.tables[s][k][c.grid[k].index(v)] for k, v in terms.items())
                for j, s in enumerate(sides)
            )
        )
    arr = np.array(pts)
    front = arr[pareto_mask(arr[:, 0], arr[:, 1])]
    front = front[np.lexsort((front[:, 1], front[:, 0]))]
    return front[distinct_points(front)]


def test_frontier_equals_brute_force(mini: Any) -> None:
    state = new_game(mini, 1)
    sides = tuple(p.id for p in mini.sc.parties)
    w = (weights(state, mini, sides[0]), weights(state, mini, sides[1]))
    pts, _ = frontier(mini, w, sides)  # type: ignore[arg-type]
    expected = brute(mini, w)
    assert pts.shape == expected.shape
    assert np.allclose(pts, expected, rtol=0.0, atol=1e-12)


def test_nash_point_maximises_the_product_and_history_is_placed(mini: Any) -> None:
    final = replay_history(mini)[-1].after
    a = analyse(final)
    assert a.nash is not None and a.kalai is not None and a.deal is not None
    r = a.reservation
    best = max((x - r[0]) * (y - r[1]) for x, y in a.frontier if x >= r[0] and y >= r[1])
    assert (a.nash.utilities[0] - r[0]) * (a.nash.utilities[1] - r[1]) == best
    assert a.distance is not None and a.distance >= 0
    assert a.history is not None and a.history.terms == {"rent": 20, "term": "medium"}
    assert a.size == 11 * 3


def test_a_deal_on_the_frontier_has_distance_zero(mini: Any) -> None:
    s = new_game(mini, 1)
    s = apply(s, Move("instruct", "north"))
    a0 = analyse(s)
    assert a0.nash is not None and a0.nash.terms is not None
    terms = a0.nash.terms
    s = apply(s, Move("propose", "north", terms))
    s = apply(s, Move("accept", "south"))
    a = analyse(s)
    assert a.distance is not None and a.distance < 1e-6
