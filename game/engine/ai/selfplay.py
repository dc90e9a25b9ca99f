"""AI-vs-AI self-play under the alternating-offers protocol.

No :class:`SideView` is built: each side plays a fast-path
:class:`~game.engine.ai.negotiator.Session` on flat outcome indices. A round
is one action by each side; relative time in round ``r`` of ``R`` is
``r / (R - 1)``. No agreement after ``R`` rounds means each side gets its
reservation value.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.ai.decision import ACCEPT, REJECT
from game.engine.ai.negotiator import Negotiator
from game.engine.ai.tables import Allowed, outcome_table
from game.engine.space import LinearUtility, OutcomeSpace, Value

__all__ = ["BilateralResult", "run_bilateral"]


@dataclass(frozen=True)
class BilateralResult:
    """The outcome of one self-play negotiation.

    Attributes:
        agreement: The agreed package, or ``None``.
        agreement_index: Its flat index, or ``None``.
        utilities: ``(u_a, u_b)``; reservation values when there is no deal.
        rounds: Rounds played (the round in which the deal was struck, or all).
        actions: Actions taken by both sides together.
        accepted_by: ``"a"``, ``"b"`` or ``None``.
        offers: ``(side, flat index)`` of every offer, in order.
    """

    agreement: dict[str, Value] | None
    agreement_index: int | None
    utilities: tuple[float, float]
    rounds: int
    actions: int
    accepted_by: str | None
    offers: tuple[tuple[str, int], ...]


def run_bilateral(
    space: OutcomeSpace,
    u_a: LinearUtility,
    u_b: LinearUtility,
    neg_a: Negotiator,
    neg_b: Negotiator,
    rounds: int = 100,
    allowed_a: Allowed | None = None,
    allowed_b: Allowed | None = None,
) -> BilateralResult:
    """Alternating offers between ``neg_a`` (opens) and ``neg_b``.

    Args:
        space: The outcome space.
        u_a: Side a's utility.
        u_b: Side b's utility.
        neg_a: Side a's strategy; it makes the first offer.
        neg_b: Side b's strategy.
        rounds: Most rounds (each side acts once per round).
        allowed_a: Side a's mandate (default: everything).
        allowed_b: Side b's mandate (default: everything).

    Returns:
        The :class:`BilateralResult`.
    """
    table_a = outcome_table(space, u_a, allowed_a)
    table_b = outcome_table(space, u_b, allowed_b)
    sides = (("a", neg_a.session(table_a)), ("b", neg_b.session(table_b)))
    offers: list[tuple[str, int]] = []
    last: int | None = None
    actions = 0
    denominator = max(rounds - 1, 1)
    for r in range(rounds):
        t = r / denominator
        for name, session in sides:
            kind, flat = session.respond(t, last)
            actions += 1
            if kind is ACCEPT:
                return BilateralResult(
                    agreement=space.package(table_a.indices_of(flat)),
                    agreement_index=flat,
                    utilities=(table_a.utility_of(flat), table_b.utility_of(flat)),
                    rounds=r + 1,
                    actions=actions,
                    accepted_by=name,
                    offers=tuple(offers),
                )
            if kind is REJECT:
                last = None
                continue
            offers.append((name, flat))
            last = flat
    return BilateralResult(
        agreement=None,
        agreement_index=None,
        utilities=(u_a.reservation, u_b.reservation),
        rounds=rounds,
        actions=actions,
        accepted_by=None,
        offers=tuple(offers),
    )
