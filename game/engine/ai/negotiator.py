"""The AI negotiator: offering + acceptance + opponent model + persona rules.

Two ways in:

* :meth:`Negotiator.decide` takes the engine's :class:`SideView` and returns
  a :class:`Decision`. It keeps no state between calls: the opponent model is
  rebuilt from ``view.offers``, so a game replays identically and can be
  taken over at any step.
* :meth:`Negotiator.session` returns a mutable :class:`Session` working on
  flat outcome indices, the fast path used by self-play and benchmarks.

Build one from plain data with :meth:`Negotiator.from_config` (see
:data:`CONFIG_KEYS` and :data:`PRESETS`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from game.engine.ai import talks
from game.engine.ai.acceptance import AcceptancePolicy, CombiAcceptance
from game.engine.ai.decision import (
    ACCEPT,
    ADJOURN,
    ARGUE,
    BREAK_OFF,
    OFFER,
    PASS,
    REJECT,
    REQUEST_INSTRUCTIONS,
    Decision,
)
from game.engine.ai.learning import learn
from game.engine.ai.offering import OfferingPolicy, Proposal, TimeDependentOffering
from game.engine.ai.opponent import FrequencyModel, OpponentModel
from game.engine.ai.persona import PersonaRule, rule_from_config
from game.engine.ai.tables import OutcomeTable, outcome_table
from game.engine.analytics import IntArray
from game.engine.messages import Msg
from game.engine.space import Package, SideView, Value

__all__ = ["CONFIG_KEYS", "PRESETS", "ModelSpec", "Negotiator", "Rng", "Session"]

Rng = np.random.Generator | Callable[[], float] | None


def _classes(principles: float, economics: float) -> dict[str, float]:
    return {
        "principle": principles,
        "principles": principles,
        "economic": economics,
        "economics": economics,
    }


PRESETS: dict[str, dict[str, Any]] = {
    "historical": {
        "beta": 0.5,
        "class_beta": _classes(0.2, 1.0),
        "tolerance": 0.02,
        "combi_time": 0.95,
        "model": {"kind": "frequency", "learning_rate": 0.2},
        "argue_rate": 0.1,
    },
    "hard": {
        "beta": 0.25,
        "class_beta": _classes(0.1, 0.5),
        "tolerance": 0.01,
        "combi_time": 0.99,
        "model": {"kind": "frequency", "learning_rate": 0.2},
        "argue_rate": 0.2,
        "floor": "nash",
    },
    "easy": {
        "beta": 2.0,
        "class_beta": _classes(1.0, 3.0),
        "tolerance": 0.03,
        "combi_time": 0.8,
        "model": {"kind": "frequency", "learning_rate": 0.2},
        "argue_rate": 0.0,
    },
}
"""Difficulty presets: parameter sets merged under a config's own keys."""

CONFIG_KEYS: frozenset[str] = frozenset(
    {
        "name",
        "preset",
        "beta",
        "aspiration_exponent",
        "class_beta",
        "issue_class",
        "tolerance",
        "max_candidates",
        "combi_time",
        "model",
        "rules",
        "argue_rate",
        "floor",
    }
)
"""Keys :meth:`Negotiator.from_config` understands."""


MODELS: dict[str, type[FrequencyModel]] = {"frequency": FrequencyModel}
"""The opponent models a :class:`ModelSpec` may name, by name."""


FLOORS = ("reservation", "best", "nash")
"""Where the aspiration curve ends: the plan's floor, also the best offer received, also the
estimated Nash point (see docs/ai.md)."""


def _floor_mode(value: Any) -> str:
    if value not in FLOORS:
        raise ValueError(f"unknown floor {value!r}; use one of {list(FLOORS)}")
    return str(value)


def _pts(u: float) -> str:
    return f"{100 * u:.0f}"


def _uniform(rng: Rng) -> Callable[[], float]:
    if rng is None:
        return lambda: 1.0
    if isinstance(rng, np.random.Generator):
        gen = rng
        return lambda: float(gen.random())
    return rng


@dataclass(frozen=True)
class ModelSpec:
    """How to build an opponent model (plain-data friendly)."""

    kind: str = "frequency"
    learning_rate: float = 0.2
    value_exponent: float = 1.0
    ordinal: bool = True

    def build(self, sizes: Sequence[int]) -> OpponentModel:
        """A fresh model for a space with these issue sizes."""
        model = MODELS.get(self.kind)
        if model is None:
            raise ValueError(f"unknown opponent model kind {self.kind!r}")
        return model(sizes, self.learning_rate, self.value_exponent, self.ordinal)


