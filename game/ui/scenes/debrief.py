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
    out.append(head + f"<br>{esc(reason_text(session, d.reason, tr))}")
    if d.history_date:
        out.append(esc(tr("debrief.history_signed", date=words.date(tr, d.history_date))))
    ut = [f"<b>{esc(tr('debrief.utilities'))}</b>"]
    for side in names:
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
    out.append("<br>".join(ut))
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
            f"{esc(tr('debrief.mandate', m=b.mandate))}<br>{esc(tr('debrief.weights'))}: {w}"
        )
    return "<br><br>".join(out)


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
        """Issue by issue: the deal, history, each side's gain against history, the sources."""
        c, t, d = self.session.c, self.t, self.d
        sides = list(c.signatories)
        path = self._stem().with_suffix(".csv")
        with open(path, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(
                ["issue", "name", "deal", "history"] + [f"gain_{s}" for s in sides] + ["sources"]
            )
            for r in d.rows:
                cites = "; ".join(
                    (ct.source + (f': "{ct.quote}"' if ct.quote else ""))
                    for ct in (r.history_text.cite if r.history_text else ())
                )
                w.writerow(
                    [
                        r.issue,
                        words.issue_name(c, t, r.issue),
                        words.value(c, t, r.issue, r.deal),
                        words.value(c, t, r.issue, r.history),
                    ]
                    + [f"{r.gains[s]:.4f}" if s in r.gains else "" for s in sides]
                    + [cites]
                )
            w.writerow([])
            w.writerow(["utility", "side", "deal", "history"])
            for s in sides:
                hu = d.history_utilities.get(s)
                w.writerow(
                    ["utility", s, f"{d.utilities[s]:.4f}", "" if hu is None else f"{hu:.4f}"]
                )
        self.app.status(self.t("debrief.exported", path=str(path)))

    def export_png(self) -> None:
        """The debrief drawn on one image: the outcome, the issues, the utility plane."""
        path = self._stem().with_suffix(".png")
        pygame.image.save(debrief_surface(self.session, self.d, self.t), str(path))
        self.app.status(self.t("debrief.exported", path=str(path)))


def debrief_surface(session: GameSession, d: Debrief, tr: Translator) -> pygame.Surface:
    """A 1600×1000 picture of the debrief (for export; never shown)."""
    c = session.c
    surf = pygame.Surface((1600, 1000))
    surf.fill(style.colour("background"))
    big, f, fb = style.font(28, bold=True), style.font(16), style.font(16, bold=True)
    ink, gold, muted = style.colour("ink"), style.colour("history"), style.colour("muted")
    surf.blit(big.render(c.sc.meta.title.get(tr.lang), True, gold), (30, 20))
    how = (
        tr("termination." + d.termination)
        if d.termination != "unfinished"
        else tr("debrief.unfinished")
    )
    surf.blit(fb.render(f"{how} — {words.date(tr, d.date)}", True, ink), (30, 66))
    y = 110
    names = {p.id: words.party(c, tr, p.id) for p in c.sc.parties}
    for side in names:
        line = f"{names[side]}: {tr('debrief.your_deal')} {d.utilities[side]:.3f} · {tr('debrief.history')} {_hist(d, side)}"
        surf.blit(f.render(line, True, ink), (30, y))
        y += 26
    y += 14
    cols = (30, 330, 560, 790)
    for x, text in zip(
        cols,
        (
            tr("debrief.issue"),
            tr("debrief.your_deal"),
            tr("debrief.history"),
            tr("debrief.better_for"),
        ),
        strict=True,
    ):
        surf.blit(fb.render(text, True, gold), (x, y))
    y += 30
    for r in d.rows:
        cells = (
            words.issue_name(c, tr, r.issue),
            words.value(c, tr, r.issue, r.deal),
            words.value(c, tr, r.issue, r.history),
            better_for(d, r.gains, names, tr),
        )
        for x, text in zip(cols, cells, strict=True):
            surf.blit(f.render(charts._fit(f, text, 220 if x < 790 else 160), True, ink), (x, y))
        y += 26
        if y > 960:
            break
    sides = list(names)
    chart = charts.utility_plane((620, 560), d, sides, [names[s] for s in sides], tr, 1.2)
    surf.blit(chart, (960, 110))
    surf.blit(f.render("Treaty Table", True, muted), (1460, 970))
    return surf


def _hist(d: Any, side: str) -> str:
    """History's utility for a side, or a dash when the scenario has no historical path."""
    hu = d.history_utilities.get(side)
    return "—" if hu is None else f"{hu:.3f}"
