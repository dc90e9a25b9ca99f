"""Utilities between the game (``LinearUtility`` over an ``OutcomeSpace``) and NegMAS."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from negmas import make_issue
from negmas.outcomes import make_os
from negmas.preferences import LinearAdditiveUtilityFunction
from negmas.preferences.value_fun import TableFun

from game.engine.space import IssueSpace, LinearUtility, OutcomeSpace, Value

__all__ = ["from_negmas", "label", "to_negmas"]


def label(value: Value) -> str:
    """A game value as a NegMAS issue value (NegMAS issues hold strings here)."""
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def to_negmas(utility: LinearUtility, name: str | None = None) -> LinearAdditiveUtilityFunction:
    """The NegMAS twin of a game utility: same issues (values as :func:`label`), same numbers."""
    space = utility.space
    issues = [make_issue([label(v) for v in i.values], i.id) for i in space.issues]
    values = [
        TableFun({label(v): float(x) for v, x in zip(i.values, table, strict=True)})
        for i, table in zip(space.issues, utility.tables, strict=True)
    ]
    return LinearAdditiveUtilityFunction(
        values=values,
        weights=[float(w) for w in utility.weights],
        bias=float(utility.offset),
        outcome_space=make_os(issues),
        reserved_value=float(utility.reservation),
        name=name,
    )


def _inner(ufun: Any) -> Any:
    while hasattr(ufun, "ufun") and not hasattr(ufun, "weights"):
        ufun = ufun.ufun
    return ufun


def from_negmas(ufun: Any, issues: Any) -> LinearUtility:
    """A game utility from a NegMAS linear-additive one over discrete ``issues``.

    Discounting wrappers are looked through (the game's AI plans on relative
    time itself). A reserved value of ``None`` or ``-inf`` becomes ``-inf``.

    Raises:
        TypeError: the utility is not linear-additive, or an issue is not discrete.
    """
    inner = _inner(ufun)
    if not isinstance(inner, LinearAdditiveUtilityFunction):
        raise TypeError(
            f"Treaty Table's AI needs a linear-additive utility, not {type(inner).__name__}"
        )
    space_issues = []
    tables = []
    for issue, fun in zip(issues, inner.values, strict=True):
        if not issue.is_discrete():
            raise TypeError(f"issue '{issue.name}' is not discrete; discretize it first")
        values = tuple(issue.all)
        space_issues.append(IssueSpace(str(issue.name), values))
        tables.append(tuple(float(fun(v)) for v in values))
    rv = ufun.reserved_value
    reservation = float(rv) if rv is not None and not math.isnan(float(rv)) else float("-inf")
    return LinearUtility(
        OutcomeSpace(tuple(space_issues)),
        tuple(float(w) for w in inner.weights),
        tuple(tables),
        reservation,
        float(getattr(inner, "_bias", 0.0) or 0.0),
    )
