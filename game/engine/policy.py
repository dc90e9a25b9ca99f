"""Policies: who chooses a side's moves when no person does.

:class:`AIPolicy` wraps the negotiation-science opponent of
:mod:`game.engine.ai` (configured from the scenario's persona and a
difficulty) and turns its decision into a legal engine move with reasons.
:class:`RandomPolicy` plays random legal moves (tests, ``explore``).
Policies are pure: their randomness is drawn from the game's seed and the
move number, so the same game always gets the same replies.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from game.engine import rng
from game.engine.ai import PRESETS, Negotiator
from game.engine.ai.clauses import agenda_group
from game.engine.ai.learning import MEMORY
from game.engine.ai.mediation import compromise
from game.engine.compiled import Compiled
from game.engine.decisions import decided_move
from game.engine.messages import Msg
from game.engine.moves import IllegalMoveError, Move, MoveKind
from game.engine.rules import (
    check,
    legal_moves,
    mandate_problem,
    package_space,
    pending_instructions,
    some_move,
)
from game.engine.space import IssueSpace, OutcomeSpace
from game.engine.state import GameState
from game.engine.utility import side_view
from game.scenario import model as m

DIFFICULTIES = ("historical", "hard", "easy")
_CLASS = {"principle": "principles", "economic": "economics"}
_ABOUT_ASKING = frozenset({"ai.waiting", "ai.nothing_allowed", "ai.best_below_reservation"})
"""Codes of the AI's reasons that speak of its instructions: dropped when it cannot ask."""
_FALLBACKS = (MoveKind.ADJOURN, MoveKind.REJECT, MoveKind.INSTRUCT, MoveKind.ACCEPT)
"""The moves that change least, the least first."""


@dataclass(frozen=True)
class Choice:
    """A chosen move, the reasons for it in words a player understands, and
    the persona's line for such a move (a scene text from the scenario)."""

    move: Move
    reasons: tuple[str, ...] = ()
    utility: float | None = None
    line: m.Text | None = None


class Policy(Protocol):
    def choose(self, state: GameState, side: str) -> Choice: ...


def _stream(state: GameState, side: str, salt: int) -> Callable[[], float]:
    base = (state.seed * 1_000_003 + zlib.crc32(side.encode()) + salt) & 0xFFFFFFFF
    counter = [state.ply * 64]

    def next_float() -> float:
        counter[0] += 1
        return rng.draw(base, counter[0])

    return next_float


def persona_config(c: Compiled, side: str, difficulty: str = "historical") -> dict[str, Any]:
    """The AI configuration of ``side`` from the scenario's persona and a difficulty."""
    if difficulty not in DIFFICULTIES:
        raise ValueError(f"unknown difficulty '{difficulty}': use one of {', '.join(DIFFICULTIES)}")
    persona = c.parties[side].persona
    config: dict[str, Any] = {
        "preset": difficulty,
        "issue_class": {i.id: _CLASS[i.categories.get(side, i.category)] for i in c.sc.issues},
        "name": c.parties[side].diplomat.name.get(),
    }
    rules = [_rule(rule, side, i) for i, rule in enumerate(persona.rules)]
    if difficulty == "historical":
        config["class_beta"] = {
            "principles": persona.beta_principles,
            "economics": persona.beta_economics,
        }
        config["rules"] = rules
    elif difficulty == "hard":
        config["rules"] = rules
    return config


def _rule(rule: m.LinkageRule, side: str, index: int) -> dict[str, Any]:
    text = rule.text.get().replace("{", "{{").replace("}", "}}")
    text = text.replace("{{price}}", "{price}").replace("{{principle}}", "{principle}")
    return {
        "kind": "linkage",
        "principles": list(rule.principles),
        "price": {k: list(v) for k, v in rule.price.items()},
        "reason": text,
        "ref": (side, index),
    }


