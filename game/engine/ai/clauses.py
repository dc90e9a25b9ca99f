"""Clause by clause: what a partial offer is worth, which part of an offer to accept,
what to propose by the persona's agenda, which clauses to link (logrolling), and when to
reopen an agreed clause.

A partial offer fixes some issues and leaves the rest open. What it is worth to a side
is the **best completion** it can still reach: the best package within its mandate that
keeps the offer's clauses and that the other parties would plausibly take. By its model
of each other party (:class:`Others`), that is a package the party rates at least as
highly as what it has shown it wants — its recent offers, less a margin (the model is a
hint, not a finding). Where the model leaves nothing above the side's target even before
the offer (the others ask for more than the mandate can give), it is set aside and the
mandate alone decides.

With an additive utility and a mandate that bounds each issue apart, the best completion
within the mandate is exact without a search: the best the mandate allows, less what
each clause costs against the best value of its issue (:func:`upper_reach`). Only the
others' estimates need a search, among the packages worth at least the target: a scan of
the sorted table from its top, which stops at the first package that fits.

>>> from game.engine.ai.tables import outcome_table
>>> from game.engine.space import IssueSpace, LinearUtility, OutcomeSpace
>>> space = OutcomeSpace((IssueSpace("rent", (10, 20, 30)), IssueSpace("port", ("open", "shut"))))
>>> table = outcome_table(space, LinearUtility(space, (0.5, 0.5), ((0, 0.5, 1), (1, 0)), 0.1))
>>> upper_reach(table, fixed_of(table, {"port": "shut"}))
0.5
>>> reach(table, fixed_of(table, {"rent": 20}), 0.6, None)
0.75
>>> reach(table, fixed_of(table, {"rent": 10}), 0.6, None) is None
True
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from game.engine.ai.tables import OutcomeTable
from game.engine.analytics import FloatArray
from game.engine.space import Package

__all__ = [
    "MARGIN",
    "Others",
    "Part",
    "acceptable_part",
    "agenda_group",
    "fixed_of",
    "logroll",
    "reach",
    "reopen_choice",
    "shown_wish",
    "upper_reach",
]

Fixed = Mapping[int, int]
"""Clauses as (issue position in the table's space -> value index)."""

MARGIN = 0.1
"""How far below what a party has shown it wants (on the model's 0–1 estimate) a
completion may fall and still count as one it would take."""

_CHUNK = 4096
_SCAN = 65_536
"""Most packages of a table one search looks at (from the top down)."""


@dataclass(frozen=True)
class Others:
    """What a side believes of the other parties at the table, one model each.

    Attributes:
        ratings: Each party's estimated weighted value of every value (concatenated
            issue after issue, as :meth:`FrequencyModel.rating` gives it): a package's
            estimate for the party is the sum over its values.
        shown: For each party, the least it is thought to take (its estimate of what it
            has shown it wants, less :data:`MARGIN`); ``-inf`` where it has shown nothing.
    """

    ratings: tuple[FloatArray, ...]
    shown: tuple[float, ...]

    @property
    def binding(self) -> bool:
        """Whether any party has shown what it wants."""
        return any(s > float("-inf") for s in self.shown)


def shown_wish(table: OutcomeTable, rating: FloatArray, rows: Sequence[Sequence[int]]) -> float:
    """The least estimate, for a party rated ``rating``, among its recent offers ``rows``
    (value indices, ``-1`` where an offer leaves an issue out: there the party is taken
    to want its favourite value), less :data:`MARGIN`; ``-inf`` without offers."""
    if not rows:
        return float("-inf")
    offsets = table.offsets.tolist()
    best = [
        float(rating[s : s + n].max()) if n else 0.0
        for s, n in zip(offsets, table.sizes, strict=True)
    ]
    least = float("inf")
    for row in rows:
        total = 0.0
        for i, k in enumerate(row):
            total += float(rating[offsets[i] + k]) if k >= 0 else best[i]
        least = min(least, total)
    return least - MARGIN


def fixed_of(table: OutcomeTable, package: Package) -> dict[int, int] | None:
    """The clauses of ``package`` on the table's issues, or ``None`` if a value is not in
    the issue's space (issues the space does not hold are left out)."""
    out: dict[int, int] = {}
    for i, issue in enumerate(table.space.issues):
        if issue.id in package:
            k = issue.positions.get(package[issue.id])
            if k is None:
                return None
            out[i] = k
    return out


def _issue_best(table: OutcomeTable, i: int) -> float:
    weighted = table.utility.weighted_tables[i]
    return max((weighted[k] for k in table.allowed[i]), default=float("-inf"))


def clause_cost(table: OutcomeTable, i: int, k: int) -> float:
    """What the clause ``issue i = value k`` costs the side against the best its mandate
    allows on that issue (``inf`` if the mandate does not allow the value)."""
    if k not in table.allowed[i]:
        return float("inf")
    return _issue_best(table, i) - table.utility.weighted_tables[i][k]


def upper_reach(table: OutcomeTable, fixed: Fixed) -> float:
    """The best own utility of a completion of ``fixed`` within the mandate (``-inf`` if
    a clause lies outside it): exact, the utility being additive."""
    if table.empty:
        return float("-inf")
    return table.best - sum(clause_cost(table, i, k) for i, k in fixed.items())


def reach(
    table: OutcomeTable, fixed: Fixed, at_least: float, others: Others | None
) -> float | None:
    """The best own utility, if at least ``at_least``, of a completion of ``fixed`` within
    the mandate that every other party would take by ``others`` (``None``: any).

    Returns:
        That utility, or ``None`` when no such completion is found.
    """
    top = upper_reach(table, fixed)
    if top < at_least:
        return None
    if others is None or not others.binding:
        return top
    su = table.sorted_u
    start = bisect_left(su, at_least - 1e-12)
    cols, offsets = table.sorted_cols, table.offsets
    wanted = [(i, int(offsets[i]) + k) for i, k in fixed.items()]
    checks = [(r, s) for r, s in zip(others.ratings, others.shown, strict=True) if s > -np.inf]
    end = len(su)
    floor = max(start, end - _SCAN)
    while end > floor:
        begin = max(floor, end - _CHUNK)
        block = cols[:, begin:end]
        match = np.ones(end - begin, dtype=np.bool_)
        for i, code in wanted:
            match &= block[i] == code
        found = np.flatnonzero(match)
        if found.shape[0]:
            sub = block[:, found]
            fits = np.ones(found.shape[0], dtype=np.bool_)
            for rating, least in checks:
                fits &= rating.take(sub).sum(axis=0) >= least
            hits = np.flatnonzero(fits)
            if hits.shape[0]:
                return float(su[begin + int(found[hits[-1]])])
        end = begin
    return None


@dataclass(frozen=True)
class Part:
    """The part of an offer a side accepts: its clauses (issue ids, in the offer's
    order), what it is worth (its best completion), and the clauses it leaves."""

    clauses: tuple[str, ...]
    worth: float
    left: tuple[str, ...]


def _units(package: Package, links: Sequence[Sequence[str]]) -> list[tuple[str, ...]]:
    """The offer's clauses as accepted: each link whole, each other clause alone."""
    units: list[tuple[str, ...]] = []
    seen: set[str] = set()
    for iid in package:
        if iid in seen:
            continue
        group = next((tuple(g) for g in links if iid in g), (iid,))
        group = tuple(x for x in group if x in package)
        seen.update(group)
        units.append(group)
    return units


def acceptable_part(
    table: OutcomeTable,
    package: Package,
    links: Sequence[Sequence[str]],
    target: float,
    others: Others | None,
    veto: Callable[[Package], str | None] | None = None,
) -> Part | None:
    """The largest part of an offer (closed under its links) whose best completion stays
    at or above ``target``, or ``None`` when no part does.

    Starting from the whole offer, clauses are dropped one link (or clause) at a time —
    one a persona rule objects to first, then one outside the mandate, then the one that
    costs the side most — until what is left keeps a completion above the target.
    """
    fixed = fixed_of(table, package)
    if fixed is None:
        return None
    position = {issue.id: i for i, issue in enumerate(table.space.issues)}
    units = _units(package, links)
    cost = {
        unit: sum(
            clause_cost(table, position[iid], fixed[position[iid]])
            for iid in unit
            if iid in position
        )
        for unit in units
    }
    if others is not None and reach(table, {}, target, others) is None:
        others = None  # the model leaves nothing above the target anyway: the mandate decides
    chosen = list(units)
    while chosen:
        ids = [iid for unit in chosen for iid in unit]
        part_fixed = {position[i]: fixed[position[i]] for i in ids if i in position}
        worth = reach(table, part_fixed, target, others)
        objection = veto({i: package[i] for i in ids}) if veto is not None else None
        if worth is not None and objection is None:
            left = tuple(i for i in package if i not in ids)
            return Part(tuple(ids), worth, left)
        chosen.remove(_worst(chosen, cost, objection))
    return None


def _worst(
    units: list[tuple[str, ...]], cost: Mapping[tuple[str, ...], float], objection: str | None
) -> tuple[str, ...]:
    price = getattr(objection, "params", {}).get("price") if objection is not None else None
    for unit in units:
        if price is not None and price in unit:
            return unit
    # the costliest (outside the mandate first); among equals the last offered
    return max(reversed(units), key=lambda unit: cost[unit])


def agenda_group(
    agenda: Sequence[Sequence[str]], open_ids: Sequence[str]
) -> tuple[str, ...] | None:
    """The issues to propose now by the agenda: the first group with an issue still open
    (its open issues); ``None`` when the agenda says nothing more (every group settled,
    or no agenda): then every open issue.

    >>> agenda_group([["a", "b"], ["c"]], ["b", "c", "d"])
    ('b',)
    >>> agenda_group([["a"], ["c"]], ["d"]) is None
    True
    """
    for group in agenda:
        still = tuple(i for i in group if i in open_ids)
        if still:
            return still if len(still) < len(open_ids) else None
    return None


def logroll(
    table: OutcomeTable, indices: Sequence[int], ids: Sequence[str], rating: FloatArray | None
) -> tuple[str, str] | None:
    """A trade to link in an offer: ``(give, get)``, an issue of the offer on which the
    side concedes and which it values little, with one on which it holds firm and which it
    values much — where, by the model (if any), the others value the first more, for what
    it costs the side, than the second. ``None`` when the offer makes no such trade.

    Args:
        table: The side's table.
        indices: The offer's value index on each issue of the table's space (``-1``:
            not in the offer).
        ids: The issues of the offer.
        rating: The model's estimate of the others (concatenated per value), or ``None``.
    """
    position = {issue.id: i for i, issue in enumerate(table.space.issues)}
    weighted = table.utility.weighted_tables
    offsets = table.offsets.tolist()
    gives: list[tuple[float, float, str]] = []
    gets: list[tuple[float, float, str]] = []
    for iid in ids:
        i = position.get(iid)
        if i is None or indices[i] < 0:
            continue
        allowed = [weighted[i][k] for k in table.allowed[i]]
        stake = max(allowed) - min(allowed)
        if stake <= 1e-9:
            continue
        held = weighted[i][indices[i]] - min(allowed)
        theirs = 1.0
        if rating is not None:
            values = rating[offsets[i] : offsets[i] + table.sizes[i]]
            theirs = float(values.max() - values.min())
        ratio = theirs / stake  # what it is worth to them for what it costs us
        if held <= 0.5 * stake:
            gives.append((ratio, stake, iid))
        elif held >= 0.75 * stake:
            gets.append((ratio, stake, iid))
    if not gives or not gets:
        return None
    give = max(gives, key=lambda g: (g[0], -g[1]))
    get = max(gets, key=lambda g: (g[1], -g[0]))
    if get[1] <= give[1] or (rating is not None and give[0] <= get[0]):
        return None
    return give[2], get[2]


def reopen_choice(
    best: float,
    reservation: float,
    worth: Mapping[str, tuple[float, float]],
    reopenable: Sequence[str],
) -> str | None:
    """The agreed clause to reopen, when one blocks every completion above the
    reservation value: the one whose reopening would give back most, if that lifts the
    best the mandate allows above no agreement; else ``None``.

    Args:
        best: The best own utility the mandate allows with the clauses as agreed.
        reservation: The side's utility of no agreement.
        worth: For each agreed clause, (what it is worth to the side as agreed, the best
            the mandate would allow on its issue).
        reopenable: The clauses the side may reopen now.
    """
    if best >= reservation:
        return None
    gains = [
        (worth[iid][1] - worth[iid][0], iid)
        for iid in reopenable
        if iid in worth and best - worth[iid][0] + worth[iid][1] >= reservation
    ]
    if not gains:
        return None
    return max(gains, key=lambda g: g[0])[1]
