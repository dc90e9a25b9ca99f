"""The immutable game state.

A state is never changed: :func:`game.engine.rules.apply` returns a new one.
Its mappings are read-only (:class:`~game.engine.frozen.FrozenMap`) and
:meth:`GameState.but` accepts only the state's own fields.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from game.engine.compiled import Compiled
from game.engine.frozen import FrozenMap
from game.engine.moves import Clause, Entry, Offer, Outcome
from game.engine.space import Value
from game.scenario import model as m


@dataclass(frozen=True)
class GameState:
    """Everything about one moment of one game."""

    c: Compiled = field(compare=False, repr=False)
    seed: int
    ply: int
    date: dt.date
    stage: str
    entered: Mapping[str, dt.date]
    session: int
    session_moves: int
    to_move: str
    offer: Offer | None
    agreed: Mapping[str, Value]
    mandates: Mapping[str, str]
    weight_shift: Mapping[tuple[str, str], float]
    party_shift: Mapping[tuple[str, str], float]
    fired: frozenset[str]
    flags: frozenset[str]
    used: Mapping[str, int]
    asked: frozenset[str]
    draws: int
    offers: tuple[Offer, ...]
    milestones: tuple[tuple[str, dt.date], ...]
    agreed_on: dt.date | None
    news: tuple[Entry, ...]
    outcome: Outcome | None = None
    concluded: bool = False
    """A deal has been agreed: the calendar's deadline no longer ends the game."""
    clauses: Mapping[str, Clause] = field(default_factory=FrozenMap)
    """The agreed clauses (the same issues as ``agreed``), with their dates and parties."""
    side_deals: tuple[Clause, ...] = ()
    """Side agreements: clauses agreed while not every signatory sat at the table."""

    def __post_init__(self) -> None:
        for name in _MAPPINGS:
            value = self.__dict__[name]
            if type(value) is not FrozenMap:
                object.__setattr__(self, name, FrozenMap(value))

    @property
    def over(self) -> bool:
        return self.outcome is not None

    @property
    def stage_info(self):  # type: ignore[no-untyped-def]
        return self.c.stages[self.stage]

    def open_issues(self) -> tuple[str, ...]:
        """Issues open in this stage and not yet agreed."""
        return tuple(i for i in self.c.stages[self.stage].open if i not in self.agreed)

    @property
    def table(self) -> tuple[str, ...]:
        """The parties at the table in this stage, in the order of turns."""
        return self.c.stages[self.stage].parties

    def mandate_of(self, side: str) -> m.Mandate:
        """The side's current mandate (a mediator's: one that bounds nothing)."""
        wanted = self.mandates.get(side)
        if wanted is None:
            return m.FREE_MANDATE
        return next(x for x in self.c.parties[side].mandates if x.id == wanted)

    def but(self, **changes: Any) -> GameState:
        """A copy with ``changes`` (a fast ``dataclasses.replace`` for the hot path).

        Raises:
            TypeError: a change names no field of the state.
        """
        if not _PLAIN.issuperset(changes):
            _mappings_frozen(changes)
        new = object.__new__(GameState)
        values = new.__dict__
        values.update(self.__dict__)
        values.update(changes)
        return new

    def shift(self, side: str, what: str) -> float:
        return self.party_shift.get((side, what), 0.0)


def _mappings_frozen(changes: dict[str, Any]) -> None:
    """Check that ``changes`` name fields of a state; freeze the mappings among them."""
    for name, value in changes.items():
        if name in _MAPPINGS:
            if type(value) is not FrozenMap:
                changes[name] = FrozenMap(value)
        elif name not in _FIELDS:
            names = ", ".join(repr(n) for n in sorted(changes.keys() - _FIELDS))
            raise TypeError(f"GameState has no field {names}")


_FIELDS = frozenset(f.name for f in fields(GameState))
_MAPPINGS = frozenset(
    ("entered", "agreed", "mandates", "weight_shift", "party_shift", "used", "clauses")
)
_PLAIN = _FIELDS - _MAPPINGS
"""The fields a change may set as given (the others are mappings, frozen first)."""
