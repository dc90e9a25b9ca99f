"""One game as the window plays it: the states so far, who plays which side.

No pygame here and no rules: moves go through :func:`game.engine.apply`, the
opponent is the engine's policy, undo and "take over" are cuts of the list
of states (the engine's states are immutable).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.engine import GameState, IllegalMoveError, Move, apply, new_game
from game.engine.compiled import Compiled
from game.engine.moves import Entry
from game.engine.policy import Choice, Policy, fallback, make_policy
from game.engine.record import Record, record_of, resume
from game.persistence.records import RecordError, load_record, save_record
from game.persistence.scenarios import resolve, saves_dir

MAX_AI_MOVES = 400


@dataclass
class Session:
    """A game in progress: scenario, states, moves, the human sides and the AI's."""

    c: Compiled
    path: str
    humans: frozenset[str]
    difficulty: str = "historical"
    states: list[GameState] = field(default_factory=list)
    moves: list[Move] = field(default_factory=list)
    choices: dict[int, Choice] = field(default_factory=dict)
    policies: dict[str, Policy] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for side in self.c.parties:
            if side not in self.humans and side not in self.policies:
                self.policies[side] = make_policy(self.c, side, self.difficulty)

    # ------------------------------------------------------------------ starting
    @classmethod
    def new(
        cls,
        c: Compiled,
        path: str,
        humans: set[str] | frozenset[str],
        seed: int = 1,
        difficulty: str = "historical",
    ) -> Session:
        """A fresh game."""
        return cls(c, path, frozenset(humans), difficulty, [new_game(c, seed)])

    @classmethod
    def take_over(
        cls,
        c: Compiled,
        path: str,
        states: list[GameState],
        moves: list[Move],
        side: str,
        difficulty: str = "historical",
    ) -> Session:
        """Go on from a point of the historical path as ``side``; the engine's policy plays the other."""
        return cls(c, path, frozenset({side}), difficulty, list(states), list(moves))

    @classmethod
    def from_record(cls, c: Compiled, path: str, record: Record) -> tuple[Session, str | None]:
        """A saved game replayed; the problem (a move that no longer applies), if any."""
        res = resume(c, record)
        humans = record.meta.get("humans")
        if not isinstance(humans, list) or not humans:
            role = record.meta.get("role")
            humans = [c.roles[role]] if role in c.roles else [c.sc.parties[0].id]
        difficulty = str(record.meta.get("difficulty") or "historical")
        session = cls(
            c,
            path,
            frozenset(h for h in humans if h in c.parties),
            difficulty,
            res.states,
            res.moves,
        )
        return session, res.problem

    # ------------------------------------------------------------------ reading
    @property
    def state(self) -> GameState:
        return self.states[-1]

    @property
    def hotseat(self) -> bool:
        return len(self.humans) > 1

    @property
    def viewer(self) -> str:
        """The side whose view the table shows: the human to move, else the human."""
        if self.state.to_move in self.humans:
            return self.state.to_move
        return sorted(self.humans)[0] if self.humans else self.state.to_move

    def human_turn(self) -> bool:
        return not self.state.over and self.state.to_move in self.humans

    def entries(self) -> list[Entry]:
        """The record of the talks: every log entry so far."""
        return [e for s in self.states for e in s.news]

    def last_choice(self, side: str) -> Choice | None:
        """The AI's last choice for ``side`` (with its reasons), if its move still stands."""
        for ply in sorted(self.choices, reverse=True):
            if ply <= len(self.moves) and self.moves[ply - 1].side == side:
                return self.choices[ply]
        return None

    # ------------------------------------------------------------------ playing
    def play(self, move: Move) -> str | None:
        """Apply a move; the reason it is illegal, or None."""
        try:
            after = apply(self.state, move)
        except IllegalMoveError as exc:
            return exc.reason
        self.states.append(after)
        self.moves.append(move)
        return None

    def ai_step(self) -> Choice | None:
        """Let the engine's policy make the move of the side to move, if no person plays it."""
        state = self.state
        side = state.to_move
        if state.over or side in self.humans:
            return None
        choice = self.policies[side].choose(state, side)
        if self.play(choice.move) is not None:
            choice = Choice(fallback(state, side), choice.reasons)
            if self.play(choice.move) is not None:
                return None
        self.choices[len(self.moves)] = choice
        return choice

    def run_ai(self) -> list[Choice]:
        """AI moves until a person is to move or the talks are over."""
        out: list[Choice] = []
        for _ in range(MAX_AI_MOVES):
            choice = self.ai_step()
            if choice is None:
                break
            out.append(choice)
        return out

    def can_undo(self) -> bool:
        return any(mv.side in self.humans for mv in self.moves)

    def undo(self) -> bool:
        """Take back the last move a person made (and the AI's replies after it)."""
        last = max((i for i, mv in enumerate(self.moves) if mv.side in self.humans), default=None)
        if last is None:
            return False
        del self.moves[last:]
        del self.states[last + 1 :]
        self.choices = {k: v for k, v in self.choices.items() if k <= last}
        return True

    # ------------------------------------------------------------------ saving
    def reload(self) -> tuple[str, str | None]:
        """Read the scenario file again and keep the game if its moves still apply.

        Returns ``("reloaded" | "unchanged" | "kept", detail)``: on ``kept`` the
        game goes on with the scenario as it was and ``detail`` names the first
        move that no longer applies (or the file's problems).
        """
        from game.engine.record import resume
        from game.persistence.scenarios import load
        from game.scenario.yamlsafe import ScenarioFileError

        try:
            fresh = load(self.path)
        except ScenarioFileError as exc:
            return "kept", str(exc).splitlines()[0]
        if fresh.hash == self.c.hash:
            return "unchanged", None
        res = resume(fresh, self.record())
        if res.problem is not None:
            return "kept", res.problem
        self.c, self.states, self.moves = fresh, res.states, res.moves
        self.choices.clear()
        self.policies = {
            side: make_policy(fresh, side, self.difficulty)
            for side in fresh.parties
            if side not in self.humans
        }
        return "reloaded", None

    def record(self) -> Record:
        roles = {p: d for d, p in self.c.roles.items()}
        human = sorted(self.humans)[0] if self.humans else ""
        meta: dict[str, Any] = {
            "role": roles.get(human, ""),
            "humans": sorted(self.humans),
            "difficulty": self.difficulty,
            "scenario_path": self.path,
            "saved": dt.datetime.now().isoformat(timespec="seconds"),
        }
        return record_of(self.states, self.moves, meta)

    def default_name(self) -> str:
        roles = {p: d for d, p in self.c.roles.items()}
        who = "hotseat" if self.hotseat else roles.get(self.viewer, self.viewer)
        return f"{self.c.id}-{who}-{self.state.date.isoformat()}"

    def save(self, name: str | None = None) -> Path:
        """Save under :func:`saves_dir` (atomically); returns the file."""
        stem = (
            "".join(
                ch for ch in (name or self.default_name()) if ch.isalnum() or ch in "-_ ."
            ).strip()
            or "game"
        )
        return save_record(self.record(), saves_dir() / f"{stem}.json")


def scenario_for(record: Record) -> str:
    """The scenario file a record was played on (the saved path, else its id)."""
    saved = record.meta.get("scenario_path")
    if isinstance(saved, str) and Path(saved).exists():
        return saved
    return str(resolve(record.scenario_id))


def list_saves() -> list[Path]:
    """Saved games, newest first."""
    folder = saves_dir()
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)


def open_save(path: str | Path) -> tuple[Session | None, str | None]:
    """A saved game (or None) and a problem to show (or None)."""
    from game.persistence.scenarios import load
    from game.scenario.yamlsafe import ScenarioFileError

    try:
        record = load_record(path)
        scen = scenario_for(record)
        c = load(scen)
        session, problem = Session.from_record(c, scen, record)
    except (RecordError, ScenarioFileError, OSError) as exc:
        return None, str(exc)
    return session, problem
