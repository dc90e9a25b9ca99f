"""Precomputed, cached views of one side's utility over an outcome space.

An :class:`OutcomeTable` holds, for one ``(space, utility, allowed)``, every
outcome the mandate allows sorted by the side's own utility, so that "the
packages worth about ``x`` to me" is a binary search and a slice. Tables are
cached (``functools.lru_cache``, safe across threads) because building one
costs a sort while a negotiation asks the same question hundreds of times;
what the caches hand out is never changed (its arrays are read-only), so games
in several threads share them.

Outcomes are addressed by their *flat index* in ``itertools.product`` order.
A table stores only what the mandate allows (on peking-1925 at most ~50k of the
~930k packages of the formal talks); the value indices and utility of any other
outcome, such as an offer from the other side, are computed when asked.
"""

from __future__ import annotations

import math
from array import array
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from game.engine.analytics import CodeArray, FloatArray, IntArray, codes_array, utility_array
from game.engine.space import LinearUtility, OutcomeSpace, Package, Value

__all__ = ["OutcomeTable", "clear_tables", "outcome_table"]

Allowed = tuple[frozenset[int], ...]


@dataclass(frozen=True, eq=False)
class OutcomeTable:
    """One side's sorted view of the outcomes its mandate allows.

    Attributes:
        space: The outcome space.
        utility: The side's utility.
        allowed: Allowed value indices per issue (the mandate).
        sizes: Number of values per issue.
        offsets: Start of each issue's values in a concatenated value vector.
        order: Flat indices of allowed outcomes, ascending own utility.
        sorted_u: ``utilities[order]`` as an ``array('d')``: ``bisect`` reads it
            as it reads a list, at a quarter of a list's memory.
        sorted_cols: ``(codes[order] + offsets).T``, shape ``(k, m)``: column
            ``j`` indexes, in a concatenated per-value vector such as an
            opponent model's rating, the values of the ``j``-th sorted outcome.
        best: Highest own utility the mandate allows (``-inf`` if none).
        worst: Lowest own utility the mandate allows (``inf`` if none).
    """

    space: OutcomeSpace
    utility: LinearUtility
    allowed: Allowed
    sizes: tuple[int, ...]
    offsets: IntArray
    order: IntArray
    sorted_u: array[float]
    sorted_cols: CodeArray
    best: float
    worst: float

    @property
    def empty(self) -> bool:
        """True when the mandate allows no outcome at all."""
        return int(self.order.shape[0]) == 0

    def indices_of(self, flat: int) -> tuple[int, ...]:
        """Value indices of the outcome with flat index ``flat``."""
        out: list[int] = []
        rest = int(flat)
        for stride in _strides(self.sizes):
            k, rest = divmod(rest, stride)
            out.append(k)
        return tuple(out)

    def codes_of(self, flats: IntArray) -> CodeArray:
        """Value indices of many outcomes: shape ``(len(flats), k)``."""
        return np.stack(np.unravel_index(flats, self.sizes), axis=-1)

    def utilities_of(self, flats: IntArray) -> FloatArray:
        """Own utility of many outcomes (summed as :func:`utility_array` does)."""
        total: FloatArray = np.full(flats.shape, float(self.utility.offset))
        for table, idx in zip(
            _weighted(self.utility.weighted_tables),
            np.unravel_index(flats, self.sizes),
            strict=True,
        ):
            total = total + table[idx]
        return total

    def package_of(self, flat: int) -> dict[str, Value]:
        """Package (issue id -> value) of the outcome with flat index ``flat``."""
        return self.space.package(self.indices_of(flat))

    def flat_of(self, indices: tuple[int, ...]) -> int:
        """Flat index of a tuple of value indices."""
        return int(np.ravel_multi_index(indices, self.sizes))

    def flat_of_package(self, package: Package) -> int | None:
        """Flat index of a package, or ``None`` if it is not a full package of the space."""
        try:
            return self.flat_of(self.space.indices(package))
        except (KeyError, ValueError):
            return None

    def is_allowed(self, indices: tuple[int, ...]) -> bool:
        """True when every value index lies in the mandate."""
        return all(k in a for k, a in zip(indices, self.allowed, strict=True))

    def utility_of(self, flat: int) -> float:
        """Own utility of an outcome (summed as :func:`utility_array` does)."""
        total = float(self.utility.offset)
        for table, k in zip(self.utility.weighted_tables, self.indices_of(flat), strict=True):
            total += table[k]
        return total


