"""Dialogs over the table for agreeing clause by clause: which clauses of the offer on the
table to accept (a link whole or not at all), and which agreed clause to reopen.

What may be accepted or reopened is the engine's: the choice is checked with
``check(state, Move(accept, side, clauses=...))`` before the dialog hands it back, and
the clauses to reopen are the ``reopen`` options of ``move_options``.
"""

from __future__ import annotations

from functools import partial

from game.engine import Move, MoveKind, check, move_options
from game.session import GameSession
from game.ui import multi
from game.ui.scene import Scene, Window, esc
from game.wording import words

ROWS = 8
"""Clauses (or links) a dialog lists; an offer never holds more issues than a scenario
has, and the scenarios have at most eight."""


class AcceptDialog(Scene):
    """The clauses of the offer on the table, each in or out (linked ones together), all in
    at first; hands back the issues to accept (all of them: an empty tuple), or None."""

    modal = True
    name = "accept"
    dialog_size = (720, 620)

    def __init__(self, app: Window, session: GameSession, seat: str | None = None) -> None:
        super().__init__(app)
        self.session = session
        self.seat = seat if seat is not None else session.viewer
        offer = session.state.offer
        assert offer is not None
        self.groups: list[tuple[str, ...]] = []
        for iid in offer.package:
            group = tuple(i for i in offer.linked(iid) if i in offer.package)
            if group not in self.groups:
                self.groups.append(group)
        self.chosen: set[str] = set(offer.package)
        self.toggles: dict[tuple[str, ...], object] = {}

    def title(self) -> str:
        return self.t("accept.title")

    def layout(self) -> None:
        t, s = self.t, self.session
        c = s.c
        offer = s.state.offer
        assert offer is not None
        self.textbox(self.r(16, 8, 680, 60), esc(t("accept.text")))
        y = 74
        for group in self.groups[:ROWS]:
            on = set(group) <= self.chosen
            self.toggles[group] = self.button(
                self.r(16, y, 70, 40),
                t("editor.in" if on else "editor.out"),
                partial(self.toggle, group),
                cls="@toggle_on" if on else "@small",
                tip=t("accept.in_tip" if on else "accept.out_tip"),
            )
            lines = [
                f"{words.issue_name(c, t, i)}: {words.value(c, t, i, offer.package[i])}"
                for i in group
            ]
            text = "; ".join(lines)
            if len(group) > 1:
                text += " — " + t(
                    "accept.linked", issues=", ".join(words.issue_name(c, t, i) for i in group)
                )
            self.label(self.r(96, y + 4, 600, 32), text, None if on else "#issue_closed")
            y += 46
        self.problem = self.textbox(self.r(16, 446, 680, 50), "", size=13)
        self.button(self.r(16, 500, 250, 44), t("common.cancel"), lambda: self.dismiss(None))
        self.button(self.r(446, 500, 250, 44), t("accept.make"), self.make, cls="@primary")
        self.focus = len(self.focusables) - 1

    def toggle(self, group: tuple[str, ...]) -> None:
        if set(group) <= self.chosen:
            self.chosen -= set(group)
        else:
            self.chosen |= set(group)
        self.rebuild()

    def clauses(self) -> tuple[str, ...]:
        """The chosen clauses as the move names them: none for the whole offer."""
        offer = self.session.state.offer
        assert offer is not None
        if self.chosen >= set(offer.package):
            return ()
        return tuple(i for i in offer.package if i in self.chosen)

    def make(self) -> None:
        s, t = self.session, self.t
        if not self.chosen:
            self.problem.set_text(esc(t("accept.none")))
            return
        clauses = self.clauses()
        reason = check(s.state, Move(MoveKind.ACCEPT, self.seat, clauses=clauses))
        if reason is not None:
            self.problem.set_text(esc(t("table.illegal", reason=words.message(s.c, t, reason))))
            return
        self.dismiss(clauses)


class ReopenDialog(Scene):
    """The agreed clauses the seat may reopen now (provisional ones, of issues open in this
    stage), each a button with its value and the day it was agreed; hands back the issue,
    or None."""

    modal = True
    name = "reopen"
    dialog_size = (720, 580)

    def __init__(self, app: Window, session: GameSession, seat: str | None = None) -> None:
        super().__init__(app)
        self.session = session
        self.seat = seat if seat is not None else session.viewer

    def title(self) -> str:
        return self.t("reopen.title")

    def layout(self) -> None:
        t, s = self.t, self.session
        state, c = s.state, s.c
        self.textbox(self.r(16, 8, 680, 60), esc(t("reopen.text")))
        options = [
            o
            for o in move_options(state, self.seat)
            if o.kind is MoveKind.REOPEN and o.allowed and o.issue
        ]
        y = 74
        for o in options[:ROWS]:
            assert o.issue is not None
            self.button(
                self.r(16, y, 680, 40),
                multi.clause_line(c, t, state, o.issue),
                partial(self.dismiss, o.issue),
                tip=t("move.reopen_tip"),
            )
            y += 46
        self.button(self.r(446, 456, 250, 44), t("common.cancel"), lambda: self.dismiss(None))
        self.focus = 0
