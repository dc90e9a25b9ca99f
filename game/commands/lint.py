"""``treaty-table lint``: validate scenario files, then check them as negotiations.

Exit codes: 0 clean (or only warnings), 1 errors, 2 bad usage,
3 only warnings with ``--strict``.
"""

from __future__ import annotations

import argparse

from game.authoring.findings import ERROR, Finding, render
from game.authoring.lint import NOTE, RULES, lint_path, review_findings


def _epilog() -> str:
    rules = "\n".join(f"  {code:22} {text}" for code, text in RULES.items())
    return f"""\
Each finding is printed as FILE:LINE:COL: LEVEL: MESSAGE [CODE]; with --json
the output is a JSON list of objects with the keys file, line, col, level,
message and code. A file that is not valid gets its validation errors only.

exit codes:
  0  no errors (warnings are printed but do not fail without --strict)
  1  at least one error (invalid file, or a historical path that does not replay)
  2  bad usage
  3  no errors but warnings, with --strict

lint rules (codes; skip some with --ignore CODE,CODE):
{rules}

With --review, lint also lists each text whose translation awaits a native
speaker's review (review: true) as a note [translation-review]. Notes never
change the exit code. The game shows these texts to players without a mark.
"""


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "lint",
        help="check scenario files as negotiations (errors and warnings)",
        description="Validate scenario files, then check that each makes a playable "
        "negotiation: reachable stages, possible transitions and events, a historical "
        "path that replays, dates in order, translations and citations.",
        epilog=_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="scenario files (.yaml)")
    p.add_argument("--json", action="store_true", help="print findings as a JSON list")
    p.add_argument("--strict", action="store_true", help="exit with 3 when there are warnings")
    p.add_argument(
        "--ignore", default="", metavar="CODES", help="comma-separated codes to leave out"
    )
    p.add_argument(
        "--review",
        action="store_true",
        help="also list the texts whose translation awaits review (review: true), as notes",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    skip = {c.strip() for c in args.ignore.split(",") if c.strip()}
    found: list[Finding] = []
    for path in args.paths:
        found.extend(f for f in lint_path(path) if f.code not in skip or f.level == ERROR)
        if args.review:
            found.extend(review_findings(path))
    if args.json:
        print(render(found, as_json=True))
    elif found:
        print(render(found, as_json=False))
        errors = sum(f.level == ERROR for f in found)
        notes = sum(f.level == NOTE for f in found)
        counted = f"{errors} error(s), {len(found) - errors - notes} warning(s)"
        if notes:
            counted += f", {notes} note(s)"
        print(f"{counted} in {len(args.paths)} file(s)")
    if any(f.level == ERROR for f in found):
        return 1
    if any(f.level not in (ERROR, NOTE) for f in found) and args.strict:
        return 3
    return 0
