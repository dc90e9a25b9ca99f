"""Batch simulation: reproducible whatever the number of processes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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


def test_seed_changes_random_games_and_csv_rows(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    csv_path = tmp_path / "rows.csv"
    assert (
        main(
            [
                "simulate",
                MINI,
                "--games",
                "6",
                "--seed",
                "3",
                "--policy",
                "north=random",
                "--policy",
                "sam=easy",
                "--csv",
                str(csv_path),
            ]
        )
        == 0
    )
    rows = csv_path.read_text().splitlines()
    assert rows[0].startswith(
        "game,seed,termination,date,moves,rent,term,utility_north,utility_south"
    )
    assert len(rows) == 7
    summary = json.loads(capsys.readouterr().out)
    assert summary["policies"] == {"north": "random", "south": "easy"}


def test_bad_policy_is_named(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["simulate", MINI, "--policy", "north=genius"]) == 2
    assert "Bad --policy 'north=genius'" in capsys.readouterr().err
