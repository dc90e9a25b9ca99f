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
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import ClassVar

from game.engine import rng
from game.engine.agreement import agree, reopen
from game.engine.checks import (
    absent_signatories,
    addressees,
    argument_problem,
    describe,
    links_problem,
    mandate_problem,
    name_of,
    names,
    no_answer_owed,
    normalise,
    owes_answer,
    pending_instructions,
    turn_problem,
)
from game.engine.compiled import Compiled
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
    ISSUE = "issue"
    """One agreed clause, by its issue's id (``reopen ISSUE`` in the terminal)."""


@dataclass(frozen=True)
class Needs:
    """The input a kind of move takes, and whether a front end asks before making it.

    ``links``: the move may also tie some of its package's issues together
    (``--link a,b`` in the terminal); ``clauses``: the move may name a subset
    of the offer's clauses (``accept a b``; none named: the whole offer).
    """

    takes: MoveInput = MoveInput.NOTHING
    confirm: bool = False
    links: bool = False
    clauses: bool = False

    @property
    def dialog(self) -> bool:
        """Whether the window opens a dialog for the move (a choice, or a question)."""
        return self.confirm or self.takes in _DIALOG_INPUTS


_DIALOG_INPUTS = frozenset({MoveInput.ARGUMENT, MoveInput.DATE, MoveInput.ISSUE})


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
    needs = Needs(MoveInput.PACKAGE, links=True)

    def ready(self, state: GameState, side: str) -> Msg | None:
        """Why ``side`` may put no package on the table now, whatever the package."""
        return None

    def check(self, state: GameState, move: Move) -> Msg | None:
        problem = self.ready(state, move.side)
        if problem is not None:
            return problem
        package, problem = normalise(state, dict(move.package))
        if problem is None and move.links:
            problem = links_problem(state, package, move.links)
        if problem is None and not state.c.is_mediator(move.side):
            problem = mandate_problem(state, move.side, package, "your")
        return problem

    def options(self, state: GameState, side: str) -> list[MoveOption]:
        reason = turn_problem(state, side, self.kind) or self.ready(state, side)
        if reason is None and not state.open_issues():
            reason = Msg("no_open_issue", "No issue is open in this stage.")
        return [MoveOption(self.kind, reason is None, reason or "")]

    def apply(self, state: GameState, move: Move, log: list[Entry]) -> Applied:
        side, kind, c = move.side, self.kind, state.c
        package = FrozenMap(normalise(state, dict(move.package))[0])
        links = tuple(tuple(dict.fromkeys(group)) for group in move.links)
        offer = Offer(side, package, state.date, links, addressees(state, side))
        state = state.but(offer=offer, offers=state.offers + (offer,))
        text = f"{name_of(c, side)} {kind}s: {describe(c, package)}."
        params: dict[str, object] = {"package": package}
        if links:
            text += " " + " ".join(_linked(c, group) for group in links)
            params["links"] = links
        if len(state.table) > 2 and offer.to:
            text += f" (to {names(c, offer.to)})"
            params["to"] = offer.to
        log.append(entry(state, f"move.{kind}", text, side, params=params))
        return Applied(state)


def _linked(c: Compiled, group: tuple[str, ...]) -> str:
    return f"Linked: {issue_names(c, group[:-1])} with {c.issues[group[-1]].name.get()}."


class Propose(_PackageMove):
    """Put a package on the table (it replaces any offer there)."""

    kind = MoveKind.PROPOSE


class Counter(_PackageMove):
    """Answer an offer addressed to the side with one's own package (addressed anew)."""

    kind = MoveKind.COUNTER

    def ready(self, state: GameState, side: str) -> Msg | None:
        return no_answer_owed(state, side, counter=True)


