"""The command line: ``treaty-table COMMAND ...`` (also ``python -m game``).

Each command lives in a module of :mod:`game.commands` that provides
``register(subparsers)``; its parser's ``func(args) -> int`` runs it.
With no command, the game opens in a window.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

import game.commands


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser; with ``only``, just that command's (start-up stays fast)."""
    parser = argparse.ArgumentParser(
        prog="treaty-table",
        description="Treaty Table: negotiate the Soviet-Japanese Basic Convention of 1925, "
        "replay history, and write scenarios of your own.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    names = sorted(info.name for info in pkgutil.iter_modules(game.commands.__path__))
    if only is not None and only.replace("-", "_") in names:
        names = [only.replace("-", "_")]
    for name in names:
        module = importlib.import_module(f"game.commands.{name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list:
        args_list = ["play"]
    first = args_list[0]
    parser = build_parser(None if first.startswith("-") else first)
    args = parser.parse_args(args_list)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    try:
        return int(func(args) or 0)
    except KeyboardInterrupt:
        print("\nInterrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
