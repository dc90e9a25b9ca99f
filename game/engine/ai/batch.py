"""Many self-play negotiations in lockstep, vectorised across games.

:func:`run_batch` plays the same alternating-offers protocol as
:func:`~game.engine.ai.selfplay.run_bilateral`, for many matches at once: at
each half-round the games still running are advanced together with numpy
(frequency models, ratings, band choice and acceptance as arrays over games),
so the fixed cost of each numpy call is shared. Each game is computed in full
and gives the same result as ``run_bilateral`` (a test checks this).

Only the standard parts are vectorised: :class:`TimeDependentOffering`
without guarded classes, :class:`CombiAcceptance`, a frequency model with
``value_exponent == 1`` (or none), the plan's own floor, no persona rules, full
mandates. Any other
match is played by ``run_bilateral``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from game.engine.ai.acceptance import CombiAcceptance
from game.engine.ai.negotiator import MODELS, Negotiator
from game.engine.ai.offering import BandOfferer, TimeDependentOffering
from game.engine.ai.opponent import FrequencyModel
from game.engine.ai.selfplay import BilateralResult, run_bilateral
from game.engine.ai.tables import OutcomeTable, outcome_table
from game.engine.analytics import FloatArray, IntArray
from game.engine.space import LinearUtility, OutcomeSpace

__all__ = ["Match", "run_batch"]

Match = tuple[LinearUtility, LinearUtility, Negotiator, Negotiator]


@dataclass(frozen=True, eq=False)
class _Player:
    table: OutcomeTable
    offerer: BandOfferer
    combi_time: float
    learning_rate: float | None
    ordinal: bool
    order: IntArray
    sorted_u: FloatArray


def _player(space: OutcomeSpace, utility: LinearUtility, neg: Negotiator) -> _Player | None:
    if (
        neg.rules
        or neg.floor != "reservation"
        or not isinstance(neg.offering, TimeDependentOffering)
    ):
        return None
    if not isinstance(neg.acceptance, CombiAcceptance):
        return None
    model = neg.model
    if model is not None and (
        MODELS.get(model.kind) is not FrequencyModel or model.value_exponent != 1.0
    ):
        return None
    table = outcome_table(space, utility)
    offerer = neg.offering.prepare(table)
    if offerer.plan.guarded or table.empty or table.best < utility.reservation:
        return None
    return _Player(
        table,
        offerer,
        neg.acceptance.combi_time,
        None if model is None else model.learning_rate,
        True if model is None else model.ordinal,
        table.order,
        np.asarray(table.sorted_u),
    )


class _Side:
    """State of one side (opener or responder) across a batch of games."""

    def __init__(self, players: list[_Player], sizes: tuple[int, ...]) -> None:
        n, k = len(players), len(sizes)
        total = sum(sizes)
        self.players = players
        self.groups: dict[int, list[int]] = {}
        keys: dict[int, int] = {}
        for g, p in enumerate(players):
            self.groups.setdefault(keys.setdefault(id(p), len(keys)), []).append(g)
        self.group_player = {keys[id(p)]: p for p in players}
        self.group_of = np.array([keys[id(p)] for p in players], dtype=np.intp)
        self.starts = np.concatenate(([0], np.cumsum(sizes)[:-1])).astype(np.intp)
        self.issue_of = np.repeat(np.arange(k, dtype=np.intp), sizes)
        size = np.asarray(sizes, dtype=np.float64)
        span = np.maximum(size - 1.0, 1.0)
        self.step_scale = 1.0 / span
        ordinal = np.array([p.ordinal for p in players])[:, None]
        chance = np.where(ordinal, 1.0 - (size + 1.0) / (3.0 * span), 1.0 / size)
        self.chance = np.where(size > 1, chance, 0.0)
        rates = np.array([p.learning_rate or 0.0 for p in players])[:, None]
        self.gain = rates / (1.0 - self.chance)
        self.ordinal = ordinal
        self.modelled = np.array([p.learning_rate is not None for p in players])
        self.counts = np.ones((n, total))
        self.peak = np.ones((n, k))
        self.raw = np.ones((n, k))
        self.last = np.zeros((n, k), dtype=np.intp)
        self.has_last = np.zeros(n, dtype=np.bool_)
        self.best = np.full(n, -np.inf)
        self.reservation = np.array([p.table.utility.reservation for p in players])
        self.combi = np.array([p.combi_time for p in players])

    def utility_of(self, games: IntArray, flats: IntArray) -> FloatArray:
        out = np.empty(games.shape[0])
        groups = self.group_of[games]
        for key in np.unique(groups).tolist():
            sel = groups == key
            out[sel] = self.group_player[key].table.utilities_of(flats[sel])
        return out

    def observe(self, games: IntArray, rows: IntArray) -> None:
        cols = self.starts + rows
        g = games[:, None]
        self.counts[g, cols] += 1.0
        self.peak[games] = np.maximum(self.peak[games], self.counts[g, cols])
        had = self.has_last[games]
        if had.any():
            last = self.last[games]
            sim = np.where(
                self.ordinal[games],
                1.0 - np.abs(rows - last) * self.step_scale,
                (rows == last).astype(np.float64),
            )
            chance = self.chance[games]
            gain = np.where(sim > chance, (sim - chance) * self.gain[games], 0.0)
            gain[~had] = 0.0
            raw = self.raw[games]
            for i in range(raw.shape[1]):
                raw[:, i] = np.where(gain[:, i] > 0.0, raw[:, i] + gain[:, i], raw[:, i])
            self.raw[games] = raw
        self.last[games] = rows
        self.has_last[games] = True

    def rating(self, games: IntArray) -> FloatArray:
        raw = self.raw[games]
        total = raw[:, 0].copy()
        for i in range(1, raw.shape[1]):
            total = total + raw[:, i]
        scale = raw / (total[:, None] * self.peak[games])
        return self.counts[games] * scale[:, self.issue_of]

    def choose(self, games: IntArray, t: float) -> tuple[IntArray, FloatArray]:
        flats = np.empty(games.shape[0], dtype=np.intp)
        utils = np.empty(games.shape[0])
        groups = self.group_of[games]
        for key in np.unique(groups).tolist():
            sel = np.flatnonzero(groups == key)
            player = self.group_player[key]
            offerer = player.offerer
            target = offerer.target(t)
            su = player.table.sorted_u
            n = len(su)
            lo = bisect_left(su, target - 1e-12)
            hi = bisect_right(su, target + offerer.tolerance)
            if lo >= n:
                lo = n - 1
            if hi <= lo:
                hi = lo + 1
            step = -(-(hi - lo) // offerer.max_candidates)
            mine = games[sel]
            if hi - lo == 1:
                pos = np.full(sel.shape[0], lo, dtype=np.intp)
            else:
                columns = offerer.table.sorted_cols[:, lo:hi:step]
                rated = self.modelled[mine]
                pos = np.full(sel.shape[0], lo, dtype=np.intp)
                if rated.any():
                    who = mine[rated]
                    rating = self.rating(who)
                    score = rating.take(columns[0], axis=1)
                    for i in range(1, columns.shape[0]):
                        score = score + rating.take(columns[i], axis=1)
                    pos[rated] = lo + score.argmax(axis=1) * step
            flats[sel] = player.order[pos]
            utils[sel] = player.sorted_u[pos]
        return flats, utils


def run_batch(
    space: OutcomeSpace, matches: Sequence[Match], rounds: int = 100
) -> list[BilateralResult]:
    """Play every match (``u_a, u_b, neg_a, neg_b``; ``a`` opens) to the end.

    Args:
        space: The outcome space shared by all matches.
        matches: The matches; side ``a`` makes the first offer.
        rounds: Most rounds per negotiation.

    Returns:
        One :class:`BilateralResult` per match, in order.
    """
    results: list[BilateralResult | None] = [None] * len(matches)
    fast: list[int] = []
    players: tuple[list[_Player], list[_Player]] = ([], [])
    cache: dict[tuple[int, int], _Player | None] = {}
    keep: list[object] = []

    def player(utility: LinearUtility, neg: Negotiator) -> _Player | None:
        key = (id(utility), id(neg))
        if key not in cache:
            keep.append((utility, neg))
            cache[key] = _player(space, utility, neg)
        return cache[key]

    for m, (u_a, u_b, neg_a, neg_b) in enumerate(matches):
        pa, pb = player(u_a, neg_a), player(u_b, neg_b)
        if pa is None or pb is None:
            results[m] = run_bilateral(space, u_a, u_b, neg_a, neg_b, rounds)
            continue
        fast.append(m)
        players[0].append(pa)
        players[1].append(pb)
    if fast:
        for m, result in zip(fast, _play(space, players, rounds), strict=True):
            results[m] = result
    return [r for r in results if r is not None]


def _play(
    space: OutcomeSpace, players: tuple[list[_Player], list[_Player]], rounds: int
) -> list[BilateralResult]:
    sizes = tuple(len(i.values) for i in space.issues)
    table = players[0][0].table
    sides = (_Side(players[0], sizes), _Side(players[1], sizes))
    n = len(players[0])
    offers = np.full((n, 2 * rounds), -1, dtype=np.intp)
    last = np.full(n, -1, dtype=np.intp)
    active = np.ones(n, dtype=np.bool_)
    done: dict[int, tuple[int, int, int, str]] = {}
    denominator = max(rounds - 1, 1)
    for r in range(rounds):
        t = r / denominator
        for s, side in enumerate(sides):
            games = np.flatnonzero(active)
            if games.shape[0] == 0:
                break
            action = 2 * r + s
            offered = last[games]
            has = offered >= 0
            if has.any():
                side.observe(
                    games[has & side.modelled[games]],
                    table.codes_of(offered[has & side.modelled[games]]),
                )
            flats, utils = side.choose(games, t)
            accepted = np.zeros(games.shape[0], dtype=np.bool_)
            if has.any():
                g = games[has]
                u = side.utility_of(g, offered[has])
                ok = (u >= side.reservation[g]) & (
                    (u >= utils[has]) | ((t >= side.combi[g]) & (u >= side.best[g]))
                )
                accepted[has] = ok
                side.best[g] = np.where(ok, side.best[g], np.maximum(side.best[g], u))
            for x in games[accepted].tolist():
                done[x] = (int(last[x]), r + 1, action + 1, "ab"[s])
                active[x] = False
            go = ~accepted
            offers[games[go], action] = flats[go]
            last[games[go]] = flats[go]
    out = []
    for x in range(n):
        ta, tb = players[0][x].table, players[1][x].table
        made = offers[x][offers[x] >= 0]
        history = tuple(
            ("ab"[int(c) % 2], int(f))
            for c, f in zip(np.flatnonzero(offers[x] >= 0), made, strict=True)
        )
        if x in done:
            flat, played, actions, by = done[x]
            out.append(
                BilateralResult(
                    agreement=space.package(ta.indices_of(flat)),
                    agreement_index=flat,
                    utilities=(ta.utility_of(flat), tb.utility_of(flat)),
                    rounds=played,
                    actions=actions,
                    accepted_by=by,
                    offers=history,
                )
            )
        else:
            out.append(
                BilateralResult(
                    agreement=None,
                    agreement_index=None,
                    utilities=(ta.utility.reservation, tb.utility.reservation),
                    rounds=rounds,
                    actions=2 * rounds,
                    accepted_by=None,
                    offers=history,
                )
            )
    return out
