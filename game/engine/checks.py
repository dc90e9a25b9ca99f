"""What the move handlers check and say: turns, mandates, packages, arguments.

Each function returns a :class:`~game.engine.messages.Msg` (the reason a move
is illegal, with its code) or None; nothing here changes a state.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from game.engine.compiled import Compiled
from game.engine.conditions import holds
from game.engine.messages import Msg
from game.engine.moves import MoveKind
from game.engine.space import Value
from game.engine.state import GameState
from game.scenario import model as m
from game.scenario.kinds import kind_of, unit_of
from game.scenario.values import show


def name_of(c: Compiled, side: str) -> str:
    return c.parties[side].name.get()


def turn_problem(state: GameState, side: str, kind: MoveKind) -> Msg | None:
    """Why ``side`` may make no ``kind`` move now, whatever its details; or None."""
    c = state.c
    if state.outcome is not None:
        return Msg("over", "The talks are over.")
    if side not in c.parties:
        return Msg("no_side", f"There is no side '{side}'.", side=side)
    if side != state.to_move:
        return Msg(
            "not_turn",
            f"It is not your turn: {name_of(c, state.to_move)} is to move.",
            side=state.to_move,
        )
    if kind not in c.stages[state.stage].moves:
        stage = c.stages[state.stage].stage.name.get()
        return Msg(
            "not_in_stage",
            f"'{kind}' is not possible in this stage ({stage}).",
            kind=kind,
            stage=state.stage,
        )
    return None


def offer_from(state: GameState, side: str) -> bool:
    """Whether the offer on the table is ``side``'s."""
    return state.offer is not None and state.offer.by == side


def owes_answer(state: GameState, side: str) -> bool:
    """Whether an offer on the table is addressed to ``side`` and waits for its answer."""
    return state.offer is not None and side in state.offer.waiting


def next_at_table(state: GameState, side: str) -> str:
    """The party at the table whose turn comes after ``side``'s (the scenario's order, cyclically)."""
    order, table = state.c.order, state.table
    start = order.index(side) if side in order else -1
    for step in range(1, len(order) + 1):
        party = order[(start + step) % len(order)]
        if party in table:
            return party
    return side


def seated(state: GameState, side: str) -> str:
    """``side`` if it sits at the table, else the next party that does."""
    return side if side in state.table else next_at_table(state, side)


def addressees(state: GameState, by: str) -> tuple[str, ...]:
    """Whom an offer by ``by`` is addressed to: every signatory at the table but ``by``."""
    c = state.c
    return tuple(p for p in state.table if p != by and not c.is_mediator(p))


def absent_signatories(state: GameState) -> tuple[str, ...]:
    """The signatories that do not sit at the table in this stage."""
    table = state.table
    return tuple(p for p in state.c.signatories if p not in table)


def names(c: Compiled, sides: tuple[str, ...] | list[str]) -> str:
    """Parties' names joined in words: 'A', 'A and B', 'A, B and C'."""
    said = [name_of(c, s) for s in sides]
    return said[0] if len(said) == 1 else ", ".join(said[:-1]) + " and " + said[-1]


def no_answer_owed(state: GameState, side: str, counter: bool = False) -> Msg | None:
    """Why ``side`` has no offer to answer (accept, reject, or counter with ``counter``), or None."""
    if owes_answer(state, side):
        return None
    c = state.c
    others = tuple(p for p in state.table if p != side)
    if len(others) == 1 and not c.is_mediator(side):
        other = others[0]
        if counter:
            return Msg(
                "no_offer_to_counter",
                f"There is no offer from {name_of(c, other)} to counter.",
                side=other,
            )
        return Msg(
            "no_offer", f"There is no offer from {name_of(c, other)} on the table.", side=other
        )
    if c.is_mediator(side) and not counter:
        return Msg(
            "mediator_answers",
            "A mediator proposes and argues; it does not accept or reject offers.",
        )
    if state.offer is not None and side in state.offer.accepted:
        return Msg(
            "accepted_already",
            "You have accepted the offer on the table; the others' answers are awaited.",
        )
    if counter:
        return Msg("nothing_to_counter", "There is no offer addressed to you to counter.")
    return Msg("no_offer_to_you", "There is no offer addressed to you on the table.")


