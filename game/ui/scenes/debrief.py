"""The debrief: the deal against history issue by issue (with citations), the utilities,
the utility plane, the briefs revealed, and exports (record JSON, PNG, CSV)."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pygame

from game.engine.debrief import Debrief
from game.session import GameSession
from game.ui import charts, markup, style
from game.ui.intents import SCROLL, Intent
from game.ui.paths import exports_dir
from game.ui.scene import Scene, Window, esc
from game.wording import words
from game.wording.catalogue import Translator


def better_for(d: Debrief, gains: dict[str, float], names: dict[str, str], tr: Translator) -> str:
    if not gains:
        return "—"
    ahead = [names[s] for s, g in gains.items() if g > 1e-9]
    if ahead:
        return ", ".join(ahead)
    if all(abs(g) < 1e-9 for g in gains.values()):
        return tr("debrief.same")
    return tr("debrief.worse_both")


def reason_text(session: GameSession, reason: str, tr: Translator) -> str:
    """Why the talks ended, in the player's language where the scenario gives the words."""
    out = session.state.outcome
    return words.end_reason(session.c, tr, out.stage if out is not None else None, reason)


def rows_html(session: GameSession, d: Debrief, tr: Translator) -> str:
    c = session.c
    names = {p.id: words.party(c, tr, p.id) for p in c.sc.parties}
    out = []
    how = (
        tr("termination." + d.termination)
        if d.termination != "unfinished"
        else tr("debrief.unfinished")
    )
    head = f"<b>{esc(how)}</b>" + (f" — {esc(words.date(tr, d.date))}" if d.date else "")
    summary = [words.summary(c, tr, msg) for msg in d.summary]
    if summary:
        out.append(
            f'<font color="{markup.GOLD}"><b>{esc(tr("debrief.summary"))}</b></font><br>'
            + "<br>".join(f"• {esc(x)}" for x in summary)
        )
    out.append(head + f"<br>{esc(reason_text(session, d.reason, tr))}")
    if d.history_date:
        out.append(esc(tr("debrief.history_signed", date=words.date(tr, d.history_date))))
    dated = milestones_text(d, tr)
    if dated:
        out.append(esc(dated))
    ut = [f"<b>{esc(tr('debrief.utilities'))}</b>"]
    for side in (s for s in names if s in d.utilities):  # a mediator has no utility
        you = (
            f' <font color="{markup.GOLD}">({esc(tr("debrief.you"))})</font>'
            if side in session.humans
            else ""
        )
        ut.append(
            f"{esc(names[side])}{you}: {esc(tr('debrief.your_deal'))} <b>{d.utilities[side]:.3f}</b> · "
            f"{esc(tr('debrief.history'))} {_hist(d, side)}"
        )
    a = charts.analytics_parts(d.analytics)
    if a.get("nash"):
        ut.append(esc(tr("debrief.nash", u=" / ".join(f"{v:.2f}" for v in a["nash"]))))
    dist = getattr(d.analytics, "distance", None)
    if isinstance(dist, float):
        ut.append(esc(tr("debrief.distance", d=f"{dist:.3f}")))
    nash_terms = getattr(getattr(d.analytics, "nash", None), "terms", None)
    if nash_terms:
        ut.append(esc(tr("debrief.nash_terms")) + "<br>" + markup.package_html(c, tr, nash_terms))
    if d.history_utilities:
        ut.append(f'<font color="{markup.MUTED}"><i>{esc(tr("debrief.history_note"))}</i></font>')
    if any(c.is_mediator(h) for h in session.humans):
        ut.append(esc(tr("debrief.mediator_you")))
    out.append("<br>".join(ut))
    rated = mediator_lines(c, d, tr)
    if rated:
        out.append(
            f"<b>{esc(tr('debrief.mediator_head'))}</b><br>"
            + "<br>".join(f"• {esc(x)}" for x in rated)
        )
    out.append(f"<b>{esc(tr('debrief.issues'))}</b>")
    for r in d.rows:
        line = (
            f"<b>{esc(words.issue_name(c, tr, r.issue))}</b><br>"
            f"{esc(tr('debrief.your_deal'))}: <b>{esc(words.value(c, tr, r.issue, r.deal))}</b> · "
            f"{esc(tr('debrief.history'))}: {esc(words.value(c, tr, r.issue, r.history))} · "
            f"{esc(tr('debrief.better_for'))}: {esc(better_for(d, r.gains, names, tr))}"
        )
        qualifier = c.issues[r.issue].history_note
        if qualifier is not None:
            line += "<br>" + markup.text_html(c, tr, qualifier)
        if r.history_text is not None:
            line += "<br>" + markup.text_html(c, tr, r.history_text)
        out.append(line)
    for note in d.notes:
        out.append(markup.text_html(c, tr, note))
    return "<br><br>".join(out)


