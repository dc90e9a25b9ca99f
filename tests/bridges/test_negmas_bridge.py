"""The NegMAS bridge: NegMAS negotiators at the table, the game's AI in NegMAS.

Runs only where NegMAS is installed (``pip install -e '.[negmas]'``); CI does not install it.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("negmas", reason="NegMAS is not installed (the optional negmas extra)")
pytest.importorskip("treaty_table_negmas", reason="the bridge is not installed")

from negmas.preferences.ops import nash_points, pareto_frontier  # noqa: E402
from negmas.sao import AspirationNegotiator, SAOMechanism  # noqa: E402
from treaty_table_negmas import TreatyTableNegotiator, to_negmas  # noqa: E402

from game.cli import main  # noqa: E402
from game.engine import compile_loaded, new_game  # noqa: E402
from game.engine.analytics import analyse  # noqa: E402
from game.engine.utility import side_view  # noqa: E402
from game.genius import import_genius  # noqa: E402
from game.scenario.loader import validate_located  # noqa: E402
from game.scenario.yamlsafe import load_yaml_text  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
HARBOUR = ROOT / "tests" / "fixtures" / "genius"
GENIUS = ROOT.parent / "shared" / "genius"


def _harbour(tmp_path: Path) -> Path:
    text = import_genius(
        HARBOUR / "harbour_domain.xml",
        HARBOUR / "harbour_owner.xml",
        HARBOUR / "harbour_shipper.xml",
    )
    path = tmp_path / "harbour.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _utilities(path: Path):  # type: ignore[no-untyped-def]
    text = path.read_text(encoding="utf-8")
    c = compile_loaded(validate_located(load_yaml_text(text, str(path)), str(path)))
    state = new_game(c, 1)
    a, b = (p.id for p in c.sc.parties)
    return side_view(state, a).utility, side_view(state, b).utility


def test_treaty_table_ai_negotiates_in_negmas(tmp_path: Path) -> None:
    ua, ub = _utilities(_harbour(tmp_path))
    na, nb = to_negmas(ua), to_negmas(ub)
    m = SAOMechanism(outcome_space=na.outcome_space, n_steps=60)
    m.add(TreatyTableNegotiator(preset="hard", name="tt"), ufun=na)
    m.add(AspirationNegotiator(name="asp"), ufun=nb)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        state = m.run()
    assert state.agreement is not None
    assert float(na(state.agreement)) >= ua.reservation


def test_a_negmas_negotiator_plays_a_side_in_simulate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _harbour(tmp_path)
    args = ["simulate", str(path), "--games", "2", "--json"]
    args += ["--policy", "side_b=negmas:negmas.sao:AspirationNegotiator"]
    assert main(args) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["summary"]["games"] == 2
    assert out["summary"]["policies"]["side_b"].startswith("negmas:")


def test_the_analytics_agree_with_negmas(tmp_path: Path) -> None:
    ua, ub = _utilities(_harbour(tmp_path))
    na, nb = to_negmas(ua), to_negmas(ub)
    for u in (na, nb):
        u.reserved_value = 0.0
    ours = analyse(ua, ub, reservations=(max(0.0, ua.worst), max(0.0, ub.worst)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        frontier, _ = pareto_frontier([na, nb], sort_by_welfare=False)
        nash = nash_points([na, nb], frontier)
    mine = np.array(ours.frontier)
    theirs = np.array(sorted(frontier))
    # every point of ours is one of NegMAS's; NegMAS's others lose to one of ours by a
    # floating-point tie only (0.33, 0.8800000000000001) against (0.36, 0.8799999999999999)
    for point in mine:
        assert np.abs(theirs - point).max(axis=1).min() <= 1e-9
    for point in theirs:
        if np.abs(mine - point).max(axis=1).min() > 1e-9:
            assert np.any(
                np.all(mine >= point - 1e-9, axis=1) & np.any(mine > point + 1e-9, axis=1)
            )
    assert nash[0][0] == pytest.approx(ours.nash, abs=1e-9)
