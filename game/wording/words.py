"""Engine data in the player's language, as plain text.

Values, packages, mandate bounds, dates, names, engine messages, the lines of
the record of the talks and citations, worded from the message catalogue
(:mod:`game.wording.catalogue`) and the scenario's own texts
(``Text.get(lang)``). A front end sets them out: the window adds its HTML on
top (:mod:`game.ui.markup`), the terminal its layout.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from game.engine.compiled import Compiled
from game.engine.messages import Msg
from game.engine.moves import Entry
from game.engine.space import Value
from game.scenario import model as m
from game.scenario.kinds import kind_of
from game.wording.catalogue import Translator


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


def bound(c: Compiled, tr: Translator, iid: str, b: m.Bound | None) -> str:
    """A mandate bound in words."""
    if b is None:
        return tr("bound.free")
    parts = []
    if b.allow is not None and len(b.allow) == 1:
        parts.append(tr("bound.only_one", value=value(c, tr, iid, b.allow[0])))
    elif b.allow is not None:
        parts.append(tr("bound.only", values="; ".join(value(c, tr, iid, a) for a in b.allow)))
    if b.min is not None:
        parts.append(tr("bound.min", value=value(c, tr, iid, b.min)))
    if b.max is not None:
        parts.append(tr("bound.max", value=value(c, tr, iid, b.max)))
    if b.min_days == 0:
        parts.append(tr("bound.not_past"))
    elif b.min_days is not None:
        parts.append(tr("bound.min_days", days=b.min_days))
    if b.max_days is not None:
        parts.append(tr("bound.max_days", days=b.max_days))
    return tr("bound.and").join(parts) or tr("bound.free")


def party(c: Compiled, tr: Translator, side: str) -> str:
    return c.parties[side].name.get(tr.lang)


def diplomat(c: Compiled, tr: Translator, side: str) -> str:
    return c.parties[side].diplomat.name.get(tr.lang)


def citations(
    c: Compiled, cites: Iterable[m.Cite], tr: Translator | None = None
) -> list[tuple[str, str | None]]:
    """Each citation as the source's title (in ``tr``'s language, see
    :func:`source_title`, with where in the source if the citation gives a locator)
    and the quoted sentence (if any)."""
    return [
        (
            source_title(c, tr, ct.source) + (f" ({ct.locator})" if ct.locator else ""),
            ct.quote or None,
        )
        for ct in cites
    ]


def source_title(c: Compiled, tr: Translator | None, sid: str) -> str:
    """A source's title in the player's language: the scenario's translation of its
    description, else its own title, marked as the source's own words when the player
    reads another language."""
    found = next((s for s in c.sc.sources if s.id == sid), None)
    if found is None:
        return tr("text.unknown_source") if tr is not None else sid
    if tr is None or tr.lang == "en":
        return found.title
    own = found.titles.get(tr.lang)
    return own if own else f"{found.title} ({tr('text.own_title')})"


def source_short(c: Compiled, tr: Translator, sid: str) -> str:
    """A short mark for a source: its author and year, else its title's first words."""
    found = next((s for s in c.sc.sources if s.id == sid), None)
    if found is None:
        return tr("text.source")
    title = found.titles.get(tr.lang) or found.title
    head = title.split(" (")[0].strip() or title
    if len(head) > 32:
        cut = head[:32].rsplit(" ", 1)[0].rstrip(",;:")
        head = cut + "…"
    return head


def text_plain(t: m.Text | None, tr: Translator) -> str:
    return t.get(tr.lang) if t is not None else ""


@dataclass(frozen=True)
class EntryWords:
    """One line of the record of the talks in words.

    ``style`` says how the line stands out (``""``, ``"bold"``, ``"stage"`` for a
    stage's heading, ``"private"`` for what a player may not read); ``texts``
    are the scenario's texts that go with it (the event's, the stage's, the
    argument's), each with its kind and citations.
    """

    when: str
    head: str
    style: str = ""
    texts: tuple[m.Text, ...] = ()


