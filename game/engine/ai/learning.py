"""What a side learns of the other parties at its turn: one opponent model per party.

With one other party (two signatories, no mediator) this is the model of that party,
learnt from its recent offers, as it always was. With more, each other signatory has a
model of its own, learnt from its own offers (whole or partial: a partial offer teaches
what it names); the side offers what the models rate best together (the mean of their
estimates), and judges a partial offer by what each of them is thought to take
(:class:`~game.engine.ai.clauses.Others`). A mediator's proposals teach nothing of the
parties' wishes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

import numpy as np

from game.engine.ai.clauses import Others, shown_wish
from game.engine.ai.opponent import OpponentModel
from game.engine.ai.tables import OutcomeTable
from game.engine.analytics import FloatArray, IntArray
from game.engine.space import OfferRecord, SideView, Value

__all__ = ["MEMORY", "SHOWN", "Learner", "ModelMaker", "Several", "learn"]

MEMORY = 48
"""How many of a party's earlier offers a decision learns from (the most recent)."""
SHOWN = 3
"""How many of a party's latest offers show what it wants now."""


class ModelMaker(Protocol):
    """Builds a fresh opponent model (:class:`~game.engine.ai.negotiator.ModelSpec`)."""

    def build(self, sizes: Sequence[int]) -> OpponentModel: ...


class Learner(Protocol):
    """What learning fills in (:class:`~game.engine.ai.negotiator.Session`)."""

    model: OpponentModel | None

    def observe_many(self, rows: IntArray) -> None: ...

    def observe_best(self, rows: IntArray) -> None: ...


class Several:
    """Several parties' models rated together: the mean of their estimates.

    Args:
        models: One model per party.
    """

    def __init__(self, models: Sequence[OpponentModel]) -> None:
        self.models = tuple(models)
        self._rating: FloatArray | None = None
        self._at = -1

    @property
    def observed(self) -> int:
        """Offers learnt from, by every party together."""
        return sum(m.observed for m in self.models)

    def observe(self, indices: Sequence[int] | IntArray) -> None:
        """Learn from a package every party is taken to have offered."""
        for m in self.models:
            m.observe(indices)

    def observe_many(self, rows: IntArray) -> None:
        """Learn from packages every party is taken to have offered."""
        for m in self.models:
            m.observe_many(rows)

    def weights(self) -> tuple[float, ...]:
        """The mean of the estimated issue weights."""
        each = [m.weights() for m in self.models]
        return tuple(sum(w) / len(each) for w in zip(*each, strict=True))

    def rating(self) -> FloatArray:
        """The mean of the estimated weighted values."""
        if self._rating is None or self._at != self.observed:
            self._rating = np.mean([m.rating() for m in self.models], axis=0)
            self._at = self.observed
        return self._rating


def _rows(table: OutcomeTable, records: Sequence[OfferRecord]) -> IntArray:
    rows = [table.row_of(r.package) for r in records]
    return np.array(rows, dtype=np.intp).reshape(len(rows), len(table.sizes))


def learn(
    view: SideView,
    table: OutcomeTable,
    session: Learner,
    spec: ModelMaker | None,
    current: Mapping[str, Value] | None,
) -> Others | None:
    """Learn from the other parties' offers: the session's model (and the best offer
    received) for offering and accepting, and what the clause logic needs.

    The offer awaiting the side's answer (``current``) is learnt last.

    Returns:
        Each other party's estimate and what it has shown it wants (``None`` without a
        model).
    """
    signing = view.signatories or view.others  # a view that names no signatories: every party signs
    signers = [p for p in view.others if p in signing]
    mediators = [p for p in view.others if p not in signing]
    offer = view.offer
    by = offer.by if offer is not None and current is not None else None
    if len(signers) <= 1 and not mediators:
        return _learn_one(view, table, session, current, by)
    models: dict[str, OpponentModel] = {}
    if spec is not None:
        models = {p: spec.build(table.sizes) for p in signers}
    shown: dict[str, list[list[int]]] = {}
    by_party: dict[str, list[OfferRecord]] = {p: [] for p in signers}
    for record in view.offers:
        if record.by in by_party:
            by_party[record.by].append(record)
    learnt: set[int] = set()
    for party, theirs in by_party.items():
        if by == party and theirs and dict(theirs[-1].package) == dict(current or {}):
            theirs.pop()
        recent = theirs[-MEMORY:]
        learnt.update(id(r) for r in recent)
        rows = _rows(table, recent)
        if party in models:
            models[party].observe_many(rows)
        shown[party] = rows[-SHOWN:].tolist()
    session.observe_best(_rows(table, [r for r in view.offers if id(r) in learnt]))
    if current is not None and by in signers:
        row = table.row_of(current)
        if by in models:
            models[by].observe(row)
        shown[by] = [*shown[by], row][-SHOWN:]
    if not models:
        return None
    session.model = Several(list(models.values()))
    ratings = tuple(models[p].rating() for p in models)
    return Others(
        ratings,
        tuple(shown_wish(table, r, shown[p]) for r, p in zip(ratings, models, strict=True)),
    )


def _learn_one(
    view: SideView,
    table: OutcomeTable,
    session: Learner,
    current: Mapping[str, Value] | None,
    by: str | None,
) -> Others | None:
    """One other party: learn from its recent offers, then the offer on the table."""
    theirs = [r for r in view.offers if r.by in view.others]
    if current is not None and theirs and dict(theirs[-1].package) == dict(current):
        theirs.pop()
    # Learn from a recent window only: deciding stays O(1) per move in long games.
    rows = _rows(table, theirs[-MEMORY:])
    session.observe_many(rows)
    recent = rows[-SHOWN:].tolist()
    if current is not None:
        row = table.row_of(current)
        if session.model is not None:
            session.model.observe(row)
        recent = [*recent, row][-SHOWN:]
    if session.model is None:
        return None
    rating = session.model.rating()
    return Others((rating,), (shown_wish(table, rating, recent),))
