"""``treaty-table simulate``: AI-vs-AI games in batches, reproducible whatever --jobs is."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from typing import Any

from game.commands import policies as plugins
from game.commands.common import load_or_report
from game.engine.simulate import GameResult, play_one, summarise
from game.persistence.scenarios import resolve

POLICIES = plugins.BUILTIN


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "simulate",
        help="AI-vs-AI games: share of deals, dates, terms, utilities, distance from history",
    )
    p.add_argument("scenario")
    p.add_argument("--games", type=int, default=100)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--jobs", type=int, default=1, help="processes (results do not depend on it)")
    p.add_argument(
        "--policy",
        action="append",
        default=[],
        metavar="SIDE=KIND",
        help=f"policy of a side (party or diplomat id); KIND one of {', '.join(POLICIES)}, or a "
        "plugin's PLUGIN:SPEC (e.g. negmas:negmas.sao:AspirationNegotiator with the negmas extra); "
        "default historical",
    )
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="summary and per-game rows as JSON")
    out.add_argument("--csv", metavar="FILE", help="write per-game rows to a CSV file")
    p.set_defaults(func=run)


def _worker(path: str, policies: dict[str, str], seed: int, index: int) -> GameResult:
    from game.persistence.scenarios import load

    return play_one(load(path), policies, seed, index, plugins.make)


def run(args: argparse.Namespace) -> int:
    c = load_or_report(args.scenario)
    if c is None:
        return 1
    if args.games < 1 or args.jobs < 1:
        print("--games and --jobs must be at least 1.", file=sys.stderr)
        return 2
    policies: dict[str, str] = {}
    for spec in args.policy:
        side, _, kind = spec.partition("=")
        side = c.roles.get(side, side)
        why = plugins.problem(kind)
        if side not in c.parties or why is not None:
            print(
                f"Bad --policy '{spec}': use SIDE=KIND with SIDE in {', '.join([*c.parties, *c.roles])} "
                f"and KIND in {', '.join(POLICIES)} or PLUGIN:SPEC"
                + (f" ({why})" if why else "")
                + ".",
                file=sys.stderr,
            )
            return 2
        try:
            plugins.make(c, side, kind)
        except ValueError as exc:
            print(f"Bad --policy '{spec}': {exc}", file=sys.stderr)
            return 2
        policies[side] = kind
    path = str(resolve(args.scenario))
    work = partial(_worker, path, policies, args.seed)
    results: list[GameResult] = []
    show = sys.stderr.isatty() and args.games >= 20
    if args.jobs == 1:
        for i in range(args.games):
            results.append(play_one(c, policies, args.seed, i, plugins.make))
            _progress(show, i + 1, args.games)
    else:
        with ProcessPoolExecutor(max_workers=args.jobs) as pool:
            for i, r in enumerate(
                pool.map(work, range(args.games), chunksize=max(1, args.games // (4 * args.jobs)))
            ):
                results.append(r)
                _progress(show, i + 1, args.games)
    if show:
        print(file=sys.stderr)
    summary = summarise(c, results)
    summary["seed"] = args.seed
    summary["policies"] = {p.id: policies.get(p.id, "historical") for p in c.sc.parties}
    if args.json:
        print(
            json.dumps(
                {"summary": summary, "games": [r.to_json() for r in results]},
                ensure_ascii=False,
                sort_keys=True,
            )
        )
        return 0
    if args.csv:
        _write_csv(args.csv, c, results)
    print(json.dumps(summary, ensure_ascii=False, indent=1, sort_keys=True))
    return 0


def _progress(show: bool, done: int, total: int) -> None:
    if not show:
        return
    width = 40
    filled = width * done // total
    print(
        f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}",
        end="",
        file=sys.stderr,
        flush=True,
    )


def _write_csv(path: str, c: Any, results: list[GameResult]) -> None:
    issues = [i.id for i in c.sc.issues]
    sides = list(c.signatories)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(
            [
                "game",
                "seed",
                "termination",
                "date",
                "moves",
                *issues,
                *(f"utility_{s}" for s in sides),
                "distance_from_history",
            ]
        )
        for r in results:
            w.writerow(
                [
                    r.index,
                    r.seed,
                    r.termination,
                    r.date,
                    r.moves,
                    *(r.terms.get(i, "") for i in issues),
                    *(r.utilities[s] for s in sides),
                    r.history_distance if r.history_distance is not None else "",
                ]
            )
