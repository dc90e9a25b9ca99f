"""Every kind of issue in the window: its space in the briefing, its editor at the table."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pygame

from game.scenario.kinds import KINDS
from game.ui.driver import key, press_text, set_package, start, to_table
from game.ui.editor import EDITORS
from game.ui.inspect import all_text

KINDS_YAML = str(Path(__file__).resolve().parents[1] / "fixtures" / "scenarios" / "kinds.yaml")


def test_every_issue_kind_names_an_editor_of_the_window() -> None:
    assert {kind.widget for kind in KINDS.values()} <= set(EDITORS)


def test_the_briefing_shows_each_kinds_values(app) -> None:

    start(app, KINDS_YAML)
    key(app, pygame.K_RETURN)
    press_text(app, "Play as Nadia")
    text = all_text(app.manager)
    assert "(10.0% – 20.0%)" in text
    assert "(1 – 9)" in text
    assert "(five years / ten years / twenty years)" in text
    assert "(1 March 1924 – 1 February 1925)" in text


def test_each_kind_is_set_with_its_own_widget(app) -> None:
    table = to_table(app, KINDS_YAML, "Nadia")
    ed = table.editor
    assert {iid: ed.editor_of(iid).name for iid in ("rent", "berths", "term", "handover")} == {
        "rent": "slider",
        "berths": "slider",
        "term": "cycler",
        "handover": "slider",
    }
    package = {"rent": 17.5, "berths": 3, "term": "medium", "handover": dt.date(1924, 7, 1)}
    set_package(app, table, package)
    assert ed.package() == package
    shown = {iid: label.text for iid, label in ed.value_labels.items()}
    assert shown == {"rent": "17.5%", "berths": "3", "handover": "1 July 1924"}  # term: picker
    assert ed.pickers["term"].text == "ten years"
    set_package(app, table, {**package, "rent": 11.0, "handover": dt.date(1924, 12, 1)})
    assert ed.value_labels["rent"].text == "11.0% ×"  # the mandate asks for at least 12.5
    assert ed.value_labels["handover"].text == "1 December 1924 ×"
