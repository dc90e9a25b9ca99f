"""UI benchmark: start-up, frame times of every scene, idle CPU, memory.

Runs the window under SDL's dummy driver, and also under X11 (Xvfb or a real
display) when ``DISPLAY`` is set. Each run is a child process so start-up
and memory are measured from a fresh interpreter.

    python benchmarks/bench_ui.py [SCENARIO] [--frames 120] [--idle 3]

Targets (docs/ui.md): first interactive frame ≤ 0.5 s, every scene ≥ 60 fps
with p99 frame ≤ 8 ms at 1280×720, idle CPU ≤ 2 % of a core, memory ≤ 120 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "scenarios" / "peking-1925.yaml"
MINI = ROOT / "tests" / "fixtures" / "scenarios" / "mini.yaml"


def _percentile(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q * (len(s) - 1))))] if s else 0.0


def _peak_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def child(
    scenario: str, frames: int, idle: float, spawned: float, role: int = 0
) -> dict[str, object]:
    """Measure in this process (the window is opened here)."""
    sys.path.insert(0, str(ROOT))
    import resource

    import pygame

    from game.ui.app import App, open_display_or_explain
    from game.ui.settings import Settings

    assert open_display_or_explain() is None
    app = App(Settings(window=(1280, 720)))
    from game.ui.scenes.title import TitleScene

    app.push(TitleScene(app))
    app.step()
    first = time.monotonic() - spawned
    rss_start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    from game.ui.tour import tour

    app.reset(TitleScene(app))

    def idle_cpu(seconds: float) -> float:
        for _ in range(3):
            app.step()
        app.active_until = 0.0
        app.dirty = False
        c0, w0 = time.process_time(), time.monotonic()
        while time.monotonic() - w0 < seconds:
            app.step(block=True)
        return 100.0 * (time.process_time() - c0) / (time.monotonic() - w0)

    out: dict[str, object] = {
        "driver": pygame.display.get_driver(),
        "first_frame_s": round(first, 3),
    }
    scenes: dict[str, dict[str, float]] = {}
    idles: dict[str, float] = {}
    app.stack.clear()
    peaks: dict[str, float] = {}
    for name, _scene in tour(app, scenario, role):
        peaks[name] = _peak_mb()
        full, moving = [], []
        for i in range(frames):
            # a full frame: every widget drawn and the whole window sent to the screen
            t0 = time.perf_counter()
            app.manager.update(1 / 60)
            app.draw(full=True)
            full.append(time.perf_counter() - t0)
            # an interactive frame: the mouse moves over the widgets (hover, tooltips)
            x, y = (40 + 37 * i) % 1240, (60 + 23 * i) % 680
            pygame.event.post(
                pygame.event.Event(
                    pygame.MOUSEMOTION, {"pos": (x, y), "rel": (1, 1), "buttons": (0, 0, 0)}
                )
            )
            t0 = time.perf_counter()
            app.step()
            moving.append(time.perf_counter() - t0)
        full, moving = full[3:], moving[3:]
        mean = sum(full) / len(full)
        scenes[name] = {
            "fps": round(1.0 / mean, 1),
            "mean_ms": round(1000 * mean, 2),
            "p99_ms": round(1000 * _percentile(full, 0.99), 2),
            "input_p99_ms": round(1000 * _percentile(moving, 0.99), 2),
        }
        if name in ("title", "table", "debrief", "replay") and idle > 0:
            idles[name] = round(idle_cpu(idle), 2)
    out["scenes"] = scenes
    out["peak_mb_by_scene"] = peaks
    out["role"] = role
    out["idle_cpu_percent"] = idles
    out["rss_at_title_mb"] = round(rss_start, 1)
    out["max_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    pygame.quit()
    return out


def clicked(scenario: str, role: int) -> dict[str, object]:
    """A game played through the buttons and dialogs as a player would click it: random
    legal moves (never breaking off) as the diplomat of party ``role``, the AI on the
    other side, then the debrief. Measured in this process."""
    sys.path.insert(0, str(ROOT))
    from game.persistence.scenarios import load
    from game.ui import driver
    from game.ui.app import App, open_display_or_explain
    from game.ui.settings import Settings

    assert open_display_or_explain() is None
    app = App(Settings(window=(1280, 720)))
    c = load(scenario)
    side = c.sc.parties[role].id
    name = c.parties[side].diplomat.name.get("en")
    table = driver.to_table(app, scenario, name)
    driver.play_to_end(app, table, limit=600, kind="random")
    moves = len(table.session.states) - 1
    peak_game = _peak_mb()
    driver.press_text(app, "See the debrief")
    for _ in range(5):
        app.step()
    return {
        "diplomat": name,
        "moves": moves,
        "termination": getattr(
            getattr(table.session.state.outcome, "termination", None), "value", "?"
        ),
        "peak_game_mb": peak_game,
        "peak_with_debrief_mb": _peak_mb(),
    }


def _env(driver: str | None, **extra: str) -> dict[str, str]:
    """The environment of a measured process: saves and settings in a fresh temporary
    folder, no sound, SDL's video ``driver`` (None: its default, X11)."""
    env = dict(os.environ)
    tmp = tempfile.mkdtemp(prefix="bench-ui-")
    env.update(
        TREATY_TABLE_SAVES=tmp + "/saves",
        TREATY_TABLE_CONFIG=tmp + "/config",
        SDL_AUDIODRIVER="dummy",
        **extra,
    )
    if driver:
        env["SDL_VIDEODRIVER"] = driver
    else:
        env.pop("SDL_VIDEODRIVER", None)
    return env


