"""The limits of the scenario format, checked at validation, each problem at its line.

Within these limits every command (play, replay, graph, explore, simulate) works
on any file that validates, in bounded time and memory; ``docs/limits.md`` lists
each limit, why it is there, and what an author sees past it. Characters,
numbers and dates are limited as the YAML is read (:mod:`game.scenario.yamlsafe`);
ids by the model (64 characters); the values of an issue by its kind
(:mod:`game.scenario.kinds`: at most :data:`~game.scenario.kinds.MAX_VALUES`, all different).

>>> MAX_STAGE_PACKAGES
1000000
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from collections.abc import Callable, Iterator
from typing import Any

from pydantic import BaseModel

from game.scenario import model as m
from game.scenario.values import MAX_VALUES, issue_values
from game.scenario.yamlsafe import Located, Problem, forbidden_character

PathT = tuple[str | int, ...]

MAX_STAGE_PACKAGES = 1_000_000
"""Packages of one stage: the product of the value counts of the issues open in it.
The computer opponent sorts all of them (about 150 bytes each)."""
MAX_PACKAGES = 10**12
"""Packages of the whole scenario: the product of the value counts of the issues the
parties weigh. The debrief's bargaining analytics work through this space issue by issue."""

MAX_NAME = 300
"""Characters of a name, title, headline or place (one line)."""
MAX_UNIT = 40
"""Characters of an issue's unit (one line)."""
MAX_TEXT = 10_000
"""Characters of a long text in one language: briefings, texts, notes, quotes."""

MAX_STAGES = 1_000
"""Stages, sub-stages included."""
MAX_EVENTS = 1_000
MAX_ARGUMENTS = 500
MAX_HISTORY = 2_000
"""Steps of the historical path."""
MAX_PER_PARTY = 500
"""Mandates, instructions and factions of one party (each)."""
MAX_TRANSITIONS = 100
"""Transitions of one stage."""
MAX_EFFECTS = 100
"""Effects of one event, instruction or argument."""
MAX_CONDITION = 100
"""Parts of one condition (each key of it and of the conditions inside it)."""
MAX_CITES = 50
"""Citations of one text."""
MAX_POINTS = MAX_VALUES
"""Points of one value table."""
MAX_PLACES = 60
"""Places marked on a scenario's map."""
MAX_AREAS = 20
"""Areas shaded on a scenario's map."""
MAX_AREA_POINTS = 200
"""Points of one area's polygon."""
MIN_MAP_SPAN = 1.0
"""Degrees: the narrowest a map's region may be, east to west and south to north (the
world's land is drawn at about 0.05 degrees)."""

NAME_FIELDS = frozenset({"name", "title", "headline", "place", "home"})
"""Texts that are names: short, one line (all other texts are long texts)."""
_SHORT_STRINGS: dict[type[BaseModel], frozenset[str]] = {
    m.Source: frozenset({"title", "author", "year"}),
    m.Stage: frozenset({"meets"}),
    m.Meta: frozenset({"authors"}),
}
_LONG_STRINGS: dict[type[BaseModel], frozenset[str]] = {
    m.Source: frozenset({"url", "file", "note"}),
    m.Cite: frozenset({"quote", "note"}),
}
_COUNTED: dict[type[BaseModel], tuple[tuple[str, int, str], ...]] = {
    m.Scenario: (
        ("events", MAX_EVENTS, "events"),
        ("arguments", MAX_ARGUMENTS, "arguments"),
        ("history", MAX_HISTORY, "historical steps"),
    ),
    m.Party: (
        ("mandates", MAX_PER_PARTY, "mandates"),
        ("instructions", MAX_PER_PARTY, "instructions"),
        ("factions", MAX_PER_PARTY, "factions"),
    ),
    m.Stage: (("transitions", MAX_TRANSITIONS, "transitions"),),
    m.Event: (("effects", MAX_EFFECTS, "effects"),),
    m.Instruction: (("effects", MAX_EFFECTS, "effects"),),
    m.Argument: (("effects", MAX_EFFECTS, "effects"),),
    m.Text: (("cite", MAX_CITES, "citations"),),
    m.ScenarioMap: (("places", MAX_PLACES, "places"), ("areas", MAX_AREAS, "areas")),
    m.Area: (("points", MAX_AREA_POINTS, "points"),),
}


def _visible(text: str) -> bool:
    """Whether a text shows something: a character that is not a space or a format mark."""
    return any(not ch.isspace() and unicodedata.category(ch) != "Cf" for ch in text)


def name_problem(value: str) -> str | None:
    r"""Why ``value`` cannot be a name (a title, a headline ...) in a scenario, or None.

    >>> name_problem("end\\") is None
    True
    >>> name_problem("two\nlines")
    'a name must be one line: no new line or tab in it'
    """
    return (
        forbidden_character(value)
        or _string_problem(value, MAX_NAME, True, "a name")
        or (None if _visible(value) else "a name must show something: it is empty or only spaces")
    )


