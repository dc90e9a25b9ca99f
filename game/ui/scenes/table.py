"""The negotiation table: the package editor, the offers, the opponent's reply and its
reasons, the legal moves, the calendar, the map and the record of the talks.

Every move goes through the session to the engine; the buttons come from
``move_options`` (a move that is not possible now says why on hover); what the
player sees of the talks is the session's view for their seat.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import pygame

from game.engine import Move, MoveKind, check, move_options
from game.engine.ai import clear_caches
from game.engine.movekinds import HANDLERS, MoveInput
from game.engine.moves import Entry
from game.engine.space import Value
from game.session import CONFIDENTIAL, GameSession
from game.ui import charts, mapview, markup
from game.ui.editor import PackageEditor, default_draft
from game.ui.flow import Setup
from game.ui.intents import Intent, IntentKind
from game.ui.scene import Scene, Window, esc
from game.wording import words

MOVE_ORDER = tuple(MoveKind)
"""The move buttons, in the order of the kinds."""


class TableScene(Scene):
    """The talks, session by session."""

    name = "table"

    def __init__(self, app: Window, session: GameSession) -> None:
        super().__init__(app)
        self.session = session
        self.shown_viewer = session.viewer
        self.draft: dict[str, Value] = default_draft(session.state, session.viewer)
        self.include: set[str] = set(session.state.open_issues())
        self.editor: PackageEditor | None = None
        self.move_buttons: dict[str, Any] = {}
        self.seen_states = len(session.states)
        self.shown_end = False

    # ------------------------------------------------------------------ layout
    def layout(self) -> None:
        t, s = self.t, self.session
        state, c, me = s.state, s.c, s.viewer
        top = self.r(0, 0, 1280, 44)
        from pygame_gui.elements import UIPanel

        UIPanel(
            pygame.Rect(0, top.y, self.app.size[0], top.h),
            manager=self.app.manager,
            container=self.root,
            object_id="#topbar",
        )
        self.head = self.label(self.r(12, 6, 460, 32), "")
        self.turn = self.label(self.r(478, 6, 266, 32), "", "#status")
        bar = [
            ("table.brief", self.open_brief),
            ("menu.save", self.save),
            ("menu.load", self.load),
            ("menu.settings", self.settings),
            ("table.menu", self.menu),
        ]
        self.bar_buttons = [
            self.button(self.r(750 + i * 104, 6, 100, 32), t(k), a) for i, (k, a) in enumerate(bar)
        ]
        rect = self.r(10, 50, 1260, 62)
        self.calendar = self.image(rect, charts.calendar_strip(rect.size, state, t, self.app.scale))
        self.editor_title = self.label(
            self.r(10, 118, 520, 28), t("editor.title", name=words.diplomat(c, t, me)), "#heading"
        )
        self.editor = PackageEditor(self, self.r(10, 148, 520, 464), self.draft, self.include)
        self.utility_label = self.label(self.r(10, 616, 520, 26), self.editor.utility_text())
        rect = self.r(10, 644, 520, 12)
        self.utility_bar = self.image(rect, self._bar(rect.size))
        self.label(self.r(10, 660, 520, 22), t("editor.legend"), "#small")
        self.label(self.r(540, 118, 380, 28), t("table.on_table"), "#heading")
        self.offers = self.textbox(self.r(540, 148, 380, 196), "")
        self.reply = self.textbox(self.r(540, 350, 380, 104), "")
        self.move_buttons = {}
        for i, kind in enumerate(MOVE_ORDER):
            rect = self.r(540 + (i % 2) * 192, 462 + (i // 2) * 42, 186, 36)
            label = t(f"move.{kind}") + ("…" if HANDLERS[kind].needs.dialog else "")
            self.move_buttons[kind] = self.button(rect, label, None)
        i = len(MOVE_ORDER)
        rect = self.r(540 + (i % 2) * 192, 462 + (i // 2) * 42, 186, 36)
        self.move_buttons["undo"] = self.button(rect, t("move.undo"), None)
        self.debrief_button = self.button(
            self.r(732, 462 + 4 * 42, 186, 36), t("table.debrief"), self.debrief, cls="@primary"
        )
        rect = self.r(930, 118, 340, 250)
        self.map = self.image(rect, mapview.render(rect.size, state, t, self.app.scale))
        self.label(self.r(930, 372, 340, 26), t("table.record"), "#heading")
        self.record = self.textbox(self.r(930, 400, 340, 300), "")
        self.update_view(first=True)
        if self.focus < 0:
            first = self.move_buttons.get(MOVE_ORDER[0])
            if first is not None and first in self.focusables:
                self.focus = self.focusables.index(first)

    def update_view(self, first: bool = False) -> None:
        """Bring every widget up to date with the state, without building them again."""
        t, s = self.t, self.session
        state, c, me = s.state, s.c, s.viewer
        self.head.set_text(
            self.fit(
                t(
                    "table.when",
                    date=words.date(t, state.date),
                    stage=words.stage_name(c, t, state.stage),
                    session=state.session,
                ),
                self.head.rect.w,
            )
        )
        if state.over:
            turn = t("table.over")
        elif state.to_move == me:
            turn = t("table.your_turn", name=words.diplomat(c, t, me))
        else:
            turn = t("table.their_turn", name=words.diplomat(c, t, state.to_move))
        self.turn.set_text(self.fit(turn, self.turn.rect.w, "#status"))
        self.editor_title.set_text(
            self.fit(
                t("editor.title", name=words.diplomat(c, t, me)),
                self.editor_title.rect.w,
                "#heading",
            )
        )
        if not first:
            self.calendar.set_image(
                charts.calendar_strip(self.calendar.rect.size, state, t, self.app.scale)
            )
            self.map.set_image(mapview.render(self.map.rect.size, state, t, self.app.scale))
            assert self.editor is not None
            self.editor.sync()
        self.offers.set_text(self._offers_html())
        self.reply.set_text(self._reply_html())
        self.record.set_text(markup.entries_html(c, t, s.view(me).entries), keep_end=True)
        self._update_move_buttons()
        self.package_changed()
        if state.over:
            self.debrief_button.show()
        else:
            self.debrief_button.hide()

    def _bar(self, size: tuple[int, int]) -> pygame.Surface:
        from game.ui import style

        surf = pygame.Surface(size)
        surf.fill(style.colour("grid"))
        u = self.editor.utility_value() if self.editor else 0.0
        pygame.draw.rect(
            surf,
            style.colour("history"),
            pygame.Rect(0, 0, round(size[0] * max(0.0, min(1.0, u))), size[1]),
        )
        r = self.session.view(self.session.viewer).reservation
        x = round(size[0] * max(0.0, min(1.0, r)))
        pygame.draw.line(surf, style.colour("ink"), (x, 0), (x, size[1]), 2)
        return surf

    def _scroll_record_to_end(self) -> None:
        self.record.scroll_to(1.0)

    def _offers_html(self) -> str:
        t, s = self.t, self.session
        state, c, me = s.state, s.c, s.viewer
        other = c.others(me)[0]
        parts = []
        theirs = state.offer if state.offer is not None and state.offer.by == other else None
        if theirs is not None:
            u = s.view(me).worth(theirs.package)
            parts.append(
                f"<b>{esc(t('table.their_offer', name=words.diplomat(c, t, other), date=words.date(t, theirs.date)))}</b><br>"
                + markup.package_html(c, t, theirs.package)
                + f"<br><i>{esc(t('table.worth', u=f'{u:.2f}'))}</i>"
            )
        else:
            parts.append(f"<i>{esc(t('table.no_offer', name=words.diplomat(c, t, other)))}</i>")
        mine = next((o for o in reversed(state.offers) if o.by == me), None)
        if mine is not None:
            on_table = state.offer is not None and state.offer.by == me
            key = "table.my_offer_on_table" if on_table else "table.my_last_offer"
            parts.append(
                f"<b>{esc(t(key, date=words.date(t, mine.date)))}</b><br>"
                + markup.package_html(c, t, mine.package)
            )
        if state.agreed:
            parts.append(
                f"<b>{esc(t('table.agreed'))}</b><br>" + markup.package_html(c, t, state.agreed)
            )
        return "<br><br>".join(parts)

    def _reply_html(self) -> str:
        t, s = self.t, self.session
        c, me = s.c, s.viewer
        other = c.others(me)[0]
        if s.hotseat:
            return esc(t("table.hotseat_note"))
        turn = s.last_turn(other)
        name = words.diplomat(c, t, other)
        if turn is None:
            return f"<i>{esc(t('table.no_reply', name=name))}</i>"
        head = f"<b>{esc(t('table.reply', name=name, move=t('move.' + turn.move.kind)))}</b>"
        reasons = "<br>".join(f"• {esc(words.message(c, t, r))}" for r in turn.reasons)
        return head + ("<br>" + reasons if reasons else "")

    def _set_button(
        self, kind: str, allowed: bool, reason: str, primary: bool = False, action: Any = None
    ) -> None:
        """Turn a move button on or off; on, it makes the move (or runs ``action``)."""
        from pygame_gui.core import ObjectID

        btn = self.move_buttons[kind]
        cls = ("@primary" if primary else None) if allowed else "@move_off"
        if getattr(btn, "treaty_cls", "-") != cls:
            btn.change_object_id(ObjectID(class_id=cls))
            btn.treaty_cls = cls
        reason = words.message(self.session.c, self.t, reason)
        tip = esc(self.t(f"move.{kind}_tip") if allowed else reason)
        if getattr(btn, "treaty_tip", None) != tip:
            btn.set_tooltip(tip)
            btn.treaty_tip = tip
        btn.treaty_enabled = allowed
        if allowed:
            self.actions[btn] = action or (lambda k=kind: self.do(k))
        else:
            self.actions[btn] = partial(self.app.status, reason)

    def _update_move_buttons(self) -> None:
        t, s = self.t, self.session
        state, me = s.state, s.viewer
        options = move_options(state, me)
        my_turn = s.human_turn() and state.to_move == me
        for kind in MOVE_ORDER:
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
            self._set_button(kind, allowed, reason, primary=kind is MoveKind.ACCEPT)
        ok = s.can_undo(me)
        self._set_button("undo", ok, "" if ok else t("move.nothing_to_undo"), action=self.undo)

    def _package_reason(self, kind: MoveKind) -> str | None:
        s = self.session
        state, me = s.state, s.viewer
        pkg = self.editor.package() if self.editor else {}
        base = next((o for o in move_options(state, me) if o.kind is kind), None)
        if base is not None and not base.allowed:
            return base.reason
        if not pkg:
            return self.t("editor.empty")
        return check(state, Move(kind, me, pkg))

    # ------------------------------------------------------------------ updates
    def package_changed(self) -> None:
        """The draft changed: update the utility and the propose/counter buttons, nothing else."""
        if self.editor is None:
            return
        self.utility_label.set_text(self.editor.utility_text())
        self.utility_bar.set_image(self._bar(self.utility_bar.rect.size))
        my_turn = self.session.human_turn() and self.session.state.to_move == self.session.viewer
        for kind in MOVE_ORDER:
            if HANDLERS[kind].needs.takes is not MoveInput.PACKAGE:
                continue
            reason = self._package_reason(kind) if my_turn else self.t("table.not_your_turn")
            self._set_button(kind, reason is None, reason or "", primary=True)

    def scroll_into_view(self, element: Any) -> None:
        if self.editor is not None:
            self.editor.scroll_to(element)

    def refresh(self) -> None:
        """Back on top (after a dialog or the settings): bring the widgets up to date."""
        if self.root is None:
            self.build()
        else:
            self.update_view()

    # ------------------------------------------------------------------ moves
    def do(self, kind: MoveKind) -> None:
        """Make a move of ``kind``, asking first for what its handler says it needs."""
        s = self.session
        me = s.viewer
        needs = HANDLERS[kind].needs
        if needs.takes is MoveInput.PACKAGE:
            assert self.editor is not None
            self.play(Move(kind, me, self.editor.package()))
        elif needs.takes is MoveInput.ARGUMENT:
            self.app.push("argue", s, on_result=lambda a: self._argue(kind, a))
        elif needs.takes is MoveInput.DATE:
            self.app.push("adjourn", s, on_result=lambda d: self._dated(kind, d))
        elif needs.confirm:
            self._confirm(kind, lambda ok: ok and self.play(Move(kind, me)))
        else:
            self.play(Move(kind, me))

    def _confirm(self, kind: MoveKind, then: Callable[[Any], object]) -> None:
        """Ask before a move whose handler needs a confirmation: the kind's own dialog if it
        has one, else ``confirm.<kind>_title`` and ``confirm.<kind>`` from the catalogue."""
        own = {MoveKind.INSTRUCT: "instruct"}
        if kind in own:
            self.app.push(own[kind], self.session, on_result=then)
        else:
            title, text = self.t(f"confirm.{kind}_title"), self.t(f"confirm.{kind}")
            self.app.push("confirm", title, text, on_result=then)

    def _dated(self, kind: MoveKind, choice: object) -> None:
        if choice == "next":
            self.play(Move(kind, self.session.viewer))
        elif choice is not None:
            self.play(Move(kind, self.session.viewer, until=choice))  # type: ignore[arg-type]

    def _argue(self, kind: MoveKind, arg_id: str | None) -> None:
        if arg_id:
            self.play(Move(kind, self.session.viewer, argument=arg_id))

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

    def after_moves(self, first: bool = False) -> None:
        """Show the news of the new states as cards, then hand over or go to the debrief."""
        s = self.session
        if first and not s.hotseat:
            s.run_ai()
        seat = self.shown_viewer  # the player who made the moves reads what followed
        new = [e for e in s.news(seat, self.seen_states) if isinstance(e, Entry)]
        self.seen_states = len(s.states)
        viewer = s.viewer
        if viewer != self.shown_viewer or first:
            self.draft.clear()
            self.draft.update(default_draft(s.state, viewer))
        self.include.clear()
        self.include.update(s.state.open_issues())
        self.update_view()
        if s.state.over:
            clear_caches()  # the engine's tables for the AI: the talks are over
        self.app.tidy_memory()  # the widgets the update replaced
        cards = [e for e in new if e.code == "event"]
        answers = [e for e in new if e.code in CONFIDENTIAL and e.side == seat]
        self._show_cards(cards, answers)

    def _show_cards(self, cards: list[Entry], answers: list[Entry]) -> None:
        if answers:
            nxt = answers.pop(0)
            self.app.push(
                "event",
                self.session.c,
                nxt,
                answer=True,
                on_result=lambda _: self._show_cards(cards, answers),
            )
            return
        if cards:
            nxt = cards.pop(0)
            self.app.push(
                "event", self.session.c, nxt, on_result=lambda _: self._show_cards(cards, answers)
            )
            return
        self._after_cards()

    def _after_cards(self) -> None:
        s = self.session
        if s.state.over and not self.shown_end:
            self.shown_end = True
            self.app.push("end", s, on_result=self._end_chosen)
            return
        if s.hotseat and not s.state.over and s.viewer != self.shown_viewer:
            self.shown_viewer = s.viewer
            name = words.diplomat(s.c, self.t, s.viewer)
            self.app.push("handover", name, lambda: None)  # the table refreshes as it resumes
        self.shown_viewer = s.viewer

    def _end_chosen(self, go: object) -> None:
        if go:
            self.debrief()

    def undo(self) -> None:
        if self.session.undo(self.session.viewer):
            self.seen_states = len(self.session.states)
            self.shown_end = False
            self.draft.clear()
            self.draft.update(default_draft(self.session.state, self.session.viewer))
            self.include.clear()
            self.include.update(self.session.state.open_issues())
            self.update_view()
            self.app.status(
                self.t("table.undone", date=words.date(self.t, self.session.state.date))
            )

    # ------------------------------------------------------------------ other buttons
    def debrief(self) -> None:
        self.app.push("debrief", self.session)

    def open_brief(self) -> None:
        s = self.session
        setup = Setup(path=s.path, c=s.c, side=s.viewer)
        self.app.push("briefing", setup, s.viewer, then=lambda: self.app.back_to("table"))

    def save(self) -> None:
        self.app.push("save", self.session)

    def load(self) -> None:
        self.app.push("load")

    def settings(self) -> None:
        self.app.push("settings")

    def menu(self) -> None:
        def leave(ok: bool) -> None:
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
            IntentKind.UNDO: self.undo,
            IntentKind.SAVE: self.save,
            IntentKind.LOAD: self.load,
            IntentKind.RELOAD: self.reload,
        }
        act = keys.get(intent.kind)
        if act is not None:
            act()
        return act is not None

    def reload(self) -> None:
        """F5: the scenario file again, keeping the game if its moves still apply."""
        done = self.session.reload()
        if done.outcome == "reloaded":
            self.app.replace("table", self.session)
            self.app.status(self.t("table.reloaded", moves=len(self.session.moves)))
        elif done.outcome == "unchanged":
            self.app.status(self.t("table.reload_unchanged"))
        else:  # kept, or the file is broken: the first line says why
            why = done.detail.splitlines()[0] if done.detail else ""
            self.app.status(self.t("table.reload_kept", why=why), seconds=12.0)
