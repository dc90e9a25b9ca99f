"""Persona rules: principles an AI keeps whatever its utility says.

A :class:`PersonaRule` may veto a package, with a reason a player can read.
Vetoed packages are never offered and never accepted.

:class:`LinkageRule` is the generic "no linkage" principle: a package that
grants a *price* concession while it also settles a *principle* issue is
refused, because the concession would read as the price of the principle.
Karakhan's "no concession may look like the price of recognition or
evacuation" is one configuration of it:

>>> rule = LinkageRule.from_config({
...     "price": {"oil_share": {"min": 50}},
...     "principles": ["recognition"],
...     "reason": "No concession may read as the price of {principle}.",
... })
>>> rule.veto(None, {"oil_share": 55, "recognition": "de_jure"})
'No concession may read as the price of recognition.'
>>> rule.veto(None, {"oil_share": 45, "recognition": "de_jure"}) is None
True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from game.engine.messages import Msg
from game.engine.space import Package, SideView, Value

__all__ = ["LinkageRule", "PersonaRule", "ValueSet", "rule_from_config"]


class PersonaRule(Protocol):
    """A principle that may veto a package."""

    def veto(self, view: SideView | None, package: Package) -> str | None:
        """A reason to refuse ``package``, or ``None`` if the rule allows it."""
        ...


@dataclass(frozen=True)
class ValueSet:
    """Values of one issue: an explicit set and/or a numeric range.

    ``values=None`` with no bounds matches every value.
    """

    values: frozenset[Value] | None = None
    min: float | None = None
    max: float | None = None

    def __contains__(self, value: object) -> bool:
        if self.values is not None and value in self.values:
            return True
        if self.min is None and self.max is None:
            return self.values is None
        if not isinstance(value, int | float) or isinstance(value, bool):
            return False
        low_ok = self.min is None or value >= self.min
        high_ok = self.max is None or value <= self.max
        return low_ok and high_ok

    @classmethod
    def from_config(cls, spec: Any) -> ValueSet:
        """From ``None`` (any value), a list of values, or ``{"min", "max", "values"}``."""
        if spec is None:
            return cls()
        if isinstance(spec, Mapping):
            listed = spec.get("values")
            return cls(
                values=None if listed is None else frozenset(listed),
                min=None if spec.get("min") is None else float(spec["min"]),
                max=None if spec.get("max") is None else float(spec["max"]),
            )
        if isinstance(spec, str | int | float):
            return cls(values=frozenset([spec]))
        return cls(values=frozenset(spec))


def _issue_sets(spec: Any) -> tuple[tuple[str, ValueSet], ...]:
    if isinstance(spec, Mapping):
        return tuple((str(k), ValueSet.from_config(v)) for k, v in spec.items())
    return tuple((str(k), ValueSet()) for k in spec)


@dataclass(frozen=True)
class LinkageRule:
    """Refuse a price concession in the same package as a principle issue.

    Attributes:
        price: ``(issue, values)`` pairs that count as a price concession.
        principles: ``(issue, values)`` pairs that make a package touch a
            principle (``ValueSet()`` = any value of that issue).
        reason: Template with ``{price}`` and ``{principle}`` placeholders.
    """

    price: tuple[tuple[str, ValueSet], ...]
    principles: tuple[tuple[str, ValueSet], ...]
    reason: str = "A concession on {price} must not read as the price of {principle}."
    ref: tuple[str, int] | None = None
    """(side, index) of the scenario's persona rule, so a front end can word it in its language."""

    def veto(self, view: SideView | None, package: Package) -> str | None:
        """Reason to refuse ``package``, or ``None``."""
        principle = next(
            (i for i, vs in self.principles if i in package and package[i] in vs), None
        )
        if principle is None:
            return None
        price = next((i for i, vs in self.price if i in package and package[i] in vs), None)
        if price is None:
            return None
        text = self.reason.format(price=price, principle=principle)
        if self.ref is None:
            return Msg("persona_rule", text, price=price, principle=principle, text=text)
        side, index = self.ref
        return Msg(
            "persona_rule", text, price=price, principle=principle, side=side, rule=index, text=text
        )

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> LinkageRule:
        """From ``{"price": {...}, "principles": [...] | {...}, "reason": str}``."""
        kwargs: dict[str, Any] = {
            "price": _issue_sets(config.get("price", {})),
            "principles": _issue_sets(config.get("principles", ())),
        }
        if "reason" in config:
            kwargs["reason"] = str(config["reason"])
        if config.get("ref") is not None:
            side, index = config["ref"]
            kwargs["ref"] = (str(side), int(index))
        return cls(**kwargs)


def rule_from_config(config: Mapping[str, Any]) -> PersonaRule:
    """Build a persona rule from plain data (``{"kind": "linkage", ...}``)."""
    name = config.get("kind", "linkage")
    build = _RULES.get(name)
    if build is None:
        raise ValueError(f"unknown persona rule kind {name!r}")
    return build(config)


_RULES: dict[str, Callable[[Mapping[str, Any]], PersonaRule]] = {
    "linkage": LinkageRule.from_config,
}
"""The kinds of persona rule, by the name a config gives them."""
