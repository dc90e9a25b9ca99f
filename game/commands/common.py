"""Helpers shared by commands: loading a scenario with a clean error."""

from __future__ import annotations

import sys

from game.engine import Compiled
from game.persistence.scenarios import load, resolve
from game.scenario.yamlsafe import ScenarioFileError


def load_or_report(name: str) -> Compiled | None:
    """The compiled scenario, or None after printing its problems to stderr."""
    path = resolve(name)
    try:
        return load(path)
    except ScenarioFileError as exc:
        print(str(exc), file=sys.stderr)
        return None
