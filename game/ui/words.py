"""Engine data in the player's language, as plain text or pygame_gui HTML.

The wording of values and packages follows :mod:`game.text.render`; scenario
texts come from the scenario in the chosen language (``Text.get(lang)``),
with their kind (history / scene / note), their citations, and a mark where
a translation awaits review.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from game.engine.compiled import Compiled
from game.engine.moves import Entry
from game.engine.space import Value
from game.scenario import model as m
from game.scenario.kinds import kind_of
from game.text import render
from game.ui.i18n import Translator
from game.ui.scene import esc

GOLD = "#e0bb5c"
MUTED = "#a9a394"


def date(tr: Translator, d: dt.date | None) -> str:
    """A date in words: 15 May 1925 / 15 may 1925."""
    if d is None:
        return "—"
    return f"{d.day} {tr(f'month.{d.month}')} {d.year}"


def value(c: Compiled, tr: Translator, iid: str, v: Value | None) -> str:
    """One issue's value in words (an option's name, a date, a number with its unit)."""
    if v is None:
        return "—"
    issue = c.issues[iid]
    return kind_of(issue).show(issue, v, tr.lang, dates=lambda d: date(tr, d))


def issue_name(c: Compiled, tr: Translator, iid: str) -> str:
    return c.issues[iid].name.get(tr.lang)


def package(c: Compiled, tr: Translator, pkg: Mapping[str, Value], sep: str = "; ") -> str:
    return sep.join(f"{issue_name(c, tr, k)}: {value(c, tr, k, v)}" for k, v in pkg.items())


def package_html(c: Compiled, tr: Translator, pkg: Mapping[str, Value]) -> str:
    return "<br>".join(
        f"{esc(issue_name(c, tr, k))}: <b>{esc(value(c, tr, k, v))}</b>" for k, v in pkg.items()
    )


def bound(c: Compiled, tr: Translator, iid: str, b: m.Bound | None) -> str:
    """A mandate bound in words."""
    if b is None:
        return tr("bound.free")
    parts = []
    if b.allow is not None:
        parts.append(tr("bound.only", values=", ".join(value(c, tr, iid, a) for a in b.allow)))
    if b.min is not None:
        parts.append(tr("bound.min", value=value(c, tr, iid, b.min)))
    if b.max is not None:
        parts.append(tr("bound.max", value=value(c, tr, iid, b.max)))
    return tr("bound.and").join(parts) or tr("bound.free")


def party(c: Compiled, tr: Translator, side: str) -> str:
    return c.parties[side].name.get(tr.lang)


def diplomat(c: Compiled, tr: Translator, side: str) -> str:
    return c.parties[side].diplomat.name.get(tr.lang)


def cite_html(c: Compiled, tr: Translator, cites: Iterable[m.Cite]) -> str:
    """Citations: the source's title and the quoted sentence."""
    titles = {s.id: s.title for s in c.sc.sources}
    parts = []
    for ct in cites:
        title = esc(titles.get(ct.source, ct.source))
        if ct.quote:
            parts.append(f"{title}: <i>“{esc(ct.quote)}”</i>")
        else:
            parts.append(title)
    if not parts:
        return ""
    return f'<font color="{MUTED}">{esc(tr("text.source"))}: ' + "; ".join(parts) + "</font>"


def text_html(c: Compiled, tr: Translator, t: m.Text | None, cite: bool = True) -> str:
    """A scenario text: its kind, the words in the player's language, its sources."""
    if t is None:
        return ""
    tag = tr(f"text.kind.{t.kind}")
    body = f'<font color="{GOLD}">[{esc(tag)}]</font> {esc(t.get(tr.lang))}'
    if t.review and tr.lang != "en" and tr.lang in t.tr:
        body += f' <font color="#ff9f7a">({esc(tr("text.review"))})</font>'
    if tr.lang not in t.tr and tr.lang != "en":
        body += f' <font color="{MUTED}">({esc(tr("text.untranslated"))})</font>'
    if cite and t.cite:
        body += "<br>" + cite_html(c, tr, t.cite)
    return body


def text_plain(t: m.Text | None, tr: Translator) -> str:
    return t.get(tr.lang) if t is not None else ""


PRIVATE = ("instructions", "instructions.none", "mandate")


