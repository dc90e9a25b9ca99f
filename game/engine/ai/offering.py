"""Offering: time-dependent concession (Faratin, Sierra & Jennings 1998).

The aspiration at relative time ``t`` is::

    target(t) = hi - (hi - lo) * t ** (1 / beta)

with ``hi`` the best utility the mandate allows and ``lo`` the reservation
value (or the worst the mandate allows, whichever is higher). ``beta < 1`` is
Boulware (holds out, concedes at the end), ``beta > 1`` Conceder. NegMAS and
the benchmark README write the same curve as ``1 - t ** e``: ``beta = 1 / e``.

**Issue classes.** Issues may be grouped in classes (e.g. ``"principles"`` and
``"economics"``), each with its own ``beta``. The concession budget ``hi - lo``
is split between classes in proportion to how much utility each class can
move within the mandate; each class concedes its share on its own curve, and
the total target is ``hi`` minus the sum of the class concessions. Classes that
concede more slowly than the fastest class are *guarded*: an offer must keep
each guarded class's own utility at or above that class's own target (if no
package of the band does, the band moves up to the first one that does), so
principles are never given away faster than their schedule, while the
fastest class (economics) stays free for trading. With one class this is
exactly the Faratin curve.

**Choosing a package.** Among allowed packages whose own utility lies in the
band ``[target, target + tolerance]`` (at most ``max_candidates`` of them, an
evenly strided sample of the band, which is a view and costs no copy), offer
the one the opponent model rates best for the other side; among equally
rated packages a draw from the game's seeded stream chooses (without one, the
lower own utility). An empty band takes the next package above the target.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol

import numpy as np

from game.engine.ai.tables import OutcomeTable
from game.engine.analytics import FloatArray

__all__ = [
    "BandOfferer",
    "ClassPlan",
    "Offerer",
    "OfferingPolicy",
    "Proposal",
    "TimeDependentOffering",
]

Veto = Callable[[int], str | None]
Rating = FloatArray | Callable[[], FloatArray] | None
Draw = Callable[[], float]
"""A source of chance: floats in [0, 1) (the game's seeded stream)."""
TIE = 0.02
"""Packages the opponent model rates within this much of the best (on its 0-1 scale) are
equally good: the model is a hint, not a finding."""
_add_reduce = np.add.reduce


class Proposal(NamedTuple):
    """A package chosen to offer.

    Attributes:
        flat: Flat index of the package.
        utility: Its utility to the proposer.
        target: The proposer's aspiration when choosing it.
        vetoed: Reasons of persona rules that struck out better-rated packages.
    """

    flat: int
    utility: float
    target: float
    vetoed: tuple[str, ...] = ()


class Offerer(Protocol):
    """An offering policy prepared for one side's table (fast, reusable)."""

    tolerance: float
    """Width of the utility band above the target."""

    def target(self, t: float) -> float:
        """Own aspiration at relative time ``t`` (never below reservation)."""
        ...

    def propose(
        self,
        t: float,
        rating: Rating = None,
        veto: Veto | None = None,
        draw: Draw | None = None,
        floor: float | None = None,
    ) -> Proposal | None:
        """Package to offer at ``t``.

        Args:
            t: Relative time in [0, 1].
            rating: The opponent model's per-value ratings, or a function
                returning them (called only when there is a choice to make).
            veto: Persona rules as a function of a flat index.
            draw: Chance for choosing among equally good packages (else the first).
            floor: Where the aspiration curve ends, if above the plan's own floor.

        Returns:
            The proposal; ``None`` when the mandate allows nothing worth the
            reservation value, or when persona rules veto every candidate.
        """
        ...


class OfferingPolicy(Protocol):
    """Chooses what to offer and how much to ask for."""

    def prepare(self, table: OutcomeTable) -> Offerer:
        """Bind the policy to one side's table (precomputations are cached)."""
        ...


@dataclass(frozen=True, eq=False)
class ClassPlan:
    """Per-table concession plan of a :class:`TimeDependentOffering`.

    Attributes:
        hi: Best allowed utility.
        lo: Floor of the aspiration (reservation, or worst allowed if higher).
        shares: ``(beta, budget, best)`` per class: its exponent, its share of
            ``hi - lo``, and its best allowed utility.
        guarded: Indices (into ``shares``) of guarded classes.
        class_u: Own utility of each guarded class, in the table's sorted order.
    """

    hi: float
    lo: float
    shares: tuple[tuple[float, float, float], ...]
    guarded: tuple[int, ...]
    class_u: tuple[FloatArray, ...]


@dataclass(frozen=True, eq=False)
class _Classes:
    """What a plan needs of a table that does not depend on its reservation value."""

    best: tuple[float, ...]
    span: tuple[float, ...]
    guarded: tuple[int, ...]
    class_u: tuple[FloatArray, ...]


def _classes(table: OutcomeTable, betas: tuple[float, ...], class_of: tuple[int, ...]) -> _Classes:
    """The classes' parts of a cached table, kept with it (they hold arrays its size)."""
    key = ("classes", betas, class_of)
    found = table.memo.get(key)
    if isinstance(found, _Classes):
        return found
    made = _build_classes(table, betas, class_of)
    table.memo[key] = made
    return made


def _build_classes(
    table: OutcomeTable, betas: tuple[float, ...], class_of: tuple[int, ...]
) -> _Classes:
    tables = table.utility.weighted_tables
    n_classes = len(betas)
    best = [0.0] * n_classes
    span = [0.0] * n_classes
    for issue, c in enumerate(class_of):
        vals = [tables[issue][k] for k in table.allowed[issue]] or [0.0]
        best[c] += max(vals)
        span[c] += max(vals) - min(vals)
    fastest = max(betas)
    guarded = tuple(c for c in range(n_classes) if betas[c] < fastest and span[c] > 0.0)
    class_u: list[FloatArray] = []
    for c in guarded:
        weighted = [
            np.asarray(tables[i], dtype=np.float64) if class_of[i] == c else np.zeros(n)
            for i, n in enumerate(table.sizes)
        ]
        concat = np.concatenate(weighted)
        offset = table.utility.offset if c == 0 else 0.0
        # row by row (the order numpy's sum over axis 0 adds them in), one row in memory at a time
        acc: FloatArray = np.zeros(table.sorted_cols.shape[1])
        for i, row in enumerate(table.sorted_cols):
            if class_of[i] == c:
                acc += concat[row]
        guarded_u = acc + offset
        guarded_u.setflags(write=False)  # shared by every game that uses the cached plan
        class_u.append(guarded_u)
    return _Classes(tuple(best), tuple(span), guarded, tuple(class_u))


def _plan(table: OutcomeTable, betas: tuple[float, ...], class_of: tuple[int, ...]) -> ClassPlan:
    """The plan for ``table``: its classes come from the cached table it shares its arrays
    with (tables that differ only in the reservation value share them)."""
    parts = _classes(table.root, betas, class_of)
    hi = table.best
    lo = max(table.utility.reservation, table.worst)
    lo = min(lo, hi)
    total = sum(parts.span) or 1.0
    shares = tuple(
        (
            betas[c],
            (hi - lo) * parts.span[c] / total,
            parts.best[c] + (table.utility.offset if c == 0 else 0.0),
        )
        for c in range(len(betas))
    )
    return ClassPlan(hi, lo, shares, parts.guarded, parts.class_u)


def clear_plans() -> None:
    """Forget the cached concession plans (they are kept with the cached tables: see
    :func:`game.engine.ai.tables.clear_tables`)."""


@dataclass(frozen=True)
class TimeDependentOffering:
    """Faratin time-dependent concession with optional per-class exponents.

    Attributes:
        beta: Concession exponent for issues without a class.
        class_beta: Exponent per issue class.
        issue_class: Issue id -> class name.
        tolerance: Width of the utility band above the target.
        max_candidates: Most packages of the band the opponent model rates.
    """

    beta: float = 1.0
    class_beta: Mapping[str, float] = field(default_factory=dict)
    issue_class: Mapping[str, str] = field(default_factory=dict)
    tolerance: float = 0.02
    max_candidates: int = 128

    def __post_init__(self) -> None:
        if self.beta <= 0 or any(b <= 0 for b in self.class_beta.values()):
            raise ValueError("concession exponents (beta) must be positive")
        if self.tolerance < 0 or self.max_candidates < 1:
            raise ValueError("tolerance must be >= 0 and max_candidates >= 1")

    def plan(self, table: OutcomeTable) -> ClassPlan:
        """The cached concession plan for ``table``."""
        names: list[str] = [""]
        betas: list[float] = [self.beta]
        class_of: list[int] = []
        for issue in table.space.ids:
            name = self.issue_class.get(issue, "")
            if name not in names:
                names.append(name)
                betas.append(self.class_beta.get(name, self.beta))
            class_of.append(names.index(name))
        return _plan(table, tuple(betas), tuple(class_of))

    def prepare(self, table: OutcomeTable) -> BandOfferer:
        """Bind to ``table``."""
        return BandOfferer(table, self.plan(table), self.tolerance, self.max_candidates)


class BandOfferer:
    """:class:`TimeDependentOffering` bound to one table: the hot path.

    Args:
        table: The side's outcome table.
        plan: Its concession plan.
        tolerance: Width of the band above the target.
        max_candidates: Most candidates rated per offer.
    """

    def __init__(
        self, table: OutcomeTable, plan: ClassPlan, tolerance: float, max_candidates: int
    ) -> None:
        self.table = table
        self.plan = plan
        self.tolerance = tolerance
        self.max_candidates = max_candidates
        self._curves = tuple((1.0 / beta, budget) for beta, budget, _ in plan.shares if budget)
        self._guard = tuple(
            (1.0 / plan.shares[c][0], plan.shares[c][1], plan.shares[c][2]) for c in plan.guarded
        )
        self._columns = table.sorted_cols

    def targets(self, t: float, floor: float | None = None) -> tuple[float, tuple[float, ...]]:
        """Total target and each guarded class's own target at ``t``.

        ``floor`` (if above the plan's) is where the curve ends instead: every
        class concedes the same fraction of a smaller budget.
        """
        t = 0.0 if t < 0.0 else 1.0 if t > 1.0 else t
        plan = self.plan
        scale = 1.0
        lo = plan.lo
        if floor is not None and floor > lo:
            lo = min(floor, plan.hi)
            scale = (plan.hi - lo) / (plan.hi - plan.lo) if plan.hi > plan.lo else 0.0
        total = plan.hi
        for inv_beta, budget in self._curves:
            total -= scale * budget * t**inv_beta
        floors = tuple(
            best - scale * budget * t**inv_beta for inv_beta, budget, best in self._guard
        )
        return max(total, lo), floors

    def target(self, t: float) -> float:
        """Own aspiration at relative time ``t``."""
        return self.targets(t)[0]

    def _guarded_band(self, lo: int, hi: int, floors: tuple[float, ...]) -> tuple[int, int]:
        """Move the band up to the first package that respects every class floor."""
        ok = np.ones(len(self.table.sorted_u) - lo, dtype=np.bool_)
        for floor, cu in zip(floors, self.plan.class_u, strict=True):
            ok &= cu[lo:] >= floor - 1e-9
        if ok[: hi - lo].any():
            return lo, hi
        found = np.flatnonzero(ok)
        if found.shape[0] == 0:
            return lo, hi
        first = lo + int(found[0])
        su = self.table.sorted_u
        return first, max(first + 1, bisect_right(su, su[first] + self.tolerance))

    def propose(
        self,
        t: float,
        rating: Rating = None,
        veto: Veto | None = None,
        draw: Draw | None = None,
        floor: float | None = None,
    ) -> Proposal | None:
        """Best-rated package of the aspiration band (see module docstring).

        ``floor``: where the aspiration curve ends, if higher than the plan's.
        """
        table = self.table
        su = table.sorted_u
        n = len(su)
        if n == 0 or su[-1] < table.utility.reservation:
            return None
        if self._guard or floor is not None:
            target, floors = self.targets(t, floor)
        else:
            t = 0.0 if t < 0.0 else 1.0 if t > 1.0 else t
            target = self.plan.hi
            for inv_beta, budget in self._curves:
                target -= budget * t**inv_beta
            if target < self.plan.lo:
                target = self.plan.lo
            floors = ()
        lo = bisect_left(su, target - 1e-12)
        hi = bisect_right(su, target + self.tolerance)
        if lo >= n:
            lo = n - 1
        if hi <= lo:
            hi = lo + 1
        if floors:
            lo, hi = self._guarded_band(lo, hi, floors)
        step = -(-(hi - lo) // self.max_candidates)
        if hi - lo == 1 and veto is None:
            return Proposal(int(table.order[lo]), su[lo], target)
        if rating is None:
            score: FloatArray = np.zeros(-(-(hi - lo) // step))
        else:
            values = rating() if callable(rating) else rating
            score = _add_reduce(values.take(self._columns[:, lo:hi:step]), 0)
        if floors:
            ok = np.ones(score.shape[0], dtype=np.bool_)
            for floor, cu in zip(floors, self.plan.class_u, strict=True):
                ok &= cu[lo:hi:step] >= floor - 1e-9
            score = np.where(ok, score, -np.inf)
        if veto is None:
            j = lo + _pick(score, draw) * step
            return Proposal(int(table.order[j]), su[j], target)
        reasons: list[str] = []
        ranked = np.argsort(-score, kind="stable").tolist()
        if draw is not None:
            first = _pick(score, draw)
            ranked.remove(first)
            ranked.insert(0, first)
        for j in ranked:
            flat = int(table.order[lo + j * step])
            reason = veto(flat)
            if reason is None:
                return Proposal(flat, su[lo + j * step], target, tuple(dict.fromkeys(reasons)))
            reasons.append(reason)
        for pos in range(hi, min(n, hi + 5000)):
            flat = int(table.order[pos])
            reason = veto(flat)
            if reason is None:
                return Proposal(flat, su[pos], target, tuple(dict.fromkeys(reasons)))
            reasons.append(reason)
        return None


def _pick(score: FloatArray, draw: Draw | None) -> int:
    """Index of the best score; among ties (within :data:`TIE`), the draw chooses."""
    best = int(score.argmax())
    if draw is None:
        return best
    ties = np.flatnonzero(score >= score[best] - TIE)
    if ties.shape[0] == 1:
        return best
    return int(ties[min(int(draw() * ties.shape[0]), ties.shape[0] - 1)])
