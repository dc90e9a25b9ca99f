"""Bargaining analytics for three signatories or more, for the debrief.

With two signatories the debrief's analytics are exact on any space
(:mod:`game.engine.analysis`: a frontier in the plane). With more, a package's
utilities are a point in N dimensions; the Pareto frontier is found the same
way, issue by issue (a partial package dominated on the first k issues stays
dominated whatever the other issues add), with dominance in N dimensions, and
the Nash point (the largest product of gains over the reservation values) lies
on it. This is exact, but a frontier in N dimensions can be large, so the
analysis is made only while every step stays within :data:`MAX_CANDIDATES`
partial packages and the frontier within :data:`MAX_FRONTIER` points; beyond
that the debrief has no analytics (``analyse_many`` returns None).

A deal is *on the frontier* when no frontier point dominates it; its
*distance* is the Euclidean distance from its utilities to the nearest
frontier point (0 on the frontier).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np

from game.engine.analytics import FloatArray
from game.engine.compiled import Compiled
from game.engine.debrief import history_date, history_signed, history_terms
from game.engine.moves import Termination
from game.engine.space import Value
from game.engine.state import GameState
from game.engine.utility import MONTH_DAYS, delay_cost, reservation, utility, weights

MAX_CANDIDATES = 200_000
"""Partial packages compared at one step of the frontier (its size times the next issue's values)."""
MAX_FRONTIER = 20_000
"""Points of the frontier kept between steps."""
_ROUND = 9
_BLOCK = 256


def dominated(points: FloatArray, by: FloatArray) -> np.ndarray:
    """For each row of ``points``, whether some row of ``by`` dominates it (at least as
    good for every side, better for one)."""
    out = np.zeros(points.shape[0], dtype=np.bool_)
    if by.shape[0] == 0:
        return out
    for start in range(0, points.shape[0], _BLOCK):
        block = points[start : start + _BLOCK]
        ge = np.all(by[None, :, :] >= block[:, None, :], axis=2)
        gt = np.any(by[None, :, :] > block[:, None, :], axis=2)
        out[start : start + _BLOCK] = np.any(ge & gt, axis=1)
    return out


def pareto_mask_nd(points: FloatArray) -> np.ndarray:
    """Boolean mask of the Pareto-optimal rows of ``points`` (shape ``(n, k)``; equal rows
    all kept).

    Rows are taken by decreasing sum: a row can only be dominated by one with a larger
    sum, and if it is dominated at all, then by a row of the frontier; so each block is
    compared with the frontier found so far and with itself.
    """
    n = points.shape[0]
    mask = np.zeros(n, dtype=np.bool_)
    order = np.argsort(-points.sum(axis=1), kind="stable")
    front = np.zeros((0, points.shape[1]))
    for start in range(0, n, _BLOCK):
        idx = order[start : start + _BLOCK]
        block = points[idx]
        keep = ~dominated(block, front) & ~dominated(block, block)
        mask[idx[keep]] = True
        front = np.concatenate([front, block[keep]])
    return mask


@dataclass(frozen=True)
class Rated:
    """A package's utilities for each signatory, and where they lie against the frontier."""

    utilities: tuple[float, ...]
    terms: dict[str, Value] | None
    on_frontier: bool
    distance: float

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "utilities": list(self.utilities),
            "on_frontier": self.on_frontier,
            "distance_from_frontier": self.distance,
        }
        if self.terms is not None:
            out["terms"] = {
                k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in self.terms.items()
            }
        return out


@dataclass(frozen=True)
class ManySides:
    """The outcome space as a bargaining problem among N signatories, on the deal's date."""

    sides: tuple[str, ...]
    on: dt.date
    size: int
    reservation: tuple[float, ...]
    frontier: tuple[tuple[float, ...], ...]
    nash: Rated | None
    deal: Rated | None
    history: Rated | None
    mediator: tuple[tuple[dt.date, str, Rated], ...] = ()

    @property
    def distance(self) -> float | None:
        """The deal's distance from the frontier (None without a deal)."""
        return self.deal.distance if self.deal is not None else None

    def rate(self, utilities: tuple[float, ...], terms: dict[str, Value] | None) -> Rated:
        """Where ``utilities`` lie against the frontier."""
        front = np.asarray(self.frontier, dtype=np.float64).reshape(-1, len(self.sides))
        u = np.asarray(utilities, dtype=np.float64)
        on = not bool(dominated(u[None, :], front)[0])
        gap = float(np.min(np.linalg.norm(front - u, axis=1))) if front.shape[0] else 0.0
        return Rated(utilities, terms, on, round(0.0 if on and gap < 1e-9 else gap, 4))

    def to_json(self) -> dict[str, Any]:
        return {
            "sides": list(self.sides),
            "date": self.on.isoformat(),
            "outcomes": self.size,
            "reservation": list(self.reservation),
            "frontier_points": len(self.frontier),
            "nash": self.nash.to_json() if self.nash else None,
            "deal": self.deal.to_json() if self.deal else None,
            "history": self.history.to_json() if self.history else None,
            "deal_distance_from_frontier": self.distance,
            "mediator_proposals": [
                {"date": day.isoformat(), "by": by, **rated.to_json()}
                for day, by, rated in self.mediator
            ],
        }