@dataclass
class AIPolicy:
    """The scenario's AI opponent for one side."""

    c: Compiled
    side: str
    difficulty: str = "historical"
    negotiator: Negotiator = field(init=False)
    _by_shift: dict[float, Negotiator] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.negotiator = Negotiator.from_config(persona_config(self.c, self.side, self.difficulty))

    def for_shift(self, shift: float) -> Negotiator:
        """The negotiator conceding faster (shift > 0) or slower (shift < 0) than its persona."""
        if shift == 0.0:
            return self.negotiator
        if shift not in self._by_shift:
            config = persona_config(self.c, self.side, self.difficulty)
            factor = min(5.0, max(0.2, 1.0 + 2.0 * shift))
            base = dict(PRESETS[self.difficulty])
            config["beta"] = float(config.get("beta", base.get("beta", 1.0))) * factor
            classes = config.get("class_beta", base.get("class_beta", {}))
            config["class_beta"] = {k: float(v) * factor for k, v in classes.items()}
            self._by_shift[shift] = Negotiator.from_config(config)
        return self._by_shift[shift]

    def choose(self, state: GameState, side: str) -> Choice:
        asking = self._must_ask(state, side)
        if asking is not None:
            return asking
        view = side_view(state, side)
        if not view.space.issues:
            return Choice(
                fallback(state, side),
                (Msg("ai.nothing_open", "Nothing is open for negotiation at this stage."),),
            )
        negotiator = self.for_shift(round(state.shift(side, "concession"), 6))
        decision = negotiator.decide(view, _stream(state, side, 17))
        move = decided_move(state, side, decision)
        reasons = tuple(decision.reasons)
        if move.kind is MoveKind.INSTRUCT and not (
            self.c.parties[side].persona.asks_instructions and pending_instructions(state, side)
        ):
            move = Move(MoveKind.ADJOURN, side)
            reasons = tuple(r for r in reasons if _code(r) not in _ABOUT_ASKING) + (
                Msg("ai.nothing_more", "Nothing more can be done at this meeting."),
            )
        if check(state, move) is not None:
            move = fallback(state, side)
            reasons += (Msg("ai.nothing_better", "(nothing better is open to me now)"),)
        lines = self.c.parties[side].persona.lines
        return Choice(move, reasons, decision.utility, lines.get(move.kind))

    def _must_ask(self, state: GameState, side: str) -> Choice | None:
        """Ask home when the other side's offer goes beyond the mandate and
        the government has something to say (the diplomat cannot sign it)."""
        offer = state.offer
        if (
            offer is None
            or side not in offer.waiting
            or not self.c.parties[side].persona.asks_instructions
        ):
            return None
        problem = mandate_problem(state, side, dict(offer.package), "my")
        if problem is None or not pending_instructions(state, side):
            return None
        move = Move(MoveKind.INSTRUCT, side)
        if check(state, move) is not None:
            return None
        party = self.c.parties[side]
        home = party.home.get() if party.home else party.name.get()
        reason = Msg(
            "ai.must_ask",
            f"{problem[0].upper()}{problem[1:]}; I must ask {home} for instructions.",
            side=side,
            problem=problem,
        )
        return Choice(move, (reason,), None, party.persona.lines.get(MoveKind.INSTRUCT))


def _code(reason: str) -> str | None:
    return reason.code if isinstance(reason, Msg) else None


def fallback(state: GameState, side: str) -> Move:
    """A legal move that changes least: adjourn if possible, else any legal move.

    Always legal while the game goes on (the engine ends the talks when the side to
    move has no legal move); raises IllegalMoveError when the game is over.
    """
    moves = legal_moves(state, side)
    for kind in _FALLBACKS:
        for mv in moves:
            if mv.kind is kind:
                return mv
    move = some_move(state, side)
    if move is None or check(state, move) is not None:
        reason = check(state, Move(MoveKind.ADJOURN, side))
        raise IllegalMoveError(reason or "There is no legal move.")
    return move


