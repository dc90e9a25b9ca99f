"""The rules: start a game, list and check moves, apply a move.

``apply(state, move) -> state`` is a pure function: the state history is the
game (undo and "take over at step N" are indexes into it). Illegal moves
raise :class:`IllegalMoveError` with a reason a player can read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from game.engine import rng
from game.engine.compiled import Compiled
from game.engine.conditions import holds
from game.engine.messages import Msg
from game.engine.moves import MOVE_KINDS, Entry, IllegalMoveError, Move, Offer, Outcome, Termination
from game.engine.space import Value
from game.engine.state import GameState
from game.scenario import model as m
from game.scenario.kinds import kind_of
from game.scenario.values import show

_MAX_SETTLE = 500


@dataclass(frozen=True)
class MoveOption:
    """A kind of move and whether it is possible now (for buttons and hints)."""

    kind: str
    allowed: bool
    reason: str = ""
    argument: str | None = None


def new_game(c: Compiled, seed: int = 0) -> GameState:
    """The state at the start of a game of ``c`` with RNG ``seed``."""
    sc = c.sc
    first = sc.parties[0].id
    state = GameState(
        c=c,
        seed=seed,
        ply=0,
        date=sc.calendar.start,
        stage=sc.initial,
        entered={},
        session=0,
        session_moves=0,
        to_move=first,
        offer=None,
        agreed={},
        mandates={p.id: p.mandate for p in sc.parties},
        weight_shift={},
        party_shift={},
        fired=frozenset(),
        flags=frozenset(),
        used={},
        asked=frozenset(),
        draws=0,
        offers=(),
        milestones=(),
        agreed_on=None,
        news=(),
        concluded=False,
    )
    log: list[Entry] = []
    state = _events_until(state, state.date, log)
    state = _enter(state, sc.initial, log)
    state = _settle(state, log)
    return state.but(news=tuple(log))


# ----------------------------------------------------------------------------- checks


def name_of(c: Compiled, side: str) -> str:
    return c.parties[side].name.get()


def _stage_allows(state: GameState, kind: str) -> bool:
    return kind in state.c.stages[state.stage].moves


def bound_text(bound: m.Bound) -> str:
    parts = []
    if bound.allow is not None:
        parts.append("only " + ", ".join(bound.allow))
    if bound.min is not None:
        parts.append(f"at least {show(bound.min)}")
    if bound.max is not None:
        parts.append(f"at most {show(bound.max)}")
    return " and ".join(parts) or "free"


def within(bound: m.Bound | None, value: Value) -> bool:
    """Whether a mandate bound allows ``value``."""
    if bound is None:
        return True
    if bound.allow is not None:
        return value in bound.allow
    try:
        if bound.min is not None and value < bound.min:  # type: ignore[operator]
            return False
        if bound.max is not None and value > bound.max:  # type: ignore[operator]
            return False
    except TypeError:
        return False
    return True


def mandate_problem(
    state: GameState, side: str, package: dict[str, Value], whose: str
) -> str | None:
    """Why ``package`` lies outside ``side``'s current mandate, or None."""
    mandate = state.mandate_of(side)
    for iid, value in package.items():
        bound = mandate.bounds.get(iid)
        if not within(bound, value):
            assert bound is not None
            issue = state.c.issues[iid]
            return Msg(
                "outside_mandate_" + ("yours" if whose == "your" else "theirs"),
                f"{issue.name.get()} {show(value, issue.unit)} is outside {whose} mandate "
                f"({name_of(state.c, side)}, {mandate.name.get()}: {bound_text(bound)})",
                issue=iid,
                value=value,
                side=side,
                mandate=mandate.id,
            )
    return None


