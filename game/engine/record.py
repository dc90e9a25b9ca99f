"""Game records: replays, saves, and the historical path, as JSON values.

A record is the scenario's id and content hash, the seed and the moves.
:meth:`Record.to_json` gives it as a versioned JSON value and
:meth:`Record.from_json` checks such a value and names the problem; files on
disk are :mod:`game.persistence.records`' business. After the scenario changed,
:func:`resume` replays the moves and names the first that no longer applies.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from game.engine.compiled import Compiled
from game.engine.moves import IllegalMoveError, Move
from game.engine.rules import apply, new_game
from game.engine.state import GameState
from game.scenario import model as m

RECORD_FORMAT = "treaty-table-record"
RECORD_VERSION = 2
"""The save format written: 2 since moves carry links, accepted clauses and the reopened
issue (version 1 saves are read as they are)."""
OLDEST_RECORD_VERSION = 1
"""The oldest save format read."""


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

    @staticmethod
    def from_json(data: Any, name: str) -> Record:
        """The record in a JSON value (as :meth:`to_json` makes it).

        Args:
            data: The decoded JSON.
            name: What the value came from (a file name), for the messages.

        Raises:
            RecordError: the value is not a record this game reads, naming why.
        """
        if not isinstance(data, Mapping) or data.get("format") != RECORD_FORMAT:
            raise RecordError(f"{name}: not a Treaty Table save file")
        version = data.get("version")
        if type(version) is not int or not OLDEST_RECORD_VERSION <= version <= RECORD_VERSION:
            raise RecordError(
                f"{name}: save format version {version!r}; this game reads versions "
                f"{OLDEST_RECORD_VERSION} to {RECORD_VERSION}"
            )
        try:
            scen = data["scenario"]
            moves = tuple(_move(mv, i, name) for i, mv in enumerate(data["moves"], start=1))
            seed = data["seed"]
            if not isinstance(seed, int) or isinstance(seed, bool):
                raise TypeError("seed")
            return Record(
                str(scen["id"]), str(scen["hash"]), seed, moves, dict(data.get("meta") or {})
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise RecordError(f"{name}: damaged save file (bad or missing field {exc})") from None


def _move(data: Any, index: int, name: str) -> Move:
    try:
        return Move.from_json(data)
    except IllegalMoveError as exc:
        raise RecordError(f"{name}: damaged save file (move {index}: {exc.reason})") from None


def record_of(
    states: list[GameState], moves: list[Move], meta: dict[str, Any] | None = None
) -> Record:
    first = states[0]
    return Record(first.c.id, first.c.hash, first.seed, tuple(moves), dict(meta or {}))


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
    """The historical path does not replay through the rules; ``reason`` is the
    rules' reason when the step's move was illegal."""

    def __init__(self, index: int, message: str, reason: str | None = None) -> None:
        super().__init__(f"history step {index + 1}: {message}")
        self.index = index
        self.reason = reason


def step_move(step: m.Step) -> Move:
    """The move a historical step makes."""
    return Move(
        step.move,
        step.by,
        dict(step.package or {}),
        step.argument,
        step.until,
        links=step.links,
        clauses=step.clauses,
        issue=step.issue,
    )


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
            raise HistoryError(
                i, f"{step.by} {step.move} is illegal: {exc.reason}", exc.reason
            ) from None
        out.append(HistoryStep(step, mv, state, after))
        state = after
    return out


def iso(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value