@dataclass(frozen=True)
class Negotiator:
    """An AI opponent assembled from parts.

    Attributes:
        offering: What to offer and how fast to concede.
        acceptance: When to accept.
        model: Opponent model to learn, or ``None`` to rate nothing.
        rules: Persona rules that veto packages.
        argue_rate: Chance per turn of arguing when an argument is available
            and no deal is reached.
        name: A label for logs and reasons.
    """

    offering: OfferingPolicy = field(default_factory=TimeDependentOffering)
    acceptance: AcceptancePolicy = field(default_factory=CombiAcceptance)
    model: ModelSpec | None = field(default_factory=ModelSpec)
    rules: tuple[PersonaRule, ...] = ()
    argue_rate: float = 0.0
    name: str = "ai"
    floor: str = "reservation"

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Negotiator:
        """Build from plain data; keys are listed in :data:`CONFIG_KEYS`.

        ``preset`` names a base in :data:`PRESETS`; other keys override it.
        ``aspiration_exponent`` ``e`` (NegMAS' ``1 - t**e``) sets ``beta = 1/e``.
        ``model`` is ``None``/``False`` or ``{"kind", "learning_rate",
        "value_exponent"}``; ``rules`` a list of persona-rule dicts.
        """
        unknown = set(config) - CONFIG_KEYS
        if unknown:
            raise ValueError(f"unknown negotiator config keys: {sorted(unknown)}")
        merged: dict[str, Any] = {}
        if "preset" in config:
            if config["preset"] not in PRESETS:
                raise ValueError(f"unknown preset {config['preset']!r}; use one of {list(PRESETS)}")
            merged.update(PRESETS[config["preset"]])
        merged.update(config)
        beta = float(merged.get("beta", 1.0))
        if "aspiration_exponent" in merged:
            beta = 1.0 / float(merged["aspiration_exponent"])
        offering = TimeDependentOffering(
            beta=beta,
            class_beta={str(k): float(v) for k, v in merged.get("class_beta", {}).items()},
            issue_class={str(k): str(v) for k, v in merged.get("issue_class", {}).items()},
            tolerance=float(merged.get("tolerance", 0.02)),
            max_candidates=int(merged.get("max_candidates", 128)),
        )
        model_cfg = merged.get("model", {"kind": "frequency"})
        model = ModelSpec(**model_cfg) if model_cfg else None
        return cls(
            offering=offering,
            acceptance=CombiAcceptance(float(merged.get("combi_time", 0.95))),
            model=model,
            rules=tuple(rule_from_config(r) for r in merged.get("rules", ())),
            argue_rate=float(merged.get("argue_rate", 0.0)),
            name=str(merged.get("name", "ai")),
            floor=_floor_mode(merged.get("floor", "reservation")),
        )

    @classmethod
    def preset(cls, name: str, **overrides: Any) -> Negotiator:
        """A negotiator from a difficulty preset, with optional overrides."""
        return cls.from_config({"preset": name, **overrides})

    def session(
        self, table: OutcomeTable, view: SideView | None = None, draw: Rng = None
    ) -> Session:
        """A fresh fast-path session over ``table`` (``draw``: chance for ties, see :meth:`decide`)."""
        return Session(self, table, view, draw)

    def decide(self, view: SideView, rng: Rng = None) -> Decision:
        """Choose a move for the side described by ``view``.

        Args:
            view: What the side knows at its turn.
            rng: A ``numpy.random.Generator``, a callable returning floats in
                [0, 1), or ``None`` (never takes chance moves).

        Returns:
            The :class:`Decision`, with reasons in plain words.
        """
        legal = view.legal_kinds

        def ok(kind: str) -> bool:
            return kind in legal

        table = outcome_table(view.space, view.utility, view.allowed)
        reservation = view.utility.reservation
        if table.empty or table.best < reservation:
            reopened = talks.reopen(view, table, ok)
            if reopened is not None:
                return reopened
            reason = (
                Msg(
                    "ai.nothing_allowed",
                    "My instructions leave nothing I may sign on these issues.",
                )
                if table.empty
                else Msg(
                    "ai.best_below_reservation",
                    f"The best my instructions allow is worth {_pts(table.best)} to us, "
                    f"less than no agreement ({_pts(reservation)}).",
                    best=_pts(table.best),
                    reservation=_pts(reservation),
                )
            )
            return self._fallback(view, ok, (reason,))
        draw = _uniform(rng) if rng is not None else None
        session = Session(self, table, view, draw)
        current = view.their_offer
        if view.can_pass and current is None and view.offer is not None:
            return Decision(PASS, reasons=(talks.WAIT,))  # the offer awaits the others' answers
        others = learn(view, table, session, self.model, current)
        if talks.clause_by_clause(view):
            return talks.decide(self, view, table, session, others, rng)
        their_flat: int | None = None
        reasons: list[str] = []
        if current is not None:
            their_flat = table.flat_of_package(
                {k: current[k] for k in table.space.ids if k in current}
            )
            if their_flat is None:
                reasons.append(
                    Msg(
                        "ai.partial_offer",
                        "Your proposal does not settle every open issue in terms we can sign.",
                    )
                )
        proposal = session.propose(view.time)
        if their_flat is not None:
            refusals = session.refusals(their_flat, current)
            reasons.extend(refusals)
            if not refusals:
                verdict = self.acceptance.judge(
                    table.utility_of(their_flat),
                    proposal.utility if proposal is not None else float("inf"),
                    session.best_received,
                    view.time,
                    reservation,
                )
                if verdict.accept and ok(ACCEPT):
                    return Decision(
                        ACCEPT,
                        package=dict(current) if current is not None else None,
                        utility=table.utility_of(their_flat),
                        reasons=(verdict.reason,),
                    )
                apart = (
                    differences(table, proposal.flat, their_flat) if proposal is not None else {}
                )
                reasons.append(_with(verdict.reason, apart=apart) if apart else verdict.reason)
        argued = self.argue(view, ok, rng, reasons)
        if argued is not None:
            return argued
        if proposal is not None and ok(OFFER):
            if current is None:
                reasons.append(
                    Msg(
                        "ai.ask",
                        f"We ask for {_pts(proposal.target)} (out of 100) at this stage.",
                        target=_pts(proposal.target),
                    )
                )
            reasons.extend(proposal.vetoed[:1])
            package = table.package_of(proposal.flat)
            links, said = talks.linked(table, session, package)
            return Decision(
                OFFER,
                package=package,
                utility=proposal.utility,
                reasons=(*reasons, *said),
                links=links,
            )
        if proposal is None:
            reasons.append(
                Msg(
                    "ai.principles_block",
                    "Every package we could offer now would break our principles.",
                )
            )
        return self._fallback(view, ok, tuple(reasons))

    def argue(
        self, view: SideView, ok: Callable[[str], bool], rng: Rng, reasons: list[str]
    ) -> Decision | None:
        """Argue now (with chance ``argue_rate``, an argument open and ``argue`` legal), or None."""
        draw = _uniform(rng)
        if view.arguments and ok(ARGUE) and self.argue_rate > 0 and draw() < self.argue_rate:
            pick = min(int(draw() * len(view.arguments)), len(view.arguments) - 1)
            return Decision(
                ARGUE,
                argument=view.arguments[pick],
                reasons=(
                    *reasons,
                    Msg("ai.argue_first", "Before we move further, hear our reasons."),
                ),
            )
        return None

    @staticmethod
    def fallback(view: SideView, ok: Callable[[str], bool], reasons: tuple[str, ...]) -> Decision:
        """When there is nothing to offer: ask for instructions, reject, adjourn, or break off."""
        return Negotiator._fallback(view, ok, reasons)

    @staticmethod
    def _fallback(view: SideView, ok: Callable[[str], bool], reasons: tuple[str, ...]) -> Decision:
        if view.can_request_instructions and ok(REQUEST_INSTRUCTIONS):
            return Decision(
                REQUEST_INSTRUCTIONS,
                reasons=(*reasons, Msg("ai.waiting", "We are waiting for instructions.")),
            )
        if view.their_offer is not None and ok(REJECT):
            return Decision(REJECT, reasons=reasons)
        if ok(ADJOURN):
            return Decision(
                ADJOURN, reasons=(*reasons, Msg("ai.consider", "We need time to consider."))
            )
        if ok(REJECT):
            return Decision(REJECT, reasons=reasons)
        return Decision(BREAK_OFF, reasons=reasons)


