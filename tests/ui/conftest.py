"""Headless UI tests: SDL's dummy video and audio drivers, set before pygame is imported."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

MINI = str(Path(__file__).resolve().parents[1] / "fixtures" / "scenarios" / "mini.yaml")


@pytest.fixture
def dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Saves and settings in a temporary folder."""
    monkeypatch.setenv("TREATY_TABLE_SAVES", str(tmp_path / "saves"))
    monkeypatch.setenv("TREATY_TABLE_CONFIG", str(tmp_path / "config"))
    return tmp_path


@pytest.fixture
def app(dirs: Path) -> Iterator[object]:
    """A window (dummy driver) with default settings."""
    import pygame

    from game.ui.app import App, open_display_or_explain
    from game.ui.settings import Settings

    assert open_display_or_explain() is None
    window = App(Settings())
    yield window
    while window.stack:
        window.stack.pop().exit()
    pygame.display.quit()
