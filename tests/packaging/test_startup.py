"""Starting the game where no window can be shown: one line pointing to ``--text``, at once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _env(tmp_path: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")
    }
    env.update(TREATY_TABLE_CONFIG=str(tmp_path), TREATY_TABLE_SAVES=str(tmp_path))
    return env


@pytest.mark.parametrize("argv", [[], ["play"], ["play", "peking-1925", "--role", "karakhan"]])
def test_without_a_display_the_game_says_so_in_one_line(tmp_path: Path, argv: list[str]) -> None:
    """SDL would fall back to its offscreen driver and run an unseen window for ever
    (the timeout here only catches that hang)."""
    proc = subprocess.run(
        [sys.executable, "-m", "game", *argv],
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        timeout=60,
        cwd=tmp_path,
    )
    assert proc.returncode == 1
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    assert "treaty-table play --text" in lines[0] and "display" in lines[0]
    assert proc.stdout == ""


def test_a_driver_asked_for_by_name_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    """SDL_VIDEODRIVER=dummy (the tests' headless window) is not refused by the check."""
    from game.commands.play import window_problem

    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    assert window_problem() is None
