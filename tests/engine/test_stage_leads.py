"""Firing a trigger reads the table taken from the stage machine at compile time: it must
lead where the live ``transitions`` machine leads, for nested stages too."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine.compiled import SEPARATOR, Compiled, compile_scenario
from game.persistence.scenarios import bundled_dir
from game.scenario import model as m
from game.scenario.loader import LoadedScenario, load_scenario
from game.scenario.yamlsafe import Located
from tests.conftest import FIXTURES

TRIGGERS = ("agree", "timeout", "break_off", "auto")


def flag_of(cond: m.Condition) -> object:
    return cond.flag


def id_of(cond: m.Condition) -> object:
    return id(cond)


class _Model:
    ctx: Any = None


def live_fire(c: Compiled, model: _Model, stage: str, trigger: str, true: frozenset[object]) -> Any:
    c.machine.set_state(c.stages[stage].path, model)
    model.ctx = true
    if not model.trigger(trigger):  # type: ignore[attr-defined]
        return None
    return str(model.state).split(SEPARATOR)[-1]  # type: ignore[attr-defined]


def compiled(loaded: LoadedScenario, key: Callable[[m.Condition], object]) -> Compiled:
    """``loaded`` compiled so that a condition holds when its key is in the state given."""
    return compile_scenario(loaded, lambda cond, true: key(cond) in true)


def same_as_machine(c: Compiled, key: Callable[[m.Condition], object]) -> int:
    """Compare ``c.fire`` with the live machine for every stage, trigger and truth of
    the conditions on the way; returns the number of cases compared."""
    model = _Model()
    c.machine.add_model(model, initial=c.stages[c.sc.initial].path)
    cases = 0
    try:
        for sid in c.stages:
            for trigger in TRIGGERS:
                leads = c.leads.get((sid, trigger), ())
                keys = list(dict.fromkeys(key(lead.when) for lead in leads if lead.when))
                for bits in itertools.product((False, True), repeat=len(keys)):
                    true = frozenset(k for k, b in zip(keys, bits, strict=True) if b)
                    want = live_fire(c, model, sid, trigger, true)
                    assert c.fire(sid, trigger, true) == want, (sid, trigger, true)
                    cases += 1
    finally:
        c.machine.remove_model(model)
    return cases


def with_stages(stages: tuple[m.Stage, ...]) -> Compiled:
    base = load_scenario(FIXTURES / "scenarios" / "mini.yaml")
    sc = base.scenario.model_copy(update={"stages": stages, "initial": stages[0].id})
    return compiled(LoadedScenario(sc, Located({}, "synthetic"), "synthetic", "x"), flag_of)


def stage(
    sid: str, children: tuple[m.Stage, ...] = (), *moves: tuple[str, str, str | None]
) -> m.Stage:
    return m.Stage(
        id=sid,
        name=m.Text(tr={"en": sid}),
        stages=children,
        initial=children[0].id if children else None,
        transitions=tuple(
            m.Transition(on=on, to=to, when=m.Condition(flag=flag) if flag else None)  # type: ignore[arg-type]
            for on, to, flag in moves
        ),
    )


def test_every_scenario_fires_as_its_machine() -> None:
    paths = sorted(bundled_dir().glob("*.yaml")) + [FIXTURES / "scenarios" / "mini.yaml"]
    for path in paths:
        assert same_as_machine(compiled(load_scenario(path), id_of), id_of) > 0


def test_nested_stages_try_the_inner_stage_first_and_enter_initial_sub_stages() -> None:
    deep = stage(
        "outer",
        (
            stage(
                "middle",
                (
                    stage("inner", (), ("timeout", "other", "x"), ("timeout", "middle", None)),
                    stage("other", (), ("agree", "outer", None)),
                ),
                ("timeout", "done", None),
                ("auto", "other", "y"),
            ),
            stage("side", (stage("side_a"), stage("side_b")), ("auto", "side", "x")),
        ),
        ("timeout", "side", "y"),
        ("auto", "done", "x"),
        ("break_off", "side_b", None),
    )
    c = with_stages((deep, stage("done")))
    assert c.fire("inner", "timeout", frozenset()) == "inner"  # the parent, re-entered
    assert c.fire("inner", "timeout", frozenset({"x"})) == "other"
    assert c.fire("side_b", "auto", frozenset({"x"})) == "side_a"
    assert c.fire("inner", "auto", frozenset({"x"})) == "done"
    assert same_as_machine(c, flag_of) > 20


@st.composite
def stage_trees(draw: st.DrawFn) -> tuple[m.Stage, ...]:
    count = draw(st.integers(2, 9))
    ids = [f"s{i}" for i in range(count)]
    parent = {ids[i]: draw(st.sampled_from([None, *ids[:i]])) for i in range(count)}

    def build(sid: str) -> m.Stage:
        kids = tuple(build(k) for k in ids if parent[k] == sid)
        moves = draw(
            st.lists(
                st.tuples(
                    st.sampled_from(TRIGGERS),
                    st.sampled_from(ids),
                    st.sampled_from([None, "x", "y", "z"]),
                ),
                max_size=4,
            )
        )
        return stage(sid, kids, *moves)

    return tuple(build(sid) for sid in ids if parent[sid] is None)


@settings(max_examples=60, deadline=None)
@given(stage_trees())
def test_random_stage_trees_fire_as_their_machine(stages: tuple[m.Stage, ...]) -> None:
    same_as_machine(with_stages(stages), flag_of)
