"""Moves, offers, log entries and outcomes: small frozen value objects.

A :class:`Move` is a value of a closed type: its kind is a :class:`MoveKind`
(a kind's name converts), and a move built with values of the wrong types
raises :class:`IllegalMoveError` naming the field, so the rules only ever see
well-formed moves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from game.engine.frozen import FrozenMap, frozen
from game.engine.messages import Msg
from game.engine.space import Clause, OfferRecord, Value
from game.scenario.model import ALL_MOVES, MoveKind

__all__ = [
    "MOVE_KINDS",
    "Clause",
    "Entry",
    "IllegalMoveError",
    "Move",
    "MoveKind",
    "MoveOption",
    "Offer",
    "Outcome",
    "Termination",
]

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
    """One move by one side. ``package`` (and optional ``links``, groups of its
    issues tied together) for propose/counter, ``argument`` for argue, ``until``
    (optional) for adjourn, ``clauses`` (optional: a subset of the offer's
    issues) for accept, ``issue`` for reopen.

    Raises:
        IllegalMoveError: a field has the wrong type (a kind that is no move kind,
            a side that is not a party id, a package that is not a mapping of issue
            ids to numbers, texts or dates, an argument id that is not a text, an
            ``until`` that is not a date, links that are not groups of issue ids,
            clauses that are not issue ids, an issue that is not an id).
    """

    kind: MoveKind
    side: str
    package: Mapping[str, Value] = field(default_factory=FrozenMap)
    argument: str | None = None
    until: dt.date | None = None
    links: tuple[tuple[str, ...], ...] = ()
    clauses: tuple[str, ...] = ()
    issue: str | None = None

    def __post_init__(self) -> None:
        if type(self.kind) is not MoveKind:
            object.__setattr__(self, "kind", _kind(self.kind))
        if not isinstance(self.side, str):
            got = _shown(self.side)
            raise IllegalMoveError(
                Msg("move_side", f"A move's side is a party's id, not {got}.", got=got)
            )
        if self.package or type(self.package) is not FrozenMap:
            object.__setattr__(self, "package", _package(self.package))
        if self.argument is not None and not isinstance(self.argument, str):
            got = _shown(self.argument)
            raise IllegalMoveError(
                Msg("move_argument", f"An argument is named by its id, not {got}.", got=got)
            )
        if self.until is not None and (
            not isinstance(self.until, dt.date) or isinstance(self.until, dt.datetime)
        ):
            got = _shown(self.until)
            raise IllegalMoveError(
                Msg("move_until", f"An adjournment lasts until a date, not {got}.", got=got)
            )
        if self.links:
            object.__setattr__(self, "links", _links(self.links))
        if self.clauses:
            object.__setattr__(self, "clauses", _ids(self.clauses, "move_clauses"))
        if self.issue is not None and not isinstance(self.issue, str):
            got = _shown(self.issue)
            raise IllegalMoveError(
                Msg("move_reopen", f"A clause is named by its issue's id, not {got}.", got=got)
            )

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind.value, "side": self.side}
        if self.package:
            out["package"] = {k: _jsonable(v) for k, v in self.package.items()}
        if self.argument:
            out["argument"] = self.argument
        if self.until:
            out["until"] = self.until.isoformat()
        if self.links:
            out["links"] = [list(group) for group in self.links]
        if self.clauses:
            out["clauses"] = list(self.clauses)
        if self.issue is not None:
            out["issue"] = self.issue
        return out

    @staticmethod
    def from_json(data: Mapping[str, Any]) -> Move:
        """Inverse of :meth:`to_json`; values are checked when the move is applied."""
        until = data.get("until")
        links = data.get("links") or ()
        return Move(
            kind=_kind(str(data["kind"])),
            side=str(data["side"]),
            package=dict(data.get("package") or {}),
            argument=data.get("argument"),
            until=dt.date.fromisoformat(until) if isinstance(until, str) else None,
            links=tuple(tuple(g) if isinstance(g, list | tuple) else g for g in links),
            clauses=tuple(data.get("clauses") or ()),
            issue=data.get("issue"),
        )


def _jsonable(value: Value) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


_KINDS = {kind.value: kind for kind in MoveKind}
_VALUE_TYPES = (int, float, str, dt.date)


def _shown(value: object) -> str:
    text = repr(value)
    return f"{type(value).__name__} {text if len(text) <= 40 else text[:37] + '...'}"


def _kind(kind: object) -> MoveKind:
    found = _KINDS.get(kind) if isinstance(kind, str) else None
    if found is None:
        raise IllegalMoveError(
            Msg(
                "no_move",
                f"'{kind}' is not a move. Moves: {', '.join(MOVE_KINDS)}.",
                kind=str(kind),
            )
        )
    return found


def _ids(items: object, code: str) -> tuple[str, ...]:
    if isinstance(items, tuple | list) and all(isinstance(i, str) for i in items):
        return tuple(items)
    got = _shown(items)
    if code == "move_links":
        raise IllegalMoveError(Msg(code, f"A link is a group of issue ids, not {got}.", got=got))
    raise IllegalMoveError(
        Msg(code, f"Clauses are named by their issues' ids, not {got}.", got=got)
    )


def _links(links: object) -> tuple[tuple[str, ...], ...]:
    if not isinstance(links, tuple | list):
        return (_ids(links, "move_links"),)
    return tuple(_ids(group, "move_links") for group in links)


def _package(package: object) -> FrozenMap[str, Value]:
    if not isinstance(package, Mapping):
        got = _shown(package)
        raise IllegalMoveError(
            Msg("move_package", f"A package maps issue ids to values, not {got}.", got=got)
        )
    for iid, value in package.items():
        if not isinstance(iid, str):
            got = _shown(iid)
            raise IllegalMoveError(
                Msg("move_issue", f"A package names issues by their ids, not {got}.", got=got)
            )
        if not isinstance(value, _VALUE_TYPES):
            got = _shown(value)
            raise IllegalMoveError(
                Msg(
                    "move_value",
                    f"The value of '{iid}' is a number, a text or a date, not {got}.",
                    issue=iid,
                    got=got,
                )
            )
    return frozen(package)


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
    params: Mapping[str, Any] = field(default_factory=FrozenMap)

    def __post_init__(self) -> None:
        if type(self.params) is not FrozenMap:
            object.__setattr__(self, "params", FrozenMap(self.params))


@dataclass(frozen=True)
class Outcome:
    """How the game ended: one object for every kind of end.

    ``date`` is the day of the acceptance that completed the deal (for
    ``signed``), else the day the talks ended. The treaty's milestones, each
    None when not reached: ``agreed_on`` (the last clause agreed),
    ``signed_on`` (entering a stage marked ``milestone: signed``; in a scenario
    without such a stage, the day of the deal), ``ratified_on`` and
    ``registered_on``. ``clauses`` are the agreed clauses with their dates and
    parties, ``side_agreements`` the clauses agreed while not every signatory
    sat at the table.
    """

    termination: Termination
    date: dt.date
    terms: Mapping[str, Value]
    stage: str
    reason: str
    milestones: tuple[tuple[str, dt.date], ...] = ()
    agreed_on: dt.date | None = None
    signed_on: dt.date | None = None
    ratified_on: dt.date | None = None
    registered_on: dt.date | None = None
    clauses: tuple[Clause, ...] = ()
    side_agreements: tuple[Clause, ...] = ()

    def __post_init__(self) -> None:
        if type(self.terms) is not FrozenMap:
            object.__setattr__(self, "terms", FrozenMap(self.terms))

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "termination": self.termination.value,
            "date": self.date.isoformat(),
            "terms": {k: _jsonable(v) for k, v in self.terms.items()},
            "stage": self.stage,
            "reason": self.reason,
            "milestones": [{"stage": s, "date": d.isoformat()} for s, d in self.milestones],
            "agreed_on": _day(self.agreed_on),
            "signed_on": _day(self.signed_on),
            "ratified_on": _day(self.ratified_on),
            "clauses": {c.issue: c.to_json() for c in self.clauses},
        }
        if self.registered_on is not None:
            out["registered_on"] = _day(self.registered_on)
        if self.side_agreements:
            out["side_agreements"] = [
                {"issue": c.issue, **c.to_json()} for c in self.side_agreements
            ]
        return out


def _day(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


@dataclass(frozen=True)
class MoveOption:
    """A kind of move and whether it is possible now (for buttons and hints);
    ``argument`` names the argument of an ``argue`` option, ``issue`` the clause
    of a ``reopen`` option."""

    kind: MoveKind
    allowed: bool
    reason: str = ""
    argument: str | None = None
    issue: str | None = None
