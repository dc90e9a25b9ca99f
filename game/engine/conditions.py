"""Deciding scenario conditions (structured YAML) in a game state."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from game.scenario import model as m

if TYPE_CHECKING:
    from game.engine.state import GameState


def holds(cond: m.Condition, state: GameState) -> bool:
    """Whether ``cond`` is true in ``state``."""
    if cond.all_ is not None:
        return all(holds(c, state) for c in cond.all_)
    if cond.any_ is not None:
        return any(holds(c, state) for c in cond.any_)
    if cond.not_ is not None:
        return not holds(cond.not_, state)
    if cond.fired is not None:
        return cond.fired in state.fired
    if cond.after is not None:
        return state.date >= cond.after
    if cond.before is not None:
        return state.date < cond.before
    if cond.agreed is not None:
        return cond.agreed in state.agreed
    if cond.term is not None:
        return _term(cond.term, state.agreed.get(cond.term.issue))
    if cond.stage is not None:
        info = state.c.stages[state.stage]
        return cond.stage == state.stage or cond.stage in info.ancestors
    if cond.flag is not None:
        return cond.flag in state.flags
    if cond.mandate is not None:
        return state.mandates.get(cond.mandate.party) == cond.mandate.is_
    return False


def _term(t: m.TermCondition, value: Any) -> bool:
    if value is None:
        return False
    if t.is_in is not None and value not in t.is_in:
        return False
    if t.min is not None and not _le(t.min, value):
        return False
    return not (t.max is not None and not _le(value, t.max))


def _le(a: Any, b: Any) -> bool:
    if isinstance(a, dt.date) != isinstance(b, dt.date):
        return False
    return bool(a <= b)


def evaluate(cond: m.Condition, ctx: Any) -> bool:
    """Adapter for the stage machine's condition callbacks."""
    return holds(cond, ctx)
