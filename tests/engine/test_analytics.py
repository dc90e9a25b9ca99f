"""Analytics against brute force, and the benchmark domain's Nash point."""

from __future__ import annotations

import itertools
import json
import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine.analytics import analyse, distance_to_polyline, pareto_mask, utility_array
from game.engine.space import IssueSpace, LinearUtility, OutcomeSpace
from tests.fixtures.bench_domain import BENCH_DOMAIN, build_domain

EIGHTHS = st.integers(0, 8).map(lambda k: k / 8)


@st.composite
def utility_pairs(draw: st.DrawFn) -> tuple[LinearUtility, LinearUtility]:
    sizes = draw(st.lists(st.integers(1, 4), min_size=1, max_size=3))
    space = OutcomeSpace(tuple(IssueSpace(f"i{k}", tuple(range(n))) for k, n in enumerate(sizes)))

    def utility() -> LinearUtility:
        weights = tuple(draw(EIGHTHS) for _ in sizes)
        tables = tuple(tuple(draw(EIGHTHS) for _ in range(n)) for n in sizes)
        return LinearUtility(space, weights, tables, draw(st.sampled_from([0.0, 0.25, 0.5])))

    return utility(), utility()


def brute_frontier(pairs: list[tuple[float, float]]) -> set[int]:
    def dominated(k: int) -> bool:
        a = pairs[k]
        return any(b[0] >= a[0] and b[1] >= a[1] and (b[0] > a[0] or b[1] > a[1]) for b in pairs)

    return {k for k in range(len(pairs)) if not dominated(k)}


@settings(max_examples=150, deadline=None)
@given(utility_pairs())
def test_analytics_equal_brute_force(pair: tuple[LinearUtility, LinearUtility]) -> None:
    u1, u2 = pair
    space = u1.space
    ranges = [range(len(issue.values)) for issue in space.issues]
    pairs = [(u1.of_indices(ix), u2.of_indices(ix)) for ix in itertools.product(*ranges)]
    a = analyse(u1, u2)

    assert utility_array(u1).tolist() == [p[0] for p in pairs]
    frontier = brute_frontier(pairs)
    assert set(a.frontier_indices) == frontier
    assert set(a.frontier) == {pairs[k] for k in frontier}
    assert list(a.frontier) == sorted(set(a.frontier))

    r1, r2 = u1.reservation, u2.reservation
    feasible = [p for p in pairs if p[0] >= r1 and p[1] >= r2]
    if not feasible:
        assert a.nash is None and a.kalai is None
        return
    best = max((p[0] - r1) * (p[1] - r2) for p in feasible)
    assert a.nash is not None
    assert math.isclose((a.nash[0] - r1) * (a.nash[1] - r2), best, abs_tol=1e-12)
    assert a.nash_index is not None and pairs[a.nash_index] == a.nash

    ideal = (max(p[0] for p in feasible), max(p[1] for p in feasible))
    assert a.ideal == ideal
    dx, dy = ideal[0] - r1, ideal[1] - r2
    norm = math.hypot(dx, dy)
    candidates = [pairs[k] for k in frontier if pairs[k][0] >= r1 and pairs[k][1] >= r2]

    def dist(p: tuple[float, float]) -> float:
        return abs((p[0] - r1) * dy - (p[1] - r2) * dx) / norm if norm else 0.0

    assert a.kalai is not None
    assert math.isclose(dist(a.kalai), min(dist(p) for p in candidates), abs_tol=1e-12)
    assert a.kalai in candidates


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(EIGHTHS, EIGHTHS), min_size=1, max_size=40))
def test_pareto_mask_matches_brute_force(points: list[tuple[float, float]]) -> None:
    u1 = np.array([p[0] for p in points])
    u2 = np.array([p[1] for p in points])
    assert set(np.flatnonzero(pareto_mask(u1, u2)).tolist()) == brute_frontier(points)


def test_distance_to_polyline() -> None:
    pts = np.array([[0.0, 1.0], [1.0, 0.0]])
    assert math.isclose(distance_to_polyline(pts, 0.0, 0.0), math.sqrt(0.5))
    assert distance_to_polyline(pts, 0.5, 0.5) == 0.0
    assert math.isclose(distance_to_polyline(pts, 2.0, 0.0), 1.0)


def test_benchmark_domain_nash_point_and_json() -> None:
    _, utils = build_domain(BENCH_DOMAIN)
    a = analyse(utils["JP"], utils["SU"])
    assert a.size == 181_440
    assert a.nash is not None
    assert abs(a.nash[0] - 0.66) <= 0.01 and abs(a.nash[1] - 0.62) <= 0.01
    assert a.distance_to_frontier(*a.nash) < 1e-9
    assert a.distance_to_frontier(0.3, 0.35) > 0.3
    text = json.dumps(a.to_dict())
    assert json.loads(text)["nash"] == list(a.nash)
