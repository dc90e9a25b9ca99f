"""One game in progress, for any front end (the window, the terminal, later a network seat).

The session holds the scenario, the list of states so far and the moves
between them (the engine's states are immutable: undo and "take over" are
cuts of the list), who sits at which seat (people) and the engine's policy
for every other side. It applies and records moves, plays the AI's turns
(with the fallback when a policy's move is refused), takes a seat's move
back, reads the scenario file again, saves, makes the debrief, and says what
each seat may see (:mod:`game.session.view`). Front ends only draw and turn
input into moves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from game.engine import GameState, IllegalMoveError, Move, apply, new_game
from game.engine.compiled import Compiled
from game.engine.debrief import Debrief, debrief
from game.engine.moves import Entry
from game.engine.policy import Choice, Policy, fallback, make_policy
from game.engine.record import HistoryStep, Record, RecordError, record_of, resume
from game.persistence.records import (
    SaveRefused,
    clean_temp_files,
    is_save,
    load_record,
    save_record,
)
from game.persistence.scenarios import saves_dir
from game.session.saves import check_scenario, save_stem, scenario_for
from game.session.view import SeatView, Seen, for_seat

MAX_AI_MOVES = 400
"""A bound on AI moves in a row (two policies never talk for ever)."""


@dataclass(frozen=True)
class AITurn:
    """One move the engine's policy made for a side.

    ``choice`` is what the policy chose, with its reasons and its persona's
    line; ``move`` is what was played: the choice's move, or the fallback
    when the engine refused it (``illegal`` says why).
    """

    side: str
    choice: Choice
    move: Move
    illegal: str | None = None

    @property
    def reasons(self) -> tuple[str, ...]:
        return self.choice.reasons


@dataclass(frozen=True)
class Reloaded:
    """What reading the scenario file again did.

    ``reloaded``: the game goes on under the new file (every move still
    applies); ``unchanged``: the file is the same; ``kept``: the game goes on
    under the scenario as it was, and ``detail`` names the first move that no
    longer applies; ``broken``: the file has problems (``detail``), the game
    goes on as it was.
    """

    outcome: Literal["reloaded", "unchanged", "kept", "broken"]
    detail: str | None = None


class GameSession:
    """A game in progress: scenario, states, moves, the people's seats and the AI's."""

    def __init__(
        self,
        c: Compiled,
        path: str,
        humans: Iterable[str],
        states: Sequence[GameState],
        moves: Sequence[Move] = (),
        difficulty: str = "historical",
        policies: dict[str, Policy] | None = None,
        make_opponent: Callable[[Compiled, str], Policy] | None = None,
    ) -> None:
        self.c = c
        self.path = path
        self.humans = frozenset(humans)
        self.difficulty = difficulty
        self.states: list[GameState] = list(states)
        self.moves: list[Move] = list(moves)
        self.turns: dict[int, AITurn] = {}
        """The AI's turns by ply (the number of moves once it was played), reasons kept."""
        self.make_opponent = make_opponent
        """Builds the policy of a side no person plays (default: the scenario's AI at the
        difficulty), e.g. a plugin's; again for the new scenario after a reload."""
        self.policies: dict[str, Policy] = dict(policies or {})
        for side in c.parties:
            if side not in self.humans and side not in self.policies:
                self.policies[side] = self._opponent(c, side)
        self.analytics_problem: str | None = None
        """Why the last debrief has no bargaining analytics, if it has none by a failure."""
        self._debrief: tuple[GameState, Debrief] | None = None
        self.scenario_changed = False
        """The game was loaded from a save made on another version of its scenario."""
        self.keep: set[Path] = set()
        """Save files this game must never overwrite (the save it was loaded from, when
        some of its moves no longer applied: the file still holds them all)."""
        self.mine: set[Path] = set()
        """Save files that hold this game: the one it was loaded from, those it saved
        itself to. Its autosave replaces only these, or a save of an earlier point of
        this same game, never another game's."""

    def _opponent(self, c: Compiled, side: str) -> Policy:
        if self.make_opponent is not None:
            return self.make_opponent(c, side)
        return make_policy(c, side, self.difficulty)

    # ------------------------------------------------------------------ starting
    @classmethod
    def new(
        cls,
        c: Compiled,
        path: str,
        humans: Iterable[str],
        seed: int = 1,
        difficulty: str = "historical",
        policies: dict[str, Policy] | None = None,
        make_opponent: Callable[[Compiled, str], Policy] | None = None,
    ) -> GameSession:
        """A fresh game; ``policies`` replace the difficulty's AI for the sides they name,
        ``make_opponent(c, side)`` builds the others' (see :attr:`make_opponent`)."""
        return cls(c, path, humans, [new_game(c, seed)], (), difficulty, policies, make_opponent)

    @classmethod
    def take_over(
        cls,
        c: Compiled,
        path: str,
        steps: Sequence[HistoryStep],
        index: int,
        side: str,
        difficulty: str = "historical",
    ) -> GameSession:
        """Go on as ``side`` from the state after the first ``index`` steps of the
        historical path (``steps`` from ``replay_history``); the engine plays the other."""
        states = [steps[0].before] + [st.after for st in steps[:index]]
        moves = [st.move for st in steps[:index]]
        return cls(c, path, {side}, states, moves, difficulty)

    @classmethod
    def from_record(
        cls,
        c: Compiled,
        path: str,
        record: Record,
        humans: Iterable[str] | None = None,
        difficulty: str | None = None,
        policies: dict[str, Policy] | None = None,
        make_opponent: Callable[[Compiled, str], Policy] | None = None,
        *,
        allow_changed: bool = False,
    ) -> tuple[GameSession, str | None]:
        """A saved game replayed on ``c``, and the first move that no longer applies, if any.

        The people's seats and the difficulty are the record's unless given.

        Raises:
            RecordError: the record is for another scenario.
            ScenarioChanged: the record was made on another version of the scenario
                (another content hash) and ``allow_changed`` is not given; with it,
                the moves are replayed on ``c`` as a reload does.
        """
        from game.engine.policy import DIFFICULTIES

        check_scenario(c, record, allow_changed)
        res = resume(c, record)
        meta = record.meta if isinstance(record.meta, dict) else {}
        if humans is None:
            saved = meta.get("humans")
            seats = (
                [h for h in saved if isinstance(h, str) and h in c.parties]
                if isinstance(saved, list)
                else []
            )
            if not seats:
                role = meta.get("role")
                seats = [c.roles[role]] if isinstance(role, str) and role in c.roles else []
            humans = seats or [c.sc.parties[0].id]
        if difficulty is None:
            saved_level = meta.get("difficulty")
            difficulty = saved_level if saved_level in DIFFICULTIES else "historical"
        session = cls(c, path, humans, res.states, res.moves, difficulty, policies, make_opponent)
        session.scenario_changed = res.changed
        return session, res.problem

    @classmethod
    def from_file(
        cls,
        c: Compiled,
        path: str,
        save: str | Path,
        humans: Iterable[str] | None = None,
        difficulty: str | None = None,
        policies: dict[str, Policy] | None = None,
        make_opponent: Callable[[Compiled, str], Policy] | None = None,
        *,
        allow_changed: bool = False,
    ) -> tuple[GameSession, str | None]:
        """The saved game in the file ``save`` replayed on ``c`` (see :meth:`from_record`).

        If some moves no longer apply, the game goes on without them and the file
        is kept as it is (it is never overwritten by this game's saves).

        Raises:
            RecordError: naming the problem, if the file cannot be used.
        """
        record = load_record(save)
        session, problem = cls.from_record(
            c,
            path,
            record,
            humans,
            difficulty,
            policies,
            make_opponent,
            allow_changed=allow_changed,
        )
        if problem is not None:
            session.keep.add(Path(save))
        else:
            session.mine.add(Path(save))
        return session, problem

    @classmethod
    def load_save(
        cls, save: str | Path, *, allow_changed: bool = False
    ) -> tuple[GameSession, str | None]:
        """A saved game file, on the scenario it was played on (found by the save's
        scenario id among the scenario folders, never at a path the save gives):
        the session, and the first move that no longer applies, if any.

        Raises:
            RecordError: the file cannot be used, or its scenario is not there.
            ScenarioChanged: the scenario has changed since the save (a RecordError:
                offer to load it with ``allow_changed``).
        """
        from game.persistence.scenarios import load
        from game.scenario.yamlsafe import ScenarioFileError

        record = load_record(save)
        scen = scenario_for(record)
        try:
            c = load(scen)
        except ScenarioFileError as exc:
            raise RecordError(str(exc)) from None
        session, problem = cls.from_record(c, scen, record, allow_changed=allow_changed)
        if problem is not None:
            session.keep.add(Path(save))
        else:
            session.mine.add(Path(save))
        return session, problem

    @classmethod
    def open(
        cls, path: str | Path, *, allow_changed: bool = False
    ) -> tuple[GameSession | None, str | None]:
        """A saved game file, on the scenario it was played on: the session (or None)
        and a problem to show (or None: a move that no longer applies, else the
        reason the file cannot be used). See :meth:`load_save`."""
        try:
            return cls.load_save(path, allow_changed=allow_changed)
        except (RecordError, OSError) as exc:
            return None, f"{path}: {exc}" if str(path) not in str(exc) else str(exc)

    # ------------------------------------------------------------------ reading
    @property
    def state(self) -> GameState:
        return self.states[-1]

    @property
    def hotseat(self) -> bool:
        return len(self.humans) > 1

    @property
    def viewer(self) -> str:
        """The seat whose view is on screen: the person to move, else the (first) person."""
        if self.state.to_move in self.humans:
            return self.state.to_move
        return sorted(self.humans)[0] if self.humans else self.state.to_move

    def human_turn(self) -> bool:
        return not self.state.over and self.state.to_move in self.humans

    def entries(self) -> list[Entry]:
        """The whole record of the talks (every side's entries: for the debrief)."""
        return [e for s in self.states for e in s.news]

    def news(self, seat: str, start: int = 0) -> list[Seen]:
        """The record's lines of the states from ``states[start]`` on, as ``seat`` sees them."""
        return for_seat((e for s in self.states[start:] for e in s.news), seat)

    def news_since(self, ply: int, seat: str | None = None) -> list[Seen]:
        """What ``seat`` (default: :attr:`viewer`) may read of everything that happened
        after the first ``ply`` moves, in date order: one digest after a jump in time.

        A move can carry the calendar across weeks (sessions, stage changes, events,
        answers from home); their lines come sorted by date, those of one day in the
        order they happened.
        """
        seen = self.news(self.viewer if seat is None else seat, max(0, ply) + 1)
        return sorted(seen, key=lambda e: e.date)

    def view(self, seat: str) -> SeatView:
        """The game as ``seat`` may see it."""
        return SeatView(seat, self.state, tuple(self.news(seat)))

    def last_turn(self, side: str) -> AITurn | None:
        """The AI's last turn for ``side`` (its move and reasons), if that move still stands."""
        for ply in sorted(self.turns, reverse=True):
            if ply <= len(self.moves) and self.moves[ply - 1].side == side:
                return self.turns[ply]
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

    def ai_turn(self) -> AITurn | None:
        """The engine's policy moves for the side to move, if no person sits there.

        A move the engine refuses is replaced by the policy's fallback (a move that
        changes least); None if no AI is to move (or not even the fallback applies).
        """
        state = self.state
        side = state.to_move
        if state.over or side in self.humans:
            return None
        choice = self.policies[side].choose(state, side)
        move = choice.move
        illegal = self.play(move)
        if illegal is not None:
            move = fallback(state, side)
            if self.play(move) is not None:
                return None
        turn = AITurn(side, choice, move, illegal)
        self.turns[len(self.moves)] = turn
        return turn

    def run_ai(self) -> list[AITurn]:
        """AI turns until a person is to move or the talks are over."""
        out: list[AITurn] = []
        for _ in range(MAX_AI_MOVES):
            turn = self.ai_turn()
            if turn is None:
                break
            out.append(turn)
        return out

    def _last_move_of(self, seat: str) -> int | None:
        return max((i for i, mv in enumerate(self.moves) if mv.side == seat), default=None)

    def can_undo(self, seat: str) -> bool:
        return self._last_move_of(seat) is not None

    def undo(self, seat: str) -> bool:
        """Take back ``seat``'s last move, and every move made after it."""
        last = self._last_move_of(seat)
        if last is None:
            return False
        del self.moves[last:]
        del self.states[last + 1 :]
        self.turns = {k: v for k, v in self.turns.items() if k <= last}
        return True

    # ------------------------------------------------------------------ the scenario file
    def reload(self) -> Reloaded:
        """Read the scenario file again; keep the game if its moves still apply."""
        from game.persistence.scenarios import load
        from game.scenario.yamlsafe import ScenarioFileError

        try:
            fresh = load(self.path)
        except ScenarioFileError as exc:
            return Reloaded("broken", str(exc))
        if fresh.hash == self.c.hash:
            return Reloaded("unchanged")
        try:
            res = resume(fresh, self.record())
        except RecordError as exc:  # the file now holds another scenario
            return Reloaded("kept", str(exc))
        if res.problem is not None:
            return Reloaded("kept", res.problem)
        self.c, self.states, self.moves = fresh, res.states, res.moves
        self.turns.clear()
        self.policies = {
            side: self._opponent(fresh, side) for side in fresh.parties if side not in self.humans
        }
        return Reloaded("reloaded")

    # ------------------------------------------------------------------ saving
    def _who(self) -> str:
        roles = {p: d for d, p in self.c.roles.items()}
        return "hotseat" if self.hotseat else roles.get(self.viewer, self.viewer)

    def record(self, *, autosave: bool = False) -> Record:
        """The game as a record: the scenario, the seed, the moves, who played, and
        what a list of saves shows (the scenario's title and the diplomats played in
        every language of the scenario, the date in the game, whether the talks are
        over, whether the game saved itself)."""
        roles = {p: d for d, p in self.c.roles.items()}
        human = sorted(self.humans)[0] if self.humans else ""
        meta: dict[str, Any] = {
            "role": roles.get(human, ""),
            "humans": sorted(self.humans),
            "difficulty": self.difficulty,
            "scenario_path": self.path,
            "saved": dt.datetime.now().isoformat(timespec="seconds"),
            # what a player reads in the list of saves, in every language of the scenario
            "title": dict(self.c.sc.meta.title.tr),
            "players": [dict(self.c.parties[h].diplomat.name.tr) for h in sorted(self.humans)],
            "date": self.state.date.isoformat(),
            "over": self.state.over,
        }
        if autosave:
            meta["autosave"] = True
        return record_of(self.states, self.moves, meta)

    def default_name(self) -> str:
        """The name offered for a save: scenario, role (or hot seat), date in the game."""
        return f"{self.c.id}-{self._who()}-{self.state.date.isoformat()}"

    def autosave_name(self) -> str:
        """The name the game is saved under when a player leaves it: one per scenario
        (and version of it: the start of its content hash) and role."""
        return f"{self.c.id}-{self.c.hash[:8]}-{self._who()}"

    def save(self, name: str | None = None) -> Path:
        """Save in the saves folder (atomically) as ``name``, cleaned to a file name
        there (see :func:`~game.session.saves.save_stem`: never outside the folder).

        Raises:
            SaveRefused: a file of that name is not a save (it is left as it is), or
                the saves folder is a file.
            OSError: the file could not be written.
        """
        target = saves_dir() / f"{save_stem(name or self.default_name())}.json"
        if self._kept(target):
            raise SaveRefused(
                f"{target}: this save holds moves that no longer apply; "
                "it is kept as it is (choose another name)",
            )
        return save_record(self.record(), target)

    def save_file(self, path: str | Path) -> Path:
        """Save to exactly ``path`` (atomically; e.g. an export). Never over a file
        that is not a save (SaveRefused)."""
        return save_record(self.record(), path)

    def autosave(self) -> Path:
        """Save as :meth:`autosave_name` in the saves folder (atomically); if a file of
        that name is not a save, or is the save this game was loaded from with moves
        that no longer apply, as the first free ``NAME-2``, ``NAME-3`` ...

        Raises:
            SaveRefused: the saves folder cannot hold it (e.g. it is a file).
            OSError: the file could not be written.
        """
        folder = saves_dir()
        clean_temp_files(folder)  # orphans of saves interrupted long ago
        stem = save_stem(self.autosave_name())
        for n in range(1, 100):
            target = folder / (f"{stem}.json" if n == 1 else f"{stem}-{n}.json")
            if self._kept(target) or not is_save(target, missing=True):
                continue
            if not self._replaceable(target):
                continue  # another game's autosave (a game started anew): kept
            path = save_record(self.record(autosave=True), target)
            self.mine.add(target)
            return path
        raise SaveRefused(f"{folder}: no free name for {stem}.json")

    def _replaceable(self, target: Path) -> bool:
        """Whether this game's autosave may replace the save ``target``: there is none,
        it holds this game, or an earlier point of it (its seed, its moves a start of
        this game's)."""
        if not target.exists() or any(_same_file(target, m) for m in self.mine):
            return True
        try:
            there = load_record(target)
        except (RecordError, OSError):
            return False
        first = self.states[0]
        return (
            there.scenario_id == first.c.id
            and there.seed == first.seed
            and tuple(self.moves[: len(there.moves)]) == there.moves
        )

    def _kept(self, target: Path) -> bool:
        return any(_same_file(target, k) for k in self.keep)

    # ------------------------------------------------------------------ the end
    def debrief(self) -> Debrief:
        """The debrief of the game as it stands, with the bargaining analytics.

        If the analytics fail, the debrief comes without them and
        :attr:`analytics_problem` says why (the same in every front end).
        """
        state = self.state
        if self._debrief is not None and self._debrief[0] is state:
            return self._debrief[1]
        analytics: Any = None
        self.analytics_problem = None
        try:
            from game.engine.analysis import analyse

            analytics = analyse(state)
        except Exception as exc:  # the debrief goes on without them, and says so
            self.analytics_problem = f"{type(exc).__name__}: {exc}"
        made = debrief(state, analytics, self.entries())
        self._debrief = (state, made)
        return made


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a == b
