"""Turning engine state and scenario texts into terminal lines."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Iterable, Mapping
from typing import Any

from game.engine.compiled import Compiled
from game.engine.debrief import Debrief
from game.engine.moves import Entry
from game.engine.space import Value
from game.scenario import model as m
from game.scenario.kinds import kind_of
from game.scenario.values import coerce

WIDTH = 88


def wrap(text: str, indent: str = "  ") -> str:
    return "\n".join(
        textwrap.fill(p, WIDTH, initial_indent=indent, subsequent_indent=indent)
        for p in text.split("\n")
    )


def cite(c: Compiled, cites: Iterable[m.Cite]) -> str:
    """Citations grouped by source: 'Title: "quote"; (locator) "quote" · Other title'."""
    titles = {s.id: s.title for s in c.sc.sources}
    grouped: dict[str, list[str]] = {}
    for ct in cites:
        quotes = grouped.setdefault(ct.source, [])
        where = f"({ct.locator})" if ct.locator else ""
        if ct.quote:
            quotes.append(f'{where} "{ct.quote}"'.strip())
        elif where:
            quotes.append(where)
    parts = []
    for source, quotes in grouped.items():
        title = titles.get(source, source)
        parts.append(f"{title}: {'; '.join(quotes)}" if quotes else title)
    return " · ".join(parts)


def text(c: Compiled, t: m.Text | None, lang: str = "en", indent: str = "  ") -> str:
    """A scenario text with its kind (history or scene) and its citations."""
    if t is None:
        return ""
    tag = {"history": "[history] ", "scene": "[scene] ", "note": "[note] "}[t.kind]
    body = wrap(tag + t.get(lang), indent)
    if t.cite:
        body += "\n" + wrap("Source: " + cite(c, t.cite), indent + "  ")
    if t.review and lang != "en" and lang in t.tr:
        body += "\n" + wrap("(translation awaiting a native speaker's review)", indent + "  ")
    return body


def value(c: Compiled, iid: str, v: Value | None, lang: str = "en") -> str:
    if v is None:
        return "—"
    issue = c.issues[iid]
    return kind_of(issue).show(issue, v, lang, with_id=True)


def history_note(c: Compiled, iid: str, v: Value | None, lang: str = "en") -> str:
    """The issue's ``history_note`` (with its kind tag) when ``v`` is the historical value."""
    issue = c.issues[iid]
    if issue.history_note is None or v is None or issue.history is None:
        return ""
    if v != coerce(issue, issue.history):
        return ""
    tag = {"history": "[history] ", "scene": "[scene] ", "note": "[note] "}[issue.history_note.kind]
    return tag + issue.history_note.get(lang)


def package(c: Compiled, pkg: dict[str, Value], lang: str = "en") -> str:
    return "; ".join(
        f"{c.issues[k].name.get(lang)}: {value(c, k, v, lang)}" for k, v in pkg.items()
    )


def space(c: Compiled, iid: str, lang: str = "en") -> str:
    """The values a player may type for an issue."""
    issue = c.issues[iid]
    return kind_of(issue).hint(issue)


def entry(c: Compiled, e: Entry, lang: str = "en") -> str:
    """One record line, with the scenario's texts for events, stages and arguments."""
    head = f"  {e.date.isoformat()}  {e.message}"
    body = ""
    if e.code == "event" and e.ref in c.events:
        body = text(c, c.events[e.ref].text, lang, "      ")
    elif e.code == "stage" and e.ref in c.stages:
        stage = c.stages[e.ref].stage
        body = "\n".join(
            x
            for x in (text(c, stage.place, lang, "      "), text(c, stage.text, lang, "      "))
            if x
        )
        head = f"\n  == {e.date.isoformat()}  {stage.name.get(lang)} =="
    elif e.code == "argument" and e.ref in c.arguments:
        arg = c.arguments[e.ref]
        said = e.params.get("text")
        body = text(c, arg.text, lang, "      ")
        if isinstance(said, m.Text):
            body += "\n" + text(c, said, lang, "      ")
    return head + ("\n" + body if body else "")


