"""Policies named on the command line: built in, or from an installed plugin; NegMAS stays out."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.cli import main
from game.commands import policies

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "scenarios" / "mini.yaml"


def test_game_never_imports_negmas() -> None:
    pattern = re.compile(r"^\s*(import|from)\s+(negmas|negmas_genius_agents|treaty_table_negmas)\b")
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in (ROOT / "game").rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if pattern.match(line)
    ]
    assert found == []


def test_an_unknown_policy_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", str(MINI), "--games", "1", "--policy", "north=nobody:x"]) == 2
    err = capsys.readouterr().err
    assert "no policy 'nobody'" in err and "Traceback" not in err


def test_builtin_policies_need_no_plugin() -> None:
    for kind in policies.BUILTIN:
        assert policies.problem(kind) is None
