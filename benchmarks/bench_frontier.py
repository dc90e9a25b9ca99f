"""How far AI-against-AI agreements fall from the Pareto frontier: Treaty Table's AI
against NegMAS's Boulware-against-Conceder, in the same run, on the same domains.

Domains: the benchmark domain (``tests/fixtures/bench_domain.py``) and three GENIUS
domains (by default BarbecueA, HouseKeepingA, Car; ``--domains``; read by Treaty Table's importer from
``../shared/genius/``; ``--genius DIR`` to change). On each, in both role orders, at
most ``--rounds`` rounds of alternating offers (self-play is deterministic):

* ``tt-hard`` / ``tt-historical``: Treaty Table's presets against themselves
  (``run_bilateral``);
* ``tt-boulware-conceder``: Treaty Table's time-dependent offering, aspiration
  ``1 - t**4`` against ``1 - t**0.25``, as ``bench_negotiation.py`` plays it;
* ``negmas-boulware-conceder``: NegMAS 0.16's SAO with two ``AspirationNegotiator``
  (``aspiration_type`` 4.0 and 0.25), when ``import negmas`` works (see
  ``bench_negotiation.py`` for installing it beside the project).

Printed per domain and pairing: the mean Euclidean distance of the outcome from the
Pareto frontier's polyline (a negotiation without agreement counts at the reservation
values) and the share of agreements.

Run from the repository root: ``python benchmarks/bench_frontier.py``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.engine.ai import Negotiator, run_bilateral  # noqa: E402
from game.engine.analytics import Analytics, analyse  # noqa: E402
from game.engine.space import LinearUtility, OutcomeSpace  # noqa: E402
from tests.fixtures.bench_domain import BENCH_DOMAIN, build_domain  # noqa: E402

GENIUS_DOMAINS = ("BarbecueA", "HouseKeepingA", "Car")
BOULWARE_E = 4.0
CONCEDER_E = 0.25

Domain = tuple[OutcomeSpace, LinearUtility, LinearUtility, Analytics]


def bench_domain() -> Domain:
    space, utils = build_domain(BENCH_DOMAIN)
    ua, ub = utils["JP"], utils["SU"]
    return space, ua, ub, analyse(ua, ub)


def genius_domain(folder: Path, name: str) -> Domain:
    from bench_tournament import load_domain

    ua, ub, an = load_domain(str(folder), name)
    return ua.space, ua, ub, an


def ours(domain: Domain, a: Negotiator, b: Negotiator, rounds: int) -> list[tuple[float, bool]]:
    """Both role orders: (distance, agreed) of each."""
    space, ua, ub, an = domain
    out = []
    for first, second, u1, u2, flip in ((a, b, ua, ub, False), (b, a, ub, ua, True)):
        r = run_bilateral(space, u1, u2, first, second, rounds=rounds)
        x, y = r.utilities[::-1] if flip else r.utilities
        out.append((an.distance_to_frontier(x, y), r.agreement is not None))
    return out


def negmas_bc(domain: Domain, rounds: int) -> list[tuple[float, bool]]:
    """NegMAS's Boulware against Conceder, both role orders and both assignments."""
    from negmas import AspirationNegotiator, SAOMechanism, make_issue, make_os
    from negmas.preferences import LinearAdditiveUtilityFunction
    from negmas.preferences.value_fun import TableFun

    space, ua, ub, an = domain
    os_ = make_os([make_issue(list(i.values), i.id) for i in space.issues])

    def ufun(u: LinearUtility) -> Any:
        return LinearAdditiveUtilityFunction(
            values={
                i.id: TableFun(dict(zip(i.values, t, strict=True)))
                for i, t in zip(space.issues, u.tables, strict=True)
            },
            weights={i.id: w for i, w in zip(space.issues, u.weights, strict=True)},
            outcome_space=os_,
            reserved_value=u.reservation,
        )

    fa, fb = ufun(ua), ufun(ub)
    out = []
    for ea, eb in ((BOULWARE_E, CONCEDER_E), (CONCEDER_E, BOULWARE_E)):
        for a_first in (True, False):
            m = SAOMechanism(outcome_space=os_, n_steps=rounds)
            pair = [(AspirationNegotiator(aspiration_type=ea, name="a"), fa)]
            pair.append((AspirationNegotiator(aspiration_type=eb, name="b"), fb))
            for neg, f in pair if a_first else pair[::-1]:
                m.add(neg, preferences=f)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                state = m.run()
            if state.agreement is not None:
                x, y = float(fa(state.agreement)), float(fb(state.agreement))
            else:
                x, y = ua.reservation, ub.reservation
            out.append((an.distance_to_frontier(x, y), state.agreement is not None))
    return out


def main(argv: list[str] | None = None) -> None:
    """Print the figures."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=100)
    ap.add_argument("--genius", type=Path, default=ROOT.parent / "shared" / "genius")
    ap.add_argument("--domains", nargs="*", default=list(GENIUS_DOMAINS), help="GENIUS domains")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import negmas  # noqa: F401

        have_negmas = True
    except ImportError:
        have_negmas = False
    domains: dict[str, Domain] = {"bench": bench_domain()}
    for name in args.domains:
        if (args.genius / name).is_dir():
            domains[name] = genius_domain(args.genius, name)
    for name, domain in domains.items():
        rows: dict[str, list[tuple[float, bool]]] = {}
        for preset in ("hard", "historical"):
            rows[f"tt-{preset}"] = ours(
                domain, Negotiator.preset(preset), Negotiator.preset(preset), args.rounds
            )
        boulware = Negotiator.from_config({"aspiration_exponent": BOULWARE_E, "name": "boulware"})
        conceder = Negotiator.from_config({"aspiration_exponent": CONCEDER_E, "name": "conceder"})
        rows["tt-boulware-conceder"] = ours(domain, boulware, conceder, args.rounds) + ours(
            domain, conceder, boulware, args.rounds
        )
        if have_negmas:
            rows["negmas-boulware-conceder"] = negmas_bc(domain, args.rounds)
        for label, xs in rows.items():
            d = statistics.fmean(x[0] for x in xs)
            deals = statistics.fmean(1.0 if x[1] else 0.0 for x in xs)
            print(f"{name} {label}: mean_distance {d:.4f} agreements {deals:.2f} (n={len(xs)})")


if __name__ == "__main__":
    main()
