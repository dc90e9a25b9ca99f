"""Bargaining analytics of a scenario's whole outcome space, for the debrief.

A scenario's space is the product of every issue's values: for the main
scenario about a billion packages, too many to enumerate. Utilities are
additive, so the Pareto frontier is built issue by issue: the frontier of a
sum of independent contributions is the frontier of the sums of the partial
frontiers (a partial package dominated on the first k issues stays dominated
whatever the remaining issues add). Pruning after every issue is exact, and
the Nash and Kalai–Smorodinsky points lie on the frontier, so they are exact
too. Utilities here are those of a deal signed on a given date (the cost of
delay shifts both axes).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np

from game.engine.analytics import distance_to_polyline, distinct_points, pareto_mask
from game.engine.compiled import Compiled
from game.engine.debrief import history_date, history_signed, history_terms
from game.engine.multilateral import ManySides, analyse_many
from game.engine.space import Value
from game.engine.state import GameState
from game.engine.utility import (
    MONTH_DAYS,
    delay_cost,
    discount_factor,
    reservation,
    utility,
    weights,
)

MAX_ROWS = 200_000
"""Most candidate points the frontier works through for one issue (see :func:`frontier`)."""
MAX_FRONTIER = 10_000
"""Most points of the frontier the debrief keeps (evenly spaced beyond)."""


@dataclass(frozen=True)
class Point:
    """A utility pair (first party, second party) and, for a package, its terms."""

    utilities: tuple[float, float]
    terms: dict[str, Value] | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"utilities": list(self.utilities)}
        if self.terms is not None:
            out["terms"] = {
                k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in self.terms.items()
            }
        return out


@dataclass(frozen=True)
class Analysis:
    """The outcome space seen as a bargaining problem, on the deal's date."""

    sides: tuple[str, str]
    on: dt.date
    size: int
    reservation: tuple[float, float]
    frontier: tuple[tuple[float, float], ...]
    nash: Point | None
    kalai: Point | None
    deal: Point | None
    history: Point | None
    distance: float | None
    history_distance: float | None
    mediator: tuple[tuple[dt.date, str, Point, float], ...] = ()
    """Each mediator proposal: its date, its mediator, its utilities and distance from
    the frontier (the proposal with the clauses agreed at the end)."""

    def to_json(self) -> dict[str, Any]:
        out = {
            "sides": list(self.sides),
            "date": self.on.isoformat(),
            "outcomes": self.size,
            "reservation": list(self.reservation),
            "frontier": [list(p) for p in self.frontier],
            "nash": self.nash.to_json() if self.nash else None,
            "kalai_smorodinsky": self.kalai.to_json() if self.kalai else None,
            "deal": self.deal.to_json() if self.deal else None,
            "history": self.history.to_json() if self.history else None,
            "deal_distance_from_frontier": self.distance,
            "history_distance_from_frontier": self.history_distance,
        }
        if self.mediator:
            out["mediator_proposals"] = [
                {"date": day.isoformat(), "by": by, **point.to_json(), "distance_from_frontier": d}
                for day, by, point, d in self.mediator
            ]
        return out


