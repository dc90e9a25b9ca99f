"""The stage graph of a scenario as Mermaid or Graphviz DOT text, the historical path marked.

Both come from the live ``transitions`` machine: Mermaid from a
:class:`~transitions.extensions.HierarchicalGraphMachine` with
``graph_engine="mermaid"`` built from the same states and transitions as the
engine's machine, DOT from walking the engine's machine itself (so Graphviz
need not be installed). The stages the historical path passes through are
styled, and the transitions it takes are drawn bold and numbered.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, cast

from transitions.extensions import HierarchicalGraphMachine
from transitions.extensions.nesting import NestedState

from game.engine.compiled import SEPARATOR, Compiled, stage_states
from game.engine.moves import IllegalMoveError
from game.engine.record import step_move
from game.engine.rules import apply, new_game
from game.scenario import model as m

HISTORY_STYLE = {"fill": "#ffe8a3", "color": "black", "stroke": "#b35900", "stroke-width": "3px"}


class _GraphStage(NestedState):
    separator = SEPARATOR


class _GraphMachine(HierarchicalGraphMachine):  # type: ignore[misc,unused-ignore]
    state_cls = _GraphStage


@dataclass
class HistoryPath:
    """The stages the historical path passes through, in order, and the edges it takes."""

    stages: list[str] = field(default_factory=list)
    edges: list[tuple[str, str]] = field(default_factory=list)
    problem: str | None = None


def history_path(c: Compiled) -> HistoryPath:
    """Replay the historical path (as far as it goes) and list the stages entered."""
    out = HistoryPath()
    if not c.sc.history:
        return out
    state = new_game(c, 0)
    for i, step in enumerate(c.sc.history):
        try:
            state = apply(state, step_move(step))
        except IllegalMoveError as exc:
            out.problem = f"history step {i + 1} is illegal: {exc.reason}"
            break
    leaves = [sid for sid, _ in state.milestones]
    for leaf in leaves:
        for sid in c.stages[leaf].ancestors + (leaf,):
            if sid not in out.stages:
                out.stages.append(sid)
    for a, b in zip(leaves, leaves[1:], strict=False):
        src = _taken(c, a, b)
        if src is not None:
            out.edges.append(src)
    return out


def _taken(c: Compiled, leaf: str, target_leaf: str) -> tuple[str, str] | None:
    """The (source, target) stage ids of the transition that led from ``leaf`` to ``target_leaf``."""
    for sid in reversed(c.stages[leaf].ancestors + (leaf,)):
        for tr in c.stages[sid].stage.transitions:
            if tr.to in c.stages and c.leaf_of(tr.to) == target_leaf:
                return sid, tr.to
    return None


def condition_text(cond: m.Condition | None) -> str:
    """A condition in a few words, for edge labels."""
    if cond is None:
        return ""
    if cond.all_ is not None:
        return " and ".join(condition_text(x) for x in cond.all_)
    if cond.any_ is not None:
        return "(" + " or ".join(condition_text(x) for x in cond.any_) + ")"
    if cond.not_ is not None:
        return "not " + condition_text(cond.not_)
    for key in ("fired", "after", "before", "agreed", "stage", "flag"):
        value = getattr(cond, key)
        if value is not None:
            return f"{key} {value.isoformat() if isinstance(value, dt.date) else value}"
    if cond.term is not None:
        return f"term {cond.term.issue}"
    if cond.mandate is not None:
        return f"mandate {cond.mandate.party}={cond.mandate.is_}"
    return ""


def _label(tr: m.Transition) -> str:
    cond = condition_text(tr.when)
    return f"{tr.on} [{cond}]" if cond else tr.on


def _edge_labels(c: Compiled, hist: HistoryPath) -> dict[tuple[str, str], str]:
    """Label of every edge (source path, dest path), history steps numbered."""
    labels: dict[tuple[str, str], list[str]] = {}
    for info in c.stages.values():
        for tr in info.stage.transitions:
            if tr.to in c.stages:
                labels.setdefault((info.path, c.stages[tr.to].path), []).append(_label(tr))
    out = {k: " | ".join(v) for k, v in labels.items()}
    for n, (a, b) in enumerate(hist.edges, start=1):
        key = (c.stages[a].path, c.stages[b].path)
        if key in out:
            out[key] += f" (history {n})" if "(history" not in out[key] else f", {n}"
    return out


def _label_text(c: Compiled, sid: str) -> str:
    """A stage's name, and what the graph should show of it: its end, the milestone it
    dates, who sits at its table (where the stage says), side agreements, final clauses."""
    st = c.stages[sid].stage
    name = st.name.get().replace('"', "'")
    marks = [str(st.end)] if st.end else []
    if st.milestone:
        marks.append(st.milestone)
    if st.parties is not None:
        marks.append(" + ".join(st.parties))
    if st.side_agreements:
        marks.append("side agreements")
    if st.clauses == "final":
        marks.append("final clauses")
    return f"{name} [{'; '.join(marks)}]" if marks else name


def to_mermaid(c: Compiled, hist: HistoryPath | None = None) -> str:
    """The stage graph as a Mermaid ``stateDiagram-v2``."""
    hist = hist or history_path(c)
    machine = _GraphMachine(
        model=None,
        states=stage_states(c.sc.stages),
        initial=c.stages[c.sc.initial].path,
        auto_transitions=False,
        graph_engine="mermaid",
        title=c.sc.meta.title.get().replace("\n", " "),
    )
    for info in c.stages.values():
        for tr in info.stage.transitions:
            if tr.to in c.stages:
                machine.add_transition(tr.on, info.path, c.stages[tr.to].path)
    node_styles = cast(dict[str, Any], machine.style_attributes["node"])
    node_styles["history"] = dict(HISTORY_STYLE)

    class _Model:
        pass

    model = _Model()
    machine.add_model(model, initial=c.stages[c.sc.initial].path)
    graph = model.get_graph()  # type: ignore[attr-defined]
    source = str(graph.draw(None))
    labels = _edge_labels(c, hist)
    names = {info.path: _label_text(c, sid) for sid, info in c.stages.items()}
    lines: list[str] = []
    edge = re.compile(r"^(\s*)(\S+) --> (\S+): (.*)$")
    state = re.compile(r'^(\s*)state "([^"]*)" as (\S+)$')
    for line in source.splitlines():
        mt = state.match(line)
        if mt and mt.group(3) in names:
            line = f'{mt.group(1)}state "{names[mt.group(3)]}" as {mt.group(3)}'
        if line.lstrip().startswith("Class "):  # Mermaid documents the keyword in lower case
            line = line.replace("Class ", "class ", 1)
            if line.endswith(" s_active"):  # the machine's model sits at the start: not a style
                line = line.removesuffix(" s_active") + " s_default"
        me = edge.match(line)
        if me and (me.group(2), me.group(3)) in labels:
            line = f"{me.group(1)}{me.group(2)} --> {me.group(3)}: {labels[(me.group(2), me.group(3))]}"
        lines.append(line)
    lines.extend(f"  {info.path} --> [*]" for info in c.stages.values() if info.stage.end)
    lines.extend(f"  class {c.stages[sid].path} s_history" for sid in hist.stages)
    return "\n".join(lines) + "\n"


def _dot_id(path: str) -> str:
    return '"' + path + '"'


def to_dot(c: Compiled, hist: HistoryPath | None = None) -> str:
    """The stage graph as Graphviz DOT text (clusters for stages with sub-stages)."""
    hist = hist or history_path(c)
    on_path = set(hist.stages)
    labels = _edge_labels(c, hist)
    taken = {(c.stages[a].path, c.stages[b].path) for a, b in hist.edges}
    title = c.sc.meta.title.get().replace('"', "'")
    out = [
        "digraph stages {",
        f'  label="{title}"; labelloc=t; rankdir=LR; compound=true;',
        '  node [shape=box, style="rounded,filled", fillcolor=white, fontname="Helvetica"];',
        '  edge [fontname="Helvetica", fontsize=10];',
        '  "__start" [shape=point, width=0.15];',
    ]

    def walk(states: Any, indent: str) -> None:
        for state in states.values():
            sid = state.name
            path = c.stages[sid].path
            hl = sid in on_path
            if state.states:
                fill = HISTORY_STYLE["fill"] if hl else "white"
                out.append(f'{indent}subgraph "cluster_{path}" {{')
                out.append(
                    f'{indent}  label="{_label_text(c, sid)}"; style="rounded,filled"; fillcolor="{fill}";'
                )
                if hl:
                    out.append(f'{indent}  color="{HISTORY_STYLE["stroke"]}"; penwidth=3;')
                walk(state.states, indent + "  ")
                out.append(f"{indent}}}")
            else:
                attrs = [f'label="{_label_text(c, sid)}"']
                if c.stages[sid].stage.end:
                    attrs.append("peripheries=2")
                if hl:
                    attrs += [
                        f'fillcolor="{HISTORY_STYLE["fill"]}"',
                        f'color="{HISTORY_STYLE["stroke"]}"',
                        "penwidth=3",
                    ]
                out.append(f"{indent}{_dot_id(path)} [{', '.join(attrs)}];")

    walk(c.machine.states, "  ")
    out.append(f'  "__start" -> {_dot_id(c.stages[c.leaf_of(c.sc.initial)].path)};')
    for trigger, event in c.machine.events.items():
        for src_path, trs in event.transitions.items():
            for t in trs:
                dest = str(t.dest)
                src_id, dst_id = src_path.split(SEPARATOR)[-1], dest.split(SEPARATOR)[-1]
                attrs = [f'label="{labels.get((src_path, dest), trigger)}"']
                tail, head = c.stages[c.leaf_of(src_id)].path, c.stages[c.leaf_of(dst_id)].path
                if c.stages[src_id].stage.stages:
                    attrs.append(f'ltail="cluster_{src_path}"')
                if c.stages[dst_id].stage.stages:
                    attrs.append(f'lhead="cluster_{dest}"')
                if (src_path, dest) in taken:
                    attrs += [f'color="{HISTORY_STYLE["stroke"]}"', "penwidth=3"]
                out.append(f"  {_dot_id(tail)} -> {_dot_id(head)} [{', '.join(attrs)}];")
    out.append("}")
    return "\n".join(out) + "\n"
