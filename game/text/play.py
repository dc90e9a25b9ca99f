"""The text front end: a whole game in a terminal, or from a pipe.

It only draws the game session's view for the player's seat and turns typed
lines into moves; the rules and the opponent are the engine's, the game in
progress is a :class:`~game.session.GameSession`, the words are
:mod:`game.wording`'s (set out by :mod:`game.text.render`).

Nothing is lost: the game is saved (atomically, through the session) when the
input ends, on ``quit``, on Ctrl-C, and on SIGTERM or SIGHUP, and the player
is told where and with which command to go on.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shlex
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from game.engine import GameState, Move, MoveKind
from game.engine.compiled import Compiled
from game.engine.messages import Msg
from game.engine.movekinds import HANDLERS, MoveInput
from game.engine.policy import Policy
from game.persistence.records import RecordError
from game.persistence.scenarios import resolve
from game.session import GameSession, ScenarioChanged, SeatView
from game.session.tutorial import Progress
from game.text import parse
from game.text.parse import Found
from game.text.render import WIDTH, Page, typed, wrap
from game.wording import speech, words

VERBS = {kind.value: kind for kind in MoveKind} | {
    "break": MoveKind.BREAK_OFF,
    "breakoff": MoveKind.BREAK_OFF,
}
"""What a player may type for each kind of move: its name, and a few short forms."""

MAX_VALUES_SHOWN = 8


class Interrupted(Exception):
    """The process was asked to stop (SIGTERM, SIGHUP): the game is saved first."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _raise(signum: int, frame: object) -> None:
    raise Interrupted(signum)


STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)


@contextlib.contextmanager
def stop_signals_save() -> Iterator[None]:
    """While a game runs, SIGTERM and SIGHUP stop it the way Ctrl-C does (the game is
    saved); the handlers before are put back after."""
    before = {s: signal.getsignal(s) for s in STOP_SIGNALS}
    try:
        for s in STOP_SIGNALS:
            signal.signal(s, _raise)
        yield
    finally:
        for s, handler in before.items():
            signal.signal(s, handler)


@contextlib.contextmanager
def _shielded() -> Iterator[None]:
    """No signal breaks into what runs inside (a save): they wait until it is done."""
    masked = (signal.SIGINT, *STOP_SIGNALS)
    can = hasattr(signal, "pthread_sigmask")
    if can:
        try:
            old = signal.pthread_sigmask(signal.SIG_BLOCK, masked)
        except (OSError, ValueError):
            can = False
    try:
        yield
    finally:
        if can:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _as_typed(problem: str) -> str:
    """A refusal whose parameters may hold what the player typed: those shown safely."""
    if not isinstance(problem, Msg):
        return problem
    params = {k: typed(v) if isinstance(v, str) else v for k, v in problem.params.items()}
    return Msg(problem.code, str(problem), **params)