def frontier(
    c: Compiled, w: tuple[dict[str, float], dict[str, float]], sides: tuple[str, str]
) -> tuple[np.ndarray, np.ndarray]:
    """Exact Pareto frontier of the terms' utilities (no delay), and each point's value indices.

    Each point remembers only where it came from (the previous point and this issue's
    value), so memory stays with the frontier's size, not the number of issues. Where
    a frontier grows past :data:`MAX_ROWS` candidates for the next issue, it is thinned
    to evenly spaced points (then approximate; no bundled scenario comes near).
    """
    points = np.zeros((1, 2))
    steps: list[tuple[np.ndarray, np.ndarray]] = []
    for issue in c.sc.issues:
        n = len(c.grid[issue.id])
        contrib = np.zeros((n, 2))
        for j, side in enumerate(sides):
            table = c.tables[side].get(issue.id)
            if table is not None:
                contrib[:, j] = w[j].get(issue.id, 0.0) * np.asarray(table)
        if not contrib.any():  # neither side weighs it: its values tie, and the first is kept
            steps.append((np.arange(len(points)), np.zeros(len(points), dtype=np.intp)))
            continue
        if steps and len(points) * n > MAX_ROWS:
            points, steps[-1] = _thin(points, steps[-1], MAX_ROWS // n)
        summed = (points[:, None, :] + contrib[None, :, :]).reshape(-1, 2)
        rows = np.flatnonzero(pareto_mask(summed[:, 0], summed[:, 1]))  # row = point * n + value
        summed = summed[rows]
        order = np.lexsort((summed[:, 1], summed[:, 0]))
        summed, rows = summed[order], rows[order]
        first = distinct_points(summed)
        points, rows = summed[first], rows[first]
        steps.append((rows // n, rows % n))
    if steps and len(points) > MAX_FRONTIER:
        points, steps[-1] = _thin(points, steps[-1], MAX_FRONTIER)
    choices = np.zeros((len(points), len(steps)), dtype=np.int32)
    at = np.arange(len(points))
    for k in range(len(steps) - 1, -1, -1):
        prev, value = steps[k]
        choices[:, k] = value[at]
        at = prev[at]
    return points, choices


def _thin(
    points: np.ndarray, step: tuple[np.ndarray, np.ndarray], most: int
) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray]]:
    """At most ``most`` of the frontier's points, evenly spaced in its order, both ends kept."""
    kept = np.unique(np.linspace(0, len(points) - 1, max(2, most)).round().astype(np.intp))
    return points[kept], (step[0][kept], step[1][kept])


def _terms(c: Compiled, picks: np.ndarray) -> dict[str, Value]:
    return {issue.id: c.grid[issue.id][int(k)] for issue, k in zip(c.sc.issues, picks, strict=True)}


def analyse(state: GameState, on: dt.date | None = None) -> Analysis | ManySides | None:
    """The debrief's analytics for the game in ``state`` (weights as the game left them):
    in the plane for two signatories, else in N dimensions
    (:func:`~game.engine.multilateral.analyse_many`, None past its size limits)."""
    c = state.c
    if len(c.signatories) != 2:
        return analyse_many(state, on)
    a, b = c.signatories
    sides = (a, b)
    out = state.outcome
    signed = out is not None and out.termination.value == "signed"
    when = on or (out.date if out is not None else state.date)
    w = (weights(state, c, a), weights(state, c, b))
    pts, picks = frontier(c, w, sides)
    months = max(0, (when - c.sc.calendar.start).days) / MONTH_DAYS
    shift = np.array([delay_cost(state, c, s) * months for s in sides])
    factor = np.array([discount_factor(c, s, when) for s in sides])
    pts = pts * factor - shift
    res = (
        reservation(state, c, a) * float(factor[0]),
        reservation(state, c, b) * float(factor[1]),
    )
    nash = kalai = None
    ok = (pts[:, 0] >= res[0]) & (pts[:, 1] >= res[1])
    if ok.any():
        gains = (pts[:, 0] - res[0]) * (pts[:, 1] - res[1])
        gains[~ok] = -np.inf
        k = int(np.argmax(gains))
        nash = Point((float(pts[k, 0]), float(pts[k, 1])), _terms(c, picks[k]))
        ideal = pts[ok].max(axis=0)
        direction = ideal - np.asarray(res)
        norm = float(np.hypot(*direction)) or 1.0
        rel = pts - np.asarray(res)
        perp = np.abs(rel[:, 0] * direction[1] - rel[:, 1] * direction[0]) / norm
        perp[~ok] = np.inf
        k = int(np.argmin(perp))
        kalai = Point((float(pts[k, 0]), float(pts[k, 1])), _terms(c, picks[k]))
    deal = None
    distance = None
    if signed and out is not None:
        u = (utility(c, a, out.terms, out.date, state), utility(c, b, out.terms, out.date, state))
        deal = Point(u, dict(out.terms))
        distance = _distance(pts, u)
    hist = None
    hdist = None
    hdate = history_date(c)
    if history_signed(c) and hdate is not None:
        hterms = history_terms(c)
        hu = (utility(c, a, hterms, hdate, state), utility(c, b, hterms, hdate, state))
        hist = Point(hu, hterms)
        hdist = _distance(pts, hu) if hdate == when else None
    size = 1
    for issue in c.sc.issues:
        size *= len(c.grid[issue.id])
    mediator = []
    for o in state.offers:
        if c.is_mediator(o.by):
            terms = {**state.agreed, **o.package}
            u = (utility(c, a, terms, when, state), utility(c, b, terms, when, state))
            mediator.append((o.date, o.by, Point(u, dict(o.package)), _distance(pts, u)))
    return Analysis(
        sides=sides,
        on=when,
        size=size,
        reservation=res,
        frontier=tuple((float(x), float(y)) for x, y in pts),
        nash=nash,
        kalai=kalai,
        deal=deal,
        history=hist,
        distance=distance,
        history_distance=hdist,
        mediator=tuple(mediator),
    )


def _distance(pts: np.ndarray, u: tuple[float, float]) -> float:
    return round(float(distance_to_polyline(pts, u[0], u[1])), 4)
