"""The game session every front end drives: no pygame, no terminal."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import Move
from game.engine.policy import Choice, make_policy
from game.engine.record import replay_history
from game.persistence.scenarios import remember
from game.session import CONFIDENTIAL, GameSession, Withheld, for_seat
from game.session.view import stage_limits_moves
from game.wording import words
from game.wording.catalogue import Translator
from tests.conftest import FIXTURES

MINI = str(FIXTURES / "scenarios" / "mini.yaml")


def hotseat(mini: Any) -> GameSession:
    return GameSession.new(mini, MINI, {"north", "south"}, seed=3)


# ---------------------------------------------------------------- undo


def test_undo_takes_back_the_seats_own_last_move_and_what_followed(mini: Any) -> None:
    s = hotseat(mini)
    assert s.play(Move("propose", "north", {"rent": 24, "term": "short"})) is None
    assert s.play(Move("counter", "south", {"rent": 16, "term": "long"})) is None
    after_north = s.states[1]
    assert s.can_undo("north") and s.can_undo("south")
    assert s.undo("north")  # north's move, and south's counter after it
    assert s.moves == [] and len(s.states) == 1 and s.state.to_move == "north"
    assert not s.can_undo("south") and not s.undo("south")
    assert s.play(Move("propose", "north", {"rent": 24, "term": "short"})) is None
    assert s.state == after_north


def test_undo_against_the_ai_goes_back_before_the_players_move(mini: Any) -> None:
    s = GameSession.new(mini, MINI, {"north"}, seed=3)
    assert not s.can_undo("north")
    start = s.state
    assert s.play(Move("propose", "north", {"rent": 24, "term": "short"})) is None
    turns = s.run_ai()
    assert turns and all(t.side == "south" for t in turns)
    assert s.last_turn("south") is turns[-1]
    assert s.undo("north")
    assert s.state is start and s.moves == []
    assert s.last_turn("south") is None and s.turns == {}


def test_the_same_moves_give_the_same_game(mini: Any) -> None:
    def game() -> list[Move]:
        s = GameSession.new(mini, MINI, set(), seed=5)
        s.run_ai()
        return s.moves

    assert game() == game()


# ---------------------------------------------------------------- the AI's turn


class Stubborn:
    """A policy whose every move is refused by the engine."""

    def choose(self, state: Any, side: str) -> Choice:
        return Choice(Move("accept", side), ("I accept what is not on the table",))


def test_an_illegal_ai_move_is_replaced_by_the_fallback_and_the_reason_kept(mini: Any) -> None:
    s = GameSession.new(mini, MINI, {"north"}, seed=1, policies={"south": Stubborn()})
    assert s.play(Move("adjourn", "north")) is None
    while s.state.to_move != "south":
        assert s.play(Move("adjourn", "north")) is None
    turn = s.ai_turn()
    assert turn is not None and turn.side == "south"
    assert turn.illegal  # why the engine refused the policy's move
    assert turn.move != turn.choice.move and turn.move == s.moves[-1]
    assert turn.reasons == ("I accept what is not on the table",)
    assert s.turns[len(s.moves)] is turn


def test_no_ai_turn_for_a_person(mini: Any) -> None:
    s = hotseat(mini)
    assert s.ai_turn() is None and s.run_ai() == []


# ---------------------------------------------------------------- what a seat may see


def _secrets(c: Any, side: str) -> list[str]:
    """What only ``side`` may read: its instructions' texts and its mandates' names."""
    party = c.parties[side]
    out = [t for i in party.instructions for t in (i.text.get("en"), i.text.get("az"))]
    out += [t for x in party.mandates for t in (x.name.get("en"), x.name.get("az"))]
    return out


def _as_read(c: Any, seen: Any) -> str:
    """Everything a front end could show of the view's lines, in both languages."""
    parts = []
    for lang in ("en", "az"):
        tr = Translator(lang)
        for e in seen:
            if isinstance(e, Withheld):
                parts.append(words.private(c, tr, e.date, e.side).head)
                parts.append(repr(e))
            else:
                w = words.entry(c, tr, e)
                parts += [w.head, e.message, repr(e.params)]
                parts += [t.get(lang) for t in w.texts]
    return "\n".join(parts)


