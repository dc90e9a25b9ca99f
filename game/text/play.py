"""The text front end: a whole game in a terminal, or from a pipe.

It only draws engine state and turns typed lines into moves; the rules and
the opponent are the engine's.
"""

from __future__ import annotations

import datetime as dt
import shlex
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from game.engine import GameState, IllegalMoveError, Move, MoveKind, apply, move_options, new_game
from game.engine.compiled import Compiled
from game.engine.debrief import debrief
from game.engine.movekinds import HANDLERS, MoveInput
from game.engine.policy import Policy, make_policy
from game.engine.record import Record, record_of, resume
from game.engine.rules import package_space
from game.engine.utility import utility
from game.persistence.records import RecordError, load_record, save_record
from game.persistence.scenarios import saves_dir
from game.scenario.kinds import kind_of
from game.text import render

HELP = """Moves (type one per line):
  propose ISSUE=VALUE [ISSUE=VALUE ...]   put a package on the table (open issues only)
  counter ISSUE=VALUE [...]               answer their offer with your own
  accept | reject                         answer the offer on the table
  argue ARGUMENT                          make one of your arguments (see 'status')
  instruct                                ask your government for instructions (costs days)
  adjourn [YYYY-MM-DD]                    end the session (optionally until a date)
  break_off                               break off the talks
Other commands:
  status | issues | mandate | log | undo | save [FILE] | reload | help | quit
  (reload: read the scenario file again, keeping the game if its moves still apply)
Values: numbers as 50, dates as 1925-05-15, options by their [id]."""


VERBS = {kind.value: kind for kind in MoveKind} | {
    "break": MoveKind.BREAK_OFF,
    "breakoff": MoveKind.BREAK_OFF,
}
"""What a player may type for each kind of move: its name, and a few short forms."""

CONFIDENTIAL = frozenset({"mandate", "instructions", "instructions.none"})
"""Record entries of the other side that a player does not see until the debrief."""


