"""Each side's utility of terms, and the view of the table an AI decides on.

A side's utility of a deal is the weighted sum of its value functions over
the agreed terms (an issue left unsettled counts half its weight), minus its
cost of delay per 30 days from the scenario's start to the signing. No deal is
worth the reservation value. A side with a GENIUS discount factor ``d`` has
both (the deal and no deal) multiplied by ``d ** t``, ``t`` the fraction of
the time from the calendar's start to its deadline that has passed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from game.engine.compiled import Compiled
from game.engine.moves import MoveKind, Termination
from game.engine.space import IssueSpace, LinearUtility, OutcomeSpace, SideView, Value
from game.engine.state import GameState

UNSETTLED = 0.5
MONTH_DAYS = 30.0


def weights(state: GameState | None, c: Compiled, side: str) -> dict[str, float]:
    """The side's issue weights now (events and arguments may have shifted them)."""
    base = dict(c.parties[side].preferences.weights)
    if state is not None:
        for (party, iid), by in state.weight_shift.items():
            if party == side:
                base[iid] = min(1.0, max(0.0, base.get(iid, 0.0) + by))
    total = sum(base.values()) or 1.0
    return {k: v / total for k, v in base.items()}


def reservation(state: GameState | None, c: Compiled, side: str) -> float:
    base = c.parties[side].preferences.reservation
    return base + (state.shift(side, "reservation") if state is not None else 0.0)


def delay_cost(state: GameState | None, c: Compiled, side: str) -> float:
    base = c.parties[side].preferences.delay_cost
    return max(0.0, base + (state.shift(side, "delay_cost") if state is not None else 0.0))


def discount_factor(c: Compiled, side: str, on: dt.date) -> float:
    """``d ** t``: what the side's discount leaves of a utility on ``on`` (1 without one)."""
    d = c.parties[side].preferences.discount
    if d is None or d >= 1.0:
        return 1.0
    cal = c.sc.calendar
    t = (on - cal.start).days / max(1, (cal.deadline - cal.start).days)
    return float(d ** min(1.0, max(0.0, t)))


def value_of(c: Compiled, side: str, iid: str, value: Value) -> float:
    """The side's value (0..1) of one issue's value."""
    table = c.tables[side].get(iid)
    if table is None:
        return 0.0
    return table[c.grid[iid].index(value)]


def utility(
    c: Compiled,
    side: str,
    terms: Mapping[str, Value],
    on: dt.date,
    state: GameState | None = None,
) -> float:
    """The side's utility of ``terms`` signed on ``on``."""
    w = weights(state, c, side)
    total = 0.0
    for iid, weight in w.items():
        total += weight * (value_of(c, side, iid, terms[iid]) if iid in terms else UNSETTLED)
    months = max(0, (on - c.sc.calendar.start).days) / MONTH_DAYS
    return total * discount_factor(c, side, on) - delay_cost(state, c, side) * months


def outcome_utility(state: GameState, side: str) -> float:
    """The side's utility of how the game ended (reservation value without a deal)."""
    out = state.outcome
    if out is None or out.termination is not Termination.SIGNED:
        on = out.date if out is not None else state.date
        return reservation(state, state.c, side) * discount_factor(state.c, side, on)
    return utility(state.c, side, out.terms, out.date, state)


def relative_time(state: GameState, side: str | None = None) -> float:
    """Time in [0, 1] from the start to the side's horizon (else the calendar's deadline)."""
    cal = state.c.sc.calendar
    horizon = state.c.parties[side].persona.horizon if side is not None else None
    end = horizon if horizon is not None and horizon > cal.start else cal.deadline
    span = max(1, (end - cal.start).days)
    return min(1.0, max(0.0, (state.date - cal.start).days / span))


def _allowed_indices(grid: tuple[Value, ...], allowed: tuple[Value, ...]) -> frozenset[int]:
    """Indices of the grid's values that are among ``allowed`` (one set, built once)."""
    if len(allowed) == len(grid):
        return frozenset(range(len(grid)))
    wanted = set(allowed)
    return frozenset(k for k, v in enumerate(grid) if v in wanted)


def side_view(state: GameState, side: str) -> SideView:
    """What ``side`` sees at its turn: the open issues as an outcome space, its
    utility over them (agreed issues and delay folded into the offset), what
    its mandate allows, the offers so far."""
    from game.engine.decisions import decided_kinds
    from game.engine.rules import legal_moves, package_space, within

    c = state.c
    open_ids = state.open_issues()
    w = weights(state, c, side)
    space = OutcomeSpace(tuple(IssueSpace(i, c.grid[i]) for i in open_ids))
    tables = tuple(c.tables[side].get(i, tuple(0.0 for _ in c.grid[i])) for i in open_ids)
    offset = 0.0
    for iid, weight in w.items():
        if iid in state.agreed:
            offset += weight * value_of(c, side, iid, state.agreed[iid])
        elif iid not in open_ids:
            offset += weight * UNSETTLED
    months = max(0, (state.date - c.sc.calendar.start).days) / MONTH_DAYS
    # The cost of delay is folded into the reservation value: a deal signed now
    # must be worth that much more before it beats no deal (and the AI's sorted
    # tables stay valid from session to session). A discount shrinks a deal and
    # no deal alike, so it changes no comparison: utilities here are undiscounted.
    delay = delay_cost(state, c, side) * months / discount_factor(c, side, state.date)
    lin = LinearUtility(
        space,
        tuple(w.get(i, 0.0) for i in open_ids),
        tables,
        reservation(state, c, side) + delay,
        offset,
    )
    allowed_values = package_space(state, side)
    allowed = tuple(_allowed_indices(c.grid[i], allowed_values[i]) for i in open_ids)
    offer = state.offer
    theirs = offer.package if offer is not None and side in offer.waiting else None
    mine = next((o.package for o in reversed(state.offers) if o.by == side), None)
    legal = legal_moves(state, side)
    kinds = {mv.kind for mv in legal}
    if open_ids and MoveKind.PROPOSE in c.stages[state.stage].moves:
        kinds.add(MoveKind.PROPOSE)
    party = c.parties[side]
    reopenable = tuple(mv.issue for mv in legal if mv.issue)
    bounds = state.mandate_of(side).bounds if reopenable else {}
    clause_worth = {
        iid: (
            w.get(iid, 0.0) * value_of(c, side, iid, state.agreed[iid]),
            w.get(iid, 0.0)
            * max(
                (
                    value_of(c, side, iid, v)
                    for v in c.grid[iid]
                    if within(bounds.get(iid), v, state.date)
                ),
                default=0.0,
            ),
        )
        for iid in reopenable
        if iid in state.agreed
    }
    return SideView(
        side=side,
        others=c.others(side),
        space=space,
        utility=lin,
        allowed=allowed,
        time=relative_time(state, side),
        their_offer=theirs,
        my_last_offer=mine,
        offers=state.offers,
        legal_kinds=decided_kinds(kinds),
        arguments=tuple(mv.argument for mv in legal if mv.argument),
        can_request_instructions=MoveKind.INSTRUCT in kinds,
        role=party.role,
        table=state.table,
        signatories=c.signatories,
        offer=offer,
        clauses=state.clauses,
        reopenable=reopenable,
        agenda=party.persona.agenda,
        can_pass=MoveKind.PASS in kinds,
        clause_worth=clause_worth,
    )
