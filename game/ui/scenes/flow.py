"""What the player has chosen on the way to the table (scenario, role, mode)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from game.persistence.scenarios import available

if TYPE_CHECKING:
    from game.engine.compiled import Compiled


@lru_cache(maxsize=8)  # the bundled scenarios and a few edits of one
def _load(path: str, mtime: float) -> tuple[Compiled | None, str | None]:
    from game.persistence.scenarios import load
    from game.scenario.yamlsafe import ScenarioFileError

    try:
        return load(path), None
    except ScenarioFileError as exc:
        return None, str(exc)
    except Exception as exc:  # a broken file must never take the window down
        return None, f"{path}: {exc}"


def load_scenario(path: str) -> tuple[Compiled | None, str | None]:
    """A compiled scenario (cached while the file is unchanged), or the problem."""
    from pathlib import Path

    p = Path(path)
    try:
        mtime = p.stat().st_mtime
    except OSError:
        return None, f"{path}: no such scenario file"
    return _load(str(p), mtime)


def default_scenario() -> str | None:
    """The main scenario if it is there, else the only one, else None (let the player choose)."""
    files = available()
    for f in files:
        if f.stem == "peking-1925":
            return str(f)
    return str(files[0]) if len(files) == 1 else None


@dataclass
class Setup:
    """The choices so far."""

    path: str | None = None
    c: Compiled | None = None
    problem: str | None = None
    side: str | None = None
    hotseat: bool = False
    difficulty: str = "historical"
    seed: int = 1

    def with_path(self, path: str) -> Setup:
        c, problem = load_scenario(path)
        return replace(self, path=path, c=c, problem=problem, side=None)
