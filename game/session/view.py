"""What one seat at the table may see.

The record of the talks holds every side's entries, some of them confidential:
the instructions a government sends its diplomat, and the mandate changes
that follow. A seat sees its own; of the other side's it sees only that they
happened (a :class:`Withheld` line, with the date and the side, never the
content). Its own mandate, utility and package space come with its view;
the other side's do not. Front ends draw a :class:`SeatView` and decide
nothing about what is secret.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TypeAlias

from game.engine.compiled import Compiled
from game.engine.messages import Msg
from game.engine.moves import Entry, Offer
from game.engine.rules import MoveOption, move_options, package_space
from game.engine.space import Value
from game.engine.state import GameState
from game.engine.timeline import stage_deadline
from game.engine.utility import reservation, utility
from game.scenario import model as m
from game.scenario.model import ALL_MOVES, MoveKind
from game.scenario.values import show

CONFIDENTIAL: Mapping[str, str] = {
    "instructions": "instructions",
    "instructions.none": "instructions",
    "mandate": "mandate",
}
"""Entry codes only their own side reads, and what a withheld line says they were about
(new instructions and no new instructions alike: "heard from home")."""


@dataclass(frozen=True)
class Withheld:
    """Another side's confidential entry: that it happened, and nothing of what it said.

    ``about`` is ``"instructions"`` (the side heard from home) or ``"mandate"``
    (its government changed its mandate).
    """

    date: dt.date
    side: str
    about: str


Seen: TypeAlias = Entry | Withheld
"""A line of the record as a seat sees it."""


def for_seat(entries: Iterable[Entry], seat: str) -> list[Seen]:
    """The entries as ``seat`` may see them: the other sides' confidential ones withheld."""
    out: list[Seen] = []
    for e in entries:
        about = CONFIDENTIAL.get(e.code)
        if about is not None and e.side is not None and e.side != seat:
            out.append(Withheld(e.date, e.side, about))
        else:
            out.append(e)
    return out


def moves_used(c: Compiled) -> tuple[MoveKind, ...]:
    """The kinds of move some stage of the talks allows (stages that end the game aside),
    in the order of the kinds: what a front end offers buttons or commands for."""
    used = {k for info in c.stages.values() if info.stage.end is None for k in info.moves}
    return tuple(k for k in MoveKind if k in used) or tuple(MoveKind)


def stage_limits_moves(state: GameState) -> bool:
    """Whether the stage leaves out a kind of move some other stage of the scenario allows
    (a stage without Reopen says nothing in a scenario where no stage has it): where a
    front end says why only some moves are open (:attr:`SeatView.why_moves`)."""
    allowed = set(state.c.stages[state.stage].moves)
    return not set(moves_used(state.c)) <= allowed


@dataclass(frozen=True)
class SeatView:
    """The game as ``seat`` sees it.

    ``state`` is the public position (date, stage, the offers, what is agreed,
    whose turn); the seat's private figures are read through the view's own
    methods, which answer for this seat only.
    """

    seat: str
    state: GameState
    entries: tuple[Seen, ...]

    @property
    def my_turn(self) -> bool:
        return not self.state.over and self.state.to_move == self.seat

    @property
    def mandate(self) -> m.Mandate:
        """The seat's mandate now."""
        found: m.Mandate = self.state.mandate_of(self.seat)
        return found

    @property
    def reservation(self) -> float:
        """What no deal is worth to the seat (0-1)."""
        return reservation(self.state, self.state.c, self.seat)

    def worth(self, package: Mapping[str, Value]) -> float:
        """What a deal of the agreed terms and ``package`` would be worth to the seat now (0-1)."""
        s = self.state
        return utility(s.c, self.seat, {**s.agreed, **package}, s.date, s)

    def package_space(self) -> dict[str, tuple[Value, ...]]:
        """For each open issue, the values the seat's mandate lets it put in a package."""
        return package_space(self.state, self.seat)

    def options(self) -> list[MoveOption]:
        """Every kind of move, whether the seat may make it now, and why not."""
        return move_options(self.state, self.seat)

    def their_offer(self) -> Offer | None:
        """The offer on the table, if another side made it."""
        offer = self.state.offer
        return offer if offer is not None and offer.by != self.seat else None

    @property
    def why_moves(self) -> Msg | None:
        """One line on why only some kinds of move are open now: the stage allows only
        those (and until when it lasts); None when the stage allows every kind, or it
        is not the seat's turn."""
        s = self.state
        if not self.my_turn:
            return None
        c = s.c
        # Passing needs more than two at the table, reopening an agreed clause: a stage
        # that leaves out a move which could not be made here anyway limits nothing.
        moot: set[MoveKind] = set()
        if len(s.table) <= 2:
            moot.add(MoveKind.PASS)
        if not any(not cl.final for cl in s.clauses.values()):
            moot.add(MoveKind.REOPEN)
        allowed = tuple(k for k in c.stages[s.stage].moves if k not in moot)
        if set(ALL_MOVES) - moot <= set(allowed):
            return None
        name = c.stages[s.stage].stage.name.get()
        kinds = ", ".join(str(k) for k in allowed)
        until = stage_deadline(s)
        return Msg(
            "why_moves.stage",
            f"{name}: only {kinds} are possible in this stage"
            + (f"; the stage lasts until {show(until)}." if until is not None else "."),
            stage=s.stage,
            kinds=tuple(allowed),
            until=until,
        )

    def my_last_offer(self) -> Offer | None:
        """The seat's latest offer, on the table or not."""
        return next((o for o in reversed(self.state.offers) if o.by == self.seat), None)
