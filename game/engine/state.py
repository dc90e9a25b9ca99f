"""The immutable game state.

A state is never changed: :func:`game.engine.rules.apply` returns a new one.
Mappings in a state are treated as read-only and copied on change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from game.engine.compiled import Compiled
from game.engine.moves import Entry, Offer, Outcome
from game.engine.space import Value


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

    @property
    def over(self) -> bool:
        return self.outcome is not None

    @property
    def stage_info(self):  # type: ignore[no-untyped-def]
        return self.c.stages[self.stage]

    def open_issues(self) -> tuple[str, ...]:
        """Issues open in this stage and not yet agreed."""
        return tuple(i for i in self.c.stages[self.stage].open if i not in self.agreed)

    def mandate_of(self, side: str):  # type: ignore[no-untyped-def]
        party = self.c.parties[side]
        wanted = self.mandates[side]
        return next(x for x in party.mandates if x.id == wanted)

    def but(self, **changes: Any) -> GameState:
        """A copy with ``changes`` (a fast ``dataclasses.replace`` for the hot path)."""
        new = object.__new__(GameState)
        new.__dict__.update(self.__dict__)
        new.__dict__.update(changes)
        return new

    def shift(self, side: str, what: str) -> float:
        return self.party_shift.get((side, what), 0.0)
