"""The rules and the content model never need pygame."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_engine_imports_with_pygame_blocked() -> None:
    code = "import sys; sys.modules['pygame'] = None; import game.engine, game.scenario.loader; print('ok')"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_engine_has_no_global_random_or_clock() -> None:
    for path in (ROOT / "game" / "engine").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for banned in (
            "import random",
            "from random import",
            "time.time(",
            "datetime.now(",
            "date.today(",
        ):
            assert banned not in text, f"{path.name} uses {banned}"


def test_play_command_lists_the_engines_difficulties() -> None:
    from game.commands.play import DIFFICULTIES as listed
    from game.engine.policy import DIFFICULTIES

    assert listed == DIFFICULTIES


def test_play_starts_without_importing_the_engine() -> None:
    code = (
        "import sys, game.cli; p = game.cli.build_parser('play'); "
        "print('game.engine' in sys.modules, 'numpy' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert out.stdout.split() == ["False", "False"]
