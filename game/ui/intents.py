"""Raw input turned, once, into intents the scenes understand.

Keyboard: Tab / Shift+Tab move the focus, Enter or Space activate, Esc goes
back, the arrows move a slider or a choice (or the focus), F11 toggles
fullscreen, Ctrl+Z undoes, Ctrl+S saves. pygame_gui's widget events become
``press``, ``slide``, ``select`` and ``text`` intents.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

import pygame
import pygame_gui


class IntentKind(Enum):
    """What an intent asks for (scenes dispatch on these by ``is`` or by table)."""

    QUIT = "quit"
    """The window's close button (or Alt+F4): the game is saved and the program ends."""
    ASK_QUIT = "ask_quit"
    """Ctrl+Q: the window asks before it ends the program."""
    RESIZE = "resize"
    FULLSCREEN = "fullscreen"
    PRESS = "press"
    SLIDE = "slide"
    SELECT = "select"
    ACTIVATE_LIST = "activate_list"
    TEXT = "text"
    WINDOW_CLOSED = "window_closed"
    NEXT = "next"
    PREV = "prev"
    ACTIVATE = "activate"
    BACK = "back"
    LEFT = "left"
    RIGHT = "right"
    UP = "up"
    DOWN = "down"
    PAGE_UP = "page_up"
    PAGE_DOWN = "page_down"
    UNDO = "undo"
    SAVE = "save"
    LOAD = "load"
    RELOAD = "reload"


@dataclass(frozen=True)
class Intent:
    """What the player wants: ``kind`` and, for widget intents, the element and a value."""

    kind: IntentKind
    element: Any = None
    value: Any = None


KEYS = {
    pygame.K_RETURN: IntentKind.ACTIVATE,
    pygame.K_KP_ENTER: IntentKind.ACTIVATE,
    pygame.K_SPACE: IntentKind.ACTIVATE,
    pygame.K_ESCAPE: IntentKind.BACK,
    pygame.K_LEFT: IntentKind.LEFT,
    pygame.K_RIGHT: IntentKind.RIGHT,
    pygame.K_UP: IntentKind.UP,
    pygame.K_DOWN: IntentKind.DOWN,
    pygame.K_PAGEUP: IntentKind.PAGE_UP,
    pygame.K_PAGEDOWN: IntentKind.PAGE_DOWN,
    pygame.K_F11: IntentKind.FULLSCREEN,
    pygame.K_F5: IntentKind.RELOAD,
}
CTRL_KEYS = {
    pygame.K_z: IntentKind.UNDO,
    pygame.K_s: IntentKind.SAVE,
    pygame.K_o: IntentKind.LOAD,
    pygame.K_q: IntentKind.ASK_QUIT,
}

# How far the arrows and page keys scroll a scrolling text (a fraction of its height)
SCROLL: dict[IntentKind, float] = {
    IntentKind.UP: -0.05,
    IntentKind.DOWN: 0.05,
    IntentKind.PAGE_UP: -0.25,
    IntentKind.PAGE_DOWN: 0.25,
}
# The arrows' direction: back (-1) or on (+1)
ARROWS: dict[IntentKind, int] = {
    IntentKind.LEFT: -1,
    IntentKind.RIGHT: 1,
    IntentKind.UP: -1,
    IntentKind.DOWN: 1,
}
# Tab and Shift+Tab
FOCUS_STEP: dict[IntentKind, int] = {IntentKind.NEXT: 1, IntentKind.PREV: -1}


def intents_of(event: pygame.event.Event, typing: bool = False) -> list[Intent]:
    """The intents in one event. ``typing``: a text field has the keyboard (keys are its own)."""
    t = event.type
    if t == pygame.QUIT:  # the close button, Alt-F4
        return [Intent(IntentKind.QUIT)]
    if t == pygame.VIDEORESIZE:
        return [Intent(IntentKind.RESIZE, value=(event.w, event.h))]
    if t == pygame_gui.UI_BUTTON_PRESSED:
        return [Intent(IntentKind.PRESS, event.ui_element)]
    if t == pygame_gui.UI_HORIZONTAL_SLIDER_MOVED:
        return [Intent(IntentKind.SLIDE, event.ui_element, event.value)]
    if t in (pygame_gui.UI_SELECTION_LIST_NEW_SELECTION, pygame_gui.UI_DROP_DOWN_MENU_CHANGED):
        return [Intent(IntentKind.SELECT, event.ui_element, event.text)]
    if t == pygame_gui.UI_SELECTION_LIST_DOUBLE_CLICKED_SELECTION:
        return [
            Intent(IntentKind.SELECT, event.ui_element, event.text),
            Intent(IntentKind.ACTIVATE_LIST, event.ui_element),
        ]
    if t == pygame_gui.UI_TEXT_ENTRY_FINISHED:
        return [Intent(IntentKind.TEXT, event.ui_element, event.text)]
    if t == pygame_gui.UI_WINDOW_CLOSE:
        return [Intent(IntentKind.WINDOW_CLOSED, event.ui_element)]
    if t == pygame.KEYDOWN:
        mods = event.mod
        if event.key == pygame.K_TAB:
            return [Intent(IntentKind.PREV if mods & pygame.KMOD_SHIFT else IntentKind.NEXT)]
        if mods & pygame.KMOD_CTRL and event.key in CTRL_KEYS:
            return [Intent(CTRL_KEYS[event.key])]
        if event.key == pygame.K_F11:
            return [Intent(IntentKind.FULLSCREEN)]
        if typing and event.key not in (pygame.K_ESCAPE, pygame.K_RETURN, pygame.K_KP_ENTER):
            return []
        kind = KEYS.get(event.key)
        return [Intent(kind)] if kind is not None else []
    return []
