"""Whole text games through a pipe, as each diplomat."""

from __future__ import annotations

import io
import os
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


def play(c: Any, role: str, script: list[str], seed: int = 3, **kw: Any) -> str:
    out = io.StringIO()
    code = run_text_game(c, role, seed, iter(s + "\n" for s in script), out, **kw)
    assert code == 0
    return out.getvalue()


@pytest.mark.parametrize("role", ["nadia", "sam"])
def test_mini_game_plays_to_the_debrief(mini: Any, role: str) -> None:
    text = play(mini, role, scripted(200))
    assert "DEBRIEF" in text
    assert "Unknown command 'foo'" in text
    assert "There is no issue 'nothing'. The issues: 1 Rent · 2 Term." in text
    assert "Outcome:" in text and "Why the outcome differs from history" in text


def test_input_running_out_saves_the_game_and_says_how_to_go_on(mini: Any) -> None:
    text = play(mini, "nadia", ["propose rent=26 term=short"])
    assert "The input ended before the talks did. The game is saved to" in text
    saved = text.split("saved to ")[1].split("\n")[0]
    assert Path(saved).exists()
    command = text.split("Continue with: ")[1].split("\n")[0]
    assert "--role nadia" in command and command.endswith(f"--load {saved}")
    assert str(FIXTURES / "scenarios" / "mini.yaml") in command  # not an id: the fixture has none
    out = io.StringIO()
    run_text_game(mini, "nadia", 3, iter(["status\n"]), out, load=saved)
    assert "Loaded" in out.getvalue() and "1 moves" not in out.getvalue()


def test_unknown_role_is_named(mini: Any) -> None:
    out = io.StringIO()
    assert run_text_game(mini, "nobody", 1, iter([]), out) == 2
    assert "Unknown role 'nobody'" in out.getvalue()


def test_undo_takes_back_the_players_move(mini: Any) -> None:
    text = play(mini, "nadia", ["propose rent=26 term=short", "undo", "log"])
    assert "Undone: back to 7 January 1924." in text


def test_issues_and_values_are_named_by_number_name_or_id(mini: Any) -> None:
    text = play(
        mini,
        "nadia",
        [
            "propose 1=26 2=1",
            "undo",
            "propose Rent=26 Term=sh",
            "undo",
            "propose rent=26 term=short",
        ],
    )
    assert text.count("Nadia proposes: Rent: 26%; Term: short") == 3


def test_an_unclear_name_lists_what_it_could_mean(mini: Any) -> None:
    text = play(mini, "nadia", ["propose term=s", "propose term=x", "argue 9"])
    assert "'x' is not one of the values of Term: 1 short · 2 medium · 3 long." in text


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
        env={**os.environ, "TREATY_TABLE_SAVES": str(tmp_path)},
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
    assert "North hears from home (confidential)." in text
    assert "You may go down to 14" not in text
    assert "New mandate for North" not in text and "softer line" not in text


def test_the_log_keeps_the_other_sides_instructions_confidential(mini: Any) -> None:
    script = ["propose rent=12 term=long", "adjourn", "adjourn", "adjourn", "log"]
    log = play(mini, "sam", script).split("> log\n")[1]
    assert "North hears from home (confidential)." in log
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


def test_a_save_that_cannot_be_written_is_said_and_the_game_goes_on(
    mini: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("TREATY_TABLE_SAVES", str(blocker))
    out = io.StringIO()
    assert run_text_game(mini, "nadia", 3, iter(["save\n", "status\n"]), out) == 1
    text = out.getvalue()
    assert "Not saved:" in text and "Traceback" not in text
    assert text.count("--- ") >= 2  # the game went on after the failed save
    assert "The game could not be saved:" in text  # at the end of the input too


def test_the_source_of_a_text_is_a_short_mark_and_the_full_citation_on_demand(
    mini: Any,
) -> None:
    c = load(PEKING)
    text = play(c, "yoshizawa", ["source 1", "source 99", "source x"], tutorial=False)
    briefing = text.split("> source 1")[0]
    assert "[source 1]" in briefing and "Source:" not in briefing
    shown = text.split("> source 1\n")[1].split("> source 99")[0]
    assert shown.startswith("Sources of [1]:")
    assert "“On September 22, Karakhan called to the Japanese" in shown
    assert "There is no source 99" in text and "There is no source x" in text


def test_why_shows_the_figures_behind_the_last_answer(mini: Any) -> None:
    text = play(mini, "nadia", ["propose rent=20 term=medium", "why"], tutorial=False)
    said = text.split("> why\n")[1]
    assert said.startswith("The figures behind Sam's last answer")
    assert "worth" in said and "out of 100" in said
    before = text.split("> why")[0]
    assert "to us" not in before  # the answer itself carries no utility numbers
