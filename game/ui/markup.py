"""The window's HTML on top of the words of :mod:`game.wording.words`: packages,
scenario texts with their kind and citations, the record of the talks.

The markup is pygame_gui's small HTML subset (``<b>``, ``<i>``, ``<br>``,
``<font color>``) as :class:`game.ui.richtext.RichView` draws it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from game.engine.compiled import Compiled
from game.engine.space import Value
from game.scenario import model as m
from game.session import Seen, Withheld
from game.ui.scene import esc
from game.wording import words
from game.wording.catalogue import Translator

GOLD = "#e0bb5c"
MUTED = "#a9a394"


def package_html(c: Compiled, tr: Translator, pkg: Mapping[str, Value]) -> str:
    return "<br>".join(
        f"{esc(words.issue_name(c, tr, k))}: <b>{esc(words.value(c, tr, k, v))}</b>"
        for k, v in pkg.items()
    )


def cite_html(c: Compiled, tr: Translator, cites: Iterable[m.Cite]) -> str:
    """Citations in full: each source's title once, with the sentences quoted from it."""
    quotes: dict[str, list[str]] = {}
    for title, quote in words.citations(c, cites, tr):
        quotes.setdefault(title, [])
        if quote and quote not in quotes[title]:
            quotes[title].append(quote)
    parts = [
        esc(title) + (": " + "; ".join(f"<i>“{esc(q)}”</i>" for q in said) if said else "")
        for title, said in quotes.items()
    ]
    if not parts:
        return ""
    return f'<font color="{MUTED}">{esc(tr("text.source"))}: ' + " · ".join(parts) + "</font>"


def mark_html(c: Compiled, tr: Translator, cites: Iterable[m.Cite]) -> str:
    """One short source mark for all of ``cites`` (the full citation is on demand)."""
    ids = list(dict.fromkeys(ct.source for ct in cites))
    if not ids:
        return ""
    more = f" +{len(ids) - 1}" if len(ids) > 1 else ""
    return f'<font color="{MUTED}">[{esc(words.source_short(c, tr, ids[0]))}{more}]</font>'


def text_html(c: Compiled, tr: Translator, t: m.Text | None, cite: bool = True) -> str:
    """A scenario text: its kind, the words in the player's language, its sources."""
    if t is None:
        return ""
    tag = tr(f"text.kind.{t.kind}")
    body = f'<font color="{GOLD}">[{esc(tag)}]</font> {esc(t.get(tr.lang))}'
    if tr.lang not in t.tr and tr.lang != "en":
        body += f' <font color="{MUTED}">({esc(tr("text.untranslated"))})</font>'
    if cite and t.cite:
        body += "<br>" + cite_html(c, tr, t.cite)
    return body


STYLES = {
    "": "{}",
    "bold": "<b>{}</b>",
    "stage": f'<font color="{GOLD}"><b>{{}}</b></font>',
    "private": "<i>{}</i>",
}


def entry_html(
    c: Compiled, tr: Translator, e: Seen, detail: bool = True, full_cites: bool = True
) -> str:
    """One line of the record of the talks (a withheld line says only that it exists):
    with its texts, and their sources in full or as one short mark."""
    w = words.private(c, tr, e.date, e.side) if isinstance(e, Withheld) else words.entry(c, tr, e)
    line = f'<font color="{MUTED}">{esc(w.when)}</font>  ' + STYLES[w.style].format(esc(w.head))
    if not detail:
        return line
    body = "<br>".join(text_html(c, tr, t, cite=full_cites) for t in w.texts)
    if not full_cites:
        mark = mark_html(c, tr, [ct for t in w.texts for ct in t.cite])
        if mark:
            body = f"{body} {mark}" if body else mark
    return line + ("<br>" + body if body else "")


def entries_html(
    c: Compiled, tr: Translator, entries: Iterable[Seen], full_cites: bool = True
) -> str:
    """Record lines, as a seat sees them (:meth:`game.session.GameSession.view`)."""
    lines: list[str] = []
    for e in entries:
        line = entry_html(c, tr, e, full_cites=full_cites)
        if not (lines and line == lines[-1]):  # one 'heard from home' line, not two
            lines.append(line)
    return "<br>".join(lines)


def digest_html(c: Compiled, tr: Translator, news: Iterable[Seen]) -> str:
    """The news since the player last looked, in date order, each source as a short mark."""
    return entries_html(c, tr, news, full_cites=False)
