"""Memory of a long ``simulate`` and the time saves take to check at their limits.

Run: ``python benchmarks/bench_limits.py [SECONDS] [GAMES] [JOBS]`` (default 60 s of
``simulate peking-1925 --games 1000000 --jobs 2 --json``, Linux: RSS from /proc).
Prints one ``name: value`` line per figure: the peak resident memory of the simulate
process and its workers (summed, and the largest one) over the run, and how long
``load_record`` takes on a save of 20,000 moves, on a 16 MB file and on one nested a
million deep.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.persistence.records import MAX_MOVES, MAX_SAVE_BYTES, RecordError, load_record  # noqa: E402


def rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(x) for x in text.split()]


def simulate_memory(seconds: float, games: int, jobs: int) -> None:
    cmd = [sys.executable, "-m", "game", "simulate", "peking-1925", "--games", str(games)]
    cmd += ["--jobs", str(jobs), "--json"]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=err)
        peak_total = peak_one = 0
        end = time.monotonic() + seconds
        while time.monotonic() < end and proc.poll() is None:
            sizes = [rss_kb(p) for p in [proc.pid, *children(proc.pid)]]
            peak_total = max(peak_total, sum(sizes))
            peak_one = max(peak_one, *sizes)
            time.sleep(1.0)
        proc.terminate()  # SIGTERM: simulate stops its workers and exits
        proc.wait(timeout=60)
        out.seek(0, os.SEEK_END)
        written = out.tell()
        err.seek(0)
        lines = [x for x in err.read().decode().splitlines() if x.startswith("simulate:")]
    print(f"simulate_command: {' '.join(cmd[2:])} (for {seconds:.0f} s)")
    print(f"simulate_peak_rss_total_mb: {peak_total / 1024:.1f}")
    print(f"simulate_peak_rss_one_process_mb: {peak_one / 1024:.1f}")
    print(f"simulate_stdout_bytes: {written}")
    print(f"simulate_last_progress: {lines[-1] if lines else '(none yet)'}")


def timed(path: Path) -> str:
    t0 = time.perf_counter()
    try:
        load_record(path)
        result = "read"
    except RecordError:
        result = "refused"
    return f"{1000 * (time.perf_counter() - t0):.0f} ms ({result})"


def save_checks() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        base = {
            "format": "treaty-table-record",
            "version": 2,
            "scenario": {"id": "peking-1925", "hash": "0" * 64},
            "seed": 1,
            "moves": [
                {
                    "kind": "propose",
                    "side": "japan",
                    "package": {"oil_share": 50, "recognition": "de_jure"},
                }
            ]
            * MAX_MOVES,
            "meta": {},
        }
        longest = folder / "longest.json"
        longest.write_text(json.dumps(base, indent=1), encoding="utf-8")
        print(f"save_of_{MAX_MOVES}_moves_bytes: {longest.stat().st_size}")
        print(f"load_record_{MAX_MOVES}_moves: {timed(longest)}")
        big = folder / "big.json"
        big.write_bytes(b"[" + b"0," * (MAX_SAVE_BYTES // 2 - 2) + b"0]")
        print(f"load_record_16mb_of_numbers: {timed(big)}")
        deep = folder / "deep.json"
        deep.write_text("[" * 1_000_000 + "]" * 1_000_000, encoding="utf-8")
        print(f"load_record_nested_a_million_deep: {timed(deep)}")


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 60.0
    games = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    jobs = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    save_checks()
    simulate_memory(seconds, games, jobs)


if __name__ == "__main__":
    main()
