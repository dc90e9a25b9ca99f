"""What an AI decides at its turn: a small, engine-agnostic value object."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from game.engine.space import Value

__all__ = [
    "ACCEPT",
    "ADJOURN",
    "ARGUE",
    "BREAK_OFF",
    "KINDS",
    "OFFER",
    "PASS",
    "REJECT",
    "REOPEN",
    "REQUEST_INSTRUCTIONS",
    "Decision",
    "DecisionKind",
]


class DecisionKind(StrEnum):
    """What an AI may decide to do (the engine maps each to its moves)."""

    OFFER = "offer"
    ACCEPT = "accept"
    REJECT = "reject"
    ARGUE = "argue"
    REQUEST_INSTRUCTIONS = "request_instructions"
    ADJOURN = "adjourn"
    BREAK_OFF = "break_off"
    PASS = "pass"
    REOPEN = "reopen"


OFFER: Final = DecisionKind.OFFER
ACCEPT: Final = DecisionKind.ACCEPT
REJECT: Final = DecisionKind.REJECT
ARGUE: Final = DecisionKind.ARGUE
REQUEST_INSTRUCTIONS: Final = DecisionKind.REQUEST_INSTRUCTIONS
ADJOURN: Final = DecisionKind.ADJOURN
BREAK_OFF: Final = DecisionKind.BREAK_OFF
PASS: Final = DecisionKind.PASS
REOPEN: Final = DecisionKind.REOPEN
KINDS: Final = frozenset(DecisionKind)


@dataclass(frozen=True)
class Decision:
    """One move chosen by an AI, with its reasons in plain words.

    Attributes:
        kind: One of :class:`DecisionKind` (its name is accepted too).
        package: The package offered (an ``offer``: some or all of the open issues) or
            accepted (the clauses accepted).
        argument: The argument id (to ``argue``).
        utility: The AI's own utility of ``package`` (of a partial one: its best
            completion), when there is one.
        reasons: Why, in words a player understands.
        links: Groups of the offer's issues tied together (an ``offer``).
        clauses: The clauses accepted, when not the whole offer (an ``accept``).
        issue: The clause to reopen (a ``reopen``).
    """

    kind: DecisionKind
    package: Mapping[str, Value] | None = None
    argument: str | None = None
    utility: float | None = None
    reasons: tuple[str, ...] = ()
    links: tuple[tuple[str, ...], ...] = ()
    clauses: tuple[str, ...] = ()
    issue: str | None = None

    def __post_init__(self) -> None:
        if type(self.kind) is not DecisionKind:
            try:
                object.__setattr__(self, "kind", DecisionKind(self.kind))
            except ValueError:
                raise ValueError(f"unknown decision kind {self.kind!r}") from None
        if self.kind is OFFER and self.package is None:
            raise ValueError("an offer needs a package")
        if self.kind is ARGUE and self.argument is None:
            raise ValueError("an argument decision needs an argument id")
        if self.kind is REOPEN and self.issue is None:
            raise ValueError("a reopen decision needs the clause's issue")
