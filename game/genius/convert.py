"""Turn a GENIUS domain and two profiles into Treaty Table scenario data.

The result is plain data (dicts, lists, dates) ready for YAML. Choices:

- discrete issues become ``options`` issues (option ids made from the item
  values, the item text kept as the option's name); integer issues become
  ``integer`` issues (with a step if there are more than ``max_values``
  values); real issues become ``options`` issues of ``max_values`` numbers;
- weights are normalised to add up to 1; discrete evaluations are divided by
  the issue's largest evaluation (as GENIUS itself does), linear evaluators
  become piecewise-linear points, cut to 0..1 and scaled so the best is 1;
- the reservation value is kept; the discount factor ``d`` (GENIUS:
  utility times ``d`` to the power of the elapsed fraction of the time)
  becomes a linear ``delay_cost`` per month of ``(1 - d) / months`` so that
  a deal at the deadline loses about what it would lose in GENIUS;
- the stages are one round of talks until the deadline, ending ``signed``,
  ``broken_off`` or ``deadline``; there is no historical path.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
from collections.abc import Callable
from typing import Any

from game.genius.domain import Domain, GeniusIssue, IssueKind, Profile

__all__ = ["build_scenario", "slug"]

_NON_ID = re.compile(r"[^a-z0-9]+")


def slug(text: str, fallback: str = "x", limit: int = 40) -> str:
    """A lower_snake id made from ``text`` (never empty, starts with a letter)."""
    s = _NON_ID.sub("_", text.lower()).strip("_")[:limit].strip("_")
    if not s:
        s = fallback
    if not s[0].isalpha():
        s = f"{fallback}_{s}"
    return s


def _unique(base: str, taken: set[str]) -> str:
    name, n = base, 2
    while name in taken:
        name = f"{base}_{n}"
        n += 1
    taken.add(name)
    return name


def _integer_grid(lo: int, hi: int, max_values: int) -> tuple[int, int]:
    """``(step, max)`` for an integer issue with at most ``max_values`` values.

    Prefers a step that divides the range (so ``hi`` stays a value) if it still gives
    at least half of ``max_values`` values; else a plain step, with ``max`` the last
    value that step reaches.
    """
    span = hi - lo
    if span + 1 <= max_values:
        return 1, hi
    first = -(-span // (max_values - 1))  # the smallest step giving few enough values
    for step in range(first, min(2 * first, first + 10_000) + 1):
        if span % step == 0 and span // step + 1 >= max(2, max_values // 2):
            return step, hi
    return first, lo + first * (span // first)


def _linear(slope: float, offset: float, lo: float) -> Any:
    """GENIUS's linear evaluator: ``offset + slope * (x - lo)``, cut to 0..1."""

    def raw(x: float) -> float:
        return min(1.0, max(0.0, offset + slope * (x - lo)))

    return raw


def _integer_points(lo: int, hi: int, slope: float, offset: float) -> dict[Any, float]:
    """Points of a linear evaluator over whole numbers, best scaled to 1.

    Where the cut at 0 or 1 falls between two whole numbers, both neighbours
    become points, so every whole number gets its exact value.
    """
    raw = _linear(slope, offset, lo)
    xs = {lo, hi}
    if slope != 0:
        for level in (0.0, 1.0):
            x = lo + (level - offset) / slope
            if lo < x < hi:
                xs.update({math.floor(x), math.ceil(x)})
    top = max(raw(x) for x in xs)
    return {int(x): (round(raw(x) / top, 4) if top > 0 else 0.0) for x in sorted(xs)}


def _real_grid(lo: float, hi: float, max_values: int) -> list[float]:
    """``max_values`` evenly spaced numbers from ``lo`` to ``hi``."""
    step = (hi - lo) / (max_values - 1)
    return [float(f"{lo + k * step:.6g}") for k in range(max_values)]