def milestones_text(d: Debrief, tr: Translator) -> str:
    """'The treaty: agreed …, signed …, ratified …' when the scenario dates more than the
    deal (a signature or a ratification of its own); else ''."""
    reached = {k: v for k, v in d.milestones.items() if v is not None}
    if not reached or set(reached) <= {"agreed", "signed"} and set(reached.values()) == {d.date}:
        return ""
    dates = ", ".join(
        tr(f"debrief.milestone.{k}", date=words.date(tr, v))
        for k, v in reached.items()
        if tr.has(f"debrief.milestone.{k}")
    )
    return tr("debrief.milestones", dates=dates) if dates else ""


def mediator_lines(c: Any, d: Debrief, tr: Translator) -> list[str]:
    """Each mediator proposal rated against the Pareto frontier (three signatories or
    more: the analytics rate them), one a line."""
    out = []
    for day, by, rated in getattr(d.analytics, "mediator", ()) or ():
        where = (
            tr("debrief.on_frontier")
            if rated.on_frontier
            else tr("debrief.off_frontier", d=f"{rated.distance:.3f}")
        )
        out.append(
            tr(
                "debrief.mediator_line",
                date=words.date(tr, day),
                name=words.diplomat(c, tr, by) if by in c.parties else by,
                u=" / ".join(f"{u:.3f}" for u in rated.utilities),
                where=where,
            )
        )
    return out


def briefs_html(session: GameSession, d: Debrief, tr: Translator) -> str:
    c = session.c
    out = [f"<b>{esc(tr('debrief.briefs'))}</b>"]
    for b in d.briefs:
        w = ", ".join(
            f"{esc(words.issue_name(c, tr, k))} {v:.2f}"
            for k, v in sorted(b.weights.items(), key=lambda kv: -kv[1])
            if k in c.issues
        )
        out.append(
            f"<b>{esc(words.party(c, tr, b.side))}</b>: {esc(tr('debrief.reservation', r=f'{b.reservation:.2f}'))}; "
            f"{esc(tr('debrief.mandate', m=mandate_name(session, b.side, b.mandate, tr)))}<br>"
            f"{esc(tr('debrief.weights'))}: {w}"
        )
    return "<br><br>".join(out)


def mandate_name(session: GameSession, side: str, english: str, tr: Translator) -> str:
    """The name of ``side``'s mandate at the end, in the player's language."""
    mandate = session.state.mandate_of(side)
    return mandate.name.get(tr.lang) if mandate.name.get() == english else english


