"""A scripted new user in a real window (run under Xvfb by ``test_new_user.py``).

``python -m tests.ui.new_user play SCENARIO LANG``: from the title with the mouse — Play,
a role, the briefing, the table — to a signed deal and the debrief; then back to the
title, a new game, a few moves, and the window's close button. Prints what it saw (JSON).

``python -m tests.ui.new_user continue SCENARIO LANG``: a new start: the title offers
Continue; clicking it opens the game where it was left. Prints its state (JSON).
"""

from __future__ import annotations

import json
import sys
from typing import Any

import pygame

from game.ui.app import App, open_display_or_explain
from game.ui.driver import click, pump, set_package
from game.ui.inspect import all_text, buttons
from game.ui.settings import Settings


def _button(app: App, text: str) -> Any:
    found = buttons(app.manager, text)
    assert found, f"no button {text!r} in {all_text(app.manager)[:600]!r}"
    return found[-1]


def _primary(app: App) -> Any:
    top = app.top
    assert top is not None
    return [b for b in top.actions if getattr(b, "treaty_enabled", True)][-1]


def _state(table: Any) -> dict[str, Any]:
    s = table.session
    return {
        "moves": [m.to_json() for m in s.moves],
        "date": s.state.date.isoformat(),
        "stage": s.state.stage,
        "seat": table.seat,
    }


def _to_table(app: App, tr: Any, c: Any, side: str) -> Any:
    click(app, _button(app, tr("menu.play")))
    assert app.top is not None and app.top.name == "role", app.top
    click(app, _button(app, tr("role.play_as", name=c.parties[side].diplomat.name.get(tr.lang))))
    assert app.top is not None and app.top.name == "briefing"
    click(app, _button(app, tr("brief.to_table")))
    return app.find("table")


def _close_cards(app: App, table: Any) -> None:
    for _ in range(30):
        top = app.top
        if top is None or top is table or not top.modal or top.name == "end":
            return
        click(app, _primary(app))


def _play_move(app: App, table: Any, move: Any) -> None:
    from game.engine.movekinds import HANDLERS, MoveInput

    needs = HANDLERS[move.kind].needs
    if needs.takes is MoveInput.PACKAGE:
        set_package(app, table, dict(move.package))
    click(app, table.move_buttons[move.kind])
    if needs.takes is MoveInput.DATE:
        click(app, app.top.focusables[0])  # type: ignore[union-attr]
    elif needs.takes is MoveInput.ARGUMENT:
        dialog = app.top
        options = [o.argument for o in table.view.options() if o.kind is move.kind and o.argument]
        makes = [b for b in dialog.actions if b in dialog.focusables]  # type: ignore[union-attr]
        click(app, makes[options[:5].index(move.argument)])
    elif needs.confirm:
        click(app, _primary(app))


def play(scenario: str, lang: str) -> dict[str, Any]:
    from game.engine.policy import make_policy
    from game.persistence.scenarios import load, resolve

    app = App(Settings(lang=lang, window=(1280, 800)))
    from game.ui.flow import start_scenes

    start_scenes(app, _args(scenario))
    pump(app, 3)
    tr = app.tr
    c = load(resolve(scenario))
    side = c.sc.parties[0].id
    seen: dict[str, Any] = {"title": all_text(app.manager)}
    table = _to_table(app, tr, c, side)
    policy = make_policy(c, side)
    for _ in range(400):
        _close_cards(app, table)
        s = table.session
        if s.state.over:
            break
        assert app.top is table
        _play_move(app, table, policy.choose(s.state, side).move)
    seen["termination"] = table.session.state.outcome.termination.value
    assert app.top is not None and app.top.name == "end"
    click(app, _button(app, tr("end.debrief")))
    seen["debrief"] = all_text(app.manager)
    click(app, _button(app, tr("debrief.menu")))
    assert app.top is not None and app.top.name == "title"
    # a second game, left by closing the window
    table = _to_table(app, tr, c, c.sc.parties[1].id)
    policy = make_policy(c, table.seat)
    for _ in range(6):
        _close_cards(app, table)
        if table.session.state.over or app.top is not table:
            break
        _play_move(app, table, policy.choose(table.session.state, table.seat).move)
    _close_cards(app, table)
    seen["left"] = _state(table)
    pygame.event.post(pygame.event.Event(pygame.QUIT))  # the close button
    for _ in range(5):
        if not app.running:
            break
        app.step()
    seen["closed"] = not app.running
    return seen


def go_on(scenario: str, lang: str) -> dict[str, Any]:
    app = App(Settings(lang=lang, window=(1280, 800)))
    from game.ui.flow import start_scenes

    start_scenes(app, _args(scenario))
    pump(app, 4)
    seen: dict[str, Any] = {"title": all_text(app.manager)}
    click(app, _button(app, app.tr("menu.continue")))
    table = app.find("table")
    _close_cards(app, table)
    seen["state"] = _state(table)
    seen["table"] = all_text(app.manager)
    return seen


def focus_click(scenario: str, lang: str) -> dict[str, Any]:
    """The click that brings the window back to the front presses the button under it (X's
    own events through XTest: another window had the keyboard, a click on Play)."""
    import ctypes
    import time

    x11 = ctypes.cdll.LoadLibrary("libX11.so.6")
    xtest = ctypes.cdll.LoadLibrary("libXtst.so.6")
    x11.XOpenDisplay.restype = ctypes.c_void_p
    dpy = ctypes.c_void_p(x11.XOpenDisplay(None))
    app = App(Settings(lang=lang, window=(1280, 800)))
    from game.ui.flow import start_scenes

    start_scenes(app, _args(scenario))
    pump(app, 3)
    x, y = _button(app, app.tr("menu.play")).rect.center
    xtest.XTestFakeMotionEvent(dpy, -1, x, y, 0)
    x11.XFlush(dpy)
    time.sleep(0.2)
    pump(app, 3)
    x11.XSetInputFocus(dpy, ctypes.c_ulong(0), 1, 0)  # the keyboard goes elsewhere
    x11.XFlush(dpy)
    time.sleep(0.1)
    pump(app, 2)
    window = pygame.display.get_wm_info()["window"]
    x11.XSetInputFocus(dpy, ctypes.c_ulong(window), 1, 0)  # a click gives it back
    xtest.XTestFakeButtonEvent(dpy, 1, 1, 0)
    xtest.XTestFakeButtonEvent(dpy, 1, 0, 0)
    x11.XFlush(dpy)
    time.sleep(0.1)
    pump(app, 4)
    return {"top": app.top.name if app.top else None}


def _args(scenario: str) -> Any:
    import argparse

    return argparse.Namespace(scenario=scenario, role=None, seed=1, lang=None, load=None)


def main(argv: list[str]) -> int:
    what, scenario, lang = argv
    problem = open_display_or_explain()
    if problem:
        print(json.dumps({"error": problem}))
        return 1
    result = {"play": play, "continue": go_on, "focus_click": focus_click}[what](scenario, lang)
    result["driver"] = pygame.display.get_driver()
    json.dump(result, sys.stdout, ensure_ascii=False)
    pygame.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
