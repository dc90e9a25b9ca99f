"""The AI opponent: mandates, determinism, strategy, opponent model, persona."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine.ai import (
    KINDS,
    PRESETS,
    Decision,
    FrequencyModel,
    LinkageRule,
    Negotiator,
    TimeDependentOffering,
    outcome_table,
    run_bilateral,
)
from game.engine.space import (
    IssueSpace,
    LinearUtility,
    OfferRecord,
    OutcomeSpace,
    Package,
    SideView,
    Value,
)
from tests.fixtures.bench_domain import BENCH_DOMAIN, build_domain, symmetric_domain

ALL_KINDS = frozenset(KINDS)
SPACE, UTILS = build_domain(BENCH_DOMAIN)
BOULWARE = Negotiator.from_config({"aspiration_exponent": 4.0})
CONCEDER = Negotiator.from_config({"aspiration_exponent": 0.25})


def view(
    utility: LinearUtility,
    *,
    t: float = 0.0,
    their: Package | None = None,
    allowed: tuple[frozenset[int], ...] | None = None,
    offers: tuple[OfferRecord, ...] = (),
    kinds: frozenset[str] = ALL_KINDS,
    arguments: tuple[str, ...] = (),
    can_request: bool = False,
) -> SideView:
    space = utility.space
    if allowed is None:
        allowed = tuple(frozenset(range(len(i.values))) for i in space.issues)
    return SideView(
        side="SU",
        others=("JP",),
        space=space,
        utility=utility,
        allowed=allowed,
        time=t,
        their_offer=their,
        my_last_offer=None,
        offers=offers,
        legal_kinds=kinds,
        arguments=arguments,
        can_request_instructions=can_request,
    )


def small_space() -> tuple[OutcomeSpace, LinearUtility, LinearUtility]:
    space = OutcomeSpace(
        (
            IssueSpace("recognition", ("withheld", "conditional", "de_jure")),
            IssueSpace("oil_share", (40, 45, 50, 55, 60)),
            IssueSpace("debts", ("repudiated", "deferred", "recognised")),
        )
    )
    mine = LinearUtility(
        space, (0.5, 0.3, 0.2), ((0.0, 0.5, 1.0), (1.0, 0.75, 0.5, 0.25, 0.0), (1.0, 0.5, 0.0)), 0.3
    )
    theirs = LinearUtility(
        space, (0.3, 0.5, 0.2), ((1.0, 0.5, 0.0), (0.0, 0.25, 0.5, 0.75, 1.0), (0.0, 0.5, 1.0)), 0.3
    )
    return space, mine, theirs


@st.composite
def mandates(draw: st.DrawFn) -> tuple[frozenset[int], ...]:
    _, mine, _ = small_space()
    return tuple(
        frozenset(draw(st.sets(st.integers(0, len(i.values) - 1), min_size=1)))
        for i in mine.space.issues
    )


@settings(max_examples=40, deadline=None)
@given(mandates(), mandates(), st.sampled_from(list(PRESETS)), st.integers(5, 40))
def test_offers_stay_in_space_and_mandate(
    mandate_a: tuple[frozenset[int], ...],
    mandate_b: tuple[frozenset[int], ...],
    preset: str,
    rounds: int,
) -> None:
    space, mine, theirs = small_space()
    neg = Negotiator.preset(preset)
    result = run_bilateral(
        space, mine, theirs, neg, CONCEDER, rounds=rounds, allowed_a=mandate_a, allowed_b=mandate_b
    )
    for side, flat in result.offers:
        indices = np.unravel_index(flat, [len(i.values) for i in space.issues])
        mandate = mandate_a if side == "a" else mandate_b
        assert all(int(k) in m for k, m in zip(indices, mandate, strict=True))
    if result.agreement is not None:
        ix = space.indices(result.agreement)
        assert all(k in m for k, m in zip(ix, mandate_a, strict=True))
        assert all(k in m for k, m in zip(ix, mandate_b, strict=True))
        assert result.utilities[0] >= mine.reservation
        assert result.utilities[1] >= theirs.reservation


@settings(max_examples=40, deadline=None)
@given(mandates(), st.floats(0.0, 1.0), st.sampled_from(list(PRESETS)))
def test_decide_offers_inside_mandate_and_never_accepts_outside(
    mandate: tuple[frozenset[int], ...], t: float, preset: str
) -> None:
    space, mine, _ = small_space()
    best_for_me: dict[str, Value] = {
        "recognition": "de_jure",
        "oil_share": 40,
        "debts": "repudiated",
    }
    decision = Negotiator.preset(preset).decide(
        view(mine, t=t, allowed=mandate, their=best_for_me), np.random.default_rng(1)
    )
    assert decision.kind in KINDS
    if decision.kind == "offer":
        assert decision.package is not None
        ix = space.indices(decision.package)
        assert all(k in m for k, m in zip(ix, mandate, strict=True))
    if decision.kind == "accept":
        assert all(k in m for k, m in zip(space.indices(best_for_me), mandate, strict=True))
    assert decision.reasons


def test_determinism_per_seed() -> None:
    _, mine, _ = small_space()
    neg = Negotiator.preset("hard", argue_rate=0.5)
    v = view(
        mine,
        t=0.4,
        their={"recognition": "withheld", "oil_share": 60, "debts": "deferred"},
        arguments=("reciprocity", "earthquake"),
    )
    first = [neg.decide(v, np.random.default_rng(seed)) for seed in range(20)]
    again = [neg.decide(v, np.random.default_rng(seed)) for seed in range(20)]
    assert first == again
    assert {d.kind for d in first} == {"argue", "offer"}
    a = run_bilateral(SPACE, UTILS["JP"], UTILS["SU"], BOULWARE, CONCEDER)
    b = run_bilateral(SPACE, UTILS["JP"], UTILS["SU"], BOULWARE, CONCEDER)
    assert a == b


@pytest.mark.parametrize("boulware_opens", [True, False])
def test_boulware_beats_conceder_on_symmetric_domain(boulware_opens: bool) -> None:
    space, utils = build_domain(symmetric_domain())
    jp, su = utils["JP"], utils["SU"]
    if boulware_opens:
        result = run_bilateral(space, jp, su, BOULWARE, CONCEDER)
        u_boulware, u_conceder = result.utilities
    else:
        result = run_bilateral(space, jp, su, CONCEDER, BOULWARE)
        u_conceder, u_boulware = result.utilities
    assert result.agreement is not None
    assert u_boulware > u_conceder + 0.1


def test_benchmark_negotiations_end_in_deals() -> None:
    for a, b in (("JP", "SU"), ("SU", "JP")):
        for neg_a, neg_b in ((BOULWARE, CONCEDER), (CONCEDER, BOULWARE)):
            result = run_bilateral(SPACE, UTILS[a], UTILS[b], neg_a, neg_b)
            assert result.agreement is not None
            assert result.utilities[0] >= UTILS[a].reservation
            assert result.utilities[1] >= UTILS[b].reservation


def test_targets_follow_faratin_curve() -> None:
    table = outcome_table(SPACE, UTILS["SU"])
    boulware = TimeDependentOffering(beta=0.25).prepare(table)
    conceder = TimeDependentOffering(beta=4.0).prepare(table)
    assert boulware.target(0.0) == pytest.approx(1.0)
    assert boulware.target(0.5) == pytest.approx(1.0 - 0.65 * 0.5**4)
    assert conceder.target(0.5) == pytest.approx(max(0.35, 1.0 - 0.65 * 0.5**0.25))
    assert conceder.target(1.0) == pytest.approx(0.35)
    assert boulware.target(0.5) > conceder.target(0.5)


def test_principles_concede_slower_than_economics() -> None:
    _, mine, _ = small_space()
    table = outcome_table(mine.space, mine)
    offering = TimeDependentOffering(
        beta=1.0,
        class_beta={"principles": 0.1, "economics": 3.0},
        issue_class={"recognition": "principles", "oil_share": "economics", "debts": "economics"},
    )
    offerer = offering.prepare(table)
    for t in (0.3, 0.6, 0.9):
        proposal = offerer.propose(t)
        assert proposal is not None
        package = mine.space.package(table.indices_of(proposal.flat))
        assert package["recognition"] == "de_jure"
    assert offerer.target(0.6) < TimeDependentOffering(beta=0.1).prepare(table).target(0.6)


def _random_in_band_offers(utility: LinearUtility, seed: int, n: int) -> list[int]:
    table = outcome_table(utility.space, utility)
    offerer = TimeDependentOffering(beta=1.0).prepare(table)
    rng = np.random.default_rng(seed)
    sorted_u = np.asarray(table.sorted_u)
    offers = []
    for r in range(n):
        lo = int(np.searchsorted(sorted_u, offerer.target(r / (n - 1))))
        offers.append(int(table.order[rng.integers(lo, len(sorted_u))]))
    return offers


@pytest.mark.parametrize("side", ["JP", "SU"])
def test_opponent_model_moves_toward_true_weights(side: str) -> None:
    utility = UTILS[side]
    true = np.asarray(utility.weights)
    table = outcome_table(SPACE, utility)
    finals = []
    for seed in range(5):
        model = FrequencyModel(table.sizes)
        start = np.abs(np.asarray(model.weights()) - true).sum()
        for flat in _random_in_band_offers(utility, seed, 80):
            model.observe(table.indices_of(flat))
        finals.append(np.abs(np.asarray(model.weights()) - true).sum())
        assert abs(sum(model.weights()) - 1.0) < 1e-9
    assert float(np.mean(finals)) < start - 0.03
    assert sum(f < start for f in finals) >= 4


def test_opponent_model_learns_preferred_values() -> None:
    table = outcome_table(SPACE, UTILS["SU"])
    model = FrequencyModel(table.sizes)
    for flat in _random_in_band_offers(UTILS["SU"], 0, 60):
        model.observe(table.indices_of(flat))
    values = model.values()
    assert np.argmax(values[1]) < 4  # early evacuation, as SU wants
    assert np.argmax(values[3]) in (0, 1)  # no apology


LINKAGE = {
    "kind": "linkage",
    "price": {"oil_share": {"min": 50}},
    "principles": {"recognition": ["de_jure", "conditional"]},
    "reason": "No concession may read as the price of {principle}.",
}


def test_linkage_persona_refuses_linked_concession_with_reason() -> None:
    _, mine, _ = small_space()
    neg = Negotiator.from_config({"preset": "easy", "rules": [LINKAGE]})
    linked: dict[str, Value] = {"recognition": "de_jure", "oil_share": 60, "debts": "repudiated"}
    decision = neg.decide(view(mine, t=1.0, their=linked))
    assert decision.kind != "accept"
    assert "No concession may read as the price of recognition." in decision.reasons
    plain = Negotiator.preset("easy").decide(view(mine, t=1.0, their=linked))
    assert plain.kind == "accept"
    for t in np.linspace(0, 1, 11):
        d = neg.decide(view(mine, t=float(t)))
        assert d.kind == "offer" and d.package is not None
        assert LinkageRule.from_config(LINKAGE).veto(None, d.package) is None


def test_outside_mandate_is_refused_with_reason() -> None:
    _, mine, _ = small_space()
    mandate = (frozenset({1, 2}), frozenset({0, 1, 2}), frozenset({0, 1, 2}))
    offer: dict[str, Value] = {"recognition": "withheld", "oil_share": 40, "debts": "repudiated"}
    decision = Negotiator.preset("easy").decide(view(mine, t=1.0, their=offer, allowed=mandate))
    assert decision.kind == "offer"
    assert any("outside my mandate" in r and "recognition" in r for r in decision.reasons)


def test_reasons_give_the_gap_in_numbers() -> None:
    _, mine, _ = small_space()
    offer: dict[str, Value] = {"recognition": "withheld", "oil_share": 50, "debts": "deferred"}
    decision = Negotiator.preset("hard").decide(view(mine, t=0.1, their=offer))
    assert decision.kind == "offer"
    assert any("gap of" in r for r in decision.reasons)


def test_requests_instructions_when_mandate_is_worse_than_no_deal() -> None:
    _, mine, _ = small_space()
    mandate = (frozenset({0}), frozenset({4}), frozenset({2}))
    v = view(mine, allowed=mandate, can_request=True)
    decision = Negotiator.preset("historical").decide(v)
    assert decision.kind == "request_instructions"
    assert "We are waiting for instructions." in decision.reasons
    no_request = view(mine, allowed=mandate, kinds=frozenset({"adjourn", "break_off"}))
    assert Negotiator.preset("historical").decide(no_request).kind == "adjourn"


def test_opponent_model_uses_offer_history() -> None:
    _, mine, theirs = small_space()
    day = dt.date(1924, 8, 4)
    history = tuple(
        OfferRecord("JP", {"recognition": "withheld", "oil_share": v, "debts": "recognised"}, day)
        for v in (60, 60, 55, 60)
    )
    neg = Negotiator.preset("historical")
    d1 = neg.decide(view(mine, t=0.5, offers=history, their=history[-1].package))
    d2 = neg.decide(view(mine, t=0.5, offers=history, their=history[-1].package))
    assert d1 == d2


def test_config_errors_and_presets() -> None:
    with pytest.raises(ValueError, match="unknown negotiator config keys"):
        Negotiator.from_config({"betta": 1})
    with pytest.raises(ValueError, match="unknown preset"):
        Negotiator.from_config({"preset": "impossible"})
    with pytest.raises(ValueError):
        Decision("dance")
    assert set(PRESETS) == {"historical", "hard", "easy"}
    neg = Negotiator.from_config({"preset": "hard", "model": None, "aspiration_exponent": 2})
    assert neg.model is None
    assert isinstance(neg.offering, TimeDependentOffering)
    assert neg.offering.beta == 0.5


def test_run_batch_equals_run_bilateral() -> None:
    from game.engine.ai import run_batch

    historical = Negotiator.preset("historical")
    linked = Negotiator.from_config({"preset": "easy", "rules": [LINKAGE]})
    matches = [
        (UTILS["JP"], UTILS["SU"], BOULWARE, CONCEDER),
        (UTILS["SU"], UTILS["JP"], CONCEDER, BOULWARE),
        (UTILS["JP"], UTILS["SU"], CONCEDER, historical),
        (UTILS["SU"], UTILS["JP"], historical, Negotiator.preset("hard", model=None)),
        (UTILS["JP"], UTILS["SU"], linked, CONCEDER),  # not vectorised: falls back
    ]
    batched = run_batch(SPACE, matches * 3, rounds=60)
    sequential = [run_bilateral(SPACE, *m, rounds=60) for m in matches * 3]
    assert batched == sequential


@pytest.mark.parametrize("preset", ["historical", "hard", "easy"])
def test_decide_replays_the_fast_path(preset: str) -> None:
    """``decide`` rebuilt from the offer history chooses what a live session chooses."""
    space, mine, theirs = small_space()
    neg = Negotiator.preset(preset, argue_rate=0.0)
    rounds = 12
    result = run_bilateral(space, theirs, mine, CONCEDER, neg, rounds=rounds)
    day = dt.date(1924, 5, 14)
    records: list[OfferRecord] = []
    for action, (side, flat) in enumerate(result.offers):
        package = space.package(outcome_table(space, mine).indices_of(flat))
        if side == "b":
            t = (action // 2) / (rounds - 1)
            previous = tuple(records[:-1])
            decision = neg.decide(view(mine, t=t, their=records[-1].package, offers=previous))
            assert decision.kind == "offer"
            assert decision.package == package
            with_current = tuple(records)  # an engine may list the offer on the table too
            assert neg.decide(view(mine, t=t, their=records[-1].package, offers=with_current)) == (
                decision
            )
        records.append(OfferRecord("SU" if side == "b" else "JP", package, day))
    if result.accepted_by == "b":
        t = (result.rounds - 1) / (rounds - 1)
        last = records[-1].package
        decision = neg.decide(view(mine, t=t, their=last, offers=tuple(records[:-1])))
        assert decision.kind == "accept"
        assert decision.package == dict(last)


def test_linkage_judges_the_whole_offer_as_made() -> None:
    space = OutcomeSpace((IssueSpace("oil_share", (40, 50, 60)),))
    mine = LinearUtility(space, (1.0,), ((1.0, 0.5, 0.0),), 0.0)
    neg = Negotiator.from_config({"preset": "easy", "rules": [LINKAGE]})
    offer: dict[str, Value] = {"oil_share": 60, "recognition": "de_jure"}
    decision = neg.decide(view(mine, t=1.0, their=offer))
    assert decision.kind != "accept"
    assert "No concession may read as the price of recognition." in decision.reasons
    assert neg.decide(view(mine, t=1.0, their={"oil_share": 60})).kind == "accept"


def test_both_sides_tables_stay_built_when_they_outgrow_the_cache(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A large space (a million packages: each table beyond the cache's bytes) once had
    its two tables rebuilt at every reply, the newer one evicting the other."""
    from game.engine.ai import tables

    monkeypatch.setattr(tables, "CACHE_BYTES", 1)
    tables.clear_tables()
    builds = tables.table_builds()
    for _ in range(3):
        for side in ("JP", "SU"):
            outcome_table(SPACE, UTILS[side])
    assert tables.table_builds() - builds == 2
    tables.clear_tables()