def test_a_seat_sees_that_the_other_side_heard_from_home_but_not_what(mini: Any) -> None:
    s = hotseat(mini)
    assert s.play(Move("instruct", "north")) is None
    north, south = s.view("north"), s.view("south")
    assert "You may go down to 14." in _as_read(mini, north.entries)
    withheld = [e for e in south.entries if isinstance(e, Withheld)]
    assert withheld and {e.side for e in withheld} == {"north"}
    assert {e.about for e in withheld} <= {"instructions", "mandate"}
    read = _as_read(mini, south.entries)
    for secret in _secrets(mini, "north"):
        assert secret not in read
    assert len(north.entries) == len(south.entries)  # the lines exist, only their content differs


def test_a_seat_reads_its_own_mandate_utility_and_package_space(mini: Any) -> None:
    s = hotseat(mini)
    north = s.view("north")
    assert north.mandate.name.get() == "firm line"
    assert s.view("south").mandate.name.get() == "standing orders"
    assert min(north.package_space()["rent"]) == 20  # the firm line: rent at least 20
    assert north.worth({"rent": 30, "term": "short"}) > north.worth({"rent": 10, "term": "long"})
    assert 0.0 <= north.reservation <= 1.0
    assert north.my_turn and not s.view("south").my_turn
    assert {o.kind for o in north.options()} >= {"propose", "adjourn"}


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(1, 10_000), kind=st.sampled_from(["random", "historical"]))
def test_no_view_ever_holds_the_other_sides_instructions_or_mandate_names(
    mini: Any, seed: int, kind: str
) -> None:
    s = GameSession.new(
        mini, MINI, set(), seed, policies={p: make_policy(mini, p, kind) for p in mini.parties}
    )
    s.run_ai()
    for seat in mini.parties:
        other = mini.others(seat)[0]
        read = _as_read(mini, s.view(seat).entries)
        for secret in _secrets(mini, other):
            assert secret not in read, (seat, secret)
        secret = [e for e in s.entries() if e.side == other and e.code in CONFIDENTIAL]
        hidden = [e for e in for_seat(s.entries(), seat) if isinstance(e, Withheld)]
        assert [(e.date, e.side) for e in hidden] == [(e.date, e.side) for e in secret]
        assert len(s.view(seat).entries) == len(s.entries())  # every line is there


# ---------------------------------------------------------------- reload


def test_reload_keeps_the_game_or_names_the_first_move_that_no_longer_applies(
    tmp_path: Path,
) -> None:
    from game.persistence.scenarios import load

    source = Path(MINI).read_text(encoding="utf-8")
    path = tmp_path / "mini.yaml"
    path.write_text(source, encoding="utf-8")
    s = GameSession.new(load(path), str(path), {"north", "south"}, seed=3)
    assert s.play(Move("instruct", "north")) is None
    assert s.play(Move("propose", "north", {"rent": 16})) is None
    assert s.reload().outcome == "unchanged"
    path.write_text(source.replace("Mini: a harbour lease", "Mini: the lease"), encoding="utf-8")
    done = s.reload()
    assert done.outcome == "reloaded" and len(s.moves) == 2
    assert s.c.sc.meta.title.get() == "Mini: the lease"
    path.write_text(
        source.replace("bounds: {rent: {min: 14}}", "bounds: {rent: {min: 18}}"), encoding="utf-8"
    )
    done = s.reload()
    assert done.outcome == "kept" and done.detail is not None
    assert done.detail.startswith("move 2 (north propose) no longer applies")
    assert len(s.moves) == 2 and s.c.sc.meta.title.get() == "Mini: the lease"
    path.write_text("id: [unclosed\n", encoding="utf-8")
    done = s.reload()
    assert done.outcome == "broken" and str(path) in (done.detail or "")
    assert len(s.moves) == 2


# ---------------------------------------------------------------- records and saves