def entry(c: Compiled, tr: Translator, e: Entry) -> EntryWords:
    """One line of the record of the talks, worded from its code and parameters."""
    when = date(tr, e.date)
    who = diplomat(c, tr, e.side) if e.side in c.parties else ""
    p: Mapping[str, Any] = e.params
    code = e.code
    if code in ("move.propose", "move.counter", "move.accept"):
        return EntryWords(
            when, tr(f"entry.{code}", who=who, package=package(c, tr, p.get("package", {})))
        )
    if code in ("move.reject", "move.adjourn", "move.break_off", "instructions.none"):
        home = c.parties[e.side].home if e.side in c.parties else None
        return EntryWords(
            when, tr(f"entry.{code}", who=who, home=home.get(tr.lang) if home else who)
        )
    if code == "session":
        return EntryWords(when, tr("entry.session", date=date(tr, e.date)), "bold")
    if code == "stage" and e.ref in c.stages:
        stage = c.stages[e.ref].stage
        texts = tuple(x for x in (stage.place, stage.text) if x is not None)
        return EntryWords(when, f"— {stage.name.get(tr.lang)} —", "stage", texts)
    if code == "event" and e.ref in c.events:
        ev = c.events[e.ref]
        head = f"{tr('event.kind.' + ev.kind)}: {ev.headline.get(tr.lang)}"
        return EntryWords(when, head, "bold", (ev.text,) if ev.text is not None else ())
    if code == "instructions":
        ins = (
            next((i for i in c.parties[e.side].instructions if i.id == e.ref), None)
            if e.side in c.parties
            else None
        )
        return EntryWords(
            when, tr("entry.instructions", who=who) + (": " + ins.text.get(tr.lang) if ins else "")
        )
    if code == "mandate" and e.side in c.parties:
        mandate = next((x for x in c.parties[e.side].mandates if x.id == e.ref), None)
        return EntryWords(
            when,
            tr(
                "entry.mandate",
                party=party(c, tr, e.side),
                mandate=mandate.name.get(tr.lang) if mandate else "",
            ),
        )
    if code == "argument" and e.ref in c.arguments:
        arg = c.arguments[e.ref]
        landed = bool(p.get("landed"))
        head = tr(
            "entry.argument." + ("landed" if landed else "failed"),
            who=who,
            argument=arg.name.get(tr.lang),
        )
        said = p.get("text")
        return EntryWords(
            when, head, "", (arg.text, said) if isinstance(said, m.Text) else (arg.text,)
        )
    if code == "end":
        how = tr("termination." + str(p.get("termination", "")))
        return EntryWords(when, tr("entry.end", how=how), "bold")
    return EntryWords(when, e.message)


def private(c: Compiled, tr: Translator, when: dt.date, side: str) -> EntryWords:
    """A confidential line of another side: that it heard from home, nothing of what."""
    return EntryWords(date(tr, when), tr("entry.private", party=party(c, tr, side)), "private")


def end_reason(c: Compiled, tr: Translator, stage: str | None, reason: str) -> str:
    """Why the talks ended, in the player's language where the scenario gives the words."""
    if stage is not None and stage in c.stages:
        found = c.stages[stage].stage
        if reason == found.name.get("en"):
            return found.name.get(tr.lang)
    return reason


def stage_name(c: Compiled, tr: Translator, stage: str) -> str:
    return c.stages[stage].stage.name.get(tr.lang)


def message(c: Compiled, tr: Translator, msg: str, prefix: str = "engine.") -> str:
    """An engine message in the player's language (``engine.<code>`` in the
    catalogue, its parameters named in that language); else the English text."""
    if not isinstance(msg, Msg) or not tr.has(f"{prefix}{msg.code}"):
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
            fields[key] = ", ".join(_item(c, tr, x) for x in raw)
        elif key == "moves":
            fields[key] = ", ".join(tr(f"move.{k}") for k in raw)
        else:
            fields[key] = raw
    fields.setdefault("bound", "")
    try:
        return tr(f"{prefix}{msg.code}", **fields)
    except (KeyError, IndexError, ValueError):
        return str(msg)


def _item(c: Compiled, tr: Translator, item: Any) -> str:
    """An (issue, value) pair in words: "Oil royalty: 5% of the net"."""
    if isinstance(item, tuple) and len(item) == 2 and item[0] in c.issues:
        return f"{issue_name(c, tr, item[0])}: {value(c, tr, item[0], item[1])}"
    return str(item)
