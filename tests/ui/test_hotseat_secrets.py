"""Hot seat: a side's brief, mandate, instructions and table never reach the other player's
screen. A game is played through the window with hand-overs, undo at random, the news
digest and every dialog, a save loaded again, the scenario reloaded and the brief opened;
after every step every widget's text is read (``game.ui.inspect``) and must hold nothing
of the side that is not at the screen.
"""

from __future__ import annotations

import random
from pathlib import Path

import pygame
import pytest

from game.engine import MoveKind
from game.engine.policy import make_policy
from game.ui.driver import key, play_move, press, press_text, pump, start
from game.ui.inspect import all_text, buttons


def secrets(c, tr, side: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Words only ``side``'s player may read: its brief, mandates, instructions, factions'
    stances, and the heading of its own table."""
    p = c.parties[side]
    out = [tr("editor.title", name=p.diplomat.name.get(tr.lang))]
    texts = [p.briefing] + [m.text for m in p.mandates] + [i.text for i in p.instructions]
    texts += [f.stance for f in p.factions]
    for text in texts:
        if text is not None:
            out.append(text.get(tr.lang)[:60])
    out += [m.name.get(tr.lang) for m in p.mandates]
    return [s for s in out if len(s) > 6]


class Screen:
    """Who sits at the screen, and the check made after every step."""

    def __init__(self, app, c, first: str) -> None:  # type: ignore[no-untyped-def]
        self.app, self.c, self.holder = app, c, first
        self.secret = {side: secrets(c, app.tr, side) for side in c.parties}
        self.checks = 0

    def check(self) -> None:
        from game.ui.scenes.briefing import HandOverScene

        app = self.app
        top = app.top
        if top is not None and top.name in ("end", "debrief"):
            return  # the talks are over: the debrief reveals both briefs
        text = all_text(app.manager)
        for other in self.c.others(self.holder):
            leaked = [s for s in self.secret[other] if s in text]
            assert not leaked, f"{other}'s {leaked[0]!r} on {self.holder}'s screen ({top.name})"
        table = app.find("table")
        if table is not None and table.root is not None and not isinstance(top, HandOverScene):
            assert table.seat == self.holder, f"{table.seat}'s table before {self.holder}"
        self.checks += 1

    def hand_over_if_asked(self) -> bool:
        from game.ui.scenes.briefing import HandOverScene

        top = self.app.top
        if not isinstance(top, HandOverScene):
            return False
        self.check()  # the hand-over screen itself shows nothing of either side
        side = next(
            s
            for s in self.c.parties
            if self.c.parties[s].diplomat.name.get(self.app.tr.lang) == top.side_name
        )
        self.holder = side
        press(self.app, top.focusables[0])
        self.check()
        return True


def _close_dialogs(app, screen: Screen) -> None:  # type: ignore[no-untyped-def]
    for _ in range(20):
        top = app.top
        if top is None or not top.modal or top.name == "end":
            return
        screen.check()
        press(app, [b for b in top.actions if getattr(b, "treaty_enabled", True)][-1])


TRIO = str(Path(__file__).resolve().parents[1] / "fixtures" / "scenarios" / "trio.yaml")


@pytest.mark.parametrize(
    ("scenario", "lang"),
    [
        ("peking-1925", "en"),
        ("peking-1925", "az"),
        (TRIO, "en"),
        (TRIO, "az"),
        ("changchun-1922", "en"),
    ],
    ids=["peking-en", "peking-az", "trio-en", "trio-az", "changchun-en"],
)
def test_no_side_sees_the_other_sides_secrets(app, scenario, lang) -> None:
    """Two seats (Peking), three (Changchun's delegations), and four (three signatories
    and the mediator of the trio)."""
    from game.ui.scenes.table import TableScene

    rng = random.Random(11)
    app.settings.lang = lang
    app.restyle()
    start(app, scenario, hotseat=True, lang=lang)
    key(app, pygame.K_RETURN)  # Play
    c = app.top.setup.c
    first = c.sc.parties[0].id
    screen = Screen(app, c, first)
    screen.check()  # the role screen: both sides' cards, no mandate on either
    press_text(app, app.tr("role.play_as", name=c.parties[first].diplomat.name.get(lang)))
    screen.check()
    press(app, app.top.go_button)
    for _ in c.others(first):  # each other player's brief, behind its hand-over
        assert screen.hand_over_if_asked()
        screen.check()
        assert app.top.name == "briefing"
        press(app, app.top.go_button)
    policies = {s: make_policy(c, s, "random") for s in c.parties}
    did = set()
    for step in range(70):
        _close_dialogs(app, screen)
        if screen.hand_over_if_asked():
            continue
        table = app.find(TableScene)
        assert table is not None and app.top is table
        s = table.session
        if s.state.over:
            break
        screen.check()
        roll = rng.random()
        if (
            step >= 20 and "load" not in did
        ):  # save, then load the save again: a hand-over comes first
            key(app, pygame.K_s, pygame.KMOD_CTRL)
            screen.check()
            press(app, app.top.focusables[-1])  # Save
            press(app, table.bar_buttons[2])  # Load, asks first
            screen.check()
            press_text(app, app.tr("common.yes"))
            screen.check()
            press(app, app.top.load_button)
            did.add("load")
            assert screen.hand_over_if_asked()
        elif step >= 30 and "reload" not in did:
            key(app, pygame.K_F5)  # the scenario file again: the same seat's table
            did.add("reload")
        elif step >= 40 and "brief" not in did:
            press(app, table.bar_buttons[0])  # the brief of the seat on screen
            screen.check()
            press(app, app.top.go_button)
            did.add("brief")
        elif roll < 0.15 and s.can_undo(table.seat):
            key(app, pygame.K_z, pygame.KMOD_CTRL)
            did.add("undo")
        else:
            side = s.state.to_move
            move = policies[side].choose(s.state, side).move
            if move.kind is MoveKind.BREAK_OFF:
                continue
            play_move(app, table, move)
            did.add(str(move.kind))
        pump(app)
        screen.check()
    assert {"undo", "load", "reload", "brief", "propose"} <= did
    assert screen.checks > 100
    assert buttons(app.manager)  # still a working window
