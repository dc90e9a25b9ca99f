"""One handler per kind of move: what it checks, what it does, what it offers, what it needs.

:func:`game.engine.rules.check`, :func:`~game.engine.rules.apply` and
:func:`~game.engine.rules.move_options` find the handler of a move by its kind
in :data:`HANDLERS`; what every move shares (whose turn it is, whether the
stage allows the kind, the session and the calendar after it) stays in
:mod:`game.engine.rules`. A front end picks its input for a kind from the
handler's :attr:`MoveHandler.needs` (a package, an argument, a date, nothing;
whether to ask first), never from the kind's name.

To add a kind of move:

1. add it to :class:`game.scenario.model.MoveKind` (its place there is its
   place in the front ends' lists; regenerate ``docs/schema.json`` with
   ``treaty-table schema``);
2. write its handler here (a :class:`MoveHandler` subclass) and put it in
   :data:`HANDLERS`; if an AI decision should make it, map it in
   :data:`game.engine.decisions.DECISION_MOVES`;
3. give it its words in every catalogue ``assets/i18n/*.json``:
   ``move.<kind>`` (the button and the terminal's name), ``move.<kind>_tip``,
   ``entry.move.<kind>`` (its line in the record, if it logs ``move.<kind>``),
   ``engine.<code>`` for each new message code of its checks, and, when its
   needs ask for confirmation, ``confirm.<kind>_title`` and ``confirm.<kind>``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar

from game.engine import rng
from game.engine.checks import (
    argument_problem,
    describe,
    mandate_problem,
    name_of,
    normalise,
    offer_from,
    pending_instructions,
    turn_problem,
)
from game.engine.frozen import FrozenMap
from game.engine.messages import Msg
from game.engine.moves import Entry, Move, MoveKind, MoveOption, Offer, Termination
from game.engine.state import GameState
from game.engine.timeline import end, enter, entry, take_effect
from game.scenario.values import show

__all__ = ["HANDLERS", "Applied", "MoveHandler", "MoveInput", "Needs"]


class MoveInput(StrEnum):
    """What a player gives with a move."""

    NOTHING = "nothing"
    PACKAGE = "package"
    """Issues and their values (the package editor; ``ISSUE=VALUE`` in the terminal)."""
    ARGUMENT = "argument"
    """One of the side's arguments, by id."""
    DATE = "date"
    """A date, optional (the next session's, by default)."""


@dataclass(frozen=True)
class Needs:
    """The input a kind of move takes, and whether a front end asks before making it."""

    takes: MoveInput = MoveInput.NOTHING
    confirm: bool = False

    @property
    def dialog(self) -> bool:
        """Whether the window opens a dialog for the move (a choice, or a question)."""
        return self.confirm or self.takes is MoveInput.ARGUMENT or self.takes is MoveInput.DATE


@dataclass(frozen=True)
class Applied:
    """What a move did: the state after it, whether the turn passes, and the day of
    the next session if the move ends this one."""

    state: GameState
    pass_turn: bool = True
    next_session: dt.date | None = None


class MoveHandler:
    """The rules of one kind of move (a handler keeps no state).

    :meth:`check` and :meth:`apply` see only moves of their kind by the side to
    move in a stage that allows the kind (:func:`game.engine.rules.check` has
    made sure); :meth:`options` answers for any side at any time.
    """

    kind: ClassVar[MoveKind]
    needs: ClassVar[Needs] = Needs()

    def check(self, state: GameState, move: Move) -> Msg | None:
        """Why ``move`` is illegal now, or None."""
        return None

    def apply(self, state: GameState, move: Move, log: list[Entry]) -> Applied:
        """Make ``move`` (already checked); what happens is logged in ``log``."""
        raise NotImplementedError

    def options(self, state: GameState, side: str) -> list[MoveOption]:
        """Whether ``side`` may make a move of this kind now, and why not."""
        reason = turn_problem(state, side, self.kind) or self.check(state, Move(self.kind, side))
        return [MoveOption(self.kind, reason is None, reason or "")]


