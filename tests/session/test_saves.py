"""The session's saves as the front ends use them: the list (readable, valid saves only),
Continue, autosave names, and names cleaned to the saves folder."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from game.engine import Move
from game.persistence.records import SaveRefused
from game.persistence.scenarios import user_dir
from game.session import (
    GameSession,
    ScenarioChanged,
    latest_game,
    list_saves,
    save_info,
    save_stem,
)
from game.session.saves import MAX_NAME_BYTES
from tests.conftest import FIXTURES

MINI = FIXTURES / "scenarios" / "mini.yaml"


def saves() -> Path:
    return Path(os.environ["TREATY_TABLE_SAVES"])


def game(mini: Any, seat: str = "north", seed: int = 1) -> GameSession:
    return GameSession.new(mini, str(MINI), {seat}, seed=seed)


def test_the_list_shows_names_and_dates_never_ids(mini: Any) -> None:
    s = game(mini)
    assert s.play(Move("propose", "north", {"rent": 24, "term": "short"})) is None
    s.run_ai()
    path = s.save("my game")
    [info] = list_saves()
    assert info.path == path and info.name == "my game"
    assert info.title_in("en") == "Mini: a harbour lease"
    assert info.role_in("en") == "Nadia" and not info.hotseat
    assert info.date == s.state.date and info.moves == len(s.moves)
    assert info.modified.date() == dt.date.today() and not info.autosave
    assert info.players_in("en") == ["Nadia"]
    auto = s.autosave()
    assert next(i for i in list_saves() if i.path == auto).autosave
    hot = GameSession.new(mini, str(MINI), {"north", "south"}, seed=3)
    hot.save("both")
    both = next(i for i in list_saves() if i.name == "both")
    assert both.hotseat and both.role_in("en") == "" and both.players_in("en") == ["Nadia", "Sam"]


def test_an_older_save_takes_its_names_from_its_scenario(mini: Any) -> None:
    user_dir().mkdir(parents=True)
    shutil.copy(MINI, user_dir() / "mini.yaml")
    path = game(mini).save("old")
    data = json.loads(path.read_text(encoding="utf-8"))
    for key in ("title", "players", "date", "over"):
        del data["meta"][key]
    path.write_text(json.dumps(data), encoding="utf-8")
    [info] = list_saves()
    assert info.title_in("en") == "Mini: a harbour lease" and info.role_in("en") == "Nadia"


def test_only_valid_saves_are_listed(mini: Any, tmp_path: Path) -> None:
    good = game(mini).save("good")
    folder = saves()
    (folder / "damaged.json").write_text('{"format": "treaty-table-record", "version": 1', "utf-8")
    (folder / "foreign.json").write_text('{"hello": 1}', "utf-8")
    (folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000, "utf-8")
    os.mkfifo(folder / "fifo.json")
    (folder / "dev.json").symlink_to("/dev/zero")
    (folder / "folder.json").mkdir()
    (folder / ".hidden.json").write_text(good.read_text("utf-8"), "utf-8")
    assert [i.path for i in list_saves()] == [good]
    for name in ("damaged", "foreign", "deep", "fifo", "dev", "folder"):
        info = save_info(folder / f"{name}.json")
        assert info.problem is not None and str(folder) in info.problem


def test_continue_is_the_newest_game_in_progress(mini: Any) -> None:
    assert latest_game() is None
    first = game(mini, seed=1).save("first")
    second = game(mini, seed=2).save("second")
    os.utime(first, (1_000_000_000, 1_000_000_000))
    info = latest_game()
    assert info is not None and info.path == second
    over = game(mini, seed=3)
    over.play(Move("break_off", "north"))
    assert over.state.over
    over.save("finished")
    info = latest_game()
    assert info is not None and info.path == second  # a finished game is not continued
    user_dir().mkdir(parents=True)
    shutil.copy(MINI, user_dir() / "mini.yaml")  # its scenario, found by its id
    back, problem = GameSession.load_save(info.path)
    assert problem is None and back.moves == [] and back.state.seed == 2


def test_autosave_never_replaces_a_file_that_is_not_a_save(mini: Any) -> None:
    s = game(mini)
    saves().mkdir()
    name = f"{s.autosave_name()}.json"
    (saves() / name).write_text("my notes", encoding="utf-8")
    path = s.autosave()
    assert path.name == f"{s.autosave_name()}-2.json"
    assert (saves() / name).read_text(encoding="utf-8") == "my notes"
    assert s.autosave() == path  # its own save is replaced
    with pytest.raises(SaveRefused, match="not a saved game; it is left as it is"):
        s.save(s.autosave_name())


def test_a_new_game_never_replaces_the_autosave_of_another_game(mini: Any) -> None:
    first = game(mini, seed=1)
    assert first.play(Move("propose", "north", {"rent": 24, "term": "short"})) is None
    kept = first.autosave()
    second = game(mini, seed=2)  # a new game of the same scenario, as the same diplomat
    path = second.autosave()
    assert path != kept
    user_dir().mkdir(parents=True)
    shutil.copy(MINI, user_dir() / "mini.yaml")  # its scenario, found by its id
    back, problem = GameSession.load_save(kept)  # the first game is all there
    assert problem is None and back.state.seed == 1 and len(back.moves) == 1
    assert second.autosave() == path  # its own autosave is replaced as it goes on
    assert first.autosave() == kept
    again, _ = GameSession.load_save(kept)  # the first game, loaded and played on,
    again.run_ai()
    assert len(again.moves) > 1
    assert again.autosave() == kept  # goes on in its own file


def test_a_changed_scenario_is_refused_until_allowed(mini: Any) -> None:
    user_dir().mkdir(parents=True)
    scen = user_dir() / "mini.yaml"
    text = MINI.read_text(encoding="utf-8")
    scen.write_text(text, encoding="utf-8")
    from game.persistence.scenarios import load

    s = GameSession.new(load(scen), str(scen), {"north"}, seed=1)
    path = s.autosave()
    scen.write_text(text.replace("Mini: a harbour lease", "Mini: the lease"), encoding="utf-8")
    with pytest.raises(ScenarioChanged, match="another version of the scenario 'mini'"):
        GameSession.load_save(path)
    session, problem = GameSession.open(path)
    assert session is None and problem is not None and "another version" in problem
    back, problem = GameSession.load_save(path, allow_changed=True)
    assert problem is None and back.scenario_changed
    assert back.autosave() != path  # another version of the scenario: another autosave


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("../../outside.json", "outside"),
        ("/etc/passwd", "etcpasswd"),
        ("a/b: c?", "ab c"),
        ("..", "game"),
        ("", "game"),
        ("  spaced   out  ", "spaced out"),
        ("zero\u200bwidth", "zerowidth"),
        ("nul", "nul-game"),
        ("Nadia.JSON", "Nadia"),
        ("Қазақ тілі", "Қазақ тілі"),
    ],
)
def test_save_names_are_file_names_in_the_saves_folder(name: str, stem: str) -> None:
    assert save_stem(name) == stem


def test_a_long_name_is_shortened_at_a_character() -> None:
    for name in ("x" * 300, "ж" * 300, "語" * 300):
        stem = save_stem(name)
        assert len(stem.encode("utf-8")) <= MAX_NAME_BYTES and stem and name.startswith(stem)
