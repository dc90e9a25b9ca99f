"""The rules: start a game, list and check moves, apply a move.

``apply(state, move) -> state`` is a pure function: the state history is the
game (undo and "take over at step N" are indexes into it). Illegal moves
raise :class:`IllegalMoveError` with a reason a player can read. What a kind
of move checks and does is its handler's (:mod:`game.engine.movekinds`); what
happens between moves (events, stages, sessions) is :mod:`game.engine.timeline`'s.
"""

from __future__ import annotations

import datetime as dt

from game.engine.checks import (
    bound_text,
    describe,
    mandate_problem,
    name_of,
    next_at_table,
    normalise,
    pending_instructions,
    turn_problem,
    within,
)
from game.engine.compiled import Compiled
from game.engine.messages import Msg
from game.engine.movekinds import HANDLERS, MoveInput
from game.engine.moves import Entry, IllegalMoveError, Move, MoveKind, MoveOption, Termination
from game.engine.space import Value
from game.engine.state import GameState
from game.engine.timeline import (
    end,
    enter,
    events_until,
    next_session,
    opener,
    settle,
    stage_deadline,
)

__all__ = [
    "MoveOption",
    "apply",
    "bound_text",
    "check",
    "describe",
    "has_move",
    "legal_moves",
    "mandate_problem",
    "move_options",
    "name_of",
    "new_game",
    "normalise",
    "package_space",
    "pending_instructions",
    "some_move",
    "stage_deadline",
    "within",
]

MAX_PLIES = 10_000
"""A game ends (no agreement) after this many moves: no caller can play on for ever."""
_PACKAGE_MOVES = (MoveKind.PROPOSE, MoveKind.COUNTER)
_ALWAYS = frozenset({MoveKind.ADJOURN, MoveKind.BREAK_OFF})
"""Moves that are legal whenever the stage allows them (adjourn without a date)."""


def new_game(c: Compiled, seed: int = 0) -> GameState:
    """The state at the start of a game of ``c`` with RNG ``seed``."""
    sc = c.sc
    first = sc.parties[0].id
    state = GameState(
        c=c,
        seed=seed,
        ply=0,
        date=sc.calendar.start,
        stage=sc.initial,
        entered={},
        session=0,
        session_moves=0,
        to_move=first,
        offer=None,
        agreed={},
        mandates={p.id: p.mandate for p in sc.parties if p.mandate is not None},
        weight_shift={},
        party_shift={},
        fired=frozenset(),
        flags=frozenset(),
        used={},
        asked=frozenset(),
        draws=0,
        offers=(),
        milestones=(),
        agreed_on=None,
        news=(),
        concluded=False,
    )
    log: list[Entry] = []
    state = events_until(state, state.date, log)
    state = enter(state, sc.initial, log)
    state = settle(state, log)
    state = _ensure_move(state, log)
    return state.but(news=tuple(log))


def check(state: GameState, move: Move) -> Msg | None:
    """The reason ``move`` is illegal now, or None if it is legal."""
    if not isinstance(move, Move):
        got = repr(move) if len(repr(move)) <= 40 else repr(move)[:37] + "..."
        return Msg("not_a_move", f"{got} is not a move.", got=got)
    return turn_problem(state, move.side, move.kind) or HANDLERS[move.kind].check(state, move)


def move_options(state: GameState, side: str) -> list[MoveOption]:
    """Every kind of move with whether it is possible now and why not."""
    return [option for handler in HANDLERS.values() for option in handler.options(state, side)]


def legal_moves(state: GameState, side: str) -> list[Move]:
    """The legal moves of ``side`` that need no package (accept the whole offer,
    argue, adjourn, reopen a clause ...).

    Packages are too many to list: :func:`package_space` gives, for each open
    issue, the values the side's mandate allows, and :func:`check` decides.
    """
    return [
        Move(opt.kind, side, argument=opt.argument, issue=opt.issue)
        for opt in move_options(state, side)
        if opt.allowed and HANDLERS[opt.kind].needs.takes is not MoveInput.PACKAGE
    ]


def package_space(state: GameState, side: str) -> dict[str, tuple[Value, ...]]:
    """For each open issue, the values ``side`` may put in a package now."""
    mandate = state.mandate_of(side)
    return {
        iid: tuple(v for v in state.c.grid[iid] if within(mandate.bounds.get(iid), v, state.date))
        for iid in state.open_issues()
    }


def apply(state: GameState, move: Move) -> GameState:
    """The state after ``move``. Raises IllegalMoveError (with the reason) if illegal."""
    reason = check(state, move)
    if reason is not None:
        raise IllegalMoveError(reason)
    c = state.c
    log: list[Entry] = []
    state = state.but(ply=state.ply + 1, news=())
    stage0, session0 = state.stage, state.session
    done = HANDLERS[move.kind].apply(state, move, log)
    state, new_session_at = done.state, done.next_session
    if state.outcome is None and done.pass_turn and (state.stage == stage0 or not opener(state)):
        state = state.but(to_move=next_at_table(state, move.side))
    if state.outcome is None:
        state = settle(state, log)
        if state.outcome is None and state.session == session0:
            moves = state.session_moves + 1
            if new_session_at is None and moves >= c.sc.calendar.moves_per_session:
                new_session_at = state.date + dt.timedelta(days=c.stages[state.stage].session_days)
            if new_session_at is not None:
                state = next_session(state, new_session_at, log)
            else:
                state = state.but(session_moves=moves)
    if state.outcome is None and state.ply >= MAX_PLIES:
        ran = f"The talks ran for {MAX_PLIES:,} moves."
        state = end(state, Termination.NO_AGREEMENT, ran, log)
    state = _ensure_move(state, log)
    return state.but(news=tuple(log))


def has_move(state: GameState, side: str) -> bool:
    """Whether ``side`` would have a legal move now if it were its turn."""
    if state.outcome is not None:
        return False
    always = _ALWAYS - {MoveKind.BREAK_OFF} if state.c.is_mediator(side) else _ALWAYS
    if always & set(state.c.stages[state.stage].moves):
        return True
    return some_move(state, side) is not None


def some_move(state: GameState, side: str) -> Move | None:
    """A legal move of ``side`` as if it were its turn, or None when it has none.

    Moves without a package first (as :func:`legal_moves` lists them), then a
    proposal (or counter-offer) of the first value its mandate allows on each open issue.
    """
    if state.outcome is not None:
        return None
    turn = state if state.to_move == side else state.but(to_move=side)
    moves = legal_moves(turn, side)
    if moves:
        return moves[0]
    package = {k: v[0] for k, v in package_space(turn, side).items() if v}
    for kind in _PACKAGE_MOVES:
        move = Move(kind, side, package)
        if package and check(turn, move) is None:
            return move
    return None


def _ensure_move(state: GameState, log: list[Entry]) -> GameState:
    """End the talks when the side to move has no legal move (a stage that allows
    none of its moves now): no caller is ever left asking for a move that cannot be made."""
    if state.outcome is not None or has_move(state, state.to_move):
        return state
    stage = state.c.stages[state.stage].stage.name.get()
    who = name_of(state.c, state.to_move)
    reason = f"{who} has no possible move in the stage {stage}."
    return end(state, Termination.NO_AGREEMENT, reason, log)