@dataclass
class MediatorPolicy:
    """The computer mediator: it proposes a compromise near the Nash point (or the
    Kalai–Smorodinsky point, ``method="kalai"``) of its estimates of the signatories'
    utilities, learnt from the positions each has stated (:mod:`game.engine.ai.mediation`),
    and says why; by its persona's agenda, group by group. It proposes once a session
    (its proposal replaces the offer on the table), again in the same session
    only when the table is clear and the positions have moved since, and otherwise yields
    the floor."""

    method: str = "nash"

    def choose(self, state: GameState, side: str) -> Choice:
        proposal = self._proposal(state, side)
        if proposal is not None:
            return proposal
        for kind in (MoveKind.PASS, MoveKind.ADJOURN):
            move = Move(kind, side)
            if check(state, move) is None:
                waiting = state.offer is not None and bool(state.offer.waiting)
                return Choice(move, (MEDIATOR_WAITS,) if waiting else ())
        return Choice(fallback(state, side))

    def _proposal(self, state: GameState, side: str) -> Choice | None:
        c = state.c
        open_ids = state.open_issues()
        offer = state.offer
        if not open_ids or (offer is not None and offer.by == side):
            return None  # its own proposal awaits the answers
        offers = state.offers
        mine = next((i for i in range(len(offers) - 1, -1, -1) if offers[i].by == side), None)
        signers = [p for p in state.table if not c.is_mediator(p)]
        if mine is not None and offers[mine].date == state.date:
            moved = any(o.by in signers for o in offers[mine + 1 :])
            if offer is not None or not moved:
                return None  # once a session, unless the table is clear and positions moved
        said = {p: [o.package for o in offers if o.by == p][-MEMORY:] for p in signers}
        space = OutcomeSpace(tuple(IssueSpace(i, c.grid[i]) for i in open_ids))
        found = compromise(space, said, self.method)
        group = agenda_group(c.parties[side].persona.agenda, open_ids)
        package = found.package if group is None else {k: found.package[k] for k in group}
        move = Move(MoveKind.PROPOSE, side, package)
        if check(state, move) is not None:
            return None
        reasons: list[str] = [_BALANCE[self.method]]
        for party, issue in found.has_its_way.items():
            if issue is not None and issue in package:
                reasons.append(
                    Msg(
                        "ai.mediator_gives",
                        f"{c.parties[party].name.get()} has its way on "
                        f"{c.issues[issue].name.get()}.",
                        side=party,
                        issue=issue,
                    )
                )
        lines = c.parties[side].persona.lines
        return Choice(move, tuple(reasons), None, lines.get(MoveKind.PROPOSE))


MEDIATOR_WAITS = Msg("ai.mediator_waits", "I wait for the parties' answers.")
_BALANCE = {
    "nash": Msg(
        "ai.mediator_nash",
        "I propose the terms that give you together most of what each of you has shown "
        "you want: no one's gain is bought with another's greater loss.",
        method="nash",
    ),
    "kalai": Msg(
        "ai.mediator_kalai",
        "I propose the terms that give each of you the same share of what you have asked for.",
        method="kalai",
    ),
}


@dataclass
class RandomPolicy:
    """Random legal moves, with random packages inside the mandate (breaking off and
    reopening clauses only when asked to)."""

    break_off: bool = False
    reopen: bool = False

    def choose(self, state: GameState, side: str) -> Choice:
        draw = _stream(state, side, 99)
        moves = [
            mv
            for mv in legal_moves(state, side)
            if (self.break_off or mv.kind is not MoveKind.BREAK_OFF)
            and (self.reopen or mv.kind is not MoveKind.REOPEN)
        ]
        space = {k: v for k, v in package_space(state, side).items() if v}
        if space and MoveKind.PROPOSE in state.c.stages[state.stage].moves:
            keys = [k for k in space if draw() < 0.7] or [next(iter(space))]
            pkg = {k: space[k][int(draw() * len(space[k]))] for k in keys}
            moves.append(Move(MoveKind.PROPOSE, side, pkg))
        if not moves:
            return Choice(fallback(state, side))
        return Choice(moves[int(draw() * len(moves))])


def make_policy(c: Compiled, side: str, kind: str = "historical") -> Policy:
    """A policy by name: a difficulty (historical, hard, easy) or ``random``. A
    mediator's AI, at any difficulty, is :class:`MediatorPolicy`."""
    if kind in _OTHER_POLICIES:
        return _OTHER_POLICIES[kind]()
    if c.is_mediator(side):
        if kind not in DIFFICULTIES:
            raise ValueError(f"unknown difficulty '{kind}': use one of {', '.join(DIFFICULTIES)}")
        return MediatorPolicy()
    return AIPolicy(c, side, kind)


_OTHER_POLICIES: dict[str, Callable[[], Policy]] = {"random": RandomPolicy}
"""Policies by name that are not a difficulty of the AI."""