class Accept(MoveHandler):
    """Accept an offer addressed to the side, whole or some of its clauses (a link
    whole or not at all). Accepting part of it narrows the offer to those clauses;
    when every addressee has accepted, they are agreed; with every open issue
    agreed, the stage's ``agree`` transition fires."""

    kind = MoveKind.ACCEPT
    needs = Needs(clauses=True)

    def check(self, state: GameState, move: Move) -> Msg | None:
        problem = no_answer_owed(state, move.side)
        if problem is not None or state.offer is None:
            return problem
        offer, c = state.offer, state.c
        problem = _clauses_problem(state, offer, move.clauses)
        if problem is not None:
            return problem
        absent = absent_signatories(state)
        if absent and not c.stages[state.stage].side_agreements:
            verb = "is" if len(absent) == 1 else "are"
            return Msg(
                "absent_signatory",
                f"{names(c, absent)} {verb} not at the table, and this stage allows no side "
                "agreements: offers here can be discussed but not agreed.",
                sides=absent,
            )
        if sum(1 for p in c.signatories if p == offer.by or p in offer.to) < 2:
            return Msg("too_few", "A clause needs two signatories or more to agree it.")
        package = {k: v for k, v in offer.package.items() if not move.clauses or k in move.clauses}
        problem = mandate_problem(state, move.side, package, "your")
        bound = ((offer.by,) if not c.is_mediator(offer.by) else ()) + offer.accepted
        for other in bound:
            problem = problem or mandate_problem(state, other, package, "their")
        return problem

    def apply(self, state: GameState, move: Move, log: list[Entry]) -> Applied:
        c = state.c
        offer = state.offer
        assert offer is not None
        chosen = set(move.clauses or offer.package)
        package = FrozenMap({k: v for k, v in offer.package.items() if k in chosen})
        links = tuple(group for group in offer.links if set(group) <= chosen)
        offer = replace(offer, package=package, links=links, accepted=offer.accepted + (move.side,))
        params: dict[str, object] = {"package": package}
        text = f"{name_of(c, move.side)} accepts: {describe(c, package)}."
        if offer.waiting:
            text += f" (awaiting {names(c, offer.waiting)})"
            params["waiting"] = offer.waiting
        else:  # the last acceptance: the clauses are agreed today, by these parties
            params["agreed_by"] = tuple(p for p in c.signatories if p == offer.by or p in offer.to)
        log.append(entry(state, "move.accept", text, move.side, params=params))
        if offer.waiting:
            return Applied(state.but(offer=offer))
        return Applied(agree(state, offer, log))


def _clauses_problem(state: GameState, offer: Offer, clauses: tuple[str, ...]) -> Msg | None:
    """Why ``clauses`` are not a part of ``offer`` one may accept (its clauses, every
    link whole), or None."""
    c = state.c
    for iid in clauses:
        if iid not in offer.package:
            if iid not in c.issues:
                return Msg("no_issue", f"There is no issue '{iid}' in this scenario.", issue=iid)
            return Msg(
                "not_in_offer",
                f"{c.issues[iid].name.get()} is not a clause of the offer on the table.",
                issue=iid,
            )
        missing = [x for x in offer.linked(iid) if x not in clauses]
        if missing:
            said = issue_names(c, missing)
            return Msg(
                "link_whole",
                f"{c.issues[iid].name.get()} is linked to {said} in this offer: "
                "accept them together or not at all.",
                issue=iid,
                linked=tuple(missing),
            )
    return None


def issue_names(c: Compiled, issues: list[str] | tuple[str, ...]) -> str:
    """Issues' names joined in words: 'A', 'A and B', 'A, B and C'."""
    said = [c.issues[i].name.get() for i in issues]
    return said[0] if len(said) == 1 else ", ".join(said[:-1]) + " and " + said[-1]


class Reject(MoveHandler):
    """Reject an offer addressed to the side: it leaves the table."""

    kind = MoveKind.REJECT

    def check(self, state: GameState, move: Move) -> Msg | None:
        return no_answer_owed(state, move.side)

    def apply(self, state: GameState, move: Move, log: list[Entry]) -> Applied:
        c = state.c
        assert state.offer is not None
        who, other = name_of(c, move.side), name_of(c, state.offer.by)
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
        owes = owes_answer(state, side)
        when = move.until or state.date + dt.timedelta(
            days=state.c.stages[state.stage].session_days
        )
        who = name_of(state.c, side)
        text = f"{who} adjourns the session; next meeting {show(when)}."
        log.append(entry(state, "move.adjourn", text, side))
        return Applied(state, not owes, when)


