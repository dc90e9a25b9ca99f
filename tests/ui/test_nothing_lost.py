"""Nothing lost: closing the window mid-game saves it (atomically) and the title offers
Continue, which opens it in the same state; Esc on the title, Ctrl+Q and Load at the table
ask first."""

from __future__ import annotations

import pygame

from game.ui.driver import adjourn, key, press, press_text, pump, start, to_table
from game.ui.inspect import all_text
from tests.ui.conftest import MINI


def _state(table) -> tuple:  # type: ignore[no-untyped-def,type-arg]
    s = table.session
    return (tuple(m.to_json() for m in s.moves).__repr__(), s.state.date, s.state.stage)


def test_closing_the_window_saves_the_game_and_continue_opens_it(app, dirs) -> None:
    from game.ui.app import App
    from game.ui.settings import Settings

    table = to_table(app, MINI, "Nadia")
    adjourn(app)
    before = _state(table)
    pygame.event.post(pygame.event.Event(pygame.QUIT))  # the close button, Alt-F4
    pump(app)
    assert not app.running
    saves = [p for p in (dirs / "saves").glob("*.json")]
    assert len(saves) == 1 and not list((dirs / "saves").glob(".tmp-*"))
    while app.stack:
        app.stack.pop().exit()

    again = App(Settings())
    start(again, MINI)
    pump(again, 3)
    assert "Continue" in all_text(again.manager)
    press_text(again, "Continue")
    table2 = again.find("table")
    assert table2 is not None and _state(table2) == before
    while again.stack:
        again.stack.pop().exit()


def test_escape_on_the_title_asks_before_quitting(app) -> None:
    start(app, MINI)
    key(app, pygame.K_ESCAPE)
    assert app.running and app.top.name == "confirm"
    key(app, pygame.K_ESCAPE)  # no
    assert app.running and app.top.name == "title"
    key(app, pygame.K_ESCAPE)
    press_text(app, "Yes")
    assert not app.running


def test_ctrl_q_at_the_table_asks_and_saves(app, dirs) -> None:
    to_table(app, MINI, "Nadia")
    key(app, pygame.K_q, pygame.KMOD_CTRL)
    assert app.running and app.top.name == "confirm"
    assert "saved" in all_text(app.manager)
    press_text(app, "Yes")
    assert not app.running and list((dirs / "saves").glob("*.json"))


def test_load_at_the_table_asks_and_keeps_the_game(app, dirs) -> None:
    table = to_table(app, MINI, "Nadia")
    adjourn(app)
    press(app, table.bar_buttons[2])  # Load
    assert app.top.name == "confirm"
    press_text(app, "Cancel")
    assert app.top is table and not list((dirs / "saves").glob("*.json"))
    press(app, table.bar_buttons[2])
    press_text(app, "Yes")
    assert app.top.name == "load" and list((dirs / "saves").glob("*.json"))
