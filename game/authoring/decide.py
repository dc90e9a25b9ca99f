"""Deciding scenario conditions without playing: never, always, or it depends.

:func:`decide` evaluates a :class:`~game.scenario.model.Condition` over
everything the engine could be in at one place of the scenario (a window of
dates, the stages the game may be in, the events, flags and mandates that can
ever exist). ``False`` means the condition can never hold there, ``True``
that it always holds, ``None`` that it depends on play. Every ``False`` comes
with the reason in words. It is sound, not complete: what it cannot decide
it leaves as ``None``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from game.scenario import model as m
from game.scenario.kinds import MAX_VALUES, kind_of

Verdict = tuple[bool | None, str]


@dataclass(frozen=True)
class World:
    """What can ever exist in games of a scenario (the same for every place)."""

    event_dates: dict[str, dt.date | None]
    never_fires: frozenset[str]
    flags_set: frozenset[str]
    mandates: dict[str, frozenset[str]]
    agreeable: frozenset[str]
    issues: dict[str, m.Issue]
    ancestors: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Place:
    """Where a condition is evaluated: a window of dates and the stages the game may be in.

    ``inside`` are the stages the game is surely in (a transition's stage and
    its ancestors); ``maybe`` the stages it may be in (its sub-stages). With
    ``maybe`` None any stage is possible.
    """

    lo: dt.date
    hi: dt.date
    inside: frozenset[str] = frozenset()
    maybe: frozenset[str] | None = None


def _show(d: dt.date) -> str:
    return d.isoformat()


def decide(c: m.Condition, place: Place, world: World) -> Verdict:
    """Whether ``c`` holds at ``place``: (False, why) never, (True, why) always, (None, '')."""
    if c.all_ is not None:
        return _all(c.all_, place, world)
    if c.any_ is not None:
        parts = [decide(x, place, world) for x in c.any_]
        if any(v is True for v, _ in parts):
            return True, ""
        if parts and all(v is False for v, _ in parts):
            return False, "no alternative of 'any' can hold: " + "; ".join(r for _, r in parts)
        return None, ""
    if c.not_ is not None:
        v, why = decide(c.not_, place, world)
        if v is True:
            return False, f"'not' of a condition that always holds here ({why or 'always true'})"
        return (True, why) if v is False else (None, "")
    if c.after is not None:
        if c.after > place.hi:
            return (
                False,
                f"after {_show(c.after)}, but the calendar cannot pass {_show(place.hi)} here",
            )
        return (
            (True, f"the calendar is on or after {_show(place.lo)} here")
            if c.after <= place.lo
            else (None, "")
        )
    if c.before is not None:
        if c.before <= place.lo:
            return (
                False,
                f"before {_show(c.before)}, but the calendar is at {_show(place.lo)} or later here",
            )
        return (
            (True, f"the calendar is before {_show(place.hi)} here")
            if c.before > place.hi
            else (None, "")
        )
    if c.fired is not None:
        return _fired(c.fired, place, world)
    if c.agreed is not None:
        if c.agreed not in world.agreeable:
            return False, f"issue '{c.agreed}' is never open in any stage, so it is never agreed"
        return None, ""
    if c.term is not None:
        return _term(c.term, world)
    if c.stage is not None:
        if c.stage in place.inside:
            return True, f"the game is always in stage '{c.stage}' here"
        if place.maybe is not None and c.stage not in place.maybe:
            return False, f"the game cannot be in stage '{c.stage}' here"
        return None, ""
    if c.flag is not None:
        if c.flag not in world.flags_set:
            return False, f"no effect ever sets flag '{c.flag}'"
        return None, ""
    if c.mandate is not None:
        if c.mandate.is_ not in world.mandates.get(c.mandate.party, frozenset()):
            return False, f"mandate '{c.mandate.is_}' of {c.mandate.party} is never given"
        return None, ""
    return None, ""


def _fired(eid: str, place: Place, world: World) -> Verdict:
    if eid in world.never_fires:
        return False, f"event '{eid}' never fires"
    day = world.event_dates.get(eid)
    if day is not None:
        if day > place.hi:
            return (
                False,
                f"event '{eid}' fires on {_show(day)}, after this can last ({_show(place.hi)})",
            )
        if day <= place.lo:
            return True, f"event '{eid}' has fired by {_show(place.lo)}"
    return None, ""


def _term(t: m.TermCondition, world: World) -> Verdict:
    if t.issue not in world.agreeable:
        return False, f"issue '{t.issue}' is never open in any stage, so it is never agreed"
    issue = world.issues.get(t.issue)
    if issue is None:
        return None, ""
    kind = kind_of(issue)
    if kind.size(issue) > MAX_VALUES:
        return None, ""
    for v in kind.grid(issue):
        if t.is_in is not None and v not in t.is_in:
            continue
        try:
            if t.min is not None and not t.min <= v:  # type: ignore[operator]
                continue
            if t.max is not None and not v <= t.max:  # type: ignore[operator]
                continue
        except TypeError:
            continue
        return None, ""
    return False, f"no value of issue '{t.issue}' satisfies this term"


def _all(items: tuple[m.Condition, ...], place: Place, world: World) -> Verdict:
    parts = [decide(x, place, world) for x in items]
    for v, why in parts:
        if v is False:
            return False, why
    lo, hi = place.lo, place.hi
    mandates: dict[str, str] = {}
    stages: list[str] = []
    for x in items:
        neg = x.not_
        if x.after is not None or (neg is not None and neg.before is not None):
            day = x.after if x.after is not None else neg.before  # type: ignore[union-attr]
            assert day is not None
            lo = max(lo, day)
        if x.before is not None or (neg is not None and neg.after is not None):
            day = x.before if x.before is not None else neg.after  # type: ignore[union-attr]
            assert day is not None
            hi = min(hi, day - dt.timedelta(days=1))
        if neg is not None and any(neg == y for y in items):
            return False, "'all' holds a condition and its 'not'"
        if x.mandate is not None:
            had = mandates.setdefault(x.mandate.party, x.mandate.is_)
            if had != x.mandate.is_:
                return (
                    False,
                    f"'all' asks {x.mandate.party} to hold two mandates ({had}, {x.mandate.is_})",
                )
        if x.stage is not None:
            stages.append(x.stage)
    if lo > hi:
        return False, f"'all' needs a date on or after {_show(lo)} and on or before {_show(hi)}"
    for a in stages:
        for b in stages:
            if (
                a != b
                and a not in world.ancestors.get(b, ())
                and b not in world.ancestors.get(a, ())
            ):
                return False, f"'all' asks the game to be in stages '{a}' and '{b}' at once"
    if parts and all(v is True for v, _ in parts):
        return True, ""
    return None, ""
