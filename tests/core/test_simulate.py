"""Batch simulation: reproducible whatever the number of processes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from game.cli import main
from tests.conftest import FIXTURES

ROOT = Path(__file__).resolve().parents[2]
MINI = str(FIXTURES / "scenarios" / "mini.yaml")


def run(*args: str) -> str:
    out = subprocess.run(
        [sys.executable, "-m", "game", "simulate", MINI, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return out.stdout


def test_jobs_do_not_change_the_output() -> None:
    one = run("--games", "12", "--seed", "7", "--json")
    two = run("--games", "12", "--seed", "7", "--json", "--jobs", "2")
    assert one == two
    data = json.loads(one)
    assert data["summary"]["games"] == 12 and len(data["games"]) == 12
    assert {g["termination"] for g in data["games"]} <= {
        "signed",
        "broken_off",
        "deadline",
        "no_agreement",
    }


def _simulate_csv(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, seed: int
) -> tuple[list[list[str]], dict[str, Any]]:
    """Six games with a random North from ``seed``: the CSV's rows and the summary."""
    csv_path = tmp_path / f"rows-{seed}.csv"
    args = ["simulate", MINI, "--games", "6", "--seed", str(seed)]
    args += ["--policy", "north=random", "--policy", "sam=easy", "--csv", str(csv_path)]
    assert main(args) == 0
    rows = [line.split(",") for line in csv_path.read_text().splitlines()]
    return rows, json.loads(capsys.readouterr().out)


def test_seed_changes_random_games_and_csv_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows, summary = _simulate_csv(capsys, tmp_path, 3)
    assert ",".join(rows[0]).startswith(
        "game,seed,termination,date,moves,rent,term,utility_north,utility_south"
    )
    assert len(rows) == 7
    assert summary["policies"] == {"north": "random", "south": "easy"}
    assert summary["seed"] == 3
    again, _ = _simulate_csv(capsys, tmp_path, 3)
    assert again == rows  # the same seed plays the same games
    other, other_summary = _simulate_csv(capsys, tmp_path, 4)
    assert other_summary["seed"] == 4
    seeds = [r[1] for r in rows[1:]]
    assert len(set(seeds)) == 6  # each game has its own seed
    assert not set(seeds) & {r[1] for r in other[1:]}  # ... and another seed gives others
    assert [r[2:] for r in other[1:]] != [r[2:] for r in rows[1:]]  # and other games


def test_bad_policy_is_named(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["simulate", MINI, "--policy", "north=genius"]) == 2
    assert "Bad --policy 'north=genius'" in capsys.readouterr().err
