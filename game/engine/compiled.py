"""A scenario prepared for play: value grids, utility tables, the stage machine.

Built once per loaded scenario (:func:`compile_scenario`) and shared by every
game state of it, in any number of games and threads: nothing in it changes
after it is built. The stage machine is one ``transitions`` hierarchical
machine (it draws the stage graph); where a trigger leads from each stage is
read from it once, at compile time, into :attr:`Compiled.leads` (the
candidates in the order the machine tries them), so firing a trigger decides
the conditions in the given state and moves no shared model. Legality stays in
the engine; the machine only holds the stage graph and its conditions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from transitions.extensions.nesting import HierarchicalMachine, NestedState

from game.engine.space import IssueSpace, OutcomeSpace, Value
from game.scenario import model as m
from game.scenario.kinds import kind_of
from game.scenario.loader import LoadedScenario

SEPARATOR = "/"

Evaluate = Callable[[m.Condition, Any], bool]
"""Decides a scenario condition in a game state."""


class _Stage(NestedState):
    separator = SEPARATOR


class StageMachine(HierarchicalMachine):
    """The scenario's stages as one hierarchical state machine."""

    state_cls = _Stage


@dataclass(frozen=True)
class When:
    """A transition's condition as the machine holds it.

    Called by ``transitions`` with its event, it decides the condition in the
    state its model carries as ``ctx``; the engine reads :attr:`cond` instead.
    """

    cond: m.Condition
    evaluate: Evaluate

    def __call__(self, event: Any) -> bool:
        return self.evaluate(self.cond, event.model.ctx)


@dataclass(frozen=True)
class Lead:
    """One way a trigger may lead out of a stage: to ``to`` (a leaf stage) if ``when`` holds."""

    when: m.Condition | None
    to: str


@dataclass(frozen=True)
class StageInfo:
    """A stage with what it inherits from its ancestors.

    ``parties``: who sits at the table, in the scenario's order (the turn
    order); ``final``: whether clauses agreed here are final; ``reopen``: what
    reopening a clause costs; ``side_agreements``: whether the parties at the
    table may agree clauses when not every signatory sits there.
    """

    stage: m.Stage
    path: str
    ancestors: tuple[str, ...]
    open: tuple[str, ...]
    moves: tuple[m.MoveKind, ...]
    session_days: int
    parties: tuple[str, ...] = ()
    final: bool = False
    reopen: m.Reopen | None = None
    side_agreements: bool = False


@dataclass(eq=False)
class Compiled:
    """Everything the rules need from a scenario, precomputed; shared and never changed."""

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
    evaluate: Evaluate
    leads: Mapping[tuple[str, str], tuple[Lead, ...]] = field(default_factory=dict)
    """Per (stage, trigger): where the trigger may lead, in the order the machine tries."""
    memo: dict[str, Any] = field(default_factory=dict)
    """Values derived once per scenario. Set only with ``memo.setdefault(key, value)``
    (atomic), of a value computed from the scenario alone, so that threads that
    compute it at once agree on one."""

    @property
    def id(self) -> str:
        return self.sc.id

    @property
    def hash(self) -> str:
        return self.loaded.hash

    def __deepcopy__(self, memo: dict[int, Any]) -> Compiled:
        return self  # shared and never changed, like a module

    @property
    def order(self) -> tuple[str, ...]:
        """Every party's id, in the scenario's order (the order of turns)."""
        return tuple(self.parties)

    @property
    def signatories(self) -> tuple[str, ...]:
        """The parties that sign the treaty, in the scenario's order."""
        return tuple(p.id for p in self.sc.parties if p.role == "signatory")

    def is_mediator(self, side: str) -> bool:
        """Whether ``side`` is a mediator (proposes and argues, never signs or accepts)."""
        party = self.parties.get(side)
        return party is not None and party.role == "mediator"

    @property
    def marks(self) -> frozenset[str]:
        """The milestones (``signed``, ``ratified``, ``registered``) stages are marked with."""
        return frozenset(i.stage.milestone for i in self.stages.values() if i.stage.milestone)

    def others(self, side: str) -> tuple[str, ...]:
        """Every party but ``side``, in the scenario's order."""
        return tuple(p for p in self.parties if p != side)

    def leaf_of(self, stage_id: str) -> str:
        """The stage entered when ``stage_id`` is entered (its initial sub-stage, recursively)."""
        stage = self.stages[stage_id].stage
        while stage.stages:
            assert stage.initial is not None
            stage = self.stages[stage.initial].stage
        return stage.id

    def fire(self, stage_id: str, trigger: str, ctx: Any) -> str | None:
        """Where ``trigger`` leads from ``stage_id`` given state ``ctx``; None if nowhere."""
        for lead in self.leads.get((stage_id, trigger), ()):
            if lead.when is None or self.evaluate(lead.when, ctx):
                return lead.to
        return None


def value_table(
    issue: m.Issue, values: tuple[Value, ...], points: dict[Any, float]
) -> tuple[float, ...]:
    """A side's value (0..1) of every value of an issue."""
    return kind_of(issue).worths(points, values)


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
    everyone = tuple(p.id for p in sc.parties)
    for stage in stages:
        path = f"{parent.path}{SEPARATOR}{stage.id}" if parent else stage.id
        seated = stage.parties if stage.parties is not None else None
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
            parties=tuple(p for p in everyone if p in seated)
            if seated is not None
            else (parent.parties if parent else everyone),
            final=stage.clauses == "final"
            if stage.clauses is not None
            else (parent.final if parent else False),
            reopen=stage.reopen
            if stage.reopen is not None
            else (parent.reopen if parent else None),
            side_agreements=stage.side_agreements
            if stage.side_agreements is not None
            else (parent.side_agreements if parent else False),
        )
        out[stage.id] = info
        _stage_infos(stage.stages, info, sc, out)


def compile_scenario(loaded: LoadedScenario, evaluate: Evaluate) -> Compiled:
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
            conditions: list[str | Callable[..., bool | None]] = (
                [When(tr.when, evaluate)] if tr.when is not None else []
            )
            machine.add_transition(tr.on, info.path, stages[tr.to].path, conditions=conditions)
    c = Compiled(
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
        evaluate=evaluate,
    )
    c.leads = stage_leads(c)
    return c


def stage_leads(c: Compiled) -> dict[tuple[str, str], tuple[Lead, ...]]:
    """Where each trigger may lead from each stage, read from the machine.

    ``transitions`` tries the transitions of the stage itself first, then those of
    each enclosing stage outwards, each stage's in the order they were added, and
    takes the first whose condition holds; entering a stage with sub-stages
    enters its initial sub-stage, recursively.
    """
    out: dict[tuple[str, str], tuple[Lead, ...]] = {}
    for sid, info in c.stages.items():
        chain = (sid, *reversed(info.ancestors))
        for trigger, event in c.machine.events.items():
            leads = []
            for source in chain:
                for tr in event.transitions.get(c.stages[source].path, ()):
                    whens = [c.func for c in tr.conditions if c.target and isinstance(c.func, When)]
                    assert len(whens) == len(tr.conditions) <= 1
                    to = c.leaf_of(str(tr.dest).split(SEPARATOR)[-1])
                    leads.append(Lead(whens[0].cond if whens else None, to))
            if leads:
                out[(sid, str(trigger))] = tuple(leads)
    return out


def days_between(a: dt.date, b: dt.date) -> int:
    return (b - a).days
