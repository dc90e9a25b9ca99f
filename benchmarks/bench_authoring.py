"""Benchmark: validate and lint time of a scenario, and how it grows with size.

Run: ``python benchmarks/bench_authoring.py [--runs N] [SCENARIO]``.

Times are measured after start-up (imports excluded), as the median of N runs,
in milliseconds. "validate" is reading, parsing and checking the file
(:func:`load_scenario`); "lint" is the lint rules on the loaded scenario,
compiling it for the historical replay included (the engine's compile cache
is cleared before each run). Linearity: a scenario generated ten times
larger (issues, stages and events copied under new ids) is timed the same
way; the ratio should be near 10 (linear) and not near 100 (quadratic).
Goal: validate + lint of the main scenario within 50 ms.
"""

from __future__ import annotations

import argparse
import copy
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import game.engine as engine  # noqa: E402
from game.authoring.lint import lint_loaded  # noqa: E402
from game.scenario.loader import LoadedScenario, load_scenario  # noqa: E402
from game.scenario.yamlsafe import load_yaml_file  # noqa: E402

MAIN = ROOT / "scenarios" / "peking-1925.yaml"
MINI = ROOT / "tests" / "fixtures" / "scenarios" / "mini.yaml"
GOAL_MS = 50.0


BEST: dict[str, float] = {}


def median_ms(fn: Callable[[], object], runs: int, name: str = "") -> float:
    """Median wall time of ``fn()`` in ms over ``runs`` runs (after one warm-up);
    the fastest run is kept in :data:`BEST` under ``name`` (a shared machine is noisy)."""
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000.0)
    BEST[name] = min(times)
    return statistics.median(times)


def measure(path: Path, runs: int) -> tuple[float, float, int]:
    """(validate ms, lint ms, number of lint findings) of one file (medians)."""
    loaded = load_scenario(path)

    def lint() -> int:
        engine._CACHE.clear()
        return len(lint_loaded(loaded))

    return (
        median_ms(lambda: load_scenario(path), runs, "validate"),
        median_ms(lint, runs, "lint"),
        lint(),
    )


_KEEP = {"end", "kind", "category", "move", "on", "by", "party"}


def _rename(obj: Any, names: dict[str, str]) -> Any:
    if isinstance(obj, dict):
        return {
            names.get(k, k) if isinstance(k, str) else k: v if k in _KEEP else _rename(v, names)
            for k, v in obj.items()
        }
    if isinstance(obj, list):
        return [_rename(x, names) for x in obj]
    if isinstance(obj, str):
        return names.get(obj, obj)
    return obj


def _stage_ids(stages: list[dict[str, Any]]) -> list[str]:
    out: list[str] = []
    for st in stages:
        out.append(st["id"])
        out.extend(_stage_ids(st.get("stages", [])))
    return out


def scaled(data: dict[str, Any], factor: int) -> dict[str, Any]:
    """The scenario with its issues, stages and events copied ``factor - 1`` times under new ids.

    Copies of issues get no weight (the weights still add up to 1); copied
    stages are not reachable from the start; copied events keep their dates and
    their effects on the original issues (so the issues the parties may weigh stay
    within the scenario's package limit, docs/limits.md).
    """
    out = copy.deepcopy(data)
    issues = [i["id"] for i in data.get("issues", [])]
    ids = issues + _stage_ids(data.get("stages", []))
    ids += [e["id"] for e in data.get("events", [])]
    for k in range(1, factor):
        names = {i: f"{i}_x{k}" for i in ids}
        events = {i: n for i, n in names.items() if i not in issues}
        out["issues"] += _rename(copy.deepcopy(data["issues"]), names)
        out["stages"] += _rename(copy.deepcopy(data["stages"]), names)
        out["events"] = out.get("events", []) + _rename(
            copy.deepcopy(data.get("events", [])), events
        )
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "scenario", nargs="?", help="scenario file (default: the main scenario, else mini.yaml)"
    )
    ap.add_argument("--runs", type=int, default=21)
    ap.add_argument("--factor", type=int, default=10)
    args = ap.parse_args(argv)
    path = Path(args.scenario) if args.scenario else MAIN
    try:
        loaded: LoadedScenario = load_scenario(path)
    except Exception as exc:  # report, then fall back to the small fixture
        print(
            f"{path}: cannot be loaded ({type(exc).__name__}: {str(exc)[:120]}); using {MINI.name}"
        )
        path = MINI
        loaded = load_scenario(path)
    size = path.stat().st_size
    v, lint, n = measure(path, args.runs)
    print(f"scenario {loaded.scenario.id} ({path.name}, {size:,} bytes): {args.runs} runs, median")
    print(f"  validate {v:8.2f} ms   (fastest {BEST['validate']:.2f})")
    print(f"  lint     {lint:8.2f} ms   (fastest {BEST['lint']:.2f}; {n} findings)")
    total = v + lint
    verdict = "within" if total <= GOAL_MS else "OVER"
    print(f"  total    {total:8.2f} ms   ({verdict} the {GOAL_MS:.0f} ms goal)")

    big = scaled(load_yaml_file(path).data, args.factor)
    with tempfile.TemporaryDirectory() as tmp:
        big_path = Path(tmp) / f"x{args.factor}.yaml"
        big_path.write_text(
            yaml.safe_dump(big, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
        try:
            bv, blint, bn = measure(big_path, max(3, args.runs // 3))
        except Exception as exc:
            print(
                f"the x{args.factor} scenario does not load ({type(exc).__name__}: {str(exc)[:200]})"
            )
            return 1
        bsize = big_path.stat().st_size
    print(
        f"x{args.factor} scenario ({bsize:,} bytes, {len(big['issues'])} issues, {len(big['events'])} events):"
    )
    print(f"  validate {bv:8.2f} ms   (x{bv / v:.1f})")
    print(f"  lint     {blint:8.2f} ms   (x{blint / lint:.1f}; {bn} findings)")
    print(
        f"  total    {bv + blint:8.2f} ms   (x{(bv + blint) / total:.1f} for x{bsize / size:.1f} bytes)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