@dataclass
class TextGame:
    """One game in the terminal: the player's side against a policy."""

    c: Compiled
    player: str
    opponent: Policy
    out: TextIO
    lang: str = "en"
    states: list[GameState] = field(default_factory=list)
    moves: list[Move] = field(default_factory=list)
    seed: int = 0
    difficulty: str = "historical"
    make_opponent: Callable[[Compiled, str], Policy] | None = None
    """Builds the opponent's policy again after a reload (default: the difficulty's AI)."""

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")

    @property
    def state(self) -> GameState:
        return self.states[-1]

    def start(self, seed: int) -> None:
        self.seed = seed
        self.states = [new_game(self.c, seed)]
        self.briefing()
        self.news(self.state)

    def briefing(self) -> None:
        c, lang = self.c, self.lang
        party = c.parties[self.player]
        other = c.parties[c.other(self.player)]
        self.say("=" * render.WIDTH)
        self.say(c.sc.meta.title.get(lang).upper())
        self.say("=" * render.WIDTH)
        if c.sc.meta.summary:
            self.say(render.text(c, c.sc.meta.summary, lang))
        self.say(
            f"\nYou are {party.diplomat.name.get(lang)}"
            + (f", {party.diplomat.title.get(lang)}" if party.diplomat.title else "")
            + f" ({party.name.get(lang)})."
        )
        self.say(f"Across the table: {other.diplomat.name.get(lang)} ({other.name.get(lang)}).")
        if party.diplomat.bio:
            self.say(render.text(c, party.diplomat.bio, lang))
        if party.briefing:
            self.say("\nYOUR BRIEFING")
            self.say(render.text(c, party.briefing, lang))
        if party.factions:
            self.say("\nAT HOME")
            for f in party.factions:
                self.say(f"  {f.name.get(lang)}")
                if f.stance:
                    self.say(render.text(c, f.stance, lang, "    "))
        self.say("\nTHE ISSUES")
        for issue in c.sc.issues:
            self.say(f"  {issue.id:<24} {issue.name.get(lang)} — {render.space(c, issue.id, lang)}")
        self.say("\nType 'help' for the moves. Your utility is shown on a 0-1 scale.")

    def news(self, state: GameState) -> None:
        for e in state.news:
            if e.side is not None and e.side != self.player and e.code in CONFIDENTIAL:
                if e.code.startswith("instructions"):
                    name = self.c.parties[e.side].diplomat.name.get(self.lang)
                    self.say(
                        f"  {e.date.isoformat()}  {name} receives instructions (their content is not known to you)."
                    )
                continue
            self.say(render.entry(self.c, e, self.lang))

    def status(self) -> None:
        s, c, lang = self.state, self.c, self.lang
        stage = c.stages[s.stage].stage
        self.say(f"\n--- {s.date.isoformat()} · {stage.name.get(lang)} · session {s.session} ---")
        open_ids = s.open_issues()
        self.say("Open issues: " + (", ".join(open_ids) if open_ids else "none"))
        if s.agreed:
            self.say("Agreed so far: " + render.package(c, dict(s.agreed), lang))
        if s.offer is not None:
            who = c.parties[s.offer.by].diplomat.name.get(lang)
            u = utility(c, self.player, {**s.agreed, **s.offer.package}, s.date, s)
            self.say(
                f"On the table from {who} ({s.offer.date.isoformat()}): {render.package(c, dict(s.offer.package), lang)}"
            )
            self.say(f"  Your utility if this were the deal: {u:.2f}")
        mine = next((o for o in reversed(s.offers) if o.by == self.player), None)
        if mine is not None and (s.offer is None or s.offer.by != self.player):
            self.say(f"Your last offer: {render.package(c, dict(mine.package), lang)}")
        self.mandate(short=True)
        allowed = [o for o in move_options(s, self.player) if o.allowed]
        names = []
        for o in allowed:
            names.append(f"{o.kind} {o.argument}" if o.argument else o.kind)
        self.say("Legal moves: " + ", ".join(names))

    def mandate(self, short: bool = False) -> None:
        s, c, lang = self.state, self.c, self.lang
        mandate = s.mandate_of(self.player)
        from game.engine.rules import bound_text

        shown = {k: b for k, b in mandate.bounds.items() if not short or k in s.open_issues()}
        bounds = "; ".join(f"{k} {bound_text(b)}" for k, b in shown.items()) or "no limits"
        if short and len(shown) < len(mandate.bounds):
            bounds += " (type 'mandate' for all)"
        self.say(f"Your mandate ({mandate.name.get(lang)}): {bounds}")
        if not short:
            for iid, values in package_space(s, self.player).items():
                offer = ", ".join(render.value(c, iid, v, lang) for v in values[:8]) + (
                    " ..." if len(values) > 8 else ""
                )
                self.say(f"  {iid}: you may offer {offer}")

    def issues(self) -> None:
        c, lang = self.c, self.lang
        for issue in c.sc.issues:
            mark = (
                "open"
                if issue.id in self.state.open_issues()
                else ("agreed" if issue.id in self.state.agreed else "")
            )
            self.say(f"  {issue.id:<24} {render.space(c, issue.id, lang):<44} {mark}")
            if issue.description:
                self.say(render.text(c, issue.description, lang, "      "))

    def parse(self, line: str) -> Move | str | None:
        """A move, a reply to show, or None for an unknown command."""
        try:
            words = shlex.split(line)
        except ValueError as exc:
            return f"Could not read that line: {exc}."
        if not words:
            return ""
        verb, args = words[0].lower().replace("-", "_"), words[1:]
        kind = VERBS.get(verb)
        if kind is None:
            return None
        takes = HANDLERS[kind].needs.takes
        if takes is MoveInput.PACKAGE:
            package: dict[str, object] = {}
            for arg in args:
                if "=" not in arg:
                    return f"Write each issue as ISSUE=VALUE (got '{arg}')."
                key, raw = arg.split("=", 1)
                issue = self.c.issues.get(key)
                if issue is None:
                    return f"There is no issue '{key}'. Issues: {', '.join(self.c.issues)}."
                package[key] = kind_of(issue).parse(issue, raw)
            return Move(kind, self.player, package)  # type: ignore[arg-type]
        if takes is MoveInput.ARGUMENT:
            if not args:
                return f"Name the argument: {kind} ID (see 'status' for yours)."
            return Move(kind, self.player, argument=args[0])
        if takes is MoveInput.DATE:
            until = None
            if args:
                try:
                    until = dt.date.fromisoformat(args[0])
                except ValueError:
                    return f"'{args[0]}' is not a date (write YYYY-MM-DD)."
            return Move(kind, self.player, until=until)
        return Move(kind, self.player)

    def play(self, lines: Iterator[str], prompt: bool = False) -> int:
        """Play until the talks end or the input runs out."""
        shown = None
        while not self.state.over:
            if self.state.to_move != self.player:
                self.opponent_turn()
                continue
            if shown is not self.state:
                self.status()
                shown = self.state
            if prompt:
                self.out.write("> ")
                self.out.flush()
            line = next(lines, None)
            if line is None:
                path = self.autosave()
                self.say(f"\nThe input ended before the talks did. The game is saved to {path}")
                self.say(
                    f"Continue with: treaty-table play {self.c.loaded.path} --text --load {path}"
                )
                return 0
            line = line.strip()
            if not prompt:
                self.say(f"> {line}")
            if not self.command(line):
                return 0
        self.finish()
        return 0

    def command(self, line: str) -> bool:
        """Run one typed line; False means quit."""
        word = line.split()[0].lower() if line.split() else ""
        if word in ("quit", "exit"):
            path = self.autosave()
            self.say(f"Saved to {path}. Goodbye.")
            return False
        if word == "reload":
            self.reload()
            return True
        simple = {
            "help": lambda: self.say(HELP),
            "status": self.status,
            "issues": self.issues,
            "mandate": self.mandate,
            "log": self.log,
            "undo": self.undo,
        }
        if word in simple:
            simple[word]()
            return True
        if word == "save":
            parts = line.split(maxsplit=1)
            path = save_record(self.record(), parts[1] if len(parts) > 1 else self.default_save())
            self.say(f"Saved to {path}.")
            return True
        parsed = self.parse(line)
        if parsed is None:
            self.say(f"Unknown command '{word}'. Type 'help'.")
        elif isinstance(parsed, str):
            if parsed:
                self.say(parsed)
        else:
            self.push(parsed, ())
        return True

    def push(self, move: Move, reasons: tuple[str, ...]) -> bool:
        try:
            after = apply(self.state, move)
        except IllegalMoveError as exc:
            self.say(f"Illegal move: {exc.reason}")
            return False
        self.states.append(after)
        self.moves.append(move)
        for r in reasons:
            self.say(f"      ({r})")
        self.news(after)
        return True

    def opponent_turn(self) -> None:
        side = self.state.to_move
        choice = self.opponent.choose(self.state, side)
        name = self.c.parties[side].diplomat.name.get(self.lang)
        if choice.line is not None:
            self.say(f"  {name}:")
            self.say(render.text(self.c, choice.line, self.lang, "    "))
        if choice.reasons:
            self.say(f"  {name} thinks: " + " ".join(choice.reasons))
        if not self.push(choice.move, ()):
            from game.engine.policy import fallback

            self.push(fallback(self.state, side), ())

    def reload(self) -> None:
        """Read the scenario file again and keep playing where the game is, if
        its moves still apply; otherwise say which move no longer does and go
        on with the scenario as it was (nothing is lost)."""
        from game.persistence.scenarios import load
        from game.scenario.yamlsafe import ScenarioFileError

        try:
            fresh = load(self.c.loaded.path)
        except ScenarioFileError as exc:
            self.say("The scenario file has problems; the game goes on as before:")
            self.say(str(exc))
            return
        if fresh.hash == self.c.hash:
            self.say("The scenario file has not changed.")
            return
        res = resume(fresh, self.record())
        if res.problem is not None:
            self.say(f"Not reloaded: {res.problem}. The game goes on with the scenario as it was.")
            return
        self.c, self.states, self.moves = fresh, res.states, res.moves
        other = fresh.other(self.player)
        self.opponent = (
            self.make_opponent(fresh, other)
            if self.make_opponent is not None
            else make_policy(fresh, other, self.difficulty)
        )
        self.say(f"Reloaded {fresh.loaded.path}: all {len(self.moves)} moves still apply.")

    def undo(self) -> None:
        """Take back the player's last move (and the replies after it)."""
        last = max((i for i, mv in enumerate(self.moves) if mv.side == self.player), default=None)
        if last is None:
            self.say("Nothing to undo.")
            return
        del self.moves[last:]
        del self.states[last + 1 :]
        self.say(f"Undone. Back to {self.state.date.isoformat()}.")

    def log(self) -> None:
        for s in self.states:
            for e in s.news:
                self.say(f"  {e.date.isoformat()}  {e.message}")

    def record(self) -> Record:
        return record_of(
            self.states,
            self.moves,
            {"role": self.c.parties[self.player].diplomat.id, "difficulty": self.difficulty},
        )

    def default_save(self) -> Path:
        return saves_dir() / f"{self.c.id}-{self.c.parties[self.player].diplomat.id}.json"

    def autosave(self) -> Path:
        return save_record(self.record(), self.default_save())

    def load(self, path: str) -> str | None:
        """Continue a saved game; returns a problem to show, if any."""
        try:
            rec = load_record(path)
            res = resume(self.c, rec)
        except RecordError as exc:
            return str(exc)
        self.seed = rec.seed
        self.states, self.moves = res.states, res.moves
        self.say(f"Loaded {path}: {len(self.moves)} moves, now {self.state.date.isoformat()}.")
        return res.problem

    def finish(self) -> None:
        self.say(
            render.debrief(
                self.c, debrief(self.state, _analytics(self.state)), self.lang, self.player
            )
        )


