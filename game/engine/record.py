"""Game records: replays, saves, and the historical path.

A record is the scenario's id and content hash, the seed and the moves. It is
saved as versioned JSON, written atomically (temporary file, then rename), so
a crash never leaves half a file. Loading checks everything and names the
problem; after the scenario changed, :func:`resume` replays the moves and
names the first that no longer applies.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.engine.compiled import Compiled
from game.engine.moves import IllegalMoveError, Move
from game.engine.rules import apply, new_game
from game.engine.state import GameState
from game.scenario import model as m

RECORD_FORMAT = "treaty-table-record"
RECORD_VERSION = 1


class RecordError(Exception):
    """A save or replay file that cannot be used, with the reason."""


@dataclass(frozen=True)
class Record:
    scenario_id: str
    scenario_hash: str
    seed: int
    moves: tuple[Move, ...]
    meta: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": RECORD_FORMAT,
            "version": RECORD_VERSION,
            "scenario": {"id": self.scenario_id, "hash": self.scenario_hash},
            "seed": self.seed,
            "moves": [mv.to_json() for mv in self.moves],
            "meta": self.meta,
        }


def record_of(
    states: list[GameState], moves: list[Move], meta: dict[str, Any] | None = None
) -> Record:
    first = states[0]
    return Record(first.c.id, first.c.hash, first.seed, tuple(moves), dict(meta or {}))


def save_record(record: Record, path: str | os.PathLike[str]) -> Path:
    """Write ``record`` as JSON atomically; returns the path written."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(record.to_json(), ensure_ascii=False, indent=1)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def load_record(path: str | os.PathLike[str]) -> Record:
    """Read a save or replay file. Raises RecordError naming the problem."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except IsADirectoryError:
        raise RecordError(f"{p}: is a folder, not a save file") from None
    except OSError as exc:
        raise RecordError(f"{p}: cannot be read ({exc.strerror})") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise RecordError(f"{p}: not a save file (not UTF-8 text)") from None
    except json.JSONDecodeError as exc:
        raise RecordError(f"{p}:{exc.lineno}:{exc.colno}: damaged save file: {exc.msg}") from None
    if not isinstance(data, dict) or data.get("format") != RECORD_FORMAT:
        raise RecordError(f"{p}: not a Treaty Table save file")
    if data.get("version") != RECORD_VERSION:
        raise RecordError(
            f"{p}: save format version {data.get('version')!r}; this game reads version {RECORD_VERSION}"
        )
    try:
        scen = data["scenario"]
        moves = tuple(Move.from_json(mv) for mv in data["moves"])
        seed = data["seed"]
        if not isinstance(seed, int) or isinstance(seed, bool):
            raise TypeError("seed")
        return Record(str(scen["id"]), str(scen["hash"]), seed, moves, dict(data.get("meta") or {}))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise RecordError(f"{p}: damaged save file (bad or missing field {exc})") from None


@dataclass(frozen=True)
class Resumed:
    """The states replayed from a record, and the first move that failed (if any)."""

    states: list[GameState]
    moves: list[Move]
    problem: str | None = None
    changed: bool = False


def resume(c: Compiled, record: Record) -> Resumed:
    """Replay ``record`` on scenario ``c``; stops at the first move that no longer applies."""
    if record.scenario_id != c.id:
        raise RecordError(f"this record is for scenario '{record.scenario_id}', not '{c.id}'")
    changed = record.scenario_hash != c.hash
    states = [new_game(c, record.seed)]
    done: list[Move] = []
    for i, mv in enumerate(record.moves, start=1):
        try:
            states.append(apply(states[-1], mv))
        except IllegalMoveError as exc:
            note = " (the scenario has changed since)" if changed else ""
            problem = f"move {i} ({mv.side} {mv.kind}) no longer applies{note}: {exc.reason}"
            return Resumed(states, done, problem, changed)
        except (KeyError, TypeError, ValueError) as exc:
            return Resumed(
                states, done, f"move {i} ({mv.side} {mv.kind}) is damaged: {exc}", changed
            )
        done.append(mv)
    return Resumed(states, done, None, changed)


class HistoryError(Exception):
    """The historical path does not replay through the rules."""

    def __init__(self, index: int, message: str) -> None:
        super().__init__(f"history step {index + 1}: {message}")
        self.index = index


def step_move(step: m.Step) -> Move:
    return Move(step.move, step.by, dict(step.package or {}), step.argument, step.until)


@dataclass(frozen=True)
class HistoryStep:
    step: m.Step
    move: Move
    before: GameState
    after: GameState


def replay_history(c: Compiled, seed: int = 0) -> list[HistoryStep]:
    """Apply the scenario's historical path; raises HistoryError at the first bad step."""
    state = new_game(c, seed)
    out: list[HistoryStep] = []
    for i, step in enumerate(c.sc.history):
        if state.date != step.date:
            raise HistoryError(
                i,
                f"dated {step.date.isoformat()}, but the calendar is at {state.date.isoformat()} (use adjourn with 'until')",
            )
        mv = step_move(step)
        try:
            after = apply(state, mv)
        except IllegalMoveError as exc:
            raise HistoryError(i, f"{step.by} {step.move} is illegal: {exc.reason}") from None
        out.append(HistoryStep(step, mv, state, after))
        state = after
    return out


def iso(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value
