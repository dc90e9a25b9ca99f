"""Round-robin tournament: Treaty Table's AI against ANAC agents on GENIUS domains.

Every agent meets every other agent on every domain, in both role orders,
with every seed, in NegMAS's SAO mechanism (alternating offers, ``--steps``
rounds). The field is Treaty Table's AI (the ``hard`` and ``historical``
presets, as :class:`treaty_table_negmas.TreatyTableNegotiator`) and the
Python reimplementations of ANAC 2010-2015 agents of ``negmas-genius-agents``.

Domains are read by Treaty Table's own GENIUS importer (GENIUS's meaning:
evaluations divided by the issue's largest, weights as written), and each
side's NegMAS utility is built from the imported tables, so both programs
value every package alike. Reservation values are the files'; discount
factors are left out (NegMAS discounts per round, GENIUS per unit of time). A
negotiation without agreement gives each side its reservation value.

Printed for each agent: mean individual utility, agreement rate, mean
distance of the outcome from the Pareto frontier (the piecewise-linear curve;
a failed negotiation counts at the disagreement point), mean welfare (sum of
both utilities), and the rank on each (1 = best; lower distance is better).
Then how ``analyse()`` compares in speed with NegMAS's frontier on the
largest domain of the set.

Run from the repository root, with the ``negmas`` extra installed::

    python -m pip install -e '.[negmas]'
    python benchmarks/bench_tournament.py --jobs 2            # the full tournament
    python benchmarks/bench_tournament.py --quick             # 4 domains, 1 seed, 8 agents

The domains are read from ``../shared/genius/`` (``--genius DIR`` to change).
NegMAS and the ANAC agents are AGPL-3.0 (see ``bridges/negmas/LICENSE-NOTE.md``).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ROOT = Path(__file__).resolve().parents[1]
GENIUS = ROOT.parent / "shared" / "genius"
DOMAINS = (
    "Camera",
    "Grocery",
    "Laptop",
    "PhoneA",
    "BarbecueA",
    "Coffee",
    "HouseKeepingA",
    "MusicCollectionA",
)
ANAC = (
    "AgentK",  # 2010
    "Nozomi",
    "Yushu",
    "HardHeaded",  # 2011
    "Gahboninho",
    "IAMhaggler2011",
    "NiceTitForTat",
    "CUHKAgent",  # 2012
    "AgentLG",
    "OMACAgent",
    "TheNegotiatorReloaded",
    "TheFawkes",  # 2013
    "Atlas3",  # 2015
)
TREATY_TABLE = ("TT-hard", "TT-historical")
QUICK_AGENTS = (
    "TT-hard",
    "TT-historical",
    "HardHeaded",
    "CUHKAgent",
    "IAMhaggler2011",
    "TheNegotiatorReloaded",
    "AgentK",
    "Gahboninho",
)


@dataclass(frozen=True)
class Game:
    """One negotiation: a domain, the agent of side a (it opens), of side b, a seed."""

    domain: str
    a: str
    b: str
    seed: int


@dataclass(frozen=True)
class Result:
    game: Game
    utilities: tuple[float, float]
    agreement: bool
    distance: float
    steps: int


def _domain_files(folder: Path) -> tuple[Path, Path, Path]:
    from game.genius import read_domain

    xml = sorted(p for p in folder.glob("*.xml") if p.name != "pareto.xml")
    domains: list[Path] = []
    profiles: list[Path] = []
    for path in xml:
        head = path.read_text(encoding="utf-8", errors="replace")[:2000]
        (domains if "<negotiation_template" in head else profiles).append(path)
    if len(domains) != 1 or len(profiles) < 2:
        raise ValueError(f"{folder}: expected one domain file and at least two profiles")
    read_domain(domains[0])
    return domains[0], profiles[0], profiles[1]


_CACHE: dict[tuple[str, str], Any] = {}


def load_domain(genius: str, name: str) -> Any:
    """The domain's two game utilities and their analytics (cached per process)."""
    key = (genius, name)
    if key not in _CACHE:
        from game.engine import compile_loaded, new_game
        from game.engine.analytics import analyse
        from game.engine.utility import side_view
        from game.genius import import_genius
        from game.scenario.loader import validate_located
        from game.scenario.yamlsafe import load_yaml_text

        d, a, b = _domain_files(Path(genius) / name)
        text = import_genius(d, a, b)
        c = compile_loaded(validate_located(load_yaml_text(text, name), name))
        state = new_game(c, 1)
        sa, sb = (p.id for p in c.sc.parties)
        ua, ub = side_view(state, sa).utility, side_view(state, sb).utility
        _CACHE[key] = (ua, ub, analyse(ua, ub))
    return _CACHE[key]


