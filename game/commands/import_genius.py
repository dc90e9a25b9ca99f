"""``treaty-table import-genius``: a GENIUS (or GeniusWeb) domain and two profiles -> a scenario file.

Exit codes: 0 written (or printed), 1 a file has problems (each as FILE:LINE:COL), 2 bad usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
import tempfile
from pathlib import Path

from game.genius import GeniusError, import_genius
from game.scenario.limits import name_problem
from game.scenario.loader import validate_located
from game.scenario.values import grid_size
from game.scenario.yamlsafe import ScenarioFileError, load_yaml_text

BIG_SPACE = 200_000


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "import-genius",
        help="turn a GENIUS negotiation domain and two profiles into a scenario file",
        description="Read a GENIUS domain (XML; or GeniusWeb JSON) and two utility profiles and "
        "write a playable scenario with GENIUS's utilities kept exactly: issues, both sides' "
        "preferences, reservation values, discount factors, and one round of talks until a "
        "deadline. No history.",
    )
    p.add_argument("domain", metavar="DOMAIN.xml")
    p.add_argument("profile_a", metavar="PROFILE_A.xml", help="the first side's profile (it opens)")
    p.add_argument("profile_b", metavar="PROFILE_B.xml")
    p.add_argument("--out", metavar="FILE", help="write the scenario here (default: print it)")
    p.add_argument(
        "--id", dest="scenario_id", metavar="ID", help="scenario id (lower-case letters, digits, -)"
    )
    p.add_argument("--title", help="the scenario's title")
    p.add_argument(
        "--start",
        type=_date,
        default=dt.date(2025, 1, 6),
        metavar="YYYY-MM-DD",
        help="first session (default 2025-01-06)",
    )
    p.add_argument(
        "--sessions",
        type=_positive,
        default=12,
        help="weekly sessions before the deadline (default 12)",
    )
    p.add_argument(
        "--max-values",
        type=_positive,
        default=21,
        help="how many numbers a real-valued issue offers (default 21)",
    )
    p.add_argument("--force", action="store_true", help="overwrite --out if it exists")
    p.set_defaults(func=run)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (write YYYY-MM-DD)") from None


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if not 2 <= n <= 1000:
        raise argparse.ArgumentTypeError("give a number from 2 to 1000")
    return n


def run(args: argparse.Namespace) -> int:
    if args.scenario_id is not None and not _valid_id(args.scenario_id):
        print(
            f"'{args.scenario_id}' is not a valid scenario id: use lower-case letters, digits and -, starting with a letter",
            file=sys.stderr,
        )
        return 2
    problem = None if args.title is None else name_problem(args.title)
    if problem is not None:
        print(f"the title cannot be used: {problem}", file=sys.stderr)
        return 2
    out = Path(args.out) if args.out else None
    if out is not None and out.exists() and not args.force:
        print(f"{out} exists; use --force to overwrite it", file=sys.stderr)
        return 2
    try:
        text = import_genius(
            args.domain,
            args.profile_a,
            args.profile_b,
            scenario_id=args.scenario_id,
            title=args.title,
            start=args.start,
            sessions=args.sessions,
            max_values=args.max_values,
        )
    except GeniusError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    name = str(out) if out else "<import>"
    try:
        loaded = validate_located(load_yaml_text(text, name), name)
    except ScenarioFileError as exc:  # a bug of the importer, not of the input
        print(
            f"the imported scenario does not validate (please report this):\n{exc}", file=sys.stderr
        )
        return 1
    size = 1
    for issue in loaded.scenario.issues:
        size *= max(1, grid_size(issue))
    if size > BIG_SPACE:
        print(
            f"warning: {size} possible packages; the AI opponent may be slow (fewer values per issue would help)",
            file=sys.stderr,
        )
    if out is None:
        sys.stdout.write(text)
        return 0
    try:
        _write_atomic(out, text)
    except OSError as exc:
        print(f"{out}: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return 1
    roles = " or ".join(p.diplomat.id for p in loaded.scenario.parties)
    print(
        f"wrote {out}; play it with: treaty-table play {out} --text --role {roles}", file=sys.stderr
    )
    return 0


def _valid_id(text: str) -> bool:
    return re.fullmatch(r"[a-z][a-z0-9-]{0,63}", text) is not None


def _write_atomic(path: Path, text: str) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
