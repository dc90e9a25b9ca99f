"""The arrows and page keys scroll a long text (the briefing; the debrief and replay do the same)."""

from __future__ import annotations

import pygame

from game.ui.driver import key, start


def test_page_keys_scroll_the_briefing(app) -> None:
    start(app, "peking-1925")
    key(app, pygame.K_RETURN)  # Play
    key(app, pygame.K_RETURN)  # the first role
    assert app.top.name == "briefing"
    box = app.top.box
    assert box.bar is not None, "the briefing fits on one screen: nothing to scroll"
    top = box.offset
    key(app, pygame.K_PAGEDOWN)
    down = box.offset
    assert down > top
    key(app, pygame.K_DOWN)
    assert box.offset > down
    key(app, pygame.K_PAGEUP)
    key(app, pygame.K_UP)
    assert box.offset == top
