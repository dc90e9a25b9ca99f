"""What widgets show, with the memory work-arounds of game/ui/gui_fixes.py in place.

The window keeps fewer copies of each widget's pixels than pygame_gui would; these
check that what a player sees still follows the widget's state and text.
"""

from __future__ import annotations

import pygame

from game.ui.driver import key, pump, to_table
from tests.ui.conftest import MINI


def _pixels(surface: pygame.Surface) -> bytes:
    return pygame.image.tobytes(surface, "RGBA")


def test_a_button_looks_hovered_disabled_and_normal_again(app) -> None:
    table = to_table(app, MINI, "Nadia")
    button = table.bar_buttons[0]
    normal = _pixels(button.image)
    button.drawable_shape.set_active_state("hovered")
    pump(app, 3)
    hovered = _pixels(button.image)
    button.drawable_shape.set_active_state("normal")
    pump(app, 3)
    assert hovered != normal
    assert _pixels(button.image) == normal
    button.disable()
    pump(app, 3)
    assert _pixels(button.image) != normal
    button.enable()
    pump(app, 3)
    assert _pixels(button.image) == normal


def test_a_label_shows_its_new_text(app) -> None:
    table = to_table(app, MINI, "Nadia")
    label = table.turn
    label.set_text("One")
    pump(app, 2)
    one = _pixels(label.image)
    label.set_text("Two words")
    pump(app, 2)
    two = _pixels(label.image)
    label.set_text("One")
    pump(app, 2)
    assert one != two
    assert _pixels(label.image) == one


def test_typing_in_a_text_field_shows_the_letters(app) -> None:
    to_table(app, MINI, "Nadia")
    key(app, pygame.K_s, pygame.KMOD_CTRL)
    assert app.top.name == "save"
    entry = next(
        e for e in app.manager.get_sprite_group().sprites() if isinstance(e, pygame_gui_entry())
    )
    entry.set_text("")
    entry.focus()
    pump(app, 2)
    empty = _pixels(entry.image)
    for ch in "abc":
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, {"text": ch, "window": None}))
        pump(app)
    pump(app, 2)
    assert entry.get_text() == "abc"
    typed = _pixels(entry.image)
    assert typed != empty
    for _ in range(3):
        key(app, pygame.K_BACKSPACE)
    pump(app, 2)
    assert entry.get_text() == ""
    assert _pixels(entry.image) != typed


def pygame_gui_entry() -> type:
    from pygame_gui.elements import UITextEntryLine

    return UITextEntryLine
