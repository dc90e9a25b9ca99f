"""Dialogs over the table: event cards, instructions, arguments, confirmations, the end."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import partial

from game.engine import Move, MoveKind, check, move_options
from game.engine.compiled import Compiled
from game.engine.timeline import stage_deadline
from game.session import GameSession
from game.session.view import Seen
from game.ui import markup
from game.ui.intents import SCROLL, Intent
from game.ui.scene import Scene, Window, esc
from game.wording import words


class ConfirmDialog(Scene):
    """Yes or no; hands back True or False."""

    modal = True
    name = "confirm"
    dialog_size = (560, 260)

    def __init__(self, app: Window, title: str, text: str) -> None:
        super().__init__(app)
        self._title = title
        self.text = text

    def title(self) -> str:
        return self._title

    def layout(self) -> None:
        t = self.t
        self.textbox(self.r(16, 12, 520, 130), esc(self.text))
        self.button(self.r(16, 160, 250, 44), t("common.cancel"), lambda: self.dismiss(False))
        self.button(
            self.r(286, 160, 250, 44), t("common.yes"), lambda: self.dismiss(True), cls="@primary"
        )
        self.focus = 1


class NewsDigest(Scene):
    """What happened since the player last looked, in date order, in one card: the news of
    the day, the answer from home, a new stage (a jump in time brings them all at once)."""

    modal = True
    name = "news"
    dialog_size = (720, 500)

    def __init__(self, app: Window, c: Compiled, news: Sequence[Seen], seat: str) -> None:
        super().__init__(app)
        self.c = c
        self.news = list(news)
        self.seat = seat

    def title(self) -> str:
        t = self.t
        first, last = self.news[0].date, self.news[-1].date
        if first == last:
            return t("news.title_day", date=words.date(t, first))
        return t("news.title", start=words.date(t, first), end=words.date(t, last))

    def layout(self) -> None:
        t = self.t
        self.box = self.textbox(self.r(16, 12, 680, 376), markup.digest_html(self.c, t, self.news))
        self.button(
            self.r(476, 400, 220, 44), t("common.ok"), lambda: self.dismiss(True), cls="@primary"
        )
        self.focus = 0

    def on_intent(self, intent: Intent) -> bool:
        step = SCROLL.get(intent.kind)
        if step is not None and self.box.bar is not None:
            self.box.scroll_by(step)
            return True
        return False


class EndCard(Scene):
    """The talks are over: how they ended; on to the debrief."""

    modal = True
    name = "end"
    dialog_size = (620, 300)

    def __init__(self, app: Window, session: GameSession) -> None:
        super().__init__(app)
        self.session = session

    def title(self) -> str:
        return self.t("end.title")

    def layout(self) -> None:
        t, s = self.t, self.session
        out = s.state.outcome
        assert out is not None
        text = t(
            "end.text", how=t("termination." + out.termination.value), date=words.date(t, out.date)
        )
        if out.terms and out.termination.value == "signed":
            text_html = esc(text) + "<br><br>" + markup.package_html(s.c, t, out.terms)
        else:
            text_html = esc(text) + "<br>" + esc(words.end_reason(s.c, t, out.stage, out.reason))
        self.textbox(self.r(16, 12, 580, 170), text_html)
        self.button(self.r(16, 196, 270, 44), t("end.stay"), lambda: self.dismiss(False))
        self.button(
            self.r(326, 196, 270, 44), t("end.debrief"), lambda: self.dismiss(True), cls="@primary"
        )
        self.focus = 1


class InstructDialog(Scene):
    """Ask the home government for new instructions (it costs days)."""

    modal = True
    name = "instruct"
    dialog_size = (620, 320)

    def __init__(self, app: Window, session: GameSession, seat: str | None = None) -> None:
        super().__init__(app)
        self.session = session
        self.seat = seat if seat is not None else session.viewer

    def title(self) -> str:
        return self.t("instruct.title")

    def layout(self) -> None:
        t, s = self.t, self.session
        p = s.c.parties[self.seat]
        home = p.home.get(t.lang) if p.home else p.name.get(t.lang)
        mandate = s.view(self.seat).mandate
        text = t(
            "instruct.text",
            home=home,
            mandate=mandate.name.get(t.lang),
            days=p.no_instructions_days,
        )
        self.textbox(self.r(16, 12, 580, 190), esc(text))
        self.button(self.r(16, 216, 270, 44), t("common.cancel"), lambda: self.dismiss(False))
        self.button(
            self.r(326, 216, 270, 44),
            t("instruct.send"),
            lambda: self.dismiss(True),
            cls="@primary",
        )
        self.focus = 1


class ArgueDialog(Scene):
    """The player's arguments: each with its text, and why it cannot be made now."""

    modal = True
    name = "argue"
    dialog_size = (800, 640)

    def __init__(self, app: Window, session: GameSession, seat: str | None = None) -> None:
        super().__init__(app)
        self.session = session
        self.seat = seat if seat is not None else session.viewer

    def title(self) -> str:
        return self.t("argue.title")

    def layout(self) -> None:
        t, s = self.t, self.session
        c = s.c
        opts = [
            o for o in move_options(s.state, self.seat) if o.kind is MoveKind.ARGUE and o.argument
        ]
        y = 12
        if not opts:
            self.textbox(self.r(16, y, 680, 80), esc(t("move.no_arguments")))
        for o in opts[:5]:
            arg = c.arguments[o.argument or ""]
            self.textbox(
                self.r(16, y, 530, 104),
                f"<b>{esc(arg.name.get(t.lang))}</b><br>{esc(arg.text.get(t.lang))}",
            )
            chance = t("argue.chance", p=round(arg.chance * 100))
            self.button(
                self.r(556, y + 30, 220, 44),
                t("argue.make"),
                partial(self.dismiss, o.argument),
                enabled=o.allowed,
                tip=chance if o.allowed else words.message(self.session.c, t, o.reason),
            )
            y += 110
        self.button(self.r(556, 562, 220, 44), t("common.cancel"), lambda: self.dismiss(None))
        self.focus = 0