def _string_problem(value: str, most: int, one_line: bool, what: str) -> str | None:
    if len(value) > most:
        return (
            f"{what} is {len(value):,} characters long; at most {most:,} are allowed "
            "(see docs/limits.md)"
        )
    if one_line and ("\n" in value or "\t" in value):
        return f"{what} must be one line: no new line or tab in it"
    return None


class _Limits:
    def __init__(self, located: Located) -> None:
        self.loc = located
        self.out: list[Problem] = []
        self.stages = 0

    def err(self, path: PathT, message: str) -> None:
        self.out.append(self.loc.problem(path, message))

    def count(
        self, path: PathT, items: tuple[Any, ...] | dict[Any, Any], most: int, what: str
    ) -> None:
        if len(items) > most:
            self.err(path, f"{len(items):,} {what}; a scenario allows at most {most:,} here")

    # ------------------------------------------------------------------ texts

    def string(self, path: PathT, value: str, most: int, one_line: bool, what: str) -> None:
        problem = _string_problem(value, most, one_line, what)
        if problem is not None:
            self.err(path, problem)

    def text(self, path: PathT, text: m.Text, name: bool, limit: _Limit | None = None) -> None:
        what = "a name" if name else "a text"
        most = MAX_NAME if name else MAX_TEXT
        if limit is not None:  # a text with a limit of its own (an issue's unit)
            most, name, what = limit
        for lang, value in text.tr.items():
            if (
                len(value) <= most
                and value[:1].isalnum()
                and not (name and ("\n" in value or "\t" in value))
            ):
                continue  # the usual text: short enough, starts with a letter or digit
            here = path + (lang,)
            self.string(here, value, most, name, what)
            if not _visible(value):
                self.err(here, f"{what} must show something: it is empty or only spaces")

    # ------------------------------------------------------------------ the model

    def walk(self, sc: m.Scenario) -> None:
        stack: list[tuple[PathT, BaseModel]] = [((), sc)]
        while stack:
            path, obj = stack.pop()
            cls = type(obj)
            for key, most, what in _COUNTED.get(cls, ()):
                self.count(path + (key,), getattr(obj, key), most, what)
            special = _SPECIAL.get(cls)
            if special is not None:
                special(self, path, obj)
            for name, alias, limit in _plan(cls):
                value = getattr(obj, name)
                kind = type(value)
                if kind in _SCALARS:
                    if limit is not None and kind is str:
                        self.string(path + (alias,), value, *limit)
                    continue
                here = path + (alias,)
                if kind is m.Text:
                    self.text(here, value, alias in NAME_FIELDS, limit)
                    stack.append((here, value))
                elif kind is tuple:
                    for i, item in enumerate(value):
                        if isinstance(item, BaseModel):
                            stack.append((here + (i,), item))
                        elif limit is not None and isinstance(item, str):
                            self.string(here + (i,), item, *limit)
                elif kind is dict:
                    for key, item in value.items():
                        if isinstance(item, m.Text):
                            self.text(here + (key,), item, False)
                        if isinstance(item, BaseModel):
                            stack.append((here + (key,), item))
                elif isinstance(value, BaseModel):
                    stack.append((here, value))
        if self.stages > MAX_STAGES:
            self.err(
                ("stages",),
                f"{self.stages:,} stages (sub-stages included); at most {MAX_STAGES:,}",
            )

    def stage(self, path: PathT, stage: m.Stage) -> None:
        self.stages += 1

    def condition(self, path: PathT, c: m.Condition) -> None:
        if not _inside_condition(path):
            size = _condition_size(c)
            if size > MAX_CONDITION:
                self.err(path, f"this condition has {size:,} parts; at most {MAX_CONDITION}")

    def preferences(self, path: PathT, prefs: m.Preferences) -> None:
        for iid, table in prefs.values.items():
            self.count(path + ("values", iid), table, MAX_POINTS, "points")

    def persona(self, path: PathT, persona: m.Persona) -> None:
        for key in persona.lines:
            if key not in m.ALL_MOVES:
                self.err(
                    path + ("lines", key),
                    f"'{key}' is not a move; a persona has lines for: " + ", ".join(m.ALL_MOVES),
                )

    def bound(self, path: PathT, bound: m.Bound) -> None:
        lo, hi = bound.min, bound.max
        if lo is None or hi is None or isinstance(lo, bool) or isinstance(hi, bool):
            return
        comparable = isinstance(lo, int | float) == isinstance(hi, int | float)
        if comparable and lo > hi:  # type: ignore[operator]
            self.err(path, f"this bound allows nothing: its min {lo} is more than its max {hi}")

    def region(self, path: PathT, box: m.Region) -> None:
        for lo, hi, what, low, high in (
            ("west", "east", "east to west", "west edge", "east edge"),
            ("south", "north", "south to north", "south edge", "north edge"),
        ):
            a, b = getattr(box, lo), getattr(box, hi)
            if b <= a:
                self.err(
                    path + (hi,),
                    f"the map's region is empty: its {high} ({b:g}) must be {hi} of its "
                    f"{low} ({a:g})"
                    + (" (a region cannot cross the 180th meridian)" if hi == "east" else ""),
                )
            elif b - a < MIN_MAP_SPAN:
                self.err(
                    path + (hi,),
                    f"the map's region spans {b - a:g} degrees {what}; at least "
                    f"{MIN_MAP_SPAN:g} (see docs/limits.md)",
                )

    # ------------------------------------------------------------------ issues and packages

    def issues(self, sc: m.Scenario) -> None:
        sizes: dict[str, int] = {}
        for issue in sc.issues:
            sizes[issue.id] = len(issue_values(issue))
        weighed = _weighed(sc)
        counted = {iid: n for iid, n in sizes.items() if iid in weighed}
        total = math.prod(counted.values())
        if total > MAX_PACKAGES:
            shown = " x ".join(f"{iid} {n:,}" for iid, n in counted.items())
            self.err(
                ("issues",),
                f"the issues the parties weigh make {total:,} possible packages ({shown}); "
                f"at most {MAX_PACKAGES:,}: use fewer issues or fewer values",
            )
        for path, stage in _stages(sc.stages, ("stages",)):
            if not stage.open:
                continue
            counts = {iid: sizes[iid] for iid in dict.fromkeys(stage.open) if iid in sizes}
            here = math.prod(counts.values())
            if here > MAX_STAGE_PACKAGES:
                shown = " x ".join(f"{iid} {n:,}" for iid, n in counts.items())
                self.err(
                    path + ("open",),
                    f"stage '{stage.id}' has {here:,} possible packages ({shown}); at most "
                    f"{MAX_STAGE_PACKAGES:,}: open fewer issues in it, or give them fewer values",
                )


