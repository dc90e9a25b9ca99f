"""Replay and take over; save, quit, load, continue; the hot seat."""

from __future__ import annotations

import pygame
import pygame_gui

from game.ui.driver import (
    adjourn,
    dismiss_dialogs,
    key,
    play_to_end,
    press_text,
    pump,
    start,
    to_table,
)
from game.ui.inspect import all_text
from tests.ui.conftest import MINI


def test_replay_step_through_and_take_over(app) -> None:
    from game.ui.scenes.replay import ReplayScene
    from game.ui.scenes.table import TableScene

    start(app, MINI)
    press_text(app, "Replay history")
    replay = app.top
    assert isinstance(replay, ReplayScene)
    assert "Before the first step" in all_text(app.manager)
    key(app, pygame.K_RIGHT)
    key(app, pygame.K_RIGHT)
    assert replay.index == 2
    text = all_text(app.manager)
    assert "South counters." in text and "Source: Test notes" in text
    key(app, pygame.K_LEFT)
    assert replay.index == 1
    press_text(app, "Forward")
    press_text(app, "Forward")
    assert replay.index == 3
    replay.tick(0.0)
    press_text(app, "Autoplay")
    assert replay.playing
    replay.tick(10.0)
    assert replay.index == 4
    press_text(app, "Pause")
    replay._jump_to(replay.items[1])  # the date list
    assert replay.index == 1
    press_text(app, "Take over here as Sam")
    table = app.find(TableScene)
    assert table is not None
    s = table.session
    assert s.humans == frozenset({"south"})
    assert len(s.moves) >= 1 and s.moves[0].kind == "propose"
    dismiss_dialogs(app, table)
    play_to_end(app, table)
    assert s.state.over


def test_save_quit_load_continue(app, dirs) -> None:
    from game.ui.app import App
    from game.ui.scenes.table import TableScene
    from game.ui.settings import Settings

    table = to_table(app, MINI, "Nadia")
    adjourn(app)
    dismiss_dialogs(app, table)
    moves, date = len(table.session.moves), table.session.state.date
    key(app, pygame.K_s, pygame.KMOD_CTRL)
    assert app.top.name == "save"
    press_text(app, "Save")
    saved = list((dirs / "saves").glob("*.json"))
    assert len(saved) == 1
    app.running = False  # quit
    while app.stack:
        app.stack.pop().exit()

    again = App(Settings())
    start(again, MINI)
    press_text_in = again
    press_text(press_text_in, "Load")
    assert again.top.name == "load"
    # listed by its scenario, player and date in the game (no ids, no file name)
    assert "14 January 1924 · Nadia · Mini: a harbour lease" in all_text(again.manager)
    press_text(again, "Load")
    table2 = again.find(TableScene)
    assert table2 is not None
    assert len(table2.session.moves) == moves and table2.session.state.date == date
    dismiss_dialogs(again, table2)
    play_to_end(again, table2)
    assert table2.session.state.over
    while again.stack:
        again.stack.pop().exit()


def test_hot_seat_hands_over_and_hides_the_briefs(app) -> None:
    from game.ui.scenes.briefing import HandOverScene
    from game.ui.scenes.table import TableScene

    start(app, MINI, hotseat=True)
    key(app, pygame.K_RETURN)
    assert "Hot seat: on" in all_text(app.manager)
    press_text(app, "Play as Nadia")
    press_text(app, "To the table")
    assert isinstance(app.top, HandOverScene)
    text = all_text(app.manager)
    assert "firm line" not in text and "standing orders" not in text  # no brief shows
    key(app, pygame.K_ESCAPE)  # Esc does not reveal anything
    assert isinstance(app.top, HandOverScene)
    press_text(app, "I am Sam")
    assert app.top.name == "briefing" and "Sam" in all_text(app.manager)
    press_text(app, "To the table")
    # Nadia moves first: Sam, who read his brief last, hands the screen over before her table
    assert isinstance(app.top, HandOverScene) and app.find(TableScene) is None
    press_text(app, "I am Nadia")
    table = app.find(TableScene)
    dismiss_dialogs(app, table)
    assert table.session.hotseat and table.session.viewer == "north" and table.seat == "north"
    adjourn(app)
    dismiss_dialogs(app, table)
    pump(app)
    # the adjournment gives the turn to Sam: the window hands the seat over first
    assert table.session.state.to_move == "south"
    assert isinstance(app.top, HandOverScene)
    text = all_text(app.manager)
    assert "Sam" in text and "firm line" not in text and "standing orders" not in text
    press_text(app, "I am Sam")
    assert app.top is table and table.session.viewer == "south"
    play_to_end(app, table)


