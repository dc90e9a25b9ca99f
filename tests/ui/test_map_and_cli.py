"""The map follows the state; without a display the command says so in one line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.engine import new_game
from game.persistence.scenarios import load
from tests.ui.conftest import MINI

ROOT = Path(__file__).resolve().parents[2]
PEKING = ROOT / "scenarios" / "peking-1925.yaml"


def test_map_renders_for_any_state(dirs) -> None:
    import pygame

    from game.ui import mapview
    from game.wording.catalogue import Translator

    pygame.display.init()
    state = new_game(load(MINI), 1)
    assert mapview.occupation(state).status == "occupied"  # no evacuation issue in this scenario
    surf = mapview.render((340, 250), state, Translator("az"))
    assert surf.get_size() == (340, 250)


@pytest.mark.skipif(not PEKING.exists(), reason="the main scenario is not there")
def test_north_sakhalin_evacuated_at_the_end_of_the_historical_path() -> None:
    from game.engine.record import replay_history
    from game.ui import mapview

    c = load(PEKING)
    steps = replay_history(c)
    assert mapview.occupation(steps[0].before).status == "occupied"
    end = mapview.occupation(steps[-1].after)
    assert end.status in ("agreed", "evacuated") and end.by is not None


def test_no_display_one_line_pointing_to_text(tmp_path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(
        SDL_VIDEODRIVER="x11", TREATY_TABLE_CONFIG=str(tmp_path), TREATY_TABLE_SAVES=str(tmp_path)
    )
    proc = subprocess.run(
        [sys.executable, "-m", "game", "play", MINI],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        cwd=ROOT,
    )
    assert proc.returncode == 1
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    assert "--text" in lines[0] and "Traceback" not in proc.stderr
