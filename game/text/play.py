"""The text front end: a whole game in a terminal, or from a pipe.

It only draws the game session's view for the player's seat and turns typed
lines into moves; the rules and the opponent are the engine's, the game in
progress is a :class:`~game.session.GameSession`.
"""

from __future__ import annotations

import datetime as dt
import shlex
from collections.abc import Callable, Iterator
from typing import TextIO

from game.engine import GameState, Move, MoveKind
from game.engine.compiled import Compiled
from game.engine.movekinds import HANDLERS, MoveInput
from game.engine.policy import Policy
from game.persistence.records import RecordError
from game.scenario.kinds import kind_of
from game.session import GameSession, ScenarioChanged, SeatView, Seen, Withheld
from game.text import render

HELP = """Moves (type one per line):
  propose ISSUE=VALUE [ISSUE=VALUE ...]   put a package on the table (open issues only)
    ... --link ISSUE,ISSUE                tie clauses together: accepted together or not at all
  counter ISSUE=VALUE [...]               answer their offer with your own
  accept [ISSUE ...] | reject             answer the offer on the table (accept all, or some clauses)
  argue ARGUMENT                          make one of your arguments (see 'status')
  instruct                                ask your government for instructions (costs days)
  adjourn [YYYY-MM-DD]                    end the session (optionally until a date)
  break_off                               break off the talks
  reopen ISSUE                            take an agreed, provisional clause back to the table
  pass                                    yield the floor (three or more at the table)
Other commands:
  status | issues | mandate | log | undo | save [NAME] | reload | help | quit
  (save NAME: a save of that name in the saves folder)
  (reload: read the scenario file again, keeping the game if its moves still apply)
Values: numbers as 50, dates as 1925-05-15, options by their [id]."""


VERBS = {kind.value: kind for kind in MoveKind} | {
    "break": MoveKind.BREAK_OFF,
    "breakoff": MoveKind.BREAK_OFF,
}
"""What a player may type for each kind of move: its name, and a few short forms."""