_SCALARS = frozenset({str, int, float, bool, dt.date, type(None)})
_Limit = tuple[int, bool, str]
_SHORT: _Limit = (MAX_NAME, True, "a name")
_LONG: _Limit = (MAX_TEXT, False, "a text")
_PLANS: dict[type[BaseModel], tuple[tuple[str, str, _Limit | None], ...]] = {}
_SPECIAL: dict[type[BaseModel], Callable[[_Limits, PathT, Any], None]] = {
    m.Stage: _Limits.stage,
    m.Condition: _Limits.condition,
    m.Bound: _Limits.bound,
    m.Preferences: _Limits.preferences,
    m.Persona: _Limits.persona,
    m.Region: _Limits.region,
}


def _plan(cls: type[BaseModel]) -> tuple[tuple[str, str, _Limit | None], ...]:
    """The fields of a model to look at, with the limit of those that are plain strings."""
    if cls not in _PLANS:
        short = _SHORT_STRINGS.get(cls, frozenset())
        long = _LONG_STRINGS.get(cls, frozenset())
        limits: dict[str, _Limit] = {
            **{n: _SHORT for n in short},
            **{n: _LONG for n in long},
            **({"unit": (MAX_UNIT, True, "a unit")} if cls is m.Issue else {}),
        }
        _PLANS[cls] = tuple(
            (name, f.alias or name, limits.get(name))
            for name, f in cls.model_fields.items()
            if name != "tr"
        )
    return _PLANS[cls]


def _stages(stages: tuple[m.Stage, ...], path: PathT) -> Iterator[tuple[PathT, m.Stage]]:
    todo = [(path + (i,), s) for i, s in enumerate(stages)]
    while todo:
        here, stage = todo.pop()
        yield here, stage
        todo.extend((here + ("stages", i), s) for i, s in enumerate(stage.stages))


def _weighed(sc: m.Scenario) -> set[str]:
    """Issues a party weighs, or an effect may give weight to (the debrief's analytics
    work through these; the values of the others all tie)."""
    out = {iid for p in sc.parties for iid, w in p.preferences.weights.items() if w > 0}
    effects = [e for ev in sc.events for e in ev.effects]
    effects += [e for a in sc.arguments for e in a.effects]
    effects += [e for p in sc.parties for ins in p.instructions for e in ins.effects]
    return out | {e.weight.issue for e in effects if e.weight is not None}


def _condition_size(c: m.Condition) -> int:
    size, todo = 0, [c]
    while todo:
        cur = todo.pop()
        size += 1
        todo.extend(cur.all_ or ())
        todo.extend(cur.any_ or ())
        if cur.not_ is not None:
            todo.append(cur.not_)
    return size


def _inside_condition(path: PathT) -> bool:
    """Whether the condition at ``path`` is part of a larger one (counted with it)."""
    return bool(path) and (
        path[-1] == "not" or len(path) > 1 and path[-2] in ("all", "any") and type(path[-1]) is int
    )


def check_limits(scenario: m.Scenario, located: Located) -> list[Problem]:
    """Texts, counts and bounds past the format's limits (errors, at their lines)."""
    limits = _Limits(located)
    limits.walk(scenario)
    return limits.out


def check_packages(scenario: m.Scenario, located: Located) -> list[Problem]:
    """Stages (and the scenario) with too many packages.

    Run on a scenario whose issues passed validation (their value grids can be built).
    """
    limits = _Limits(located)
    limits.issues(scenario)
    return limits.out