def normalise(state: GameState, package: Any) -> tuple[dict[str, Value], str | None]:
    """The package with values in the issues' own types, or a reason it is not a package."""
    if not isinstance(package, dict) or not package:
        return {}, Msg(
            "empty_package", "A package must name at least one open issue and its value."
        )
    open_now = state.open_issues()
    out: dict[str, Value] = {}
    for iid, raw in package.items():
        issue = state.c.issues.get(str(iid))
        if issue is None:
            return {}, Msg(
                "no_issue", f"There is no issue '{iid}' in this scenario.", issue=str(iid)
            )
        if iid in state.agreed:
            return (
                {},
                Msg(
                    "already_agreed",
                    f"{issue.name.get()} is already agreed ({show(state.agreed[iid], issue.unit)}).",
                    issue=iid,
                    value=state.agreed[iid],
                ),
            )
        if iid not in open_now:
            return {}, Msg(
                "not_open", f"{issue.name.get()} is not open in this stage.", issue=issue.id
            )
        value = kind_of(issue).coerce(issue, raw, state.c.grid[issue.id])
        if value is None:
            return {}, Msg(
                "not_a_value",
                f"{raw!r} is not a possible value of {issue.name.get()}.",
                issue=issue.id,
                value=raw,
            )
        out[iid] = value
    return out, None


def check(state: GameState, move: Move) -> str | None:
    """The reason ``move`` is illegal now, or None if it is legal."""
    c = state.c
    if state.outcome is not None:
        return Msg("over", "The talks are over.")
    if move.side not in c.parties:
        return Msg("no_side", f"There is no side '{move.side}'.", side=move.side)
    if move.kind not in MOVE_KINDS:
        return Msg(
            "no_move",
            f"'{move.kind}' is not a move. Moves: {', '.join(MOVE_KINDS)}.",
            kind=move.kind,
        )
    if move.side != state.to_move:
        return Msg(
            "not_turn",
            f"It is not your turn: {name_of(c, state.to_move)} is to move.",
            side=state.to_move,
        )
    if not _stage_allows(state, move.kind):
        stage = c.stages[state.stage].stage.name.get()
        return Msg(
            "not_in_stage",
            f"'{move.kind}' is not possible in this stage ({stage}).",
            kind=move.kind,
            stage=state.stage,
        )
    other = c.other(move.side)
    has_offer = state.offer is not None and state.offer.by == other
    if move.kind in ("propose", "counter"):
        if move.kind == "counter" and not has_offer:
            return Msg(
                "no_offer_to_counter",
                f"There is no offer from {name_of(c, other)} to counter.",
                side=other,
            )
        package, problem = normalise(state, dict(move.package))
        return problem or mandate_problem(state, move.side, package, "your")
    if move.kind in ("accept", "reject"):
        if not has_offer:
            return Msg(
                "no_offer", f"There is no offer from {name_of(c, other)} on the table.", side=other
            )
        if move.kind == "accept":
            assert state.offer is not None
            package = dict(state.offer.package)
            return mandate_problem(state, move.side, package, "your") or mandate_problem(
                state, other, package, "their"
            )
        return None
    if move.kind == "argue":
        return _argument_problem(state, move.side, move.argument)
    if move.kind == "instruct":
        if move.side in state.asked:
            return Msg("asked", "You have already asked for instructions in this session.")
        return None
    if move.kind == "adjourn" and move.until is not None:
        if move.until <= state.date:
            return Msg(
                "adjourn_past",
                f"The next session must come after {show(state.date)}.",
                date=state.date,
            )
        if move.until > c.sc.calendar.deadline:
            return Msg(
                "adjourn_deadline",
                f"The talks must end by {show(c.sc.calendar.deadline)}.",
                date=c.sc.calendar.deadline,
            )
    return None


def _argument_problem(state: GameState, side: str, arg_id: str | None) -> str | None:
    c = state.c
    arg = c.arguments.get(arg_id or "")
    if arg is None:
        return Msg("no_argument", f"There is no argument '{arg_id}'.", argument=arg_id)
    if arg.by != side:
        return Msg(
            "argument_other_side",
            f"'{arg.name.get()}' is an argument for {name_of(c, arg.by)}.",
            argument=arg.id,
            side=arg.by,
        )
    info = c.stages[state.stage]
    if arg.stages and not set(arg.stages) & ({state.stage} | set(info.ancestors)):
        return Msg(
            "argument_stage", f"'{arg.name.get()}' does not fit this stage.", argument=arg.id
        )
    if state.used.get(f"argument:{arg.id}", 0) >= arg.uses:
        return Msg("argument_used", f"'{arg.name.get()}' has already been used.", argument=arg.id)
    if arg.when is not None and not holds(arg.when, state):
        return Msg("argument_not_now", f"'{arg.name.get()}' does not apply now.", argument=arg.id)
    return None