class _PackageMove(MoveHandler):
    needs = Needs(MoveInput.PACKAGE)

    def ready(self, state: GameState, side: str) -> Msg | None:
        """Why ``side`` may put no package on the table now, whatever the package."""
        return None

    def check(self, state: GameState, move: Move) -> Msg | None:
        problem = self.ready(state, move.side)
        if problem is not None:
            return problem
        package, problem = normalise(state, dict(move.package))
        return problem or mandate_problem(state, move.side, package, "your")

    def options(self, state: GameState, side: str) -> list[MoveOption]:
        reason = turn_problem(state, side, self.kind) or self.ready(state, side)
        if reason is None and not state.open_issues():
            reason = Msg("no_open_issue", "No issue is open in this stage.")
        return [MoveOption(self.kind, reason is None, reason or "")]

    def apply(self, state: GameState, move: Move, log: list[Entry]) -> Applied:
        side, kind = move.side, self.kind
        package = FrozenMap(normalise(state, dict(move.package))[0])
        offer = Offer(side, package, state.date)
        state = state.but(offer=offer, offers=state.offers + (offer,))
        who = name_of(state.c, side)
        text = f"{who} {kind}s: {describe(state.c, package)}."
        log.append(entry(state, f"move.{kind}", text, side, params={"package": package}))
        return Applied(state)


class Propose(_PackageMove):
    """Put a package on the table (it replaces any offer there)."""

    kind = MoveKind.PROPOSE


class Counter(_PackageMove):
    """Answer the other side's offer with one's own package."""

    kind = MoveKind.COUNTER

    def ready(self, state: GameState, side: str) -> Msg | None:
        other = state.c.other(side)
        if not offer_from(state, other):
            return Msg(
                "no_offer_to_counter",
                f"There is no offer from {name_of(state.c, other)} to counter.",
                side=other,
            )
        return None


def _no_offer(state: GameState, side: str) -> Msg | None:
    other = state.c.other(side)
    if not offer_from(state, other):
        return Msg(
            "no_offer",
            f"There is no offer from {name_of(state.c, other)} on the table.",
            side=other,
        )
    return None


class Accept(MoveHandler):
    """Accept the other side's offer: its terms become agreed; with every open issue
    agreed, the stage's ``agree`` transition fires."""

    kind = MoveKind.ACCEPT

    def check(self, state: GameState, move: Move) -> Msg | None:
        problem = _no_offer(state, move.side)
        if problem is not None or state.offer is None:
            return problem
        package = dict(state.offer.package)
        return mandate_problem(state, move.side, package, "your") or mandate_problem(
            state, state.c.other(move.side), package, "their"
        )

    def apply(self, state: GameState, move: Move, log: list[Entry]) -> Applied:
        c = state.c
        assert state.offer is not None
        package = state.offer.package
        agreed = {**state.agreed, **package}
        agreed = {i.id: agreed[i.id] for i in c.sc.issues if i.id in agreed}
        state = state.but(agreed=agreed, agreed_on=state.date, offer=None)
        log.append(
            entry(
                state,
                "move.accept",
                f"{name_of(c, move.side)} accepts: {describe(c, package)}.",
                move.side,
                params={"package": package},
            )
        )
        if not state.open_issues():
            nxt = c.fire(state.stage, "agree", state)
            if nxt is not None:
                state = enter(state.but(concluded=True), nxt, log)
        return Applied(state)


class Reject(MoveHandler):
    """Reject the other side's offer: it leaves the table."""

    kind = MoveKind.REJECT

    def check(self, state: GameState, move: Move) -> Msg | None:
        return _no_offer(state, move.side)

    def apply(self, state: GameState, move: Move, log: list[Entry]) -> Applied:
        c = state.c
        who, other = name_of(c, move.side), name_of(c, c.other(move.side))
        log.append(entry(state, "move.reject", f"{who} rejects the offer of {other}.", move.side))
        return Applied(state.but(offer=None))


class Argue(MoveHandler):
    """Make one of the side's scenario arguments: it may land (by its chance) and
    then takes effect."""

    kind = MoveKind.ARGUE
    needs = Needs(MoveInput.ARGUMENT)

    def check(self, state: GameState, move: Move) -> Msg | None:
        return argument_problem(state, move.side, move.argument)

    def options(self, state: GameState, side: str) -> list[MoveOption]:
        out = []
        for arg in state.c.sc.arguments:
            if arg.by == side:
                move = Move(self.kind, side, argument=arg.id)
                reason = turn_problem(state, side, self.kind) or self.check(state, move)
                out.append(MoveOption(self.kind, reason is None, reason or "", arg.id))
        return out

    def apply(self, state: GameState, move: Move, log: list[Entry]) -> Applied:
        side = move.side
        arg = state.c.arguments[move.argument or ""]
        key = f"argument:{arg.id}"
        state = state.but(used={**state.used, key: state.used.get(key, 0) + 1})
        ok = True
        if arg.chance < 1.0:
            ok = rng.draw(state.seed, state.draws) < arg.chance
            state = state.but(draws=state.draws + 1)
        text = arg.success if ok else arg.failure
        message = f"{name_of(state.c, side)} argues: {arg.name.get()}." + (
            " It lands." if ok else " It does not move them."
        )
        log.append(entry(state, "argument", message, side, arg.id, {"landed": ok, "text": text}))
        if ok:
            state = take_effect(state, arg.effects, log)
        return Applied(state)


