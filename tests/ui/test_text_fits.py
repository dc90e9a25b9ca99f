"""Every text of every scene can be read whole: at 1024×640, 1280×800 and 1920×1080, in
English and Azerbaijani, each label's and button's text fits its box, or is cut with its
whole text in its tooltip; each event on the calendar strip shows its whole label on hover;
no button lies over another.
"""

from __future__ import annotations

import pytest

from game.ui.inspect import overlaps, text_problems
from game.ui.tour import tour
from tests.ui.conftest import MINI

SIZES = [(1024, 640), (1280, 800), (1920, 1080)]


def _walk(app, scenario: str, size: tuple[int, int], lang: str) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    from game.ui import charts
    from game.ui.scenes.table import TableScene

    app.settings.lang = lang
    app.restyle()
    app.set_window_size(size)
    assert app.size == size
    problems: dict[str, list[str]] = {}
    for name, scene in tour(app, scenario, fast=True):
        app.dirty = True
        app.step()  # list items are made and dressed as the scene draws
        app.step()
        found = text_problems(app.manager) + overlaps(app.manager)
        if isinstance(scene, TableScene) and scene.root is not None:
            marks = charts.calendar_marks(
                scene.calendar.rect.size, scene.session.state, scene.t, app.scale
            )
            tips = [spot.treaty_full for spot in scene.hotspots]
            found += [f"calendar: no tooltip for {m.text!r}" for m in marks if m.text not in tips]
        if found:
            problems[name] = found
    return problems


@pytest.mark.parametrize("lang", ["en", "az"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_text_of_every_scene_can_be_read_whole(app, size, lang) -> None:
    assert _walk(app, MINI, size, lang) == {}


@pytest.mark.parametrize("lang", ["en", "az"])
def test_the_main_scenario_at_the_smallest_size(app, lang) -> None:
    assert _walk(app, "peking-1925", (1024, 640), lang) == {}
