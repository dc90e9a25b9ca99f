"""Every scene in a real X window (Xvfb): each shows its expected texts.

Skipped where ``xvfb-run`` is not installed (``.ci/run`` installs xvfb).
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

EXPECTED = {
    "en": {
        "title": ["Treaty Table", "Replay history", "Load", "Scenarios", "Settings", "Quit"],
        "scenarios": ["Choose a scenario", "Mini: a harbour lease"],
        "role": [
            "Choose your role",
            "Play as Nadia",
            "Play as Sam",
            "in its confidential briefing",
        ],
        "briefing": ["Briefing — Nadia", "Your mandate", "The issues", "Sources", "To the table"],
        "table": [
            "Your package (Nadia)",
            "On the table",
            "Record of the talks",
            "Propose",
            "Accept",
            "Undo",
            "Rent",
        ],
        "instruct": ["Request instructions", "Send the telegram"],
        "argue": ["Your arguments"],
        "confirm": ["Break off the talks?"],
        "adjourn": ["Adjourn the session", "Next session"],
        "save": ["Save the game"],
        "settings": ["Language", "Text size", "Window size", "Full screen"],
        "load": ["Load a saved game"],
        "handover": ["Hand the screen to"],
        "debrief": [
            "Debrief",
            "Issue by issue",
            "Export PNG",
            "Export CSV",
            "The confidential briefs, revealed",
        ],
        "replay": ["The historical path", "Take over here as Nadia", "Before the first step"],
        "replay_mid": ["[history]", "Source: Test notes"],
    },
    "az": {
        "title": ["Treaty Table", "Tarixi təkrarla", "Yüklə", "Ssenarilər", "Parametrlər", "Çıxış"],
        "role": ["Rolunuzu seçin", "Nadia kimi oyna"],
        "briefing": ["Brifinq — Nadia", "Səlahiyyətiniz", "Məsələlər", "Mənbələr", "Masaya keç"],
        "table": [
            "Sizin paketiniz (Nadia)",
            "Masada",
            "Danışıqların protokolu",
            "Təklif et",
            "Qəbul et",
            "Geri al",
        ],
        "debrief": ["Yekun təhlil", "Məsələ-məsələ", "CSV ixracı"],
        "adjourn": ["İclasa fasilə", "Növbəti iclas"],
        "replay": ["Tarixi yol"],
        "replay_mid": ["[tarix]", "Mənbə"],
    },
}


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="xvfb-run is not installed")
@pytest.mark.parametrize("lang", ["en", "az"])
def test_every_scene_under_xvfb(lang: str, tmp_path: Path) -> None:
    env = dict(os.environ)
    env.pop("SDL_VIDEODRIVER", None)
    env.update(
        SDL_AUDIODRIVER="dummy",
        TREATY_TABLE_SAVES=str(tmp_path / "s"),
        TREATY_TABLE_CONFIG=str(tmp_path / "c"),
    )
    proc = subprocess.run(
        [
            "xvfb-run",
            "-a",
            "-s",
            "-screen 0 1280x720x24",
            sys.executable,
            "-m",
            "game.ui.selfcheck",
            MINI,
            lang,
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=240,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    seen = json.loads(proc.stdout)
    assert seen["_driver"] == ["x11"]
    assert seen["_missing_keys"] == []
    for scene, texts in EXPECTED[lang].items():
        shown = "\n".join(seen[scene])
        for text in texts:
            assert text in shown, f"{scene}: {text!r} not in {shown[:400]!r}"
