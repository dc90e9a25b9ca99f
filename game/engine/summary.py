"""The debrief's summary: in a few sentences, why the deal differs from history.

Computed from the terms, the utilities, the dates and the mandates at the end
of the game (and the record, for what moved a side's priorities). Each
sentence is a :class:`~game.engine.messages.Msg`: English text with a code
and parameters (issue, party and mandate ids, values, dates, numbers) that a
front end words in its own language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from game.engine.checks import bound_text, name_of, within
from game.engine.compiled import Compiled
from game.engine.messages import Msg
from game.engine.moves import Entry
from game.engine.space import Value
from game.engine.state import GameState
from game.engine.utility import delay_cost
from game.scenario import model as m
from game.scenario.kinds import kind_of
from game.scenario.values import show

DAYS_A_MONTH = 30.44
MOST_ISSUES = 3
"""How many issues the summary names where the deal differs from history (the largest first)."""
MOST_MANDATES = 2
"""How many mandate limits it names."""
NOTICED = 0.0005
"""A difference of utility the summary mentions (the debrief shows three decimals)."""


@dataclass(frozen=True)
class Facts:
    """What the summary is computed from (gathered by :func:`game.engine.debrief.debrief`)."""

    state: GameState
    termination: str
    date: dt.date | None
    terms: Mapping[str, Value]
    history: Mapping[str, Value]
    history_date: dt.date | None
    gains: Mapping[str, Mapping[str, float]]
    utilities: Mapping[str, float]
    history_utilities: Mapping[str, float]
    history_at_start: Mapping[str, float]
    """Each side's utility of history with its priorities as the game began."""
    entries: Sequence[Entry] = ()


def _value(c: Compiled, iid: str, value: Value) -> str:
    issue = c.issues[iid]
    return kind_of(issue).show(issue, value)


def _issue(c: Compiled, iid: str) -> str:
    return c.issues[iid].name.get()


def summarise(f: Facts) -> tuple[Msg, ...]:
    """The summary's sentences, the most telling first."""
    c = f.state.c
    out: list[Msg] = []
    if f.termination == "unfinished":
        out.append(Msg("summary.unfinished", "The game was not finished: there is no treaty yet."))
    elif f.termination != "signed":
        out.extend(_no_deal(f))
    else:
        out.extend(_timing(f))
        out.extend(_sides(f))
        out.extend(_issues(f))
        out.extend(_mandates(f))
    out.extend(_priorities(f, c))
    return tuple(out)


def _no_deal(f: Facts) -> list[Msg]:
    c = f.state.c
    how = f.termination.replace("_", " ")
    out: list[Msg] = []
    if f.history_date is not None:
        out.append(
            Msg(
                "summary.no_deal",
                f"The talks ended without a treaty ({how}); history signed one on "
                f"{show(f.history_date)}.",
                termination=f.termination,
                history_date=f.history_date,
            )
        )
    else:
        out.append(
            Msg(
                "summary.no_deal_as_history",
                f"The talks ended without a treaty ({how}), as they did in history.",
                termination=f.termination,
            )
        )
    sides = list(f.utilities)
    for issue in c.sc.issues:
        if issue.id in f.terms or len(out) > MOST_MANDATES:
            continue
        mandates = [f.state.mandate_of(side) for side in sides]
        bounds = [md.bounds.get(issue.id) for md in mandates]
        if len(sides) < 2 or any(b is None for b in bounds):
            continue
        if any(all(within(b, v) for b in bounds) for v in c.grid[issue.id]):
            continue
        said = ", ".join(
            f"{name_of(c, side)} {bound_text(b, c.issues[issue.id])}"  # type: ignore[arg-type]
            for side, b in zip(sides, bounds, strict=True)
        )
        out.append(
            Msg(
                "summary.mandates_apart",
                f"On {_issue(c, issue.id)} the mandates never met: {said}.",
                issue=issue.id,
                sides=tuple(sides),
                mandates=tuple(md.id for md in mandates),
            )
        )
    return out


def _timing(f: Facts) -> list[Msg]:
    if f.date is None or f.history_date is None:
        return []
    days = (f.date - f.history_date).days
    if abs(days) < 15:
        return [
            Msg(
                "summary.on_time",
                f"The treaty was signed on {show(f.date)}, within days of history's "
                f"{show(f.history_date)}.",
                date=f.date,
                history_date=f.history_date,
            )
        ]
    months = max(1, round(abs(days) / DAYS_A_MONTH))
    later = days > 0
    out = [
        Msg(
            "summary.later" if later else "summary.earlier",
            f"The treaty was signed {months} month(s) {'later' if later else 'earlier'} than in "
            f"history ({show(f.date)}, against {show(f.history_date)}).",
            months=months,
            date=f.date,
            history_date=f.history_date,
        )
    ]
    if later:
        c = f.state.c
        for side in f.utilities:
            cost = delay_cost(f.state, c, side) * days / 30.0
            if cost >= 0.01:
                pts = round(cost * 100)
                out.append(
                    Msg(
                        "summary.delay",
                        f"The wait cost {name_of(c, side)} {pts} points of utility out of 100.",
                        side=side,
                        points=pts,
                    )
                )
    return out


def _sides(f: Facts) -> list[Msg]:
    c = f.state.c
    out = []
    for side in f.utilities:
        u, h = f.utilities.get(side), f.history_utilities.get(side)
        if u is None or h is None:
            continue
        code, word = (
            ("summary.better", "better than")
            if u > h + NOTICED
            else ("summary.worse", "worse than")
            if u < h - NOTICED
            else ("summary.same", "as well as")
        )
        out.append(
            Msg(
                code,
                f"{name_of(c, side)} came out {word} in history: {u:.3f} against {h:.3f}.",
                side=side,
                utility=round(u, 3),
                history=round(h, 3),
            )
        )
    return out


