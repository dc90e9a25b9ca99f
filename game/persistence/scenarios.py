"""Scenario files on disk: finding one (a path, or an id among the bundled and the
user's scenarios), listing them, and loading one for play.

A path is only ever one the player gave (:func:`resolve` remembers it for the
run); a saved game names its scenario by id, and :func:`find` looks that id up
among the scenario folders and the files the player named, never at a path the
save gives (see docs/limits.md).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from platformdirs import user_config_dir, user_data_dir

from game.resources import data_dir

if TYPE_CHECKING:
    from game.engine.compiled import Compiled

APP = "treaty-table"


def bundled_dir() -> Path:
    """The ``scenarios/`` folder that ships with the game."""
    return data_dir("scenarios")


def user_dir() -> Path:
    """The user's own scenario folder (created on demand)."""
    return Path(user_data_dir(APP)) / "scenarios"


def saves_dir() -> Path:
    """Where saved games go."""
    return Path(os.environ.get("TREATY_TABLE_SAVES") or Path(user_data_dir(APP)) / "saves")


def config_dir() -> Path:
    """Where the player's settings go (``TREATY_TABLE_CONFIG`` overrides it)."""
    return Path(os.environ.get("TREATY_TABLE_CONFIG") or user_config_dir(APP))


SCENARIO_ID = re.compile(r"[a-z][a-z0-9-]{0,63}")
"""What a scenario's id looks like (the format's ``meta.id``): never a path."""

_named: list[Path] = []
"""Scenario files the player named in this run (on the command line, in the window)."""


def remember(path: str | os.PathLike[str]) -> None:
    """Note a scenario file the player named, so a save of its scenario finds it."""
    p = Path(path)
    if p not in _named:
        _named.append(p)
        del _named[:-16]


def resolve(name: str) -> Path:
    """A scenario path from a path or an id (``peking-1925``), as the player gives it."""
    p = Path(name)
    if p.suffix in (".yaml", ".yml") or p.exists():
        remember(p)
        return p
    for folder in (bundled_dir(), user_dir()):
        candidate = folder / f"{name}.yaml"
        if candidate.exists():
            return candidate
    return p


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError, ValueError):
        return False


def candidates(scenario_id: str, hint: str | None = None) -> list[Path]:
    """The files that may hold the scenario ``scenario_id``, best first, without reading them.

    ``scenario_id`` must look like an id (else there are none). ``hint`` (the path a
    save recorded) counts only if it lies inside a scenario folder (bundled or the
    user's, links resolved). Then ``ID.yaml`` / ``ID.yml`` in those folders, then
    the files the player named in this run. The caller checks each file's id.
    """
    if not SCENARIO_ID.fullmatch(scenario_id):
        return []
    folders = (bundled_dir(), user_dir())
    out: list[Path] = []
    if hint and len(hint) < 4096 and "\0" not in hint:
        hinted = Path(hint)
        if hinted.suffix in (".yaml", ".yml") and any(_inside(hinted, f) for f in folders):
            out.append(hinted)
    for folder in folders:
        for suffix in (".yaml", ".yml"):
            p = folder / f"{scenario_id}{suffix}"
            if p.is_file():
                out.append(p)
    out.extend(_named)
    unique: list[Path] = []
    for p in out:
        if p not in unique:
            unique.append(p)
    return unique


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
