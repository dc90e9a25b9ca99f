"""A scripted new user in a real X window (Xvfb), in both languages, with the mouse:
title → role → briefing → table → a signed deal → debrief; then a game left by closing
the window, and on the next start Continue opens it in the same state.

Skipped where ``xvfb-run`` is not installed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ui.conftest import MINI

ROOT = Path(__file__).resolve().parents[2]


def _run(what: str, lang: str, tmp: Path) -> dict:  # type: ignore[type-arg]
    env = dict(os.environ)
    env.pop("SDL_VIDEODRIVER", None)
    env.update(
        SDL_AUDIODRIVER="dummy",
        TREATY_TABLE_SAVES=str(tmp / "saves"),
        TREATY_TABLE_CONFIG=str(tmp / "config"),
    )
    proc = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24"]
        + [sys.executable, "-m", "tests.ui.new_user", what, MINI, lang],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    result: dict = json.loads(proc.stdout)  # type: ignore[type-arg]
    assert result["driver"] == "x11"
    return result


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="xvfb-run is not installed")
@pytest.mark.parametrize(
    ("lang", "debrief", "go_on"),
    [("en", ["Debrief", "In short"], "Continue"), ("az", ["Yekun təhlil", "Qısaca"], "Davam et")],
)
def test_a_new_user_plays_to_a_deal_and_continues_a_game_after_closing(
    tmp_path: Path, lang: str, debrief: list[str], go_on: str
) -> None:
    first = _run("play", lang, tmp_path)
    assert first["termination"] == "signed"
    assert all(text in first["debrief"] for text in debrief)
    assert go_on not in first["title"]  # nothing to continue on the very first start
    assert first["closed"] and first["left"]["moves"]
    again = _run("continue", lang, tmp_path)
    assert go_on in again["title"]
    assert again["state"] == first["left"]  # the same moves, date, stage and seat


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="xvfb-run is not installed")
def test_the_click_that_focuses_the_window_presses_its_button(tmp_path: Path) -> None:
    import ctypes.util

    if ctypes.util.find_library("Xtst") is None:
        pytest.skip("libXtst is not installed")
    assert _run("focus_click", "en", tmp_path)["top"] == "role"
