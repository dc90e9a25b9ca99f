"""``treaty-table validate``: check scenario files; every problem as FILE:LINE:COL.

Exit codes: 0 all files valid, 1 problems found, 2 bad usage.
"""

from __future__ import annotations

import argparse
import sys
import textwrap

from game.authoring.findings import CODES, ERROR, Finding, render
from game.authoring.lint import validate_path
from game.scenario.yamlsafe import Problem

EPILOG = """\
Each problem is printed as FILE:LINE:COL: error: MESSAGE [CODE]; warnings (dates
out of order, value-table points outside an issue's range) as
FILE:LINE:COL: warning: MESSAGE [CODE], and they do not fail the check.
With --json the output is a JSON list of objects with the keys
file, line, col, level, message and code. Codes:
{codes}

exit codes:
  0  every file is a valid scenario
  1  at least one error
  2  bad usage (unknown option)

With no PATH, every scenario the game finds is checked: the bundled ones and
those in your own scenario folder. A PATH may also be a scenario id
(peking-1925).

Use 'treaty-table lint' for the checks beyond validity (stages that cannot be
reached, a historical path that does not replay, missing translations, ...).
"""


def _epilog() -> str:
    codes = ", ".join(dict.fromkeys(code for _, code in CODES)) + ", invalid, internal-error"
    wrapped = textwrap.wrap(
        codes, 76, break_on_hyphens=False, initial_indent="  ", subsequent_indent="  "
    )
    return EPILOG.format(codes="\n".join(wrapped))


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "validate",
        help="check scenario files (errors as FILE:LINE:COL)",
        description="Check that scenario files are valid: safe YAML, the scenario format, "
        "and every cross-reference.",
        epilog=_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="scenario files (.yaml) or ids (default: every bundled and user scenario)",
    )
    p.add_argument("--json", action="store_true", help="print findings as a JSON list")
    p.set_defaults(func=run)


def check_paths(paths: list[str]) -> tuple[list[Problem], list[str]]:
    """All problems (errors) of the files, and the files that were valid."""
    problems: list[Problem] = []
    good: list[str] = []
    for path in paths:
        errors = [f for f in validate_path(path) if f.level == ERROR]
        if errors:
            problems.extend(Problem(f.file, f.line, f.col, f.message, f.level) for f in errors)
        else:
            good.append(path)
    return problems, good


def run(args: argparse.Namespace) -> int:
    from game.persistence.scenarios import available, resolve

    paths = [str(resolve(p)) for p in args.paths] if args.paths else [str(p) for p in available()]
    if not paths:
        print("No scenario files were found.", file=sys.stderr)
        return 1
    found: list[Finding] = []
    good: list[str] = []
    for path in paths:
        findings = validate_path(path)
        found.extend(findings)
        if not any(f.level == ERROR for f in findings):
            good.append(path)
    failed = any(f.level == ERROR for f in found)
    if args.json:
        print(render(found, as_json=True))
    else:
        if found:
            print(render(found, as_json=False))
        for path in good:
            print(f"{path}: ok", file=sys.stderr if failed else sys.stdout)
    return 1 if failed else 0