def _analytics(state: GameState) -> object:
    try:
        from game.engine.analysis import analyse
    except ImportError:
        return None
    return analyse(state)


def run_text_game(
    c: Compiled,
    role: str,
    seed: int,
    lines: Iterator[str],
    out: TextIO,
    *,
    lang: str = "en",
    difficulty: str = "historical",
    load: str | None = None,
    prompt: bool = False,
    make_opponent: Callable[[Compiled, str], Policy] | None = None,
) -> int:
    """Play a text game; returns the exit code.

    ``make_opponent(c, side)`` builds the other side's policy (default: the
    scenario's AI at ``difficulty``), e.g. a plugin's policy.
    """
    if role not in c.roles:
        roles = ", ".join(c.roles)
        out.write(f"Unknown role '{role}'. Roles in {c.id}: {roles}.\n")
        return 2
    player = c.roles[role]
    other = c.other(player)
    opponent = (
        make_opponent(c, other) if make_opponent is not None else make_policy(c, other, difficulty)
    )
    g = TextGame(c, player, opponent, out, lang, difficulty=difficulty, make_opponent=make_opponent)
    if load:
        g.states = [new_game(c, seed)]
        problem = g.load(load)
        if problem:
            out.write(f"{problem}\n")
            if not g.moves and problem.startswith(str(load)):
                return 2
    else:
        g.start(seed)
    return g.play(lines, prompt)