APART = 2
"""How many issues a refusal names where the offer falls furthest from the AI's own."""


def differences(table: OutcomeTable, mine: int, theirs: int, most: int = APART) -> dict[str, Value]:
    """The issues on which ``theirs`` gives the side most less than ``mine`` (at least a
    hundredth of its utility each), the largest first, with the side's own value.

    What a diplomat names when refusing: "we are still apart on the oil term".
    """
    a, b = table.indices_of(mine), table.indices_of(theirs)
    losses = sorted(
        (
            (w[i] - w[j], k)
            for k, (w, i, j) in enumerate(zip(table.utility.weighted_tables, a, b, strict=True))
            if w[i] - w[j] >= 0.01
        ),
        key=lambda lk: (-lk[0], lk[1]),
    )
    issues = table.space.issues
    return {issues[k].id: issues[k].values[a[k]] for _, k in losses[:most]}


def _with(reason: str, **params: Any) -> str:
    """``reason`` with more parameters for the front ends (its English text unchanged)."""
    if not isinstance(reason, Msg):
        return reason
    return Msg(reason.code, str(reason), **{**reason.params, **params})


class Session:
    """One side's running state in one negotiation (mutable; fast path).

    Args:
        negotiator: The strategy.
        table: The side's outcome table.
        view: Passed to persona rules, if any.
        draw: Chance for choosing among equally good packages (a seeded stream).
    """

    def __init__(
        self,
        negotiator: Negotiator,
        table: OutcomeTable,
        view: SideView | None = None,
        draw: Rng = None,
    ):
        self.negotiator = negotiator
        self.table = table
        self.draw = None if draw is None else _uniform(draw)
        self.offerer = negotiator.offering.prepare(table)
        self.acceptance = negotiator.acceptance
        self.model = None if negotiator.model is None else negotiator.model.build(table.sizes)
        self.best_received = float("-inf")
        self._best_flat: int | None = None
        self._nash_at = -1
        self._nash = float("-inf")
        self._view = view
        self._reservation = table.utility.reservation
        self._restricted = any(len(a) < n for a, n in zip(table.allowed, table.sizes, strict=True))
        self._veto: Callable[[int], str | None] | None = None
        if negotiator.rules:
            rules = negotiator.rules

            def veto(flat: int) -> str | None:
                package: Package = table.package_of(flat)
                for rule in rules:
                    reason = rule.veto(view, package)
                    if reason is not None:
                        return reason
                return None

            self._veto = veto

    def refusals(self, flat: int, package: Package | None = None) -> tuple[str, ...]:
        """Why ``flat`` may not be accepted whatever it is worth (mandate, persona).

        Args:
            flat: The offer's flat index.
            package: The offer as made, if it names more than the open issues;
                persona rules then judge all of it.
        """
        reasons: list[str] = []
        table = self.table
        if self._restricted:
            indices = table.indices_of(flat)
            bad = [
                f"{issue.id} = {issue.values[k]}"
                for issue, k, allowed in zip(
                    table.space.issues, indices, table.allowed, strict=True
                )
                if k not in allowed
            ]
            if bad:
                terms = {
                    issue.id: issue.values[k]
                    for issue, k, allowed in zip(
                        table.space.issues, indices, table.allowed, strict=True
                    )
                    if k not in allowed
                }
                reasons.append(
                    Msg(
                        "ai.outside_mandate",
                        "That is outside my mandate: " + ", ".join(bad) + ".",
                        items=tuple(bad),
                        terms=terms,
                    )
                )
        if package is not None:
            for rule in self.negotiator.rules:
                reason = rule.veto(self._view, package)
                if reason is not None:
                    reasons.append(reason)
                    break
        elif self._veto is not None:
            reason = self._veto(flat)
            if reason is not None:
                reasons.append(reason)
        return tuple(reasons)

    def _acceptable(self, flat: int) -> bool:
        if self._restricted and not self.table.is_allowed(self.table.indices_of(flat)):
            return False
        return self._veto is None or self._veto(flat) is None

    def observe(self, flat: int) -> None:
        """Learn from an earlier offer by the other side."""
        if self.model is not None:
            self.model.observe(self.table.indices_of(flat))
        if self._acceptable(flat):
            u = self.table.utility_of(flat)
            if u > self.best_received:
                self.best_received = u
                self._best_flat = flat

    def observe_many(self, rows: IntArray) -> None:
        """Learn from earlier offers by the other side, in order (rows of value indices,
        ``-1`` for an issue a partial offer leaves out): for full ones the same as
        :meth:`observe` on each, in fewer steps."""
        if rows.shape[0] == 0:
            return
        if self.model is not None:
            self.model.observe_many(rows)
        self.observe_best(rows)

    def observe_best(self, rows: IntArray) -> None:
        """Keep the best offer received among ``rows`` (full ones, in order) that the side
        may accept."""
        rows = rows[(rows >= 0).all(axis=1)] if rows.shape[0] else rows
        if rows.shape[0] == 0:
            return
        table = self.table
        utilities = table.utilities_of_rows(rows).tolist()
        allowed = table.rows_allowed(rows).tolist() if self._restricted else [True] * len(rows)
        for j in sorted(range(len(utilities)), key=lambda j: (-utilities[j], j)):
            if not utilities[j] > self.best_received:
                break
            if not allowed[j]:
                continue
            flat = table.flat_of(tuple(rows[j].tolist()))
            if self._veto is None or self._veto(flat) is None:
                self.best_received = utilities[j]
                self._best_flat = flat
                break

    def floor(self) -> float | None:
        """Where the aspiration curve ends now, if above the plan's floor (see ``floor`` config)."""
        mode = self.negotiator.floor
        if mode == "reservation":
            return None
        best = self.best_received if self.best_received > float("-inf") else None
        model = self.model
        if mode == "nash" and model is not None and model.observed > 0:
            if self._nash_at != model.observed:
                self._nash_at = model.observed
                self._nash = self._estimated_nash(model.rating())
            best = self._nash if best is None else max(best, self._nash)
        return best

    def _estimated_nash(self, rating: np.ndarray) -> float:
        """Own utility at the Nash point of own utility and the model's estimate of theirs."""
        table = self.table
        su = np.frombuffer(table.sorted_u, dtype=np.float64)
        theirs = rating.take(table.sorted_cols).sum(axis=0)
        r = self._reservation if self._reservation > float("-inf") else table.worst
        gain = np.maximum(su - r, 0.0) * theirs
        return float(su[int(gain.argmax())])

    def propose(self, t: float, last: bool = False) -> Proposal | None:
        """What to offer at ``t`` given what has been observed (``last``: the last turn)."""
        rating = self.model.rating if self.model is not None else None
        proposal = self.offerer.propose(t, rating, self._veto, self.draw, self.floor())
        best = self._best_flat
        if (
            proposal is not None
            and best is not None
            and self.negotiator.floor != "reservation"
            and self.best_received >= self._reservation
            and (last or proposal.utility <= self.best_received + self.offerer.tolerance)
        ):
            # the aspiration has come down to their best offer: offer that one back
            return Proposal(best, self.best_received, proposal.target)
        return proposal

    def respond(self, t: float, offer: int | None, last: bool = False) -> tuple[str, int]:
        """Observe ``offer`` (if any) and answer: the fast path of :meth:`Negotiator.decide`.

        Args:
            t: Relative time in [0, 1].
            offer: The other side's offer on the table (flat index), if any.
            last: The caller knows this is the side's last turn (with a ``floor``
                other than ``reservation``, the AI then takes any deal worth
                more than none, or offers their best offer back).

        Returns:
            ``("accept", offer)``, ``("offer", flat)`` or ``("reject", -1)``.
        """
        last = last and self.negotiator.floor != "reservation"
        if offer is None:
            proposal = self.propose(t, last)
            return (REJECT, -1) if proposal is None else (OFFER, proposal.flat)
        model = self.model
        if model is not None:
            model.observe(self.table.indices_of(offer))
        proposal = self.propose(t, last)
        if self._acceptable(offer):
            u = self.table.utility_of(offer)
            next_u = proposal.utility if proposal is not None else float("inf")
            if last and u >= self._reservation:
                return ACCEPT, offer  # no turn after this one: anything beats no deal
            if self.acceptance.accepts(u, next_u, self.best_received, t, self._reservation):
                return ACCEPT, offer
            if u > self.best_received:
                self.best_received = u
                self._best_flat = offer
        return (REJECT, -1) if proposal is None else (OFFER, proposal.flat)
