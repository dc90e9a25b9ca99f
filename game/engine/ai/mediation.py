"""The AI mediator's compromise: near the Nash (or Kalai–Smorodinsky) point of its
estimates of the signatories' utilities.

A mediator knows no party's utility. It estimates each signatory's from the positions
that party has stated (its offers, whole or partial): the issue weights of a frequency
model (what a party keeps from one offer to the next is what it cares about) and, on
each issue, values that fall off linearly from the positions it has stated. It proposes, among the packages that lie within the range of the positions
stated on each issue (a compromise between them, never beyond what any party asked
for), the one with the largest product of the estimated utilities (**Nash**), or the
one whose smallest share of each party's best estimate is largest (**Kalai–Smorodinsky**,
``method="kalai"``). On an issue where nobody has stated a position every value is
open. It says why: the balance it sought, and on which issue each party has its way.

Small ranges are searched whole (up to :data:`EXACT` packages); larger ones by
coordinate ascent from the middle of the ranges (one issue at a time, to a fixed
point), which finds the best package of an additive product up to a local optimum.

>>> from game.engine.space import IssueSpace, OutcomeSpace
>>> space = OutcomeSpace((IssueSpace("rent", (10, 20, 30)), IssueSpace("port", ("open", "shut"))))
>>> said = {"a": [{"rent": 30, "port": "open"}, {"rent": 30, "port": "shut"}],
...         "b": [{"rent": 10, "port": "open"}, {"rent": 20, "port": "open"}]}
>>> compromise(space, said).package
{'rent': 30, 'port': 'open'}
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from game.engine.ai.opponent import FrequencyModel
from game.engine.analytics import FloatArray
from game.engine.space import OutcomeSpace, Package, Value

__all__ = ["EXACT", "METHODS", "Compromise", "compromise"]

EXACT = 200_000
"""Ranges with at most this many packages are searched whole."""
METHODS = ("nash", "kalai")
_FLOOR = 1e-9


@dataclass(frozen=True)
class Compromise:
    """A mediator's proposal and why.

    Attributes:
        package: The proposal (every issue of the space).
        estimates: Each signatory's estimated utility of it (0–1, by the mediator's model).
        has_its_way: For each signatory, the issue on which the proposal comes closest to
            what it asked for, against the others (``None`` if none stands out).
        method: ``"nash"`` or ``"kalai"``.
    """

    package: dict[str, Value]
    estimates: dict[str, float]
    has_its_way: dict[str, str | None]
    method: str = "nash"


def _models(space: OutcomeSpace, said: Mapping[str, Sequence[Package]]) -> dict[str, FloatArray]:
    """Each party's estimated weighted value of every value: the frequency model's issue
    weights, and values that fall off linearly from the positions it has stated (each
    issue's values taken in their order: the scenario's order of options, numbers, dates),
    as a mediator reads them; flat where it has stated none."""
    sizes = [len(i.values) for i in space.issues]
    ratings: dict[str, FloatArray] = {}
    for party, packages in said.items():
        model = FrequencyModel(sizes)
        rows = np.array(
            [
                [i.positions.get(p[i.id], -1) if i.id in p else -1 for i in space.issues]
                for p in packages
            ],
            dtype=np.intp,
        ).reshape(len(packages), len(sizes))
        if rows.shape[0]:
            model.observe_many(rows)
        weights = model.weights()
        parts = []
        for i, n in enumerate(sizes):
            stated = rows[:, i][rows[:, i] >= 0]
            if stated.shape[0] == 0 or n == 1:
                values = np.ones(n)
            else:
                k = np.arange(n)
                near = 1.0 - np.abs(k[:, None] - stated[None, :]) / (n - 1)
                values = near.sum(axis=1)
                values = values / values.max()
            parts.append(weights[i] * values)
        ratings[party] = np.concatenate(parts) if parts else np.zeros(0)
    return ratings


def _ranges(space: OutcomeSpace, said: Mapping[str, Sequence[Package]]) -> list[list[int]]:
    """Per issue, the value indices between the lowest and the highest position stated."""
    out: list[list[int]] = []
    for issue in space.issues:
        stated = [
            issue.positions[p[issue.id]]
            for packages in said.values()
            for p in packages
            if issue.id in p and p[issue.id] in issue.positions
        ]
        if stated:
            out.append(list(range(min(stated), max(stated) + 1)))
        else:
            out.append(list(range(len(issue.values))))
    return out


def compromise(
    space: OutcomeSpace, said: Mapping[str, Sequence[Package]], method: str = "nash"
) -> Compromise:
    """The mediator's compromise over ``space`` from the positions each signatory has
    stated (``said``: party -> its recent offers, oldest first).

    Raises:
        ValueError: an unknown ``method``.
    """
    if method not in METHODS:
        raise ValueError(f"unknown compromise {method!r}; use one of {list(METHODS)}")
    ratings = _models(space, said)
    ranges = _ranges(space, said)
    starts = np.cumsum([0] + [len(i.values) for i in space.issues])[:-1].tolist()
    parties = list(ratings)
    # each party's estimate, issue by issue, over the range
    parts = [[ratings[p][starts[i] + np.array(r)] for i, r in enumerate(ranges)] for p in parties]
    best = [sum(float(x.max()) for x in per) or 1.0 for per in parts]
    size = int(np.prod([len(r) for r in ranges]))
    if size <= EXACT:
        pick = _exact(parts, best, method, [len(r) for r in ranges])
    else:
        pick = _ascent(parts, best, method, [len(r) for r in ranges])
    indices = [ranges[i][k] for i, k in enumerate(pick)]
    package = {issue.id: issue.values[k] for issue, k in zip(space.issues, indices, strict=True)}
    estimates = {
        p: float(sum(parts[j][i][k] for i, k in enumerate(pick))) for j, p in enumerate(parties)
    }
    return Compromise(package, estimates, _has_its_way(space, parts, parties, pick, ranges), method)


def _score(totals: FloatArray, best: Sequence[float], method: str) -> FloatArray:
    """Nash: the sum of the logs of the estimates; Kalai–Smorodinsky: the least share of
    each party's best (the product's order, ties to the larger sum, is kept apart)."""
    if method == "kalai":
        shares = totals / np.asarray(best, dtype=np.float64).reshape(
            (-1,) + (1,) * (totals.ndim - 1)
        )
        least: FloatArray = shares.min(axis=0) + 1e-6 * totals.sum(axis=0)
        return least
    logs: FloatArray = np.log(np.maximum(totals, _FLOOR)).sum(axis=0)
    return logs


def _exact(
    parts: list[list[FloatArray]], best: Sequence[float], method: str, shape: list[int]
) -> list[int]:
    totals = []
    for per in parts:
        total: FloatArray = np.zeros([1] * len(shape))
        for axis, values in enumerate(per):
            view = [1] * len(shape)
            view[axis] = len(values)
            total = total + values.reshape(view)
        totals.append(np.broadcast_to(total, shape))
    score = _score(np.stack(totals), best, method)
    for axis, n in enumerate(shape):  # among equals, the one nearest the middle of the ranges
        view = [1] * len(shape)
        view[axis] = n
        score = score - _off_middle(n).reshape(view)
    flat = int(np.argmax(score.reshape(-1)))
    return [int(k) for k in np.unravel_index(flat, shape)] if shape else []


def _off_middle(n: int) -> FloatArray:
    """A tie-break too small to outweigh any difference of estimates: how far each value
    lies from the middle of the range."""
    off: FloatArray = 1e-9 * np.abs(np.arange(n) - (n - 1) / 2.0)
    return off


def _ascent(
    parts: list[list[FloatArray]], best: Sequence[float], method: str, shape: list[int]
) -> list[int]:
    pick = [(n - 1) // 2 for n in shape]
    for _ in range(50):
        moved = False
        for axis, n in enumerate(shape):
            rest = np.array(
                [
                    sum(float(per[i][pick[i]]) for i in range(len(shape)) if i != axis)
                    for per in parts
                ]
            )
            totals = rest[:, None] + np.stack([per[axis] for per in parts])
            k = int(np.argmax(_score(totals, best, method) - _off_middle(n)))
            if k != pick[axis]:
                pick[axis] = k
                moved = True
        if not moved:
            break
    return pick


def _has_its_way(
    space: OutcomeSpace,
    parts: list[list[FloatArray]],
    parties: list[str],
    pick: list[int],
    ranges: list[list[int]],
) -> dict[str, str | None]:
    """For each party, the issue (among those where the positions differ) on which the
    proposal gives it the largest share of its estimate's spread, more than to the others."""
    out: dict[str, str | None] = {}
    contested = [i for i, r in enumerate(ranges) if len(r) > 1]
    for j, party in enumerate(parties):
        found: tuple[float, str] | None = None
        for i in contested:
            shares = []
            for per in parts:
                values = per[i]
                spread = float(values.max() - values.min())
                shares.append(
                    0.0 if spread <= 0 else float(values[pick[i]] - values.min()) / spread
                )
            weight = float(parts[j][i].max() - parts[j][i].min())
            lead = shares[j] - max((s for k, s in enumerate(shares) if k != j), default=0.0)
            if lead > 0 and weight > 0:
                key = lead * weight
                if found is None or key > found[0]:
                    found = (key, space.issues[i].id)
        out[party] = found[1] if found is not None else None
    return out