@lru_cache(maxsize=64)
def _strides(sizes: tuple[int, ...]) -> tuple[int, ...]:
    out = [1] * len(sizes)
    for i in range(len(sizes) - 2, -1, -1):
        out[i] = out[i + 1] * sizes[i + 1]
    return tuple(out)


@lru_cache(maxsize=8)
def _weighted(tables: tuple[tuple[float, ...], ...]) -> tuple[FloatArray, ...]:
    return tuple(_read_only(np.asarray(t, dtype=np.float64)) for t in tables)


def _read_only(a: FloatArray) -> FloatArray:
    a.setflags(write=False)
    return a


def full_mandate(space: OutcomeSpace) -> Allowed:
    """A mandate that allows every value of every issue."""
    return tuple(frozenset(range(len(issue.values))) for issue in space.issues)


def outcome_table(
    space: OutcomeSpace, utility: LinearUtility, allowed: Allowed | None = None
) -> OutcomeTable:
    """The table of one side's allowed outcomes, cached apart from the reservation value.

    The reservation value changes as the calendar runs (it carries the cost of
    delay); the sorted table does not, so it is built once per shape.
    """
    base = _outcome_table(space, replace(utility, reservation=0.0), allowed)
    return base if base.utility == utility else replace(base, utility=utility)


@lru_cache(maxsize=4)
def _outcome_table(
    space: OutcomeSpace, utility: LinearUtility, allowed: Allowed | None = None
) -> OutcomeTable:
    """Build (or fetch from cache) the table of one side's allowed outcomes.

    Args:
        space: Outcome space (the issues open now).
        utility: The side's utility over ``space``.
        allowed: Allowed value indices per issue; ``None`` allows everything.

    Returns:
        The cached :class:`OutcomeTable`.
    """
    if allowed is None:
        allowed = full_mandate(space)
    sizes = tuple(len(issue.values) for issue in space.issues)
    # int16 columns: a quarter of int64's memory on large spaces
    col_type = np.int16 if sum(sizes) < 2**15 else np.int32
    if all(len(a) == n for a, n in zip(allowed, sizes, strict=True)):
        codes = codes_array(space)
        utilities = utility_array(utility, space)
        candidates = np.arange(utilities.shape[0], dtype=np.intp)
    else:
        # the allowed grid in row-major order, a column at a time (small dtypes: on
        # peking-1925 a mandate allows up to ~50k of ~930k packages): its flat indices
        # ascend, as the full space's do
        shape = tuple(len(a) for a in allowed)
        m = math.prod(shape)
        codes = np.empty((m, len(sizes)), dtype=col_type)
        candidates = np.zeros(m, dtype=np.intp)
        utilities = np.full(m, float(utility.offset))
        strides = _strides(sizes)
        for i, (a, table) in enumerate(
            zip(allowed, _weighted(utility.weighted_tables), strict=True)
        ):
            axis = np.array(sorted(a), dtype=np.intp)
            column = np.tile(np.repeat(axis, math.prod(shape[i + 1 :])), math.prod(shape[:i]))
            codes[:, i] = column
            candidates += column * strides[i]
            utilities = utilities + table[column]
    rank = np.argsort(utilities, kind="stable")
    order = candidates[rank]
    offsets = np.zeros(len(sizes), dtype=np.intp)
    offsets[1:] = np.cumsum(sizes)[:-1]
    sorted_cols = np.empty((len(sizes), order.shape[0]), dtype=col_type)
    for i in range(len(sizes)):
        sorted_cols[i] = codes[rank, i] + offsets[i]
    sorted_cols.setflags(write=False)
    order.setflags(write=False)
    offsets.setflags(write=False)
    sorted_u = utilities[rank]
    return OutcomeTable(
        space=space,
        utility=utility,
        allowed=allowed,
        sizes=sizes,
        offsets=offsets,
        order=order,
        sorted_u=array("d", sorted_u.tobytes()),
        sorted_cols=sorted_cols,
        best=float(sorted_u[-1]) if sorted_u.shape[0] else float("-inf"),
        worst=float(sorted_u[0]) if sorted_u.shape[0] else float("inf"),
    )


def clear_tables() -> None:
    """Forget the cached tables (see :func:`game.engine.ai.clear_caches`)."""
    _outcome_table.cache_clear()
    _weighted.cache_clear()