class Instruct(MoveHandler):
    """Ask the home government for instructions, once a session: the answer (drawn
    among those that apply) takes days, and the side keeps the turn."""

    kind = MoveKind.INSTRUCT
    needs = Needs(confirm=True)

    def check(self, state: GameState, move: Move) -> Msg | None:
        if move.side in state.asked:
            return Msg("asked", "You have already asked for instructions in this session.")
        return None

    def apply(self, state: GameState, move: Move, log: list[Entry]) -> Applied:
        side = move.side
        party = state.c.parties[side]
        state = state.but(asked=state.asked | {side})
        options = pending_instructions(state, side)
        home = party.home.get() if party.home else name_of(state.c, side)
        if not options:
            log.append(entry(state, "instructions.none", f"{home}: no new instructions.", side))
            return Applied(state, False, state.date + dt.timedelta(days=party.no_instructions_days))
        many = len(options) > 1
        index = rng.pick(state.seed, state.draws, [i.weight for i in options]) if many else 0
        state = state.but(draws=state.draws + (1 if many else 0))
        ins = options[index]
        key = f"instruction:{ins.id}"
        state = state.but(used={**state.used, key: state.used.get(key, 0) + 1})
        log.append(
            entry(
                state, "instructions", f"{home} sends instructions: {ins.text.get()}", side, ins.id
            )
        )
        state = take_effect(state, ins.effects, log)
        return Applied(state, False, state.date + dt.timedelta(days=ins.days))


class Adjourn(MoveHandler):
    """End the session; the next meets after the stage's session days, or on ``until``.
    The side that adjourns opens the next session only if it owes an answer."""

    kind = MoveKind.ADJOURN
    needs = Needs(MoveInput.DATE)

    def check(self, state: GameState, move: Move) -> Msg | None:
        if move.until is None:
            return None
        if move.until <= state.date:
            return Msg(
                "adjourn_past",
                f"The next session must come after {show(state.date)}.",
                date=state.date,
            )
        deadline = state.c.sc.calendar.deadline
        if move.until > deadline:
            return Msg(
                "adjourn_deadline", f"The talks must end by {show(deadline)}.", date=deadline
            )
        return None

    def apply(self, state: GameState, move: Move, log: list[Entry]) -> Applied:
        side = move.side
        owes_answer = offer_from(state, state.c.other(side))
        when = move.until or state.date + dt.timedelta(
            days=state.c.stages[state.stage].session_days
        )
        who = name_of(state.c, side)
        text = f"{who} adjourns the session; next meeting {show(when)}."
        log.append(entry(state, "move.adjourn", text, side))
        return Applied(state, not owes_answer, when)


class BreakOff(MoveHandler):
    """Break off the talks: the stage's ``break_off`` transition, else the end."""

    kind = MoveKind.BREAK_OFF
    needs = Needs(confirm=True)

    def apply(self, state: GameState, move: Move, log: list[Entry]) -> Applied:
        who = name_of(state.c, move.side)
        log.append(entry(state, "move.break_off", f"{who} breaks off the talks.", move.side))
        nxt = state.c.fire(state.stage, "break_off", state)
        if nxt is not None:
            return Applied(enter(state, nxt, log))
        return Applied(end(state, Termination.BROKEN_OFF, f"{who} broke off the talks.", log))


HANDLERS: Mapping[MoveKind, MoveHandler] = FrozenMap(
    {
        h.kind: h
        for h in (
            Propose(),
            Counter(),
            Accept(),
            Reject(),
            Argue(),
            Instruct(),
            Adjourn(),
            BreakOff(),
        )
    }
)
"""The handler of every kind of move."""

assert tuple(HANDLERS) == tuple(MoveKind), "one handler per move kind"