def _spawn(driver: str | None, args: list[str]) -> dict[str, object]:
    """Run this script with ``args`` in a fresh interpreter and read its JSON line."""
    env = _env(driver, PYGAME_HIDE_SUPPORT_PROMPT="1")
    proc = subprocess.run(
        [sys.executable, __file__, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=900,
    )
    if proc.returncode != 0:
        return {
            "driver": driver or "x11",
            "error": proc.stderr.strip().splitlines()[-1:] or ["failed"],
        }
    result: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def run_clicked(scenario: str, role: int) -> dict[str, object]:
    return _spawn("dummy", ["--clicked", str(role), scenario])


def run(
    driver: str | None, scenario: str, frames: int, idle: float, role: int = 0
) -> dict[str, object]:
    spawned = time.monotonic()
    args = ["--child", scenario, "--frames", str(frames), "--idle", str(idle)]
    return _spawn(driver, [*args, "--spawned", repr(spawned), "--role", str(role)])


def cli_startup(driver: str | None, scenario: str) -> float | None:
    """Seconds from spawning ``python -m game play SCENARIO`` to its first frame."""
    env = _env(driver, TREATY_TABLE_FIRST_FRAME_EXIT="1")
    best = None
    for _ in range(3):
        t0 = time.monotonic()
        proc = subprocess.run(
            [sys.executable, "-m", "game", "play", scenario],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            timeout=120,
        )
        line = next((x for x in proc.stdout.splitlines() if x.startswith("first-frame ")), None)
        if line is None:
            return None
        took = float(line.split()[1]) - t0
        best = took if best is None else min(best, took)
    return best


def report(r: dict[str, object]) -> None:
    print(f"\n== driver: {r.get('driver')}")
    if "error" in r:
        print(f"   failed: {r['error']}")
        return
    print(f"   first interactive frame: {r['first_frame_s']:.3f} s after start (target ≤ 0.5 s)")
    if r.get("cli_first_frame_s") is not None:
        print(
            f"   ... through `python -m game play` (the command line imports every command): {r['cli_first_frame_s']:.3f} s"
        )
    print(
        f"   memory at the title:     {r['rss_at_title_mb']} MB; peak over the whole run {r['max_rss_mb']} MB (target ≤ 120 MB)"
    )
    print(f"   {'scene':<14}{'full fps':>9}{'mean ms':>9}{'p99 ms':>8}{'input p99 ms':>14}")
    for name, s in r["scenes"].items():  # type: ignore[attr-defined]
        print(f"   {name:<14}{s['fps']:>9}{s['mean_ms']:>9}{s['p99_ms']:>8}{s['input_p99_ms']:>14}")
    worst = max(s["p99_ms"] for s in r["scenes"].values())  # type: ignore[attr-defined]
    worst_in = max(s["input_p99_ms"] for s in r["scenes"].values())  # type: ignore[attr-defined]
    low = min(s["fps"] for s in r["scenes"].values())  # type: ignore[attr-defined]
    print(
        f"   full frames: worst p99 {worst} ms, lowest {low} fps; frames on input: worst p99 {worst_in} ms (targets: p99 ≤ 8 ms, ≥ 60 fps)"
    )
    for name, cpu in r["idle_cpu_percent"].items():  # type: ignore[attr-defined]
        print(f"   idle CPU on {name:<8} {cpu:5.2f} % of a core (target ≤ 2 %)")


def main() -> int:
    parser = argparse.ArgumentParser(description="UI benchmark")
    parser.add_argument("scenario", nargs="?", default=str(DEFAULT if DEFAULT.exists() else MINI))
    parser.add_argument("--frames", type=int, default=120)
    parser.add_argument("--idle", type=float, default=3.0)
    parser.add_argument("--json", action="store_true", help="print the raw results as JSON")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--spawned", type=float, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--role", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--clicked", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.clicked is not None:
        print(json.dumps(clicked(args.scenario, args.clicked)))
        return 0
    if args.child:
        print(
            json.dumps(
                child(
                    args.scenario,
                    args.frames,
                    args.idle,
                    args.spawned or time.monotonic(),
                    args.role,
                )
            )
        )
        return 0
    print(
        f"Treaty Table UI benchmark — scenario {Path(args.scenario).name}, {args.frames} frames a scene, 1280×720"
    )
    print(
        "full frame = every widget drawn and the whole window sent (after a move or a new scene);"
    )
    print(
        "input frame = a loop turn with the mouse moving (only changed widgets are sent to the screen)"
    )
    results = [run("dummy", args.scenario, args.frames, args.idle)]
    results[0]["cli_first_frame_s"] = cli_startup("dummy", args.scenario)
    other = run("dummy", args.scenario, args.frames, args.idle, role=1)
    if os.environ.get("DISPLAY"):
        results.append(run(None, args.scenario, args.frames, args.idle))
        results[-1]["cli_first_frame_s"] = cli_startup(None, args.scenario)
    else:
        print(
            "(DISPLAY is not set: X11 not measured; run under `xvfb-run -a -s '-screen 0 1280x720x24'` for it)"
        )
    for r in results:
        report(r)
    print(
        "\n== memory: peak resident set (ru_maxrss) so far, on reaching each scene (target ≤ 120 MB)"
    )
    runs = [("dummy, first party", results[0]), ("dummy, second party", other)]
    runs += [("x11, first party", r) for r in results[1:]]
    names = list(results[0].get("peak_mb_by_scene", {}))  # type: ignore[arg-type]
    print(f"   {'scene':<14}" + "".join(f"{label:>22}" for label, _ in runs))
    for name in names:
        row = [r.get("peak_mb_by_scene", {}).get(name, "-") for _, r in runs]  # type: ignore[attr-defined]
        print(f"   {name:<14}" + "".join(f"{v:>22}" for v in row))
    print(f"   {'whole run':<14}" + "".join(f"{r.get('max_rss_mb', '-'):>22}" for _, r in runs))
    print("\n== memory: a game clicked through the table's buttons and dialogs (dummy driver;")
    print("   random legal moves as the player, never breaking off; the AI on the other side)")
    for role in (0, 1):
        g = run_clicked(args.scenario, role)
        if "error" in g:
            print(f"   party {role}: failed: {g['error']}")
            continue
        print(
            f"   as {g['diplomat']}: {g['moves']} moves, {g['termination']}; "
            f"peak {g['peak_game_mb']} MB, {g['peak_with_debrief_mb']} MB with the debrief "
            "(target ≤ 120 MB)"
        )
    if args.json:
        print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
