"""Precomputed, cached views of one side's utility over an outcome space.

An :class:`OutcomeTable` holds, for one ``(space, utility, allowed)``, every
outcome the mandate allows sorted by the side's own utility, so that "the
packages worth about ``x`` to me" is a binary search and a slice. Tables are
cached (least recently used dropped first past :data:`CACHE_BYTES`, safe across
threads) because building one costs a sort while a negotiation asks the same
question hundreds of times;
what the caches hand out is never changed (its arrays are read-only), so games
in several threads share them.

Outcomes are addressed by their *flat index* in ``itertools.product`` order.
A table stores only what the mandate allows (on peking-1925 at most ~50k of the
~930k packages of the formal talks); the value indices and utility of any other
outcome, such as an offer from the other side, are computed when asked.
"""

from __future__ import annotations

import math
import threading
from array import array
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache

import numpy as np
import numpy.typing as npt

from game.engine.analytics import CodeArray, FloatArray, IntArray
from game.engine.space import LinearUtility, OutcomeSpace, Package, Value

__all__ = [
    "CACHE_BYTES",
    "CACHE_KEPT",
    "OutcomeTable",
    "clear_tables",
    "outcome_table",
    "table_builds",
]

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
        base: The cached table this one shares its arrays with (it differs only in
            the reservation value), or ``None`` if it is the cached one.
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
    base: OutcomeTable | None = field(default=None, repr=False)
    memo: dict[object, object] = field(default_factory=dict, repr=False)
    """What the AI derives from this table and keeps while it is cached (by key)."""

    @property
    def root(self) -> OutcomeTable:
        """The cached table whose arrays this one shares (itself, if it is that one)."""
        return self if self.base is None else self.base

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
        if len(indices) != len(self.sizes) or any(
            not 0 <= k < n for k, n in zip(indices, self.sizes, strict=True)
        ):
            raise ValueError(f"value indices {indices} are not in a space of sizes {self.sizes}")
        return sum(k * s for k, s in zip(indices, _strides(self.sizes), strict=True))

    @cached_property
    def allowed_masks(self) -> tuple[npt.NDArray[np.bool_], ...]:
        """For each issue, whether each of its values lies in the mandate."""
        out = []
        for a, n in zip(self.allowed, self.sizes, strict=True):
            mask = np.zeros(n, dtype=np.bool_)
            mask[list(a)] = True
            mask.setflags(write=False)
            out.append(mask)
        return tuple(out)

    def rows_allowed(self, rows: IntArray) -> npt.NDArray[np.bool_]:
        """Whether each full row of value indices lies in the mandate."""
        ok = np.ones(rows.shape[0], dtype=np.bool_)
        for i, mask in enumerate(self.root.allowed_masks):
            ok &= mask[rows[:, i]]
        return ok

    def flat_of_package(self, package: Package) -> int | None:
        """Flat index of a package, or ``None`` if it is not a full package of the space."""
        try:
            return self.flat_of(self.space.indices(package))
        except (KeyError, ValueError):
            return None

    def row_of(self, package: Package) -> list[int]:
        """Value index of each issue in ``package`` (``-1`` for an issue it leaves out,
        or whose value is not in the space)."""
        return [
            i.positions.get(package[i.id], -1) if i.id in package else -1 for i in self.space.issues
        ]

    def utilities_of_rows(self, rows: IntArray) -> FloatArray:
        """Own utility of full rows of value indices (summed as :meth:`utility_of` does)."""
        total: FloatArray = np.full(rows.shape[0], float(self.utility.offset))
        for i, table in enumerate(_weighted(self.utility.weighted_tables)):
            total = total + table[rows[:, i]]
        return total

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
    base = _CACHE.get(space, replace(utility, reservation=0.0), allowed)
    return base if base.utility == utility else replace(base, utility=utility, base=base)


CACHE_BYTES = 32 * 2**20
"""How much the cached tables may hold together beyond the :data:`CACHE_KEPT` newest: a
game's tables (about ten on peking-1925, the largest ~2 MB) and those that come back in
the next games stay built."""
CACHE_KEPT = 4
"""How many of the newest tables are kept whatever their size: both sides' tables of a
game on a large space (a million packages, ~36 MB each) are not rebuilt at every reply."""


class _Cache:
    """Tables by (space, utility, mandate), the least recently used dropped first once
    they hold more than :data:`CACHE_BYTES`. Safe across threads: a table is built
    outside the lock (two threads may build the same one; both are equal)."""

    def __init__(self) -> None:
        self._tables: OrderedDict[tuple[object, ...], OutcomeTable] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.builds = 0

    def get(
        self, space: OutcomeSpace, utility: LinearUtility, allowed: Allowed | None
    ) -> OutcomeTable:
        key = (space, utility, allowed)
        with self._lock:
            found = self._tables.get(key)
            if found is not None:
                self._tables.move_to_end(key)
                return found
        table = _build(space, utility, allowed)
        with self._lock:
            if key not in self._tables:
                self.builds += 1
                self._tables[key] = table
                self._bytes += _size(table)
                while self._bytes > CACHE_BYTES and len(self._tables) > CACHE_KEPT:
                    _, dropped = self._tables.popitem(last=False)
                    self._bytes -= _size(dropped)
            return self._tables[key]

    def clear(self) -> None:
        with self._lock:
            self._tables.clear()
            self._bytes = 0


