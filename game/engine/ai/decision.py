"""What an AI decides at its turn: a small, engine-agnostic value object."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from game.engine.space import Value

__all__ = [
    "ACCEPT",
    "ADJOURN",
    "ARGUE",
    "BREAK_OFF",
    "KINDS",
    "OFFER",
    "REJECT",
    "REQUEST_INSTRUCTIONS",
    "Decision",
]

OFFER: Final = "offer"
ACCEPT: Final = "accept"
REJECT: Final = "reject"
ARGUE: Final = "argue"
REQUEST_INSTRUCTIONS: Final = "request_instructions"
ADJOURN: Final = "adjourn"
BREAK_OFF: Final = "break_off"
KINDS: Final = frozenset({OFFER, ACCEPT, REJECT, ARGUE, REQUEST_INSTRUCTIONS, ADJOURN, BREAK_OFF})


@dataclass(frozen=True)
class Decision:
    """One move chosen by an AI, with its reasons in plain words.

    Attributes:
        kind: One of :data:`KINDS`.
        package: The package offered (``kind == "offer"``) or accepted.
        argument: The argument id (``kind == "argue"``).
        utility: The AI's own utility of ``package``, when there is one.
        reasons: Why, in words a player understands.
    """

    kind: str
    package: Mapping[str, Value] | None = None
    argument: str | None = None
    utility: float | None = None
    reasons: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown decision kind {self.kind!r}")
        if self.kind == OFFER and self.package is None:
            raise ValueError("an offer needs a package")
        if self.kind == ARGUE and self.argument is None:
            raise ValueError("an argument decision needs an argument id")
