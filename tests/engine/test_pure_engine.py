"""The engine is pure: games in threads do not disturb each other, a state cannot be
built wrong or changed, importing the engine changes no logging level, and the
engine touches no file."""

from __future__ import annotations

import ast
import copy
import pickle
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from game.engine import GameState, apply, new_game
from game.engine.compiled import Compiled
from game.engine.policy import make_policy
from game.persistence.scenarios import load
from tests.conftest import FIXTURES, SCENARIOS

ROOT = Path(__file__).resolve().parents[2]
ENGINE = ROOT / "game" / "engine"
PEKING = load(SCENARIOS / "peking-1925.yaml")
MINI = load(FIXTURES / "scenarios" / "mini.yaml")


def play(c: Compiled, seed: int, kind: str, limit: int = 400) -> list[Any]:
    """A whole game between two policies of ``kind``: every move and what it did."""
    policies = {side: make_policy(c, side, kind) for side in c.parties}
    state = new_game(c, seed)
    trace: list[Any] = [[e.message for e in state.news]]
    while not state.over and len(trace) < limit:
        move = policies[state.to_move].choose(state, state.to_move).move
        state = apply(state, move)
        trace.append(
            (
                move.to_json(),
                state.stage,
                state.date,
                state.to_move,
                [e.message for e in state.news],
            )
        )
    trace.append(state.outcome.to_json() if state.outcome else None)
    return trace


GAMES = [
    (c, seed, kind)
    for c in (PEKING, MINI)
    for kind in ("historical", "random")
    for seed in (1, 2, 3)
]


def test_games_in_threads_play_as_they_do_one_after_another() -> None:
    alone = [play(*game) for game in GAMES]
    together: list[Any] = [None] * len(GAMES)
    start = threading.Barrier(len(GAMES))

    def run(i: int) -> None:
        start.wait()
        together[i] = play(*GAMES[i])

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as the interpreter can
    try:
        threads = [threading.Thread(target=run, args=(i,)) for i in range(len(GAMES))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(interval)
    for game, one, other in zip(GAMES, alone, together, strict=True):
        assert other == one, game[1:]
    assert len({str(trace[-1]) for trace in alone}) > 2  # the games differ


def test_but_refuses_a_field_the_state_does_not_have() -> None:
    state = new_game(MINI, 1)
    with pytest.raises(TypeError, match="'plyy'"):
        state.but(plyy=5)
    with pytest.raises(TypeError, match="'bogus'"):
        state.but(ply=2, bogus=1)
    assert state.but(ply=7).ply == 7 and state.ply == 0


def test_the_state_s_mappings_cannot_be_changed() -> None:
    state = new_game(MINI, 1)
    state = apply(state, make_policy(MINI, "north", "historical").choose(state, "north").move)
    later = state.but(agreed={"rent": 20}, used={"x": 1})
    for mapping in (
        state.mandates,
        state.entered,
        state.used,
        state.weight_shift,
        state.party_shift,
        later.agreed,
        later.used,
        state.news[0].params,
    ):
        with pytest.raises(TypeError):
            mapping["x"] = 1  # type: ignore[index]
        with pytest.raises(TypeError):
            mapping.update({})  # type: ignore[attr-defined]
        with pytest.raises(TypeError):
            mapping.clear()  # type: ignore[attr-defined]
    assert state.offer is not None
    with pytest.raises(TypeError):
        state.offer.package["rent"] = 10  # type: ignore[index]


def test_a_state_copies_pickles_and_deep_copies() -> None:
    state = new_game(MINI, 4)
    while not state.over:
        state = apply(
            state, make_policy(MINI, state.to_move, "random").choose(state, state.to_move).move
        )
    for again in (copy.copy(state), copy.deepcopy(state), pickle.loads(pickle.dumps(state))):
        assert again == state
        assert again.outcome is not None and again.outcome.terms == state.outcome.terms  # type: ignore[union-attr]
        with pytest.raises(TypeError):
            again.agreed["rent"] = 10  # type: ignore[index]
    assert copy.deepcopy(state).c is state.c  # the scenario is shared, not copied


def test_a_game_goes_on_from_a_pickled_state() -> None:
    state = new_game(PEKING, 5)
    for _ in range(6):
        state = apply(
            state, make_policy(PEKING, state.to_move, "random").choose(state, state.to_move).move
        )
    again: GameState = pickle.loads(pickle.dumps(state))
    move = make_policy(PEKING, state.to_move, "random").choose(state, state.to_move).move
    assert apply(again, move) == apply(state, move)


ENGINE_MODULES = sorted(
    ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
    for path in ENGINE.rglob("*.py")
)


def test_importing_the_engine_changes_no_logging_level() -> None:
    code = (
        "import logging, importlib, sys\n"
        "def levels():\n"
        "    names = ['', 'transitions', 'transitions.core', 'transitions.extensions.nesting',\n"
        "             *logging.Logger.manager.loggerDict]\n"
        "    return {n: logging.getLogger(n).level for n in names}\n"
        "before = levels()\n"
        f"for name in {ENGINE_MODULES!r}: importlib.import_module(name)\n"
        "after = levels()\n"
        "changed = {n: (before.get(n, 0), level) for n, level in after.items() if level != before.get(n, 0)}\n"
        "print(changed)\n"
        "sys.exit(1 if changed else 0)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert len(ENGINE_MODULES) > 20


_FILE_CALLS = {"open", "read_text", "write_text", "read_bytes", "write_bytes", "mkstemp"}
_OS_CALLS = {"replace", "remove", "unlink", "rename", "fdopen", "fsync", "makedirs", "open"}


def file_io(source: str) -> list[str]:
    """The file input and output in a module's source: calls and imports, by line."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            f = node.func
            if isinstance(f, ast.Name) and f.id == "open":
                found.append(f"{node.lineno}: open(")
            elif isinstance(f, ast.Attribute):
                if f.attr in _FILE_CALLS:
                    found.append(f"{node.lineno}: .{f.attr}(")
                elif isinstance(f.value, ast.Name) and f.value.id == "os" and f.attr in _OS_CALLS:
                    found.append(f"{node.lineno}: os.{f.attr}(")
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
            if any(n.split(".")[0] in ("tempfile", "shutil", "pathlib") for n in names):
                found.append(f"{node.lineno}: import {', '.join(n for n in names if n)}")
    return sorted(found, key=lambda hit: int(hit.split(":")[0]))


def test_the_engine_reads_and_writes_no_file() -> None:
    found = {
        str(path.relative_to(ROOT)): hits
        for path in sorted(ENGINE.rglob("*.py"))
        if (hits := file_io(path.read_text(encoding="utf-8")))
    }
    assert not found, found


def test_the_file_check_finds_file_io() -> None:
    source = (
        "import os, tempfile\n"
        "from pathlib import Path\n"
        "open('x')\n"
        "Path('x').write_text('y')\n"
        "p.read_bytes()\n"
        "os.replace('a', 'b')\n"
        "fd = tempfile.mkstemp()\n"
    )
    assert [hit.split(":")[0] for hit in file_io(source)] == ["1", "2", "3", "4", "5", "6", "7"]
