"""Moves are values of a closed type: one handler per kind, decided on codes, never on
English text; a move built with the wrong Python types is an illegal move."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest

from game.engine import IllegalMoveError, Move, MoveKind, apply, move_options, new_game
from game.engine.ai.decision import KINDS, Decision, DecisionKind
from game.engine.decisions import DECISION_MOVES, decided_move
from game.engine.messages import Msg
from game.engine.movekinds import HANDLERS, MoveInput
from game.engine.policy import AIPolicy
from game.engine.record import Record, RecordError
from game.persistence.scenarios import load
from tests.conftest import FIXTURES

MINI = load(FIXTURES / "scenarios" / "mini.yaml")

WRONG_TYPES: list[tuple[dict[str, Any], str]] = [
    ({"kind": "propose", "side": ["north"], "package": {"rent": 24}}, "side"),
    ({"kind": "propose", "side": None, "package": {"rent": 24}}, "side"),
    ({"kind": "propose", "side": "north", "package": 24}, "package"),
    ({"kind": "propose", "side": "north", "package": [("rent", 24)]}, "package"),
    ({"kind": "propose", "side": "north", "package": {"rent": [24]}}, "value of 'rent'"),
    ({"kind": "propose", "side": "north", "package": {"rent": {24: 1}}}, "value of 'rent'"),
    ({"kind": "propose", "side": "north", "package": {"rent": None}}, "value of 'rent'"),
    ({"kind": "propose", "side": "north", "package": {("rent",): 24}}, "issues by their ids"),
    ({"kind": "argue", "side": "north", "argument": ["trade"]}, "argument"),
    ({"kind": "argue", "side": "north", "argument": 3}, "argument"),
    ({"kind": "adjourn", "side": "north", "until": "1924-02-01"}, "until a date"),
    ({"kind": "adjourn", "side": "north", "until": dt.datetime(1924, 2, 1)}, "until a date"),
    ({"kind": 5, "side": "north"}, "'5' is not a move"),
    ({"kind": None, "side": "north"}, "'None' is not a move"),
    ({"kind": ["propose"], "side": "north"}, "is not a move"),
    ({"kind": "dance", "side": "north"}, "'dance' is not a move"),
]


@pytest.mark.parametrize(("fields", "said"), WRONG_TYPES, ids=[w for _, w in WRONG_TYPES])
def test_a_move_of_the_wrong_types_is_illegal_and_the_state_stays(
    fields: dict[str, Any], said: str
) -> None:
    state = new_game(MINI, 1)
    before = (state.ply, state.to_move, state.offer, dict(state.used), state.news)
    with pytest.raises(IllegalMoveError) as err:
        apply(state, Move(**fields))
    assert said in err.value.reason
    assert isinstance(err.value.reason, Msg) and err.value.reason.code
    assert (state.ply, state.to_move, state.offer, dict(state.used), state.news) == before
    assert apply(state, Move("propose", "north", {"rent": 24})).offer is not None


def test_a_kind_s_name_makes_its_move_kind() -> None:
    move = Move("propose", "north", {"rent": 24})
    assert move.kind is MoveKind.PROPOSE
    assert move.to_json() == {"kind": "propose", "side": "north", "package": {"rent": 24}}
    assert Move.from_json(move.to_json()) == move
    with pytest.raises(TypeError):
        move.package["rent"] = 26  # type: ignore[index]


def test_a_record_with_a_move_of_the_wrong_types_names_it() -> None:
    data = Record("mini", "x", 1, (Move("propose", "north", {"rent": 24}),)).to_json()
    data["moves"].append({"kind": "argue", "side": "south", "argument": ["trade"]})
    with pytest.raises(RecordError, match=r"game.json: damaged save file \(move 2: An argument"):
        Record.from_json(data, "game.json")
    data["moves"][1] = {"kind": "threaten", "side": "south"}
    with pytest.raises(RecordError, match="move 2: 'threaten' is not a move"):
        Record.from_json(data, "game.json")


def test_every_kind_has_one_handler_in_the_kinds_order() -> None:
    assert tuple(HANDLERS) == tuple(MoveKind)
    for kind, handler in HANDLERS.items():
        assert handler.kind is kind
    takes = {kind: h.needs.takes for kind, h in HANDLERS.items()}
    assert takes[MoveKind.PROPOSE] is MoveInput.PACKAGE
    assert takes[MoveKind.ARGUE] is MoveInput.ARGUMENT
    assert takes[MoveKind.ADJOURN] is MoveInput.DATE
    assert HANDLERS[MoveKind.BREAK_OFF].needs.confirm
    assert not HANDLERS[MoveKind.ACCEPT].needs.dialog


def test_every_decision_becomes_its_move_and_an_unknown_one_raises() -> None:
    state = new_game(MINI, 1)
    assert set(DECISION_MOVES) == KINDS
    for kind in DecisionKind:
        decision = Decision(kind, package={"rent": 24}, argument="trade", issue="rent")
        move = decided_move(state, "north", decision)
        assert move.kind in DECISION_MOVES[kind]
    offered = apply(state, Move("propose", "north", {"rent": 24}))
    counter = decided_move(offered, "south", Decision("offer", package={"rent": 16}))
    assert counter.kind is MoveKind.COUNTER
    with pytest.raises(ValueError, match="dance"):
        decided_move(state, "north", SimpleNamespace(kind="dance"))  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Decision("dance")


def test_with_every_issue_agreed_a_package_move_says_so_by_its_code() -> None:
    state = new_game(MINI, 1).but(agreed={"rent": 20, "term": "medium"})
    options = {o.kind: o for o in move_options(state, "north")}
    assert not options[MoveKind.PROPOSE].allowed
    reason = options[MoveKind.PROPOSE].reason
    assert isinstance(reason, Msg) and reason.code == "no_open_issue"
    fresh = {o.kind: o for o in move_options(new_game(MINI, 1), "north")}
    assert fresh[MoveKind.PROPOSE].allowed and not fresh[MoveKind.COUNTER].allowed


class _Asks:
    """A negotiator that wants to ask home for instructions, with these reasons."""

    def __init__(self, reasons: tuple[str, ...]) -> None:
        self.reasons = reasons

    def decide(self, view: Any, rng: Any = None) -> Decision:
        return Decision(DecisionKind.REQUEST_INSTRUCTIONS, reasons=self.reasons)


def test_an_ai_that_may_not_ask_adjourns_and_drops_its_reasons_about_asking_by_code() -> None:
    state = apply(new_game(MINI, 1), Move("propose", "north", {"rent": 24}))
    policy = AIPolicy(MINI, "south")
    assert not MINI.parties["south"].instructions  # nothing to ask for
    kept = Msg("ai.gap", "Our instructions put us 10 apart.")  # the word, not the code
    policy.negotiator = _Asks(  # type: ignore[assignment]
        (
            Msg("ai.nothing_allowed", "My orders leave nothing."),
            kept,
            Msg("ai.waiting", "We wait."),
        )
    )
    choice = policy.choose(state, "south")
    assert choice.move.kind is MoveKind.ADJOURN
    assert [getattr(r, "code", None) for r in choice.reasons] == ["ai.gap", "ai.nothing_more"]