def move_options(state: GameState, side: str) -> list[MoveOption]:
    """Every kind of move with whether it is possible now and why not."""
    out: list[MoveOption] = []
    for kind in MOVE_KINDS:
        if kind == "argue":
            for arg in state.c.sc.arguments:
                if arg.by == side:
                    reason = check(state, Move("argue", side, argument=arg.id))
                    out.append(MoveOption(kind, reason is None, reason or "", arg.id))
            continue
        if kind in ("propose", "counter"):
            reason = check(state, Move(kind, side, package={"?": 0}))
            if reason is not None and reason.startswith("There is no issue"):
                reason = None if state.open_issues() else "No issue is open in this stage."
            out.append(MoveOption(kind, reason is None, reason or ""))
            continue
        reason = check(state, Move(kind, side))
        out.append(MoveOption(kind, reason is None, reason or ""))
    return out


def legal_moves(state: GameState, side: str) -> list[Move]:
    """The legal moves of ``side`` that need no package (accept, argue, adjourn ...).

    Packages are too many to list: :func:`package_space` gives, for each open
    issue, the values the side's mandate allows, and :func:`check` decides.
    """
    moves = []
    for opt in move_options(state, side):
        if opt.allowed and opt.kind not in ("propose", "counter"):
            moves.append(Move(opt.kind, side, argument=opt.argument))
    return moves


def package_space(state: GameState, side: str) -> dict[str, tuple[Value, ...]]:
    """For each open issue, the values ``side`` may put in a package now."""
    mandate = state.mandate_of(side)
    return {
        iid: tuple(v for v in state.c.grid[iid] if within(mandate.bounds.get(iid), v))
        for iid in state.open_issues()
    }


# ----------------------------------------------------------------------------- apply


def apply(state: GameState, move: Move) -> GameState:
    """The state after ``move``. Raises IllegalMoveError (with the reason) if illegal."""
    reason = check(state, move)
    if reason is not None:
        raise IllegalMoveError(reason)
    c = state.c
    log: list[Entry] = []
    side, other = move.side, c.other(move.side)
    who = name_of(c, side)
    state = state.but(ply=state.ply + 1, news=())
    stage0, session0 = state.stage, state.session
    pass_turn = True
    new_session_at: dt.date | None = None

    if move.kind in ("propose", "counter"):
        package, _ = normalise(state, dict(move.package))
        offer = Offer(side, package, state.date)
        state = state.but(offer=offer, offers=state.offers + (offer,))
        log.append(
            _entry(
                state,
                f"move.{move.kind}",
                f"{who} {move.kind}s: {describe(c, package)}.",
                side,
                params={"package": package},
            )
        )
    elif move.kind == "accept":
        assert state.offer is not None
        package = dict(state.offer.package)
        agreed = {**state.agreed, **package}
        agreed = {i.id: agreed[i.id] for i in c.sc.issues if i.id in agreed}
        state = state.but(agreed=agreed, agreed_on=state.date, offer=None)
        log.append(
            _entry(
                state,
                "move.accept",
                f"{who} accepts: {describe(c, package)}.",
                side,
                params={"package": package},
            )
        )
        if not state.open_issues():
            nxt = c.fire(state.stage, "agree", state)
            if nxt is not None:
                state = _enter(state.but(concluded=True), nxt, log)
    elif move.kind == "reject":
        log.append(
            _entry(state, "move.reject", f"{who} rejects the offer of {name_of(c, other)}.", side)
        )
        state = state.but(offer=None)
    elif move.kind == "argue":
        state = _argue(state, side, move.argument or "", log)
    elif move.kind == "instruct":
        state, days = _instruct(state, side, log)
        pass_turn = False
        new_session_at = state.date + dt.timedelta(days=days)
    elif move.kind == "adjourn":
        # The side that adjourns opens the next session only if it owes an answer.
        pass_turn = not (state.offer is not None and state.offer.by == other)
        new_session_at = move.until or state.date + dt.timedelta(
            days=c.stages[state.stage].session_days
        )
        log.append(
            _entry(
                state,
                "move.adjourn",
                f"{who} adjourns the session; next meeting {show(new_session_at)}.",
                side,
            )
        )
    elif move.kind == "break_off":
        log.append(_entry(state, "move.break_off", f"{who} breaks off the talks.", side))
        nxt = c.fire(state.stage, "break_off", state)
        if nxt is not None:
            state = _enter(state, nxt, log)
        else:
            state = _end(state, Termination.BROKEN_OFF, f"{who} broke off the talks.", log)

    if state.outcome is None and pass_turn and (state.stage == stage0 or not _opens(state)):
        state = state.but(to_move=other)
    if state.outcome is None:
        state = _settle(state, log)
        if state.outcome is None and state.session == session0:
            moves = state.session_moves + 1
            if new_session_at is None and moves >= c.sc.calendar.moves_per_session:
                new_session_at = state.date + dt.timedelta(days=c.stages[state.stage].session_days)
            if new_session_at is not None:
                state = _next_session(state, new_session_at, log)
            else:
                state = state.but(session_moves=moves)
    return state.but(news=tuple(log))


