"""``treaty-table export-genius``: a stage of a scenario as a GENIUS domain and two profiles.

Exit codes: 0 written, 1 the scenario has problems or a file cannot be written, 2 bad usage.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from game.commands.common import load_or_report


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "export-genius",
        help="write a stage's open issues as a GENIUS domain and one profile per side",
        description="Write the open issues of a stage as a GENIUS domain (XML) and one utility "
        "profile per side, so GENIUS and NegMAS agents can negotiate them. Utilities are kept "
        "exactly; import-genius reads the files back to the same Pareto frontier.",
    )
    p.add_argument("scenario", help="scenario id or file")
    p.add_argument(
        "--stage", help="the stage whose open issues to write (default: the one with the most)"
    )
    p.add_argument("--out", metavar="DIR", default=".", help="folder to write to (default: here)")
    p.add_argument("--force", action="store_true", help="overwrite files that exist")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    c = load_or_report(args.scenario)
    if c is None:
        return 1
    from game.genius.export import export_genius

    if args.stage is not None and args.stage not in c.stages:
        stages = ", ".join(sid for sid, info in c.stages.items() if info.open)
        print(
            f"No stage '{args.stage}' in {c.id}; stages with open issues: {stages}", file=sys.stderr
        )
        return 2
    try:
        files = export_genius(c, args.stage)
    except ValueError as exc:
        print(f"{exc}; choose another --stage", file=sys.stderr)
        return 2
    out = Path(args.out)
    texts = [files.domain, *files.profiles]
    existing = [str(out / name) for name, _ in texts if (out / name).exists()]
    if existing and not args.force:
        print(f"{existing[0]} exists; use --force to overwrite", file=sys.stderr)
        return 2
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name, text in texts:
            _write_atomic(out / name, text)
    except OSError as exc:
        print(f"{out}: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return 1
    domain = out / files.domain[0]
    a, b = (out / name for name, _ in files.profiles)
    print(f"wrote {domain}, {a} and {b}", file=sys.stderr)
    print(f"read them back with: treaty-table import-genius {domain} {a} {b}", file=sys.stderr)
    return 0


def _write_atomic(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
