"""``treaty-table play``: play a scenario in a window or in the terminal."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from typing import Any

# The window should open fast: the engine is imported only when it is needed.
DIFFICULTIES = ("historical", "hard", "easy")  # game.engine.policy.DIFFICULTIES (a test checks)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("play", help="play a scenario (a window, or --text for the terminal)")
    p.add_argument(
        "scenario", nargs="?", default=None, help="scenario id or file (default: peking-1925)"
    )
    p.add_argument(
        "--text", action="store_true", help="play in the terminal (reads moves from a pipe too)"
    )
    p.add_argument("--role", help="your diplomat, e.g. yoshizawa or karakhan")
    p.add_argument("--seed", type=seed, default=1, help="the game's random seed (default 1)")
    p.add_argument("--difficulty", choices=DIFFICULTIES, default="historical")
    p.add_argument(
        "--policy",
        metavar="SIDE=KIND",
        help="who plays the other side (with --text): a difficulty, random, or a plugin's "
        "PLUGIN:SPEC, e.g. japan=negmas:negmas.sao:AspirationNegotiator (negmas extra)",
    )
    p.add_argument("--lang", choices=("en", "az"), default="en")
    p.add_argument("--load", metavar="FILE", help="continue a saved game")
    p.add_argument(
        "--allow-changed",
        action="store_true",
        help="with --load: replay the save's moves even if the scenario file has changed "
        "since (the first move that no longer applies is named; the save is kept as it is)",
    )
    p.add_argument("--hotseat", action="store_true", help="two players at one window")
    p.add_argument(
        "--no-tutorial",
        action="store_true",
        help="no hints of the guided first game (with --text; 'tutorial off' at the table "
        "turns them off for good)",
    )
    p.set_defaults(func=run)


def seed(text: str) -> int:
    """A seed from the command line: a whole number that a save can hold."""
    from game.persistence.records import MAX_SEED

    try:
        value = int(text) if len(text) <= 24 else None
    except ValueError:
        value = None
    if value is None or not -MAX_SEED <= value <= MAX_SEED:
        raise argparse.ArgumentTypeError(
            f"'{text[:30]}' is not a seed: give a whole number from {-MAX_SEED} to {MAX_SEED}"
        )
    return value


HEADLESS_DRIVERS = ("offscreen", "dummy")
"""SDL's video drivers that draw nowhere: SDL falls back to them when it finds no display."""


def window_problem() -> str | None:
    """Why no window can be shown here, found before one is opened (None: one can).

    Without a display SDL falls back to a driver that draws nowhere, and the
    window would run unseen for ever. A driver asked for by name
    (``SDL_VIDEODRIVER``, e.g. ``dummy`` in tests) is taken as it is.
    """
    if os.environ.get("SDL_VIDEODRIVER"):
        return None
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    try:
        import pygame
    except ImportError as exc:
        return str(exc)
    try:
        with _quiet_stderr():  # SDL prints what each driver it tries lacks
            pygame.display.init()
    except pygame.error as exc:
        return str(exc) or "no video device"
    driver = pygame.display.get_driver()
    if driver in HEADLESS_DRIVERS:
        pygame.display.quit()
        return f"SDL finds no display, only its '{driver}' driver"
    return None


@contextlib.contextmanager
def _quiet_stderr() -> Iterator[None]:
    """Standard error (the file descriptor, where C libraries write) sent nowhere for a while."""
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError):
        yield
        return
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def run(args: argparse.Namespace) -> int:
    if not args.text and args.policy:
        print("--policy works with --text (the window offers the difficulties).", file=sys.stderr)
        return 2
    if not args.text:
        problem = window_problem()
        if problem is not None:
            print(
                f"treaty-table: no window can be opened here ({problem}). "
                "Play in the terminal instead: treaty-table play --text",
                file=sys.stderr,
            )
            return 1
        try:
            from game.ui.app import run_window
        except ImportError as exc:
            print(
                f"The window cannot start ({exc}). Play in the terminal with --text.",
                file=sys.stderr,
            )
            return 1
        return int(run_window(args))
    from game.commands.common import load_or_report

    c = load_or_report(args.scenario or "peking-1925")
    if c is None:
        return 1
    role = args.role
    if role is None:
        if not sys.stdin.isatty():
            print(f"Give your role with --role ({' or '.join(c.roles)}).", file=sys.stderr)
            return 2
        role = input(f"Play as ({' / '.join(c.roles)}): ").strip()
    from game.text.play import program, run_text_game

    make_opponent: Callable[[Any, str], Any] | None = None
    if args.policy:
        from game.commands import policies

        side, _, kind = args.policy.partition("=")
        side = c.roles.get(side, side)
        player = c.roles.get(role, role)
        why = policies.problem(kind)
        if side not in c.parties or side == player or why is not None:
            print(
                f"Bad --policy '{args.policy}': use SIDE=KIND with SIDE the other side "
                f"({', '.join(s for s in c.parties if s != player)})" + (f"; {why}" if why else ""),
                file=sys.stderr,
            )
            return 2
        try:
            policies.make(c, side, kind)
        except ValueError as exc:
            print(f"Bad --policy '{args.policy}': {exc}", file=sys.stderr)
            return 2

        def make_opponent(compiled: Any, other: str) -> Any:
            return policies.make(compiled, other, kind)

    return run_text_game(
        c,
        role,
        args.seed,
        iter(sys.stdin),
        sys.stdout,
        lang=args.lang,
        difficulty=args.difficulty,
        load=args.load,
        prompt=sys.stdin.isatty(),
        make_opponent=make_opponent,
        tutorial=not args.no_tutorial,
        allow_changed=args.allow_changed,
        resume=continue_command(args, c, role, program()),
        signals=True,
    )


def continue_command(args: argparse.Namespace, c: Any, role: str, prog: list[str]) -> list[str]:
    """The command that goes on with this game (``--load FILE`` is added to it): the
    scenario, the role, and the options that shape the game."""
    from game.text.play import continue_base

    options: list[str] = []
    if args.lang != "en":
        options += ["--lang", args.lang]
    if args.difficulty != "historical":
        options += ["--difficulty", args.difficulty]
    if args.policy:
        options += ["--policy", args.policy]
    if args.no_tutorial:
        options.append("--no-tutorial")
    return continue_base(c, role, prog, *options)
