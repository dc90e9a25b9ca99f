"""The player's settings, kept as JSON in the user config folder."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from game.ui.paths import config_dir
from game.wording.catalogue import LANGUAGES

TEXT_SIZES = {"small": 0.88, "medium": 1.0, "large": 1.18}
WINDOW_SIZES = ((1024, 640), (1280, 720), (1280, 800), (1600, 900), (1920, 1080))
"""The window sizes the settings offer (those that fit the desktop: :func:`window_sizes`)."""


def window_sizes(desktop: tuple[int, int] | None) -> list[tuple[int, int]]:
    """The sizes of :data:`WINDOW_SIZES` no larger than ``desktop`` (the smallest if none is)."""
    if desktop is None:
        return list(WINDOW_SIZES)
    fits = [s for s in WINDOW_SIZES if s[0] <= desktop[0] and s[1] <= desktop[1]]
    return fits or [WINDOW_SIZES[0]]


def desktop_size() -> tuple[int, int] | None:
    """The size of the desktop SDL reports (the first display), if it reports one (the
    dummy and offscreen drivers have no real desktop: None)."""
    import pygame

    try:
        if pygame.display.get_driver() in ("dummy", "offscreen"):
            return None
        sizes = pygame.display.get_desktop_sizes()
    except pygame.error:
        return None
    return (int(sizes[0][0]), int(sizes[0][1])) if sizes else None


@dataclass
class Settings:
    """Language, text size, window size, fullscreen (the hints of a first game are kept
    with the terminal's, :class:`game.session.tutorial.Progress`)."""

    lang: str = "en"
    text_size: str = "medium"
    window: tuple[int, int] = field(default=(1280, 720))
    fullscreen: bool = False

    @property
    def text_factor(self) -> float:
        return TEXT_SIZES.get(self.text_size, 1.0)

    @staticmethod
    def path() -> Path:
        return config_dir() / "settings.json"

    @classmethod
    def load(cls) -> Settings:
        """The saved settings, or the defaults if there are none or they are damaged."""
        try:
            data = json.loads(cls.path().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        out = cls()
        if data.get("lang") in LANGUAGES:
            out.lang = data["lang"]
        if data.get("text_size") in TEXT_SIZES:
            out.text_size = data["text_size"]
        win = data.get("window")
        if (
            isinstance(win, list)
            and len(win) == 2
            and all(isinstance(v, int) and 320 <= v <= 8000 for v in win)
        ):
            out.window = (win[0], win[1])
        out.fullscreen = data.get("fullscreen") is True
        return out

    def save(self) -> Path:
        """Write the settings atomically; returns the path."""
        target = self.path()
        target.parent.mkdir(parents=True, exist_ok=True)
        data = asdict(self)
        data["window"] = list(self.window)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=target.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=1)
        os.replace(tmp, target)
        return target
