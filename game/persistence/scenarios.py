"""Scenario files on disk: finding one (a path, or an id among the bundled and the
user's scenarios), listing them, and loading one for play."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from platformdirs import user_data_dir

if TYPE_CHECKING:
    from game.engine.compiled import Compiled

APP = "treaty-table"


def bundled_dir() -> Path:
    """The ``scenarios/`` folder that ships with the game."""
    return Path(__file__).resolve().parents[2] / "scenarios"


def user_dir() -> Path:
    """The user's own scenario folder (created on demand)."""
    return Path(user_data_dir(APP)) / "scenarios"


def saves_dir() -> Path:
    """Where saved games go."""
    return Path(os.environ.get("TREATY_TABLE_SAVES") or Path(user_data_dir(APP)) / "saves")


def resolve(name: str) -> Path:
    """A scenario path from a path or an id (``peking-1925``)."""
    p = Path(name)
    if p.suffix in (".yaml", ".yml") or p.exists():
        return p
    for folder in (bundled_dir(), user_dir()):
        candidate = folder / f"{name}.yaml"
        if candidate.exists():
            return candidate
    return p


def available() -> list[Path]:
    """Every scenario file: bundled first, then the user's."""
    out: list[Path] = []
    for folder in (bundled_dir(), user_dir()):
        if folder.is_dir():
            out.extend(sorted(folder.glob("*.yaml")))
    return out


def load(path: str | os.PathLike[str]) -> Compiled:
    """Load, validate and prepare a scenario file (raises ScenarioFileError).

    The engine and the content model are imported here, on first use: finding
    and listing scenario files stays light for the start-up of the window.
    """
    from game.engine import compile_loaded
    from game.scenario.loader import load_scenario

    return compile_loaded(load_scenario(Path(path)))
