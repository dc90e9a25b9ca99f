"""Moves, offers, log entries and outcomes: small frozen value objects."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from game.engine.space import OfferRecord, Value
from game.scenario.model import ALL_MOVES

MOVE_KINDS = ALL_MOVES
"""Every kind of move, in the order front ends list them."""


class IllegalMoveError(ValueError):
    """A move the rules do not allow now; ``reason`` says why, in words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Termination(StrEnum):
    """How a game ended."""

    SIGNED = "signed"
    BROKEN_OFF = "broken_off"
    DEADLINE = "deadline"
    NO_AGREEMENT = "no_agreement"


@dataclass(frozen=True)
class Move:
    """One move by one side. ``package`` for propose/counter, ``argument`` for argue,
    ``until`` (optional) for adjourn."""

    kind: str
    side: str
    package: Mapping[str, Value] = field(default_factory=dict)
    argument: str | None = None
    until: dt.date | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "side": self.side}
        if self.package:
            out["package"] = {k: _jsonable(v) for k, v in self.package.items()}
        if self.argument:
            out["argument"] = self.argument
        if self.until:
            out["until"] = self.until.isoformat()
        return out

    @staticmethod
    def from_json(data: Mapping[str, Any]) -> Move:
        """Inverse of :meth:`to_json`; values are checked when the move is applied."""
        until = data.get("until")
        return Move(
            kind=str(data["kind"]),
            side=str(data["side"]),
            package=dict(data.get("package") or {}),
            argument=data.get("argument"),
            until=dt.date.fromisoformat(until) if isinstance(until, str) else None,
        )


def _jsonable(value: Value) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


Offer = OfferRecord
"""A package on the table (the same value object the AI reads in its view)."""


@dataclass(frozen=True)
class Entry:
    """One line of the record of the talks.

    ``code`` names what happened (``move.propose``, ``event``, ``stage``,
    ``session``, ``instructions``, ``argument``, ``end`` ...) so a front end
    can word it in its own language; ``message`` is the English wording;
    ``ref`` is the scenario object (event, stage, instruction...) whose
    texts and citations apply.
    """

    date: dt.date
    code: str
    message: str
    side: str | None = None
    ref: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Outcome:
    """How the game ended: one object for every kind of end."""

    termination: Termination
    date: dt.date
    terms: Mapping[str, Value]
    stage: str
    reason: str
    milestones: tuple[tuple[str, dt.date], ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "termination": self.termination.value,
            "date": self.date.isoformat(),
            "terms": {k: _jsonable(v) for k, v in self.terms.items()},
            "stage": self.stage,
            "reason": self.reason,
            "milestones": [{"stage": s, "date": d.isoformat()} for s, d in self.milestones],
        }