def _issues(f: Facts) -> list[Msg]:
    c = f.state.c
    differ = [
        iid
        for iid, g in f.gains.items()
        if g and f.terms.get(iid) is not None and f.terms.get(iid) != f.history.get(iid)
    ]
    differ.sort(key=lambda iid: -max(abs(x) for x in f.gains[iid].values()))
    out = []
    for iid in differ[:MOST_ISSUES]:
        gains = f.gains[iid]
        ahead = [s for s, g in gains.items() if g > 1e-9]
        deal, hist = f.terms[iid], f.history[iid]
        said = f"{_issue(c, iid)}: {_value(c, iid, deal)} instead of {_value(c, iid, hist)}"
        if len(ahead) == 1:
            out.append(
                Msg(
                    "summary.issue",
                    f"{said}, better for {name_of(c, ahead[0])}.",
                    issue=iid,
                    deal=deal,
                    history=hist,
                    side=ahead[0],
                )
            )
        elif ahead:
            out.append(
                Msg(
                    "summary.issue_both",
                    f"{said}, better for both.",
                    issue=iid,
                    deal=deal,
                    history=hist,
                )
            )
        else:
            out.append(
                Msg(
                    "summary.issue_neither",
                    f"{said}, better for neither.",
                    issue=iid,
                    deal=deal,
                    history=hist,
                )
            )
    return out


def _mandates(f: Facts) -> list[Msg]:
    """Where a side's last mandate ruled out what history agreed (so the deal had to differ)."""
    c = f.state.c
    out: list[Msg] = []
    for issue in c.sc.issues:
        hist, deal = f.history.get(issue.id), f.terms.get(issue.id)
        if hist is None or deal is None or hist == deal:
            continue
        for side in f.utilities:
            mandate = f.state.mandate_of(side)
            bound = mandate.bounds.get(issue.id)
            if bound is None or within(bound, hist) or len(out) >= MOST_MANDATES:
                continue
            out.append(
                Msg(
                    "summary.mandate",
                    f"{c.parties[side].diplomat.name.get()}'s last mandate ({mandate.name.get()}) "
                    f"did not allow {_issue(c, issue.id)} {_value(c, issue.id, hist)}, as "
                    f"history agreed: it allowed {bound_text(bound, issue)}.",
                    side=side,
                    mandate=mandate.id,
                    issue=issue.id,
                    history=hist,
                )
            )
    return out


def _priorities(f: Facts, c: Compiled) -> list[Msg]:
    """Why a side's utility of history is not what it was at the start of the game."""
    out = []
    for side in f.history_utilities:
        now, start = f.history_utilities.get(side), f.history_at_start.get(side)
        if now is None or start is None or abs(now - start) < NOTICED:
            continue
        shifts = {iid: by for (who, iid), by in f.state.weight_shift.items() if who == side and by}
        more = tuple(iid for iid, by in shifts.items() if by > 0)
        less = tuple(iid for iid, by in shifts.items() if by < 0)
        causes = tuple(_causes(c, side, f.entries))
        words = "; ".join(
            x
            for x in (
                ("more weight on " + ", ".join(_issue(c, i) for i in more)) if more else "",
                ("less on " + ", ".join(_issue(c, i) for i in less)) if less else "",
            )
            if x
        )
        cost = f.state.shift(side, "delay_cost")
        what = words or ("a different cost of delay" if cost else "shifted values")
        if causes:
            what += "; after " + ", ".join(_cause_name(c, kind, ref) for kind, ref in causes)
        out.append(
            Msg(
                "summary.priorities",
                f"{name_of(c, side)}'s priorities moved in this game ({what}): valued with them, "
                f"history is worth {now:.3f} to it, and {start:.3f} with the priorities it began "
                "with. Both the deal and history are valued as the parties saw them at the end.",
                side=side,
                more=more,
                less=less,
                causes=causes,
                now=round(now, 3),
                start=round(start, 3),
            )
        )
    return out


def cause_text(c: Compiled, kind: str, ref: str) -> m.Text | None:
    """The name of a cause of moved priorities (an argument's name, an event's headline);
    None for instructions, whose content stays confidential."""
    found = {
        "argument": lambda: c.arguments[ref].name if ref in c.arguments else None,
        "event": lambda: c.events[ref].headline if ref in c.events else None,
    }.get(kind)
    return found() if found is not None else None


def _cause_name(c: Compiled, kind: str, ref: str) -> str:
    text = cause_text(c, kind, ref)
    return text.get() if text is not None else "new instructions"


def _changes(effects: Iterable[m.Effect], side: str) -> bool:
    return any(
        (e.weight is not None and e.weight.party == side)
        or (e.delay_cost is not None and e.delay_cost.party == side)
        for e in effects
    )


def _causes(c: Compiled, side: str, entries: Sequence[Entry]) -> list[tuple[str, str]]:
    """The arguments that landed, events that fired and instructions that arrived, in the
    record, whose effects moved ``side``'s priorities: ``(kind, id)`` each, once."""
    found: list[tuple[str, str]] = []
    for e in entries:
        ref = e.ref
        if ref is None:
            continue
        if e.code == "argument" and e.params.get("landed") and ref in c.arguments:
            hit = _changes(c.arguments[ref].effects, side)
            kind = "argument"
        elif e.code == "event" and ref in c.events:
            hit = _changes(c.events[ref].effects, side)
            kind = "event"
        elif e.code == "instructions" and e.side in c.parties:
            ins = next((i for i in c.parties[e.side].instructions if i.id == ref), None)
            hit = ins is not None and _changes(ins.effects, side)
            kind = "instruction"
        else:
            continue
        if hit and (kind, ref) not in found:
            found.append((kind, ref))
    return found
