"""Saves are untrusted input: every hostile save gets a clear message and a non-zero
exit, is never used to choose a file outside the scenario folders, and never causes
anything to be overwritten (each test is an example of a defect found by an attack
on the game's inputs)."""

from __future__ import annotations

import io
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from game.cli import main
from game.engine import Move
from game.persistence.records import (
    MAX_MOVES,
    MAX_SAVE_BYTES,
    RecordError,
    check_record,
    load_record,
    save_record,
)
from game.persistence.scenarios import load, user_dir
from game.session import GameSession, list_saves
from game.text.play import run_text_game
from tests.conftest import FIXTURES, SCENARIOS

ROOT = Path(__file__).resolve().parents[2]
PEKING = SCENARIOS / "peking-1925.yaml"
MINI = FIXTURES / "scenarios" / "mini.yaml"


def peking_save(tmp_path: Path, name: str = "game.json") -> tuple[Path, dict[str, Any]]:
    """A real save of a few moves of peking-1925 (as the terminal writes it)."""
    c = load(PEKING)
    s = GameSession.new(c, str(PEKING), {c.roles["yoshizawa"]}, seed=5)
    s.run_ai()
    assert s.play(Move("adjourn", s.state.to_move)) is None
    s.run_ai()
    path = s.save_file(tmp_path / name)
    return path, json.loads(path.read_text(encoding="utf-8"))


