"""game.authoring sits on game.scenario and game.engine: no pygame, no game.ui."""

from __future__ import annotations

import subprocess
import sys

from tests.authoring.helpers import ROOT

MODULES = [
    "game.authoring.lint",
    "game.authoring.graph",
    "game.authoring.explore",
    "game.authoring.schema",
    "game.authoring.scaffold",
    "game.authoring.loading",
    "game.commands.lint",
    "game.commands.graph",
    "game.commands.explore",
    "game.commands.new",
    "game.commands.schema",
    "game.commands.validate",
]


def test_no_pygame_or_ui() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {MODULES!r}: importlib.import_module(name)\n"
        "bad = [m for m in sys.modules if m == 'pygame' or m.startswith(('pygame.', 'pygame_gui', 'game.ui'))]\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_commands_are_registered() -> None:
    from game.cli import build_parser

    help_text = build_parser().format_help()
    for name in ("lint", "graph", "explore", "new", "schema", "validate"):
        assert name in help_text
