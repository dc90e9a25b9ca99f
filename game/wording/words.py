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
    if b.allow is not None:
        names = [value(c, tr, iid, a) for a in b.allow]
        # one value stands alone ("Secret talks"), never "only Only between ...".
        parts.append(names[0] if len(names) == 1 else tr("bound.one_of", values="; ".join(names)))
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
        head = tr(f"entry.{code}", who=who, package=package(c, tr, p.get("package", {})))
        for group in p.get("links", ()):
            names = [issue_name(c, tr, i) for i in group if i in c.issues]
            if len(names) > 1:
                head += " — " + tr("entry.linked", issues=", ".join(names[:-1]), last=names[-1])
        if p.get("to"):
            head += " " + tr("entry.to", parties=_and(tr, [diplomat(c, tr, x) for x in p["to"]]))
        if p.get("waiting"):
            head += " " + tr(
                "entry.awaiting", parties=_and(tr, [diplomat(c, tr, x) for x in p["waiting"]])
            )
        return EntryWords(when, head)
    if code == "move.pass":
        return EntryWords(when, tr("entry.move.pass", who=who))
    if code == "move.reopen" and p.get("issue") in c.issues:
        return EntryWords(
            when, tr("entry.move.reopen", who=who, issue=issue_name(c, tr, p["issue"]))
        )
    if code == "side_agreement":
        head = tr("entry.side_agreement", package=package(c, tr, p.get("package", {})))
        parties = [diplomat(c, tr, x) for x in p.get("parties", ()) if x in c.parties]
        if parties:
            head += " " + tr("entry.between", parties=_and(tr, parties))
        return EntryWords(when, head, "bold")
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


_ISSUE_KEYS = frozenset({"issue", "give", "get"})
"""Parameters of engine messages that name one issue by its id."""
_ISSUES_KEYS = frozenset({"issues", "left"})
"""Parameters of engine messages that name several issues by their ids."""


def issues(c: Compiled, tr: Translator, ids: Iterable[str]) -> str:
    """Issues' names in words: 'Rent', 'Rent and Port', 'Rent, Term and Port'."""
    said = [issue_name(c, tr, i) if i in c.issues else str(i) for i in ids]
    if len(said) < 2:
        return "".join(said)
    return ", ".join(said[:-1]) + tr("list.and") + said[-1]


def message(c: Compiled, tr: Translator, msg: str) -> str:
    """An engine message in the player's language (``engine.<code>`` in the
    catalogue, its parameters named in that language); else the English text."""
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
        elif key in _ISSUE_KEYS and isinstance(raw, str) and raw in c.issues:
            fields[key] = issue_name(c, tr, raw)
        elif key in _ISSUES_KEYS and isinstance(raw, tuple | list):
            fields[key] = issues(c, tr, raw)
        elif key.endswith("_value") and p.get(key[: -len("_value")]) in c.issues:
            fields[key] = value(c, tr, p[key[: -len("_value")]], raw)
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
        elif key == "moves":
            fields[key] = ", ".join(tr(f"move.{k}") for k in raw)
        else:
            fields[key] = raw
    fields.setdefault("bound", "")
    try:
        return tr(f"engine.{msg.code}", **fields)
    except (KeyError, IndexError, ValueError):
        return str(msg)


def short_date(tr: Translator, d: dt.date | None) -> str:
    """A date in short words: 15 Feb 1925 / 15 fev 1925 (each month its own abbreviation)."""
    if d is None:
        return "—"
    return f"{d.day} {tr(f'month.short.{d.month}')} {d.year}"


def number(tr: Translator, x: float, digits: int = 2) -> str:
    """A number with the language's decimal mark: 0.52 / 0,52."""
    shown = f"{x:.{digits}f}"
    if shown.startswith("-") and not shown.strip("-0."):
        shown = shown[1:]  # no "-0.00"
    return shown.replace(".", tr("number.decimal"))


def option_names(c: Compiled, tr: Translator, iid: str) -> list[str]:
    """The names of an issue's options in the player's language (none for numbers, dates)."""
    issue = c.issues[iid]
    return [o.name.get(tr.lang) for o in kind_of(issue).options(issue)]


def space(c: Compiled, tr: Translator, iid: str, numbered: bool = False) -> str:
    """An issue's values in words: its options (numbered, to type the number), or the
    first and last value and the step."""
    issue = c.issues[iid]
    names = option_names(c, tr, iid)
    if names:
        return " · ".join(f"{k} {n}" if numbered else n for k, n in enumerate(names, start=1))
    grid = c.grid[iid]
    first, last = value(c, tr, iid, grid[0]), value(c, tr, iid, grid[-1])
    if issue.step_months is not None:
        return tr("text.range_months", first=first, last=last, n=issue.step_months)
    if issue.step_days is not None:
        return tr("text.range_days", first=first, last=last, n=issue.step_days)
    a, b = (grid[0], grid[1]) if len(grid) > 1 else (0, 0)
    step: Value = (
        round(b - a, 6) if isinstance(a, int | float) and isinstance(b, int | float) else 0
    )
    if isinstance(step, float) and step.is_integer() and isinstance(a, int):
        step = int(step)
    return tr("text.range", first=first, last=last, step=value(c, tr, iid, step))


