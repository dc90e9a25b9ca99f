"""Driving the window through posted events, as a player would (for the tests and the
UI benchmark)."""

from __future__ import annotations

import argparse
import contextlib
from typing import Any

import pygame
import pygame_gui

from game.engine import Move, move_options
from game.engine.movekinds import HANDLERS, MoveInput
from game.engine.policy import make_policy
from game.ui.app import App
from game.ui.inspect import all_text, buttons


def pump(app: App, frames: int = 1) -> None:
    """Let the window take its events and draw."""
    for _ in range(frames):
        app.step()


def key(app: App, k: int, mod: int = 0) -> None:
    """Press a key (posted to SDL's queue, read by the loop)."""
    pygame.event.post(
        pygame.event.Event(pygame.KEYDOWN, {"key": k, "mod": mod, "unicode": "", "scancode": 0})
    )
    pygame.event.post(
        pygame.event.Event(pygame.KEYUP, {"key": k, "mod": mod, "unicode": "", "scancode": 0})
    )
    pump(app)


def press(app: App, element: Any) -> None:
    """Click a button (pygame_gui's press event, posted to the queue)."""
    pygame.event.post(pygame.event.Event(pygame_gui.UI_BUTTON_PRESSED, {"ui_element": element}))
    pump(app)


def click(app: App, element: Any) -> None:
    """Click ``element`` with the mouse: the pointer moves to its middle, the left button
    goes down and up there (SDL's events, read by the window's loop as a player's are)."""
    x, y = element.rect.center
    with contextlib.suppress(pygame.error):
        pygame.mouse.set_pos((x, y))
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, {"pos": (x, y), "rel": (0, 0), "buttons": (0, 0, 0)})
    )
    pump(app)
    for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
        pygame.event.post(pygame.event.Event(kind, {"pos": (x, y), "button": 1}))
        pump(app)
    pump(app)  # the press pygame_gui posted on the button's release


def press_text(app: App, text: str) -> None:
    """Click the visible button whose text starts with ``text``."""
    found = buttons(app.manager, text)
    assert found, f"no button {text!r} in: {all_text(app.manager)!r}"
    press(app, found[-1])


def slide(app: App, slider: Any, value: int) -> None:
    slider.set_current_value(value)
    pygame.event.post(
        pygame.event.Event(
            pygame_gui.UI_HORIZONTAL_SLIDER_MOVED, {"ui_element": slider, "value": value}
        )
    )
    pump(app)


def start(app: App, scenario: str, **kw: Any) -> None:
    from game.ui.flow import start_scenes

    args = argparse.Namespace(
        scenario=scenario,
        role=None,
        seed=1,
        difficulty="historical",
        lang="en",
        load=None,
        hotseat=False,
    )
    for k, v in kw.items():
        setattr(args, k, v)
    start_scenes(app, args)
    pump(app)


def _slide_to(app: App, ed: Any, iid: str, grid: tuple[Any, ...], value: Any) -> None:
    slide(app, ed.pickers[iid], grid.index(value))


def _cycle_to(app: App, ed: Any, iid: str, grid: tuple[Any, ...], value: Any) -> None:
    for _ in range(len(grid)):
        if ed.draft.get(iid) == value:
            break
        press(app, ed.pickers[iid])


_SETTERS = {"slider": _slide_to, "cycler": _cycle_to}
"""How to set a value with each of the package editor's widgets."""


def set_package(
    app: App, table: Any, package: dict[str, Any], links: tuple[tuple[str, ...], ...] = ()
) -> None:
    """Set the package editor to ``package`` (and its one link, if any) through its widgets."""
    ed = table.editor
    tied = {i for group in links for i in group}
    for iid in list(ed.link_toggles):
        if (iid in ed.linked) != (iid in tied):
            press(app, ed.link_toggles[iid])
    c = table.session.c
    for iid in table.session.state.open_issues():
        want = iid in package
        if (iid in ed.include) != want:
            press(app, ed.toggles[iid])
    for iid, value in package.items():
        _SETTERS[ed.editor_of(iid).name](app, ed, iid, c.grid[iid], value)
        assert ed.draft[iid] == value
    assert ed.package() == dict(package)
    assert {frozenset(g) for g in ed.links()} == {frozenset(g) for g in links}


