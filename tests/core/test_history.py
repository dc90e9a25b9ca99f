"""Golden tests: every bundled scenario's historical path replays through the rules.

The replay's transcript is kept in tests/golden/<id>.txt for review; after a
deliberate change, regenerate with ``UPDATE_GOLDEN=1 python -m pytest tests/core/test_history.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.engine.record import replay_history
from game.persistence.scenarios import load
from tests.conftest import ROOT, bundled_scenarios

FILES = bundled_scenarios()
GOLDEN = ROOT / "tests" / "golden"


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_history_replays_to_an_end(path: Path) -> None:
    c = load(path)
    steps = replay_history(c)
    assert steps, "a bundled scenario has a historical path"
    final = steps[-1].after
    assert final.outcome is not None, f"the path stops in stage {final.stage} on {final.date}"
    for st in steps:
        assert st.step.text.kind == "history" and st.step.text.cite


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_history_transcript_is_current(path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "game", "replay", str(path), "--historical"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    ).stdout
    golden = GOLDEN / f"{path.stem}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8")
    assert golden.exists(), (
        f"no transcript {golden.name}: review the replay, then run with UPDATE_GOLDEN=1"
    )
    assert out == golden.read_text(encoding="utf-8"), (
        f"regenerate {golden.name} with UPDATE_GOLDEN=1 after review"
    )


PEKING = ROOT / "scenarios" / "peking-1925.yaml"


@pytest.mark.skipif(not PEKING.exists(), reason="main scenario missing")
def test_peking_history_ends_in_the_basic_convention() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "game", "replay", "peking-1925", "--historical", "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    ).stdout
    data = json.loads(out)
    assert data["termination"] == "signed"
    assert data["date"] == "1925-01-20"
    assert data["terms"]["oil_share"] == 50
    assert data["terms"]["evacuation_by"] == "1925-05-15"
    stages = [m["stage"] for m in data["milestones"]]
    dates = {m["stage"]: m["date"] for m in data["milestones"]}
    assert stages[-1] == "registered" and dates["registered"] == "1925-05-20"
    assert dates.get("ratified") == "1925-02-26"
    c = load(PEKING)
    for issue in c.sc.issues:
        if issue.history is not None:
            want = (
                issue.history.isoformat() if isinstance(issue.history, dt.date) else issue.history
            )
            assert data["terms"].get(issue.id) == want, issue.id


def test_peking_history_bargains_article_by_article() -> None:
    """The Japanese drafts tie clauses together; in the final round the oil share and then
    the evacuation date are agreed on their own before the remaining articles, and the
    outcome dates signature, ratification and registration."""
    out = subprocess.run(
        [sys.executable, "-m", "game", "replay", "peking-1925", "--historical", "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    ).stdout
    data = json.loads(out)
    assert (data["signed_on"], data["ratified_on"], data["registered_on"]) == (
        "1925-01-20",
        "1925-02-26",
        "1925-05-20",
    )
    assert data["agreed_on"] == "1925-01-20"
    assert all(c["final"] for c in data["clauses"].values())
    assert data["clauses"]["secrecy"]["date"] == "1924-05-15"
    sc = load(PEKING).sc
    links = {(st.date.isoformat(), tuple(g)) for st in sc.history for g in st.links}
    assert links == {
        ("1924-05-15", ("nikolaevsk", "oil_term", "oil_royalty", "coal")),
        ("1924-08-04", ("recognition", "evacuation_terms", "nikolaevsk", "oil_royalty")),
    }
    last = [st for st in sc.history if st.date == dt.date(1925, 1, 20)]
    assert [(st.by, st.move, sorted(st.package or {})[:2]) for st in last][:4] == [
        ("japan", "propose", ["oil_share"]),
        ("ussr", "accept", []),
        ("japan", "propose", ["evacuation_by"]),
        ("ussr", "accept", []),
    ]