def _weights(profile: Profile, ids: dict[str, str]) -> dict[str, float]:
    total = sum(profile.weights.values())
    out = {ids[k]: round(v / total, 4) for k, v in profile.weights.items()}
    drift = round(1.0 - sum(out.values()), 4)
    if drift:
        biggest = max(out, key=lambda k: out[k])
        out[biggest] = round(out[biggest] + drift, 4)
    return out


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
    months = max((deadline - start).days / 30.0, 1 / 30)

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
        values: dict[str, dict[Any, float]] = {}
        for gi in domain.issues:
            iid = issue_ids[gi.index]
            ev = profile.evaluations.get(gi.index, {})
            values[iid] = _VALUES[gi.kind](
                gi, ev, converted[iid], option_ids.get(iid, {}), max_values
            )
        delay = min(0.5, round((1.0 - profile.discount) / months, 4))
        name = profile.name.replace("_", " ").strip() or side
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
                    f" (reservation value {profile.reservation:g}, discount factor {profile.discount:g}).",
                },
                "preferences": {
                    "weights": _weights(profile, issue_ids),
                    "values": values,
                    "reservation": round(profile.reservation, 4),
                    "delay_cost": delay,
                },
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
            "path: the debrief compares your deal with each side's reservation value only.",
        },
    }


def _discrete_values(
    gi: GeniusIssue, ev: dict[str, float], issue: dict[str, Any], ids: dict[str, str], n: int
) -> dict[Any, float]:
    top = max(ev.values(), default=0.0)
    return {ids[item]: (round(ev.get(item, 0.0) / top, 4) if top > 0 else 0.0) for item in gi.items}


def _real_values(
    gi: GeniusIssue, ev: dict[str, float], issue: dict[str, Any], ids: dict[str, str], n: int
) -> dict[Any, float]:
    assert gi.lower is not None and gi.upper is not None
    raw = _linear(ev.get("slope", 0.0), ev.get("offset", 0.0), gi.lower)
    grid = _real_grid(gi.lower, gi.upper, n)
    top = max(raw(x) for x in grid)
    return {ids[f"{x:g}"]: (round(raw(x) / top, 4) if top > 0 else 0.0) for x in grid}


def _integer_values(
    gi: GeniusIssue, ev: dict[str, float], issue: dict[str, Any], ids: dict[str, str], n: int
) -> dict[Any, float]:
    assert gi.lower is not None
    return _integer_points(
        int(gi.lower), int(issue["max"]), ev.get("slope", 0.0), ev.get("offset", 0.0)
    )


_VALUES: dict[
    IssueKind,
    Callable[
        [GeniusIssue, dict[str, float], dict[str, Any], dict[str, str], int], dict[Any, float]
    ],
] = {"discrete": _discrete_values, "integer": _integer_values, "real": _real_values}
"""A side's value table of an issue from its GENIUS evaluation, by the issue's GENIUS type
(the issue as converted, its option ids by item, at most ``n`` values)."""


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
    step, top = _integer_grid(lo, hi, max_values)
    out: dict[str, Any] = {
        "id": iid,
        "name": {"en": gi.name},
        "kind": "integer",
        "min": lo,
        "max": top,
    }
    if step != 1:
        out["step"] = step
    if top != hi:
        out["description"] = {
            "kind": "note",
            "en": f"GENIUS range {lo}-{hi}, here in steps of {step}.",
        }
    return out


def _real_issue(
    gi: GeniusIssue, iid: str, option_ids: dict[str, dict[str, str]], max_values: int
) -> dict[str, Any]:
    # A real issue becomes named options, one per grid number: a value table
    # of a decimal issue would need keys like 0.5, which scenario files refuse.
    assert gi.lower is not None and gi.upper is not None
    taken: set[str] = set()
    labels = [f"{x:g}" for x in _real_grid(gi.lower, gi.upper, max_values)]
    ids = {label: _unique(slug(label, "v"), taken) for label in labels}
    option_ids[iid] = ids
    return {
        "id": iid,
        "name": {"en": gi.name},
        "kind": "options",
        "options": [{"id": ids[label], "name": {"en": label}} for label in labels],
        "description": {
            "kind": "note",
            "en": f"GENIUS real-valued issue from {gi.lower:g} to {gi.upper:g}, here as {max_values} values.",
        },
    }


_ISSUES: dict[
    IssueKind, Callable[[GeniusIssue, str, dict[str, dict[str, str]], int], dict[str, Any]]
] = {"discrete": _discrete_issue, "integer": _integer_issue, "real": _real_issue}
"""The scenario issue (data) made from each GENIUS issue type."""


def _issue(
    gi: GeniusIssue, iid: str, option_ids: dict[str, dict[str, str]], max_values: int
) -> dict[str, Any]:
    return _ISSUES[gi.kind](gi, iid, option_ids, max_values)