def _size(table: OutcomeTable) -> int:
    """Bytes a table holds, with room for what the AI keeps beside it (two classes' utilities)."""
    return int(table.order.nbytes + table.sorted_cols.nbytes) + 24 * len(table.sorted_u)


_CACHE = _Cache()


def _build(
    space: OutcomeSpace, utility: LinearUtility, allowed: Allowed | None = None
) -> OutcomeTable:
    """Build the table of one side's allowed outcomes.

    Args:
        space: Outcome space (the issues open now).
        utility: The side's utility over ``space``.
        allowed: Allowed value indices per issue; ``None`` allows everything.

    Returns:
        The :class:`OutcomeTable`.
    """
    if allowed is None:
        allowed = full_mandate(space)
    sizes = tuple(len(issue.values) for issue in space.issues)
    # int16 columns: a quarter of int64's memory on large spaces
    col_type = np.int16 if sum(sizes) < 2**15 else np.int32
    # The allowed grid in row-major order (its flat indices ascend, as the full space's
    # do; on peking-1925 a mandate allows up to ~50k of ~930k packages): utilities by
    # broadcasting, summed issue after issue as utility_array sums them, then sorted;
    # each sorted outcome's value indices come from its rank in the grid.
    axes = [np.array(sorted(a), dtype=np.intp) for a in allowed]
    shape = tuple(len(a) for a in axes)
    utilities: FloatArray = np.full(1, float(utility.offset))
    for axis, table in zip(axes, _weighted(utility.weighted_tables), strict=True):
        utilities = (utilities[:, None] + table[axis][None, :]).reshape(-1)
    if math.prod(shape) == 0:
        utilities = np.zeros(0)
    rank = _stable_order(utilities, shape)
    offsets = np.zeros(len(sizes), dtype=np.intp)
    offsets[1:] = np.cumsum(sizes)[:-1]
    strides = _strides(sizes)
    order = np.zeros(rank.shape[0], dtype=np.intp)
    sorted_cols = np.empty((len(sizes), rank.shape[0]), dtype=col_type)
    locals_ = np.unravel_index(rank, shape) if rank.shape[0] and sizes else [rank] * len(sizes)
    for i, (axis, local) in enumerate(zip(axes, locals_, strict=True)):
        code = axis[local]
        order += code * strides[i]
        np.add(code, offsets[i], out=sorted_cols[i], casting="unsafe")
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


_DIRECT = 4096
"""Grids this small are sorted at once."""


def _stable_order(utilities: FloatArray, shape: tuple[int, ...]) -> IntArray:
    """``np.argsort(utilities, kind="stable")`` for the utilities of a grid, faster.

    With the first issue's value fixed, the sub-grid's order hardly depends on that
    value (the sums differ by a constant, up to rounding): sort one sub-grid (the same
    way, recursively), lay every sub-grid out in that order, and let the stable sort
    (timsort) merge the nearly sorted runs. Equal utilities are then put in the order
    of their flat indices (a second stable sort, of nearly sorted keys), which is
    what sorting the grid at once gives.
    """
    rank = _nearly_stable(utilities, shape)
    n = rank.shape[0]
    if n <= _DIRECT:
        return rank
    ranked = utilities[rank]
    group = np.zeros(n, dtype=np.int64)
    np.cumsum(ranked[1:] != ranked[:-1], out=group[1:])
    return rank[np.argsort(group * n + rank, kind="stable")]


def _nearly_stable(utilities: FloatArray, shape: tuple[int, ...]) -> IntArray:
    """Sorted by utility; equal utilities not always in the order of their indices."""
    n = utilities.shape[0]
    if n <= _DIRECT or len(shape) < 2:
        return np.argsort(utilities, kind="stable")
    inner = n // shape[0]
    sub = _nearly_stable(utilities[:inner], shape[1:])
    laid = (np.arange(0, n, inner, dtype=np.intp)[:, None] + sub[None, :]).reshape(-1)
    return laid[np.argsort(utilities[laid], kind="stable")]


def table_builds() -> int:
    """How many tables have been built so far (the others came from the cache)."""
    return _CACHE.builds


def clear_tables() -> None:
    """Forget the cached tables (see :func:`game.engine.ai.clear_caches`)."""
    _CACHE.clear()
    _weighted.cache_clear()
