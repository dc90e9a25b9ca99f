"""AI-vs-AI games in batches, and their summary (for teachers and researchers).

Game ``i`` of a batch with seed ``S`` uses seed ``S * 100003 + i``: results do
not depend on how the batch is split across processes.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from game.engine.compiled import Compiled
from game.engine.debrief import history_date, history_terms
from game.engine.policy import Policy, make_policy
from game.engine.rules import apply, new_game
from game.engine.utility import outcome_utility, utility
from game.scenario.kinds import kind_of

MAX_MOVES = 2000


def game_seed(seed: int, index: int) -> int:
    return seed * 100003 + index


@dataclass(frozen=True)
class GameResult:
    """One simulated game, as a flat row."""

    index: int
    seed: int
    termination: str
    date: str
    moves: int
    terms: dict[str, Any]
    utilities: dict[str, float]
    history_distance: float | None

    def to_json(self) -> dict[str, Any]:
        return {
            "game": self.index,
            "seed": self.seed,
            "termination": self.termination,
            "date": self.date,
            "moves": self.moves,
            "terms": self.terms,
            "utilities": self.utilities,
            "distance_from_history": self.history_distance,
        }


PolicyFactory = Callable[[Compiled, str, str], Policy]


def play_one(
    c: Compiled,
    policies: dict[str, str],
    seed: int,
    index: int,
    factory: PolicyFactory = make_policy,
) -> GameResult:
    """Play game ``index`` of a batch to its end with the named policies
    (``factory(c, side, name)`` makes each; by default the engine's own)."""
    players = {p.id: factory(c, p.id, policies.get(p.id, "historical")) for p in c.sc.parties}
    sides = c.signatories
    s = new_game(c, game_seed(seed, index))
    moves = 0
    while not s.over and moves < MAX_MOVES:
        s = apply(s, players[s.to_move].choose(s, s.to_move).move)
        moves += 1
    out = s.outcome
    utilities = {side: round(outcome_utility(s, side), 4) for side in sides}
    hdate = history_date(c)
    dist = None
    if out is not None and out.termination.value == "signed" and hdate is not None:
        hterms = history_terms(c)
        hu = {side: utility(c, side, hterms, hdate, s) for side in sides}
        dist = round(sum((utilities[x] - hu[x]) ** 2 for x in sides) ** 0.5, 4)
    terms = {
        k: (v.isoformat() if isinstance(v, dt.date) else v)
        for k, v in (out.terms if out else {}).items()
    }
    return GameResult(
        index=index,
        seed=game_seed(seed, index),
        termination=out.termination.value if out else "unfinished",
        date=(out.date if out else s.date).isoformat(),
        moves=moves,
        terms=terms,
        utilities=utilities,
        history_distance=dist,
    )


def summarise(c: Compiled, results: Iterable[GameResult]) -> dict[str, Any]:
    """Share of deals, signing dates, terms, utilities, distance from history."""
    tally = Tally(c)
    for r in results:
        tally.add(r)
    return tally.summary()


class Tally:
    """The summary of a batch, kept as the games come (:meth:`add`, then :meth:`summary`).

    It holds counts and exact sums only: how many games ended each way, how often
    each date and each value of an issue was agreed, the sums of moves, utilities
    and distances as exact fractions. So its memory is bounded by the scenario
    (its calendar and the values of its issues), whatever the number of games,
    and the summary is the same as from the list of every game: means as
    ``statistics.fmean`` gives them (the exact sum, rounded once, divided), medians
    from the counts.
    """

    def __init__(self, c: Compiled) -> None:
        self.c = c
        self.sides = list(c.signatories)
        self.games = 0
        self.moves = 0
        self.terminations: Counter[str] = Counter()
        self.signed = 0
        self.days: Counter[str] = Counter()
        self.values: dict[str, Counter[Any]] = {issue.id: Counter() for issue in c.sc.issues}
        self.utility = {side: Fraction(0) for side in self.sides}
        self.distance = Fraction(0)
        self.distances = 0
        hist = history_terms(c)
        self.history = {
            k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in hist.items()
        }
        self.same = dict.fromkeys(hist, 0)

    def add(self, r: GameResult) -> None:
        """Count one game."""
        self.games += 1
        self.moves += r.moves
        self.terminations[r.termination] += 1
        for side in self.sides:
            self.utility[side] += Fraction(r.utilities[side])
        if r.termination != "signed":
            return
        self.signed += 1
        self.days[r.date] += 1
        for iid, counts in self.values.items():
            if iid in r.terms:
                counts[r.terms[iid]] += 1
        if r.history_distance is not None:
            self.distance += Fraction(r.history_distance)
            self.distances += 1
        for k, v in self.history.items():
            if r.terms.get(k) == v:
                self.same[k] += 1

    def summary(self) -> dict[str, Any]:
        """The summary of the games counted so far."""
        c, n = self.c, self.games
        out: dict[str, Any] = {
            "scenario": c.id,
            "games": n,
            "terminations": dict(sorted(self.terminations.items())),
            "share_signed": round(self.signed / n, 4) if n else 0.0,
            "mean_moves": round(float(self.moves) / n, 2) if n else 0.0,
        }
        if self.signed:
            days = sorted(dt.date.fromisoformat(d) for d in self.days)
            counts = {dt.date.fromisoformat(d): k for d, k in self.days.items()}
            half = self.signed // 2
            median = days[-1]
            for day in days:
                half -= counts[day]
                if half < 0:
                    median = day
                    break
            out["signing_date"] = {
                "median": median.isoformat(),
                "earliest": days[0].isoformat(),
                "latest": days[-1].isoformat(),
            }
            terms: dict[str, Any] = {}
            for issue in c.sc.issues:
                if self.values[issue.id]:
                    terms[issue.id] = kind_of(issue).summary_of(self.values[issue.id])
            out["terms"] = terms
            if self.distances:
                out["mean_distance_from_history"] = round(float(self.distance) / self.distances, 4)
            out["same_as_history"] = {k: round(self.same[k] / self.signed, 4) for k in self.history}
        out["mean_utility"] = (
            {s: round(float(self.utility[s]) / n, 4) for s in self.sides} if n else {}
        )
        return out
