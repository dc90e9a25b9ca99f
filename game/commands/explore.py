"""``treaty-table explore``: random and AI playthroughs that look for dead ends and crashes."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from game.authoring.explore import explore, summary
from game.authoring.lint import load_checked
from game.engine import compile_loaded
from game.persistence.scenarios import resolve
from game.scenario.yamlsafe import ScenarioFileError

EPILOG = """\
Games pair the policies random, historical, hard, easy and breaker (random
moves that may break off) on both sides, in turn, each from its own seed (--seed, --seed+1, ...). The summary lists the
endings, dead ends (stalls, deadlines, a side with no legal move), content no
game reached, and crashes; each crash's moves are saved to a record file in
--crash-dir that 'treaty-table replay FILE' reproduces.

exit codes: 0 no crash, 1 the scenario is not valid, 2 bad usage,
4 at least one crash.
"""


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "explore",
        help="play random and AI games to find dead ends, unreached content and crashes",
        description="Play many games of a scenario automatically and report what they found.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("scenario", help="scenario id or file")
    p.add_argument("--games", type=int, default=32, help="most games to play (default 32)")
    p.add_argument("--seed", type=int, default=1, help="seed of the first game (default 1)")
    p.add_argument(
        "--time-limit",
        type=float,
        default=5.0,
        metavar="SECONDS",
        help="start no new game after this (default 5; 0: no limit)",
    )
    p.add_argument(
        "--crash-dir",
        default="explore-crashes",
        help="where crash records go (default explore-crashes/)",
    )
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        loaded = load_checked(resolve(args.scenario))
    except ScenarioFileError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    c = compile_loaded(loaded)
    report = explore(
        c, max(0, args.games), args.seed, args.time_limit or None, Path(args.crash_dir)
    )
    if args.json:
        data = {
            "scenario": report.scenario,
            "games": report.games,
            "plies": report.plies,
            "seconds": round(report.seconds, 3),
            "terminations": dict(report.terminations),
            "dead_ends": report.dead_ends,
            "no_move": report.no_move,
            "unfinished": report.unfinished,
            "illegal_choices": report.illegal_choices,
            "unreached": report.unreached,
            "warnings": report.warnings,
            "crashes": [
                {
                    "game": x.game,
                    "policies": list(x.policies),
                    "ply": x.ply,
                    "error": x.error,
                    "record": str(x.record) if x.record else None,
                }
                for x in report.crashes
            ],
        }
        print(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        print(summary(report, located=loaded.located))
    return 4 if report.crashes else 0
