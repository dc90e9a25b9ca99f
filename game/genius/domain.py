"""GENIUS domains and utility profiles, read from their XML.

A *domain* file (``<negotiation_template>``, or a bare ``<utility_space>``)
lists the issues under an ``<objective>``::

    <issue index="1" name="Rent" etype="discrete" type="discrete" vtype="discrete">
      <item index="1" value="low"/> <item index="2" value="high"/>
    </issue>
    <issue index="2" name="Years" etype="integer" type="integer" vtype="integer"
           lowerbound="1" upperbound="10"/>

A *profile* file (``<utility_space>``) repeats the issues with an
``evaluation`` on each item (integer issues: ``<evaluator ftype="linear"
slope=".." offset=".."/>``, utility ``offset + slope * (x - lowerbound)``,
cut to 0..1), one ``<weight index=".." value=".."/>`` per issue, and
optionally ``<reservation value=".."/>`` and ``<discount_factor value=".."/>``.

Real-valued issues (``type="real"``) are read as decimals. Nested objectives
are flattened: every issue anywhere below the root counts.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from game.genius.xmlsafe import GeniusError, Node, parse_xml_file
from game.scenario.yamlsafe import Problem

__all__ = ["Domain", "GeniusIssue", "Profile", "read_domain", "read_profile"]

IssueKind = Literal["discrete", "integer", "real"]
MAX_BOUND = 1e15


@dataclass(frozen=True)
class GeniusIssue:
    """One issue of a domain."""

    index: str
    name: str
    kind: IssueKind
    items: tuple[str, ...] = ()
    lower: float | None = None
    upper: float | None = None


@dataclass(frozen=True)
class Domain:
    """A negotiation domain: its name and issues."""

    name: str
    issues: tuple[GeniusIssue, ...]
    file: str


@dataclass
class Profile:
    """One side's utility profile.

    ``evaluations`` maps an issue index to item value -> evaluation (discrete
    issues) or to ``{"slope": s, "offset": o}`` (integer and real issues).
    """

    name: str
    file: str
    weights: dict[str, float] = field(default_factory=dict)
    evaluations: dict[str, dict[str, float]] = field(default_factory=dict)
    reservation: float = 0.0
    discount: float = 1.0


def _issue_kind(node: Node) -> str:
    for key in ("type", "etype", "vtype"):
        value = node.attrib.get(key)
        if value:
            return value.strip().lower()
    # an issue with items and no type is discrete
    return "discrete" if node.find_all("item") else ""


def _number(node: Node, key: str, what: str, problems: list[Problem]) -> float | None:
    raw = node.attrib.get(key)
    if raw is None:
        problems.append(node.problem(f"{what}: missing attribute '{key}'"))
        return None
    try:
        value = float(raw)
    except ValueError:
        problems.append(node.problem(f"{what}: '{key}=\"{raw}\"' is not a number"))
        return None
    if not math.isfinite(value):
        problems.append(node.problem(f"{what}: '{key}=\"{raw}\"' is not a finite number"))
        return None
    return value


def _root_objective(root: Node, problems: list[Problem]) -> Node | None:
    if root.tag not in ("negotiation_template", "utility_space"):
        problems.append(
            root.problem(
                f"expected <negotiation_template> or <utility_space> at the top, found <{root.tag}>"
            )
        )
        return None
    space = root if root.tag == "utility_space" else root.find("utility_space")
    if space is None:
        problems.append(root.problem("no <utility_space> element"))
        return None
    objective = space.find("objective")
    if objective is None:
        problems.append(space.problem("no <objective> element in <utility_space>"))
        return None
    return objective


def _read_discrete(
    node: Node, index: str, name: str, what: str, problems: list[Problem]
) -> GeniusIssue | None:
    items: list[str] = []
    for item in node.find_all("item"):
        value = item.attrib.get("value")
        if value is None or not value.strip():
            problems.append(item.problem(f"an <item> of {what} needs a 'value'"))
            continue
        if value in items:
            problems.append(item.problem(f"{what} has the item value '{value}' twice"))
            continue
        items.append(value)
    if len(items) < 2:
        problems.append(node.problem(f"{what} needs at least two <item>s"))
        return None
    return GeniusIssue(index, name, "discrete", tuple(items))


def _read_range(
    node: Node,
    index: str,
    name: str,
    what: str,
    problems: list[Problem],
    kind: IssueKind,
    whole: bool,
) -> GeniusIssue | None:
    lo = _number(node, "lowerbound", what, problems)
    hi = _number(node, "upperbound", what, problems)
    if lo is None or hi is None:
        return None
    if max(abs(lo), abs(hi)) > MAX_BOUND:
        problems.append(node.problem(f"{what}: bounds beyond {MAX_BOUND:.0e} are not supported"))
        return None
    if whole and not (lo.is_integer() and hi.is_integer()):
        problems.append(node.problem(f"{what}: an integer issue needs whole-number bounds"))
        return None
    if not lo < hi:
        problems.append(node.problem(f"{what}: upperbound must be more than lowerbound"))
        return None
    return GeniusIssue(index, name, kind, (), lo, hi)


def _read_integer(
    node: Node, index: str, name: str, what: str, problems: list[Problem]
) -> GeniusIssue | None:
    return _read_range(node, index, name, what, problems, "integer", whole=True)


def _read_real(
    node: Node, index: str, name: str, what: str, problems: list[Problem]
) -> GeniusIssue | None:
    return _read_range(node, index, name, what, problems, "real", whole=False)


_ISSUE_READERS: dict[str, Callable[[Node, str, str, str, list[Problem]], GeniusIssue | None]] = {
    "discrete": _read_discrete,
    "integer": _read_integer,
    "real": _read_real,
}
"""How each GENIUS issue type is read from its ``<issue>`` element."""


def _read_issues(objective: Node, problems: list[Problem]) -> tuple[GeniusIssue, ...]:
    issues: list[GeniusIssue] = []
    seen: dict[str, Node] = {}
    for node in objective.iter("issue"):
        name = (node.attrib.get("name") or "").strip()
        index = (node.attrib.get("index") or "").strip()
        what = f"issue '{name or index or '?'}'"
        if not name:
            problems.append(node.problem("an <issue> needs a 'name'"))
            continue
        if not index:
            problems.append(node.problem(f"{what} needs an 'index'"))
            continue
        if index in seen:
            problems.append(
                node.problem(
                    f"issue index {index} is used twice (first at line {seen[index].line})"
                )
            )
            continue
        seen[index] = node
        kind = _issue_kind(node)
        reader = _ISSUE_READERS.get(kind)
        if reader is None:
            problems.append(
                node.problem(
                    f"{what} has type '{kind or '(none)'}'; supported are discrete, integer and real"
                )
            )
            continue
        issue = reader(node, index, name, what, problems)
        if issue is not None:
            issues.append(issue)
    return tuple(issues)


def read_domain(path: str | os.PathLike[str]) -> Domain:
    """Read a GENIUS domain file.

    Raises:
        GeniusError: every problem found, each with file, line and column.
    """
    root = parse_xml_file(path)
    problems: list[Problem] = []
    objective = _root_objective(root, problems)
    issues: tuple[GeniusIssue, ...] = ()
    if objective is not None:
        issues = _read_issues(objective, problems)
        if not issues and not problems:
            problems.append(objective.problem("the domain has no <issue>"))
    if problems:
        raise GeniusError(problems)
    assert objective is not None
    name = (objective.attrib.get("name") or "").strip() or os.path.splitext(
        os.path.basename(str(path))
    )[0]
    return Domain(name, issues, str(path))


def read_profile(path: str | os.PathLike[str], domain: Domain) -> Profile:
    """Read a GENIUS utility profile and match it to ``domain``.

    Issues are matched by ``index`` (or, failing that, by name); discrete
    items by ``value``. Every issue of the domain needs a weight and
    evaluations; weights need not add up to 1 (they are normalised later).

    Raises:
        GeniusError: every problem found, each with file, line and column.
    """
    root = parse_xml_file(path)
    problems: list[Problem] = []
    file = str(path)
    objective = _root_objective(root, problems)
    if objective is None:
        raise GeniusError(problems)
    profile = Profile(os.path.splitext(os.path.basename(file))[0], file)
    by_index = {i.index: i for i in domain.issues}
    by_name = {i.name: i for i in domain.issues}
    nodes: dict[str, Node] = {}
    for node in objective.iter("issue"):
        index = (node.attrib.get("index") or "").strip()
        name = (node.attrib.get("name") or "").strip()
        issue = by_index.get(index)
        if issue is None or (name and name != issue.name and name in by_name):
            issue = by_name.get(name, issue)
        if issue is None:
            problems.append(
                node.problem(f"issue '{name or index}' is not in the domain {domain.file}")
            )
            continue
        nodes[issue.index] = node
        what = f"issue '{issue.name}'"
        evaluation = _EVALUATION_READERS[issue.kind](node, issue, what, problems)
        if evaluation is not None:
            profile.evaluations[issue.index] = evaluation
    weight_seen: dict[str, Node] = {}
    objectives = {(o.attrib.get("index") or "").strip() for o in objective.iter("objective")}
    for node in objective.iter("weight"):
        index = (node.attrib.get("index") or "").strip()
        if index in objectives and index not in by_index:
            continue  # the weight of a (sub-)objective: issues carry their own weights
        if index not in by_index:
            problems.append(node.problem(f'<weight index="{index}"> names no issue of the domain'))
            continue
        if index in weight_seen:
            problems.append(
                node.problem(
                    f"issue index {index} has two weights (first at line {weight_seen[index].line})"
                )
            )
            continue
        weight_seen[index] = node
        w = _number(node, "value", f"weight of issue '{by_index[index].name}'", problems)
        if w is not None:
            if w < 0:
                problems.append(node.problem("a weight cannot be negative"))
            else:
                profile.weights[index] = w
    for issue in domain.issues:
        if issue.index not in nodes:
            problems.append(
                objective.problem(
                    f"the profile has no <issue> '{issue.name}' (index {issue.index})"
                )
            )
        if issue.index not in weight_seen:
            problems.append(
                objective.problem(
                    f"the profile has no <weight index=\"{issue.index}\"> for issue '{issue.name}'"
                )
            )
    if not problems and sum(profile.weights.values()) <= 0:
        problems.append(objective.problem("all weights are 0"))
    space = objective_parent(root)
    for tag, attr in (("reservation", "reservation"), ("discount_factor", "discount")):
        found = space.find(tag) if space is not None else None
        if found is None:
            continue
        number = _number(found, "value", f"<{tag}>", problems)
        if number is None:
            continue
        if not 0.0 <= number <= 1.0:
            problems.append(found.problem(f'<{tag} value="{number:g}"> must lie between 0 and 1'))
            continue
        setattr(profile, attr, number)
    if problems:
        raise GeniusError(problems)
    return profile


def _read_items(
    node: Node, issue: GeniusIssue, what: str, problems: list[Problem]
) -> dict[str, float] | None:
    """A discrete issue's evaluation of each item."""
    table: dict[str, float] = {}
    before = len(problems)
    for item in node.find_all("item"):
        value = item.attrib.get("value")
        if value is None:
            continue
        if value not in issue.items:
            problems.append(item.problem(f"item '{value}' of {what} is not in the domain"))
            continue
        ev = _number(item, "evaluation", f"item '{value}' of {what}", problems)
        if ev is not None:
            if ev < 0:
                problems.append(
                    item.problem(f"item '{value}' of {what}: an evaluation cannot be negative")
                )
                continue
            table[value] = ev
    missing = [v for v in issue.items if v not in table]
    if missing and len(problems) == before:
        problems.append(node.problem(f"{what} has no evaluation for item(s): {', '.join(missing)}"))
    return table


