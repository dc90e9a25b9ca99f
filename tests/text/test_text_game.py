"""Whole text games through a pipe, as each diplomat."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from game.persistence.scenarios import load
from game.text.play import run_text_game
from tests.conftest import FIXTURES, SCENARIOS

ROOT = Path(__file__).resolve().parents[2]


def scripted(lines: int) -> list[str]:
    """A patient player: accept when possible, else adjourn and wait."""
    return ["status", "foo", "propose nothing=1"] + ["accept", "adjourn"] * lines


def play(c: Any, role: str, script: list[str], seed: int = 3) -> str:
    out = io.StringIO()
    code = run_text_game(c, role, seed, iter(s + "\n" for s in script), out)
    assert code == 0
    return out.getvalue()


@pytest.mark.parametrize("role", ["nadia", "sam"])
def test_mini_game_plays_to_the_debrief(mini: Any, role: str) -> None:
    text = play(mini, role, scripted(200))
    assert "DEBRIEF" in text
    assert "Unknown command 'foo'" in text
    assert "There is no issue 'nothing'" in text
    assert "Outcome:" in text


def test_input_running_out_saves_the_game(mini: Any, tmp_path: Path) -> None:
    text = play(mini, "nadia", ["propose rent=26 term=short"])
    assert "The input ended before the talks did. The game is saved to" in text
    saved = text.split("saved to ")[1].split("\n")[0]
    assert Path(saved).exists()
    out = io.StringIO()
    run_text_game(mini, "nadia", 3, iter(["status\n"]), out, load=saved)
    assert "Loaded" in out.getvalue() and "1 moves" not in out.getvalue()


def test_unknown_role_is_named(mini: Any) -> None:
    out = io.StringIO()
    assert run_text_game(mini, "nobody", 1, iter([]), out) == 2
    assert "Unknown role 'nobody'" in out.getvalue()


def test_undo_takes_back_the_players_move(mini: Any) -> None:
    text = play(mini, "nadia", ["propose rent=26 term=short", "undo", "log"])
    assert "Undone. Back to 1924-01-07." in text


PEKING = SCENARIOS / "peking-1925.yaml"


@pytest.mark.skipif(not PEKING.exists(), reason="the main scenario is not there")
@pytest.mark.parametrize("role", ["yoshizawa", "karakhan"])
def test_main_scenario_plays_through_a_pipe(role: str, tmp_path: Path) -> None:
    script = "\n".join(["help"] + ["accept", "adjourn"] * 400) + "\n"
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "game",
            "play",
            "peking-1925",
            "--text",
            "--role",
            role,
            "--seed",
            "2",
        ],
        input=script,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=False,
        env={**__import__("os").environ, "TREATY_TABLE_SAVES": str(tmp_path)},
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert "Traceback" not in out.stderr
    assert "DEBRIEF" in out.stdout
    assert "You are " in out.stdout


def test_reload_keeps_the_game_or_names_the_move_that_no_longer_applies(tmp_path: Path) -> None:
    source = (FIXTURES / "scenarios" / "mini.yaml").read_text()
    path = tmp_path / "mini.yaml"
    path.write_text(source)
    c = load(path)
    out = io.StringIO()
    from game.engine.policy import make_policy
    from game.session import GameSession
    from game.text.play import TextGame

    session = GameSession.new(
        c, str(path), {"north"}, 3, policies={"south": make_policy(c, "south", "random")}
    )
    g = TextGame(session, "north", out)
    g.start()
    g.command("instruct")
    g.command("propose rent=16")
    path.write_text(
        source.replace(
            'title: {en: "Mini: a harbour lease"', 'title: {en: "Mini: a harbour lease (revised)"'
        )
    )
    g.command("reload")
    assert "all 2 moves still apply" in out.getvalue()
    assert g.c.sc.meta.title.get() == "Mini: a harbour lease (revised)"
    path.write_text(source.replace("bounds: {rent: {min: 14}}", "bounds: {rent: {min: 18}}"))
    g.command("reload")
    assert "Not reloaded: move 2 (north propose) no longer applies" in out.getvalue()
    assert g.c.sc.meta.title.get() == "Mini: a harbour lease (revised)"
    assert len(g.session.moves) == 2


def test_the_other_sides_instructions_stay_confidential(mini: Any) -> None:
    text = play(mini, "sam", ["propose rent=12 term=long", "adjourn", "adjourn", "adjourn"])
    assert "receives instructions (their content is not known to you)" in text
    assert "You may go down to 14" not in text
    assert "New mandate for North" not in text


def test_the_log_keeps_the_other_sides_instructions_confidential(mini: Any) -> None:
    script = ["propose rent=12 term=long", "adjourn", "adjourn", "adjourn", "log"]
    log = play(mini, "sam", script).split("> log\n")[1]
    assert "Nadia receives instructions (their content is not known to you)" in log
    assert "You may go down to 14" not in log and "softer line" not in log
    assert "New mandate for North" not in log


def test_the_debrief_goes_on_without_analytics_when_they_fail(
    mini: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import game.engine.analysis

    def broken(state: Any) -> Any:
        raise ValueError("no frontier")

    monkeypatch.setattr(game.engine.analysis, "analyse", broken)
    text = play(mini, "nadia", scripted(200))
    assert "DEBRIEF" in text and "The bargaining problem" not in text
    assert "(The bargaining analysis could not be made: ValueError: no frontier.)" in text