def _opens(state: GameState) -> str | None:
    c = state.c
    chain = c.stages[state.stage].ancestors + (state.stage,)
    return next((c.stages[s].stage.opens for s in reversed(chain) if c.stages[s].stage.opens), None)


def _next_session(state: GameState, when: dt.date, log: list[Entry]) -> GameState:
    session = state.session
    state = _advance(state, when, log)
    if state.outcome is None and state.session == session:
        state = state.but(session=session + 1, session_moves=0, asked=frozenset())
        log.append(_entry(state, "session", f"Session of {show(state.date)}."))
    return _settle(state, log) if state.outcome is None else state


def describe(c: Compiled, package: dict[str, Value] | Any) -> str:
    """A package in words: 'Oil share 50%, Evacuation by 15 May 1925'."""
    return ", ".join(
        f"{c.issues[k].name.get()} {_value_name(c, k, v)}" for k, v in dict(package).items()
    )


def _value_name(c: Compiled, iid: str, value: Value) -> str:
    issue = c.issues[iid]
    return kind_of(issue).show(issue, value)


def _entry(
    state: GameState,
    code: str,
    message: str,
    side: str | None = None,
    ref: str | None = None,
    params: dict[str, Any] | None = None,
) -> Entry:
    return Entry(state.date, code, message, side, ref, params or {})


def _argue(state: GameState, side: str, arg_id: str, log: list[Entry]) -> GameState:
    arg = state.c.arguments[arg_id]
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
    log.append(_entry(state, "argument", message, side, arg.id, {"landed": ok, "text": text}))
    if ok:
        state = _effects(state, arg.effects, log)
    return state


def pending_instructions(state: GameState, side: str) -> list[m.Instruction]:
    """The instructions ``side``'s government could send if asked now."""
    return [
        ins
        for ins in state.c.parties[side].instructions
        if (not ins.once or state.used.get(f"instruction:{ins.id}", 0) == 0)
        and (ins.when is None or holds(ins.when, state))
    ]


