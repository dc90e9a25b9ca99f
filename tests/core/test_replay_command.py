"""``treaty-table replay`` of a saved game, with the scenario named by path."""

from __future__ import annotations

from pathlib import Path

from game.cli import main
from game.engine import Move, apply, new_game
from game.engine.record import record_of
from game.persistence.records import save_record
from game.persistence.scenarios import load
from tests.conftest import FIXTURES


def test_replay_a_saved_game_from_a_scenario_outside_the_folders(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = FIXTURES / "scenarios" / "mini.yaml"
    c = load(path)
    states = [new_game(c, 2)]
    moves = [Move("propose", "north", {"rent": 24, "term": "medium"}), Move("accept", "south")]
    for mv in moves:
        states.append(apply(states[-1], mv))
    saved = save_record(record_of(states, moves), tmp_path / "game.json")
    assert main(["replay", str(saved), "--json"]) == 1  # 'mini' is not a bundled scenario
    assert "mini" in capsys.readouterr().err
    assert main(["replay", str(saved), "--json", "--scenario", str(path)]) == 0
    assert '"termination": "signed"' in capsys.readouterr().out
