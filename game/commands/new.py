"""``treaty-table new``: scaffold a commented scenario file to start from."""

from __future__ import annotations

import argparse
import sys

from game.authoring.scaffold import ScaffoldError, create

EPILOG = """\
The new file validates, lints clean and plays as it is: change it step by
step, running 'treaty-table lint FILE' as you go.

exit codes: 0 written, 1 not written (bad name, the file exists), 2 bad usage.
"""


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "new",
        help="create a new scenario file from a commented template",
        description="Create NAME.yaml: two parties, two issues, stages, an event, an argument "
        "and a short cited historical path.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("name", help="the scenario id, e.g. portsmouth-1905 (also the file name)")
    p.add_argument("--dir", default=".", help="folder to write it to (default: here)")
    p.add_argument("--title", help="the scenario's title")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        path = create(args.name, args.dir, args.title, args.force)
    except ScaffoldError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"cannot write the scenario: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"created {path}")
    print(f"next: treaty-table lint {path}   then   treaty-table play {path} --text --role eve")
    return 0