def kind_tag(tr: Translator, t: m.Text) -> str:
    """A text's kind as a tag: [history], [scene], [note] in the player's language."""
    return f"[{tr('text.kind.' + t.kind)}]"


def source_mark(tr: Translator, n: int) -> str:
    """The short mark a text's sources get in the record: [source 3]."""
    return tr("text.source_mark", n=n)


def citation_lines(c: Compiled, cites: Iterable[m.Cite]) -> list[str]:
    """The full citation, one line per source: its title, then the quoted sentences (each
    after its place in the source, where the citation gives one)."""
    titles = {s.id: s.title for s in c.sc.sources}
    grouped: dict[str, list[str]] = {}
    for ct in cites:
        quotes = grouped.setdefault(titles.get(ct.source, ct.source), [])
        where = f"({ct.locator})" if ct.locator else ""
        if ct.quote:
            quotes.append(f"{where} “{ct.quote}”".strip())
        elif where:
            quotes.append(where)
    return [f"{title}: {'; '.join(q)}" if q else title for title, q in grouped.items()]


def move_name(tr: Translator, kind: str) -> str:
    """A kind of move in words: Propose / Təklif et."""
    return tr(f"move.{kind}")


def _and(tr: Translator, items: list[str]) -> str:
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + tr("speech.and") + items[-1]


def why_moves(c: Compiled, tr: Translator, msg: Msg) -> str:
    """:attr:`game.session.SeatView.why_moves` in words."""
    p = msg.params
    stage = p.get("stage")
    until = p.get("until")
    return tr(
        "why_moves.stage",
        stage=stage_name(c, tr, stage) if stage in c.stages else "",
        moves=_and(tr, [move_name(tr, str(k)) for k in p.get("kinds", ())]),
        until=tr("why_moves.until", date=date(tr, until)) if isinstance(until, dt.date) else "",
    )


def cause(c: Compiled, tr: Translator, kind: str, ref: str) -> str:
    """What moved a side's priorities: an argument's name, an event's headline, or
    "new instructions" (whose content stays confidential)."""
    from game.engine.summary import cause_text

    found = cause_text(c, kind, ref)
    return found.get(tr.lang) if found is not None else tr("summary.instructions")


def _mandate(c: Compiled, side: str, mid: object) -> m.Mandate | None:
    return (
        next((x for x in c.parties[side].mandates if x.id == mid), None)
        if side in c.parties
        else None
    )


def summary(c: Compiled, tr: Translator, msg: Msg) -> str:
    """One sentence of :attr:`game.engine.debrief.Debrief.summary` in words."""
    p = dict(msg.params)
    key = f"engine.{msg.code}"
    if not tr.has(key):
        return str(msg)
    iid = p.get("issue")
    fields: dict[str, Any] = {}
    for name in ("side", "other"):
        if p.get(name) in c.parties:
            fields[name] = party(c, tr, p[name])
    if p.get("side") in c.parties:
        fields["diplomat"] = diplomat(c, tr, p["side"])
    if iid in c.issues:
        fields["issue"] = issue_name(c, tr, iid)
        for name in ("deal", "history"):
            if name in p and not isinstance(p[name], float):
                fields[name] = value(c, tr, iid, p[name])
    for name in ("date", "history_date"):
        if isinstance(p.get(name), dt.date):
            fields[name] = date(tr, p[name])
    for name in ("utility", "now", "start"):
        if isinstance(p.get(name), float):
            fields[name] = number(tr, p[name], 3)
    if isinstance(p.get("history"), float):
        fields["history"] = number(tr, p["history"], 3)
    if "termination" in p:
        fields["how"] = tr(f"termination.{p['termination']}")
    for name, side_key, bound_key in (
        ("mandate", "side", "bound"),
        ("other_mandate", "other", "other_bound"),
    ):
        found = _mandate(c, str(p.get(side_key)), p.get(name))
        if found is not None:
            fields[name] = found.name.get(tr.lang)
            if iid in c.issues:
                fields[bound_key] = bound(c, tr, iid, found.bounds.get(iid))
    sides, mandates = p.get("sides"), p.get("mandates")
    if iid in c.issues and isinstance(sides, tuple) and isinstance(mandates, tuple):
        said = []
        for side, mid in zip(sides, mandates, strict=False):
            found = _mandate(c, side, mid)
            if found is not None:
                said.append(f"{party(c, tr, side)} {bound(c, tr, iid, found.bounds.get(iid))}")
        fields["bounds"] = "; ".join(said)
    if msg.code == "summary.priorities":
        parts = []
        if p.get("more"):
            names = [issue_name(c, tr, i) for i in p["more"] if i in c.issues]
            parts.append(tr("summary.more", issues=_and(tr, names)))
        if p.get("less"):
            names = [issue_name(c, tr, i) for i in p["less"] if i in c.issues]
            parts.append(tr("summary.less", issues=_and(tr, names)))
        what = "; ".join(parts) or tr("summary.delay_moved")
        causes = [cause(c, tr, k, r) for k, r in p.get("causes", ())]
        if causes:
            what += "; " + tr("summary.after", causes=_and(tr, causes))
        fields["what"] = what
    for name in ("months", "points"):
        if name in p:
            fields[name] = p[name]
    return tr(key, **fields)
