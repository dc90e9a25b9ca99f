"""Acceptance: AC_next and AC_combi (Baarslag, Hindriks & Jonker 2011).

* **AC_next**: accept an offer worth at least what I would offer next.
* **AC_combi**: from relative time ``combi_time`` on, also accept an offer
  worth at least the best offer received before it.

Both are bounded below by the reservation value: an offer worth less than no
agreement is never accepted. Offers outside the mandate or vetoed by a persona
rule never reach the acceptance policy (the :class:`~game.engine.ai.Negotiator`
refuses them first).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from game.engine.messages import Msg

__all__ = ["AcceptancePolicy", "CombiAcceptance", "Verdict"]


@dataclass(frozen=True)
class Verdict:
    """An acceptance decision and its reason in plain words."""

    accept: bool
    reason: str


def _pts(u: float) -> str:
    return f"{100 * u:.0f}"


class AcceptancePolicy(Protocol):
    """Decides whether to accept an offer."""

    def accepts(
        self,
        offered: float,
        next_offer: float,
        best_received: float,
        t: float,
        reservation: float,
    ) -> bool:
        """The decision of :meth:`judge` without its reason (the fast path)."""
        ...

    def judge(
        self,
        offered: float,
        next_offer: float,
        best_received: float,
        t: float,
        reservation: float,
    ) -> Verdict:
        """Judge an offer worth ``offered`` to me.

        Args:
            offered: My utility of the offer on the table.
            next_offer: My utility of what I would offer next.
            best_received: Best utility among the other side's earlier
                offers (``-inf`` if none).
            t: Relative time in [0, 1].
            reservation: My utility of no agreement.
        """
        ...


@dataclass(frozen=True)
class CombiAcceptance:
    """AC_next, plus AC_combi from ``combi_time`` on.

    Attributes:
        combi_time: Relative time ``T_c`` from which the best offer received so
            far is good enough; ``> 1`` disables AC_combi.
    """

    combi_time: float = 0.95

    def accepts(
        self,
        offered: float,
        next_offer: float,
        best_received: float,
        t: float,
        reservation: float,
    ) -> bool:
        """See :meth:`AcceptancePolicy.accepts`."""
        if offered < reservation:
            return False
        return offered >= next_offer or (t >= self.combi_time and offered >= best_received)

    def judge(
        self,
        offered: float,
        next_offer: float,
        best_received: float,
        t: float,
        reservation: float,
    ) -> Verdict:
        """See :meth:`AcceptancePolicy.judge`."""
        o, a, r = _pts(offered), _pts(next_offer), _pts(reservation)
        if offered < reservation:
            if next_offer != float("inf"):
                g = _pts(next_offer - offered)
                return Verdict(
                    False,
                    Msg(
                        "ai.below_reservation_gap",
                        f"Your offer is worth {o} to us, less than no agreement ({r}); "
                        f"we are asking for {a} — a gap of {g}.",
                        offered=o,
                        reservation=r,
                        ask=a,
                        gap=g,
                    ),
                )
            return Verdict(
                False,
                Msg(
                    "ai.below_reservation",
                    f"Your offer is worth {o} to us, less than no agreement ({r}).",
                    offered=o,
                    reservation=r,
                ),
            )
        if offered >= next_offer:
            return Verdict(
                True,
                Msg(
                    "ai.accept_next",
                    f"Your offer is worth {o} to us, no less than what we would ask next ({a}).",
                    offered=o,
                    ask=a,
                ),
            )
        if t >= self.combi_time and offered >= best_received:
            return Verdict(
                True,
                Msg(
                    "ai.accept_best",
                    f"Time is short; your offer ({o}) is the best we have received.",
                    offered=o,
                ),
            )
        g = _pts(next_offer - offered)
        return Verdict(
            False,
            Msg(
                "ai.gap",
                f"Your offer is worth {o} to us; we are asking for {a} — a gap of {g}.",
                offered=o,
                ask=a,
                gap=g,
            ),
        )
