"""Turn a GENIUS domain and two profiles into Treaty Table scenario data.

The result is plain data (dicts, lists, dates) ready for YAML, and it keeps
GENIUS's utilities exactly (no rounding):

- discrete issues become ``options`` issues (option ids made from the item
  values, the item text kept as the option's name); integer issues become
  ``integer`` issues with every whole number of their range (a step only past
  :data:`MAX_VALUES`); real issues become ``options`` issues, one option per
  number of a grid of ``max_values`` numbers (GeniusWeb number issues: their
  own values);
- each value is worth what GENIUS computes for it (see
  :mod:`game.genius.domain`); linear evaluators become piecewise-linear
  points with the cuts at 0 and 1 as extra points;
- weights are divided by their sum (the format wants them to add up to 1)
  and, when that sum is below 1, the value tables are multiplied by it, so a
  package is worth exactly ``sum(weight * evaluation)`` as in GENIUS (a sum
  above 1, which GENIUS cuts at 1, is scaled down and said so);
- the reservation value is kept, and the discount factor ``d`` becomes the
  side's ``discount`` (deal and no deal both worth ``d ** t`` at the fraction
  ``t`` of the time to the deadline);
- the stages are one round of talks until the deadline, ending ``signed``,
  ``broken_off`` or ``deadline``; there is no historical path.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
import unicodedata
from collections.abc import Callable
from typing import Any

from game.genius.domain import Domain, Evaluator, GeniusIssue, Profile

__all__ = ["MAX_VALUES", "build_scenario", "slug"]

MAX_VALUES = 5000
"""Most values of one issue (the scenario format's limit)."""
ID_LIMIT = 64
_NON_ID = re.compile(r"[^a-z0-9]+")
_LETTERS = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "þ": "th",
        "Þ": "Th",
        "ð": "d",
        "ı": "i",
        "ə": "e",
        "Ə": "E",
    }
)