def debrief(c: Compiled, d: Debrief, lang: str = "en", player: str | None = None) -> str:
    """The debrief as text: outcome, utilities, terms against history issue by issue."""
    lines = ["", "=" * WIDTH, "DEBRIEF", "=" * WIDTH]
    lines.append(
        f"Outcome: {d.termination.replace('_', ' ')}"
        + (f" on {d.date.isoformat()}" if d.date else "")
        + f" — {d.reason}"
    )
    dated = _milestones(d.milestones, d.date)
    if dated:
        lines.append(f"The treaty: {dated}.")
    if d.history_date:
        hist = _milestones(d.history_milestones, d.history_date)
        lines.append(f"History: {hist or 'signed on ' + d.history_date.isoformat()}.")
    everyone = {p.id: p.name.get(lang) for p in c.sc.parties}
    names = {s: everyone[s] for s in d.utilities}
    lines.append("")
    lines.append(
        "Utilities (1 = the best terms for that side, 0 = the worst, before any cost of delay,"
        " which can take them lower; no deal = reservation value; both valued as the parties"
        " saw them at the end of this game):"
    )
    width = max(len(n) for n in names.values())
    for side in names:
        mark = "  <- you" if side == player else ""
        hu = d.history_utilities.get(side)
        hist = f"{hu:.3f}" if hu is not None else "—"
        lines.append(
            f"  {names[side]:<{width}} your deal {d.utilities[side]:.3f}   history {hist}{mark}"
        )
    lines.append("")
    lines.append(f"  {'issue':<28} {'your deal':<26} {'history':<26} better for")
    for r in d.rows:
        better = ""
        if r.gains:
            ahead = [names[s] for s, g in r.gains.items() if g > 1e-9]
            better = (
                ", ".join(ahead)
                if ahead
                else ("same as history" if all(abs(g) < 1e-9 for g in r.gains.values()) else "")
            )
        lines.append(
            f"  {r.name[:27]:<28} {value(c, r.issue, r.deal, lang)[:25]:<26} {value(c, r.issue, r.history, lang)[:25]:<26} {better}"
        )
        qualifier = history_note(c, r.issue, r.history, lang)
        if qualifier:
            lines.append(wrap(qualifier, "      "))
        if r.history_text is not None:
            lines.append(text(c, r.history_text, lang, "      "))
    if d.analytics is not None and len(d.analytics.reservation) != 2:
        lines.extend(_many_sides(c, d.analytics, list(names.values()), lang))
    elif d.analytics is not None:
        a = d.analytics
        lines.append("")
        lines.append(
            f"The bargaining problem ({a.size:,} possible packages, utilities on {a.on.isoformat()}):"
        )
        lines.append(
            f"  Pareto frontier: {len(a.frontier)} points; reservation values {a.reservation[0]:.2f} / {a.reservation[1]:.2f}"
        )
        for label, point in (("Nash point", a.nash), ("Kalai–Smorodinsky point", a.kalai)):
            if point is not None:
                lines.append(f"  {label}: {point.utilities[0]:.3f} / {point.utilities[1]:.3f}")
                if point.terms:
                    lines.append(wrap(package(c, point.terms, lang), "      "))
        if a.deal is not None:
            lines.append(
                f"  Your deal: {a.deal.utilities[0]:.3f} / {a.deal.utilities[1]:.3f}, {a.distance:.3f} from the frontier"
            )
        if a.history is not None:
            extra = (
                f", {a.history_distance:.3f} from the frontier"
                if a.history_distance is not None
                else ""
            )
            lines.append(
                f"  History: {a.history.utilities[0]:.3f} / {a.history.utilities[1]:.3f}{extra}"
            )
    lines.append("")
    lines.append("The confidential briefs, revealed:")
    for b in d.briefs:
        w = ", ".join(f"{k} {v:.2f}" for k, v in sorted(b.weights.items(), key=lambda kv: -kv[1]))
        lines.append(f"  {names[b.side]}: reservation {b.reservation:.2f}; mandate '{b.mandate}'")
        lines.append(wrap("weights: " + w, "      "))
    if d.trace:
        lines.append("")
        lines.append(
            "Offer trace (utilities of each offer for " + " / ".join(names.values()) + "):"
        )
        shown = d.trace[-40:]
        if len(d.trace) > len(shown):
            lines.append(f"  ({len(d.trace) - len(shown)} earlier offers not shown)")
        for p in shown:
            lines.append(
                f"  {p.date.isoformat()}  {everyone[p.by]:<10} "
                + " / ".join(f"{p.utilities[s]:.2f}" for s in names)
            )
    for note in d.notes:
        lines.append("")
        lines.append(text(c, note, lang))
    return "\n".join(lines)


def _milestones(dates: Mapping[str, dt.date | None], day: dt.date | None) -> str:
    """'agreed on A, signed on B, ratified on C' when the treaty's milestones are not all
    the day of the deal (else '')."""
    reached = {k: v for k, v in dates.items() if v is not None}
    if not reached or (set(reached) <= {"agreed", "signed"} and set(reached.values()) == {day}):
        return ""
    return ", ".join(f"{k} on {v.isoformat()}" for k, v in reached.items())


def _many_sides(c: Compiled, a: Any, names: list[str], lang: str) -> list[str]:
    """The analytics of three signatories or more."""
    lines = [
        "",
        f"The bargaining problem ({a.size:,} possible packages, utilities on {a.on.isoformat()},"
        f" for {' / '.join(names)}):",
        f"  Pareto frontier: {len(a.frontier)} points; reservation values "
        + " / ".join(f"{r:.2f}" for r in a.reservation),
    ]
    for label, rated in (("Nash point", a.nash), ("Your deal", a.deal), ("History", a.history)):
        if rated is not None:
            where = "on the frontier" if rated.on_frontier else f"{rated.distance:.3f} from it"
            lines.append(
                f"  {label}: " + " / ".join(f"{u:.3f}" for u in rated.utilities) + f" ({where})"
            )
            if label == "Nash point" and rated.terms:
                lines.append(wrap(package(c, rated.terms, lang), "      "))
    for day, by, rated in a.mediator:
        where = "on the frontier" if rated.on_frontier else f"{rated.distance:.3f} from it"
        lines.append(
            f"  {day.isoformat()} proposal of {c.parties[by].name.get(lang)}: "
            + " / ".join(f"{u:.3f}" for u in rated.utilities)
            + f" ({where})"
        )
    return lines