class TextGame:
    """One game in the terminal: the player's seat of a session, the engine at the others."""

    def __init__(
        self,
        session: GameSession,
        player: str,
        out: TextIO,
        lang: str = "en",
        *,
        tutorial: Progress | None = None,
        resume: Sequence[str] | None = None,
    ) -> None:
        self.session = session
        self.player = player
        self.out = out
        self.page = Page(session.c, lang)
        self.names = parse.Names(session.c, player)
        self.tutorial = tutorial
        """The hints of the guided first game (None: no hints)."""
        self.resume = list(resume) if resume is not None else None
        """The command that continues this game, without ``--load FILE``."""
        self.unsaved = False
        """An autosave failed (the exit code says so)."""

    # ------------------------------------------------------------------ output
    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def __call__(self, key: str, **fields: object) -> str:
        return self.page(key, **fields)

    @property
    def lang(self) -> str:
        return self.page.lang

    @property
    def c(self) -> Compiled:
        return self.session.c

    @property
    def state(self) -> GameState:
        return self.session.state

    @property
    def view(self) -> SeatView:
        return self.session.view(self.player)

    # ------------------------------------------------------------------ the start
    def start(self) -> None:
        self.briefing()
        self.news(-1)

    def briefing(self) -> None:
        c, p, lang = self.c, self.page, self.lang
        party = c.parties[self.player]
        others = c.others(self.player)
        self.say("=" * WIDTH)
        self.say(c.sc.meta.title.get(lang))
        self.say("=" * WIDTH)
        if c.sc.meta.summary:
            self.say(p.text(c.sc.meta.summary))
        name = party.diplomat.name.get(lang)
        if party.diplomat.title:
            you = self(
                "text.you_are_title",
                name=name,
                title=party.diplomat.title.get(lang),
                party=p.party(self.player),
            )
        else:
            you = self("brief.you_are", name=name, party=p.party(self.player))
        self.say("\n" + wrap(you, ""))
        if len(others) == 1:
            self.say(self("brief.across", name=p.diplomat(others[0]), party=p.party(others[0])))
        else:
            across = ", ".join(f"{p.diplomat(o)} ({p.party(o)})" for o in others)
            self.say(self("text.across_many", parties=across))
        if party.diplomat.bio:
            self.say(p.text(party.diplomat.bio))
        if party.briefing:
            self.say("\n" + self("text.heading.briefing"))
            self.say(p.text(party.briefing))
        if party.factions:
            self.say("\n" + self("text.heading.factions"))
            for f in party.factions:
                self.say(f"  {f.name.get(lang)}")
                if f.stance:
                    self.say(p.text(f.stance, "    "))
        self.say("\n" + self("text.heading.issues"))
        self.issues(descriptions=False)
        self.say("\n" + wrap(self("text.help_hint"), ""))

    # ------------------------------------------------------------------ the record
    def news(self, ply: int) -> None:
        """Everything the player may read of what happened after the first ``ply`` moves
        (``-1``: from the start), in date order."""
        self.say(self.page.entries(self.session.news_since(ply, self.player)))

    def log(self) -> None:
        """The record of the talks so far, as the player may see it (no texts: one line each)."""
        self.say(self.page.entries(self.session.news(self.player), texts=False))

    def source(self, arg: str) -> None:
        n = int(arg) if arg.strip().isdigit() and len(arg.strip()) < 6 else 0
        lines = self.page.citation(n)
        if lines is None:
            self.say(self("text.no_source", n=typed(arg)))
            return
        self.say(self("text.sources_of", n=n))
        for line in lines:
            self.say(wrap(line, "  "))

    # ------------------------------------------------------------------ the table
    def issue_list(self, ids: Sequence[str]) -> str:
        return " · ".join(f"{self.names.number[i]} {self.page.issue(i)}" for i in ids)

    def status(self) -> None:
        s, c, p = self.state, self.c, self.page
        stage = words.stage_name(c, p.tr, s.stage)
        self.say(
            "\n--- "
            + self("table.when", date=p.date(s.date), stage=stage, session=s.session)
            + " ---"
        )
        open_ids = s.open_issues()
        self.say(
            wrap(
                self("text.open_issues", issues=self.issue_list(open_ids) or self("text.none")),
                "",
            )
        )
        if s.agreed:
            self.say(wrap(self("text.agreed", package=p.package(dict(s.agreed))), ""))
        view = self.view
        offer = view.their_offer()
        if offer is not None:
            self.say(
                wrap(
                    self(
                        "text.their_offer",
                        name=p.diplomat(offer.by),
                        date=p.date(offer.date),
                        package=p.package(dict(offer.package)),
                    ),
                    "",
                )
            )
            self.say(
                "  "
                + self(
                    "text.worth",
                    u=p.number(view.worth(offer.package)),
                    r=p.number(view.reservation),
                )
            )
        if s.offer is not None and s.offer.accepted:
            accepted = ", ".join(p.diplomat(x) for x in s.offer.accepted)
            waiting = ", ".join(p.diplomat(x) for x in s.offer.waiting)
            self.say("  " + self("text.accepted_by", parties=accepted, waiting=waiting))
        mine = view.my_last_offer()
        if mine is not None and offer is None:
            self.say(
                wrap(
                    self(
                        "text.my_last_offer",
                        date=p.date(mine.date),
                        package=p.package(dict(mine.package)),
                    ),
                    "",
                )
            )
        self.mandate(short=True)
        why = view.why_moves
        if why is not None:
            self.say(wrap(self("text.why_moves", why=words.why_moves(c, p.tr, why)), ""))
        self.say(wrap(self("text.moves_now", moves=self.moves_now()), ""))

    def moves_now(self) -> str:
        out: list[str] = []
        args = {ch.key: ch for ch in self.names.arguments}
        for o in self.view.options():
            if not o.allowed:
                continue
            if o.argument and o.argument in args:
                out.append(
                    f"argue {args[o.argument].number} ({args[o.argument].label.get(self.lang)})"
                )
            elif o.issue and o.issue in self.names.number:
                out.append(f"{o.kind} {self.names.number[o.issue]} ({self.page.issue(o.issue)})")
            else:
                out.append(f"{o.kind} ({words.move_name(self.page.tr, o.kind)})")
        return ", ".join(dict.fromkeys(out)) or self("text.none")

    def mandate(self, short: bool = False) -> None:
        s, p, view = self.state, self.page, self.view
        mandate = view.mandate
        shown = {k: b for k, b in mandate.bounds.items() if not short or k in s.open_issues()}
        bounds = "; ".join(
            f"{p.issue(k)}: {words.bound(self.c, p.tr, k, b)}"
            for k, b in shown.items()
            if k in self.c.issues
        ) or self("text.no_limits")
        if short and len(shown) < len(mandate.bounds):
            bounds += " " + self("text.mandate_more")
        self.say(wrap(self("text.mandate", name=mandate.name.get(self.lang), bounds=bounds), ""))
        if not short:
            for iid, values in view.package_space().items():
                listed = ", ".join(p.value(iid, v) for v in values[:MAX_VALUES_SHOWN])
                if len(values) > MAX_VALUES_SHOWN:
                    listed += " " + self("text.more_values", n=len(values) - MAX_VALUES_SHOWN)
                self.say(wrap(self("text.may_offer", issue=p.issue(iid), values=listed), "  "))

    def issues(self, descriptions: bool = True) -> None:
        c, p, s = self.c, self.page, self.state
        for issue in c.sc.issues:
            n = self.names.number[issue.id]
            if issue.id in s.agreed:
                mark = self("text.status.agreed", value=p.value(issue.id, s.agreed[issue.id]))
            elif issue.id in s.open_issues():
                mark = self("text.status.open")
            else:
                mark = ""
            line = f"{n}. {p.issue(issue.id)} — {words.space(c, p.tr, issue.id, numbered=True)}"
            self.say(wrap(line + (f"  [{mark}]" if mark else ""), "  ").replace("  ", "  ", 1))
            if descriptions and issue.description:
                self.say(p.text(issue.description, "      "))

    # ------------------------------------------------------------------ input
    def parse(self, line: str) -> Move | str | None:
        """A move, a reply to show, or None for an unknown command."""
        try:
            parts = parse.split(line)
        except parse.Unreadable:
            return self("text.unreadable", problem=self("text.unclosed_quote"))
        if not parts:
            return ""
        verb, args = parts[0].lower().replace("-", "_"), parts[1:]
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
                    named = (arg.partition("=")[2] or next(rest, "")).split(",")
                    group = self._issues([x for x in named if x])
                    if isinstance(group, str):
                        return group
                    links.append(tuple(group))
                    continue
                if "=" not in arg:
                    return self("text.write_pair", got=typed(arg))
                key, raw = arg.split("=", 1)
                found = self.names.issue(key)
                if found.one is None:
                    return self._unclear(
                        "issue", key, found, parse.listed(self.names.issues, self.lang)
                    )
                iid = str(found.one.key)
                value = self.names.value(iid, raw)
                if isinstance(value, parse.Found):
                    if value.one is None:
                        return self._unclear(
                            "option",
                            raw,
                            value,
                            parse.listed(self.names.options(iid), self.lang),
                            issue=self.page.issue(iid),
                        )
                    value = value.one.key
                package[iid] = value
            return Move(kind, self.player, package, links=tuple(links))  # type: ignore[arg-type]
        if needs.clauses:
            clauses = self._issues(args)
            if isinstance(clauses, str):
                return clauses
            return Move(kind, self.player, clauses=tuple(clauses))
        if takes is MoveInput.ISSUE:
            if not args:
                return Move(kind, self.player)
            one = self._issues([" ".join(args)])
            return one if isinstance(one, str) else Move(kind, self.player, issue=one[0])
        if takes is MoveInput.ARGUMENT:
            mine = parse.listed(self.names.arguments, self.lang)
            if not self.names.arguments:
                return self("text.no_arguments")
            if not args:
                return self("text.name_argument")
            found = self.names.argument(" ".join(args))
            if found.one is None:
                return self("text.no_argument", got=typed(" ".join(args)), arguments=mine)
            return Move(kind, self.player, argument=str(found.one.key))
        if takes is MoveInput.DATE:
            until = None
            if args:
                try:
                    until = dt.date.fromisoformat(args[0])
                except ValueError:
                    return self("text.not_date", got=typed(args[0]))
            return Move(kind, self.player, until=until)
        return Move(kind, self.player)

    def _issues(self, typed_names: Sequence[str]) -> list[str] | str:
        """The issues named (by number, name or id), or what is unclear about one."""
        out: list[str] = []
        for name in typed_names:
            found = self.names.issue(name)
            if found.one is None:
                every = parse.listed(self.names.issues, self.lang)
                return self._unclear("issue", name, found, every)
            out.append(str(found.one.key))
        return out

    def _unclear(self, what: str, got: str, found: Found, every: str, **extra: str) -> str:
        if found.matches:
            choices = parse.listed(found.matches, self.lang)
            return self(f"text.which_{what}", got=typed(got), choices=choices)
        if what == "issue":
            return self("text.no_issue", got=typed(got), issues=every)
        return self("text.no_option", got=typed(got), values=every, **extra)

    # ------------------------------------------------------------------ the loop
    def play(self, lines: Iterator[str], prompt: bool = False) -> int:
        """Play until the talks end or the input runs out; saved whichever way it stops."""
        try:
            return self._play(lines, prompt)
        except KeyboardInterrupt:
            self.leave("text.interrupted", why="Ctrl-C")
            return 130
        except Interrupted as exc:
            self.leave("text.interrupted", why=str(exc))
            return 128 + exc.signum

    def _play(self, lines: Iterator[str], prompt: bool) -> int:
        shown = None
        while not self.state.over:
            if self.state.to_move != self.player:
                if not self.opponent_turn():
                    self.say(self("text.no_move_left"))
                    break
                continue
            if shown is not self.state:
                self.hint()
                self.status()
                shown = self.state
            if prompt:
                self.out.write("> ")
            self.out.flush()
            line = next(lines, None)
            if line is None:
                self.leave("text.input_ended")
                return 1 if self.unsaved else 0
            line = line.strip()
            if not prompt:
                self.say(f"> {typed(line, 200)}")
            if not self.command(line):
                return 1 if self.unsaved else 0
        self.finish()
        return 0

    def leave(self, key: str, **fields: str) -> None:
        """Save the game, and say where and how to go on (if the output is still there)."""
        saved = self.autosave()
        with contextlib.suppress(OSError, ValueError):
            if isinstance(saved, Path):
                self.say("\n" + self(key, path=str(saved), **fields))
                self.say(self("text.continue", command=self.continue_command(saved)))
            else:
                self.say("\n" + self("text.not_saved", problem=saved))
            self.out.flush()

    def continue_command(self, saved: Path) -> str:
        role = next((r for r, side in self.c.roles.items() if side == self.player), self.player)
        base = self.resume or continue_base(self.c, role, ["treaty-table"])
        return shlex.join([*base, "--load", str(saved)])

    def command(self, line: str) -> bool:
        """Run one typed line; False means quit."""
        if len(line) > parse.MAX_LINE:
            self.say(self("text.too_long", n=len(line)))
            return True
        head, _, rest = line.strip().partition(" ")
        word = head.lower()
        if word in ("quit", "exit"):
            saved = self.autosave()
            if isinstance(saved, Path):
                self.say(self("text.goodbye", path=str(saved)))
                self.say(self("text.continue", command=self.continue_command(saved)))
            else:
                self.say(self("text.not_saved", problem=saved))
            return False
        simple: dict[str, Callable[[], None]] = {
            "help": lambda: self.say(self("text.help")),
            "status": self.status,
            "issues": self.issues,
            "mandate": self.mandate,
            "log": self.log,
            "undo": self.undo,
            "why": self.why,
            "reload": self.reload,
        }
        if word in simple:
            simple[word]()
            return True
        if word == "source":
            self.source(rest)
            return True
        if word == "tutorial":
            self.switch_tutorial(rest.strip().lower() != "off")
            return True
        if word == "save":
            self.save(rest.strip() or None)
            return True
        parsed = self.parse(line)
        if parsed is None:
            self.say(self("text.unknown", word=typed(head)))
        elif isinstance(parsed, str):
            if parsed:
                self.say(wrap(parsed, ""))
        else:
            self.push(parsed)
        return True

    def push(self, move: Move) -> bool:
        """Play the player's move, then show what followed (or why it is not possible)."""
        before = len(self.session.moves)
        with _shielded():  # a signal waits: the session is never caught half-way
            problem = self.session.play(move)
        if problem is not None:
            reason = words.message(self.c, self.page.tr, _as_typed(problem))
            self.say(wrap(self("text.illegal", reason=typed(reason, len(reason))), ""))
            return False
        self.news(before)
        return True

    def opponent_turn(self) -> bool:
        """The engine's move for the side to move: its words, its reasons, what followed.
        False if it has no move at all."""
        before = len(self.session.moves)
        with _shielded():
            turn = self.session.ai_turn()
        if turn is None:
            return False
        choice = turn.choice
        p = self.page
        said = speech.speak(self.c, p.tr, turn.side, turn.reasons)
        if choice.line is not None or said:
            self.say("  " + self("text.says", name=p.diplomat(turn.side)))
            if choice.line is not None:
                self.say(p.text(choice.line, "    "))
            if said:
                self.say(wrap("“" + " ".join(said) + "”", "    "))
            if speech.details(self.c, p.tr, turn.side, turn.reasons):
                self.say("    " + self("text.why_hint"))
        self.news(before)
        return True

    def why(self) -> None:
        """The figures behind the other side's answer to the player's last move (at a table
        of more, the latest of the answers that stood on figures)."""
        others = set(self.c.others(self.player))
        moves = self.session.moves
        mine = max((i + 1 for i, mv in enumerate(moves) if mv.side == self.player), default=0)
        latest, lines = None, []
        for ply in sorted(self.session.turns, reverse=True):
            turn = self.session.turns[ply]
            if ply > len(moves) or turn.side not in others or ply <= mine:
                continue
            lines = speech.details(self.c, self.page.tr, turn.side, turn.reasons)
            if lines:
                latest = turn
                break
        other = latest.side if latest is not None else self.c.others(self.player)[0]
        if not lines:
            self.say(self("text.why_none"))
            return
        self.say(self("text.why_heading", name=self.page.diplomat(other)))
        for line in lines:
            self.say(wrap(line, "  "))

    def hint(self) -> None:
        if self.tutorial is None:
            return
        step = self.tutorial.next(self.view)
        if step is None:
            return
        self.say(
            "\n" + wrap(self("text.hint", title=self(step.title_key), text=self(step.key)), "")
        )
        if step.id == "welcome":
            self.say(self("text.tutorial_how"))
        self.tutorial.save()

    def switch_tutorial(self, on: bool) -> None:
        progress = self.tutorial or Progress.load()
        progress.enabled = on
        if on:
            progress.seen.clear()
        progress.save()
        self.tutorial = progress if on else None
        self.say(self("text.tutorial_on" if on else "text.tutorial_off"))

    def reload(self) -> None:
        """Read the scenario file again and keep playing where the game is, if
        its moves still apply; otherwise say which move no longer does and go
        on with the scenario as it was (nothing is lost)."""
        done = self.session.reload()
        if done.outcome == "broken":
            self.say(self("text.reload_broken"))
            self.say(done.detail or "")
        elif done.outcome == "unchanged":
            self.say(self("table.reload_unchanged"))
        elif done.outcome == "kept":
            self.say(self("text.reload_kept", why=done.detail or ""))
        else:
            self.page = Page(self.c, self.lang)
            self.names = parse.Names(self.c, self.player)
            self.say(
                self("text.reloaded", path=str(self.c.loaded.path), moves=len(self.session.moves))
            )

    def undo(self) -> None:
        """Take back the player's last move (and the replies after it)."""
        if not self.session.undo(self.player):
            self.say(self("move.nothing_to_undo"))
            return
        self.say(self("text.undone", date=self.page.date(self.state.date)))

    def save(self, name: str | None) -> None:
        try:
            with _shielded():
                saved = self.session.save(name) if name else self.session.autosave()
        except (OSError, RecordError, ValueError) as exc:
            self.say(self("text.save_failed", problem=typed(str(exc), 300)))
            return
        self.say(self("text.saved", path=str(saved)))

    def autosave(self) -> Path | str:
        """Save under the game's own name; the path, or the problem in words (and the
        command's exit code will say the game was not saved)."""
        try:
            with _shielded():
                return self.session.autosave()
        except (OSError, RecordError, ValueError) as exc:
            self.unsaved = True
            return str(exc)

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
                why += ".\n" + self("text.allow_changed")
            return False, why
        self.session = loaded
        self.say(
            self(
                "text.loaded",
                path=path,
                moves=len(loaded.moves),
                date=self.page.date(self.state.date),
            )
        )
        return True, problem

    def finish(self) -> None:
        self.say(self.page.debrief(self.session.debrief(), self.player))
        if self.session.analytics_problem is not None:
            self.say(self("text.no_analytics", problem=self.session.analytics_problem))
        saved = self.autosave()
        if isinstance(saved, Path):
            self.say("\n" + self("text.saved", path=str(saved)))


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
    tutorial: bool = False,
    resume: Sequence[str] | None = None,
    signals: bool = False,
    allow_changed: bool = False,
) -> int:
    """Play a text game; returns the exit code.

    ``make_opponent(c, side)`` builds the other side's policy (default: the
    scenario's AI at ``difficulty``), e.g. a plugin's. ``tutorial`` shows the
    hints of the guided first game (those the player has not seen yet).
    ``resume`` is the command that continues the game (without ``--load``).
    ``signals``: SIGTERM and SIGHUP save the game and stop, as Ctrl-C does. A save
    given as ``load`` that cannot be used (another scenario, another version of it
    without ``allow_changed``, a damaged file) ends the command with exit code 2
    before anything is played or saved.
    """
    page = Page(c, lang)
    if role not in c.roles:
        roles = ", ".join(c.roles)
        out.write(page("text.unknown_role", role=typed(role), scenario=c.id, roles=roles) + "\n")
        return 2
    player = c.roles[role]
    session = GameSession.new(
        c, str(c.loaded.path), {player}, seed, difficulty, make_opponent=make_opponent
    )
    progress = Progress.load() if tutorial else None
    g = TextGame(
        session,
        player,
        out,
        lang,
        tutorial=progress if progress is not None and progress.enabled else None,
        resume=resume,
    )
    guard = stop_signals_save() if signals else contextlib.nullcontext()
    with guard:
        if load:
            loaded, problem = g.load(load, allow_changed)
            if problem:
                out.write(f"{problem}\n")
            if not loaded:
                return 2
            if problem:
                out.write(page("text.load_before", path=load) + "\n")
            elif g.session.scenario_changed:
                out.write(page("text.load_changed") + "\n")
        else:
            g.start()
        return g.play(lines, prompt)