def _ascii(text: str) -> str:
    """Latin letters with their accents taken off ("Öl über" -> "Ol uber")."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slug(text: str, fallback: str = "x", limit: int = ID_LIMIT) -> str:
    """A lower_snake id made from ``text`` (never empty, starts with a letter, at most ``limit``)."""
    s = _NON_ID.sub("_", _ascii(text).lower()).strip("_")
    if not s:
        s = fallback
    if not s[0].isalpha():
        s = f"{fallback}_{s}"
    return s[:limit].rstrip("_")


def _unique(base: str, taken: set[str]) -> str:
    name, n = base, 2
    while name in taken:
        tail = f"_{n}"
        name = base[: ID_LIMIT - len(tail)].rstrip("_") + tail
        n += 1
    taken.add(name)
    return name


def _integer_grid(lo: int, hi: int, max_values: int = MAX_VALUES) -> tuple[int, int]:
    """``(step, max)`` for an integer issue: every whole number unless there are more than
    ``max_values``; then a step that divides the range if one gives at least half of
    ``max_values`` values, else a plain step with ``max`` the last value it reaches."""
    span = hi - lo
    if span + 1 <= max_values:
        return 1, hi
    first = -(-span // (max_values - 1))  # the smallest step giving few enough values
    for step in range(first, min(2 * first, first + 10_000) + 1):
        if span % step == 0 and span // step + 1 >= max(2, max_values // 2):
            return step, hi
    return first, lo + first * (span // first)


def _integer_points(lo: int, hi: int, ev: Evaluator) -> dict[Any, float]:
    """Points of an evaluator over whole numbers, each exact.

    Where a bend (a cut at 0 or 1, a corner) falls between two whole numbers,
    both neighbours become points, so every whole number gets its exact value.
    """
    xs = {lo, hi}
    for x in ev.kinks():
        if lo < x < hi:
            xs.update({math.floor(x), math.ceil(x)})
    return {int(x): ev(x) for x in sorted(xs)}


def _real_grid(gi: GeniusIssue, max_values: int) -> list[float]:
    """The numbers a real issue offers: its own grid (GeniusWeb) or ``max_values`` evenly spaced."""
    assert gi.lower is not None and gi.upper is not None
    if gi.step is not None:
        n = int(round((gi.upper - gi.lower) / gi.step)) + 1
        return [float(f"{gi.lower + k * gi.step:.12g}") for k in range(n)]
    step = (gi.upper - gi.lower) / (max_values - 1)
    return [float(f"{gi.lower + k * step:.12g}") for k in range(max_values)]


def _label(x: float) -> str:
    return f"{x:.12g}"


def _scale(profile: Profile) -> tuple[dict[str, float], float, str]:
    """Weights adding up to 1, the factor for the value tables, and a note when GENIUS differs."""
    total = sum(profile.weights.values())
    weights = {k: v / total for k, v in profile.weights.items()}
    if total <= 1.0 + 1e-9:
        return weights, min(1.0, total), ""
    return (
        weights,
        1.0,
        f" Its weights add up to {total:g}; GENIUS cuts utilities above 1, here the weights "
        "are scaled to add up to 1.",
    )


def build_scenario(
    domain: Domain,
    profiles: tuple[Profile, Profile],
    *,
    scenario_id: str | None = None,
    title: str | None = None,
    start: dt.date = dt.date(2025, 1, 6),
    sessions: int = 12,
    session_days: int = 7,
    max_values: int = 21,
) -> dict[str, Any]:
    """Scenario data (for YAML) from a domain and two profiles (side A opens)."""
    if max_values < 2:
        raise ValueError("max_values must be at least 2")
    sid = scenario_id or slug(domain.name, "genius").replace("_", "-")
    deadline = start + dt.timedelta(days=sessions * session_days)

    issue_ids: dict[str, str] = {}
    taken: set[str] = set()
    issues: list[dict[str, Any]] = []
    option_ids: dict[str, dict[str, str]] = {}
    for gi in domain.issues:
        iid = _unique(slug(gi.name, "issue"), taken)
        issue_ids[gi.index] = iid
        issues.append(_issue(gi, iid, option_ids, max_values))

    parties: list[dict[str, Any]] = []
    diplomats: set[str] = set()
    converted = {i["id"]: i for i in issues}
    for side, profile in zip(("side_a", "side_b"), profiles, strict=True):
        weights, factor, note = _scale(profile)
        values: dict[str, dict[Any, float]] = {}
        for gi in domain.issues:
            iid = issue_ids[gi.index]
            ev = profile.evaluations.get(gi.index)
            values[iid] = _VALUES[gi.kind](
                gi, ev, converted[iid], option_ids.get(iid, {}), max_values, factor
            )
        name = profile.name.replace("_", " ").strip() or side
        discount = profile.discount if 0.0 < profile.discount < 1.0 else None
        preferences: dict[str, Any] = {
            "weights": {issue_ids[k]: w for k, w in weights.items()},
            "values": values,
            "reservation": profile.reservation,
        }
        if discount is not None:
            preferences["discount"] = discount
        parties.append(
            {
                "id": side,
                "name": {"en": name},
                "diplomat": {
                    "id": _unique(slug(name, "negotiator"), diplomats),
                    "name": {"en": f"Negotiator for {name}"},
                },
                "briefing": {
                    "kind": "note",
                    "en": f"Your preferences come from the GENIUS profile {os.path.basename(profile.file)}"
                    f" (reservation value {profile.reservation:g}, "
                    + (
                        f"discount factor {discount:g}: a deal, or no deal, at the deadline is "
                        f"worth {discount:g} times as much as at the start)."
                        if discount is not None
                        else "no discount)."
                    )
                    + note,
                },
                "preferences": preferences,
                "mandates": [{"id": "free", "name": {"en": "free hand"}}],
                "mandate": "free",
            }
        )

    files = ", ".join(os.path.basename(p.file) for p in profiles)
    return {
        "format": 1,
        "id": sid,
        "meta": {
            "title": {"en": title or f"{domain.name} (GENIUS domain)"},
            "summary": {
                "kind": "note",
                "en": f"Imported from the GENIUS domain {os.path.basename(domain.file)} with the profiles {files}.",
                "cite": [{"source": "genius_domain"}],
            },
            "languages": ["en"],
            "require_citations": True,
            "authors": ["treaty-table import-genius"],
        },
        "sources": [
            {
                "id": "genius_domain",
                "title": f"GENIUS domain {domain.name}",
                "file": os.path.basename(domain.file),
                "note": f"Profiles: {files}.",
            }
        ],
        "calendar": {
            "start": start,
            "deadline": deadline,
            "session_days": session_days,
            "moves_per_session": 6,
        },
        "parties": parties,
        "issues": issues,
        "initial": "talks",
        "stages": [
            {
                "id": "talks",
                "name": {"en": "Talks"},
                "open": [i["id"] for i in issues],
                "until": deadline,
                "transitions": [
                    {"on": "agree", "to": "signed"},
                    {"on": "break_off", "to": "broken_off"},
                    {"on": "timeout", "to": "no_deal"},
                ],
            },
            {"id": "signed", "name": {"en": "Agreement signed"}, "end": "signed"},
            {"id": "broken_off", "name": {"en": "Talks broken off"}, "end": "broken_off"},
            {"id": "no_deal", "name": {"en": "No agreement by the deadline"}, "end": "deadline"},
        ],
        "history_end": {
            "kind": "note",
            "en": "This scenario was imported from a GENIUS negotiation domain and has no historical "
            "path: the debrief compares your deal with the Pareto frontier and with each side's "
            "reservation value.",
        },
    }


def _fraction(x: float) -> float:
    """A value for the scenario file: within 0..1 (cuts only rounding past the ends)."""
    return min(1.0, max(0.0, float(x)))


Evaluation = dict[str, float] | Evaluator | None


def _discrete_values(
    gi: GeniusIssue, ev: Evaluation, issue: dict[str, Any], ids: dict[str, str], n: int, f: float
) -> dict[Any, float]:
    table = ev if isinstance(ev, dict) else {}
    return {ids[item]: _fraction(table.get(item, 0.0) * f) for item in gi.items}


def _real_values(
    gi: GeniusIssue, ev: Evaluation, issue: dict[str, Any], ids: dict[str, str], n: int, f: float
) -> dict[Any, float]:
    assert isinstance(ev, Evaluator)
    return {ids[_label(x)]: _fraction(ev(x) * f) for x in _real_grid(gi, n)}


def _integer_values(
    gi: GeniusIssue, ev: Evaluation, issue: dict[str, Any], ids: dict[str, str], n: int, f: float
) -> dict[Any, float]:
    assert isinstance(ev, Evaluator) and gi.lower is not None
    points = _integer_points(int(gi.lower), int(issue["max"]), ev)
    return {x: _fraction(u * f) for x, u in points.items()}


_VALUES: dict[
    str,
    Callable[
        [GeniusIssue, Evaluation, dict[str, Any], dict[str, str], int, float], dict[Any, float]
    ],
] = {"discrete": _discrete_values, "integer": _integer_values, "real": _real_values}
"""A side's value table of an issue from its GENIUS evaluation, by the issue's GENIUS type
(the issue as converted, its option ids by item, at most ``n`` numbers, the weights' factor)."""


def _discrete_issue(
    gi: GeniusIssue, iid: str, option_ids: dict[str, dict[str, str]], max_values: int
) -> dict[str, Any]:
    taken: set[str] = set()
    ids = {item: _unique(slug(item, "v"), taken) for item in gi.items}
    option_ids[iid] = ids
    return {
        "id": iid,
        "name": {"en": gi.name},
        "kind": "options",
        "options": [{"id": ids[item], "name": {"en": item}} for item in gi.items],
    }


def _integer_issue(
    gi: GeniusIssue, iid: str, option_ids: dict[str, dict[str, str]], max_values: int
) -> dict[str, Any]:
    assert gi.lower is not None and gi.upper is not None
    lo, hi = int(gi.lower), int(gi.upper)
    step, top = _integer_grid(lo, hi)
    out: dict[str, Any] = {
        "id": iid,
        "name": {"en": gi.name},
        "kind": "integer",
        "min": lo,
        "max": top,
    }
    if step != 1:
        out["step"] = step
        out["description"] = {
            "kind": "note",
            "en": f"GENIUS range {lo}-{hi} has more than {MAX_VALUES} values; here in steps of {step}.",
        }
    return out


def _real_issue(
    gi: GeniusIssue, iid: str, option_ids: dict[str, dict[str, str]], max_values: int
) -> dict[str, Any]:
    # A real issue becomes named options, one per grid number: a value table
    # of a decimal issue would need keys like 0.5, which scenario files refuse.
    assert gi.lower is not None and gi.upper is not None
    taken: set[str] = set()
    labels = [_label(x) for x in _real_grid(gi, max_values)]
    ids = {label: _unique(slug(label, "v"), taken) for label in labels}
    option_ids[iid] = ids
    described = (
        f"GeniusWeb number issue from {gi.lower:g} to {gi.upper:g} in steps of {gi.step:g}."
        if gi.step is not None
        else f"GENIUS real-valued issue from {gi.lower:g} to {gi.upper:g}, here as {len(labels)} values."
    )
    return {
        "id": iid,
        "name": {"en": gi.name},
        "kind": "options",
        "options": [{"id": ids[label], "name": {"en": label}} for label in labels],
        "description": {"kind": "note", "en": described},
    }


_ISSUES: dict[str, Callable[[GeniusIssue, str, dict[str, dict[str, str]], int], dict[str, Any]]] = {
    "discrete": _discrete_issue,
    "integer": _integer_issue,
    "real": _real_issue,
}
"""The scenario issue made from a GENIUS issue, by its GENIUS type."""


def _issue(
    gi: GeniusIssue, iid: str, option_ids: dict[str, dict[str, str]], max_values: int
) -> dict[str, Any]:
    return _ISSUES[gi.kind](gi, iid, option_ids, max_values)
