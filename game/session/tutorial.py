"""A guided first game: short hints over the first sessions, for both front ends.

The steps are data: each has an id, whose words are the catalogue keys
``tutorial.<id>.title`` and ``tutorial.<id>`` (``assets/i18n/{en,az}.json``), and
the situation at the table that brings it up. :func:`hint` gives the first
step not yet seen whose situation holds in a seat's view, one at a time, so
the hints spread over the first sessions; the front end shows it and adds it
to the seen steps. What was seen, and whether hints are on at all, is kept in
the player's settings folder (:class:`Progress`), so a second game shows only
what the first did not reach, and a player can turn the hints off.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from game.engine.moves import MoveKind
from game.persistence.scenarios import config_dir
from game.session.view import SeatView, Withheld


@dataclass(frozen=True)
class TutorialStep:
    """One hint: its id (the catalogue keys) and the situation that brings it up."""

    id: str
    situation: str

    @property
    def key(self) -> str:
        """The hint's text in the catalogue."""
        return f"tutorial.{self.id}"

    @property
    def title_key(self) -> str:
        """Its short heading in the catalogue."""
        return f"tutorial.{self.id}.title"


def _allowed(view: SeatView, kind: MoveKind) -> bool:
    return any(o.allowed and o.kind is kind for o in view.options())


def _heard_from_home(view: SeatView) -> bool:
    return any(
        not isinstance(e, Withheld)
        and e.side == view.seat
        and e.code in ("instructions", "instructions.none")
        for e in view.entries
    )


SITUATIONS: Mapping[str, Callable[[SeatView], bool]] = {
    "start": lambda v: True,
    "stage_limits": lambda v: v.why_moves is not None,
    "can_propose": lambda v: _allowed(v, MoveKind.PROPOSE),
    "their_offer": lambda v: v.my_turn and v.their_offer() is not None,
    "heard_from_home": _heard_from_home,
    "can_argue": lambda v: _allowed(v, MoveKind.ARGUE),
    "agreed": lambda v: bool(v.state.agreed),
    "over": lambda v: v.state.over,
}
"""The situations a step may wait for, by name (a step names one)."""

STEPS: tuple[TutorialStep, ...] = (
    TutorialStep("welcome", "start"),
    TutorialStep("mandate", "start"),
    TutorialStep("stage_limits", "stage_limits"),
    TutorialStep("propose", "can_propose"),
    TutorialStep("their_offer", "their_offer"),
    TutorialStep("home", "heard_from_home"),
    TutorialStep("argue", "can_argue"),
    TutorialStep("agreed", "agreed"),
    TutorialStep("debrief", "over"),
)
"""The guided first game, in the order the hints come when several situations hold."""


def hint(view: SeatView, seen: Iterable[str]) -> TutorialStep | None:
    """The next hint for the seat, if any: the first step not in ``seen`` whose
    situation holds now."""
    done = set(seen)
    for step in STEPS:
        if step.id not in done and SITUATIONS[step.situation](view):
            return step
    return None


FILE = "tutorial.json"


@dataclass
class Progress:
    """What the player has seen of the tutorial, and whether it is on."""

    enabled: bool = True
    seen: set[str] = field(default_factory=set)

    @property
    def finished(self) -> bool:
        return all(step.id in self.seen for step in STEPS)

    def next(self, view: SeatView) -> TutorialStep | None:
        """The hint to show now (None when off or nothing applies); it counts as seen."""
        if not self.enabled:
            return None
        step = hint(view, self.seen)
        if step is not None:
            self.seen.add(step.id)
        return step

    @classmethod
    def load(cls, folder: Path | None = None) -> Progress:
        """The player's progress (a fresh one if there is none or it cannot be read)."""
        path = (folder or config_dir()) / FILE
        try:
            if path.is_file() and path.stat().st_size < 65536:
                data = json.loads(path.read_text(encoding="utf-8"))
                if isinstance(data, dict):
                    seen = data.get("seen", [])
                    known = {s.id for s in STEPS}
                    return cls(
                        bool(data.get("enabled", True)),
                        {s for s in seen if isinstance(s, str) and s in known}
                        if isinstance(seen, list)
                        else set(),
                    )
        except (OSError, ValueError):
            pass
        return cls()

    def save(self, folder: Path | None = None) -> Path | None:
        """Keep the progress (atomically); None if it cannot be written (hints are not
        worth an error)."""
        where = folder or config_dir()
        data = {"enabled": self.enabled, "seen": sorted(self.seen)}
        try:
            where.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=where)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    json.dump(data, fh)
                os.replace(tmp, where / FILE)
            finally:
                Path(tmp).unlink(missing_ok=True)
        except OSError:
            return None
        return where / FILE
