"""What the move handlers check and say: turns, mandates, packages, arguments.

Each function returns a :class:`~game.engine.messages.Msg` (the reason a move
is illegal, with its code) or None; nothing here changes a state.
"""

from __future__ import annotations

from typing import Any

from game.engine.compiled import Compiled
from game.engine.conditions import holds
from game.engine.messages import Msg
from game.engine.moves import MoveKind
from game.engine.space import Value
from game.engine.state import GameState
from game.scenario import model as m
from game.scenario.kinds import kind_of
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
) -> Msg | None:
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
