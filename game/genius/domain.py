"""GENIUS domains and utility profiles, read from their XML (and GeniusWeb JSON).

A *domain* file (``<negotiation_template>``, or a bare ``<utility_space>``)
lists the issues under an ``<objective>``::

    <issue index="1" name="Rent" etype="discrete" type="discrete" vtype="discrete">
      <item index="1" value="low"/> <item index="2" value="high"/>
    </issue>
    <issue index="2" name="Years" etype="integer" type="integer" lowerbound="1" upperbound="10"/>
    <issue index="3" name="Price" etype="real" type="real"><range lowerbound="10" upperbound="40"/></issue>

A *profile* file (``<utility_space>``) repeats the issues with their
evaluations, one ``<weight index=".." value=".."/>`` per issue, and
optionally ``<reservation value=".."/>`` and ``<discount_factor value=".."/>``.
What each evaluation is worth follows GENIUS (``genius.core.utility``):

* discrete: ``evaluation / the issue's largest evaluation`` (``EvaluatorDiscrete``);
* integer: ``offset + slope * (x - lowerbound)``, cut to 0..1 (``EvaluatorInteger``);
* real: ``ftype="linear"``: ``parameter1 * x + parameter0``, cut to 0..1;
  ``constant``: ``parameter0``; ``triangular``: 0 at ``parameter0`` and
  ``parameter1``, 1 at ``parameter2`` (``EvaluatorReal``);
* a profile's utility is ``sum(weight * evaluation)`` with the weights as
  given; the discount factor ``d`` counts only for ``0 < d < 1``.

Nested objectives are flattened: every issue anywhere below the root counts.
GENIUS's non-linear profiles (hyper-rectangle utilities) are refused in one
line: Treaty Table's utilities are additive. JSON files are GeniusWeb's and
are read by :mod:`game.genius.geniusweb`.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from game.genius.xmlsafe import GeniusError, Node, parse_xml_file
from game.scenario.yamlsafe import Problem

__all__ = [
    "Domain",
    "Evaluator",
    "GeniusIssue",
    "Profile",
    "domain_name",
    "read_domain_xml",
    "read_profile_xml",
]

IssueKind = Literal["discrete", "integer", "real"]
MAX_BOUND = 1e15
GENERIC_NAMES = frozenset({"", "root", "objective", "domain", "negotiation", "utility_space"})


@dataclass(frozen=True)
class GeniusIssue:
    """One issue of a domain.

    ``step`` is set for GeniusWeb number issues, whose values are
    ``lower, lower + step, ...`` up to ``upper``.
    """

    index: str
    name: str
    kind: IssueKind
    items: tuple[str, ...] = ()
    lower: float | None = None
    upper: float | None = None
    step: float | None = None


@dataclass(frozen=True)
class Domain:
    """A negotiation domain: its name and issues."""

    name: str
    issues: tuple[GeniusIssue, ...]
    file: str


@dataclass(frozen=True)
class Evaluator:
    """What one side makes of the values of a number issue (GENIUS and GeniusWeb).

    ``kind`` and ``params``:

    * ``"linear"``: ``(slope, offset, origin)``, ``offset + slope * (x - origin)`` cut to 0..1;
    * ``"constant"``: ``(value,)``;
    * ``"triangular"``: ``(low, high, top)``: 0 up to ``low``, 1 at ``top``, 0 from ``high``;
    * ``"number"`` (GeniusWeb): ``(low_value, low_utility, high_value, high_utility)``,
      linear in between and 0 outside.
    """

    kind: Literal["linear", "constant", "triangular", "number"]
    params: tuple[float, ...]

    def __call__(self, x: float) -> float:
        return _SHAPES[self.kind][0](self.params, x)

    def kinks(self) -> tuple[float, ...]:
        """Where the function bends (the cuts of a linear evaluator, a triangle's corners)."""
        return _SHAPES[self.kind][1](self.params)


def _at_linear(p: tuple[float, ...], x: float) -> float:
    return min(1.0, max(0.0, p[1] + p[0] * (x - p[2])))


def _kinks_linear(p: tuple[float, ...]) -> tuple[float, ...]:
    slope, offset, origin = p
    if slope == 0:
        return ()
    return tuple(origin + (level - offset) / slope for level in (0.0, 1.0))


def _at_constant(p: tuple[float, ...], x: float) -> float:
    return p[0]


def _at_triangular(p: tuple[float, ...], x: float) -> float:
    low, high, top = p
    if x < low:
        return 0.0
    if x < top:
        return (x - low) / (top - low)
    if x < high:
        return 1.0 - (x - top) / (high - top)
    return 0.0


def _at_number(p: tuple[float, ...], x: float) -> float:
    low_v, low_u, high_v, high_u = p
    if x < low_v or x > high_v:
        return 0.0
    return low_u + (high_u - low_u) * (x - low_v) / (high_v - low_v)


_Shape = tuple[
    Callable[[tuple[float, ...], float], float], Callable[[tuple[float, ...]], tuple[float, ...]]
]
_SHAPES: dict[str, _Shape] = {
    "linear": (_at_linear, _kinks_linear),
    "constant": (_at_constant, lambda p: ()),
    "triangular": (_at_triangular, lambda p: p),
    "number": (_at_number, lambda p: (p[0], p[2])),
}
"""Each evaluator kind: its value at ``x`` and where it bends."""


@dataclass
class Profile:
    """One side's utility profile, as GENIUS evaluates it.

    ``evaluations`` maps an issue index to item value -> evaluation in 0..1
    (discrete issues, already divided by the largest, as GENIUS does) or to an
    :class:`Evaluator` (number issues). ``weights`` are as written.
    """

    name: str
    file: str
    weights: dict[str, float] = field(default_factory=dict)
    evaluations: dict[str, dict[str, float] | Evaluator] = field(default_factory=dict)
    reservation: float = 0.0
    discount: float = 1.0


def domain_name(given: str, path: str | os.PathLike[str]) -> str:
    """The domain's own name, or (for ``root`` and the like) its file name without ``-domain``."""
    name = given.strip()
    if name.lower() not in GENERIC_NAMES:
        return name
    stem = os.path.splitext(os.path.basename(str(path)))[0]
    for suffix in ("-domain", "_domain", " domain", ".domain"):
        if stem.lower().endswith(suffix) and len(stem) > len(suffix):
            return stem[: -len(suffix)]
    return stem


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


def _bounds(node: Node, what: str, problems: list[Problem]) -> tuple[float, float] | None:
    """``lowerbound``/``upperbound`` of a number issue: on the issue, or on its ``<range>``."""
    holder = node
    ranged = node.find("range")
    if ("lowerbound" not in node.attrib or "upperbound" not in node.attrib) and ranged is not None:
        holder = ranged
    if "lowerbound" not in holder.attrib and "upperbound" not in holder.attrib:
        problems.append(
            node.problem(
                f'{what} needs its bounds: <range lowerbound=".." upperbound=".."/> '
                'or lowerbound=".." upperbound=".." on the <issue>'
            )
        )
        return None
    lo = _number(holder, "lowerbound", what, problems)
    hi = _number(holder, "upperbound", what, problems)
    if lo is None or hi is None:
        return None
    return lo, hi


def _nonlinear(root: Node) -> Node | None:
    """The element that makes a profile non-linear (hyper-rectangles), or None."""
    space = root if root.tag == "utility_space" else root.find("utility_space")
    if space is not None and (space.attrib.get("type") or "").strip().lower() in (
        "nonlinear",
        "constraint",
    ):
        return space
    for tag in ("hyperRectangle", "ufun", "utility_function"):
        found = next(root.iter(tag), None)
        if found is not None:
            return found
    objective = space.find("objective") if space is not None else None
    if objective is not None and objective.find("utility") is not None:
        return objective.find("utility")
    return None


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


def _discrete_issue(
    node: Node, index: str, name: str, kind: str, problems: list[Problem]
) -> GeniusIssue | None:
    what = f"issue '{name}'"
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


def _number_issue(
    node: Node, index: str, name: str, kind: str, problems: list[Problem]
) -> GeniusIssue | None:
    what = f"issue '{name}'"
    bounds = _bounds(node, what, problems)
    if bounds is None:
        return None
    lo, hi = bounds
    if max(abs(lo), abs(hi)) > MAX_BOUND:
        problems.append(node.problem(f"{what}: bounds beyond {MAX_BOUND:.0e} are not supported"))
        return None
    if _WHOLE[kind] and not (lo.is_integer() and hi.is_integer()):
        problems.append(node.problem(f"{what}: an integer issue needs whole-number bounds"))
        return None
    if not lo < hi:
        problems.append(node.problem(f"{what}: upperbound must be more than lowerbound"))
        return None
    return GeniusIssue(index, name, kind, (), lo, hi)  # type: ignore[arg-type]


_ISSUE_READERS = {"discrete": _discrete_issue, "integer": _number_issue, "real": _number_issue}
"""How an issue of the domain is read, by its GENIUS type."""
_WHOLE = {"integer": True, "real": False}
"""Whether a number issue of a GENIUS type has whole-number bounds."""


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
        issue = reader(node, index, name, kind, problems)
        if issue is not None:
            issues.append(issue)
    return tuple(issues)


def read_domain_xml(path: str | os.PathLike[str]) -> Domain:
    """Read a GENIUS domain file (XML; :func:`game.genius.read_domain` reads either format).

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
    return Domain(domain_name(objective.attrib.get("name") or "", path), issues, str(path))


def _discrete(issue: GeniusIssue, node: Node, problems: list[Problem]) -> dict[str, float]:
    what = f"issue '{issue.name}'"
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
    top = max(table.values(), default=0.0)
    # EvaluatorDiscrete.normalize: divided by the largest evaluation (0 if that is ~0)
    return {k: (v / top if top >= 0.00001 else 0.0) for k, v in table.items()}


def _evaluator_node(issue: GeniusIssue, node: Node, problems: list[Problem]) -> Node | None:
    ev_node = node.find("evaluator")
    if ev_node is None:
        problems.append(
            node.problem(
                f"issue '{issue.name}' needs an <evaluator ftype=\"linear\" .../> "
                "(GENIUS gives it utility 0 without one)"
            )
        )
    return ev_node


def _integer_evaluator(issue: GeniusIssue, node: Node, problems: list[Problem]) -> Evaluator | None:
    """EvaluatorInteger: slope and offset whatever the ftype, from the profile's own bounds."""
    what = f"issue '{issue.name}'"
    ev_node = _evaluator_node(issue, node, problems)
    if ev_node is None:
        return None
    origin = issue.lower
    if "lowerbound" in node.attrib:
        origin = _number(node, "lowerbound", what, problems)
    slope = _number(ev_node, "slope", what, problems)
    offset = _number(ev_node, "offset", what, problems)
    if slope is None or offset is None or origin is None:
        return None
    return Evaluator("linear", (slope, offset, origin))


def _real_evaluator(issue: GeniusIssue, node: Node, problems: list[Problem]) -> Evaluator | None:
    """EvaluatorReal: linear (parameter1 * x + parameter0), constant or triangular."""
    what = f"issue '{issue.name}'"
    ev_node = _evaluator_node(issue, node, problems)
    if ev_node is None:
        return None
    ftype = (ev_node.attrib.get("ftype") or "linear").strip().lower()
    attrs = ev_node.attrib

    def param(k: int, alias: str) -> float | None:
        key = f"parameter{k}" if f"parameter{k}" in attrs or alias not in attrs else alias
        return _number(ev_node, key, what, problems)

    if ftype == "linear":
        slope, offset = param(1, "slope"), param(0, "offset")
        if slope is None or offset is None:
            return None
        return Evaluator("linear", (slope, offset, 0.0))
    if ftype == "constant":
        value = param(0, "value")
        return None if value is None else Evaluator("constant", (value,))
    if ftype == "triangular":
        low, high, top = param(0, "low"), param(1, "high"), param(2, "top")
        if low is None or high is None or top is None:
            return None
        if not low < top < high:
            problems.append(
                ev_node.problem(
                    f"{what}: a triangular evaluator needs parameter0 < parameter2 < parameter1"
                )
            )
            return None
        return Evaluator("triangular", (low, high, top))
    problems.append(
        ev_node.problem(
            f"{what}: evaluator ftype '{ftype}' is not supported (linear, constant and triangular are)"
        )
    )
    return None


_EVALUATION_READERS: dict[
    str, Callable[[GeniusIssue, Node, list[Problem]], dict[str, float] | Evaluator | None]
] = {"discrete": _discrete, "integer": _integer_evaluator, "real": _real_evaluator}
"""How a profile's evaluations of an issue are read, by the issue's GENIUS type."""


def read_profile_xml(path: str | os.PathLike[str], domain: Domain) -> Profile:
    """Read a GENIUS utility profile (XML) and match it to ``domain``
    (:func:`game.genius.read_profile` reads either format).

    Issues are matched by ``index`` (or, failing that, by name); discrete
    items by ``value``. Every issue of the domain needs a weight and
    evaluations.

    Raises:
        GeniusError: every problem found, each with file, line and column; a
            non-linear profile or a domain file given as a profile in one line.
    """
    root = parse_xml_file(path)
    file = str(path)
    odd = _nonlinear(root)
    if odd is not None:
        raise GeniusError(
            odd.problem(
                "this is a GENIUS non-linear profile (hyper-rectangle utility, "
                '<utility_space type="nonlinear">): Treaty Table reads additive profiles only '
                "(a weight and an evaluation per issue)"
            )
        )
    has_weights = next(root.iter("weight"), None) is not None
    has_evaluations = any("evaluation" in n.attrib for n in root.iter("item"))
    if root.tag == "negotiation_template" or not (has_weights or has_evaluations):
        raise GeniusError(
            root.problem(
                "this is a GENIUS domain, not a utility profile (it has no weights or "
                "evaluations): give the domain first, then the two profiles"
            )
        )
    problems: list[Problem] = []
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
        evaluation = _EVALUATION_READERS[issue.kind](issue, node, problems)
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
        if tag == "discount_factor":
            # UtilitySpace.validateDiscount: d <= 0 or d > 1 means no discount
            setattr(profile, attr, number if 0.0 < number <= 1.0 else 1.0)
            continue
        if not 0.0 <= number <= 1.0:
            problems.append(found.problem(f'<{tag} value="{number:g}"> must lie between 0 and 1'))
            continue
        setattr(profile, attr, number)
    if problems:
        raise GeniusError(problems)
    return profile


def objective_parent(root: Node) -> Node | None:
    """The ``<utility_space>`` element of a profile (the root, or its child)."""
    return root if root.tag == "utility_space" else root.find("utility_space")
