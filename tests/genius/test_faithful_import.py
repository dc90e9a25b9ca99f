"""GENIUS imports keep GENIUS's meaning: one test per defect found, built from its example.

Tests that read ``../shared/genius/`` (the development domains) are skipped
when that folder is absent.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from game.cli import main
from game.engine import Move, apply, compile_loaded, new_game
from game.engine.analysis import analyse as debrief_analysis
from game.engine.analytics import analyse, pareto_mask
from game.engine.debrief import debrief
from game.engine.simulate import play_one
from game.engine.utility import outcome_utility, side_view
from game.genius import GeniusError, import_genius
from game.scenario.loader import validate_located
from game.scenario.yamlsafe import load_yaml_text
from game.text.play import run_text_game
from game.text.render import debrief as render_debrief

ROOT = Path(__file__).resolve().parents[2]
GENIUS = ROOT.parent / "shared" / "genius"
needs_genius = pytest.mark.skipif(
    not GENIUS.is_dir(), reason="the GENIUS development domains (../shared/genius/) are absent"
)


def _compile(text: str) -> Any:
    return compile_loaded(validate_located(load_yaml_text(text, "x.yaml"), "x.yaml"))


def _files(folder: str, domain: str, a: str, b: str) -> tuple[Path, Path, Path]:
    base = GENIUS / folder
    return base / domain, base / a, base / b


def _write(tmp: Path, name: str, text: str) -> Path:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return path


DOMAIN_XML = """<negotiation_template><utility_space><objective index="0" name="{name}">
{issues}
</objective></utility_space></negotiation_template>"""

PROFILE_XML = """<utility_space><objective index="0" name="{name}">
{issues}
{weights}
</objective>{extra}</utility_space>"""


# 1. real issues in GENIUS's own format: <range> bounds, parameter0/parameter1, slope*x + offset
@needs_genius
def test_real_issue_with_range_and_parameters_is_read_as_genius_evaluates_it() -> None:
    d, a, b = _files(
        "fuzzyagent-real-issue",
        "single_issue_domain.xml",
        "buyer_utility.xml",
        "seller_utility.xml",
    )
    c = _compile(import_genius(d, a, b))
    issue = c.sc.issues[0]
    buyer, seller = c.sc.parties
    for opt in issue.options:
        x = float(opt.name.get())
        assert buyer.preferences.values[issue.id][opt.id] == pytest.approx(
            min(1.0, max(0.0, -0.033333333 * x + 1.3333333333)), abs=1e-12
        )
        assert seller.preferences.values[issue.id][opt.id] == pytest.approx(
            min(1.0, max(0.0, 0.03333333 * x - 0.3333333)), abs=1e-12
        )
    assert [o.name.get() for o in issue.options][:3] == ["10", "11.5", "13"]


# 2. a discount factor of 0 (or 1) is no discount, as in GENIUS
def test_discount_factor_zero_means_no_discount(tmp_path: Path) -> None:
    issues = '<issue index="1" name="Rent" type="discrete"><item value="low"/><item value="high"/></issue>'
    prof = (
        '<issue index="1" name="Rent" type="discrete">'
        '<item value="low" evaluation="{x}"/><item value="high" evaluation="{y}"/></issue>'
    )
    d = _write(tmp_path, "d.xml", DOMAIN_XML.format(name="Rent", issues=issues))
    extra = '<discount_factor value="0"/>'
    a = _write(
        tmp_path,
        "a.xml",
        PROFILE_XML.format(
            name="Rent",
            issues=prof.format(x=1, y=2),
            weights='<weight index="1" value="1"/>',
            extra=extra,
        ),
    )
    b = _write(
        tmp_path,
        "b.xml",
        PROFILE_XML.format(
            name="Rent",
            issues=prof.format(x=2, y=1),
            weights='<weight index="1" value="1"/>',
            extra='<discount_factor value="1"/>',
        ),
    )
    for party in _compile(import_genius(d, a, b)).sc.parties:
        assert party.preferences.delay_cost == 0.0
        assert party.preferences.discount is None


# 3. integer evaluators are not rescaled, and every whole number of the range stays
def test_integer_issue_keeps_every_value_and_genius_evaluation(tmp_path: Path) -> None:
    issues = '<issue index="1" name="Days" type="integer" lowerbound="1" upperbound="50"/>'
    ev = (
        '<issue index="1" name="Days" type="integer" lowerbound="1" upperbound="50">'
        '<evaluator ftype="linear" slope="{s}" offset="{o}"/></issue>'
    )
    d = _write(tmp_path, "d.xml", DOMAIN_XML.format(name="Days", issues=issues))
    w = '<weight index="1" value="1"/>'
    a = _write(
        tmp_path,
        "a.xml",
        PROFILE_XML.format(name="Days", issues=ev.format(s=0.01, o=0.1), weights=w, extra=""),
    )
    b = _write(
        tmp_path,
        "b.xml",
        PROFILE_XML.format(name="Days", issues=ev.format(s=-0.01, o=0.6), weights=w, extra=""),
    )
    c = _compile(import_genius(d, a, b))
    assert c.grid["days"] == tuple(range(1, 51))
    table = c.tables[c.sc.parties[0].id]["days"]
    assert table[0] == pytest.approx(0.1) and table[-1] == pytest.approx(0.1 + 0.01 * 49)


# 4. weights and values are kept exactly: no package drops off the frontier by rounding
@needs_genius
def test_weights_and_values_are_exact() -> None:
    d, a, b = _files("PhoneA", "Phone-A-domain.xml", "Phone-A-prof1.xml", "Phone-A-prof2.xml")
    c = _compile(import_genius(d, a, b))
    prefs = c.sc.parties[1].preferences
    # weights of Phone-A-prof2 add up to 0.99357...: divided by their sum, not rounded
    raw = [0.19809841554214838, 0.04601302397681726, 0.49714223885671444, 0.15232377562964988, 0.1]
    assert sorted(prefs.weights.values()) == sorted(w / sum(raw) for w in raw)
    # and a package is worth sum(weight * evaluation), as in GENIUS
    assert c.tables[c.sc.parties[1].id]["brand"][0] == pytest.approx(sum(raw) * 1.0)


# 5. a package that loses only by a floating-point tie is not on the frontier
def test_a_floating_point_tie_does_not_make_a_frontier_point() -> None:
    u1 = np.array([0.5, 0.4, 0.2])
    u2 = np.array([0.3, 0.1 + 0.2, 0.9])  # 0.3 and 0.30000000000000004
    assert pareto_mask(u1, u2).tolist() == [True, False, True]


TIE_A = (((1, 5, 5), (4, 8, 7), (6, 6, 8)), (0.4, 0.4, 0.2))
TIE_B = (((2, 2, 6), (8, 2, 5), (1, 9, 5)), (0.5, 0.4, 0.2))


def _tie_files(tmp: Path) -> tuple[Path, Path, Path]:
    issues = "".join(
        f'<issue index="{k + 1}" name="I{k}" type="discrete">'
        + "".join(f'<item value="v{j}"/>' for j in range(3))
        + "</issue>"
        for k in range(3)
    )
    d = _write(tmp, "d.xml", DOMAIN_XML.format(name="Ties", issues=issues))

    def prof(name: str, spec: Any) -> Path:
        evals, weights = spec
        its = "".join(
            f'<issue index="{k + 1}" name="I{k}" type="discrete">'
            + "".join(f'<item value="v{j}" evaluation="{e}"/>' for j, e in enumerate(evals[k]))
            + "</issue>"
            for k in range(3)
        )
        ws = "".join(f'<weight index="{k + 1}" value="{w}"/>' for k, w in enumerate(weights))
        return _write(tmp, name, PROFILE_XML.format(name="Ties", issues=its, weights=ws, extra=""))

    return d, prof("a.xml", TIE_A), prof("b.xml", TIE_B)


def test_debrief_and_analyse_count_the_same_frontier(tmp_path: Path) -> None:
    c = _compile(import_genius(*_tie_files(tmp_path)))
    state = new_game(c, 1)
    sa, sb = (p.id for p in c.sc.parties)
    fast = analyse(side_view(state, sa).utility, side_view(state, sb).utility)
    assert len(debrief_analysis(state).frontier) == len(fast.frontier) == 5


# 6. the scenario id and title come from the domain's name or file, never "root"
@needs_genius
def test_scenario_id_comes_from_the_domain_file_not_root() -> None:
    cam = _compile(
        import_genius(
            *_files(
                "Camera",
                "camera_domain.xml",
                "camera_buyer_utility.xml",
                "camera_seller_utility.xml",
            )
        )
    )
    lap = _compile(
        import_genius(
            *_files(
                "Laptop",
                "laptop_domain.xml",
                "laptop_buyer_utility.xml",
                "laptop_seller_utility.xml",
            )
        )
    )
    assert (cam.sc.id, lap.sc.id) == ("camera", "laptop")
    assert "root" not in cam.sc.meta.title.get()


# 7. unsupported or misplaced files are named in one line
@needs_genius
def test_non_linear_profile_is_refused_in_one_line() -> None:
    base = GENIUS / "10issuesDiscountedwithRV"
    with pytest.raises(GeniusError) as info:
        import_genius(
            base / "10issuesDiscountedwithRV-domain.xml",
            base / "profile-1.xml",
            base / "profile-2.xml",
        )
    assert len(info.value.problems) == 2  # one line per profile
    assert "non-linear" in info.value.problems[0].message
    assert "hyper-rectangle" in info.value.problems[0].message


@needs_genius
def test_domain_and_profile_swapped_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    d, a, b = _files(
        "Laptop", "laptop_domain.xml", "laptop_buyer_utility.xml", "laptop_seller_utility.xml"
    )
    assert main(["import-genius", str(a), str(d), str(b)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "a GENIUS domain, not a utility profile" in err[0]


GW_DOMAIN = {
    "name": "jobs",
    "issuesValues": {
        "lease car": {"values": ["yes", "no"]},
        "salary": {"range": {"low": 2000, "high": 3000, "step": 500}},
    },
}


def _gw_profile(name: str, car: dict[str, float], low: float, high: float) -> dict[str, Any]:
    return {
        "LinearAdditiveUtilitySpace": {
            "name": name,
            "domain": GW_DOMAIN,
            "issueUtilities": {
                "lease car": {"discreteutils": {"valueUtilities": car}},
                "salary": {
                    "numberutils": {
                        "lowValue": 2000,
                        "lowUtility": low,
                        "highValue": 3000,
                        "highUtility": high,
                    }
                },
            },
            "issueWeights": {"lease car": 0.25, "salary": 0.75},
            "reservationBid": {"issuevalues": {"lease car": "no", "salary": 2500}},
        }
    }


def test_geniusweb_json_profiles_are_read(tmp_path: Path) -> None:
    d = _write(tmp_path, "jobs.json", json.dumps(GW_DOMAIN))
    a = _write(
        tmp_path, "jobs1.json", json.dumps(_gw_profile("jobs1", {"yes": 0.8, "no": 0.2}, 0.0, 1.0))
    )
    b = _write(
        tmp_path, "jobs2.json", json.dumps(_gw_profile("jobs2", {"yes": 0.1, "no": 0.9}, 1.0, 0.0))
    )
    c = _compile(import_genius(d, a, b))
    assert c.sc.id == "jobs"
    assert [o.name.get() for o in c.sc.issues[1].options] == ["2000", "2500", "3000"]
    employee = c.sc.parties[0].preferences
    assert employee.values["lease_car"] == {"yes": 0.8, "no": 0.2}
    assert employee.values["salary"]["v_2500"] == pytest.approx(0.5)
    # the reservation value is the utility of the reservation bid
    assert employee.reservation == pytest.approx(0.25 * 0.2 + 0.75 * 0.5)


def test_geniusweb_non_linear_profile_is_refused_in_one_line(tmp_path: Path) -> None:
    d = _write(tmp_path, "jobs.json", json.dumps(GW_DOMAIN))
    a = _write(tmp_path, "a.json", json.dumps({"SumOfGroupsUtilitySpace": {"domain": GW_DOMAIN}}))
    with pytest.raises(GeniusError) as info:
        import_genius(d, a, a)
    assert len(info.value.problems) == 2
    assert "SumOfGroupsUtilitySpace" in info.value.problems[0].message


def test_malformed_json_is_located(tmp_path: Path) -> None:
    d = _write(tmp_path, "jobs.json", '{"name": "jobs",\n "issuesValues": {,}}')
    with pytest.raises(GeniusError) as info:
        import_genius(d, d, d)
    assert str(info.value).startswith(f"{d}:2:")


# 8. GENIUS discounting: deal and no deal discounted alike
@needs_genius
def test_reservation_is_discounted_like_a_deal() -> None:
    d, a, b = _files(
        "BarbecueA", "Barbecue-A-domain.xml", "Barbecue-A-prof1.xml", "Barbecue-A-prof2.xml"
    )
    c = _compile(import_genius(d, a, b, sessions=2))
    side = c.sc.parties[0].id
    assert c.sc.parties[0].preferences.discount == 0.5
    state = new_game(c, 1)
    start = side_view(state, side).utility
    while not state.over:
        state = apply(state, Move("adjourn", state.to_move))
    # no deal at the deadline: the reservation value 0.25, discounted to 0.125
    assert outcome_utility(state, side) == pytest.approx(0.25 * 0.5)
    # the packages worth more than no deal are the same at the start and at the end
    assert start.reservation == side_view(new_game(c, 1), side).utility.reservation


# 9. ids keep their length and their letters; the debrief shows no history it does not have
def test_long_and_accented_option_ids(tmp_path: Path) -> None:
    long_a = "A very long clause text that goes on and on, version one"
    long_b = "A very long clause text that goes on and on, version two"
    items = "".join(f'<item value="{v}"/>' for v in (long_a, long_b, "Öl über alles"))
    d = _write(
        tmp_path,
        "d.xml",
        DOMAIN_XML.format(
            name="Clauses",
            issues=f'<issue index="1" name="Clause" type="discrete">{items}</issue>',
        ),
    )

    def prof(name: str, evals: tuple[int, int, int]) -> Path:
        its = "".join(
            f'<item value="{v}" evaluation="{e}"/>'
            for v, e in zip((long_a, long_b, "Öl über alles"), evals, strict=True)
        )
        return _write(
            tmp_path,
            f"{name}.xml",
            PROFILE_XML.format(
                name="Clauses",
                issues=f'<issue index="1" name="Clause" type="discrete">{its}</issue>',
                weights='<weight index="1" value="1"/>',
                extra="",
            ),
        )

    c = _compile(import_genius(d, prof("a", (1, 3, 2)), prof("b", (3, 1, 2))))
    ids = [o.id for o in c.sc.issues[0].options]
    assert ids == [
        "a_very_long_clause_text_that_goes_on_and_on_version_one",
        "a_very_long_clause_text_that_goes_on_and_on_version_two",
        "ol_uber_alles",
    ]
    out = io.StringIO()
    lines = iter([f"propose clause={ids[2]}\n", "accept\n"] + ["adjourn\n"] * 80)
    assert run_text_game(c, c.sc.parties[0].diplomat.id, 1, lines, out) == 0
    assert "proposes: Clause: Öl über alles" in out.getvalue()


@needs_genius
def test_debrief_has_no_history_column_for_an_imported_domain() -> None:
    c = _compile(
        import_genius(
            *_files(
                "Laptop",
                "laptop_domain.xml",
                "laptop_buyer_utility.xml",
                "laptop_seller_utility.xml",
            )
        )
    )
    state = new_game(c, 1)
    while not state.over:
        state = apply(state, Move("adjourn", state.to_move))
    d = debrief(state)
    assert d.history_utilities == {}
    text = render_debrief(c, d)
    assert "history —" in text and "0 = worst," not in text


# 10. AI against AI: different seeds give different games, the same seed the same game
@needs_genius
def test_seeds_change_ai_games_on_an_imported_domain() -> None:
    c = _compile(
        import_genius(
            *_files(
                "Camera",
                "camera_domain.xml",
                "camera_buyer_utility.xml",
                "camera_seller_utility.xml",
            )
        )
    )
    games = [play_one(c, {}, seed, 0) for seed in range(1, 9)]
    assert len({json.dumps(g.terms, sort_keys=True) + g.date for g in games}) > 1
    assert play_one(c, {}, 3, 0) == games[2]
