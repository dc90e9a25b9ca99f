"""Clauses: agreeing them (as part of the treaty, or as a side agreement), binding
them when the treaty is agreed, and reopening a provisional one.

"Nothing is agreed until everything is agreed": a clause agreed in a stage
whose clauses are ``provisional`` may be reopened until the treaty is agreed
(the ``agree`` transition), when every clause binds.
"""

from __future__ import annotations

from dataclasses import replace

from game.engine.checks import absent_signatories, describe, name_of, names
from game.engine.moves import Clause, Entry, Offer
from game.engine.state import GameState
from game.engine.timeline import enter, entry, take_effect
from game.scenario import model as m
from game.scenario.values import show

__all__ = ["agree", "for_party", "reopen"]


def agree(state: GameState, offer: Offer, log: list[Entry]) -> GameState:
    """Every addressee has accepted ``offer``: its clauses are agreed (a side agreement
    when not every signatory sits at the table); with every open issue agreed, the
    stage's ``agree`` transition fires and the clauses bind."""
    c = state.c
    parties = tuple(p for p in c.signatories if p == offer.by or p in offer.to)
    final = c.stages[state.stage].final
    made = [
        Clause(iid, value, state.date, parties, final, offered_by=offer.by)
        for iid, value in offer.package.items()
    ]
    if absent_signatories(state):
        kept = tuple(
            d for d in state.side_deals if not (d.issue in offer.package and d.parties == parties)
        )
        side = tuple(replace(x, side=True) for x in made)
        log.append(
            entry(
                state,
                "side_agreement",
                f"Side agreement of {names(c, parties)}: {describe(c, offer.package)}.",
                params={"package": offer.package, "parties": parties},
            )
        )
        return state.but(offer=None, side_deals=kept + side)
    agreed = {**state.agreed, **offer.package}
    agreed = {i.id: agreed[i.id] for i in c.sc.issues if i.id in agreed}
    clauses = {**state.clauses, **{x.issue: x for x in made}}
    clauses = {i.id: clauses[i.id] for i in c.sc.issues if i.id in clauses}
    state = state.but(agreed=agreed, clauses=clauses, agreed_on=state.date, offer=None)
    if not state.open_issues():
        nxt = c.fire(state.stage, "agree", state)
        if nxt is not None:
            bound = {k: replace(x, final=True) for k, x in state.clauses.items()}
            state = enter(state.but(concluded=True, clauses=bound), nxt, log)
    return state


def for_party(effects: tuple[m.Effect, ...], side: str) -> tuple[m.Effect, ...]:
    """``effects`` with ``$self`` read as ``side``."""
    out = []
    for e in effects:
        for key in ("mandate", "weight", "reservation", "delay_cost", "concession"):
            sub = getattr(e, key)
            if sub is not None and sub.party == m.SELF:
                e = e.model_copy(update={key: sub.model_copy(update={"party": side})})
        out.append(e)
    return tuple(out)


def reopen(state: GameState, side: str, issue: str, log: list[Entry]) -> tuple[GameState, int]:
    """Take the agreed clause on ``issue`` back to the table at the stage's cost;
    returns the state and the days the reopening costs."""
    c = state.c
    clause = state.clauses[issue]
    agreed = {k: v for k, v in state.agreed.items() if k != issue}
    clauses = {k: v for k, v in state.clauses.items() if k != issue}
    state = state.but(agreed=agreed, clauses=clauses)
    name = c.issues[issue].name.get()
    log.append(
        entry(
            state,
            "move.reopen",
            f"{name_of(c, side)} reopens {name} (agreed {show(clause.date)}).",
            side,
            params={"issue": issue, "agreed": clause.date},
        )
    )
    cost = c.stages[state.stage].reopen
    if cost is None:
        return state, 0
    return take_effect(state, for_party(cost.effects, side), log), cost.days