def play_move(app: App, table: Any, move: Move) -> None:
    """Make ``move`` through the table's buttons and the dialogs its kind needs."""
    needs = HANDLERS[move.kind].needs
    if needs.takes is MoveInput.PACKAGE:
        set_package(app, table, dict(move.package), move.links)
    btn = table.move_buttons[move.kind]
    assert btn.treaty_enabled, f"{move.kind} is off: {btn.treaty_tip}"
    press(app, btn)
    top: Any = app.top
    if needs.clauses and top is not table and top.name == "accept":
        choose_clauses(app, top, move.clauses)
    elif needs.takes is MoveInput.ISSUE:
        assert top is not table and top.name == "reopen"
        press_reopen(app, top, move.issue)
    elif needs.takes is MoveInput.ARGUMENT:
        dialog: Any = app.top
        assert dialog is not None and dialog is not table
        options = [
            o
            for o in move_options(table.session.state, table.session.viewer)
            if o.kind is move.kind and o.argument
        ]
        index = [o.argument for o in options[:5]].index(move.argument)
        make = [b for b in dialog.actions if b in dialog.focusables][index]
        press(app, make)
    elif needs.takes is MoveInput.DATE:
        assert top is not None and top is not table
        if move.until is None:
            press(app, top.focusables[0])  # the next session
        else:
            top.dismiss(move.until)
    elif needs.confirm:
        assert app.top is not table
        press(app, _primary(app))


def choose_clauses(app: App, dialog: Any, clauses: tuple[str, ...]) -> None:
    """In the Accept dialog: leave out the clauses not in ``clauses`` (none named: the whole
    offer), then accept."""
    want = set(clauses) if clauses else {i for group in dialog.groups for i in group}
    for group in list(dialog.groups):
        if (set(group) <= dialog.chosen) != (set(group) <= want):
            press(app, dialog.toggles[group])
    assert set(dialog.clauses()) == set(clauses), (dialog.clauses(), clauses)
    press(app, _primary(app))


def press_reopen(app: App, dialog: Any, issue: str | None) -> None:
    """In the Reopen dialog: the button of the clause on ``issue``."""
    c = dialog.session.c
    name = c.issues[issue or ""].name.get(app.tr.lang)
    found = [b for b in dialog.actions if getattr(b, "treaty_full", "").startswith(name)]
    assert found, f"no clause {issue} to reopen in: {all_text(app.manager)!r}"
    press(app, found[0])


def _primary(app: App) -> Any:
    dialog: Any = app.top
    assert dialog is not None
    found = [b for b in dialog.actions if getattr(b, "treaty_enabled", True)]
    return found[-1]


def dismiss_dialogs(app: App, table: Any) -> None:
    """Read the cards that came up (events, answers) and close them with their main button."""
    for _ in range(50):
        top = app.top
        if top is table or top is None or not top.modal:
            return
        if top.name == "end":
            return
        press(app, _primary(app))


def play_to_end(app: App, table: Any, limit: int = 200, kind: str = "historical") -> None:
    """Play the human side(s) through the UI until the talks end, choosing the moves with
    the engine's policy ``kind`` (a difficulty, or ``random``: any legal move but breaking off)."""
    policies = {s: make_policy(table.session.c, s, kind) for s in table.session.humans}
    for _ in range(limit):
        dismiss_dialogs(app, table)
        s = table.session
        if s.state.over:
            return
        if app.top is not table:  # hand-over screen
            press(app, _primary(app))
            continue
        side = s.state.to_move
        choice = policies[side].choose(s.state, side)
        play_move(app, table, choice.move)
    raise AssertionError("the game did not end")


def adjourn(app: App) -> None:
    """Adjourn to the next session through the table's button and its dialog."""
    press_text(app, "Adjourn")
    press_text(app, "Next session")


def to_table(app: App, scenario: str, role: str, dismiss: bool = True) -> Any:
    """Start ``scenario``, choose the diplomat named ``role`` and go to the table."""
    from game.ui.scenes.table import TableScene

    start(app, scenario)
    key(app, pygame.K_RETURN)
    press_text(app, f"Play as {role}")
    press_text(app, "To the table")
    table = app.find(TableScene)
    if dismiss:
        dismiss_dialogs(app, table)
    return table
