"""Talks among three parties or more in the window: a game against the engine as a
signatory and as the mediator, to the debrief; partial and linked offers, an acceptance
of some clauses and a reopened clause made through the table's controls; the text of a
three-party table read whole at every size."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from game.engine import Move, MoveKind
from game.ui.driver import (
    dismiss_dialogs,
    key,
    play_move,
    play_to_end,
    press,
    press_text,
    start,
    to_table,
)
from game.ui.inspect import all_text, buttons

TRIO = str(Path(__file__).resolve().parents[1] / "fixtures" / "scenarios" / "trio.yaml")


def _to_debrief(app: Any, table: Any) -> str:
    from game.ui.scenes.debrief import DebriefScene

    play_to_end(app, table)
    assert table.session.state.over
    assert app.top.name == "end"
    press_text(app, "See the debrief")
    assert isinstance(app.top, DebriefScene)
    return all_text(app.manager)


def test_the_role_screen_offers_every_party_and_the_mediator(app) -> None:
    import pygame

    start(app, TRIO)
    key(app, pygame.K_RETURN)
    assert app.top.name == "role"
    text = all_text(app.manager)
    for name in ("Nadia", "Sam", "Eli", "Cleo"):
        assert buttons(app.manager, f"Play as {name}"), name
    assert "Mediator: proposes and argues, never signs." in text
    press(app, app.top.hot)
    assert "Hot seat: on (4 players)" in all_text(app.manager)


def test_a_three_party_game_as_a_signatory_against_the_engine(app) -> None:
    table = to_table(app, TRIO, "Nadia")
    text = all_text(app.manager)
    assert "Around the table" in text
    assert "Cleo (The Chair) — mediator" in text
    assert "Nadia (North) — you · to move" in text
    package = {"rent": 24, "term": "medium", "port": "shared"}
    play_move(app, table, Move(MoveKind.PROPOSE, "north", package, links=(("rent", "port"),)))
    dismiss_dialogs(app, table)
    # the next offer starts untied, and the link controls say so
    assert [b.treaty_full for b in table.editor.link_toggles.values()] == ["link"] * 3
    text = all_text(app.manager)
    # every other party's last words, not only the first one's
    assert "What the others said last" in text
    for name in ("Sam —", "Eli —"):
        assert name in text, text
    # the record says whom the offer was addressed to
    assert "linked: Rent with Port (to Sam and Eli)" in text
    debrief = _to_debrief(app, table)
    assert "Issue by issue" in debrief
    assert "The treaty: agreed" in debrief and "ratified" in debrief
    assert "The Chair: your deal" not in debrief  # a mediator has no utility of the deal
    assert not app.tr.missing


def test_a_game_played_by_the_mediator_against_the_engine(app) -> None:
    table = to_table(app, TRIO, "Cleo")
    assert table.seat == "chair"
    text = all_text(app.manager)
    assert "Cleo (The Chair) — you · mediator" in text
    assert "As the mediator you sign nothing" in text  # no utility of its own
    assert not table.move_buttons["accept"].treaty_enabled
    debrief = _to_debrief(app, table)
    assert "You were the mediator" in debrief
    assert "Issue by issue" in debrief
    assert not app.tr.missing


def test_changchun_three_delegations_played_in_the_window_to_the_end(app) -> None:
    table = to_table(app, "changchun-1922", "Matsudaira Tsuneo")
    text = all_text(app.manager)
    assert "Around the table" in text and "Adolf Ioffe" in text and "Yakov Yanson" in text
    debrief = _to_debrief(app, table)
    assert "Issue by issue" in debrief
    assert not app.tr.missing


def _settle(app: Any) -> Any:
    """Hot seat: through the hand-over screens, briefs and cards to the next table."""
    from game.ui.scenes.table import TableScene

    for _ in range(40):
        top = app.top
        if top.name == "handover":
            press(app, top.focusables[0])
        elif top.name == "briefing":
            press(app, top.go_button)
        elif isinstance(top, TableScene):
            return top
        elif top.modal and top.name != "end":
            press(app, [b for b in top.actions if getattr(b, "treaty_enabled", True)][-1])
        else:
            return top
    raise AssertionError(f"stuck at {app.top.name}")


def test_partial_linked_accepted_in_part_and_reopened_through_the_controls(app) -> None:
    import pygame

    start(app, TRIO, hotseat=True)
    key(app, pygame.K_RETURN)
    press_text(app, "Play as Nadia")
    press(app, app.top.go_button)
    table = _settle(app)
    s = table.session
    assert s.humans == {"north", "south", "east", "chair"} and table.seat == "north"
    ed = table.editor
    # one linked row is not a link: the offer is refused, in words, before it is sent
    press(app, ed.link_toggles["rent"])
    assert not table.move_buttons["propose"].treaty_enabled
    assert "two clauses or more" in table.move_buttons["propose"].treaty_tip
    press(app, ed.link_toggles["rent"])
    # outside the mandate (rent at least 20): the engine's reason, in words
    from game.ui.driver import set_package

    set_package(app, table, {"rent": 10, "term": "medium", "port": "shared"})
    assert not table.move_buttons["propose"].treaty_enabled
    assert "Rent" in table.move_buttons["propose"].treaty_tip
    # a linked offer: rent if port
    play_move(
        app,
        table,
        Move(
            MoveKind.PROPOSE,
            "north",
            {"rent": 24, "term": "medium", "port": "shared"},
            links=(("rent", "port"),),
        ),
    )
    assert s.state.offer is not None and s.state.offer.links == (("rent", "port"),)
    assert not table.linked  # the next offer starts untied
    assert table.editor.link_toggles["rent"].treaty_full == "link"
    table = _settle(app)
    assert table.seat == "south"
    assert "Linked: Rent with Port" in all_text(app.manager)
    # South accepts the term alone: the dialog lists the link as one row
    press(app, table.move_buttons["accept"])
    dialog = app.top
    assert dialog.name == "accept"
    assert ("rent", "port") in dialog.groups and ("term",) in dialog.groups
    assert "linked with Rent, Port" in all_text(app.manager)
    press(app, dialog.toggles[("rent", "port")])
    press(app, app.top.focusables[-1])  # Accept these
    assert s.moves[-1] == Move(MoveKind.ACCEPT, "south", clauses=("term",))
    assert dict(s.state.offer.package) == {"term": "medium"}
    table = _settle(app)
    assert table.seat == "east"
    text = all_text(app.manager)
    assert "Sam (South) — has accepted it" in text, text
    assert "Eli (East) — you · to move · to answer it" in text, text
    play_move(app, table, Move(MoveKind.ACCEPT, "east"))
    assert "term" in s.state.agreed and not s.state.clauses["term"].final
    table = _settle(app)
    assert table.seat == "chair"
    assert "Term: medium — provisional, agreed 7 January 1924" in all_text(app.manager)
    # the mediator's partial offer: the port left out
    play_move(app, table, Move(MoveKind.PROPOSE, "chair", {"rent": 20}))
    assert dict(s.state.offer.package) == {"rent": 20}
    table = _settle(app)
    assert table.seat == "north"
    # North reopens the term through the Reopen dialog
    play_move(app, table, Move(MoveKind.REOPEN, "north", issue="term"))
    assert "term" not in s.state.agreed
    assert s.moves[-1] == Move(MoveKind.REOPEN, "north", issue="term")


@pytest.mark.parametrize("lang", ["en", "az"])
@pytest.mark.parametrize(
    "size", [(1024, 640), (1280, 800), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}"
)
@pytest.mark.parametrize("scenario", [TRIO, "changchun-1922"], ids=["trio", "changchun"])
def test_the_three_party_table_can_be_read_whole(app, scenario, size, lang) -> None:
    from tests.ui.test_text_fits import _walk

    assert _walk(app, scenario, size, lang) == {}