class DebriefScene(Scene):
    """How the talks ended, held against history."""

    name = "debrief"

    def __init__(self, app: Window, session: GameSession) -> None:
        super().__init__(app)
        self.session = session
        self.d = session.debrief()
        if session.analytics_problem is not None:
            app.status(app.tr("debrief.no_analytics", problem=session.analytics_problem), 12)

    def layout(self) -> None:
        t, s = self.t, self.session
        c = s.c
        self.label(
            self.r(40, 16, 1200, 44),
            t("debrief.title", title=c.sc.meta.title.get(t.lang)),
            "#heading",
        )
        self.rows = self.textbox(self.r(40, 64, 640, 570), rows_html(s, self.d, t))
        rect = self.r(700, 64, 540, 380)
        sides = list(c.signatories)
        names = [words.party(c, t, p) for p in sides]
        self.chart = self.image(
            rect, charts.utility_plane(rect.size, self.d, sides, names, t, self.app.scale)
        )
        self.textbox(self.r(700, 452, 540, 182), briefs_html(s, self.d, t))
        y = 650
        self.button(self.r(40, y, 170, 48), t("debrief.back_table"), self.back)
        self.button(self.r(220, y, 170, 48), t("debrief.menu"), self.to_title)
        self.button(
            self.r(700, y, 170, 48),
            t("debrief.export_json"),
            self.export_json,
            tip=t("debrief.export_tip", folder=str(exports_dir())),
        )
        self.button(
            self.r(885, y, 170, 48),
            t("debrief.export_png"),
            self.export_png,
            tip=t("debrief.export_tip", folder=str(exports_dir())),
        )
        self.button(
            self.r(1070, y, 170, 48),
            t("debrief.export_csv"),
            self.export_csv,
            tip=t("debrief.export_tip", folder=str(exports_dir())),
        )
        if self.focus < 0:
            self.focus = 2

    def on_intent(self, intent: Intent) -> bool:
        step = SCROLL.get(intent.kind)
        if step is not None and self.rows.bar is not None:
            self.rows.scroll_by(step)
            return True
        return False

    def to_title(self) -> None:
        self.app.back_to("title")

    # ------------------------------------------------------------------ exports
    def _stem(self) -> Path:
        folder = exports_dir()
        folder.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        return folder / f"{self.session.default_name()}-{stamp}"

    def export_json(self) -> None:
        """The game record (via ``save_record``) and the debrief as JSON."""
        stem = self._stem()
        path = self.session.save_file(stem.with_name(stem.name + "-record.json"))
        data = self.d.to_json()
        stem.with_name(stem.name + "-debrief.json").write_text(
            json.dumps(data, ensure_ascii=False, indent=1, default=str), encoding="utf-8"
        )
        self.app.status(self.t("debrief.exported", path=str(path)))

    def export_csv(self) -> None:
        """Issue by issue: names and values in words (the ids in their own columns), each
        side's gain against history, the sources by their titles; then the utilities."""
        path = self._stem().with_suffix(".csv")
        with open(path, "w", newline="", encoding="utf-8") as fh:
            csv.writer(fh).writerows(csv_rows(self.session, self.d, self.t))
        self.app.status(self.t("debrief.exported", path=str(path)))

    def export_png(self) -> None:
        """The debrief drawn on one image: the outcome, the issues, the utility plane."""
        path = self._stem().with_suffix(".png")
        pygame.image.save(debrief_surface(self.session, self.d, self.t), str(path))
        self.app.status(self.t("debrief.exported", path=str(path)))


def csv_rows(session: GameSession, d: Debrief, tr: Translator) -> list[list[str]]:
    """The debrief as table rows: readable columns in words, ids only in the id columns."""
    c = session.c
    sides = list(c.signatories)
    names = {s: words.party(c, tr, s) for s in sides}
    rows = [
        [tr("debrief.csv_issue"), tr("debrief.csv_deal"), tr("debrief.history")]
        + [tr("debrief.csv_gain", name=names[s]) for s in sides]
        + [tr("debrief.csv_sources"), f"{tr('debrief.csv_issue')} ({tr('debrief.csv_id')})"]
    ]
    for r in d.rows:
        cites = "; ".join(
            title + (f": “{quote}”" if quote else "")
            for title, quote in words.citations(
                c, r.history_text.cite if r.history_text else (), tr
            )
        )
        rows.append(
            [
                words.issue_name(c, tr, r.issue),
                words.value(c, tr, r.issue, r.deal),
                words.value(c, tr, r.issue, r.history),
            ]
            + [f"{r.gains[s]:.4f}" if s in r.gains else "" for s in sides]
            + [cites, r.issue]
        )
    rows.append([])
    rows.append(
        [
            tr("debrief.csv_side"),
            f"{tr('debrief.csv_utility')}: {tr('debrief.your_deal')}",
            f"{tr('debrief.csv_utility')}: {tr('debrief.history')}",
            f"{tr('debrief.csv_side')} ({tr('debrief.csv_id')})",
        ]
    )
    for s in sides:
        hu = d.history_utilities.get(s)
        rows.append([names[s], f"{d.utilities[s]:.4f}", "" if hu is None else f"{hu:.4f}", s])
    return rows


EXPORT_WIDTH = 1600