def frontier_many(
    c: Compiled, w: tuple[dict[str, float], ...], sides: tuple[str, ...]
) -> tuple[np.ndarray, np.ndarray] | None:
    """The exact Pareto frontier of the terms' utilities (no delay) for N sides, and each
    point's value indices; None when it would pass the size limits."""
    k = len(sides)
    points = np.zeros((1, k))
    choices = np.zeros((1, 0), dtype=np.int32)
    for issue in c.sc.issues:
        n = len(c.grid[issue.id])
        if points.shape[0] * n > MAX_CANDIDATES:
            return None
        contrib = np.zeros((n, k))
        for j, side in enumerate(sides):
            table = c.tables[side].get(issue.id)
            if table is not None:
                contrib[:, j] = w[j].get(issue.id, 0.0) * np.asarray(table)
        summed = np.round((points[:, None, :] + contrib[None, :, :]).reshape(-1, k), _ROUND)
        picks = np.concatenate(
            [
                np.repeat(choices, n, axis=0),
                np.tile(np.arange(n, dtype=np.int32), len(points))[:, None],
            ],
            axis=1,
        )
        keep = pareto_mask_nd(summed)
        summed, picks = summed[keep], picks[keep]
        _, first = np.unique(summed, axis=0, return_index=True)
        points, choices = summed[first], picks[first]
        if points.shape[0] > MAX_FRONTIER:
            return None
    return points, choices


def analyse_many(state: GameState, on: dt.date | None = None) -> ManySides | None:
    """The debrief's analytics for N signatories (weights as the game left them); None
    past the size limits."""
    c = state.c
    sides = c.signatories
    out = state.outcome
    signed = out is not None and out.termination is Termination.SIGNED
    when = on or (out.date if out is not None else state.date)
    found = frontier_many(c, tuple(weights(state, c, s) for s in sides), sides)
    if found is None:
        return None
    pts, picks = found
    months = max(0, (when - c.sc.calendar.start).days) / MONTH_DAYS
    pts = pts - np.array([delay_cost(state, c, s) * months for s in sides])
    res = tuple(reservation(state, c, s) for s in sides)
    size = 1
    for issue in c.sc.issues:
        size *= len(c.grid[issue.id])
    base = ManySides(
        sides, when, size, res, tuple(tuple(float(x) for x in p) for p in pts), None, None, None
    )
    nash = None
    gains = pts - np.asarray(res)
    ok = np.all(gains >= 0, axis=1)
    if ok.any():
        product = np.where(ok, np.prod(np.maximum(gains, 0.0), axis=1), -np.inf)
        k = int(np.argmax(product))
        terms = {i.id: c.grid[i.id][int(x)] for i, x in zip(c.sc.issues, picks[k], strict=True)}
        nash = base.rate(tuple(float(x) for x in pts[k]), terms)
    deal = None
    if signed and out is not None:
        u = tuple(utility(c, s, out.terms, out.date, state) for s in sides)
        deal = base.rate(u, dict(out.terms))
    hist = None
    hdate = history_date(c)
    if history_signed(c) and hdate is not None and hdate == when:
        hterms = history_terms(c)
        hist = base.rate(tuple(utility(c, s, hterms, hdate, state) for s in sides), hterms)
    mediator = tuple(
        (
            o.date,
            o.by,
            base.rate(
                tuple(utility(c, s, {**state.agreed, **o.package}, when, state) for s in sides),
                dict(o.package),
            ),
        )
        for o in state.offers
        if c.is_mediator(o.by)
    )
    return ManySides(sides, when, size, res, base.frontier, nash, deal, hist, mediator)
