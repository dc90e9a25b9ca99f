"""AI-vs-AI games in batches, and their summary (for teachers and researchers).

Game ``i`` of a batch with seed ``S`` uses seed ``S * 100003 + i``: results do
not depend on how the batch is split across processes.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
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


def summarise(c: Compiled, results: list[GameResult]) -> dict[str, Any]:
    """Share of deals, signing dates, terms, utilities, distance from history."""
    n = len(results)
    signed = [r for r in results if r.termination == "signed"]
    out: dict[str, Any] = {
        "scenario": c.id,
        "games": n,
        "terminations": dict(sorted(Counter(r.termination for r in results).items())),
        "share_signed": round(len(signed) / n, 4) if n else 0.0,
        "mean_moves": round(statistics.fmean(r.moves for r in results), 2) if n else 0.0,
    }
    if signed:
        days = sorted(dt.date.fromisoformat(r.date) for r in signed)
        out["signing_date"] = {
            "median": days[len(days) // 2].isoformat(),
            "earliest": days[0].isoformat(),
            "latest": days[-1].isoformat(),
        }
        terms: dict[str, Any] = {}
        for issue in c.sc.issues:
            values = [r.terms[issue.id] for r in signed if issue.id in r.terms]
            if not values:
                continue
            terms[issue.id] = kind_of(issue).summary(values)
        out["terms"] = terms
        dists = [r.history_distance for r in signed if r.history_distance is not None]
        if dists:
            out["mean_distance_from_history"] = round(statistics.fmean(dists), 4)
        hist = history_terms(c)
        out["same_as_history"] = {
            k: round(
                sum(
                    1
                    for r in signed
                    if r.terms.get(k) == (v.isoformat() if isinstance(v, dt.date) else v)
                )
                / len(signed),
                4,
            )
            for k, v in hist.items()
        }
    sides = c.signatories
    out["mean_utility"] = (
        {s: round(statistics.fmean(r.utilities[s] for r in results), 4) for s in sides} if n else {}
    )
    return out