def write(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def cli(
    capsys: Any, monkeypatch: pytest.MonkeyPatch, *args: str, stdin: str = ""
) -> tuple[int, str]:
    """Run the command line in this process; the exit code and everything it printed."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out + out.err


def play_load(
    capsys: Any, monkeypatch: pytest.MonkeyPatch, save: Path, *more: str
) -> tuple[int, str]:
    return cli(
        capsys,
        monkeypatch,
        "play",
        "peking-1925",
        "--text",
        "--role",
        "yoshizawa",
        "--load",
        str(save),
        *more,
        stdin="quit\n",
    )


def saves_folder() -> Path:
    return Path(os.environ["TREATY_TABLE_SAVES"])


# ---------------------------------------------------------------- 11: numbers and nesting
def test_a_seed_of_5000_digits_is_named_not_a_traceback(
    tmp_path: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, data = peking_save(tmp_path)
    text = path.read_text(encoding="utf-8").replace(
        f'"seed": {data["seed"]}', '"seed": ' + "9" * 5000
    )
    path.write_text(text, encoding="utf-8")
    for run in (
        lambda: cli(capsys, monkeypatch, "replay", str(path)),
        lambda: play_load(capsys, monkeypatch, path),
    ):
        code, out = run()
        assert code != 0
        assert "damaged save file: a number of 5,000 digits" in out and str(path) in out
    assert not saves_folder().exists()  # nothing was saved over anything


def test_a_save_nested_a_million_deep_is_named(
    tmp_path: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, data = peking_save(tmp_path)
    text = path.read_text(encoding="utf-8")
    deep = "[" * 1_000_000 + "]" * 1_000_000
    path.write_text(text.replace('"meta": {', '"meta": {"x": ' + deep + ", ", 1), encoding="utf-8")
    for run in (
        lambda: cli(capsys, monkeypatch, "replay", str(path)),
        lambda: play_load(capsys, monkeypatch, path),
    ):
        code, out = run()
        assert code != 0 and "nesting deeper than 32 levels" in out


def test_nesting_within_json_but_past_the_limit_is_named(tmp_path: Path) -> None:
    _, data = peking_save(tmp_path)
    nested: Any = 1
    for _ in range(40):
        nested = [nested]
    data["meta"]["x"] = nested
    with pytest.raises(RecordError, match="nesting deeper than 32 levels"):
        load_record(write(tmp_path / "deep.json", data))


# ---------------------------------------------------------------- 12: file types and size
def _limited() -> None:  # the child process may not take the machine's memory
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def run_limited(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "game", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        preexec_fn=_limited,
        env={**os.environ, "SDL_VIDEODRIVER": "dummy"},
    )


def test_a_link_to_dev_zero_and_a_fifo_are_refused_at_once(tmp_path: Path) -> None:
    zero = tmp_path / "zero.json"
    zero.symlink_to("/dev/zero")
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    for path in (zero, fifo):
        done = run_limited("replay", str(path))
        assert done.returncode == 1
        assert "is not a regular file (a device, a pipe or a socket)" in done.stderr
        assert "Traceback" not in done.stderr
        done = run_limited(
            "play", "peking-1925", "--text", "--role", "yoshizawa", "--load", str(path)
        )
        assert done.returncode == 2 and "is not a regular file" in done.stdout + done.stderr


def test_a_save_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path, _ = peking_save(tmp_path)
    with path.open("a", encoding="utf-8") as fh:
        fh.write(" " * MAX_SAVE_BYTES)
    with pytest.raises(RecordError, match="saves are limited to 16 MB"):
        load_record(path)


def test_too_many_moves_are_refused(tmp_path: Path) -> None:
    _, data = peking_save(tmp_path)
    data["moves"] = [{"kind": "adjourn", "side": "japan"}] * (MAX_MOVES + 1)
    with pytest.raises(RecordError, match="a save holds at most 20,000"):
        load_record(write(tmp_path / "long.json", data))


# ---------------------------------------------------------------- 13: mismatches
def test_a_zeroed_scenario_hash_is_refused_and_named(
    tmp_path: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, data = peking_save(tmp_path)
    data["scenario"]["hash"] = "0" * 64
    write(path, data)
    code, out = cli(capsys, monkeypatch, "replay", str(path))
    assert code == 1
    assert "another version of the scenario 'peking-1925'" in out and "--allow-changed" in out
    code, out = play_load(capsys, monkeypatch, path)
    assert code == 2 and "another version" in out and "--allow-changed" in out
    assert not saves_folder().exists()
    # allowed explicitly: replayed on the scenario as it is, and said so
    code, out = cli(capsys, monkeypatch, "replay", str(path), "--allow-changed")
    assert code == 0 and "has changed since this save" in out
    code, out = play_load(capsys, monkeypatch, path, "--allow-changed")
    assert (
        code == 0 and "The scenario has changed since this save; all its moves still apply" in out
    )


def test_replay_with_another_scenario_file_is_refused(
    tmp_path: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _ = peking_save(tmp_path)
    edited = tmp_path / "edited.yaml"  # the same id, another content
    text = PEKING.read_text(encoding="utf-8")
    edited.write_text(text.replace('en: "Peking, 1925', 'en: "Beijing, 1925', 1), encoding="utf-8")
    assert load(edited).hash != load(PEKING).hash
    code, out = cli(capsys, monkeypatch, "replay", str(path), "--scenario", str(edited))
    assert code == 1 and "another version of the scenario 'peking-1925'" in out
    code, out = cli(
        capsys, monkeypatch, "replay", str(path), "--scenario", str(SCENARIOS / "atami-1923.yaml")
    )
    assert code == 1 and "this save is of the scenario 'peking-1925', not of 'atami-1923'" in out


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"version": True}, "version: must be a whole number, not true or false"),
        ({"version": 1.0}, "version: must be a whole number, not the number 1.0"),
        ({"version": 3}, "written by a newer version of Treaty Table (save format version 3"),
        ({"version": 0}, "an old format (version 0)"),
        ({"seed": 2**64}, "seed: must lie between"),
        ({"seed": "5"}, "seed: must be a whole number, not the text '5'"),
        ({"scenario": {"id": "peking-1925", "hash": "xyz"}}, "is not a scenario's hash"),
        ({"meta": {"difficulty": "insane"}}, "'insane' is not a difficulty"),
        ({"meta": {"humans": {"japan": 1}}}, "meta.humans: must be a list"),
        ({"meta": {"role": ["yoshizawa"]}}, "meta.role: must be a role's id, not a list"),
        ({"meta": []}, "meta: must be an object"),
    ],
)
def test_fields_of_the_wrong_type_are_named(
    tmp_path: Path, change: dict[str, Any], message: str
) -> None:
    _, data = peking_save(tmp_path)
    data.update(change)
    with pytest.raises(RecordError) as err:
        load_record(write(tmp_path / "bad.json", data))
    assert message in str(err.value)


@pytest.mark.parametrize(
    ("move", "message"),
    [
        (
            {"kind": "adjourn", "side": "japan", "until": 19250101},
            "move 1: 'until': must be a date",
        ),
        ({"kind": "adjourn", "side": "japan", "until": "19250101"}, "is not a date"),
        (
            {"kind": "adjourn", "side": "japan", "later": 1},
            "this game does not read its field 'later'",
        ),
        ({"kind": "dance", "side": "japan"}, "'dance' is not a move"),
        (
            {"kind": "propose", "side": "japan", "package": {"a": [1]}},
            "must be a number, a text or a date",
        ),
        ({"kind": "propose", "side": "japan", "package": {"a": True}}, "not true or false"),
        ({"kind": "adjourn", "side": "\x1b[2J"}, "control character U+001B"),
        ({"kind": "adjourn"}, "'side': must be a party's id, not null"),
        ("adjourn", "move 1: must be an object"),
    ],
)
def test_moves_this_game_cannot_read_are_named_never_dropped(
    tmp_path: Path, move: Any, message: str
) -> None:
    _, data = peking_save(tmp_path)
    data["moves"] = [move]
    with pytest.raises(RecordError) as err:
        load_record(write(tmp_path / "bad.json", data))
    assert message in str(err.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"format": "treaty-table-record", "version": NaN}', "NaN is not a number a save holds"),
        ('{"format": "treaty-table-record", "version": 1e999}', "too large"),
        ('{"format": "treaty-table-record", "format": "x"}', "the key 'format' appears twice"),
    ],
)
def test_json_a_save_never_holds_is_named(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "odd.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RecordError, match=message):
        load_record(path)


def test_a_save_of_another_scenario_is_refused_and_nothing_is_overwritten(
    tmp_path: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    c = load(PEKING)
    mine = GameSession.new(c, str(PEKING), {c.roles["yoshizawa"]}, seed=2)
    mine.run_ai()
    autosave = mine.autosave()
    before = autosave.read_bytes()
    atami = load(SCENARIOS / "atami-1923.yaml")
    other = GameSession.new(atami, str(SCENARIOS / "atami-1923.yaml"), {atami.sc.parties[0].id})
    other_save = other.save_file(tmp_path / "atami.json")
    code, out = play_load(capsys, monkeypatch, other_save)
    assert code == 2
    assert "this save is of the scenario 'atami-1923', not of 'peking-1925'" in out
    assert "YOUR BRIEFING" not in out  # no fresh game started in its place
    assert autosave.read_bytes() == before  # 'quit' never ran: the autosave is as it was
    assert sorted(p.name for p in saves_folder().iterdir()) == [autosave.name]


def test_a_save_whose_moves_no_longer_apply_is_never_overwritten(
    tmp_path: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = user_dir()
    folder.mkdir(parents=True)
    scen = folder / "mini.yaml"
    text = MINI.read_text(encoding="utf-8")
    scen.write_text(text, encoding="utf-8")
    c = load(scen)
    s = GameSession.new(c, str(scen), {"north"}, seed=5)
    for mv in [
        Move("propose", "north", {"rent": 24}),
        Move("counter", "south", {"rent": 16, "term": "long"}),
        Move("instruct", "north"),
        Move("propose", "north", {"rent": 18, "term": "medium"}),
    ]:
        assert s.play(mv) is None
    scen.write_text(
        text.replace("bounds: {rent: {min: 14}}", "bounds: {rent: {min: 20}}"), encoding="utf-8"
    )
    changed = load(scen)
    # the save has the very name the changed game's autosave takes
    saved = save_record(s.record(), saves_folder() / f"mini-{changed.hash[:8]}-nadia.json")
    before = saved.read_bytes()
    code, out = cli(
        capsys,
        monkeypatch,
        "play",
        "mini",
        "--text",
        "--role",
        "nadia",
        "--load",
        str(saved),
        "--allow-changed",
        stdin="quit\n",
    )
    assert code == 0
    assert "move 4 (north propose) no longer applies" in out and "is kept as it is" in out
    assert saved.read_bytes() == before
    assert (saves_folder() / f"mini-{changed.hash[:8]}-nadia-2.json").exists()


# ---------------------------------------------------------------- 14: an id, never a path
def test_a_scenario_id_that_is_a_path_is_never_read(
    tmp_path: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:the secret line\n", encoding="utf-8")
    path, data = peking_save(tmp_path)
    for sid in (os.path.relpath(secret, Path.cwd()), str(secret), "../../../etc/passwd"):
        data["scenario"]["id"] = sid
        write(path, data)
        code, out = cli(capsys, monkeypatch, "replay", str(path))
        assert code == 1
        assert "is not a scenario's id" in out and "a save names its scenario, never a file" in out
        assert "the secret line" not in out and "root:" not in out
        session, problem = GameSession.open(path)
        assert session is None and problem is not None and "the secret line" not in problem


def test_the_scenario_path_in_a_save_is_only_used_inside_the_scenario_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = tmp_path / "elsewhere" / "mini.yaml"
    outside.parent.mkdir()
    shutil.copy(MINI, outside)
    c = load(outside)
    s = GameSession.new(c, str(outside), {"north"}, seed=1)
    path = s.save_file(tmp_path / "g.json")
    assert json.loads(path.read_text(encoding="utf-8"))["meta"]["scenario_path"] == str(outside)
    read: list[str] = []
    import game.persistence.scenarios as scenarios

    real = scenarios.load
    monkeypatch.setattr(scenarios, "load", lambda p: read.append(str(p)) or real(p))
    session, problem = GameSession.open(path)
    assert session is None and problem is not None
    assert "the scenario 'mini' of this save is not among the scenarios" in problem
    assert str(outside) not in read  # the save's path was never opened
    # in the user's scenario folder, the same save is found by its id
    user_dir().mkdir(parents=True)
    shutil.copy(MINI, user_dir() / "mini.yaml")
    session, problem = GameSession.open(path)
    assert session is not None and problem is None


# ---------------------------------------------------------------- 15: terminal 'save NAME'
def test_terminal_save_names_stay_in_the_saves_folder(tmp_path: Path, mini: Any) -> None:
    folder = saves_folder()
    folder.mkdir()
    (folder / "notes.json").write_text("my notes", encoding="utf-8")
    (folder / "dir.json").mkdir()
    (folder / "file").write_text("a file", encoding="utf-8")
    long = "x" * 300
    out = io.StringIO()
    script = [
        "save ../../outside.json",
        "save notes",
        "save dir",
        "save file/x.json",
        f"save {long}",
        "status",
    ]
    code = run_text_game(mini, "nadia", 3, iter(s + "\n" for s in script), out)
    text = out.getvalue()
    assert code == 0 and "Traceback" not in text
    assert (folder / "outside.json").exists() and not (tmp_path / "outside.json").exists()
    assert not (tmp_path.parent / "outside.json").exists()
    assert f"Not saved: {folder / 'notes.json'}: there is already a file of that name" in text
    assert (folder / "notes.json").read_text(encoding="utf-8") == "my notes"
    assert f"Not saved: {folder / 'dir.json'}: there is already a file" in text
    assert (folder / "filex.json").exists() and (folder / "file").read_text() == "a file"
    shortened = [p for p in folder.iterdir() if p.name.startswith("xxx")]
    assert len(shortened) == 1 and len(shortened[0].name.encode()) == 120 + len(".json")
    assert "The input ended before the talks did. The game is saved to" in text  # and not lost
    assert {p.name for p in folder.iterdir()} >= {"outside.json", "filex.json"}
    assert not any(p.is_dir() for p in folder.iterdir() if p.name != "dir.json")


def test_a_saves_folder_that_is_a_file_is_named_at_the_end_of_input(
    tmp_path: Path, mini: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "saves-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("TREATY_TABLE_SAVES", str(blocker))
    out = io.StringIO()
    code = run_text_game(mini, "nadia", 3, iter(["save mine\n", "status\n"]), out)
    text = out.getvalue()
    assert code == 1
    assert f"Not saved: cannot save in {blocker}: it is not a folder" in text
    assert f"The game could not be saved: cannot save in {blocker}: it is not a folder" in text
    assert blocker.read_text(encoding="utf-8") == "not a folder"
    out = io.StringIO()
    assert run_text_game(mini, "nadia", 3, iter(["quit\n"]), out) == 1
    assert "The game could not be saved" in out.getvalue()


# ---------------------------------------------------------------- 17: temporary files
def test_orphan_temporary_files_are_never_listed_and_old_ones_are_removed(mini: Any) -> None:
    folder = saves_folder()
    s = GameSession.new(mini, str(MINI), {"north"}, seed=1)
    good = s.autosave()
    old = folder / ".tmp-abcd1234.json"
    fresh = folder / ".tmp-efgh5678.json"
    for p in (old, fresh):
        p.write_text('{"format": "treaty-table-record", "ver', encoding="utf-8")
    hour_ago = time.time() - 3600
    os.utime(old, (hour_ago, hour_ago))
    link = folder / ".tmp-zzzzzzzz.json"
    link.symlink_to(good)
    other = folder / ".tmp-notours.txt"
    other.write_text("x", encoding="utf-8")
    os.utime(other, (hour_ago, hour_ago))
    assert [info.path for info in list_saves()] == [good]
    assert not old.exists()  # an orphan of a save interrupted long ago
    assert fresh.exists()  # perhaps a save under way in another process
    assert link.is_symlink() and other.exists()  # not ours to remove
    os.utime(fresh, (hour_ago, hour_ago))
    s.autosave()  # the terminal lists no saves: its autosave cleans up too
    assert not fresh.exists() and link.is_symlink() and other.exists()


def test_check_record_refuses_values_that_are_not_records() -> None:
    for value in (None, [], "x", 1, {"format": "treaty-table-record"}):
        with pytest.raises(RecordError):
            check_record(value, "v")


def test_saves_of_every_kind_of_move_load_and_version_1_too(tmp_path: Path) -> None:
    from game.engine import apply, new_game
    from game.engine.record import record_of, resume

    trio = load(FIXTURES / "scenarios" / "trio.yaml")
    states = [new_game(trio, 4)]
    moves = [
        Move("propose", "north", {"rent": 24, "term": "medium"}, links=(("rent", "term"),)),
        Move("accept", "south", clauses=("rent", "term")),
        Move("accept", "east"),
        Move("propose", "chair", {"port": "shared"}),
        Move("reopen", "north", issue="rent"),
    ]
    for mv in moves:
        states.append(apply(states[-1], mv))
    path = save_record(record_of(states, moves), tmp_path / "trio.json")
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == 2
    record = load_record(path)
    assert record.moves == tuple(moves)
    assert resume(trio, record).states[-1] == states[-1]
    data = json.loads(path.read_text(encoding="utf-8"))
    data["version"] = 1  # written before the format's version 2: read as it is
    assert load_record(write(tmp_path / "v1.json", data)).moves == tuple(moves)
