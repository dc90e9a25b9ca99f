"""A scenario prepared for play: value grids, utility tables, the stage machine.

Built once per loaded scenario (:func:`compile_scenario`) and shared by every
game state of it. The stage machine is one ``transitions`` hierarchical
machine; the engine adds a model to it, sets the model's state and fires a
trigger to learn where a transition leads. Legality stays in the engine;
the machine only holds the stage graph and its conditions.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from transitions.extensions.nesting import HierarchicalMachine, NestedState

from game.engine.space import IssueSpace, OutcomeSpace, Value
from game.scenario import model as m
from game.scenario.kinds import kind_of
from game.scenario.loader import LoadedScenario

SEPARATOR = "/"

logging.getLogger("transitions").setLevel(logging.ERROR)


class _Stage(NestedState):
    separator = SEPARATOR


class StageMachine(HierarchicalMachine):
    """The scenario's stages as one hierarchical state machine."""

    state_cls = _Stage


class StageModel:
    """The model added to the machine; ``ctx`` is the state being evaluated."""

    state: str
    ctx: Any = None


@dataclass(frozen=True)
class StageInfo:
    """A stage with what it inherits from its ancestors."""

    stage: m.Stage
    path: str
    ancestors: tuple[str, ...]
    open: tuple[str, ...]
    moves: tuple[str, ...]
    session_days: int


@dataclass
class Compiled:
    """Everything the rules need from a scenario, precomputed."""

    loaded: LoadedScenario
    sc: m.Scenario
    issues: dict[str, m.Issue]
    grid: dict[str, tuple[Value, ...]]
    space: OutcomeSpace
    parties: dict[str, m.Party]
    roles: dict[str, str]
    tables: dict[str, dict[str, tuple[float, ...]]]
    stages: dict[str, StageInfo]
    events: dict[str, m.Event]
    arguments: dict[str, m.Argument]
    machine: StageMachine
    model: StageModel
    triggers: dict[str, frozenset[str]] = field(default_factory=dict)
    memo: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.sc.id

    @property
    def hash(self) -> str:
        return self.loaded.hash

    def other(self, side: str) -> str:
        a, b = (p.id for p in self.sc.parties)
        return b if side == a else a

    def leaf_of(self, stage_id: str) -> str:
        """The stage entered when ``stage_id`` is entered (its initial sub-stage, recursively)."""
        stage = self.stages[stage_id].stage
        while stage.stages:
            assert stage.initial is not None
            stage = self.stages[stage.initial].stage
        return stage.id

    def fire(self, stage_id: str, trigger: str, ctx: Any) -> str | None:
        """Where ``trigger`` leads from ``stage_id`` given state ``ctx``; None if nowhere."""
        if trigger not in self.triggers[stage_id]:
            return None
        model = self.model
        self.machine.set_state(self.stages[stage_id].path, model)
        model.ctx = ctx
        try:
            moved = bool(model.trigger(trigger))  # type: ignore[attr-defined]
        finally:
            model.ctx = None
        if not moved:
            return None
        return str(model.state).split(SEPARATOR)[-1]


def value_table(
    issue: m.Issue, values: tuple[Value, ...], points: dict[Any, float]
) -> tuple[float, ...]:
    """A side's value (0..1) of every value of an issue."""
    kind = kind_of(issue)
    return tuple(kind.worth(points, v) for v in values)


def stage_states(stages: tuple[m.Stage, ...]) -> list[dict[str, Any]]:
    """The stages as ``transitions`` state definitions (nested where a stage has sub-stages)."""
    out: list[dict[str, Any]] = []
    for stage in stages:
        entry: dict[str, Any] = {"name": stage.id}
        if stage.stages:
            entry["children"] = stage_states(stage.stages)
            entry["initial"] = stage.initial
        out.append(entry)
    return out


def _stage_infos(
    stages: tuple[m.Stage, ...],
    parent: StageInfo | None,
    sc: m.Scenario,
    out: dict[str, StageInfo],
) -> None:
    for stage in stages:
        path = f"{parent.path}{SEPARATOR}{stage.id}" if parent else stage.id
        info = StageInfo(
            stage=stage,
            path=path,
            ancestors=(parent.ancestors + (parent.stage.id,)) if parent else (),
            open=stage.open if stage.open is not None else (parent.open if parent else ()),
            moves=tuple(stage.moves)
            if stage.moves is not None
            else (parent.moves if parent else m.ALL_MOVES),
            session_days=stage.session_days
            or (parent.session_days if parent else sc.calendar.session_days),
        )
        out[stage.id] = info
        _stage_infos(stage.stages, info, sc, out)


def compile_scenario(
    loaded: LoadedScenario, evaluate: Callable[[m.Condition, Any], bool]
) -> Compiled:
    """Prepare a loaded scenario for play. ``evaluate`` decides a condition in a state."""
    sc = loaded.scenario
    issues = {i.id: i for i in sc.issues}
    grid = {i.id: kind_of(i).grid(i) for i in sc.issues}
    space = OutcomeSpace(tuple(IssueSpace(i.id, grid[i.id]) for i in sc.issues))
    parties = {p.id: p for p in sc.parties}
    tables = {
        p.id: {
            iid: value_table(issues[iid], grid[iid], pts)
            for iid, pts in p.preferences.values.items()
        }
        for p in sc.parties
    }
    stages: dict[str, StageInfo] = {}
    _stage_infos(sc.stages, None, sc, stages)
    machine = StageMachine(
        model=None,
        states=stage_states(sc.stages),
        initial=stages[sc.initial].path,
        auto_transitions=False,
        send_event=True,
        ignore_invalid_triggers=True,
    )
    for info in stages.values():
        for tr in info.stage.transitions:
            cond = tr.when
            conditions: list[str | Callable[..., bool | None]] = (
                [lambda event, c=cond: evaluate(c, event.model.ctx)] if cond is not None else []
            )
            machine.add_transition(tr.on, info.path, stages[tr.to].path, conditions=conditions)
    model = StageModel()
    machine.add_model(model, initial=stages[sc.initial].path)
    triggers: dict[str, frozenset[str]] = {
        sid: frozenset(
            str(tr.on) for s in info.ancestors + (sid,) for tr in stages[s].stage.transitions
        )
        for sid, info in stages.items()
    }
    return Compiled(
        triggers=triggers,
        loaded=loaded,
        sc=sc,
        issues=issues,
        grid=grid,
        space=space,
        parties=parties,
        roles={p.diplomat.id: p.id for p in sc.parties},
        tables=tables,
        stages=stages,
        events={e.id: e for e in sc.events},
        arguments={a.id: a for a in sc.arguments},
        machine=machine,
        model=model,
    )


def days_between(a: dt.date, b: dt.date) -> int:
    return (b - a).days
