"""Whole games played through the scenes, by posted events, to the debrief."""

from __future__ import annotations

import pygame
import pytest

from game.engine import Move
from game.ui.driver import (
    dismiss_dialogs,
    key,
    play_to_end,
    press,
    press_text,
    pump,
    start,
    to_table,
)
from game.ui.inspect import all_text
from tests.ui.conftest import MINI


@pytest.mark.parametrize("role", ["Nadia", "Sam"])
def test_a_whole_game_for_each_role(app, role: str) -> None:
    from game.ui.scenes.debrief import DebriefScene
    from game.ui.scenes.table import TableScene

    start(app, MINI)
    assert "Treaty Table" in all_text(app.manager)
    key(app, pygame.K_RETURN)  # Play has the focus
    assert app.top.name == "role"
    press_text(app, f"Play as {role}")
    assert app.top.name == "briefing"
    assert "Your mandate" in all_text(app.manager)
    press_text(app, "To the table")
    dismiss_dialogs(app, app.find(TableScene))
    table = app.find(TableScene)
    assert table is not None and app.top is table
    text = all_text(app.manager)
    assert "Your package" in text and "Record of the talks" in text and "Rent" in text
    play_to_end(app, table)
    assert table.session.state.over
    assert app.top.name == "end"
    press_text(app, "See the debrief")
    assert isinstance(app.top, DebriefScene)
    text = all_text(app.manager)
    assert "Issue by issue" in text and "better than history for" in text
    assert "Source" in text or table.session.c.issues["rent"].history_text is None
    assert not app.tr.missing


def test_keyboard_only_reaches_the_table(app) -> None:
    from game.ui.scenes.table import TableScene

    start(app, MINI)
    key(app, pygame.K_RETURN)  # Play
    key(app, pygame.K_RETURN)  # Play as Nadia (first button has the focus)
    assert app.top.name == "briefing"
    key(app, pygame.K_RETURN)  # To the table
    assert isinstance(app.find(TableScene), TableScene)
    while app.top.modal:
        key(app, pygame.K_RETURN)
    table = app.top
    before = len(table.session.moves)
    # Tab to the rent slider, move it with the arrows, then Tab to Propose and press Enter
    for _ in range(40):
        if table.focused() in table.sliders:
            break
        key(app, pygame.K_TAB)
    slider = table.focused()
    assert slider in table.sliders
    value = int(slider.get_current_value())
    key(app, pygame.K_LEFT)
    assert int(slider.get_current_value()) == max(0, value - 1)
    for _ in range(60):
        if table.focused() is table.move_buttons["propose"]:
            break
        key(app, pygame.K_TAB)
    assert table.focused() is table.move_buttons["propose"]
    key(app, pygame.K_RETURN)
    assert len(table.session.moves) > before
    key(app, pygame.K_z, pygame.KMOD_CTRL)  # undo
    assert len(table.session.moves) == before
    key(app, pygame.K_ESCAPE)  # leave? asks first
    assert app.top.name == "confirm"
    key(app, pygame.K_ESCAPE)
    assert app.top is table


def test_disabled_move_says_why(app) -> None:

    table = to_table(app, MINI, "Nadia")
    accept = table.move_buttons["accept"]
    assert not accept.treaty_enabled
    assert "no offer" in accept.treaty_tip.lower()
    press(app, accept)  # pressing it shows the reason and plays nothing
    assert "no offer" in app.status_text.lower()
    pump(app)


def test_debrief_exports_record_png_and_csv(app, dirs) -> None:
    import csv
    import json

    from game.persistence.records import load_record

    table = to_table(app, MINI, "Sam", dismiss=False)
    play_to_end(app, table)
    press_text(app, "See the debrief")
    press_text(app, "Export record")
    press_text(app, "Export PNG")
    press_text(app, "Export CSV")
    folder = dirs / "saves" / "exports"
    records = list(folder.glob("*-record.json"))
    assert len(records) == 1 and load_record(records[0]).moves
    assert json.loads(next(folder.glob("*-debrief.json")).read_text(encoding="utf-8"))[
        "termination"
    ]
    png = next(folder.glob("*.png"))
    width, height = pygame.image.load(str(png)).get_size()
    assert width == 1600 and 500 < height < 1400  # as tall as what it holds
    rows = list(csv.reader(next(folder.glob("*.csv")).open(encoding="utf-8")))
    assert rows[0][:3] == ["issue", "your deal", "history"] and rows[0][-1] == "issue (id)"
    assert {r[0] for r in rows[1:3]} == {"Rent", "Term"}  # names, the ids in their column
    assert {r[-1] for r in rows[1:3]} == {"rent", "term"}
    assert [r[0] for r in rows[-2:]] == ["North", "South"]


def test_breaking_off_ends_the_talks_and_says_why(app) -> None:

    table = to_table(app, MINI, "Nadia")
    press_text(app, "Break off")
    assert app.top.name == "confirm"
    press_text(app, "Yes")
    dismiss_dialogs(app, table)
    assert table.session.state.over
    assert app.top.name == "end"
    assert "broken off" in all_text(app.manager)
    press_text(app, "See the debrief")
    assert "broken off" in all_text(app.manager)


def test_the_debrief_says_when_the_analytics_fail(app, monkeypatch) -> None:
    import game.engine.analysis
    from game.session import GameSession
    from game.ui.flow import load_scenario

    def broken(state):  # type: ignore[no-untyped-def]
        raise ValueError("no frontier")

    monkeypatch.setattr(game.engine.analysis, "analyse", broken)
    c, _ = load_scenario(MINI)
    session = GameSession.new(c, MINI, {"north"}, seed=2)
    while not session.state.over:
        assert session.play(Move("adjourn", "north")) is None
        session.run_ai()
    app.push("debrief", session)
    pump(app)
    assert app.top.name == "debrief" and "Issue by issue" in all_text(app.manager)
    assert "could not be made (ValueError: no frontier)" in app.status_text


def test_scenes_are_registered_under_their_own_names() -> None:
    from game.ui.scenes import SCENES, scene_class

    for name in SCENES:
        assert scene_class(name).name == name
    with pytest.raises(KeyError, match="no scene named 'nowhere'"):
        scene_class("nowhere")


def test_the_brief_opens_from_the_table_and_leaving_saves_the_game(app, dirs) -> None:
    table = to_table(app, MINI, "Nadia")
    press_text(app, "Brief")
    assert app.top.name == "briefing" and "firm line" in all_text(app.manager)
    press_text(app, "To the table")
    assert app.top is table
    press_text(app, "Menu")
    press_text(app, "Yes")
    assert app.top.name == "title"
    assert (dirs / "saves" / f"mini-{table.session.c.hash[:8]}-nadia.json").exists()
