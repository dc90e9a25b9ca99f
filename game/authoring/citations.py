"""What kind of statement a history text makes, and whether its sources back it.

A history text may state a dated **event** (it names a year or a month), a
**quotation** (words in double quotes) or a **number** (any figure that is not
part of a date). Each source may declare which of these it supports
(``supports`` in the scenario's ``sources``). :func:`unsupported_kinds` names
the kinds a text states that none of its cited sources supports; lint reports
them, and the bundled scenarios are tested to have none.

The detection reads the English text and is deliberately simple: it errs on
the side of finding a kind (a figure in brackets still counts), so that an
author declares what a source is really fit for.

>>> sorted(statement_kinds('On 9 January 1925 Karakhan asked for "at most 45%".'))
['event', 'number', 'quotation']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from game.scenario import model as m

__all__ = ["outside_without_locator", "statement_kinds", "unsupported_kinds"]

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_YEAR = r"\b1[0-9]{3}(?:s|'s)?\b"
_DAY_MONTH = rf"\b\d{{1,2}}(?:-\d{{1,2}})?\s+(?:{_MONTHS})\b"
_MONTH_DAY = rf"\b(?:{_MONTHS})\s+\d{{1,2}}\b"
_EVENT = re.compile(rf"{_YEAR}|\b(?:{_MONTHS})\b")
_QUOTATION = re.compile(r'"[^"]{2,}"|“[^”]{2,}”')
_DATE_PARTS = re.compile(
    rf"\b1[0-9]{{3}}-(?:1[0-9]{{3}}|[0-9]{{2}})\b|{_DAY_MONTH}|{_MONTH_DAY}|{_YEAR}"
)
_DIGIT = re.compile(r"\d")


def statement_kinds(text: str) -> set[str]:
    """The kinds of statement (``event``, ``quotation``, ``number``) in ``text``."""
    kinds: set[str] = set()
    if _EVENT.search(text):
        kinds.add("event")
    if _QUOTATION.search(text):
        kinds.add("quotation")
    if _DIGIT.search(_DATE_PARTS.sub(" ", text)):
        kinds.add("number")
    return kinds


def unsupported_kinds(text: m.Text, sources: Mapping[str, m.Source]) -> list[str]:
    """Kinds of statement in a history ``text`` that none of its cited sources supports.

    A cited source that declares no ``supports`` is taken to support every
    kind (the check is opt-in, source by source); a text that is not
    ``history`` states nothing to check.
    """
    if text.kind is not m.TextKind.HISTORY or not text.cite:
        return []
    backed: set[str] = set()
    for ct in text.cite:
        src = sources.get(ct.source)
        if src is None or not src.supports:
            backed.update(m.STATEMENT_KINDS)
        else:
            backed.update(src.supports)
    return sorted(statement_kinds(text.get("en")) - backed)


def outside_without_locator(
    cites: Iterable[m.Cite], sources: Mapping[str, m.Source]
) -> list[m.Cite]:
    """Citations of outside sources (no ``file``, ``supports`` declared) with
    neither ``quote`` nor ``locator``: a reader could not find the place."""
    out = []
    for ct in cites:
        src = sources.get(ct.source)
        if src is None or src.file or not src.supports:
            continue
        if not (ct.quote or ct.locator):
            out.append(ct)
    return out
