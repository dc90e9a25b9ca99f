"""The authoring tools on scenarios with three signatories and a mediator, and the
explorer's warning when computer players never reach a deal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.authoring.explore import explore, summary
from game.authoring.graph import history_path, to_mermaid
from game.authoring.lint import lint_path
from game.persistence.scenarios import load
from tests.authoring.helpers import FIXTURES, MINI, run_cli

TRIO = FIXTURES / "scenarios" / "trio.yaml"


def test_lint_and_graph_take_a_three_party_scenario() -> None:
    assert [f for f in lint_path(TRIO) if f.level == "error"] == []
    c = load(TRIO)
    text = to_mermaid(c, history_path(c))
    assert "North and South alone [north + south; side agreements]" in text
    assert "A corridor meeting [north + east + chair]" in text
    assert "The final round [final clauses]" in text and "Ratified [signed; ratified]" in text


def test_explore_plays_every_party_and_names_their_policies() -> None:
    report = explore(load(TRIO), games=6, seed=1, time_limit=None)
    assert report.ok and report.games == 6 and not report.unfinished
    assert report.ai_games >= 3 and report.ai_deals >= 1 and not report.warnings
    text = summary(report)
    assert "no crashes" in text


def _no_deal(tmp_path: Path) -> Path:
    text = MINI.read_text(encoding="utf-8")
    for low in (20, 14):  # North may sign only a short term, South never
        text = text.replace(
            f"bounds: {{rent: {{min: {low}}}}}}}",
            f"bounds: {{rent: {{min: {low}}}, term: {{allow: [short]}}}}}}",
        )
    path = tmp_path / "stalemate.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_explorer_warns_when_computer_players_never_reach_a_deal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _no_deal(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli(capsys, "explore", str(path), "--games", "12", "--time-limit", "0")
    assert code == 0
    line = next(ln for ln in out.splitlines() if "[no-ai-deal]" in ln)
    assert line.startswith(f"{path}:10:1: warning: no game between computer players reached a deal")
    code, out, _ = run_cli(
        capsys, "explore", str(path), "--games", "12", "--time-limit", "0", "--json"
    )
    assert json.loads(out)["warnings"][0].startswith("no game between computer players")
    code, out, _ = run_cli(capsys, "explore", str(MINI), "--games", "12", "--time-limit", "0")
    assert "[no-ai-deal]" not in out