class AdjournDialog(Scene):
    """End the session: the next meeting on the usual day, or on a date the player picks."""

    modal = True
    name = "adjourn"
    dialog_size = (620, 470)

    def __init__(self, app: Window, session: GameSession, seat: str | None = None) -> None:
        super().__init__(app)
        self.session = session
        self.seat = seat if seat is not None else session.viewer

    def title(self) -> str:
        return self.t("adjourn.title")

    def layout(self) -> None:
        t, s = self.t, self.session
        state, me = s.state, self.seat
        days = s.c.stages[state.stage].session_days
        end = stage_deadline(state)
        cal = s.c.sc.calendar.deadline
        last = end if end is not None else cal
        if not state.concluded:
            last = min(last, cal)
        text = (
            t("adjourn.text", days=days)
            + " "
            + (
                t("adjourn.stage_ends", date=words.date(t, end))
                if end is not None and end <= cal
                else t("adjourn.deadline", date=words.date(t, cal))
            )
        )
        self.textbox(self.r(16, 10, 580, 76), esc(text))
        nxt = state.date + dt.timedelta(days=days)
        self.button(
            self.r(16, 92, 580, 42),
            t("adjourn.next", date=words.date(t, nxt)),
            lambda: self.dismiss("next"),
            cls="@primary",
        )
        y = 142
        days_list = [nxt + dt.timedelta(weeks=w) for w in (2, 4, 8, 13, 26)]
        offered = [d for d in days_list if d <= last]
        if last > nxt and last not in offered:
            offered.append(last)
        for day in offered[:5]:
            reason = check(state, Move(MoveKind.ADJOURN, me, until=day))
            key = "adjourn.until_end" if day == end else "adjourn.until"
            self.button(
                self.r(16, y, 580, 38),
                t(key, date=words.date(t, day)),
                partial(self.dismiss, day),
                enabled=reason is None,
                tip=words.message(s.c, t, reason) if reason else t("adjourn.until_tip"),
            )
            y += 44
        self.button(self.r(376, 372, 220, 42), t("common.cancel"), lambda: self.dismiss(None))
        self.focus = 0
