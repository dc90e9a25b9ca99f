"""AI opponents from negotiation science, built from parts.

* offering: :class:`TimeDependentOffering` (Faratin et al. 1998), per-class
  concession exponents;
* acceptance: :class:`CombiAcceptance` (AC_next + AC_combi);
* opponent model: :class:`FrequencyModel`;
* persona rules: :class:`PersonaRule` protocol, :class:`LinkageRule`;
* :class:`Negotiator` combines them; :meth:`Negotiator.decide` maps a
  :class:`~game.engine.space.SideView` to a :class:`Decision`;
* :func:`run_bilateral` plays AI against AI (self-play, benchmarks);
  :func:`run_batch` plays many such negotiations in lockstep, vectorised.

See ``docs/ai.md``.
"""

from game.engine.ai.acceptance import AcceptancePolicy, CombiAcceptance, Verdict
from game.engine.ai.batch import Match, run_batch
from game.engine.ai.decision import KINDS, Decision
from game.engine.ai.negotiator import CONFIG_KEYS, PRESETS, ModelSpec, Negotiator, Session
from game.engine.ai.offering import OfferingPolicy, Proposal, TimeDependentOffering, clear_plans
from game.engine.ai.opponent import FrequencyModel, OpponentModel
from game.engine.ai.persona import LinkageRule, PersonaRule, ValueSet, rule_from_config
from game.engine.ai.selfplay import BilateralResult, run_bilateral
from game.engine.ai.tables import OutcomeTable, clear_tables, full_mandate, outcome_table

__all__ = [
    "CONFIG_KEYS",
    "KINDS",
    "PRESETS",
    "AcceptancePolicy",
    "BilateralResult",
    "CombiAcceptance",
    "Decision",
    "FrequencyModel",
    "LinkageRule",
    "Match",
    "ModelSpec",
    "Negotiator",
    "OfferingPolicy",
    "OpponentModel",
    "OutcomeTable",
    "PersonaRule",
    "Proposal",
    "Session",
    "clear_caches",
    "TimeDependentOffering",
    "ValueSet",
    "Verdict",
    "full_mandate",
    "outcome_table",
    "rule_from_config",
    "run_batch",
    "run_bilateral",
]


def clear_caches() -> None:
    """Forget the cached tables and plans (when a game is over: they hold megabytes)."""
    clear_tables()
    clear_plans()