def _instruct(state: GameState, side: str, log: list[Entry]) -> tuple[GameState, int]:
    party = state.c.parties[side]
    state = state.but(asked=state.asked | {side})
    options = pending_instructions(state, side)
    home = party.home.get() if party.home else name_of(state.c, side)
    if not options:
        log.append(_entry(state, "instructions.none", f"{home}: no new instructions.", side))
        return state, party.no_instructions_days
    index = (
        rng.pick(state.seed, state.draws, [i.weight for i in options]) if len(options) > 1 else 0
    )
    state = state.but(draws=state.draws + (1 if len(options) > 1 else 0))
    ins = options[index]
    key = f"instruction:{ins.id}"
    state = state.but(used={**state.used, key: state.used.get(key, 0) + 1})
    log.append(
        _entry(state, "instructions", f"{home} sends instructions: {ins.text.get()}", side, ins.id)
    )
    return _effects(state, ins.effects, log), ins.days


def _effects(
    state: GameState, effects: tuple[m.Effect, ...], log: list[Entry], on: dt.date | None = None
) -> GameState:
    at = len(log)
    state = _apply_effects(state, effects, log)
    if on is not None:
        log[at:] = [replace(e, date=on) for e in log[at:]]
    return state


def _apply_effects(state: GameState, effects: tuple[m.Effect, ...], log: list[Entry]) -> GameState:
    for e in effects:
        if e.mandate is not None:
            state = state.but(mandates={**state.mandates, e.mandate.party: e.mandate.set})
            mandate = next(
                x for x in state.c.parties[e.mandate.party].mandates if x.id == e.mandate.set
            )
            log.append(
                _entry(
                    state,
                    "mandate",
                    f"New mandate for {name_of(state.c, e.mandate.party)}: {mandate.name.get()}.",
                    e.mandate.party,
                    mandate.id,
                )
            )
        elif e.weight is not None:
            key = (e.weight.party, e.weight.issue)
            state = state.but(
                weight_shift={
                    **state.weight_shift,
                    key: state.weight_shift.get(key, 0.0) + e.weight.by,
                },
            )
        elif e.flag is not None:
            state = state.but(flags=state.flags | {e.flag})
        elif e.unflag is not None:
            state = state.but(flags=state.flags - {e.unflag})
        else:
            for what in ("reservation", "delay_cost", "concession"):
                shift = getattr(e, what)
                if shift is not None:
                    key2 = (shift.party, what)
                    state = state.but(
                        party_shift={
                            **state.party_shift,
                            key2: state.party_shift.get(key2, 0.0) + shift.by,
                        },
                    )
    return state


# ----------------------------------------------------------------------------- time


def _events_until(state: GameState, day: dt.date, log: list[Entry]) -> GameState:
    """Fire the dated events up to ``day`` in date order (the calendar is not moved)."""
    for ev in _due(state, day):
        state = _fire_event(state, ev, log)
    return state


def _due(state: GameState, day: dt.date) -> list[m.Event]:
    return sorted(
        (
            e
            for e in state.c.sc.events
            if e.date is not None and e.date <= day and e.id not in state.fired
        ),
        key=lambda e: e.date or day,
    )


def _walk_to(state: GameState, day: dt.date, log: list[Entry]) -> tuple[GameState, bool]:
    """Move the calendar to ``day`` event by event; stop early where an event
    makes an ``auto`` transition fire (then the new stage has been entered)."""
    for ev in _due(state, day):
        if ev.date is not None and ev.date > state.date:
            state = state.but(date=ev.date)
        state = _fire_event(state, ev, log)
        nxt = state.c.fire(state.stage, "auto", state)
        if nxt is not None:
            return _enter(state, nxt, log), True
    return state.but(date=max(state.date, day)), False


def _fire_event(state: GameState, ev: m.Event, log: list[Entry]) -> GameState:
    state = state.but(fired=state.fired | {ev.id})
    when = ev.date if ev.date is not None else state.date
    log.append(Entry(when, "event", ev.headline.get(), None, ev.id, {"kind": ev.kind}))
    return _effects(state, ev.effects, log, when)


def stage_deadline(state: GameState) -> dt.date | None:
    """When the current stage's time is up (its own or an enclosing stage's)."""
    info = state.c.stages[state.stage]
    best: dt.date | None = None
    for sid in info.ancestors + (state.stage,):
        stage = state.c.stages[sid].stage
        candidates = [stage.until] if stage.until else []
        if stage.days is not None and sid in state.entered:
            candidates.append(state.entered[sid] + dt.timedelta(days=stage.days))
        for d in candidates:
            if best is None or d < best:
                best = d
    return best