def continue_base(c: Compiled, role: str, prog: Sequence[str], *options: str) -> list[str]:
    """The command that goes on with a game of ``c`` as ``role`` (``--load FILE`` is added
    to it): the scenario by its id when the id finds this very file, else by its path."""
    here = Path(str(c.loaded.path))
    try:
        by_id = resolve(c.id)
        same = by_id.exists() and os.path.samefile(by_id, here)
    except OSError:
        same = False
    scenario = c.id if same else str(here.resolve())
    return [*prog, "play", scenario, "--text", "--role", role, *options]


def program() -> list[str]:
    """How this program was started, to print a command that runs it again: ``treaty-table``
    when that is the command on the PATH, else the way it was run (``python -m game``)."""
    argv0 = sys.argv[0] if sys.argv else ""
    if argv0.endswith("__main__.py") or argv0 in ("-m", "-c", ""):
        return [
            Path(sys.executable).name if _on_path(sys.executable) else sys.executable,
            "-m",
            "game",
        ]
    if _on_path(argv0):
        return [Path(argv0).name]
    return [argv0]


def _on_path(path: str) -> bool:
    import shutil

    found = shutil.which(Path(path).name)
    try:
        return found is not None and os.path.samefile(found, path)
    except OSError:
        return False


__all__ = ["Interrupted", "TextGame", "program", "run_text_game", "stop_signals_save"]
