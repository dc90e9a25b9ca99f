"""Loading scenarios for the authoring commands, with every problem reported and no traceback."""

from __future__ import annotations

import sys

from game.authoring.lint import load_checked
from game.engine import Compiled, compile_loaded
from game.persistence.scenarios import resolve
from game.scenario.yamlsafe import ScenarioFileError


def load_compiled(name: str) -> Compiled | None:
    """The compiled scenario (an id or a path), or None after printing its problems to stderr."""
    try:
        return compile_loaded(load_checked(resolve(name)))
    except ScenarioFileError as exc:
        print(str(exc), file=sys.stderr)
        return None
