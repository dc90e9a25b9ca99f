"""Typed lines into words, and words into issues, values and arguments.

A player names an issue by its number (as ``issues`` lists them), by its name
in either language or the start of it, or by the short name (id) of the
scenario file; an option likewise, by its number among the issue's options,
its name or the start of it, or its id. Numbers and dates are typed as they
are (``50``, ``1925-05-15``); a number may carry its unit (``50%``).

Reading a line is linear in its length, and a line longer than
:data:`MAX_LINE` is refused before it is read at all.

>>> split('propose "oil share"=50 recognition=2')
['propose', 'oil share=50', 'recognition=2']
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from game.engine.compiled import Compiled
from game.scenario import model as m
from game.scenario.kinds import kind_of, unit_of

MAX_LINE = 4000
"""The longest line read as a command (a move with every issue fits in a few hundred)."""


class Unreadable(ValueError):
    """A line that cannot be split into words (an open quote)."""


def split(line: str) -> list[str]:
    """The words of a line: spaces separate them, quotes (``"`` or ``'``) keep spaces
    inside one and are dropped. Raises :class:`Unreadable` on an open quote."""
    words: list[str] = []
    current: list[str] = []
    quote: str | None = None
    started = False
    for ch in line:
        if quote is not None:
            if ch == quote:
                quote = None
            else:
                current.append(ch)
        elif ch in "\"'":
            quote, started = ch, True
        elif ch.isspace():
            if started:
                words.append("".join(current))
                current, started = [], False
        else:
            current.append(ch)
            started = True
    if quote is not None:
        raise Unreadable(quote)
    if started:
        words.append("".join(current))
    return words


def fold(text: str) -> str:
    """A name as it is compared: case and accents ignored, Azerbaijani dotted and
    dotless i alike, spaces and punctuation run together."""
    text = text.replace("İ", "i").replace("ı", "i").casefold()
    text = "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text).split())


@dataclass(frozen=True)
class Choice:
    """A name the player may mean: what it stands for, its number and its names."""

    key: object
    number: int
    names: tuple[str, ...]
    label: m.Text

    def shown(self, lang: str) -> str:
        """As the player reads it: its number and its name."""
        return f"{self.number} {self.label.get(lang)}"


@dataclass(frozen=True)
class Found:
    """What a typed name matched: one choice, or several (ambiguous), or none."""

    matches: tuple[Choice, ...]

    @property
    def one(self) -> Choice | None:
        return self.matches[0] if len(self.matches) == 1 else None


def find(typed: str, choices: Sequence[Choice]) -> Found:
    """The choices ``typed`` names: by number, then exactly by a name, then by the start
    of a name, then by words inside one, then by the starts of its words in any order
    (``oil share`` finds "Japan's share of the North Sakhalin oil fields")."""
    text = typed.strip()
    if text.isdigit() and len(text) < 6:
        hit = tuple(ch for ch in choices if ch.number == int(text))
        return Found(hit)
    want = fold(text)
    if not want:
        return Found(())
    parts = want.split()

    def every_word(name: str) -> bool:
        words = name.split()
        return all(any(w.startswith(p) for w in words) for p in parts)

    for test in (
        lambda name: name == want,
        lambda name: name.startswith(want),
        lambda name: f" {want}" in f" {name}",
        every_word,
    ):
        hit = tuple(ch for ch in choices if any(test(fold(n)) for n in ch.names))
        if hit:
            return Found(hit)
    return Found(())


class Names:
    """The scenario's issues, options and a side's arguments as a player may name them."""

    def __init__(self, c: Compiled, side: str) -> None:
        self.c = c
        self.issues = [
            Choice(i.id, k, (i.id, *i.name.tr.values()), i.name)
            for k, i in enumerate(c.sc.issues, start=1)
        ]
        self.number = {ch.key: ch.number for ch in self.issues}
        self.arguments = [
            Choice(a.id, k, (a.id, *a.name.tr.values()), a.name)
            for k, a in enumerate((a for a in c.sc.arguments if a.by == side), start=1)
        ]

    def options(self, iid: str) -> list[Choice]:
        issue = self.c.issues[iid]
        return [
            Choice(o.id, k, (o.id, *o.name.tr.values()), o.name)
            for k, o in enumerate(kind_of(issue).options(issue), start=1)
        ]

    def issue(self, typed: str) -> Found:
        return find(typed, self.issues)

    def argument(self, typed: str) -> Found:
        return find(typed, self.arguments)

    def value(self, iid: str, typed: str) -> Found | object:
        """The value ``typed`` names for the issue: a :class:`Found` among its options, or
        the typed number or date as the issue's kind reads it (the rules say if it is not
        one of its values)."""
        issue = self.c.issues[iid]
        options = self.options(iid)
        if options:
            return find(typed, options)
        text = typed.strip()
        for lang in {"en", *(issue.unit.tr if issue.unit is not None else ())}:
            unit = unit_of(issue, lang)
            if unit and text.endswith(unit):
                text = text[: -len(unit)].strip()
                break
        return kind_of(issue).parse(issue, text)


def listed(choices: Iterable[Choice], lang: str) -> str:
    """Choices as the player reads them: ``4 Recognition · 5 Evacuation``."""
    return " · ".join(ch.shown(lang) for ch in choices)
