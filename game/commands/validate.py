"""``treaty-table validate``: check scenario files; every problem as FILE:LINE:COL.

Exit codes: 0 all files valid, 1 problems found, 2 bad usage.
"""

from __future__ import annotations

import argparse
import json

from game.scenario.loader import load_scenario
from game.scenario.yamlsafe import Problem, ScenarioFileError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("validate", help="check scenario files (errors as FILE:LINE:COL)")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--json", action="store_true", help="print findings as JSON")
    p.set_defaults(func=run)


def check_paths(paths: list[str]) -> tuple[list[Problem], list[str]]:
    """All problems of the files, and the files that were valid."""
    problems: list[Problem] = []
    good: list[str] = []
    for path in paths:
        try:
            load_scenario(path)
            good.append(path)
        except ScenarioFileError as exc:
            problems.extend(exc.problems)
    return problems, good


def run(args: argparse.Namespace) -> int:
    problems, good = check_paths(args.paths)
    if args.json:
        print(
            json.dumps(
                {"ok": not problems, "valid": good, "findings": [p.__dict__ for p in problems]},
                ensure_ascii=False,
            )
        )
    else:
        for p in problems:
            print(p)
        for path in good:
            print(f"{path}: ok")
    return 1 if problems else 0