def _advance(state: GameState, target: dt.date, log: list[Entry]) -> GameState:
    deadline = stage_deadline(state)
    if deadline is not None and deadline < target:
        return _timeout(state, deadline, log)
    cal = state.c.sc.calendar.deadline
    if target > cal and not state.concluded:
        state, moved = _walk_to(state, cal, log)
        if moved:
            return state
        return _end(state, Termination.DEADLINE, f"No agreement by {show(cal)}.", log)
    state, _ = _walk_to(state, target, log)
    return state


def _timeout(state: GameState, when: dt.date, log: list[Entry]) -> GameState:
    cal = state.c.sc.calendar.deadline
    if when > cal and not state.concluded:
        return _advance(state, when, log)
    stage = state.stage
    state, moved = _walk_to(state, when, log)
    if moved or state.stage != stage:
        return state
    nxt = state.c.fire(state.stage, "timeout", state)
    if nxt is not None:
        return _enter(state, nxt, log)
    return state


def _enter(state: GameState, target: str, log: list[Entry]) -> GameState:
    c = state.c
    leaf = c.leaf_of(target)
    info = c.stages[leaf]
    chain = info.ancestors + (leaf,)
    old = c.stages[state.stage].ancestors + (state.stage,) if state.entered else ()
    day = state.date
    for sid in chain:
        start = c.stages[sid].stage.start
        if start is not None and start > day:
            day = start
    state = _events_until(state, day, log)
    entered = {
        sid: (state.entered[sid] if sid in old and sid in state.entered and sid != target else day)
        for sid in chain
    }
    opens = next(
        (c.stages[s].stage.opens for s in reversed(chain) if c.stages[s].stage.opens), None
    )
    state = state.but(
        date=max(state.date, day),
        stage=leaf,
        entered=entered,
        session=state.session + 1,
        session_moves=0,
        offer=None,
        asked=frozenset(),
        to_move=opens or state.to_move,
        milestones=state.milestones + ((leaf, max(state.date, day)),),
    )
    log.append(_entry(state, "stage", f"{info.stage.name.get()}.", ref=leaf))
    if info.stage.end is not None:
        return _end(state, Termination(info.stage.end), info.stage.name.get(), log)
    return state


def _end(state: GameState, how: Termination, reason: str, log: list[Entry]) -> GameState:
    day = state.agreed_on if how is Termination.SIGNED and state.agreed_on else state.date
    outcome = Outcome(how, day, dict(state.agreed), state.stage, reason, state.milestones)
    log.append(
        _entry(
            state,
            "end",
            f"The talks end: {how.value.replace('_', ' ')} ({reason}).",
            params={"termination": how.value},
        )
    )
    return state.but(outcome=outcome, offer=None)


def _settle(state: GameState, log: list[Entry]) -> GameState:
    """Fire condition events and automatic transitions; pass through stages without moves."""
    c = state.c
    for _ in range(_MAX_SETTLE):
        if state.outcome is not None:
            return state
        pending = [
            e
            for e in c.sc.events
            if e.id not in state.fired
            and e.date is None
            and e.when is not None
            and holds(e.when, state)
        ]
        for ev in pending:
            state = _fire_event(state, ev, log)
        nxt = c.fire(state.stage, "auto", state)
        if nxt is not None:
            state = _enter(state, nxt, log)
            continue
        if not c.stages[state.stage].moves:
            deadline = stage_deadline(state)
            stage = state.stage
            if deadline is None:
                return _end(state, Termination.NO_AGREEMENT, "The talks stalled.", log)
            state = _timeout(state, max(deadline, state.date), log)
            if state.stage == stage and state.outcome is None:
                return _end(state, Termination.NO_AGREEMENT, "The talks stalled.", log)
            continue
        if not pending:
            return state
    return _end(state, Termination.NO_AGREEMENT, "The stage graph loops without end.", log)
