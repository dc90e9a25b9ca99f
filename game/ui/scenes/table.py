"""The negotiation table: the package editor, the offers, the opponent's reply and its
reasons, the legal moves, the calendar, the map and the record of the talks.

Every move goes through the session to the engine; the buttons come from
``move_options`` (a move that is not possible now says why on hover); what the
player sees of the talks is the session's view for the seat on screen
(:attr:`TableScene.seat`). In a hot-seat game the seat changes only behind a
hand-over screen: until the next player says who they are, the table shows
nothing of their side.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import Any

import pygame

from game.engine import Move, MoveKind, check, move_options
from game.engine.ai import clear_caches
from game.engine.messages import Msg
from game.engine.movekinds import HANDLERS, MoveInput
from game.engine.space import Value
from game.session import GameSession, SeatView
from game.session.tutorial import Progress, hint
from game.session.view import Seen, Withheld, moves_used, stage_limits_moves
from game.ui import charts, mapview, markup, multi, style
from game.ui.editor import PackageEditor, default_draft
from game.ui.flow import Setup
from game.ui.intents import Intent, IntentKind
from game.ui.scene import Scene, Window, esc
from game.wording import speech, words

MOVE_ORDER = tuple(MoveKind)
"""The move buttons, in the order of the kinds."""

BUTTON_CLASS = {MoveKind.PROPOSE: "@primary", MoveKind.COUNTER: "@counter"}
"""Moves whose buttons look their own way when they are possible (Propose and Counter
must not look alike); Accept is drawn as the main button."""

NEWS_CODES = frozenset({"event", "stage", "instructions", "instructions.none", "mandate"})
"""Lines of the record that bring the news digest up (with everything around them)."""


class TableScene(Scene):
    """The talks, session by session, for the seat on screen."""

    name = "table"

    def __init__(self, app: Window, session: GameSession, seat: str | None = None) -> None:
        super().__init__(app)
        self.session = session
        self.seat: str = seat if seat is not None else session.viewer
        """The seat whose table is on screen (in a hot-seat game, the player who said so)."""
        self.draft: dict[str, Value] = default_draft(session.state, self.seat)
        self.include: set[str] = set(session.state.open_issues())
        self.linked: set[str] = set()
        """The package editor's rows tied in one link (kept across its rebuilds)."""
        self.editor: PackageEditor | None = None
        self.move_buttons: dict[str, Any] = {}
        self.seen: dict[str, int] = {self.seat: len(session.moves)}
        """How many moves each seat had seen when it last looked at the table."""
        self.pending_seat: str | None = None
        self.shown_end = False
        self.show_details = False
        self.show_sources = False
        self.progress = Progress.load()
        """The guided first game: the hints seen, and whether they are on (shared with the
        terminal, kept in the player's settings folder)."""
        self.hint_key: str | None = None
        self.hotspots: list[Any] = []
        self.pending_news = False

    @property
    def view(self) -> SeatView:
        """The game as the seat on screen may see it."""
        return self.session.view(self.seat)

    @property
    def kinds(self) -> tuple[MoveKind, ...]:
        """The kinds of move some stage of the scenario allows (their buttons), in order."""
        return moves_used(self.session.c)

    # ------------------------------------------------------------------ layout
    def layout(self) -> None:
        t, s = self.t, self.session
        state, c, me = s.state, s.c, self.seat
        top = self.r(0, 0, 1280, 46)
        from pygame_gui.elements import UIPanel

        UIPanel(
            pygame.Rect(0, top.y, self.app.size[0], top.h),
            manager=self.app.manager,
            container=self.root,
            object_id="#topbar",
        )
        self.head = self.label(self.r(12, 2, 470, 24), "", "#bold")
        self.stage_label = self.label(self.r(12, 24, 470, 20), "", "#small")
        self.turn = self.label(self.r(488, 6, 256, 32), "", "#status")
        bar = [
            ("table.brief", self.open_brief),
            ("menu.save", self.save),
            ("menu.load", self.load),
            ("menu.settings", self.settings),
            ("table.menu", self.menu),
        ]
        self.bar_buttons = [
            self.button(self.r(750 + i * 104, 7, 100, 32), t(k), a) for i, (k, a) in enumerate(bar)
        ]
        rect = self.r(10, 50, 1260, 62)
        self.calendar = self.image(rect, charts.calendar_strip(rect.size, state, t, self.app.scale))
        self._calendar_hotspots()
        # the package editor
        self.editor_title = self.label(
            self.r(10, 118, 520, 28), t("editor.title", name=words.diplomat(c, t, me)), "#heading"
        )
        self.editor = PackageEditor(self, self.r(10, 148, 520, 452), self.draft, self.include)
        self.utility_label = self.label(self.r(10, 604, 520, 24), self.editor.utility_text())
        rect = self.r(10, 630, 520, 10)
        self.utility_bar = self.image(rect, self._bar(rect.size))
        self.legend = self.textbox(self.r(10, 644, 520, 68), esc(t("editor.legend")), size=13)
        # what is on the table, the reply, why only some moves
        self.label(self.r(540, 118, 380, 28), t("table.on_table"), "#heading")
        self.worth = self.label(self.r(540, 146, 380, 26), "", "#worth")
        self.offers = self.textbox(self.r(540, 174, 380, 126), "")
        self.reply_head = self.label(self.r(540, 304, 262, 26), "", "#bold")
        self.details_button: Any = self.button(
            self.r(806, 304, 114, 26),
            t("table.details_hide" if self.show_details else "table.details_show"),
            self.toggle_details,
            tip=t("table.details_tip"),
            cls="@toggle_on" if self.show_details else "@small",
        )
        self.reply = self.textbox(self.r(540, 332, 380, 92), "")
        self.why = self.textbox(self.r(540, 428, 380, 74), "", size=13)
        self.move_buttons = {}
        # a button for each kind of move some stage of this scenario allows, two a row,
        # then Undo and the debrief: rows closer together when there are more of them
        rows = (len(self.kinds) + 1) // 2 + 1
        pitch = min(40, 206 // rows)
        for i, kind in enumerate(self.kinds):
            rect = self.r(540 + (i % 2) * 192, 506 + (i // 2) * pitch, 186, pitch - 4)
            key = f"table.{kind}_button" if t.has(f"table.{kind}_button") else f"move.{kind}"
            needs = HANDLERS[kind].needs
            label = t(key) + ("…" if needs.dialog or needs.clauses else "")
            self.move_buttons[kind] = self.button(rect, label, None)
        last = 506 + (rows - 1) * pitch
        self.move_buttons["undo"] = self.button(
            self.r(540, last, 186, pitch - 4), t("move.undo"), None
        )
        self.debrief_button: Any = self.button(
            self.r(732, last, 186, pitch - 4), t("table.debrief"), self.debrief, cls="@primary"
        )
        # the map (or a hint of the guided first game), the record
        rect = self.r(930, 118, 340, 250)
        self.map: Any = self.image(rect, mapview.render(rect.size, state, t, self.app.scale))
        self.hint_box = self.textbox(self.r(930, 118, 340, 206), "")
        self.hint_ok: Any = self.button(self.r(930, 328, 164, 36), t("tutorial.ok"), self.hint_done)
        self.hint_off: Any = self.button(
            self.r(1100, 328, 170, 36), t("tutorial.off"), self.tutorial_off, cls="@small"
        )
        self.label(self.r(930, 372, 214, 26), t("table.record"), "#heading")
        self.sources_button = self.button(
            self.r(1148, 372, 122, 26),
            t("table.sources_hide" if self.show_sources else "table.sources_show"),
            self.toggle_sources,
            tip=t("table.sources_tip"),
            cls="@toggle_on" if self.show_sources else "@small",
        )
        self.record = self.textbox(self.r(930, 402, 340, 310), "")
        self.update_view(first=True)
        if self.focus < 0:
            first = self.move_buttons.get(self.kinds[0])
            if first is not None and first in self.focusables:
                self.focus = self.focusables.index(first)

    def _calendar_hotspots(self) -> None:
        """Invisible labels over the calendar's marks: each shows its event whole on hover."""
        for spot in self.hotspots:
            spot.kill()
        state, rect = self.session.state, self.calendar.rect
        marks = charts.calendar_marks(rect.size, state, self.t, self.app.scale)
        self.hotspots = self.hotspots_over(self.calendar, [(m.rect, m.text) for m in marks])

    def update_view(self, first: bool = False) -> None:
        """Bring every widget up to date with the state, without building them again."""
        t, s = self.t, self.session
        state, c, me = s.state, s.c, self.seat
        self.set_label(
            self.head,
            t("table.when_short", date=words.date(t, state.date), session=state.session),
            "#bold",
        )
        self.set_label(self.stage_label, words.stage_name(c, t, state.stage), "#small")
        if state.over:
            turn = t("table.over")
        elif state.to_move == me:
            turn = t("table.your_turn", name=words.diplomat(c, t, me))
        else:
            turn = t("table.their_turn", name=words.diplomat(c, t, state.to_move))
        self.set_label(self.turn, turn, "#status")
        self.set_label(
            self.editor_title, t("editor.title", name=words.diplomat(c, t, me)), "#heading"
        )
        if not first:
            self.calendar.set_image(
                charts.calendar_strip(self.calendar.rect.size, state, t, self.app.scale)
            )
            self._calendar_hotspots()
            self.map.set_image(mapview.render(self.map.rect.size, state, t, self.app.scale))
            assert self.editor is not None
            self.editor.sync()
        self._show_offers()
        self._show_reply()
        why = self.view.why_moves if stage_limits_moves(state) else None
        line = (
            self._why_moves(why)
            if why is not None
            else ("" if state.over or not self._my_turn() else t("table.why_all"))
        )
        self.why.set_text(f'<font color="{markup.MUTED}">{esc(line)}</font>' if line else "")
        self._show_record()
        self._update_move_buttons()
        self.package_changed()
        if state.over:
            self.debrief_button.show()
        else:
            self.debrief_button.hide()
        self._show_hint()

    def _why_moves(self, why: Msg) -> str:
        """:attr:`SeatView.why_moves` in a line under the reply: which moves and until when
        (the stage's name is in the bar at the top)."""
        t = self.t
        names = [words.move_name(t, str(k)) for k in why.params.get("kinds", ())]
        moves = (
            ", ".join(names[:-1]) + t("list.and") + names[-1] if len(names) > 1 else "".join(names)
        )
        until = why.params.get("until")
        when = t("why_moves.until", date=words.date(t, until)) if isinstance(until, dt.date) else ""
        return t("table.why_moves", moves=moves, until=when)

    def _show_record(self) -> None:
        s = self.session
        self.record.set_text(
            markup.entries_html(s.c, self.t, self.view.entries, full_cites=self.show_sources),
            keep_end=True,
        )

    def _bar(self, size: tuple[int, int]) -> pygame.Surface:
        surf = pygame.Surface(size)
        surf.fill(style.colour("grid"))
        u = self.editor.utility_value() if self.editor else 0.0
        pygame.draw.rect(
            surf,
            style.colour("history"),
            pygame.Rect(0, 0, round(size[0] * max(0.0, min(1.0, u))), size[1]),
        )
        r = self.view.reservation
        x = round(size[0] * max(0.0, min(1.0, r)))
        pygame.draw.line(surf, style.colour("ink"), (x, 0), (x, size[1]), 2)
        return surf

    def _show_offers(self) -> None:
        """The worth of their offer where the eye goes (above the box), the offers in it."""
        t, s = self.t, self.session
        state, c, me = s.state, s.c, self.seat
        view = self.view
        if multi.many(c):
            self._show_offers_many()
            return
        theirs = view.their_offer()
        other = theirs.by if theirs is not None else self._replier()
        if theirs is not None:
            u = view.worth(theirs.package)
            worth = t(
                "table.worth_line",
                name=words.diplomat(c, t, other),
                u=f"{u:.2f}",
                r=f"{view.reservation:.2f}",
            )
        else:
            worth = t("table.no_offer", name=words.diplomat(c, t, other))
        self.set_label(self.worth, worth, "#worth")
        parts = []
        if theirs is not None:
            parts.append(
                f"<b>{esc(t('table.their_offer', name=words.diplomat(c, t, other), date=words.date(t, theirs.date)))}</b><br>"
                + markup.package_html(c, t, theirs.package)
            )
        mine = view.my_last_offer()
        if mine is not None:
            on_table = state.offer is not None and state.offer.by == me
            key = "table.my_offer_on_table" if on_table else "table.my_last_offer"
            parts.append(
                f"<b>{esc(t(key, date=words.date(t, mine.date)))}</b><br>"
                + markup.package_html(c, t, mine.package)
            )
        agreed = multi.agreed_html(c, t, state)
        if agreed:
            parts.append(agreed)
        self.offers.set_text("<br><br>".join(parts))

    def _show_offers_many(self) -> None:
        """More than two parties: the offer on the table (whoever made it, its links, who
        has accepted it), the seats, the seat's last offer, the agreed clauses."""
        t, s = self.t, self.session
        state, c, me = s.state, s.c, self.seat
        view = self.view
        offer = state.offer
        mediator = c.is_mediator(me)
        if offer is not None and offer.by != me and not mediator:
            worth = t(
                "table.worth_line",
                name=words.diplomat(c, t, offer.by),
                u=f"{view.worth(offer.package):.2f}",
                r=f"{view.reservation:.2f}",
            )
        else:
            worth = t("table.no_offer_any")
        self.set_label(self.worth, worth, "#worth")
        parts = []
        if offer is not None:
            head = (
                t("table.my_offer_on_table", date=words.date(t, offer.date))
                if offer.by == me
                else t(
                    "table.their_offer",
                    name=words.diplomat(c, t, offer.by),
                    date=words.date(t, offer.date),
                )
            )
            parts.append(multi.offer_html(c, t, offer, head))
        parts.append(multi.seats_html(c, t, state, me))  # after the offer: it comes first
        mine = view.my_last_offer()
        if mine is not None and mine is not offer:
            parts.append(
                f"<b>{esc(t('table.my_last_offer', date=words.date(t, mine.date)))}</b><br>"
                + markup.package_html(c, t, mine.package)
            )
        agreed = multi.agreed_html(c, t, state)
        if agreed:
            parts.append(agreed)
        self.offers.set_text("<br><br>".join(parts))

    def _show_reply(self) -> None:
        """The opponent's last answer as a diplomat says it; its figures behind the toggle."""
        t, s = self.t, self.session
        c, me = s.c, self.seat
        if multi.many(c):
            self.set_label(self.reply_head, t("table.replies_head"), "#bold")
            self.details_button.show()
            self.reply.set_text(multi.replies_html(s, t, me, self.show_details))
            return
        other = self._replier()
        name = words.diplomat(c, t, other)
        turn = None if s.hotseat else s.last_turn(other)
        if s.hotseat:
            self.set_label(self.reply_head, t("table.reply_head", name=name), "#bold")
            self.reply.set_text(esc(t("table.hotseat_note")))
            self.details_button.hide()
            return
        self.details_button.show()
        if turn is None:
            self.set_label(self.reply_head, t("table.reply_head", name=name), "#bold")
            self.reply.set_text(f"<i>{esc(t('table.no_reply', name=name))}</i>")
            return
        self.set_label(
            self.reply_head, t("table.reply", name=name, move=t("move." + turn.move.kind)), "#bold"
        )
        parts = []
        line = turn.choice.line
        if line is not None:
            parts.append(f"<i>{esc(line.get(t.lang))}</i>")
        said = speech.speak(c, t, other, turn.reasons)
        parts += [esc(x) for x in said]
        if self.show_details or not said:
            figures = speech.details(c, t, other, turn.reasons)
            if figures:
                parts.append(
                    f'<font color="{markup.MUTED}">'
                    + "<br>".join(f"• {esc(x)}" for x in figures)
                    + "</font>"
                )
        self.reply.set_text("<br>".join(parts))

    def _replier(self) -> str:
        """The other side whose words the table shows: the one that moved last, of those
        the AI plays (the first other side before anyone has)."""
        s, me = self.session, self.seat
        for ply in sorted(s.turns, reverse=True):
            if ply <= len(s.moves) and s.moves[ply - 1].side != me:
                return s.moves[ply - 1].side
        return s.c.others(me)[0]

    def _set_button(
        self, kind: str, allowed: bool, reason: str, cls: str | None = None, action: Any = None
    ) -> None:
        """Turn a move button on or off; on, it makes the move (or runs ``action``)."""
        from pygame_gui.core import ObjectID

        btn = self.move_buttons[kind]
        cls = cls if allowed else "@move_off"
        if getattr(btn, "treaty_cls", "-") != cls:
            btn.change_object_id(ObjectID(class_id=cls))
            btn.treaty_cls = cls
        reason = words.message(self.session.c, self.t, reason)
        tip = self.t(f"move.{kind}_tip") if allowed else reason
        self.set_label(btn, btn.treaty_full, cls if cls != "@move_off" else None, tip=tip)
        btn.treaty_enabled = allowed
        if allowed:
            self.actions[btn] = action or partial(self.do, MoveKind(kind))
        else:
            self.actions[btn] = partial(self.app.status, reason)

    def _my_turn(self) -> bool:
        s = self.session
        return s.human_turn() and s.state.to_move == self.seat

    def _update_move_buttons(self) -> None:
        t, s = self.t, self.session
        state = s.state
        options = self.view.options()
        my_turn = self._my_turn()
        for kind in self.kinds:
            takes = HANDLERS[kind].needs.takes
            if takes is MoveInput.PACKAGE:
                continue  # by package_changed, from the draft
            mine = [o for o in options if o.kind is kind]
            if takes is MoveInput.ARGUMENT:
                allowed = any(a.allowed for a in mine)
                reason = "" if allowed else (mine[0].reason if mine else t("move.no_arguments"))
            else:
                allowed, reason = (mine[0].allowed, mine[0].reason) if mine else (False, "")
            if not my_turn and not state.over:
                allowed, reason = False, t("table.not_your_turn")
            self._set_button(kind, allowed, reason, "@primary" if kind is MoveKind.ACCEPT else None)
        ok = s.can_undo(self.seat)
        self._set_button("undo", ok, "" if ok else t("move.nothing_to_undo"), action=self.undo)

    def _package_reason(self, kind: MoveKind) -> str | None:
        state, me = self.session.state, self.seat
        pkg = self.editor.package() if self.editor else {}
        base = next((o for o in move_options(state, me) if o.kind is kind), None)
        if base is not None and not base.allowed:
            return base.reason
        if not pkg:
            return self.t("editor.empty")
        links = self.editor.links() if self.editor else ()
        if self.editor is not None and self.editor.lone_link():
            return self.t("editor.link_one")
        return check(state, Move(kind, me, pkg, links=links))

    # ------------------------------------------------------------------ updates
    def package_changed(self) -> None:
        """The draft changed: update the utility and the propose/counter buttons, nothing else."""
        if self.editor is None:
            return
        self.set_label(self.utility_label, self.editor.utility_text())
        self.utility_bar.set_image(self._bar(self.utility_bar.rect.size))
        my_turn = self._my_turn()
        for kind in self.kinds:
            if HANDLERS[kind].needs.takes is not MoveInput.PACKAGE:
                continue
            reason = self._package_reason(kind) if my_turn else self.t("table.not_your_turn")
            self._set_button(kind, reason is None, reason or "", BUTTON_CLASS.get(kind))

    def scroll_into_view(self, element: Any) -> None:
        if self.editor is not None:
            self.editor.scroll_to(element)

    def refresh(self) -> None:
        """Back on top (after a dialog, the settings or a hand-over): bring the widgets up to
        date; after a hand-over, for the player who has said who they are."""
        if self.pending_seat is not None:
            self._take_seat(self.pending_seat)
        if self.root is None:
            self.build()
        else:
            self.update_view()
        if self.pending_news:
            self.pending_news = False
            self._show_news(first=False)

    # ------------------------------------------------------------------ toggles and hints
    def toggle_details(self) -> None:
        self.show_details = not self.show_details
        self.rebuild()

    def toggle_sources(self) -> None:
        self.show_sources = not self.show_sources
        self.rebuild()

    def _show_hint(self) -> None:
        """A hint of the guided first game over the map, while one is due (until the player
        says they have read it; the hints can be turned off)."""
        step = hint(self.view, self.progress.seen) if self.progress.enabled else None
        self.hint_key = step.id if step is not None else None
        if step is None:
            for el in (self.hint_box.panel, self.hint_ok, self.hint_off):
                el.hide()
            self.map.show()
            return
        self.map.hide()
        self.hint_box.panel.show()
        self.hint_ok.show()
        self.hint_off.show()
        self.hint_box.set_text(
            f'<font color="{markup.GOLD}"><b>{esc(self.t(step.title_key))}</b></font><br>'
            + esc(self.t(step.key))
        )

    def hint_done(self) -> None:
        """The hint is read: the next one (now or when its situation comes)."""
        if self.hint_key is not None:
            self.progress.seen.add(self.hint_key)
            self.progress.save()
        self._show_hint()

    def tutorial_off(self) -> None:
        self.progress.enabled = False
        self.progress.save()
        self._show_hint()

    # ------------------------------------------------------------------ moves
    def do(self, kind: MoveKind) -> None:
        """Make a move of ``kind``, asking first for what its handler says it needs."""
        s, me = self.session, self.seat
        needs = HANDLERS[kind].needs
        if needs.takes is MoveInput.PACKAGE:
            assert self.editor is not None
            self.play(Move(kind, me, self.editor.package(), links=self.editor.links()))
        elif needs.clauses and s.state.offer is not None and len(s.state.offer.package) > 1:
            self.app.push("accept", s, me, on_result=partial(self._clauses, kind))
        elif needs.takes is MoveInput.ISSUE:
            self.app.push("reopen", s, me, on_result=partial(self._issue, kind))
        elif needs.takes is MoveInput.ARGUMENT:
            self.app.push("argue", s, me, on_result=lambda a: self._argue(kind, a))
        elif needs.takes is MoveInput.DATE:
            self.app.push("adjourn", s, me, on_result=lambda d: self._dated(kind, d))
        elif needs.confirm:
            self._confirm(kind, lambda ok: ok and self.play(Move(kind, me)))
        else:
            self.play(Move(kind, me))

    def _confirm(self, kind: MoveKind, then: Callable[[Any], object]) -> None:
        """Ask before a move whose handler needs a confirmation: the kind's own dialog if it
        has one, else ``confirm.<kind>_title`` and ``confirm.<kind>`` from the catalogue."""
        own = {MoveKind.INSTRUCT: "instruct"}
        if kind in own:
            self.app.push(own[kind], self.session, self.seat, on_result=then)
        else:
            title, text = self.t(f"confirm.{kind}_title"), self.t(f"confirm.{kind}")
            self.app.push("confirm", title, text, on_result=then)

    def _dated(self, kind: MoveKind, choice: object) -> None:
        if choice == "next":
            self.play(Move(kind, self.seat))
        elif choice is not None:
            self.play(Move(kind, self.seat, until=choice))  # type: ignore[arg-type]

    def _clauses(self, kind: MoveKind, clauses: tuple[str, ...] | None) -> None:
        if clauses is not None:
            self.play(Move(kind, self.seat, clauses=clauses))

    def _issue(self, kind: MoveKind, issue: str | None) -> None:
        if issue:
            self.play(Move(kind, self.seat, issue=issue))

    def _argue(self, kind: MoveKind, arg_id: str | None) -> None:
        if arg_id:
            self.play(Move(kind, self.seat, argument=arg_id))

    def play(self, move: Move) -> bool:
        """Send a move to the engine; then the opponent answers; then show what happened."""
        problem = self.session.play(move)
        if problem is not None:
            reason = words.message(self.session.c, self.t, problem)
            self.app.status(self.t("table.illegal", reason=reason))
            return False
        if not self.session.hotseat:
            self.session.run_ai()
        self.after_moves()
        return True

    def exit(self) -> None:
        super().exit()
        clear_caches()

    def on_close(self) -> None:
        """The window is closing: the game is saved (atomically) to be continued."""
        self.session.autosave()

    def in_progress(self) -> bool:
        return not self.session.state.over

    def after_moves(self, first: bool = False) -> None:
        """Show what happened since the seat last looked (one digest, in date order), then
        hand the screen over or go to the debrief."""
        s = self.session
        if first and not s.hotseat:
            s.run_ai()
        if first:
            self.draft.clear()
            self.draft.update(default_draft(s.state, self.seat))
        self.include.clear()
        self.include.update(s.state.open_issues())
        self.linked.clear()
        self.update_view()
        if s.state.over:
            clear_caches()  # the engine's tables for the AI: the talks are over
        self.app.tidy_memory()  # the widgets the update replaced
        self._show_news(first)

    def _show_news(self, first: bool) -> None:
        """The news the seat has not read, as one digest if anything in it is news."""
        s = self.session
        news: list[Seen] = [  # the seat's own moves it has just made: not news to it
            e
            for e in s.news_since(self.seen.get(self.seat, len(s.moves)), self.seat)
            if isinstance(e, Withheld) or not (e.code.startswith("move.") and e.side == self.seat)
        ]
        self.seen[self.seat] = len(s.moves)
        if any(isinstance(e, Withheld) or e.code in NEWS_CODES for e in news):
            self.app.push("news", s.c, news, self.seat, on_result=lambda _: self._after_news())
        else:
            self._after_news()

    def _after_news(self) -> None:
        s = self.session
        if s.state.over and not self.shown_end:
            self.shown_end = True
            self.app.push("end", s, on_result=self._end_chosen)
            return
        if s.hotseat and not s.state.over and s.viewer != self.seat:
            self.hand_over()

    def hand_over(self) -> None:
        """Hot seat: the other player's turn. The hand-over screen covers this table (its
        widgets go); the next player's table is built only once they say who they are."""
        s = self.session
        self.pending_seat = s.viewer
        self.pending_news = True
        self.app.push("handover", words.diplomat(s.c, self.t, s.viewer), lambda: None)

    def _take_seat(self, seat: str) -> None:
        s = self.session
        self.pending_seat = None
        self.seat = seat
        self.seen.setdefault(seat, len(s.moves))
        self.draft.clear()
        self.draft.update(default_draft(s.state, seat))
        self.include.clear()
        self.include.update(s.state.open_issues())
        self.linked.clear()
        self.show_details = False

    def _end_chosen(self, go: object) -> None:
        if go:
            self.debrief()

    def undo(self) -> None:
        s = self.session
        if not s.undo(self.seat):
            return
        self.seen = {k: min(v, len(s.moves)) for k, v in self.seen.items()}
        self.shown_end = False
        self.draft.clear()
        self.draft.update(default_draft(s.state, self.seat))
        self.include.clear()
        self.include.update(s.state.open_issues())
        self.linked.clear()
        if s.hotseat and s.viewer != self.seat:
            self.hand_over()  # never the other side's table without the hand-over
            return
        self.update_view()
        self.app.status(self.t("table.undone", date=words.date(self.t, s.state.date)))

    # ------------------------------------------------------------------ other buttons
    def debrief(self) -> None:
        self.app.push("debrief", self.session)

    def open_brief(self) -> None:
        s = self.session
        setup = Setup(path=s.path, c=s.c, side=self.seat)
        self.app.push("briefing", setup, self.seat, then=lambda: self.app.back_to("table"))

    def save(self) -> None:
        self.app.push("save", self.session)

    def load(self) -> None:
        def go(ok: object) -> None:
            if ok:
                self.session.autosave()
                self.app.push("load")

        if self.session.state.over:
            self.app.push("load")
        else:
            self.app.push(
                "confirm", self.t("confirm.load_title"), self.t("confirm.load"), on_result=go
            )

    def settings(self) -> None:
        self.app.push("settings")

    def menu(self) -> None:
        def leave(ok: object) -> None:
            if ok:
                self.session.autosave()
                self.app.pop(self)

        self.app.push(
            "confirm", self.t("confirm.leave_title"), self.t("confirm.leave"), on_result=leave
        )

    def back(self) -> None:
        self.menu()

    def on_intent(self, intent: Intent) -> bool:
        keys: dict[IntentKind, Callable[[], None]] = {
            IntentKind.UNDO: self.undo_key,
            IntentKind.SAVE: self.save,
            IntentKind.LOAD: self.load,
            IntentKind.RELOAD: self.reload,
        }
        act = keys.get(intent.kind)
        if act is not None:
            act()
        return act is not None

    def undo_key(self) -> None:
        """Ctrl+Z: undo on the player's turn, or after the end."""
        if self._my_turn() or self.session.state.over:
            self.undo()

    def reload(self) -> None:
        """F5: the scenario file again, keeping the game if its moves still apply."""
        done = self.session.reload()
        if done.outcome == "reloaded":
            self.app.replace("table", self.session, self.seat)
            self.app.status(self.t("table.reloaded", moves=len(self.session.moves)))
        elif done.outcome == "unchanged":
            self.app.status(self.t("table.reload_unchanged"))
        else:  # kept, or the file is broken: the first line says why
            why = done.detail.splitlines()[0] if done.detail else ""
            self.app.status(self.t("table.reload_kept", why=why), seconds=12.0)