def test_the_other_sides_instructions_stay_confidential(app) -> None:
    from game.engine import Move
    from game.session import GameSession
    from game.ui import markup
    from game.ui.flow import load_scenario

    c, _ = load_scenario(MINI)
    s = GameSession.new(c, MINI, {"north", "south"})
    assert s.play(Move("instruct", "north")) is None
    mine = markup.entries_html(c, app.tr, s.view("north").entries)
    theirs = markup.entries_html(c, app.tr, s.view("south").entries)
    assert "You may go down to 14" in mine and "softer line" in mine
    assert "You may go down to 14" not in theirs and "softer line" not in theirs
    assert "hears from home (confidential)" in theirs


def test_f5_reloads_the_scenario_and_keeps_the_game(app, tmp_path) -> None:
    from pathlib import Path

    from game.ui.scenes.table import TableScene

    source = Path(MINI).read_text(encoding="utf-8")
    path = tmp_path / "mini.yaml"
    path.write_text(source, encoding="utf-8")
    start(app, str(path))
    key(app, pygame.K_RETURN)
    press_text(app, "Play as Nadia")
    press_text(app, "To the table")
    table = app.find(TableScene)
    dismiss_dialogs(app, table)
    adjourn(app)
    moves = len(table.session.moves)
    assert moves >= 1
    path.write_text(
        source.replace("Mini: a harbour lease", "Mini: a harbour lease, revised"), encoding="utf-8"
    )
    key(app, pygame.K_F5)
    table2 = app.find(TableScene)
    assert table2 is not None and table2 is not table
    assert len(table2.session.moves) == moves
    assert table2.session.c.sc.meta.title.get() == "Mini: a harbour lease, revised"
    assert "still apply" in app.status_text
    path.write_text(source.replace("mandate: firm", "mandate: gone"), encoding="utf-8")
    key(app, pygame.K_F5)
    assert "Not reloaded" in app.status_text
    assert app.find(TableScene) is table2


def test_the_replay_says_where_forward_goes_and_keeps_the_list_where_it_was(app) -> None:
    from game.ui.inspect import tooltip_text

    start(app, "peking-1925")
    press_text(app, "Replay history")
    replay = app.top
    n = len(replay.steps)
    for i in range(n):
        tip = tooltip_text(replay.fwd_b)
        assert "last step" not in tip and str(i + 1) in tip, (i, tip)
        assert replay.fwd_b.treaty_enabled
        key(app, pygame.K_RIGHT)
    assert replay.index == n and "last step" in tooltip_text(replay.fwd_b)
    assert not replay.fwd_b.treaty_enabled
    # choose a step far down the list: the list stays scrolled where it is
    bar = replay.jump.scroll_bar
    assert bar is not None and bar.start_percentage > 0.3
    where = bar.start_percentage
    item = replay.jump.item_list[n - 3]
    pygame.event.post(
        pygame.event.Event(
            pygame_gui.UI_SELECTION_LIST_NEW_SELECTION,
            {"ui_element": replay.jump, "text": item["text"]},
        )
    )
    pump(app, 2)
    assert replay.index == n - 3 and replay.jump.scroll_bar.start_percentage == where