def entry_html(
    c: Compiled, tr: Translator, e: Entry, detail: bool = True, viewer: str | None = None
) -> str:
    """One line of the record of the talks, worded from its code and parameters.

    With a ``viewer``, the other side's instructions from home and its mandates
    stay confidential: the line only says that it heard from home.
    """
    when = esc(date(tr, e.date))
    who = esc(diplomat(c, tr, e.side)) if e.side in c.parties else ""
    p: Mapping[str, Any] = e.params
    code = e.code
    body = ""
    if viewer is not None and code in PRIVATE and e.side in c.parties and e.side != viewer:
        head = f"<i>{esc(tr('entry.private', party=party(c, tr, e.side)))}</i>"
    elif code in ("move.propose", "move.counter", "move.accept"):
        head = tr(f"entry.{code}", who=who, package=esc(package(c, tr, p.get("package", {}))))
    elif code in ("move.reject", "move.adjourn", "move.break_off", "instructions.none"):
        home = c.parties[e.side].home if e.side in c.parties else None
        head = tr(f"entry.{code}", who=who, home=esc(home.get(tr.lang)) if home else who)
    elif code == "session":
        head = f"<b>{esc(tr('entry.session', date=date(tr, e.date)))}</b>"
    elif code == "stage" and e.ref in c.stages:
        stage = c.stages[e.ref].stage
        head = f'<font color="{GOLD}"><b>— {esc(stage.name.get(tr.lang))} —</b></font>'
        if detail:
            body = "<br>".join(
                x for x in (text_html(c, tr, stage.place), text_html(c, tr, stage.text)) if x
            )
    elif code == "event" and e.ref in c.events:
        ev = c.events[e.ref]
        head = f"<b>{esc(tr('event.kind.' + ev.kind))}: {esc(ev.headline.get(tr.lang))}</b>"
        if detail:
            body = text_html(c, tr, ev.text)
    elif code == "instructions":
        ins = (
            next((i for i in c.parties[e.side].instructions if i.id == e.ref), None)
            if e.side in c.parties
            else None
        )
        head = tr("entry.instructions", who=who) + (
            ": " + esc(ins.text.get(tr.lang)) if ins else ""
        )
    elif code == "mandate" and e.side in c.parties:
        mandate = next((x for x in c.parties[e.side].mandates if x.id == e.ref), None)
        head = tr(
            "entry.mandate",
            party=esc(party(c, tr, e.side)),
            mandate=esc(mandate.name.get(tr.lang) if mandate else ""),
        )
    elif code == "argument" and e.ref in c.arguments:
        arg = c.arguments[e.ref]
        landed = bool(p.get("landed"))
        head = tr(
            "entry.argument." + ("landed" if landed else "failed"),
            who=who,
            argument=esc(arg.name.get(tr.lang)),
        )
        said = p.get("text")
        if detail:
            body = text_html(c, tr, arg.text) + (
                ("<br>" + text_html(c, tr, said)) if isinstance(said, m.Text) else ""
            )
    elif code == "end":
        head = (
            f"<b>{esc(tr('entry.end', how=tr('termination.' + str(p.get('termination', '')))))}</b>"
        )
    else:
        head = esc(e.message)
    line = f'<font color="{MUTED}">{when}</font>  {head}'
    return line + ("<br>" + body if body else "")


def entries_html(
    c: Compiled, tr: Translator, entries: Iterable[Entry], viewer: str | None = None
) -> str:
    """Record lines (the other side's confidential lines hidden from ``viewer``)."""
    lines: list[str] = []
    for e in entries:
        line = entry_html(c, tr, e, viewer=viewer)
        if not (lines and line == lines[-1]):  # one 'heard from home' line, not two
            lines.append(line)
    return "<br>".join(lines)


def stage_name(c: Compiled, tr: Translator, stage: str) -> str:
    return c.stages[stage].stage.name.get(tr.lang)


def space_text(c: Compiled, iid: str) -> str:
    """The value space of an issue (as the terminal shows it)."""
    return render.space(c, iid)


def message(c: Compiled, tr: Translator, msg: str) -> str:
    """An engine message in the player's language (``engine.<code>`` in the
    catalogue, its parameters named in that language); else the English text."""
    from game.engine.messages import Msg

    if not isinstance(msg, Msg) or not tr.has(f"engine.{msg.code}"):
        return str(msg)
    p = dict(msg.params)
    if msg.code == "persona_rule" and p.get("side") in c.parties:
        rules = c.parties[p["side"]].persona.rules
        index = p.get("rule")
        if isinstance(index, int) and 0 <= index < len(rules):
            template = rules[index].text.get(tr.lang).replace("{", "{{").replace("}", "}}")
            template = template.replace("{{price}}", "{price}").replace(
                "{{principle}}", "{principle}"
            )
            names = {
                k: issue_name(c, tr, p[k]) if p.get(k) in c.issues else str(p.get(k))
                for k in ("price", "principle")
            }
            return template.format(**names)
    fields: dict[str, Any] = {}
    for key, raw in p.items():
        if key == "side" and raw in c.parties:
            fields[key] = party(c, tr, raw)
            home = c.parties[raw].home
            fields["home"] = home.get(tr.lang) if home is not None else fields[key]
        elif key == "issue" and raw in c.issues:
            fields[key] = issue_name(c, tr, raw)
        elif key == "value" and p.get("issue") in c.issues and msg.code != "not_a_value":
            fields[key] = value(c, tr, p["issue"], raw)
        elif key == "mandate" and p.get("side") in c.parties:
            mandate = next((x for x in c.parties[p["side"]].mandates if x.id == raw), None)
            fields[key] = mandate.name.get(tr.lang) if mandate else str(raw)
            if mandate is not None and p.get("issue") in c.issues:
                fields["bound"] = bound(c, tr, p["issue"], mandate.bounds.get(p["issue"]))
        elif key == "argument" and raw in c.arguments:
            fields[key] = c.arguments[raw].name.get(tr.lang)
        elif key == "stage" and raw in c.stages:
            fields[key] = stage_name(c, tr, raw)
        elif key == "kind":
            fields[key] = tr(f"move.{raw}") if tr.has(f"move.{raw}") else str(raw)
        elif key == "date" and isinstance(raw, dt.date):
            fields[key] = date(tr, raw)
        elif key == "problem":
            fields[key] = message(c, tr, raw)
        elif key == "items":
            fields[key] = ", ".join(str(x) for x in raw)
        else:
            fields[key] = raw
    fields.setdefault("bound", "")
    try:
        return tr(f"engine.{msg.code}", **fields)
    except (KeyError, IndexError, ValueError):
        return str(msg)
