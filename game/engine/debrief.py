"""The debrief: the deal held against history, issue by issue, as plain data.

Front ends only draw it. Everything here is derived from the final state and
the scenario (historical values and their citations).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from game.engine.compiled import Compiled
from game.engine.messages import Msg
from game.engine.moves import Clause, Entry, Outcome, Termination
from game.engine.space import Value
from game.engine.state import GameState
from game.engine.summary import Facts, summarise
from game.engine.utility import outcome_utility, reservation, utility, value_of, weights
from game.scenario import model as m


@dataclass(frozen=True)
class IssueRow:
    """One issue: the deal's value, history's value, and who did better than history."""

    issue: str
    name: str
    deal: Value | None
    history: Value | None
    gains: dict[str, float]
    history_text: m.Text | None
    clause: Clause | None = None
    """The agreed clause (its date, its parties, whether final), if the issue was agreed."""


@dataclass(frozen=True)
class TracePoint:
    date: dt.date
    by: str
    utilities: dict[str, float]


@dataclass(frozen=True)
class Brief:
    """A side's confidential brief, revealed at the end."""

    side: str
    weights: dict[str, float]
    reservation: float
    mandate: str
    bounds: dict[str, str]


@dataclass(frozen=True)
class Debrief:
    termination: str
    date: dt.date | None
    reason: str
    terms: dict[str, Value]
    rows: tuple[IssueRow, ...]
    utilities: dict[str, float]
    history_utilities: dict[str, float]
    """Each side's utility of history's outcome; empty when the scenario has no historical path."""
    history_date: dt.date | None
    trace: tuple[TracePoint, ...]
    briefs: tuple[Brief, ...]
    analytics: Any = None
    notes: tuple[m.Text, ...] = field(default_factory=tuple)
    milestones: dict[str, dt.date | None] = field(default_factory=dict)
    """The deal's ``agreed``, ``signed`` and ``ratified`` dates (None where not reached)."""
    history_milestones: dict[str, dt.date | None] = field(default_factory=dict)
    """What history did on which date: its ``agreed``, ``signed`` and ``ratified`` dates."""
    side_agreements: tuple[Clause, ...] = ()
    summary: tuple[Msg, ...] = ()
    """A few sentences on why the deal differs from history, the most telling first
    (:mod:`game.engine.summary`); front ends word them from their codes."""

    def to_json(self) -> dict[str, Any]:
        def j(v: Any) -> Any:
            return v.isoformat() if isinstance(v, dt.date) else v

        out: dict[str, Any] = {
            "termination": self.termination,
            "date": j(self.date),
            "reason": self.reason,
            "terms": {k: j(v) for k, v in self.terms.items()},
            "summary": [
                {"code": s.code, "text": str(s), "params": {k: j(v) for k, v in s.params.items()}}
                for s in self.summary
            ],
            "utilities": self.utilities,
            "history": {
                "date": j(self.history_date),
                "utilities": self.history_utilities,
                **{f"{k}_on": j(v) for k, v in self.history_milestones.items()},
            },
            "issues": [
                {
                    "issue": r.issue,
                    "name": r.name,
                    "deal": j(r.deal),
                    "history": j(r.history),
                    "gain_vs_history": r.gains,
                    "cite": [c.model_dump(exclude_none=True) for c in r.history_text.cite]
                    if r.history_text
                    else [],
                    **({"clause": r.clause.to_json()} if r.clause is not None else {}),
                }
                for r in self.rows
            ],
            "trace": [
                {"date": p.date.isoformat(), "by": p.by, "utilities": p.utilities}
                for p in self.trace
            ],
            "briefs": [
                {
                    "side": b.side,
                    "weights": b.weights,
                    "reservation": b.reservation,
                    "mandate": b.mandate,
                    "bounds": b.bounds,
                }
                for b in self.briefs
            ],
        }
        if self.analytics is not None and hasattr(self.analytics, "to_json"):
            out["analytics"] = self.analytics.to_json()
        out.update({f"{k}_on": j(v) for k, v in self.milestones.items()})
        if self.side_agreements:
            out["side_agreements"] = [
                {"issue": x.issue, **x.to_json()} for x in self.side_agreements
            ]
        return out


def history_terms(c: Compiled) -> dict[str, Value]:
    """The historical value of every issue that has one."""
    return {i.id: i.history for i in c.sc.issues if i.history is not None}