def make_agent(name: str, seed: int) -> Any:
    """A fresh negotiator of the field."""
    if name.startswith("TT-"):
        from treaty_table_negmas import TreatyTableNegotiator

        return TreatyTableNegotiator(preset=name[3:], seed=seed, name=name)
    import negmas_genius_agents

    return getattr(negmas_genius_agents, name)(name=name)


def play(game: Game, genius: str, steps: int) -> Result:
    """Run one negotiation."""
    from negmas.sao import SAOMechanism
    from treaty_table_negmas import to_negmas

    ua, ub, an = load_domain(genius, game.domain)
    random.seed(game.seed)
    try:
        import numpy as np

        np.random.seed(game.seed)
    except ImportError:  # pragma: no cover
        pass
    na, nb = to_negmas(ua, "a"), to_negmas(ub, "b")
    m = SAOMechanism(outcome_space=na.outcome_space, n_steps=steps)
    m.add(make_agent(game.a, game.seed), ufun=na)
    m.add(make_agent(game.b, game.seed + 1), ufun=nb)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        state = m.run()
    if state.agreement is not None:
        u = (float(na(state.agreement)), float(nb(state.agreement)))
    else:
        u = (ua.reservation, ub.reservation)
    return Result(game, u, state.agreement is not None, an.distance_to_frontier(*u), state.step)


def _play_star(args: tuple[Game, str, int]) -> Result:
    return play(*args)


def schedule(agents: Sequence[str], domains: Sequence[str], seeds: int) -> list[Game]:
    """Every ordered pair of different agents (both role orders), domain and seed."""
    return [
        Game(d, a, b, 1000 * s + 17)
        for d in domains
        for s in range(seeds)
        for a in agents
        for b in agents
        if a != b
    ]


def _ranks(values: dict[str, float], better: Callable[[float], float]) -> dict[str, int]:
    order = sorted(values, key=lambda k: better(values[k]))
    ranks: dict[str, int] = {}
    for i, k in enumerate(order):
        prev = order[i - 1] if i else None
        same = prev is not None and abs(values[prev] - values[k]) < 5e-4
        ranks[k] = ranks[prev] if same and prev is not None else i + 1
    return ranks


def table(results: Sequence[Result], agents: Sequence[str]) -> list[dict[str, Any]]:
    """Per agent: mean utility, agreement rate, mean distance, mean welfare, and ranks."""
    rows: dict[str, list[tuple[float, bool, float, float]]] = {a: [] for a in agents}
    for r in results:
        welfare = r.utilities[0] + r.utilities[1]
        rows[r.game.a].append((r.utilities[0], r.agreement, r.distance, welfare))
        rows[r.game.b].append((r.utilities[1], r.agreement, r.distance, welfare))
    stats = {
        a: {
            "utility": statistics.fmean(x[0] for x in v),
            "agreement": statistics.fmean(1.0 if x[1] else 0.0 for x in v),
            "distance": statistics.fmean(x[2] for x in v),
            "welfare": statistics.fmean(x[3] for x in v),
            "n": len(v),
        }
        for a, v in rows.items()
        if v
    }
    ranks = {
        "utility": _ranks({a: s["utility"] for a, s in stats.items()}, lambda x: -x),
        "agreement": _ranks({a: s["agreement"] for a, s in stats.items()}, lambda x: -x),
        "distance": _ranks({a: s["distance"] for a, s in stats.items()}, lambda x: x),
        "welfare": _ranks({a: s["welfare"] for a, s in stats.items()}, lambda x: -x),
    }
    out = []
    for a in sorted(stats, key=lambda k: ranks["utility"][k]):
        row: dict[str, Any] = {"agent": a, **stats[a]}
        row.update({f"rank_{k}": ranks[k][a] for k in ranks})
        out.append(row)
    return out