class BreakOff(MoveHandler):
    """Break off the talks: the stage's ``break_off`` transition, else the end.
    Only a signatory may."""

    kind = MoveKind.BREAK_OFF
    needs = Needs(confirm=True)

    def check(self, state: GameState, move: Move) -> Msg | None:
        if state.c.is_mediator(move.side):
            return Msg(
                "mediator_break_off", "A mediator cannot break off the talks; the parties can."
            )
        return None

    def apply(self, state: GameState, move: Move, log: list[Entry]) -> Applied:
        who = name_of(state.c, move.side)
        log.append(entry(state, "move.break_off", f"{who} breaks off the talks.", move.side))
        nxt = state.c.fire(state.stage, "break_off", state)
        if nxt is not None:
            return Applied(enter(state, nxt, log))
        return Applied(end(state, Termination.BROKEN_OFF, f"{who} broke off the talks.", log))


class Reopen(MoveHandler):
    """Take an agreed, provisional clause back to the table (a signatory, the issue
    open in this stage), at the cost the stage sets: its effects, and its days."""

    kind = MoveKind.REOPEN
    needs = Needs(MoveInput.ISSUE)

    def check(self, state: GameState, move: Move) -> Msg | None:
        c = state.c
        if c.is_mediator(move.side):
            return Msg("mediator_reopen", "A mediator does not reopen clauses; the parties do.")
        if move.issue is None:
            return Msg("reopen_what", "Name the agreed clause to reopen.")
        return _reopen_problem(state, move.issue)

    def options(self, state: GameState, side: str) -> list[MoveOption]:
        reason = turn_problem(state, side, self.kind)
        if reason is None and state.c.is_mediator(side):
            reason = self.check(state, Move(self.kind, side))
        if reason is None:
            found = [
                MoveOption(self.kind, True, "", issue=iid)
                for iid in state.clauses
                if _reopen_problem(state, iid) is None
            ]
            if found:
                return found
        if reason is None:
            reason = Msg("nothing_to_reopen", "No agreed clause can be reopened now.")
        return [MoveOption(self.kind, False, reason)]

    def apply(self, state: GameState, move: Move, log: list[Entry]) -> Applied:
        assert move.issue is not None
        state, days = reopen(state, move.side, move.issue, log)
        return Applied(state, True, state.date + dt.timedelta(days=days) if days else None)


def _reopen_problem(state: GameState, iid: str) -> Msg | None:
    """Why the clause on ``iid`` cannot be reopened now (whoever asks), or None."""
    c = state.c
    clause = state.clauses.get(iid)
    if clause is not None and not clause.final and iid in c.stages[state.stage].open:
        return None
    if iid not in c.issues:
        return Msg("no_issue", f"There is no issue '{iid}' in this scenario.", issue=iid)
    name = c.issues[iid].name.get()
    if clause is None:
        return Msg("not_agreed", f"{name} is not agreed: there is nothing to reopen.", issue=iid)
    if clause.final:
        return Msg(
            "clause_final",
            f"{name} was agreed as final on {show(clause.date)}: it cannot be reopened.",
            issue=iid,
            date=clause.date,
        )
    return Msg(
        "reopen_not_open",
        f"{name} is not open in this stage: it cannot be reopened here.",
        issue=iid,
    )


class Pass(MoveHandler):
    """Yield the floor to the next party at the table (more than two there, and no
    answer owed)."""

    kind = MoveKind.PASS

    def check(self, state: GameState, move: Move) -> Msg | None:
        if len(state.table) <= 2:
            return Msg("pass_two", "Passing needs more than two parties at the table.")
        if owes_answer(state, move.side):
            return Msg(
                "pass_owes",
                "An offer on the table awaits your answer: accept, reject or counter it first.",
            )
        return None

    def apply(self, state: GameState, move: Move, log: list[Entry]) -> Applied:
        who = name_of(state.c, move.side)
        log.append(entry(state, "move.pass", f"{who} passes.", move.side))
        return Applied(state)


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
            Reopen(),
            Pass(),
        )
    }
)
"""The handler of every kind of move."""

assert tuple(HANDLERS) == tuple(MoveKind), "one handler per move kind"
