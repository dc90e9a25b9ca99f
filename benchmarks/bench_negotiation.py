"""AI-vs-AI negotiation speed on the benchmark domain, and NegMAS for comparison.

The domain is the one of ``shared/bench/README.md`` (five issues, 181,440
outcomes; see ``tests/fixtures/bench_domain.py``). One side is time-dependent Boulware
(aspiration ``1 - t**4``, i.e. Faratin ``beta = 1/4``), the other Conceder
(``1 - t**0.25``, ``beta = 4``), both floored at their reservation value and
accepting by AC_next; the four configurations (which side is Boulware x which
side opens) are cycled; at most 100 rounds.

Run from the repository root::

    python benchmarks/bench_negotiation.py                  # our engine only
    python benchmarks/bench_negotiation.py --negotiations 2000

NegMAS is *not* a dependency of the project. To compare with it, install it
beside the project, e.g. in a virtual environment that sees the project's
packages::

    python -m venv --system-site-packages /tmp/negmas-venv
    /tmp/negmas-venv/bin/pip install "negmas==0.16.*"
    /tmp/negmas-venv/bin/python benchmarks/bench_negotiation.py

``--negmas`` is on by default when ``import negmas`` works (``--no-negmas``
turns it off). NegMAS runs the same domain in its SAO mechanism with two
``AspirationNegotiator`` (``aspiration_type`` = 4.0 and 0.25, i.e. the same
``1 - t**e`` curves).

Our engine is timed twice on the same matches: one negotiation at a time
(``run_bilateral``, ``sequential_negotiations_per_second``) and all of them in
lockstep, vectorised across games (``run_batch``, which gives identical
results; the script checks). ``negotiations_per_second`` and ``ratio`` are
the lockstep figures; ``sequential_ratio`` compares one at a time with NegMAS
one at a time. The last line printed is ``negotiations_per_second: X``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.engine.ai import Match, Negotiator, run_batch, run_bilateral  # noqa: E402
from game.engine.ai.selfplay import BilateralResult  # noqa: E402
from game.engine.analytics import analyse  # noqa: E402
from game.engine.space import LinearUtility, OutcomeSpace  # noqa: E402
from tests.fixtures.bench_domain import BENCH_DOMAIN, build_domain  # noqa: E402

BOULWARE_E = 4.0
CONCEDER_E = 0.25
# (Boulware side, opening side)
CONFIGS = (("JP", "JP"), ("JP", "SU"), ("SU", "JP"), ("SU", "SU"))


def _config_sides(boulware: str, opener: str) -> tuple[str, str]:
    other = "SU" if opener == "JP" else "JP"
    return opener, other


def _matches(utils: dict[str, LinearUtility], n: int) -> tuple[list[Match], list[tuple[str, str]]]:
    strategies = {
        "boulware": Negotiator.from_config({"aspiration_exponent": BOULWARE_E, "name": "boulware"}),
        "conceder": Negotiator.from_config({"aspiration_exponent": CONCEDER_E, "name": "conceder"}),
    }
    matches: list[Match] = []
    sides: list[tuple[str, str]] = []
    for i in range(n):
        boulware, opener = CONFIGS[i % len(CONFIGS)]
        a, b = _config_sides(boulware, opener)
        neg_a = strategies["boulware" if a == boulware else "conceder"]
        neg_b = strategies["boulware" if b == boulware else "conceder"]
        matches.append((utils[a], utils[b], neg_a, neg_b))
        sides.append((a, b))
    return matches, sides


def _summary(
    results: list[BilateralResult], sides: list[tuple[str, str]], elapsed: float
) -> dict[str, Any]:
    jp, su = [], []
    for result, (a, b) in zip(results, sides, strict=True):
        u = dict(zip((a, b), result.utilities, strict=True))
        jp.append(u["JP"])
        su.append(u["SU"])
    return {
        "elapsed_s": elapsed,
        "negotiations": len(results),
        "rounds": sum(r.rounds for r in results),
        "deals": sum(r.agreement is not None for r in results),
        "mean_jp": statistics.fmean(jp),
        "mean_su": statistics.fmean(su),
    }


def bench_engine(
    space: OutcomeSpace, utils: dict[str, LinearUtility], n: int, rounds: int
) -> dict[str, Any]:
    """Time ``n`` negotiations one at a time (``run_bilateral``), then in lockstep."""
    matches, sides = _matches(utils, n)
    start = time.perf_counter()
    reference = [run_bilateral(space, *m, rounds=rounds) for m in matches[: len(CONFIGS)]]
    cold = time.perf_counter() - start
    start = time.perf_counter()
    sequential = [run_bilateral(space, *m, rounds=rounds) for m in matches]
    seq = _summary(sequential, sides, time.perf_counter() - start)
    start = time.perf_counter()
    batched = run_batch(space, matches, rounds=rounds)
    bat = _summary(batched, sides, time.perf_counter() - start)
    return {
        "cold_start_s": cold,
        "sequential": seq,
        "batched": bat,
        "identical": batched == sequential and sequential[: len(reference)] == reference,
    }


def bench_negmas(
    space: OutcomeSpace, utils: dict[str, LinearUtility], n: int, rounds: int
) -> dict[str, Any]:
    """Time ``n`` negotiations of NegMAS 0.16's SAO mechanism on the same domain."""
    from negmas import AspirationNegotiator, SAOMechanism, make_issue, make_os
    from negmas.preferences import LinearAdditiveUtilityFunction
    from negmas.preferences.value_fun import TableFun

    outcome_space = make_os([make_issue(list(i.values), i.id) for i in space.issues])

    def ufun(u: LinearUtility) -> Any:
        return LinearAdditiveUtilityFunction(
            values={
                i.id: TableFun(dict(zip(i.values, table, strict=True)))
                for i, table in zip(space.issues, u.tables, strict=True)
            },
            weights={i.id: w for i, w in zip(space.issues, u.weights, strict=True)},
            outcome_space=outcome_space,
            reserved_value=u.reservation,
        )

    ufuns = {side: ufun(u) for side, u in utils.items()}
    outcomes = []
    start = time.perf_counter()
    for i in range(n):
        boulware, opener = CONFIGS[i % len(CONFIGS)]
        mechanism = SAOMechanism(outcome_space=outcome_space, n_steps=rounds)
        for side in _config_sides(boulware, opener):
            exponent = BOULWARE_E if side == boulware else CONCEDER_E
            mechanism.add(
                AspirationNegotiator(aspiration_type=exponent, name=side), preferences=ufuns[side]
            )
        state = mechanism.run()
        if state.agreement is not None:
            u_jp = float(ufuns["JP"](state.agreement))
            u_su = float(ufuns["SU"](state.agreement))
        else:
            u_jp, u_su = utils["JP"].reservation, utils["SU"].reservation
        outcomes.append((u_jp, u_su, state.step, state.agreement is not None))
    elapsed = time.perf_counter() - start
    return {
        "elapsed_s": elapsed,
        "negotiations": n,
        "rounds": sum(o[2] for o in outcomes),
        "deals": sum(o[3] for o in outcomes),
        "mean_jp": statistics.fmean(o[0] for o in outcomes),
        "mean_su": statistics.fmean(o[1] for o in outcomes),
    }


