"""Raw input turned, once, into intents the scenes understand.

Keyboard: Tab / Shift+Tab move the focus, Enter or Space activate, Esc goes
back, the arrows move a slider or a choice (or the focus), F11 toggles
fullscreen, Ctrl+Z undoes, Ctrl+S saves. pygame_gui's widget events become
``press``, ``slide``, ``select`` and ``text`` intents.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pygame
import pygame_gui


@dataclass(frozen=True)
class Intent:
    """What the player wants: ``kind`` and, for widget intents, the element and a value."""

    kind: str
    element: Any = None
    value: Any = None


KEYS = {
    pygame.K_RETURN: "activate",
    pygame.K_KP_ENTER: "activate",
    pygame.K_SPACE: "activate",
    pygame.K_ESCAPE: "back",
    pygame.K_LEFT: "left",
    pygame.K_RIGHT: "right",
    pygame.K_UP: "up",
    pygame.K_DOWN: "down",
    pygame.K_PAGEUP: "page_up",
    pygame.K_PAGEDOWN: "page_down",
    pygame.K_F11: "fullscreen",
    pygame.K_F5: "reload",
}
CTRL_KEYS = {pygame.K_z: "undo", pygame.K_s: "save", pygame.K_o: "load", pygame.K_q: "ask_quit"}


def intents_of(event: pygame.event.Event, typing: bool = False) -> list[Intent]:
    """The intents in one event. ``typing``: a text field has the keyboard (keys are its own)."""
    t = event.type
    if t == pygame.QUIT:  # the close button, Alt-F4
        return [Intent("quit")]
    if t == pygame.VIDEORESIZE:
        return [Intent("resize", value=(event.w, event.h))]
    if t == pygame_gui.UI_BUTTON_PRESSED:
        return [Intent("press", event.ui_element)]
    if t == pygame_gui.UI_HORIZONTAL_SLIDER_MOVED:
        return [Intent("slide", event.ui_element, event.value)]
    if t in (pygame_gui.UI_SELECTION_LIST_NEW_SELECTION, pygame_gui.UI_DROP_DOWN_MENU_CHANGED):
        return [Intent("select", event.ui_element, event.text)]
    if t == pygame_gui.UI_SELECTION_LIST_DOUBLE_CLICKED_SELECTION:
        return [
            Intent("select", event.ui_element, event.text),
            Intent("activate_list", event.ui_element),
        ]
    if t == pygame_gui.UI_TEXT_ENTRY_FINISHED:
        return [Intent("text", event.ui_element, event.text)]
    if t == pygame_gui.UI_WINDOW_CLOSE:
        return [Intent("window_closed", event.ui_element)]
    if t == pygame.KEYDOWN:
        mods = event.mod
        if event.key == pygame.K_TAB:
            return [Intent("prev" if mods & pygame.KMOD_SHIFT else "next")]
        if mods & pygame.KMOD_CTRL and event.key in CTRL_KEYS:
            return [Intent(CTRL_KEYS[event.key])]
        if event.key == pygame.K_F11:
            return [Intent("fullscreen")]
        if typing and event.key not in (pygame.K_ESCAPE, pygame.K_RETURN, pygame.K_KP_ENTER):
            return []
        kind = KEYS.get(event.key)
        return [Intent(kind)] if kind else []
    return []
