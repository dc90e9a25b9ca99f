"""Switching language, text size, resizing and full screen; settings persist."""

from __future__ import annotations

import json

import pygame

from game.ui.driver import key, press_text, pump, start, to_table
from game.ui.inspect import all_text, elements
from tests.ui.conftest import MINI


def test_switch_language_and_it_persists(app, dirs) -> None:
    from game.ui.app import App
    from game.ui.settings import Settings

    start(app, MINI)
    press_text(app, "Settings")
    press_text(app, "English")  # the language button cycles
    text = all_text(app.manager)
    assert "Parametrlər" in text and "Dil" in text
    saved = json.loads((dirs / "config" / "settings.json").read_text(encoding="utf-8"))
    assert saved["lang"] == "az"
    key(app, pygame.K_ESCAPE)
    assert "Tarixi təkrarla" in all_text(app.manager)  # the title menu, rebuilt in Azerbaijani
    press_text(app, "Oyna")
    press_text(app, "Nadia kimi oyna")
    assert "Səlahiyyətiniz" in all_text(app.manager)
    assert not app.tr.missing
    again = App(Settings.load())
    assert again.settings.lang == "az"
    while again.stack:
        again.stack.pop().exit()


def test_resize_rebuilds_every_scene_inside_the_window(app) -> None:

    table = to_table(app, MINI, "Nadia", dismiss=False)
    pump(app)
    for size in ((1920, 1080), (1000, 700), (1280, 720)):
        pygame.event.post(
            pygame.event.Event(pygame.VIDEORESIZE, {"w": size[0], "h": size[1], "size": size})
        )
        pump(app, 2)
        w, h = app.size
        assert app.scale > 0
        bounds = pygame.Rect(0, 0, w, h)
        for el in elements(app.manager):
            if el.visible and el.rect.w > 2:
                assert (
                    bounds.contains(el.rect.clip(bounds))
                    and el.rect.colliderect(bounds)
                    or el.rect.w == 0
                )
        assert app.top is table or app.top.modal
        assert "Record of the talks" in all_text(app.manager)


def test_text_size_and_fullscreen(app) -> None:
    start(app, MINI)
    press_text(app, "Settings")
    factor = app.font_factor
    press_text(app, "medium")
    assert app.settings.text_size == "large" and app.font_factor > factor
    key(app, pygame.K_F11)
    assert app.settings.fullscreen
    key(app, pygame.K_F11)
    assert not app.settings.fullscreen
    assert "Settings" in all_text(app.manager)