def speed(genius: str, domains: Sequence[str]) -> dict[str, Any]:
    """``analyse()`` against NegMAS's ``pareto_frontier`` on the largest domain, same run."""
    from negmas.preferences.ops import pareto_frontier
    from treaty_table_negmas import to_negmas

    from game.engine.analytics import analyse

    largest = max(domains, key=lambda d: load_domain(genius, d)[0].space.size)
    ua, ub, _ = load_domain(genius, largest)
    ours = []
    for _ in range(7):
        start = time.perf_counter()
        analyse(ua, ub)
        ours.append(time.perf_counter() - start)
    na, nb = to_negmas(ua), to_negmas(ub)
    for u in (na, nb):  # the whole frontier, as analyse() gives it
        u.reserved_value = float("-inf")
    theirs = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for _ in range(3):
            start = time.perf_counter()
            pareto_frontier([na, nb], sort_by_welfare=False)
            theirs.append(time.perf_counter() - start)
    a, t = statistics.median(ours), statistics.median(theirs)
    return {
        "domain": largest,
        "outcomes": ua.space.size,
        "analyse_s": a,
        "negmas_s": t,
        "ratio": t / a,
    }


def main(argv: list[str] | None = None) -> int:
    """Run the tournament and print the table, the ranks and the speed figure."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--genius", default=str(GENIUS), help="folder of GENIUS domains")
    parser.add_argument("--domains", default=",".join(DOMAINS))
    parser.add_argument("--agents", default=",".join((*TREATY_TABLE, *ANAC)))
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="4 domains, 1 seed, 8 agents")
    args = parser.parse_args(argv)
    try:
        import negmas
        import negmas_genius_agents  # noqa: F401
    except ImportError:
        print(
            "This benchmark needs the negmas extra: python -m pip install -e '.[negmas]'",
            file=sys.stderr,
        )
        return 2
    if not Path(args.genius).is_dir():
        print(f"No GENIUS domains at {args.genius} (use --genius DIR)", file=sys.stderr)
        return 2
    domains = args.domains.split(",")
    agents = args.agents.split(",")
    seeds = args.seeds
    if args.quick:
        domains, agents, seeds = list(DOMAINS[:4]), list(QUICK_AGENTS), 1
    games = schedule(agents, domains, seeds)
    print(
        f"negmas {negmas.__version__}; {len(agents)} agents, {len(domains)} domains, "
        f"{seeds} seed(s), both role orders, {args.steps} steps: {len(games)} negotiations"
    )
    start = time.perf_counter()
    work = [(g, args.genius, args.steps) for g in games]
    if args.jobs > 1:
        with ProcessPoolExecutor(max_workers=args.jobs) as pool:
            results = list(pool.map(_play_star, work, chunksize=8))
    else:
        results = [_play_star(w) for w in work]
    elapsed = time.perf_counter() - start
    rows = table(results, agents)
    print(f"played in {elapsed:.0f} s")
    print()
    head = f"{'agent':<22} {'utility':>7} {'agree':>6} {'dist':>6} {'welfare':>7}   ranks: util agree dist welf"
    print(head)
    print("-" * len(head))
    for r in rows:
        print(
            f"{r['agent']:<22} {r['utility']:7.3f} {r['agreement']:6.2f} {r['distance']:6.3f} "
            f"{r['welfare']:7.3f}          {r['rank_utility']:4d} {r['rank_agreement']:5d} "
            f"{r['rank_distance']:4d} {r['rank_welfare']:4d}"
        )
    n = len(rows)
    median_distance = statistics.median(r["distance"] for r in rows)
    for r in rows:
        if r["agent"] in TREATY_TABLE:
            quarter = "top quarter" if r["rank_utility"] <= max(1, n // 4) else "not top quarter"
            side = "at or below" if r["distance"] <= median_distance else "above"
            print(
                f"{r['agent']}: rank {r['rank_utility']} of {n} by mean utility ({quarter}); "
                f"distance {r['distance']:.3f}, {side} the field's median {median_distance:.3f}"
            )
    s = speed(args.genius, domains)
    print()
    print(
        f"analyse() on {s['domain']} ({s['outcomes']} outcomes): {1000 * s['analyse_s']:.2f} ms; "
        f"NegMAS pareto_frontier: {1000 * s['negmas_s']:.1f} ms; ratio {s['ratio']:.0f}x"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
