"""The rules of Treaty Table: pure Python, no pygame, no files, no wall clock, no global RNG.

``apply(state, move)`` is re-entrant: games of one scenario share its
:class:`Compiled` and nothing shared changes, so games may run in threads.

>>> from game.engine import new_game, apply, Move
>>> # from game.persistence.scenarios import load
>>> # c = load("scenarios/peking-1925.yaml"); s = new_game(c, seed=1)
"""

from __future__ import annotations

import threading
from dataclasses import replace

from game.engine.compiled import Compiled, compile_scenario
from game.engine.conditions import evaluate
from game.engine.moves import (
    Entry,
    IllegalMoveError,
    Move,
    MoveKind,
    Offer,
    Outcome,
    Termination,
)
from game.engine.rules import (
    MoveOption,
    apply,
    check,
    legal_moves,
    move_options,
    new_game,
    package_space,
)
from game.engine.state import GameState
from game.scenario.loader import LoadedScenario
from game.scenario.yamlsafe import Located

__all__ = [
    "Compiled",
    "Entry",
    "GameState",
    "IllegalMoveError",
    "Move",
    "MoveKind",
    "MoveOption",
    "Offer",
    "Outcome",
    "Termination",
    "apply",
    "check",
    "compile_loaded",
    "legal_moves",
    "move_options",
    "new_game",
    "package_space",
]


def compile_loaded(loaded: LoadedScenario) -> Compiled:
    """Prepare an already loaded scenario for play (cached by file and content).

    The game keeps no YAML positions (they serve the authoring tools' messages and
    are megabytes on a large scenario); the cache holds the few latest scenarios,
    so reloading an edited file does not pile up old versions.
    """
    key = (loaded.path, loaded.hash)
    with _CACHE_LOCK:
        found = _CACHE.pop(key, None)
        if found is None:
            plain = replace(loaded, located=Located({}, loaded.located.file))
            found = compile_scenario(plain, evaluate)
        _CACHE[key] = found
        while len(_CACHE) > CACHE_SIZE:
            del _CACHE[next(iter(_CACHE))]
    return found


CACHE_SIZE = 8
_CACHE: dict[tuple[str, str], Compiled] = {}
_CACHE_LOCK = threading.Lock()
