"""Hover tooltips on moves that are not possible, scrolling long texts, citations."""

from __future__ import annotations

import time

import pygame

from game.ui.driver import adjourn, dismiss_dialogs, pump, to_table
from game.ui.inspect import elements
from tests.ui.conftest import MINI


def _to_table(app):  # type: ignore[no-untyped-def]

    table = to_table(app, MINI, "Nadia")
    return table


def test_hovering_a_move_that_is_off_shows_why(app, monkeypatch) -> None:
    from pygame_gui.elements import UITooltip

    table = _to_table(app)
    accept = table.move_buttons["accept"]
    pos = accept.rect.center
    monkeypatch.setattr(pygame.mouse, "get_pos", lambda: pos)  # the dummy driver has no pointer
    for _ in range(3):
        pygame.event.post(
            pygame.event.Event(
                pygame.MOUSEMOTION, {"pos": pos, "rel": (1, 0), "buttons": (0, 0, 0)}
            )
        )
        pump(app)
    time.sleep(0.5)
    pump(app, 3)
    tips = [el for el in elements(app.manager) if isinstance(el, UITooltip)]
    assert tips, "no tooltip appeared"
    assert any("no offer" in tip.text_block.html_text.lower() for tip in tips)


def test_long_texts_scroll_with_keys_and_wheel(app, monkeypatch) -> None:
    table = _to_table(app)
    for _ in range(6):
        adjourn(app)
        dismiss_dialogs(app, table)
    record = table.record
    assert record.bar is not None
    assert record.bar.start_percentage > 0.5  # the record follows the latest entry
    record.scroll_to(0.0)
    pump(app)
    assert record.offset == 0
    pos = record.image.rect.center
    monkeypatch.setattr(pygame.mouse, "get_pos", lambda: pos)
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, {"pos": pos, "rel": (1, 0), "buttons": (0, 0, 0)})
    )
    pump(app, 2)
    pygame.event.post(
        pygame.event.Event(
            pygame.MOUSEWHEEL,
            {"x": 0, "y": -3, "flipped": False, "precise_x": 0.0, "precise_y": -3.0},
        )
    )
    for _ in range(10):
        pump(app)
        time.sleep(0.02)
    assert record.offset > 0
    assert "Session of" in record.plain_text()


def test_a_source_quoted_three_times_is_named_once() -> None:
    """Peking's summary quotes the article three times: its title shows once, with the
    three sentences, then the other source."""
    from game.persistence.scenarios import load, resolve
    from game.ui import markup
    from game.wording.catalogue import Translator

    c = load(resolve("peking-1925"))
    text = c.sc.meta.summary
    assert text is not None
    seed = next(s for s in c.sc.sources if s.id == "seed")
    assert sum(ct.source == "seed" for ct in text.cite) == 3
    html = markup.cite_html(c, Translator("en"), text.cite)
    assert html.count(seed.title) == 1
    assert html.count("“") == 3