def _negmas_available() -> bool:
    try:
        import negmas  # noqa: F401
    except ImportError:
        return False
    return True


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--negotiations", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--negmas", action=argparse.BooleanOptionalAction, default=None)
    parser.add_argument("--negmas-negotiations", type=int, default=4)
    args = parser.parse_args(argv)

    start = time.perf_counter()
    space, utils = build_domain(BENCH_DOMAIN)
    print(f"domain: {space.size} outcomes, built in {time.perf_counter() - start:.3f} s")

    times = []
    for _ in range(5):
        start = time.perf_counter()
        result = analyse(utils["JP"], utils["SU"])
        times.append(time.perf_counter() - start)
    print(
        f"analytics_ms: {1000 * statistics.median(times):.1f} (median of 5; "
        f"{len(result.frontier)} frontier points, Nash {result.nash}, "
        f"Kalai-Smorodinsky {result.kalai})"
    )

    ours = bench_engine(space, utils, args.negotiations, args.rounds)
    print(f"engine cold start (first 4 negotiations, tables built): {ours['cold_start_s']:.3f} s")
    for label in ("sequential", "batched"):
        o = ours[label]
        print(
            f"engine {label}: {o['negotiations']} negotiations in {o['elapsed_s']:.3f} s, "
            f"{o['negotiations'] / o['elapsed_s']:.1f}/s, {o['rounds'] / o['elapsed_s']:.0f} rounds/s, "
            f"deals {o['deals']}/{o['negotiations']}, "
            f"mean rounds {o['rounds'] / o['negotiations']:.1f}, "
            f"mean utilities JP {o['mean_jp']:.3f} / SU {o['mean_su']:.3f}"
        )
    print(f"batched results identical to sequential: {ours['identical']}")
    seq_rate = ours["sequential"]["negotiations"] / ours["sequential"]["elapsed_s"]
    ours_rate = ours["batched"]["negotiations"] / ours["batched"]["elapsed_s"]
    print(f"sequential_negotiations_per_second: {seq_rate:.1f}")
    print(f"rounds_per_second: {ours['batched']['rounds'] / ours['batched']['elapsed_s']:.0f}")

    use_negmas = _negmas_available() if args.negmas is None else args.negmas
    if use_negmas:
        import negmas

        theirs = bench_negmas(space, utils, args.negmas_negotiations, args.rounds)
        theirs_rate = theirs["negotiations"] / theirs["elapsed_s"]
        print(
            f"negmas {negmas.__version__}: {theirs['negotiations']} negotiations in "
            f"{theirs['elapsed_s']:.2f} s, deals {theirs['deals']}/{theirs['negotiations']}, "
            f"mean rounds {theirs['rounds'] / theirs['negotiations']:.1f}, "
            f"mean utilities JP {theirs['mean_jp']:.3f} / SU {theirs['mean_su']:.3f}"
        )
        print(f"negmas_rounds_per_second: {theirs['rounds'] / theirs['elapsed_s']:.1f}")
        print(f"negmas_negotiations_per_second: {theirs_rate:.3f}")
        print(f"sequential_ratio: {seq_rate / theirs_rate:.0f}")
        print(f"ratio: {ours_rate / theirs_rate:.0f}")
    print(f"negotiations_per_second: {ours_rate:.1f}")


if __name__ == "__main__":
    main()
