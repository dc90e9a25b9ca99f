"""Core engine speed: scenario load + validate, ``apply`` rate, random full games per second,
and how long the AI takes to reply (AI against AI, every side played by the historical AI).

The AI's replies are timed twice: by the wall clock (what a player waits; on a busy
machine it includes the time other programs had the processor) and by the processor
time the reply used (``time.thread_time``: the AI's own work, steady whatever else runs).
``ai_table_builds`` counts the sorted outcome tables built (the rest came from the cache).

Run: ``python benchmarks/bench_core.py [SCENARIO]`` (default: scenarios/peking-1925.yaml).
Prints one ``name: value`` line per figure.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.engine import Compiled, apply, compile_loaded, new_game  # noqa: E402
from game.engine.ai import tables  # noqa: E402
from game.engine.compiled import compile_scenario  # noqa: E402
from game.engine.conditions import evaluate  # noqa: E402
from game.engine.policy import RandomPolicy, make_policy  # noqa: E402
from game.scenario.loader import load_scenario  # noqa: E402


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "scenarios" / "peking-1925.yaml"
    print(f"scenario: {path.name}")
    load_scenario(path)  # warm the imports
    times = []
    for _ in range(20):
        t0 = time.perf_counter()
        loaded = load_scenario(path)
        times.append(time.perf_counter() - t0)
    print(f"load_validate_ms_median: {1000 * statistics.median(times):.2f}")
    t0 = time.perf_counter()
    compile_scenario(loaded, evaluate)
    print(f"compile_ms: {1000 * (time.perf_counter() - t0):.2f}")
    c = compile_loaded(loaded)

    policy = RandomPolicy()
    applies = 0
    games = 0
    choose_time = 0.0
    apply_time = 0.0
    t_end = time.perf_counter() + 5.0
    seed = 0
    while time.perf_counter() < t_end:
        seed += 1
        state = new_game(c, seed)
        steps = 0
        while not state.over and steps < 1000:
            t0 = time.perf_counter()
            move = policy.choose(state, state.to_move).move
            t1 = time.perf_counter()
            state = apply(state, move)
            t2 = time.perf_counter()
            choose_time += t1 - t0
            apply_time += t2 - t1
            applies += 1
            steps += 1
        games += 1
    total = choose_time + apply_time
    print(f"random_games: {games}")
    print(f"moves_per_game_mean: {applies / games:.1f}")
    print(f"apply_per_second: {applies / apply_time:.0f}")
    print(f"random_full_games_per_second: {games / total:.2f}")
    ai_replies(c)


def ai_replies(c: Compiled, seconds: float = 5.0) -> None:
    """AI-against-AI games for ``seconds``: the time of each reply (``choose``)."""
    players = {p.id: make_policy(c, p.id, "historical") for p in c.sc.parties}
    replies: list[float] = []
    cpu: list[float] = []
    games = 0
    builds = tables.table_builds()
    t_end = time.perf_counter() + seconds
    while time.perf_counter() < t_end:
        games += 1
        state = new_game(c, games)
        while not state.over and len(replies) < 10_000_000:
            c0 = time.thread_time()
            t0 = time.perf_counter()
            move = players[state.to_move].choose(state, state.to_move).move
            replies.append(time.perf_counter() - t0)
            cpu.append(time.thread_time() - c0)
            state = apply(state, move)
    print(f"ai_games: {games}")
    print(f"ai_replies: {len(replies)}")
    print(f"ai_table_builds: {tables.table_builds() - builds}")
    print(f"ai_reply_ms_median: {1000 * statistics.median(replies):.3f}")
    print(f"ai_reply_ms_p99: {1000 * _p99(replies):.3f}")
    print(f"ai_reply_cpu_ms_median: {1000 * statistics.median(cpu):.3f}")
    print(f"ai_reply_cpu_ms_p99: {1000 * _p99(cpu):.3f}")


def _p99(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]


if __name__ == "__main__":
    main()
