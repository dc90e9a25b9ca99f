"""Time and stages: the calendar, events and their effects, entering and leaving stages,
sessions, and the end of the talks.

The move handlers (:mod:`game.engine.movekinds`) and :func:`game.engine.rules.apply`
call these between moves; each takes a state and the log of the move being
applied, and returns the new state.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from game.engine.checks import name_of, seated
from game.engine.conditions import holds
from game.engine.moves import Entry, Outcome, Termination
from game.engine.state import GameState
from game.scenario import model as m
from game.scenario.values import show

_MAX_SETTLE = 500
YEARS_AFTER_DEADLINE = 10
"""After a deal, the calendar runs at most this many years past the deadline (then the
game ends, signed): stages after a deal cannot run the calendar out of its range."""


def entry(
    state: GameState,
    code: str,
    message: str,
    side: str | None = None,
    ref: str | None = None,
    params: dict[str, Any] | None = None,
) -> Entry:
    """A line of the record, dated on the state's day."""
    return Entry(state.date, code, message, side, ref, params or {})


def take_effect(
    state: GameState, effects: tuple[m.Effect, ...], log: list[Entry], on: dt.date | None = None
) -> GameState:
    """Apply ``effects`` (of an event, an instruction, an argument); their entries dated ``on``."""
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
                entry(
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


def opener(state: GameState) -> str | None:
    """The side that opens the sessions of the current stage, if the stage says."""
    c = state.c
    chain = c.stages[state.stage].ancestors + (state.stage,)
    return next((c.stages[s].stage.opens for s in reversed(chain) if c.stages[s].stage.opens), None)


def next_session(state: GameState, when: dt.date, log: list[Entry]) -> GameState:
    """Move the calendar to the next session on ``when`` (or as far as the stage lets it)."""
    session, day = state.session, state.date
    state = _advance(state, when, log)
    if state.outcome is None and state.session == session:
        # a new session on the same day (a reply that took no days) is no time to ask again
        asked = frozenset() if state.date > day else state.asked
        state = state.but(session=session + 1, session_moves=0, asked=asked)
        log.append(entry(state, "session", f"Session of {show(state.date)}."))
    return settle(state, log) if state.outcome is None else state


def events_until(state: GameState, day: dt.date, log: list[Entry]) -> GameState:
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
            return enter(state, nxt, log), True
    return state.but(date=max(state.date, day)), False


def _fire_event(state: GameState, ev: m.Event, log: list[Entry]) -> GameState:
    state = state.but(fired=state.fired | {ev.id})
    when = ev.date if ev.date is not None else state.date
    log.append(Entry(when, "event", ev.headline.get(), None, ev.id, {"kind": ev.kind}))
    return take_effect(state, ev.effects, log, when)


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
        return end(state, Termination.DEADLINE, f"No agreement by {show(cal)}.", log)
    last = _last_day(cal)
    if target > last:
        state, moved = _walk_to(state, last, log)
        if moved:
            return state
        reason = f"The record of the talks ends {YEARS_AFTER_DEADLINE} years after the deadline."
        return end(state, Termination.SIGNED, reason, log)
    state, _ = _walk_to(state, target, log)
    return state


def _last_day(deadline: dt.date) -> dt.date:
    """The last day the calendar may reach after a deal (dates in a scenario end in 8999)."""
    return deadline + dt.timedelta(days=round(365.25 * YEARS_AFTER_DEADLINE))


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
        return enter(state, nxt, log)
    return state


def enter(state: GameState, target: str, log: list[Entry]) -> GameState:
    """Enter stage ``target`` (its initial sub-stage, recursively): a new session."""
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
    state = events_until(state, day, log)
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
        milestones=state.milestones + ((leaf, max(state.date, day)),),
    )
    state = state.but(to_move=seated(state, opens or state.to_move))
    log.append(entry(state, "stage", f"{info.stage.name.get()}.", ref=leaf))
    if info.stage.end is not None:
        return end(state, Termination(info.stage.end), info.stage.name.get(), log)
    return state


def treaty_dates(state: GameState) -> dict[str, dt.date | None]:
    """The treaty's milestones reached so far: ``signed``, ``ratified`` and
    ``registered``, each the day the first stage marked with it was entered."""
    c = state.c
    out: dict[str, dt.date | None] = {"signed": None, "ratified": None, "registered": None}
    for leaf, day in state.milestones:
        for sid in c.stages[leaf].ancestors + (leaf,):
            mark = c.stages[sid].stage.milestone
            if mark is not None and out[mark] is None:
                out[mark] = day
    return out


def end(state: GameState, how: Termination, reason: str, log: list[Entry]) -> GameState:
    """End the talks: the outcome, and its line in the record."""
    signed = how is Termination.SIGNED
    day = state.agreed_on if signed and state.agreed_on else state.date
    dates = treaty_dates(state)
    if signed and dates["signed"] is None and "signed" not in state.c.marks:
        dates["signed"] = day
    outcome = Outcome(
        how,
        day,
        state.agreed,
        state.stage,
        reason,
        state.milestones,
        agreed_on=state.agreed_on if state.concluded else None,
        signed_on=dates["signed"],
        ratified_on=dates["ratified"],
        registered_on=dates["registered"],
        clauses=tuple(state.clauses.values()),
        side_agreements=state.side_deals,
    )
    log.append(
        entry(
            state,
            "end",
            f"The talks end: {how.value.replace('_', ' ')} ({reason}).",
            params={"termination": how.value},
        )
    )
    return state.but(outcome=outcome, offer=None)


def settle(state: GameState, log: list[Entry]) -> GameState:
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
            state = enter(state, nxt, log)
            continue
        if not c.stages[state.stage].moves:
            deadline = stage_deadline(state)
            stage = state.stage
            if deadline is None:
                return end(state, Termination.NO_AGREEMENT, "The talks stalled.", log)
            state = _timeout(state, max(deadline, state.date), log)
            if state.stage == stage and state.outcome is None:
                return end(state, Termination.NO_AGREEMENT, "The talks stalled.", log)
            continue
        if not pending:
            return state
    return end(state, Termination.NO_AGREEMENT, "The stage graph loops without end.", log)
