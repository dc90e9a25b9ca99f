"""Reading typed lines at the terminal: figures for long tokens.

    python benchmarks/bench_text.py

Prints how long the terminal takes to answer a line of one long token (refused past
``game.text.parse.MAX_LINE`` characters, before it is read) and how long splitting
lines of growing length takes (linear: one pass, no string grown a character at a time).
"""

from __future__ import annotations

import io
import time

from game.persistence.scenarios import load, resolve
from game.session import GameSession
from game.text import parse
from game.text.play import TextGame


def best(f, repeat: int = 5) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        f()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    print("split() of one token (seconds, best of 5):")
    for n in (1_000, 10_000, 100_000, 1_000_000):
        line = "propose rent=" + "9" * n
        print(f"  {n:>9,} characters  {best(lambda line=line: parse.split(line)):.4f}")
    c = load(resolve("peking-1925"))
    game = TextGame(GameSession.new(c, str(c.loaded.path), {"japan"}, 1), "japan", io.StringIO())
    print("a whole typed line answered at the table (seconds, best of 5):")
    for n in (1_000, parse.MAX_LINE - 20, 1_000_000):
        line = "propose 8=" + "9" * n
        print(f"  {n:>9,} characters  {best(lambda line=line: game.command(line)):.4f}")


if __name__ == "__main__":
    main()
