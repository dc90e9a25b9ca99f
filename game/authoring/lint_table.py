"""Lint rules about who sits at the table and what they may sign.

Mandates no package satisfies, reservation values no package within a
mandate reaches, a mediator's mandates, links in the historical path to
issues that are not open, and stages with too many packages to play.
:class:`TableRules` is mixed into the linter of :mod:`game.authoring.lint`.
"""

from __future__ import annotations

from typing import Any

from game.authoring.findings import ERROR, WARNING
from game.authoring.stagegraph import StageGraph
from game.scenario import model as m
from game.scenario.kinds import kind_of

PathT = tuple[str | int, ...]

RULES: dict[str, str] = {
    "mandate-unsatisfiable": "a signatory's mandate bound that no value of its issue satisfies: "
    "no package lies within that mandate (error)",
    "reservation-unreachable": "a signatory's reservation value that no package within one of "
    "its mandates reaches: with that mandate it can sign nothing it prefers to no deal",
    "mediator-mandate": "a mediator given mandates: it never signs, so they bound nothing",
    "link-not-open": "a link in the historical path to an issue that is not open (error)",
}


class TableRules:
    """The rules; the linter provides ``sc``, ``g``, ``world``, ``reached``, ``add``."""

    sc: m.Scenario
    g: StageGraph
    reached: set[str]
    world: Any

    def add(self, path: PathT, code: str, message: str, level: str = WARNING) -> None:
        raise NotImplementedError

    def rule_mandates(self) -> None:
        """Bounds nothing satisfies; reservation values out of reach; mediators' mandates."""
        issues = {i.id: i for i in self.sc.issues}
        for p, party in enumerate(self.sc.parties):
            path: PathT = ("parties", p)
            if party.role == "mediator":
                if party.mandates:
                    self.add(
                        path + ("mandates",),
                        "mediator-mandate",
                        f"'{party.id}' is a mediator: it never signs, so its mandates bound "
                        "nothing (its proposals need none)",
                    )
                continue
            given = self.world.mandates.get(party.id, frozenset())
            out_of_reach: list[str] = []
            for j, mandate in enumerate(party.mandates):
                empty = False
                for iid, bound in mandate.bounds.items():
                    issue = issues.get(iid)
                    if issue is None:
                        continue
                    if not any(_within(bound, v) for v in kind_of(issue).grid(issue)):
                        empty = True
                        self.add(
                            path + ("mandates", j, "bounds", iid),
                            "mandate-unsatisfiable",
                            f"no value of issue '{iid}' lies within this bound of mandate "
                            f"'{mandate.id}' ({kind_of(issue).space(issue)}): {party.id} "
                            "could sign no package under it",
                            ERROR,
                        )
                if not empty and mandate.id in given:
                    best = _best(party, mandate, issues)
                    if best < party.preferences.reservation - 1e-9:
                        out_of_reach.append(f"'{mandate.id}' (at best {best:.2f})")
            if out_of_reach:
                self.add(
                    path + ("preferences", "reservation"),
                    "reservation-unreachable",
                    f"no package within mandate {', '.join(out_of_reach)} reaches "
                    f"{party.id}'s reservation value {party.preferences.reservation:.2f}: "
                    "under it the side prefers no deal to anything it may sign",
                )

    def link_finding(self, index: int, reason: str | None) -> bool:
        """Report a historical step's link to an issue that is not open, from the rules'
        reason its step was refused with; False if the reason is about something else."""
        issue = getattr(reason, "params", {}).get("issue")
        if getattr(reason, "code", None) != "not_open" or issue is None:
            return False
        step = self.sc.history[index]
        for j, group in enumerate(step.links):
            if issue in group:
                self.add(
                    ("history", index, "links", j, group.index(issue)),
                    "link-not-open",
                    f"historical step {index + 1} links '{issue}', which is not open "
                    f"then: {reason}",
                    ERROR,
                )
                return True
        return False


def _within(bound: m.Bound, value: Any) -> bool:
    if bound.allow is not None:
        return value in bound.allow
    try:
        return (bound.min is None or value >= bound.min) and (
            bound.max is None or value <= bound.max
        )
    except TypeError:
        return False


def _best(party: m.Party, mandate: m.Mandate, issues: dict[str, m.Issue]) -> float:
    """The most a package within ``mandate`` is worth to ``party`` (weights as given)."""
    prefs = party.preferences
    total = 0.0
    for iid, weight in prefs.weights.items():
        issue = issues.get(iid)
        points = prefs.values.get(iid)
        if issue is None or points is None:
            continue
        kind = kind_of(issue)
        bound = mandate.bounds.get(iid)
        values = [
            kind.worth(points, v) for v in kind.grid(issue) if bound is None or _within(bound, v)
        ]
        total += weight * max(values, default=0.0)
    return total
