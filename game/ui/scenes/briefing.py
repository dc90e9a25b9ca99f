"""The briefing before the talks, and the hand-over screen of a hot-seat game."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from game.engine.compiled import Compiled
from game.scenario.kinds import kind_of
from game.ui import mapview, markup
from game.ui.flow import Setup, start_game
from game.ui.intents import SCROLL, Intent
from game.ui.scene import Scene, Window, esc
from game.wording import words
from game.wording.catalogue import Translator


def briefing_html(setup: Setup, side: str, tr: Translator) -> str:
    """The situation, the player's role, mandate, factions and instructions, the issues, the sources."""
    c = setup.c
    assert c is not None
    sc, p = c.sc, c.parties[side]
    others = [c.parties[x] for x in c.others(side)]

    def h(key: str) -> str:
        return f'<font color="{markup.GOLD}"><b>{esc(tr(key))}</b></font>'

    out = [f"<b>{esc(sc.meta.title.get(tr.lang))}</b>"]
    if sc.meta.place:
        out.append(esc(sc.meta.place.get(tr.lang)))
    if sc.meta.summary:
        out += [h("brief.situation"), markup.text_html(c, tr, sc.meta.summary)]
    who = tr("brief.you_are", name=p.diplomat.name.get(tr.lang), party=p.name.get(tr.lang))
    out += [
        h("brief.role"),
        esc(who) + "<br>" + esc(_across(tr, others)),
    ]
    if c.is_mediator(side):
        out.append(esc(tr("brief.mediator")))
    if p.diplomat.bio:
        out.append(markup.text_html(c, tr, p.diplomat.bio))
    if p.briefing:
        out += [h("brief.instructions"), markup.text_html(c, tr, p.briefing)]
    mandate = next((x for x in p.mandates if x.id == p.mandate), None)
    if mandate is not None:  # a mediator has none
        lines = [f"<b>{esc(mandate.name.get(tr.lang))}</b>"]
        if mandate.text:
            lines.append(markup.text_html(c, tr, mandate.text))
        for iid, b in mandate.bounds.items():
            if iid in c.issues:
                lines.append(
                    f"• {esc(words.issue_name(c, tr, iid))}: {esc(words.bound(c, tr, iid, b))}"
                )
        out += [h("brief.mandate"), "<br>".join(lines)]
    if p.factions:
        out.append(h("brief.factions"))
        for f in p.factions:
            out.append(
                f"<b>{esc(f.name.get(tr.lang))}</b>"
                + ("<br>" + markup.text_html(c, tr, f.stance) if f.stance else "")
            )
    out.append(h("brief.issues"))
    for issue in sc.issues:
        line = f'<b>{esc(issue.name.get(tr.lang))}</b> <font color="{markup.MUTED}">({esc(_space(c, tr, issue.id))})</font>'
        if issue.description:
            line += "<br>" + markup.text_html(c, tr, issue.description)
        out.append(line)
    out.append(h("brief.sources"))
    for s in sc.sources:
        bits = [esc(words.source_title(c, tr, s.id))] + [esc(x) for x in (s.author, s.year) if x]
        out.append("• " + ", ".join(bits) + (f"<br><i>{esc(s.note)}</i>" if s.note else ""))
    out.append(f'<font color="{markup.MUTED}">{esc(tr("brief.kinds"))}</font>')
    if tr.lang != "en" and _awaits_review(c, tr.lang):
        out.append(f'<font color="{markup.MUTED}">{esc(tr("brief.review"))}</font>')
    return "<br><br>".join(out)


def _across(tr: Translator, others: list[Any]) -> str:
    """Who else is at the conference: the one across the table, or every other party."""
    if len(others) == 1:
        o = others[0]
        return tr("brief.across", name=o.diplomat.name.get(tr.lang), party=o.name.get(tr.lang))
    said = [f"{o.diplomat.name.get(tr.lang)} ({o.name.get(tr.lang)})" for o in others]
    return tr("brief.others", names=", ".join(said[:-1]) + tr("multi.and") + said[-1])


def _awaits_review(c: Any, lang: str) -> bool:
    """Whether any text of the scenario in ``lang`` is a translation awaiting review (said
    once, in the brief, rather than after every text)."""
    seen = c.memo.setdefault("review_langs", {})
    if lang not in seen:
        dump = c.sc.model_dump(mode="python")
        seen[lang] = _any_review(dump, lang)
    return bool(seen[lang])


def _any_review(node: Any, lang: str) -> bool:
    if isinstance(node, dict):
        if node.get("review") is True and lang in (node.get("tr") or {}):
            return True
        return any(_any_review(v, lang) for v in node.values())
    if isinstance(node, list | tuple):
        return any(_any_review(v, lang) for v in node)
    return False


def _space(c: Compiled, tr: Translator, iid: str) -> str:
    issue = c.issues[iid]
    return kind_of(issue).describe(issue, tr.lang, dates=lambda d: words.date(tr, d))


class BriefingScene(Scene):
    """The situation and the player's brief; then to the table."""

    name = "briefing"

    def __init__(
        self,
        app: Window,
        setup: Setup,
        side: str | None = None,
        then: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(app)
        self.setup = setup
        self.side = side or setup.side
        self.then = then

    def layout(self) -> None:
        t, c = self.t, self.setup.c
        assert c is not None and self.side is not None
        self.label(
            self.r(40, 20, 1000, 44),
            t("brief.title", name=words.diplomat(c, t, self.side)),
            "#heading",
        )
        self.box = self.textbox(self.r(40, 70, 760, 560), briefing_html(self.setup, self.side, t))
        rect = self.r(820, 70, 420, 360)
        self.image(rect, mapview.render(rect.size, None, t, self.app.scale, c.sc))
        self.textbox(self.r(820, 440, 420, 190), esc(t("brief.help")))
        self.button(self.r(40, 646, 200, 48), t("common.back"), self.back)
        self.go_button = self.button(
            self.r(1000, 646, 240, 48), t("brief.to_table"), self.go, cls="@primary"
        )
        self.focus = len(self.focusables) - 1

    def on_intent(self, intent: Intent) -> bool:
        step = SCROLL.get(intent.kind)
        if step is not None and self.box.bar is not None:
            self.box.scroll_by(step)
            return True
        return False

    def go(self) -> None:
        if self.then is not None:
            self.then()
            return
        start_game(self.app, self.setup)


class HandOverScene(Scene):
    """Hot-seat: the screen is handed to the other player; nothing of either brief shows."""

    name = "handover"

    def __init__(
        self, app: Window, side_name: str, then: Callable[[], None], note: str = ""
    ) -> None:
        super().__init__(app)
        self.side_name = side_name
        self.then = then
        self.note = note

    def layout(self) -> None:
        t = self.t
        self.label(self.r(140, 200, 1000, 84), t("handover.title", name=self.side_name), "#title")
        self.label(self.r(140, 290, 1000, 30), t("handover.text"), "#subtitle")
        if self.note:
            self.label(self.r(140, 330, 1000, 30), self.note, "#small")
        self.button(
            self.r(140, 400, 420, 56),
            t("handover.ready", name=self.side_name),
            self.ready,
            cls="@primary",
        )
        self.focus = 0

    def ready(self) -> None:
        then = self.then
        self.app.pop(self)
        then()

    def back(self) -> None:
        """Esc does not reveal anything: the player must say who they are."""