def debrief_surface(session: GameSession, d: Debrief, tr: Translator) -> pygame.Surface:
    """The debrief drawn on one picture (for export; never shown): the outcome and its
    summary, the utilities, the issues as a table (every cell and heading wrapped, never
    cut) beside the utility plane. The picture is as tall as what it holds."""
    c = session.c
    big, f, fb = style.font(28, bold=True), style.font(16), style.font(16, bold=True)
    ink, gold, muted = style.colour("ink"), style.colour("history"), style.colour("muted")
    names = {p.id: words.party(c, tr, p.id) for p in c.sc.parties}
    how = (
        tr("termination." + d.termination)
        if d.termination != "unfinished"
        else tr("debrief.unfinished")
    )
    width, margin, gap = EXPORT_WIDTH, 30, 30
    chart_w = 600
    table_w = width - 2 * margin - gap - chart_w
    lh = f.get_linesize()
    # what goes on the picture, top to bottom: (font, colour, lines, x, space after)
    head: list[tuple[pygame.font.Font, pygame.Color, list[str]]] = [
        (big, gold, charts.wrap(big, c.sc.meta.title.get(tr.lang), width - 2 * margin)),
        (fb, ink, charts.wrap(fb, f"{how} — {words.date(tr, d.date)}", width - 2 * margin)),
    ]
    for msg in d.summary:
        head.append((f, ink, charts.wrap(f, "• " + words.summary(c, tr, msg), width - 2 * margin)))
    for side in (s for s in names if s in d.utilities):  # a mediator has no utility
        line = (
            f"{names[side]}: {tr('debrief.your_deal')} {d.utilities[side]:.3f} · "
            f"{tr('debrief.history')} {_hist(d, side)}"
        )
        head.append((f, ink, charts.wrap(f, line, width - 2 * margin)))
    top = 20 + sum(len(lines) * font.get_linesize() + 6 for font, _, lines in head) + 14
    fractions = (0.3, 0.25, 0.25, 0.2)
    col_w = [round(table_w * x) for x in fractions]
    col_x = [margin + sum(col_w[:i]) for i in range(4)]
    header = [
        tr("debrief.issue"),
        tr("debrief.your_deal"),
        tr("debrief.history"),
        tr("debrief.better_for"),
    ]
    rows = [
        [
            words.issue_name(c, tr, r.issue),
            words.value(c, tr, r.issue, r.deal),
            words.value(c, tr, r.issue, r.history),
            better_for(d, r.gains, names, tr),
        ]
        for r in d.rows
    ]
    laid = [[charts.wrap(fb, x, w - 12) for x, w in zip(header, col_w, strict=True)]] + [
        [charts.wrap(f, x, w - 12) for x, w in zip(row, col_w, strict=True)] for row in rows
    ]
    table_h = sum(max(len(cell) for cell in row) * lh + 10 for row in laid)
    chart_h = 540
    height = top + max(table_h, chart_h) + 60
    surf = pygame.Surface((width, height))
    surf.fill(style.colour("background"))
    y = 20
    for font, colour, lines in head:
        for line in lines:
            surf.blit(font.render(line, True, colour), (margin, y))
            y += font.get_linesize()
        y += 6
    y = top
    for i, row in enumerate(laid):
        row_h = max(len(cell) for cell in row) * lh + 10
        if i % 2 == 1:
            pygame.draw.rect(surf, (24, 29, 40), pygame.Rect(margin, y, table_w, row_h))
        for x, cell in zip(col_x, row, strict=True):
            for k, line in enumerate(cell):
                font = fb if i == 0 else f
                surf.blit(font.render(line, True, gold if i == 0 else ink), (x + 6, y + 5 + k * lh))
        y += row_h
    sides = [s for s in names if s in d.utilities]
    chart = charts.utility_plane((chart_w, chart_h), d, sides, [names[s] for s in sides], tr, 1.2)
    surf.blit(chart, (width - margin - chart_w, top))
    mark = f.render("Treaty Table", True, muted)
    surf.blit(mark, (width - margin - mark.get_width(), height - mark.get_height() - 16))
    return surf


def _hist(d: Any, side: str) -> str:
    """History's utility for a side, or a dash when the scenario has no historical path."""
    hu = d.history_utilities.get(side)
    return "—" if hu is None else f"{hu:.3f}"
