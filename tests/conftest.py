"""Shared fixtures. Pygame runs with SDL's dummy drivers in every test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SCENARIOS = ROOT / "scenarios"


@pytest.fixture(autouse=True)
def _saves_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Saves and settings go to a temporary folder, never the user's."""
    monkeypatch.setenv("TREATY_TABLE_SAVES", str(tmp_path / "saves"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    from game.persistence import scenarios

    monkeypatch.setattr(scenarios, "_named", [])  # scenario files named by an earlier test


@pytest.fixture(scope="session")
def mini():  # type: ignore[no-untyped-def]
    from game.persistence.scenarios import load

    return load(FIXTURES / "scenarios" / "mini.yaml")


def bundled_scenarios() -> list[Path]:
    return sorted(SCENARIOS.glob("*.yaml"))
