"""Text games with three signatories and a mediator, through a pipe, to their end."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from game.engine import Move
from game.persistence.scenarios import load
from game.session import GameSession
from game.text.play import TextGame, run_text_game
from tests.conftest import FIXTURES

ROOT = Path(__file__).resolve().parents[2]
TRIO = FIXTURES / "scenarios" / "trio.yaml"


@pytest.mark.parametrize("role", ["nadia", "eli", "cleo"])
def test_a_three_party_game_with_a_mediator_plays_to_the_debrief(role: str) -> None:
    out = io.StringIO()
    script = ["status"] + ["accept", "adjourn"] * 120
    code = run_text_game(load(TRIO), role, 3, iter(s + "\n" for s in script), out)
    text = out.getvalue()
    assert code == 0 and "DEBRIEF" in text and "Outcome:" in text
    assert "Across the table:" in text and "The Chair" in text


def test_a_three_party_game_from_a_pipe_in_a_subprocess(tmp_path: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "game",
            "play",
            str(TRIO),
            "--text",
            "--role",
            "cleo",
            "--seed",
            "2",
        ],
        input="adjourn\n" * 200,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        env={"TREATY_TABLE_SAVES": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "DEBRIEF" in proc.stdout


def _game(c: object, seat: str) -> TextGame:
    session = GameSession.new(c, str(TRIO), {seat}, seed=3)  # type: ignore[arg-type]
    return TextGame(session, seat, io.StringIO())


@pytest.mark.parametrize(
    ("line", "move"),
    [
        (
            "propose rent=24 term=medium port=shared --link rent,port",
            Move(
                "propose",
                "north",
                {"rent": 24, "term": "medium", "port": "shared"},
                links=(("rent", "port"),),
            ),
        ),
        (
            "counter rent=24 term=medium --link=rent,term",
            Move("counter", "north", {"rent": 24, "term": "medium"}, links=(("rent", "term"),)),
        ),
        ("accept", Move("accept", "north")),
        ("accept rent port", Move("accept", "north", clauses=("rent", "port"))),
        ("reopen term", Move("reopen", "north", issue="term")),
        ("reopen", Move("reopen", "north")),
        ("pass", Move("pass", "north")),
    ],
)
def test_the_terminal_reads_the_new_moves(line: str, move: Move) -> None:
    assert _game(load(TRIO), "north").parse(line) == move


def test_accepting_some_clauses_reopening_and_passing_from_the_terminal() -> None:
    out = io.StringIO()
    script = [
        "pass",
        "propose rent=24 term=medium --link rent,term",
        "status",
        "help",
    ]
    run_text_game(load(TRIO), "nadia", 3, iter(s + "\n" for s in script), out)
    text = out.getvalue()
    assert "Nadia passes." in text
    said = " ".join(text.split())
    assert (
        "Nadia proposes: Rent: 24; Term: medium — linked: Rent with Term (to Sam and Eli)" in said
    )
    assert "reopen ISSUE" in text and "--link ISSUE,ISSUE" in text


def test_the_status_says_who_has_accepted_the_offer_on_the_table() -> None:
    g = _game(load(TRIO), "east")
    assert g.session.play(Move("propose", "north", {"rent": 24})) is None
    assert g.session.play(Move("accept", "south")) is None
    g.status()
    assert "Accepted by Sam; awaiting Eli." in g.out.getvalue()  # type: ignore[attr-defined]
