"""Outcome spaces and utilities in negotiation-science terms.

An :class:`OutcomeSpace` is the product of discrete issue value lists; a
package is addressed either by issue id -> value or, on hot paths, by a tuple
of value indices. A :class:`LinearUtility` is additive: the sum over issues of
weight x value-function, with a reservation value for "no deal".

>>> space = OutcomeSpace((IssueSpace("oil", (40, 50, 60)), IssueSpace("x", ("a", "b"))))
>>> space.size
6
>>> u = LinearUtility(space, (0.5, 0.5), ((0.0, 0.5, 1.0), (1.0, 0.0)), 0.3)
>>> u.of_indices((2, 0))
1.0
>>> u.of({"oil": 50, "x": "b"})
0.25
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from game.engine.frozen import FrozenMap

Value = int | float | str | dt.date
Package = Mapping[str, Value]


@dataclass(frozen=True)
class IssueSpace:
    """One issue's id and its discrete, ordered values."""

    id: str
    values: tuple[Value, ...]

    def index(self, value: Value) -> int:
        """Index of ``value``; raises ``ValueError`` when it is not in the space."""
        return self.values.index(value)


@dataclass(frozen=True)
class OutcomeSpace:
    """The cartesian product of issue value lists."""

    issues: tuple[IssueSpace, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(i.id for i in self.issues)

    @property
    def size(self) -> int:
        n = 1
        for issue in self.issues:
            n *= len(issue.values)
        return n

    def package(self, indices: tuple[int, ...]) -> dict[str, Value]:
        """Package (issue id -> value) for a tuple of value indices."""
        return {i.id: i.values[k] for i, k in zip(self.issues, indices, strict=True)}

    def indices(self, package: Package) -> tuple[int, ...]:
        """Value indices of a package that names every issue of the space."""
        return tuple(i.index(package[i.id]) for i in self.issues)

    def all_indices(self) -> Iterator[tuple[int, ...]]:
        return itertools.product(*(range(len(i.values)) for i in self.issues))


@dataclass(frozen=True)
class LinearUtility:
    """Additive utility: ``sum_i weight_i * table_i[index_i]`` (+ ``offset``).

    ``offset`` carries what the package does not decide (issues already agreed,
    the cost of delay) so that utilities stay comparable across stages.
    """

    space: OutcomeSpace
    weights: tuple[float, ...]
    tables: tuple[tuple[float, ...], ...]
    reservation: float
    offset: float = 0.0
    _flat: tuple[tuple[float, ...], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        flat = tuple(
            tuple(w * v for v in table) for w, table in zip(self.weights, self.tables, strict=True)
        )
        object.__setattr__(self, "_flat", flat)

    @property
    def weighted_tables(self) -> tuple[tuple[float, ...], ...]:
        """``weight * value`` per issue and value index: the hot-path form."""
        return self._flat

    def of_indices(self, indices: tuple[int, ...]) -> float:
        return self.offset + sum(t[k] for t, k in zip(self._flat, indices, strict=True))

    def of(self, package: Package) -> float:
        return self.of_indices(self.space.indices(package))

    @property
    def best(self) -> float:
        return self.offset + sum(max(t) for t in self._flat)

    @property
    def worst(self) -> float:
        return self.offset + sum(min(t) for t in self._flat)


@dataclass(frozen=True)
class OfferRecord:
    """One package put on the table during the game, as an AI sees it."""

    by: str
    package: Mapping[str, Value]
    date: dt.date

    def __post_init__(self) -> None:
        if type(self.package) is not FrozenMap:
            object.__setattr__(self, "package", FrozenMap(self.package))


@dataclass(frozen=True)
class SideView:
    """What one side knows at its turn: the input to an AI policy.

    ``space`` holds the issues open in this stage (agreed ones are fixed and
    folded into ``utility.offset``). ``allowed[i]`` is the set of value indices
    of issue ``i`` that the side's current mandate lets it sign. ``time`` is
    the relative time in [0, 1] from the scenario's start to its deadline.
    ``legal_kinds`` holds what the side may decide now, as decision kinds
    (:class:`~game.engine.ai.decision.DecisionKind`: ``offer``, ``accept`` ...).
    """

    side: str
    other: str
    space: OutcomeSpace
    utility: LinearUtility
    allowed: tuple[frozenset[int], ...]
    time: float
    their_offer: Mapping[str, Value] | None
    my_last_offer: Mapping[str, Value] | None
    offers: tuple[OfferRecord, ...]
    legal_kinds: frozenset[str]
    arguments: tuple[str, ...] = ()
    can_request_instructions: bool = False
