"""Treaty Table's AI as a NegMAS SAO negotiator, for NegMAS tournaments.

>>> # from negmas import SAOMechanism
>>> # m = SAOMechanism(outcome_space=os, n_steps=100)
>>> # m.add(TreatyTableNegotiator(preset="hard", name="tt"), ufun=u1)
"""

from __future__ import annotations

import zlib
from typing import Any

import numpy as np
from negmas.sao import ResponseType, SAOCallNegotiator, SAOResponse, SAOState

from game.engine.ai import Negotiator, Session, outcome_table
from game.engine.ai.decision import ACCEPT, REJECT
from treaty_table_negmas.convert import from_negmas

__all__ = ["TreatyTableNegotiator"]


class TreatyTableNegotiator(SAOCallNegotiator):  # type: ignore[misc]
    """The game's AI (:class:`game.engine.ai.Negotiator`) in a NegMAS SAO negotiation.

    Args:
        preset: ``"hard"``, ``"historical"`` or ``"easy"``.
        config: Further :meth:`Negotiator.from_config` keys (override the preset).
        seed: Seed of the choice among equally good offers (default: from the name).
        *args, **kwargs: As for NegMAS negotiators (``name``, ``ufun``, ...).

    The utility must be linear-additive over discrete issues (a discounting
    wrapper is looked through: the AI plans on the negotiation's relative time).
    """

    def __init__(
        self,
        *args: Any,
        preset: str = "hard",
        config: dict[str, Any] | None = None,
        seed: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._negotiator = Negotiator.from_config({"preset": preset, **(config or {})})
        self._seed = seed
        self._session: Session | None = None
        self._last_t: float | None = None

    def _start(self) -> Session:
        issues = self.nmi.outcome_space.issues
        utility = from_negmas(self.ufun, issues)
        table = outcome_table(utility.space, utility)
        seed = self._seed if self._seed is not None else zlib.crc32(str(self.name).encode())
        rng = np.random.default_rng(seed)
        self._session = self._negotiator.session(table, draw=rng)
        return self._session

    def on_preferences_changed(self, changes: Any) -> None:
        """Forget the session: the next call rebuilds it for the new utility."""
        self._session = None
        super().on_preferences_changed(changes)

    def __call__(self, state: SAOState, dest: str | None = None) -> SAOResponse:
        """Answer the offer on the table (if any) with accept or a counter-offer."""
        session = self._session or self._start()
        table = session.table
        offer = state.current_offer
        flat = None
        if offer is not None:
            try:
                flat = table.flat_of(
                    tuple(i.index(v) for i, v in zip(table.space.issues, offer, strict=True))
                )
            except ValueError:
                flat = None
        t = min(1.0, max(0.0, float(state.relative_time)))
        # the last turn: at the spacing of this side's turns, the next would come at the deadline
        previous, self._last_t = self._last_t, t
        last = previous is not None and t + (t - previous) >= 1.0 - 1e-9
        kind, chosen = session.respond(t, flat, last)
        if kind == ACCEPT and offer is not None:
            return SAOResponse(ResponseType.ACCEPT_OFFER, offer)
        if kind == REJECT:
            return SAOResponse(ResponseType.REJECT_OFFER, None)
        outcome = tuple(
            i.values[k] for i, k in zip(table.space.issues, table.indices_of(chosen), strict=True)
        )
        return SAOResponse(ResponseType.REJECT_OFFER, outcome)
