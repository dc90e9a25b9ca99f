"""Shared helpers of the authoring tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
BAD = FIXTURES / "bad_scenarios"
MINI = FIXTURES / "scenarios" / "mini.yaml"
SCENARIOS = ROOT / "scenarios"


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run ``treaty-table ARGV`` in-process: (exit code, stdout, stderr)."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err
