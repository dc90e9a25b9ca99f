"""Exact bargaining analytics on a discrete outcome space.

Everything here is vectorised with numpy over the whole :class:`OutcomeSpace`
(outcomes in ``itertools.product`` order, i.e. row-major with the first issue
slowest). The results come back as an :class:`Analytics` frozen dataclass of
plain Python floats, ints and tuples, so they serialise to JSON as they are.

Definitions (negotiation-science vocabulary, as in NegMAS):

* **Pareto frontier**: outcomes that no other outcome weakly dominates with at
  least one strict improvement, utilities compared within :data:`TOLERANCE`
  (so a package that loses only by a floating-point tie is not on it). Found
  by one sort and binary searches, O(n log n).
* **Nash point**: the outcome that maximises ``(u1 - r1) * (u2 - r2)`` among
  outcomes where both sides get at least their reservation value.
* **Kalai-Smorodinsky point**: among the frontier outcomes that both sides
  prefer to no deal, the one closest (Euclidean, perpendicular) to the line
  from the disagreement point ``(r1, r2)`` to the ideal point (each side's
  best utility over those outcomes); ties go to the larger utility sum.
* **Distance from the frontier** (:meth:`Analytics.distance_to_frontier`): the
  Euclidean distance from a utility pair to the *piecewise-linear curve* that
  joins consecutive frontier points (sorted by ``u1``); zero on the frontier.

>>> from game.engine.space import IssueSpace, LinearUtility, OutcomeSpace
>>> s = OutcomeSpace((IssueSpace("a", (0, 1, 2)), IssueSpace("b", ("x", "y"))))
>>> u1 = LinearUtility(s, (0.5, 0.5), ((0.0, 0.5, 1.0), (0.0, 1.0)), 0.0)
>>> u2 = LinearUtility(s, (0.5, 0.5), ((1.0, 0.5, 0.0), (0.0, 1.0)), 0.0)
>>> a = analyse(u1, u2)
>>> a.frontier
((0.5, 1.0), (0.75, 0.75), (1.0, 0.5))
>>> a.nash
(0.75, 0.75)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from game.engine.space import LinearUtility, OutcomeSpace

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]
CodeArray = npt.NDArray[np.signedinteger[Any]]
"""Small value indices (int8 or int32), to save memory on large spaces."""

__all__ = [
    "Analytics",
    "analyse",
    "TOLERANCE",
    "codes_array",
    "distance_to_polyline",
    "distinct_points",
    "pareto_mask",
    "utility_array",
]


def _shape(space: OutcomeSpace) -> tuple[int, ...]:
    return tuple(len(issue.values) for issue in space.issues)


def utility_array(utility: LinearUtility, space: OutcomeSpace | None = None) -> FloatArray:
    """Utility of every outcome of the space, in ``itertools.product`` order.

    Built by broadcasting the per-issue weighted tables (no loop over
    outcomes), offset included.

    Args:
        utility: An additive utility.
        space: The space to enumerate; defaults to ``utility.space``.

    Returns:
        A 1-D float64 array of length ``space.size``.
    """
    space = utility.space if space is None else space
    shape = _shape(space)
    total: FloatArray = np.full((1,) * len(shape), float(utility.offset))
    for axis, table in enumerate(utility.weighted_tables):
        view_shape = [1] * len(shape)
        view_shape[axis] = len(table)
        total = total + np.asarray(table, dtype=np.float64).reshape(view_shape)
    return np.ascontiguousarray(np.broadcast_to(total, shape)).reshape(-1)


def codes_array(space: OutcomeSpace) -> CodeArray:
    """Value indices of every outcome: shape ``(space.size, n_issues)``."""
    shape = _shape(space)
    dtype = np.int8 if max(shape, default=1) <= 127 else np.int32
    grid = np.indices(shape, dtype=dtype).reshape(len(shape), -1)
    return np.ascontiguousarray(grid.T)


TOLERANCE = 1e-10
"""Utilities closer than this are equal: the one place the analytics compare with a tolerance,
so that sums of the same terms in another order (0.30000000000000004 and 0.3) tie."""


def pareto_mask(u1: FloatArray, u2: FloatArray, tol: float = TOLERANCE) -> npt.NDArray[np.bool_]:
    """Boolean mask of the Pareto-optimal outcomes (ties all kept).

    An outcome is dominated when another is better by more than ``tol`` on
    one side and worse by at most ``tol`` on the other: a package that loses
    only by a floating-point tie is dominated, two that tie on both sides are
    both kept. Sort by ``u1`` descending; the best ``u2`` among outcomes with
    a larger ``u1`` is a running maximum, found by binary search. O(n log n).
    """
    n = u1.shape[0]
    mask = np.zeros(n, dtype=np.bool_)
    if n == 0:
        return mask
    order = np.argsort(-u1, kind="stable")
    a = u1[order]
    b = u2[order]
    best = np.maximum.accumulate(b)
    descending = -a
    # others better on u1 (by more than tol), no worse on u2 (by more than tol)
    k = np.searchsorted(descending, -(a + tol), side="left")
    dominated = (k > 0) & (best[np.maximum(k - 1, 0)] >= b - tol)
    # others no worse on u1, better on u2
    k = np.searchsorted(descending, -(a - tol), side="right")
    dominated |= best[k - 1] > b + tol
    mask[order[~dominated]] = True
    return mask


def distinct_points(points: FloatArray, tol: float = TOLERANCE) -> npt.NDArray[np.bool_]:
    """Mask of the first of each run of points (sorted by ``u1``) that tie within ``tol``."""
    keep = np.ones(points.shape[0], dtype=np.bool_)
    if points.shape[0] > 1:
        gap = np.abs(points[1:] - points[:-1])
        keep[1:] = np.any(gap > tol, axis=1)
    return keep


def distance_to_polyline(points: FloatArray, x: float, y: float) -> float:
    """Euclidean distance from ``(x, y)`` to the polyline through ``points``.

    Args:
        points: Shape ``(m, 2)``, the vertices in order.
        x: First coordinate of the query point.
        y: Second coordinate of the query point.
    """
    if points.shape[0] == 0:
        return float("inf")
    q = np.array([x, y], dtype=np.float64)
    if points.shape[0] == 1:
        return float(np.hypot(*(points[0] - q)))
    p0 = points[:-1]
    seg = points[1:] - p0
    length2 = np.einsum("ij,ij->i", seg, seg)
    safe = np.where(length2 > 0.0, length2, 1.0)
    s = np.clip(np.einsum("ij,ij->i", q - p0, seg) / safe, 0.0, 1.0)
    nearest = p0 + seg * s[:, None]
    return float(np.min(np.hypot(nearest[:, 0] - x, nearest[:, 1] - y)))


@dataclass(frozen=True)
class Analytics:
    """Bargaining analytics of two utilities over one outcome space.

    Attributes:
        size: Number of outcomes.
        reservation: ``(r1, r2)``, the disagreement point.
        frontier: Distinct Pareto-optimal utility pairs, sorted by ``u1``.
        frontier_indices: Flat indices (``itertools.product`` order) of every
            Pareto-optimal outcome, sorted by ``u1`` then index.
        nash: Utilities at the Nash point, or ``None`` when no outcome gives
            both sides at least their reservation.
        nash_index: Flat index of the Nash outcome, or ``None``.
        kalai: Utilities at the Kalai-Smorodinsky point, or ``None``.
        kalai_index: Flat index of the Kalai-Smorodinsky outcome, or ``None``.
        ideal: ``(max u1, max u2)`` over outcomes acceptable to both, or ``None``.
    """

    size: int
    reservation: tuple[float, float]
    frontier: tuple[tuple[float, float], ...]
    frontier_indices: tuple[int, ...]
    nash: tuple[float, float] | None
    nash_index: int | None
    kalai: tuple[float, float] | None
    kalai_index: int | None
    ideal: tuple[float, float] | None

    def distance_to_frontier(self, u1: float, u2: float) -> float:
        """Euclidean distance from ``(u1, u2)`` to the frontier's polyline."""
        return distance_to_polyline(np.asarray(self.frontier, dtype=np.float64), u1, u2)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""
        return asdict(self)

    def to_json(self) -> dict[str, Any]:
        """Same as :meth:`to_dict` (the name the debrief looks for)."""
        return self.to_dict()


