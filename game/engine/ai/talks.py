"""The AI at a table of clauses: partial and linked offers, three parties or more.

With two signatories and whole packages on the table the AI answers as it always has
(:meth:`~game.engine.ai.negotiator.Negotiator.decide`). It goes clause by clause
(:func:`clause_by_clause`) when three parties or more sit at the table, when its
persona has an agenda, or when the offer it must answer leaves some open issue out:

* it accepts the largest part of the offer, closed under its links, whose best
  completion stays at or above its current target (:func:`~game.engine.ai.clauses.acceptable_part`);
  all of it if it can;
* it proposes, by its agenda, the first group of issues still open (the clauses of
  the package it would offer whole), else every open issue;
* it links, in any offer it makes, an issue it values little on which it concedes with
  one it values much on which it holds firm (:func:`linked`), and says so;
* at a table of three or more it yields the floor while an offer awaits the others.

It reopens an agreed clause only when that clause blocks every completion above its
reservation value (:func:`reopen`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

import numpy as np

from game.engine.ai.clauses import Others, acceptable_part, agenda_group, logroll, reopen_choice
from game.engine.ai.decision import ACCEPT, OFFER, PASS, REOPEN, Decision
from game.engine.ai.offering import Proposal
from game.engine.ai.opponent import OpponentModel
from game.engine.ai.persona import PersonaRule
from game.engine.ai.tables import OutcomeTable
from game.engine.messages import Msg
from game.engine.space import Package, SideView, Value

__all__ = ["WAIT", "Bargainer", "Offerer", "clause_by_clause", "decide", "linked", "reopen"]

Rng = np.random.Generator | Callable[[], float] | None


class Offerer(Protocol):
    """What the clause logic asks of a side's session (:class:`~game.engine.ai.negotiator.Session`)."""

    model: OpponentModel | None

    def propose(self, t: float, last: bool = False) -> Proposal | None: ...


class Bargainer(Protocol):
    """What the clause logic asks of the negotiator (:class:`~game.engine.ai.negotiator.Negotiator`)."""

    @property
    def rules(self) -> Sequence[PersonaRule]: ...

    def argue(
        self, view: SideView, ok: Callable[[str], bool], rng: Rng, reasons: list[str]
    ) -> Decision | None: ...

    def fallback(
        self, view: SideView, ok: Callable[[str], bool], reasons: tuple[str, ...]
    ) -> Decision: ...


WAIT = Msg("ai.wait", "We await the others' answers.")


def _pts(u: float) -> str:
    return f"{100 * u:.0f}"


def _ids(issues: tuple[str, ...] | list[str]) -> str:
    return ", ".join(issues)


def clause_by_clause(view: SideView) -> bool:
    """Whether the side bargains clause by clause now (see the module's docstring)."""
    if len(view.table) > 2 or view.agenda:
        return True
    current = view.their_offer
    return current is not None and any(i.id not in current for i in view.space.issues)


def linked(
    table: OutcomeTable, session: Offerer, package: Mapping[str, Value]
) -> tuple[tuple[tuple[str, ...], ...], tuple[str, ...]]:
    """The links of an offer of ``package`` and what the side says of them: one trade of
    an issue it values little for one it values much (:func:`~game.engine.ai.clauses.logroll`),
    or none."""
    if len(package) < 2:
        return (), ()
    model = session.model
    rating = model.rating() if model is not None and model.observed > 0 else None
    trade = logroll(table, table.row_of(package), list(package), rating)
    if trade is None:
        return (), ()
    give, get = trade
    said = Msg(
        "ai.logroll",
        f"We can move on {give} if you meet us on {get}: the one goes with the other.",
        give=give,
        get=get,
        give_value=package[give],
        get_value=package[get],
    )
    return ((give, get),), (said,)


def reopen(view: SideView, table: OutcomeTable, ok: Callable[[str], bool]) -> Decision | None:
    """Reopen an agreed clause when it blocks every completion above the reservation
    value and reopening it would lift the best the mandate allows above no agreement."""
    if not view.reopenable or not ok(REOPEN):
        return None
    best = float("-inf") if table.empty else table.best
    issue = reopen_choice(best, view.utility.reservation, view.clause_worth, view.reopenable)
    if issue is None:
        return None
    said = Msg(
        "ai.reopen",
        f"As agreed, {issue} leaves nothing we could sign; it must be looked at again.",
        issue=issue,
    )
    return Decision(REOPEN, issue=issue, reasons=(said,))