def _read_linear(
    node: Node, issue: GeniusIssue, what: str, problems: list[Problem]
) -> dict[str, float] | None:
    """An integer or real issue's linear evaluator: its slope and offset."""
    ev_node = node.find("evaluator")
    if ev_node is None:
        problems.append(
            node.problem(f'{what} needs an <evaluator ftype="linear" slope=".." offset=".."/>')
        )
        return None
    ftype = (ev_node.attrib.get("ftype") or "linear").strip().lower()
    if ftype != "linear":
        problems.append(
            ev_node.problem(f"{what}: evaluator ftype '{ftype}' is not supported (only linear)")
        )
        return None
    slope = _number(ev_node, "slope", what, problems)
    offset = _number(ev_node, "offset", what, problems)
    if slope is None or offset is None:
        return None
    return {"slope": slope, "offset": offset}


_EVALUATION_READERS: dict[
    IssueKind, Callable[[Node, GeniusIssue, str, list[Problem]], dict[str, float] | None]
] = {"discrete": _read_items, "integer": _read_linear, "real": _read_linear}
"""How a profile's evaluation of each GENIUS issue type is read."""


def objective_parent(root: Node) -> Node | None:
    """The ``<utility_space>`` element of a profile (the root, or its child)."""
    return root if root.tag == "utility_space" else root.find("utility_space")