def test_saves_are_named_by_scenario_and_role_and_come_back(mini: Any, tmp_path: Path) -> None:
    s = GameSession.new(mini, MINI, {"south"}, seed=4, difficulty="easy")
    s.run_ai()
    assert s.autosave_name() == f"mini-{mini.hash[:8]}-sam"
    assert s.default_name() == f"mini-sam-{s.state.date.isoformat()}"
    assert hotseat(mini).autosave_name() == f"mini-{mini.hash[:8]}-hotseat"
    path = s.autosave()
    assert path == tmp_path / "saves" / f"mini-{mini.hash[:8]}-sam.json"
    assert s.save("a/b: c?").name == "ab c.json"
    remember(MINI)  # the player named the scenario file in this run
    back, problem = GameSession.open(path)
    assert problem is None and back is not None
    assert back.humans == {"south"} and back.difficulty == "easy"
    assert back.moves == s.moves and back.state == s.state
    assert json.loads(path.read_text(encoding="utf-8"))["meta"]["role"] == "sam"


def test_a_damaged_save_is_named_not_raised(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    session, problem = GameSession.open(bad)
    assert session is None and problem is not None and str(bad) in problem


def test_taking_over_goes_on_from_a_step_of_the_historical_path(mini: Any) -> None:
    steps = replay_history(mini)
    s = GameSession.take_over(mini, MINI, steps, 2, "north")
    assert s.moves == [st.move for st in steps[:2]]
    assert s.state == steps[1].after and s.humans == {"north"}
    assert "south" in s.policies and "north" not in s.policies


# ---------------------------------------------------------------- the debrief


def test_the_debrief_comes_without_analytics_when_they_fail(
    mini: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import game.engine.analysis

    s = GameSession.new(mini, MINI, set(), seed=2)
    s.run_ai()
    assert s.debrief().analytics is not None and s.analytics_problem is None

    def broken(state: Any) -> Any:
        raise ValueError("no frontier")

    monkeypatch.setattr(game.engine.analysis, "analyse", broken)
    s.undo(s.moves[-1].side)
    s.run_ai()
    d = s.debrief()
    assert d.analytics is None and s.analytics_problem == "ValueError: no frontier"
    assert s.debrief() is d  # made once for a state


def test_the_session_and_the_terminal_need_no_window() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import game.session, game.wording.words, game.text.play\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('pygame', 'pygame_gui')"
        " or m.startswith('game.ui')]\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=root, timeout=120
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_a_plugins_opponent_is_built_again_after_a_reload(tmp_path: Path) -> None:
    from game.engine.policy import RandomPolicy
    from game.persistence.scenarios import load

    built: list[str] = []

    def make(c: Any, side: str) -> RandomPolicy:
        built.append(c.sc.meta.title.get())
        return RandomPolicy()

    path = tmp_path / "mini.yaml"
    source = Path(MINI).read_text(encoding="utf-8")
    path.write_text(source, encoding="utf-8")
    s = GameSession.new(load(path), str(path), {"north"}, seed=3, make_opponent=make)
    assert isinstance(s.policies["south"], RandomPolicy) and "north" not in s.policies
    path.write_text(source.replace("Mini: a harbour lease", "Mini: the lease"), encoding="utf-8")
    assert s.reload().outcome == "reloaded"
    assert built == ["Mini: a harbour lease", "Mini: the lease"]


def test_why_only_some_moves_is_said_only_where_a_bargaining_move_is_missing() -> None:
    """Peking's first stage allows three moves and says which; the stages of full
    bargaining say nothing, though none allows reopen or pass (no stage of Peking does):
    the window says why only where the stage leaves out a move another stage allows."""
    from game.persistence.scenarios import load, resolve

    c = load(resolve("peking-1925"))
    steps = replay_history(c)
    seen = {}
    for state in [steps[0].before] + [x.after for x in steps]:
        if state.over:
            continue
        view = GameSession(c, "peking-1925", {state.to_move}, [state], []).view(state.to_move)
        seen[state.stage] = view.why_moves if stage_limits_moves(state) else None
    limited = {stage for stage, why in seen.items() if why is not None}
    full = {stage for stage, why in seen.items() if why is None}
    assert limited and full
    assert all(set(c.stages[stage].moves) == {"argue", "instruct", "adjourn"} for stage in limited)
