"""The guided first game: short hints over the first sessions, each shown once, when
its situation comes up at the table.

The steps are data: an id, the catalogue key of their words (``tutorial.<id>``)
and the situation that calls for them. :func:`hint` picks the first step not
seen yet whose situation holds; front ends show it and remember it as seen.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass

from game.engine.moves import MoveKind
from game.session.view import SeatView


@dataclass(frozen=True)
class TutorialStep:
    """One hint: ``id`` and the catalogue key of its text (``tutorial.<id>``)."""

    id: str

    @property
    def key(self) -> str:
        return f"tutorial.{self.id}"


def _allowed(view: SeatView, kind: MoveKind) -> bool:
    return any(o.kind is kind and o.allowed for o in view.options())


STEPS: tuple[tuple[TutorialStep, Callable[[SeatView], bool]], ...] = (
    (TutorialStep("welcome"), lambda v: True),
    (TutorialStep("few_moves"), lambda v: v.my_turn and v.why_moves is not None),
    (TutorialStep("package"), lambda v: v.my_turn and _allowed(v, MoveKind.PROPOSE)),
    (TutorialStep("their_offer"), lambda v: v.my_turn and v.their_offer() is not None),
    (TutorialStep("instructions"), lambda v: v.my_turn and _allowed(v, MoveKind.INSTRUCT)),
    (TutorialStep("record"), lambda v: len(v.entries) > 12),
)
"""The steps in the order they are offered, with the situation each waits for."""


def hint(view: SeatView, seen: Collection[str]) -> TutorialStep | None:
    """The next hint for ``view``: the first step not in ``seen`` whose situation holds."""
    if view.state.over:
        return None
    for step, when in STEPS:
        if step.id not in seen and when(view):
            return step
    return None
