"""The AI's decisions as engine moves: the one mapping between the two.

The AI (:mod:`game.engine.ai`) decides in its own terms (:class:`DecisionKind`:
offer, accept, ask for instructions ...), knowing nothing of the engine's
moves; :data:`DECISION_MOVES` says which moves carry out each decision, both
ways: which decisions are open to a side (:func:`decided_kinds`, for its view
of the table) and which move makes a decision (:func:`decided_move`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from game.engine.ai.decision import Decision, DecisionKind
from game.engine.checks import owes_answer
from game.engine.frozen import FrozenMap
from game.engine.moves import Move, MoveKind
from game.engine.state import GameState

__all__ = ["DECISION_MOVES", "decided_kinds", "decided_move"]

DECISION_MOVES: Mapping[DecisionKind, tuple[MoveKind, ...]] = FrozenMap(
    {
        DecisionKind.OFFER: (MoveKind.PROPOSE, MoveKind.COUNTER),
        DecisionKind.ACCEPT: (MoveKind.ACCEPT,),
        DecisionKind.REJECT: (MoveKind.REJECT,),
        DecisionKind.ARGUE: (MoveKind.ARGUE,),
        DecisionKind.REQUEST_INSTRUCTIONS: (MoveKind.INSTRUCT,),
        DecisionKind.ADJOURN: (MoveKind.ADJOURN,),
        DecisionKind.BREAK_OFF: (MoveKind.BREAK_OFF,),
        DecisionKind.PASS: (MoveKind.PASS,),
        DecisionKind.REOPEN: (MoveKind.REOPEN,),
    }
)
"""The moves that carry out each AI decision (an offer is a proposal, or a counter to the
other side's offer): the one mapping between the AI's decisions and the engine's moves."""


def decided_kinds(legal: Collection[MoveKind]) -> frozenset[DecisionKind]:
    """The decisions that some legal move carries out."""
    return frozenset(d for d, kinds in DECISION_MOVES.items() if any(k in legal for k in kinds))


def decided_move(state: GameState, side: str, decision: Decision) -> Move:
    """The move that carries out ``decision`` for ``side``.

    Raises:
        ValueError: no move carries out this kind of decision.
    """
    kinds = DECISION_MOVES.get(decision.kind)
    if kinds is None:
        raise ValueError(f"no move carries out an AI decision to {decision.kind!r}")
    if decision.kind is DecisionKind.OFFER:
        kind = MoveKind.COUNTER if owes_answer(state, side) else MoveKind.PROPOSE
        return Move(kind, side, decision.package or {}, links=decision.links)
    return Move(
        kinds[0], side, argument=decision.argument, clauses=decision.clauses, issue=decision.issue
    )
