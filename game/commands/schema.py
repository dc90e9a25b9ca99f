"""``treaty-table schema``: print (or write) the JSON Schema of the scenario format."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.authoring.schema import schema_text

EPILOG = """\
Editors that use the YAML language server complete and check keys when a
scenario file starts with:

  # yaml-language-server: $schema=../docs/schema.json

exit codes: 0 done (with --check: the file is current), 1 --check found the
file missing or out of date.
"""


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "schema",
        help="print the JSON Schema of scenario files",
        description="Print the JSON Schema of the scenario format (docs/schema.json).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--out", metavar="FILE", help="write it to FILE instead of printing it")
    p.add_argument("--check", metavar="FILE", help="exit 1 if FILE differs from the schema")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    text = schema_text()
    if args.check:
        path = Path(args.check)
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current != text:
            print(f"{path}: out of date; run: treaty-table schema --out {path}", file=sys.stderr)
            return 1
        print(f"{path}: current")
        return 0
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        return 0
    sys.stdout.write(text)
    return 0