def history_outcome(c: Compiled) -> Outcome | None:
    """How the historical path ends when replayed (cached per scenario); None if it does not replay."""
    from game.engine.record import HistoryError, replay_history

    if "history_outcome" not in c.memo:
        try:
            steps = replay_history(c)
            found = steps[-1].after.outcome if steps else None
        except HistoryError:
            found = None
        c.memo.setdefault("history_outcome", found)  # threads that race agree on one
    result = c.memo["history_outcome"]
    return result if isinstance(result, Outcome) else None


def history_date(c: Compiled) -> dt.date | None:
    """The date history's talks ended (the signing, for a deal)."""
    out = history_outcome(c)
    return out.date if out is not None else None


def milestones_of(out: Outcome | None) -> dict[str, dt.date | None]:
    """An outcome's milestones: the days the treaty was agreed, signed and ratified."""
    if out is None:
        return {"agreed": None, "signed": None, "ratified": None}
    return {"agreed": out.agreed_on, "signed": out.signed_on, "ratified": out.ratified_on}


def history_signed(c: Compiled) -> bool:
    """Whether history ended in a signed deal."""
    out = history_outcome(c)
    return out is not None and out.termination is Termination.SIGNED


def debrief(state: GameState, analytics: Any = None, entries: Sequence[Entry] = ()) -> Debrief:
    """The debrief of a finished (or abandoned) game.

    ``entries`` is the record of the talks (every side's), which the summary reads
    for what moved a side's priorities; without it the summary names no causes.
    """
    c = state.c
    sides = list(c.signatories)
    out = state.outcome
    terms = dict(out.terms) if out is not None else dict(state.agreed)
    hist = history_terms(c)
    hdate = history_date(c)
    signed = out is not None and out.termination.value == "signed"
    rows = []
    for issue in c.sc.issues:
        deal = terms.get(issue.id) if signed else None
        h = hist.get(issue.id)
        gains = {}
        if deal is not None and h is not None:
            gains = {
                s: round(value_of(c, s, issue.id, deal) - value_of(c, s, issue.id, h), 4)
                for s in sides
            }
        clause = state.clauses.get(issue.id) if signed else None
        rows.append(
            IssueRow(issue.id, issue.name.get(), deal, h, gains, issue.history_text, clause)
        )
    utilities = {s: round(outcome_utility(state, s), 4) for s in sides}
    if history_signed(c) and hdate is not None:
        hu = {s: round(utility(c, s, hist, hdate, state), 4) for s in sides}
        at_start = {s: round(utility(c, s, hist, hdate, None), 4) for s in sides}
    elif c.sc.history:
        hu = {s: round(reservation(state, c, s), 4) for s in sides}
        at_start = {s: round(reservation(None, c, s), 4) for s in sides}
    else:
        hu = at_start = {}  # no historical path (an imported domain): nothing to compare with
    trace = tuple(
        TracePoint(
            o.date,
            o.by,
            {s: round(utility(c, s, {**state.agreed, **o.package}, o.date), 4) for s in sides},
        )
        for o in state.offers
    )
    briefs = []
    for s in sides:
        mandate = state.mandate_of(s)
        from game.engine.rules import bound_text

        briefs.append(
            Brief(
                s,
                {k: round(v, 3) for k, v in weights(state, c, s).items()},
                round(reservation(state, c, s), 3),
                mandate.name.get(),
                {k: bound_text(b, c.issues.get(k)) for k, b in mandate.bounds.items()},
            )
        )
    termination = out.termination.value if out else "unfinished"
    facts = Facts(
        state,
        termination,
        out.date if out else None,
        terms if signed else {},
        hist,
        hdate if history_signed(c) else None,
        {r.issue: r.gains for r in rows},
        utilities,
        hu,
        at_start,
        tuple(entries),
    )
    notes = tuple(d.text for d in c.sc.discrepancies)
    if c.sc.history_end is not None:
        notes = (c.sc.history_end,) + notes
    return Debrief(
        termination=termination,
        date=out.date if out else None,
        reason=out.reason if out else "The game was not finished.",
        terms=terms,
        rows=tuple(rows),
        utilities=utilities,
        history_utilities=hu,
        history_date=hdate if history_signed(c) else None,
        trace=trace,
        briefs=tuple(briefs),
        analytics=analytics,
        notes=notes,
        milestones=milestones_of(out),
        history_milestones=milestones_of(history_outcome(c)),
        side_agreements=state.side_deals,
        summary=summarise(facts) if hu else (),
    )
