"""Saves and replay files: versioned, atomic, and clear about every problem."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from game.engine import Move, apply, new_game
from game.engine.record import record_of, resume
from game.persistence.records import RecordError, load_record, save_record
from game.persistence.scenarios import load
from tests.conftest import FIXTURES

MOVES = [
    Move("propose", "north", {"rent": 24}),
    Move("counter", "south", {"rent": 16, "term": "long"}),
    Move("instruct", "north"),
    Move("propose", "north", {"rent": 18, "term": "medium"}),
]


def played(c: Any) -> tuple[list[Any], list[Move]]:
    states = [new_game(c, 5)]
    for mv in MOVES:
        states.append(apply(states[-1], mv))
    return states, list(MOVES)


def test_save_and_load_give_the_same_game(mini: Any, tmp_path: Path) -> None:
    states, moves = played(mini)
    path = save_record(record_of(states, moves, {"role": "nadia"}), tmp_path / "game.json")
    assert [p.name for p in tmp_path.iterdir()] == ["game.json"]  # no temporary file left
    rec = load_record(path)
    assert rec.seed == 5 and rec.meta == {"role": "nadia"}
    res = resume(mini, rec)
    assert res.problem is None and not res.changed
    assert res.states[-1].date == states[-1].date
    assert res.states[-1].offer == states[-1].offer
    data = json.loads(path.read_text())
    assert data["version"] == 2 and data["scenario"] == {"id": "mini", "hash": mini.hash}


def test_overwriting_a_save_keeps_a_whole_file(mini: Any, tmp_path: Path) -> None:
    states, moves = played(mini)
    path = tmp_path / "game.json"
    save_record(record_of(states[:2], moves[:1]), path)
    save_record(record_of(states, moves), path)
    assert len(load_record(path).moves) == 4


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("{not json", "game.json:1:2: damaged save file"),
        ('{"format": "something-else"}', "not a Treaty Table save file"),
        ('{"format": "treaty-table-record", "version": 99}', "version 99"),
        ('{"format": "treaty-table-record", "version": 1, "seed": 1}', "damaged save file"),
        (
            '{"format": "treaty-table-record", "version": 1, "scenario": {"id": "mini", "hash": "x"}, "seed": "a", "moves": []}',
            "damaged save file",
        ),
        ("[1, 2]", "not a Treaty Table save file"),
    ],
)
def test_damaged_files_get_a_clear_error(tmp_path: Path, content: str, fragment: str) -> None:
    path = tmp_path / "game.json"
    path.write_text(content)
    with pytest.raises(RecordError) as err:
        load_record(path)
    assert fragment in str(err.value)
    assert path.read_text() == content  # nothing is lost or rewritten


def test_not_utf8_folder_and_missing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\xff\xfe\x00garbage")
    for path, fragment in [
        (bad, "not UTF-8"),
        (tmp_path, "is a folder"),
        (tmp_path / "nope.json", "cannot be read"),
    ]:
        with pytest.raises(RecordError) as err:
            load_record(path)
        assert fragment in str(err.value)


def test_a_changed_scenario_names_the_first_move_that_no_longer_applies(tmp_path: Path) -> None:
    text = (FIXTURES / "scenarios" / "mini.yaml").read_text()
    original = tmp_path / "mini.yaml"
    original.write_text(text)
    c = load(original)
    states, moves = played(c)
    path = save_record(record_of(states, moves), tmp_path / "game.json")
    changed = tmp_path / "mini2.yaml"
    changed.write_text(
        text.replace(
            "{id: soft, name: {en: softer line}, bounds: {rent: {min: 14}}}",
            "{id: soft, name: {en: softer line}, bounds: {rent: {min: 20}}}",
        )
    )
    res = resume(load(changed), load_record(path))
    assert res.changed
    assert res.problem is not None
    assert res.problem.startswith(
        "move 4 (north propose) no longer applies (the scenario has changed since)"
    )
    assert "at least 20" in res.problem
    assert len(res.states) == 4  # the game is kept up to the move before


def test_a_record_for_another_scenario_is_refused(mini: Any, tmp_path: Path) -> None:
    states, moves = played(mini)
    rec = record_of(states, moves)
    path = tmp_path / "g.json"
    data = rec.to_json()
    data["scenario"]["id"] = "elsewhere"
    path.write_text(json.dumps(data))
    with pytest.raises(RecordError, match="for scenario 'elsewhere'"):
        resume(mini, load_record(path))
