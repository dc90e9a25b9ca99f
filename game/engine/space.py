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
from functools import cached_property

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
        found = self.positions.get(value)
        if found is None:
            raise ValueError(f"{value!r} is not a value of {self.id}")
        return found

    @cached_property
    def positions(self) -> dict[Value, int]:
        """Value -> its index (the first, should a value repeat)."""
        out: dict[Value, int] = {}
        for k, v in enumerate(self.values):
            out.setdefault(v, k)
        return out


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
    """One package put on the table during the game, as an AI sees it.

    Attributes:
        by: The party that made it.
        package: Its clauses: issue id -> value.
        date: When it was made.
        links: Groups of its issues tied together ("A if B"): accepted whole or not at all.
        to: Its addressees: the signatories at the table other than ``by``.
        accepted: The addressees that have accepted it so far (in the order they did).
    """

    by: str
    package: Mapping[str, Value]
    date: dt.date
    links: tuple[tuple[str, ...], ...] = ()
    to: tuple[str, ...] = ()
    accepted: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if type(self.package) is not FrozenMap:
            object.__setattr__(self, "package", FrozenMap(self.package))

    @property
    def waiting(self) -> tuple[str, ...]:
        """The addressees that have not accepted yet."""
        return tuple(p for p in self.to if p not in self.accepted)

    def linked(self, issue: str) -> tuple[str, ...]:
        """The issues tied to ``issue`` in this offer (itself included)."""
        return next((group for group in self.links if issue in group), (issue,))


@dataclass(frozen=True)
class Clause:
    """An agreed clause: the issue's value, the day it was agreed and by whom.

    Attributes:
        issue: The issue id.
        value: The agreed value.
        date: The day it was agreed (the last acceptance).
        parties: The signatories that agreed it (the offerer, if a signatory, and
            every addressee), in the scenario's order.
        final: Whether it can no longer be reopened (agreed in a stage whose
            clauses are final, or bound when the treaty was agreed).
        side: A side agreement among the parties at the table, while not every
            signatory sat there: it does not settle the treaty's issue.
        offered_by: Who put it on the table (a signatory or a mediator).
    """

    issue: str
    value: Value
    date: dt.date
    parties: tuple[str, ...]
    final: bool = False
    side: bool = False
    offered_by: str | None = None

    def to_json(self) -> dict[str, object]:
        """The clause as a JSON object (the issue is the key it is listed under)."""
        out: dict[str, object] = {
            "value": self.value.isoformat() if isinstance(self.value, dt.date) else self.value,
            "date": self.date.isoformat(),
            "parties": list(self.parties),
            "final": self.final,
        }
        if self.offered_by is not None:
            out["offered_by"] = self.offered_by
        return out


@dataclass(frozen=True)
class SideView:
    """What one side knows at its turn: the input to an AI policy.

    ``space`` holds the issues open in this stage (agreed ones are fixed and
    folded into ``utility.offset``). ``allowed[i]`` is the set of value indices
    of issue ``i`` that the side's current mandate lets it sign. ``time`` is
    the relative time in [0, 1] from the scenario's start to its deadline.
    ``legal_kinds`` holds what the side may decide now, as decision kinds
    (:class:`~game.engine.ai.decision.DecisionKind`: ``offer``, ``accept`` ...).

    ``their_offer`` is the package of the offer on the table when it is
    addressed to this side and waits for its answer; ``offer`` is that offer
    whole, whoever made it (its links, addressees and acceptances so far).
    ``clauses`` are the agreed clauses (provisional or final, with their dates
    and parties), ``reopenable`` those this side may reopen now; ``table`` who
    sits at the table (the turn order), ``signatories`` who must sign,
    ``others`` every other party (mediators included); ``role`` is this
    side's; ``agenda`` its persona's issue groups, in the order it wants them
    settled; ``link_moves`` / ``clause_moves`` / ``can_pass`` whether it may
    link clauses in an offer, accept part of one, and pass. ``clause_worth`` gives,
    for each clause it may reopen, what the clause is worth to the side as agreed and
    the most its mandate would allow on that issue (weighted, as in ``utility``).
    """

    side: str
    others: tuple[str, ...]
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
    role: str = "signatory"
    table: tuple[str, ...] = ()
    signatories: tuple[str, ...] = ()
    offer: OfferRecord | None = None
    clauses: Mapping[str, Clause] = field(default_factory=FrozenMap)
    reopenable: tuple[str, ...] = ()
    agenda: tuple[tuple[str, ...], ...] = ()
    can_pass: bool = False
    clause_worth: Mapping[str, tuple[float, float]] = field(default_factory=FrozenMap)