class TextGame:
    """One game in the terminal: the player's seat of a session, the engine at the others."""

    def __init__(self, session: GameSession, player: str, out: TextIO, lang: str = "en") -> None:
        self.session = session
        self.player = player
        self.out = out
        self.lang = lang
        self.unsaved = False
        """An autosave failed (the exit code says so)."""

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")

    @property
    def c(self) -> Compiled:
        return self.session.c

    @property
    def state(self) -> GameState:
        return self.session.state

    @property
    def view(self) -> SeatView:
        return self.session.view(self.player)

    def start(self) -> None:
        self.briefing()
        self.news(len(self.session.states) - 1)

    def briefing(self) -> None:
        c, lang = self.c, self.lang
        party = c.parties[self.player]
        others = [c.parties[x] for x in c.others(self.player)]
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
        across = ", ".join(f"{o.diplomat.name.get(lang)} ({o.name.get(lang)})" for o in others)
        self.say(f"Across the table: {across}.")
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

    def news(self, start: int) -> None:
        """The record's lines of the states from ``start`` on, as the player may see them."""
        for e in self.session.news(self.player, start):
            if isinstance(e, Withheld):
                self.withheld(e)
            else:
                self.say(render.entry(self.c, e, self.lang))

    def withheld(self, e: Withheld) -> None:
        """Another side heard from home: say so (its mandate changes go unmentioned)."""
        if e.about == "instructions":
            name = self.c.parties[e.side].diplomat.name.get(self.lang)
            self.say(
                f"  {e.date.isoformat()}  {name} receives instructions (their content is not known to you)."
            )

    def status(self) -> None:
        s, c, lang = self.state, self.c, self.lang
        stage = c.stages[s.stage].stage
        self.say(f"\n--- {s.date.isoformat()} · {stage.name.get(lang)} · session {s.session} ---")
        open_ids = s.open_issues()
        self.say("Open issues: " + (", ".join(open_ids) if open_ids else "none"))
        if s.agreed:
            self.say("Agreed so far: " + render.package(c, dict(s.agreed), lang))
        view = self.view
        if s.offer is not None:
            who = c.parties[s.offer.by].diplomat.name.get(lang)
            u = view.worth(s.offer.package)
            self.say(
                f"On the table from {who} ({s.offer.date.isoformat()}): {render.package(c, dict(s.offer.package), lang)}"
            )
            self.say(f"  Your utility if this were the deal: {u:.2f}")
            if s.offer.accepted:
                said = ", ".join(c.parties[p].diplomat.name.get(lang) for p in s.offer.accepted)
                waits = ", ".join(c.parties[p].diplomat.name.get(lang) for p in s.offer.waiting)
                self.say(f"  Accepted by {said}; awaiting {waits}.")
        mine = view.my_last_offer()
        if mine is not None and (s.offer is None or s.offer.by != self.player):
            self.say(f"Your last offer: {render.package(c, dict(mine.package), lang)}")
        self.mandate(short=True)
        allowed = [o for o in view.options() if o.allowed]
        names = []
        for o in allowed:
            detail = o.argument or o.issue
            names.append(f"{o.kind} {detail}" if detail else o.kind)
        self.say("Legal moves: " + ", ".join(names))

    def mandate(self, short: bool = False) -> None:
        s, lang, view = self.state, self.lang, self.view
        mandate = view.mandate
        from game.engine.rules import bound_text

        shown = {k: b for k, b in mandate.bounds.items() if not short or k in s.open_issues()}
        bounds = "; ".join(f"{k} {bound_text(b)}" for k, b in shown.items()) or "no limits"
        if short and len(shown) < len(mandate.bounds):
            bounds += " (type 'mandate' for all)"
        self.say(f"Your mandate ({mandate.name.get(lang)}): {bounds}")
        if not short:
            for iid, values in view.package_space().items():
                offer = ", ".join(render.value(self.c, iid, v, lang) for v in values[:8]) + (
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
        needs = HANDLERS[kind].needs
        takes = needs.takes
        if takes is MoveInput.PACKAGE:
            package: dict[str, object] = {}
            links: list[tuple[str, ...]] = []
            rest = iter(args)
            for arg in rest:
                if arg == "--link" or arg.startswith("--link="):
                    group = arg.partition("=")[2] or next(rest, "")
                    links.append(tuple(x for x in group.split(",") if x))
                    continue
                if "=" not in arg:
                    return f"Write each issue as ISSUE=VALUE (got '{arg}')."
                key, raw = arg.split("=", 1)
                issue = self.c.issues.get(key)
                if issue is None:
                    return f"There is no issue '{key}'. Issues: {', '.join(self.c.issues)}."
                package[key] = kind_of(issue).parse(issue, raw)
            return Move(kind, self.player, package, links=tuple(links))  # type: ignore[arg-type]
        if needs.clauses:
            return Move(kind, self.player, clauses=tuple(args))
        if takes is MoveInput.ISSUE:
            return Move(kind, self.player, issue=args[0] if args else None)
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
                if not self.opponent_turn():
                    self.say("The other side has no legal move.")
                    break
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
                if path is None:
                    return 1
                self.say(f"\nThe input ended before the talks did. The game is saved to {path}")
                self.say(
                    f"Continue with: treaty-table play {self.c.loaded.path} --text --load {path}"
                )
                return 0
            line = line.strip()
            if not prompt:
                self.say(f"> {line}")
            if not self.command(line):
                return 1 if self.unsaved else 0
        self.finish()
        return 0

    def command(self, line: str) -> bool:
        """Run one typed line; False means quit."""
        word = line.split()[0].lower() if line.split() else ""
        if word in ("quit", "exit"):
            path = self.autosave()
            self.say(f"Saved to {path}. Goodbye." if path else "Goodbye.")
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
            try:
                saved = self.session.save(parts[1]) if len(parts) > 1 else self.session.autosave()
            except OSError as exc:
                self.say(f"Not saved: {exc}")
                return True
            self.say(f"Saved to {saved}.")
            return True
        parsed = self.parse(line)
        if parsed is None:
            self.say(f"Unknown command '{word}'. Type 'help'.")
        elif isinstance(parsed, str):
            if parsed:
                self.say(parsed)
        else:
            self.push(parsed)
        return True

    def push(self, move: Move) -> bool:
        """Play the player's move, then show what followed (or why it is illegal)."""
        problem = self.session.play(move)
        if problem is not None:
            self.say(f"Illegal move: {problem}")
            return False
        self.news(len(self.session.states) - 1)
        return True

    def opponent_turn(self) -> bool:
        """The engine's move for the side to move: its words, its reasons, what followed.
        False if it has no move at all."""
        start = len(self.session.states)
        turn = self.session.ai_turn()
        if turn is None:
            return False
        choice = turn.choice
        name = self.c.parties[turn.side].diplomat.name.get(self.lang)
        if choice.line is not None:
            self.say(f"  {name}:")
            self.say(render.text(self.c, choice.line, self.lang, "    "))
        if choice.reasons:
            self.say(f"  {name} thinks: " + " ".join(choice.reasons))
        if turn.illegal is not None:
            self.say(f"Illegal move: {turn.illegal}")
        self.news(start)
        return True

    def reload(self) -> None:
        """Read the scenario file again and keep playing where the game is, if
        its moves still apply; otherwise say which move no longer does and go
        on with the scenario as it was (nothing is lost)."""
        done = self.session.reload()
        if done.outcome == "broken":
            self.say("The scenario file has problems; the game goes on as before:")
            self.say(done.detail or "")
        elif done.outcome == "unchanged":
            self.say("The scenario file has not changed.")
        elif done.outcome == "kept":
            self.say(f"Not reloaded: {done.detail}. The game goes on with the scenario as it was.")
        else:
            self.say(
                f"Reloaded {self.c.loaded.path}: all {len(self.session.moves)} moves still apply."
            )

    def undo(self) -> None:
        """Take back the player's last move (and the replies after it)."""
        if not self.session.undo(self.player):
            self.say("Nothing to undo.")
            return
        self.say(f"Undone. Back to {self.state.date.isoformat()}.")

    def log(self) -> None:
        """The record of the talks so far, as the player may see it."""
        seen: list[Seen] = self.session.news(self.player)
        for e in seen:
            if isinstance(e, Withheld):
                self.withheld(e)
            else:
                self.say(f"  {e.date.isoformat()}  {e.message}")

    def autosave(self) -> str | None:
        """Save the game as the session's autosave; None (after saying why) if it cannot be."""
        try:
            return str(self.session.autosave())
        except OSError as exc:
            self.say(f"The game could not be saved: {exc}")
            self.unsaved = True
            return None

    def load(self, path: str, allow_changed: bool = False) -> tuple[bool, str | None]:
        """Continue a saved game: whether it was loaded, and a problem to show, if any
        (why it was not, or the first move that no longer applies)."""
        s = self.session
        try:
            loaded, problem = GameSession.from_file(
                s.c,
                s.path,
                path,
                {self.player},
                s.difficulty,
                s.policies,
                s.make_opponent,
                allow_changed=allow_changed,
            )
        except RecordError as exc:
            why = str(exc) if str(exc).startswith(str(path)) else f"{path}: {exc}"
            if isinstance(exc, ScenarioChanged):
                why += (
                    ".\nTo replay its moves on the scenario as it is now (the first move that "
                    "no longer applies is named; the save is kept as it is), add --allow-changed."
                )
            return False, why
        self.session = loaded
        self.say(f"Loaded {path}: {len(loaded.moves)} moves, now {self.state.date.isoformat()}.")
        return True, problem

    def finish(self) -> None:
        self.say(render.debrief(self.c, self.session.debrief(), self.lang, self.player))
        if self.session.analytics_problem is not None:
            self.say(
                f"(The bargaining analysis could not be made: {self.session.analytics_problem}.)"
            )


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
    allow_changed: bool = False,
) -> int:
    """Play a text game; returns the exit code.

    ``make_opponent(c, side)`` builds the other side's policy (default: the
    scenario's AI at ``difficulty``), e.g. a plugin's policy. A save given as
    ``load`` that cannot be used (another scenario, another version of it
    without ``allow_changed``, a damaged file) ends the command with exit code 2
    before anything is played or saved.
    """
    if role not in c.roles:
        roles = ", ".join(c.roles)
        out.write(f"Unknown role '{role}'. Roles in {c.id}: {roles}.\n")
        return 2
    player = c.roles[role]
    session = GameSession.new(
        c, str(c.loaded.path), {player}, seed, difficulty, make_opponent=make_opponent
    )
    g = TextGame(session, player, out, lang)
    if load:
        loaded, problem = g.load(load, allow_changed)
        if problem:
            out.write(f"{problem}\n")
        if not loaded:
            return 2
        if problem:
            out.write(f"The game goes on before that move; {load} is kept as it is.\n")
        elif g.session.scenario_changed:
            out.write("The scenario has changed since this save; all its moves still apply.\n")
    else:
        g.start()
    return g.play(lines, prompt)
