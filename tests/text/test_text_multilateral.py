"""Text games with three signatories and a mediator, through a pipe, to their end."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from game.persistence.scenarios import load
from game.text.play import run_text_game
from tests.conftest import FIXTURES

ROOT = Path(__file__).resolve().parents[2]
TRIO = FIXTURES / "scenarios" / "trio.yaml"


@pytest.mark.parametrize("role", ["nadia", "eli", "cleo"])
def test_a_three_party_game_with_a_mediator_plays_to_the_debrief(role: str) -> None:
    out = io.StringIO()
    script = ["status"] + ["accept", "adjourn"] * 120
    code = run_text_game(load(TRIO), role, 3, iter(s + "\n" for s in script), out)
    text = out.getvalue()
    assert code == 0 and "DEBRIEF" in text and "Outcome:" in text
    assert "Across the table:" in text and "The Chair" in text


def test_a_three_party_game_from_a_pipe_in_a_subprocess(tmp_path: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "game",
            "play",
            str(TRIO),
            "--text",
            "--role",
            "cleo",
            "--seed",
            "2",
        ],
        input="adjourn\n" * 200,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        env={"TREATY_TABLE_SAVES": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "DEBRIEF" in proc.stdout