def decide(
    negotiator: Bargainer,
    view: SideView,
    table: OutcomeTable,
    session: Offerer,
    others: Others | None,
    rng: Rng,
) -> Decision:
    """The side's move, clause by clause (see the module's docstring)."""
    legal = view.legal_kinds

    def ok(kind: str) -> bool:
        return kind in legal

    current = view.their_offer
    proposal = session.propose(view.time)
    target = proposal.target if proposal is not None else table.best
    reasons: list[str] = []
    if current is not None:
        links = view.offer.links if view.offer is not None else ()
        part = acceptable_part(table, current, links, target, others, _veto(negotiator, view))
        if part is not None and ok(ACCEPT):
            return _accept(current, part.clauses, part.left, part.worth, target)
        reasons.append(_refusal(table, current, target))
    argued = negotiator.argue(view, ok, rng, reasons)
    if argued is not None:
        return argued
    if proposal is not None and ok(OFFER):
        package: dict[str, Value] = table.package_of(proposal.flat)
        group = agenda_group(view.agenda, table.space.ids)
        if group is not None:
            package = {k: package[k] for k in group}
            reasons.append(
                Msg(
                    "ai.agenda",
                    f"Let us settle {_ids(group)} first; the rest will follow.",
                    issues=group,
                )
            )
        elif current is None:
            reasons.append(
                Msg(
                    "ai.ask",
                    f"We ask for {_pts(proposal.target)} (out of 100) at this stage.",
                    target=_pts(proposal.target),
                )
            )
        links, said = linked(table, session, package)
        return Decision(
            OFFER,
            package=package,
            utility=proposal.utility,
            reasons=(*reasons, *said, *proposal.vetoed[:1]),
            links=links,
        )
    if current is None and view.can_pass:
        return Decision(PASS, reasons=(*reasons, WAIT))
    if proposal is None:
        reasons.append(
            Msg(
                "ai.principles_block",
                "Every package we could offer now would break our principles.",
            )
        )
    return negotiator.fallback(view, ok, tuple(reasons))


def _veto(negotiator: Bargainer, view: SideView) -> Callable[[Package], str | None] | None:
    rules = negotiator.rules
    if not rules:
        return None

    def veto(package: Package) -> str | None:
        for rule in rules:
            reason = rule.veto(view, package)
            if reason is not None:
                return reason
        return None

    return veto


def _accept(
    current: Mapping[str, Value],
    clauses: tuple[str, ...],
    left: tuple[str, ...],
    worth: float,
    target: float,
) -> Decision:
    w, a = _pts(worth), _pts(target)
    if not left:
        said = Msg(
            "ai.accept_clauses_all",
            f"These terms leave room for a treaty we can sign ({w}; we ask for {a}): we accept.",
            worth=w,
            ask=a,
            issues=clauses,
        )
        return Decision(ACCEPT, package=dict(current), utility=worth, reasons=(said,))
    said = Msg(
        "ai.accept_clauses",
        f"We can agree to {_ids(clauses)} now ({w}; we ask for {a}); {_ids(left)} we leave open.",
        worth=w,
        ask=a,
        issues=clauses,
        left=left,
    )
    return Decision(
        ACCEPT,
        package={k: current[k] for k in clauses},
        utility=worth,
        reasons=(said,),
        clauses=clauses,
    )


def _refusal(table: OutcomeTable, current: Mapping[str, Value], target: float) -> str:
    terms = {
        issue.id: current[issue.id]
        for i, issue in enumerate(table.space.issues)
        if issue.id in current
        and issue.positions.get(current[issue.id], -1) not in table.allowed[i]
    }
    if terms:
        bad = [f"{iid} = {v}" for iid, v in terms.items()]
        return Msg(
            "ai.outside_mandate",
            "That is outside my mandate: " + ", ".join(bad) + ".",
            items=tuple(bad),
            terms=terms,
        )
    return Msg(
        "ai.no_part",
        f"No part of your offer leaves a treaty we could sign at what we ask ({_pts(target)}).",
        ask=_pts(target),
    )
