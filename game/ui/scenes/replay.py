"""Replay of the historical path: step by step, each step dated and cited with the
source's own sentence; autoplay; jump to a date; take over as either side."""

from __future__ import annotations

from functools import partial

from game.engine import GameState
from game.engine.record import HistoryError, HistoryStep, replay_history
from game.session import GameSession
from game.ui import charts, mapview, markup
from game.ui.flow import Setup, open_table
from game.ui.intents import ARROWS, SCROLL, Intent, IntentKind
from game.ui.scene import Scene, Window, esc
from game.wording import words

AUTOPLAY_SECONDS = 2.5


class ReplayScene(Scene):
    """The historical path of the scenario, through the engine's own rules."""

    name = "replay"

    def __init__(self, app: Window, setup: Setup, index: int = 0) -> None:
        super().__init__(app)
        assert setup.c is not None and setup.path is not None
        self.setup = setup
        self.c = setup.c
        self.problem: str | None = None
        try:
            self.steps: list[HistoryStep] = replay_history(self.c)
        except HistoryError as exc:
            self.steps, self.problem = [], str(exc)
        self.index = max(0, min(index, len(self.steps)))
        self.playing = False
        self.clock = 0.0

    # ------------------------------------------------------------------ state
    def state_at(self, i: int) -> GameState | None:
        if not self.steps:
            return None
        return self.steps[0].before if i == 0 else self.steps[i - 1].after

    def states_to(self, i: int) -> list[GameState]:
        return [self.steps[0].before] + [st.after for st in self.steps[:i]]

    # ------------------------------------------------------------------ layout
    def layout(self) -> None:
        t, c = self.t, self.c
        n = len(self.steps)
        self.heading = self.label(self.r(40, 14, 1200, 40), "", "#heading")
        state = self.state_at(self.index)
        self.calendar = None
        self.spots: list[object] = []
        if state is not None:
            rect = self.r(40, 58, 1200, 58)
            self.calendar = self.image(
                rect, charts.calendar_strip(rect.size, state, t, self.app.scale)
            )
        self.card = self.textbox(self.r(40, 124, 740, 440), "")
        rect = self.r(800, 124, 440, 280)
        self.map = self.image(rect, mapview.render(rect.size, state, t, self.app.scale))
        items = [self._item(i) for i in range(n + 1)]
        self.items = items
        self.jump = self.listbox(
            self.r(800, 412, 440, 152),
            items,
            self._jump_to,
            None,
            items[self.index] if items else None,
        )
        y = 576
        self.first_b = self.button(self.r(40, y, 120, 46), t("replay.first"), None)
        self.back_b = self.button(self.r(170, y, 150, 46), t("replay.back"), None)
        self.fwd_b = self.button(self.r(330, y, 150, 46), t("replay.forward"), None, cls="@primary")
        self.auto_b = self.button(
            self.r(490, y, 190, 46),
            t("replay.pause" if self.playing else "replay.autoplay"),
            self.toggle_play,
            cls="@toggle_on" if self.playing else None,
        )
        self.take_buttons = []
        parties = c.sc.parties
        # as many buttons as there are sides, side by side left of Back
        w = min(370.0, (1030 - 10 * (len(parties) - 1)) / max(1, len(parties)))
        for i, p in enumerate(parties):
            self.take_buttons.append(
                self.button(
                    self.r(40 + i * (w + 10), 636, w, 50),
                    t("replay.take_over", name=words.diplomat(c, t, p.id)),
                    None,
                )
            )
        self.button(self.r(1080, 636, 160, 50), t("common.back"), self.back)
        self.show_step()
        if self.focus < 0:
            self.focus = self.focusables.index(self.fwd_b)

    def show_step(self) -> None:
        """Show step :attr:`index` in the widgets there are (the list keeps its scroll)."""
        t, c = self.t, self.c
        n = len(self.steps)
        i = self.index
        self.set_label(
            self.heading,
            t("replay.title", i=i, n=n, title=c.sc.meta.title.get(t.lang)),
            "#heading",
        )
        state = self.state_at(i)
        if self.calendar is not None and state is not None:
            rect = self.calendar.rect
            self.calendar.set_image(charts.calendar_strip(rect.size, state, t, self.app.scale))
            for spot in self.spots:
                spot.kill()  # type: ignore[attr-defined]
            marks = charts.calendar_marks(rect.size, state, t, self.app.scale)
            self.spots = self.hotspots_over(self.calendar, [(m.rect, m.text) for m in marks])
        self.card.set_text(self._card_html())
        self.map.set_image(mapview.render(self.map.rect.size, state, t, self.app.scale))
        self.set_button(
            self.first_b,
            i > 0,
            lambda: self.go(0),
            t("replay.to_first") if i > 0 else t("replay.at_start"),
        )
        self.set_button(
            self.back_b,
            i > 0,
            lambda: self.go(self.index - 1),
            t("replay.to_step", i=i - 1) if i > 0 else t("replay.at_start"),
        )
        self.set_button(
            self.fwd_b,
            i < n,
            lambda: self.go(self.index + 1),
            t("replay.to_step", i=i + 1) if i < n else t("replay.at_end"),
        )
        over = state is not None and state.over
        for button, p in zip(self.take_buttons, c.sc.parties, strict=True):
            self.set_button(
                button,
                state is not None and not over,
                partial(self.take_over, p.id),
                t("replay.take_over_tip") if state is not None and not over else t("replay.over"),
            )
        self._select_list_item(self.jump, i, say=False)  # no second jump

    def _item(self, i: int) -> str:
        t = self.t
        if i == 0:
            return t("replay.start_item", date=words.date(t, self.c.sc.calendar.start))
        st = self.steps[i - 1].step
        return f"{i}. {words.date(t, st.date)} · {words.diplomat(self.c, t, st.by)}: {t('move.' + st.move)}"

    def _card_html(self) -> str:
        t, c = self.t, self.c
        if self.problem:
            return f"<b>{esc(t('replay.broken'))}</b><br>{esc(self.problem)}"
        if self.index == 0:
            out = [f"<b>{esc(t('replay.start'))}</b>", esc(t("replay.help"))]
            if c.sc.meta.summary:
                out.append(markup.text_html(c, t, c.sc.meta.summary))
            st0 = self.state_at(0)
            if st0 is not None:
                out.append(markup.entries_html(c, t, st0.news))
            return "<br><br>".join(out)
        hs = self.steps[self.index - 1]
        step = hs.step
        precision = (
            ""
            if step.date_precision == "day"
            else f" ({t('replay.precision.' + step.date_precision)})"
        )
        head = f"<b>{esc(words.date(t, step.date))}{esc(precision)} — {esc(words.diplomat(c, t, step.by))}: {esc(t('move.' + step.move))}</b>"
        out = [head]
        if hs.move.package:
            out.append(markup.package_html(c, t, hs.move.package))
        if hs.move.argument and hs.move.argument in c.arguments:
            out.append(esc(c.arguments[hs.move.argument].name.get(t.lang)))
        out.append(markup.text_html(c, t, step.text))
        out.append(
            f"<b>{esc(t('replay.what_followed'))}</b><br>"
            + markup.entries_html(c, t, hs.after.news)
        )
        return "<br><br>".join(out)

    # ------------------------------------------------------------------ actions
    def go(self, i: int) -> None:
        self.index = max(0, min(len(self.steps), i))
        if self.index >= len(self.steps) and self.playing:
            self.playing = False
            self.set_label(self.auto_b, self.t("replay.autoplay"))
        if self.root is not None:
            self.show_step()

    def _jump_to(self, text: str) -> None:
        if text in self.items:
            self.go(self.items.index(text))

    def toggle_play(self) -> None:
        from pygame_gui.core import ObjectID

        self.playing = not self.playing
        self.clock = 0.0
        if self.playing and self.index >= len(self.steps):
            self.go(0)
        self.auto_b.change_object_id(ObjectID(class_id="@toggle_on" if self.playing else None))
        self.set_label(self.auto_b, self.t("replay.pause" if self.playing else "replay.autoplay"))

    def tick(self, dt: float) -> bool:
        moved = super().tick(dt)
        if not self.playing or self.paused:
            return moved
        self.clock += dt
        if self.clock >= AUTOPLAY_SECONDS:
            self.clock = 0.0
            self.go(self.index + 1)
            return True
        return False

    def take_over(self, side: str) -> None:
        """Go on from this step as ``side`` against the engine's policy."""
        session = GameSession.take_over(
            self.c, self.setup.path or "", self.steps, self.index, side, self.setup.difficulty
        )
        self.playing = False
        open_table(self.app, session)
        self.app.status(
            self.t(
                "replay.took_over",
                name=words.diplomat(self.c, self.t, side),
                date=words.date(self.t, session.state.date),
            )
        )

    def on_intent(self, intent: Intent) -> bool:
        el = self.focused()
        if el in self.lists:
            return False
        if intent.kind is IntentKind.LEFT or intent.kind is IntentKind.RIGHT:
            self.go(self.index + ARROWS[intent.kind])
            return True
        step = SCROLL.get(intent.kind)
        if step is not None:
            self.card.scroll_by(step)
            return True
        return False
