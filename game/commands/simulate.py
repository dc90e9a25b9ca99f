"""``treaty-table simulate``: AI-vs-AI games in batches, reproducible whatever --jobs is.

The games are played as a stream: a few chunks of games are under way at once,
each game's row goes to the output (``--json``, ``--csv``) as it comes, in the
order of the games, and the summary is counted as they come
(:class:`~game.engine.simulate.Tally`), so memory stays bounded whatever
``--games`` is. ``--jobs`` is capped at the processors there are; the output is
the same for any ``--jobs``.
"""

from __future__ import annotations

import argparse
import csv
import errno
import json
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any, TextIO

from game.commands import policies as plugins
from game.commands.common import load_or_report
from game.engine.simulate import GameResult, Tally, play_one
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
    p.add_argument(
        "--jobs",
        type=int,
        default=1,
        help="processes, at most the processors there are (results do not depend on it)",
    )
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


CHUNK = 16
"""Games a worker process plays per task (results come back in order, a chunk at a time)."""
AHEAD = 4
"""Tasks waiting per worker process: only these games' results are ever held at once."""
PIPE_EVERY = 10.0
"""Seconds between progress lines on stderr when it is not a terminal."""

_compiled: dict[str, Any] = {}


def _worker(
    path: str, policies: dict[str, str], seed: int, first: int, count: int, parent: int
) -> list[GameResult]:
    """Play games ``first`` .. ``first + count - 1`` in a worker process (the scenario
    is read once per process). A worker whose ``simulate`` is gone stops at once."""
    from game.persistence.scenarios import load

    c = _compiled.get(path)
    if c is None:
        c = _compiled[path] = load(path)
    out = []
    for i in range(first, first + count):
        if os.getppid() != parent and os.getpid() != parent:
            os._exit(1)
        out.append(play_one(c, policies, seed, i, plugins.make))
    return out


def cpu_count() -> int:
    """The processors this process may use."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


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
    jobs = min(args.jobs, args.games)
    if args.jobs > cpu_count():
        jobs = min(cpu_count(), args.games)
        print(
            f"--jobs {args.jobs}: this machine has {cpu_count()} processor(s) for it; "
            f"using {cpu_count()} (the results do not depend on it).",
            file=sys.stderr,
        )
    out = None
    if args.csv:
        try:
            out = _open_csv(args.csv)
        except OSError as exc:
            print(
                f"Cannot write {args.csv}: {exc.strerror or exc}. No game was played.",
                file=sys.stderr,
            )
            return 2
    path = str(resolve(args.scenario))
    progress = Progress(args.games)
    tally = Tally(c)
    try:
        stop: Any = signal.signal(signal.SIGTERM, _interrupted)
    except ValueError:  # not the main thread: leave the signals alone
        stop = None
    try:
        rows = csv.writer(out) if out is not None else None
        if rows is not None:
            rows.writerow(_csv_header(c))
        if args.json:
            sys.stdout.write('{"games": [')
        for r in _results(c, path, policies, args.seed, args.games, jobs):
            if args.json:
                if r.index:
                    sys.stdout.write(", ")
                sys.stdout.write(json.dumps(r.to_json(), ensure_ascii=False, sort_keys=True))
            if rows is not None:
                rows.writerow(_csv_row(c, r))
            tally.add(r)
            progress.step(r.index + 1)
    finally:
        if stop is not None:
            signal.signal(signal.SIGTERM, stop)
        if out is not None:
            out.close()
        progress.end()
    summary = tally.summary()
    summary["seed"] = args.seed
    summary["policies"] = {p.id: policies.get(p.id, "historical") for p in c.sc.parties}
    if args.json:
        print('], "summary": ' + json.dumps(summary, ensure_ascii=False, sort_keys=True) + "}")
        return 0
    print(json.dumps(summary, ensure_ascii=False, indent=1, sort_keys=True))
    return 0


def _interrupted(signum: int, frame: object) -> None:
    """SIGTERM ends a run as Ctrl-C does: the games not started are dropped, the worker
    processes end."""
    raise KeyboardInterrupt


def _results(
    c: Any, path: str, policies: dict[str, str], seed: int, games: int, jobs: int
) -> Iterator[GameResult]:
    """Every game's result, in order of the games, with at most ``jobs * AHEAD`` chunks
    of games under way (memory stays bounded whatever ``games`` is)."""
    if jobs == 1:
        for i in range(games):
            yield play_one(c, policies, seed, i, plugins.make)
        return
    size = max(1, min(CHUNK, games // (4 * jobs)))
    starts = iter(range(0, games, size))
    pool = ProcessPoolExecutor(max_workers=jobs)
    pending: deque[Future[list[GameResult]]] = deque()
    try:

        def submit() -> None:
            first = next(starts, None)
            if first is not None:
                pending.append(
                    pool.submit(
                        _worker, path, policies, seed, first, min(size, games - first), os.getpid()
                    )
                )

        for _ in range(jobs * AHEAD):
            submit()
        while pending:
            chunk = pending.popleft().result()
            submit()
            yield from chunk
    finally:  # stopped early (an error, Ctrl-C): the games not started are dropped
        pool.shutdown(wait=True, cancel_futures=True)


class Progress:
    """Progress on stderr: a bar on a terminal (for 20 games or more), else a line now
    and then (every :data:`PIPE_EVERY` seconds), so stdout stays the results alone."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.tty = sys.stderr.isatty()
        self.shown = False
        self.last = time.monotonic()

    def step(self, done: int) -> None:
        if self.tty:
            if self.total < 20:
                return
            width = 40
            filled = width * done // self.total
            print(
                f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{self.total}",
                end="",
                file=sys.stderr,
                flush=True,
            )
            self.shown = True
            return
        now = time.monotonic()
        if now - self.last >= PIPE_EVERY and done < self.total:
            self.last = now
            print(
                f"simulate: {done:,} of {self.total:,} games played "
                f"({100 * done / self.total:.1f}%)",
                file=sys.stderr,
                flush=True,
            )
            self.shown = True

    def end(self) -> None:
        if self.tty and self.shown:
            print(file=sys.stderr)


def _open_csv(path: str) -> TextIO:
    """The CSV file, opened for writing before any game is played (so a bad path is
    named at once, not after every game)."""
    target = Path(path)
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, "it is a folder")
    if not target.parent.is_dir():
        raise FileNotFoundError(errno.ENOENT, f"there is no folder {target.parent}")
    return open(target, "w", newline="", encoding="utf-8")


def _csv_header(c: Any) -> list[str]:
    issues = [i.id for i in c.sc.issues]
    sides = list(c.signatories)
    return [
        "game",
        "seed",
        "termination",
        "date",
        "moves",
        *issues,
        *(f"utility_{s}" for s in sides),
        "distance_from_history",
    ]


def _csv_row(c: Any, r: GameResult) -> list[Any]:
    issues = [i.id for i in c.sc.issues]
    sides = list(c.signatories)
    return [
        r.index,
        r.seed,
        r.termination,
        r.date,
        r.moves,
        *(r.terms.get(i, "") for i in issues),
        *(r.utilities[s] for s in sides),
        r.history_distance if r.history_distance is not None else "",
    ]