def links_problem(
    state: GameState, package: dict[str, Value], links: tuple[tuple[str, ...], ...]
) -> Msg | None:
    """Why ``links`` do not tie clauses of ``package`` (each group two or more of its
    issues, no issue in two groups), or None."""
    c = state.c
    seen: set[str] = set()
    for group in links:
        if len(set(group)) < 2:
            return Msg("link_short", "A link ties at least two clauses of the offer.")
        for iid in group:
            if iid not in package:
                what = c.issues[iid].name.get() if iid in c.issues else f"'{iid}'"
                return Msg(
                    "link_outside",
                    f"{what} is linked but is not a clause of the offer.",
                    issue=iid,
                )
            if iid in seen:
                return Msg(
                    "link_twice",
                    f"{c.issues[iid].name.get()} is in two links: a clause is linked once.",
                    issue=iid,
                )
        seen.update(group)
    return None


def bound_text(bound: m.Bound, issue: m.Issue | None = None) -> str:
    """A mandate bound in English words; with its issue, options by their names and
    numbers with their unit (never an option's id)."""

    def said(value: Value) -> str:
        return kind_of(issue).show(issue, value) if issue is not None else show(value)

    parts = []
    if bound.allow is not None:
        names = [said(a) for a in bound.allow]
        parts.append(
            names[0] if issue is not None and len(names) == 1 else "only " + ", ".join(names)
        )
    if bound.min is not None:
        parts.append(f"at least {said(bound.min)}")
    if bound.max is not None:
        parts.append(f"at most {said(bound.max)}")
    if bound.min_days == 0:
        parts.append("not before the day of signing")
    elif bound.min_days is not None:
        parts.append(f"at least {days_text(bound.min_days)} after the day of signing")
    if bound.max_days is not None:
        parts.append(f"at most {days_text(bound.max_days)} after the day of signing")
    return " and ".join(parts) or "free"


def days_text(days: int) -> str:
    return "1 day" if days == 1 else f"{days} days"


def within(bound: m.Bound | None, value: Value, today: dt.date | None = None) -> bool:
    """Whether a mandate bound allows ``value`` on the day ``today``.

    ``min_days`` / ``max_days`` bound a date relative to ``today``; without a
    day (a question about the mandate in general) they are not applied.
    """
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
    if today is not None and isinstance(value, dt.date):
        days = (value - today).days
        if bound.min_days is not None and days < bound.min_days:
            return False
        if bound.max_days is not None and days > bound.max_days:
            return False
    return True


def mandate_problem(
    state: GameState, side: str, package: dict[str, Value], whose: str
) -> Msg | None:
    """Why ``package`` lies outside ``side``'s current mandate, or None."""
    mandate = state.mandate_of(side)
    for iid, value in package.items():
        bound = mandate.bounds.get(iid)
        if not within(bound, value, state.date):
            assert bound is not None
            issue = state.c.issues[iid]
            return Msg(
                "outside_mandate_" + ("yours" if whose == "your" else "theirs"),
                f"{issue.name.get()} {show(value, unit_of(issue))} is outside {whose} mandate "
                f"({name_of(state.c, side)}, {mandate.name.get()}: {bound_text(bound, issue)})",
                issue=iid,
                value=value,
                side=side,
                mandate=mandate.id,
            )
    return None


def normalise(state: GameState, package: Any) -> tuple[dict[str, Value], Msg | None]:
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
                    f"{issue.name.get()} is already agreed ({show(state.agreed[iid], unit_of(issue))}).",
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


def argument_problem(state: GameState, side: str, arg_id: str | None) -> Msg | None:
    """Why ``side`` may not make argument ``arg_id`` now, or None."""
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


def pending_instructions(state: GameState, side: str) -> list[m.Instruction]:
    """The instructions ``side``'s government could send if asked now."""
    return [
        ins
        for ins in state.c.parties[side].instructions
        if (not ins.once or state.used.get(f"instruction:{ins.id}", 0) == 0)
        and (ins.when is None or holds(ins.when, state))
    ]


def describe(c: Compiled, package: dict[str, Value] | Any) -> str:
    """A package in words: 'Oil share 50%, Evacuation by 15 May 1925'."""
    return ", ".join(
        f"{c.issues[k].name.get()} {_value_name(c, k, v)}" for k, v in dict(package).items()
    )


def _value_name(c: Compiled, iid: str, value: Value) -> str:
    issue = c.issues[iid]
    return kind_of(issue).show(issue, value)
