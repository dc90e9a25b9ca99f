"""The benchmark domain of ``shared/bench/README.md``, built from plain data.

Five issues, 181,440 outcomes, two parties (JP and SU) with linear additive
utilities. :data:`BENCH_DOMAIN` is the plain-data description (the same shape
a YAML scenario could load into); :func:`build_domain` turns any such dict into
an :class:`OutcomeSpace` and one :class:`LinearUtility` per party.

Value functions are written per issue as ``"increasing"`` / ``"decreasing"``
(linear over the value list, 0 at one end and 1 at the other) or as an
explicit ``{value: utility}`` mapping.

>>> space, utils = build_domain(BENCH_DOMAIN)
>>> space.size
181440
>>> round(utils["JP"].best, 6), round(utils["SU"].reservation, 2)
(1.0, 0.35)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from game.engine.space import IssueSpace, LinearUtility, OutcomeSpace, Value

BENCH_DOMAIN: dict[str, Any] = {
    "issues": [
        {"id": "oil_share", "range": [40, 60]},
        {"id": "evacuation_months", "range": [1, 12]},
        {"id": "term_years", "range": [40, 99]},
        {
            "id": "incident",
            "values": ["no_mention", "regret_expressed", "apology", "apology_and_compensation"],
        },
        {"id": "debts", "values": ["repudiated", "deferred_to_conference", "recognised"]},
    ],
    "parties": {
        "JP": {
            "reservation": 0.30,
            "weights": {
                "oil_share": 0.35,
                "evacuation_months": 0.10,
                "term_years": 0.20,
                "incident": 0.25,
                "debts": 0.10,
            },
            "values": {
                "oil_share": "increasing",
                "evacuation_months": "increasing",
                "term_years": "increasing",
                "incident": {
                    "no_mention": 0.0,
                    "regret_expressed": 0.4,
                    "apology": 0.75,
                    "apology_and_compensation": 1.0,
                },
                "debts": {"repudiated": 0.0, "deferred_to_conference": 0.6, "recognised": 1.0},
            },
        },
        "SU": {
            "reservation": 0.35,
            "weights": {
                "oil_share": 0.25,
                "evacuation_months": 0.35,
                "term_years": 0.15,
                "incident": 0.10,
                "debts": 0.15,
            },
            "values": {
                "oil_share": "decreasing",
                "evacuation_months": "decreasing",
                "term_years": "decreasing",
                "incident": {
                    "no_mention": 1.0,
                    "regret_expressed": 0.85,
                    "apology": 0.4,
                    "apology_and_compensation": 0.0,
                },
                "debts": {"repudiated": 1.0, "deferred_to_conference": 0.8, "recognised": 0.0},
            },
        },
    },
}


def _values(spec: Mapping[str, Any]) -> tuple[Value, ...]:
    if "range" in spec:
        low, high = spec["range"]
        return tuple(range(int(low), int(high) + 1))
    return tuple(spec["values"])


def _table(values: Sequence[Value], spec: Any) -> tuple[float, ...]:
    n = len(values)
    if spec == "increasing":
        return tuple(k / (n - 1) for k in range(n))
    if spec == "decreasing":
        return tuple((n - 1 - k) / (n - 1) for k in range(n))
    return tuple(float(spec[v]) for v in values)


def build_domain(data: Mapping[str, Any]) -> tuple[OutcomeSpace, dict[str, LinearUtility]]:
    """Outcome space and each party's utility from a plain-data domain.

    Args:
        data: A dict shaped like :data:`BENCH_DOMAIN`.

    Returns:
        The space and a mapping party id -> utility.
    """
    space = OutcomeSpace(
        tuple(IssueSpace(str(spec["id"]), _values(spec)) for spec in data["issues"])
    )
    utilities: dict[str, LinearUtility] = {}
    for party, spec in data["parties"].items():
        weights = tuple(float(spec["weights"][issue.id]) for issue in space.issues)
        tables = tuple(_table(issue.values, spec["values"][issue.id]) for issue in space.issues)
        utilities[str(party)] = LinearUtility(space, weights, tables, float(spec["reservation"]))
    return space, utilities


def symmetric_domain(reservation: float = 0.30) -> dict[str, Any]:
    """The symmetric variant: equal weights, SU's value functions mirror JP's.

    Args:
        reservation: Both parties' reservation value.
    """
    jp = BENCH_DOMAIN["parties"]["JP"]
    ids = [spec["id"] for spec in BENCH_DOMAIN["issues"]]
    weights = {issue: 1.0 / len(ids) for issue in ids}
    mirrored: dict[str, Any] = {}
    for issue, spec in jp["values"].items():
        if spec == "increasing":
            mirrored[issue] = "decreasing"
        elif isinstance(spec, Mapping):
            mirrored[issue] = {v: 1.0 - float(u) for v, u in spec.items()}
        else:
            mirrored[issue] = spec
    return {
        "issues": BENCH_DOMAIN["issues"],
        "parties": {
            "JP": {"reservation": reservation, "weights": weights, "values": jp["values"]},
            "SU": {"reservation": reservation, "weights": weights, "values": mirrored},
        },
    }