def _pair(u1: FloatArray, u2: FloatArray, k: int) -> tuple[float, float]:
    return (float(u1[k]), float(u2[k]))


def analyse(
    utility1: LinearUtility,
    utility2: LinearUtility,
    reservations: tuple[float, float] | None = None,
) -> Analytics:
    """Frontier, Nash and Kalai-Smorodinsky points of two utilities.

    Args:
        utility1: First side's utility.
        utility2: Second side's utility, over the same space.
        reservations: Disagreement point; defaults to the utilities' own
            reservation values.

    Returns:
        The :class:`Analytics` of the pair.
    """
    if utility1.space != utility2.space:
        raise ValueError("both utilities must be defined over the same outcome space")
    r1, r2 = (utility1.reservation, utility2.reservation) if reservations is None else reservations
    u1 = utility_array(utility1)
    u2 = utility_array(utility2)
    mask = pareto_mask(u1, u2)
    idx = np.flatnonzero(mask)
    order = np.lexsort((idx, u1[idx]))
    idx = idx[order]
    pts = np.stack((u1[idx], u2[idx]), axis=1)
    frontier = tuple((float(a), float(b)) for a, b in pts[distinct_points(pts)])

    nash = kalai = ideal = None
    nash_index = kalai_index = None
    feasible = (u1 >= r1) & (u2 >= r2)
    if feasible.any():
        # the Nash product is largest on the frontier: look there, so a package
        # that loses by a floating-point tie is never the Nash point
        on = idx[feasible[idx]]
        product = (u1[on] - r1) * (u2[on] - r2)
        k = int(on[np.lexsort((on, -product))[0]])
        nash, nash_index = _pair(u1, u2, k), k
        i1 = float(u1[feasible].max())
        i2 = float(u2[feasible].max())
        ideal = (i1, i2)
        cand = idx[(u1[idx] >= r1) & (u2[idx] >= r2)]
        dx, dy = i1 - r1, i2 - r2
        norm = float(np.hypot(dx, dy))
        a1 = u1[cand] - r1
        a2 = u2[cand] - r2
        dist = np.abs(a1 * dy - a2 * dx) / norm if norm > 0.0 else np.zeros(cand.shape[0])
        best = np.lexsort((-(a1 + a2), dist))[0]
        kalai_index = int(cand[best])
        kalai = _pair(u1, u2, kalai_index)
    return Analytics(
        size=int(u1.shape[0]),
        reservation=(float(r1), float(r2)),
        frontier=frontier,
        frontier_indices=tuple(int(i) for i in idx),
        nash=nash,
        nash_index=nash_index,
        kalai=kalai,
        kalai_index=kalai_index,
        ideal=ideal,
    )
