"""``treaty-table graph``: the stage graph of a scenario (Mermaid or DOT), history marked."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.authoring.graph import history_path, to_dot, to_mermaid
from game.authoring.loading import load_compiled

EPILOG = """\
The stages the historical path passes through are filled and outlined; the
transitions it takes are numbered '(history N)' (and bold in DOT). Render
Mermaid at https://mermaid.live or in Markdown; render DOT with Graphviz:
  treaty-table graph peking-1925 --format dot | dot -Tsvg > stages.svg

exit codes: 0 done, 1 the scenario is not valid (its problems go to stderr),
2 bad usage.
"""


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "graph",
        help="print the stage graph (Mermaid or DOT) with the historical path marked",
        description="Print the stage graph of a scenario, built from its state machine.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("scenario", help="scenario id or file")
    p.add_argument("--format", choices=("mermaid", "dot"), default="mermaid")
    p.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    c = load_compiled(args.scenario)
    if c is None:
        return 1
    hist = history_path(c)
    text = to_dot(c, hist) if args.format == "dot" else to_mermaid(c, hist)
    if hist.problem:
        print(f"note: {hist.problem}; the path is marked as far as it goes", file=sys.stderr)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0
