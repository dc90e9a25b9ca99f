"""changchun-1922: three signatories at one table, the historical path to the break of
26 September 1922, and a game played from a pipe to its end as each diplomat."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.persistence.scenarios import load
from game.text.play import run_text_game
from tests.conftest import ROOT

PATH = ROOT / "scenarios" / "changchun-1922.yaml"


def _historical_json() -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-m", "game", "replay", "changchun-1922", "--historical", "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    ).stdout
    data = json.loads(out)
    assert isinstance(data, dict)
    return data


def test_history_ends_broken_off_on_26_september_with_three_signatories() -> None:
    data = _historical_json()
    assert data["termination"] == "broken_off"
    assert data["date"] == "1922-09-26"
    assert data["terms"] == {} and data["clauses"] == {} and data["signed_on"] is None
    parties = data["parties"]
    assert isinstance(parties, list)
    assert [(p["id"], p["role"], p["diplomat"]) for p in parties] == [
        ("japan", "signatory", "matsudaira"),
        ("rsfsr", "signatory", "ioffe"),
        ("fer", "signatory", "yanson"),
    ]
    steps = data["steps"]
    assert isinstance(steps, list) and len(steps) == len(load(PATH).sc.history)
    assert all(step["sources"] for step in steps), "every historical step cites a source"
    assert steps[-1] == {
        "date": "1922-09-26",
        "date_precision": "day",
        "by": "japan",
        "move": "break_off",
        "sources": ["s_frus_1922_750", "s_gse_changchun", "s_ioffe_1923", "s_frus_1922_755"],
    }


def test_history_uses_partial_and_linked_offers_and_the_fer_concurs_with_ioffe() -> None:
    sc = load(PATH).sc
    linked = [st for st in sc.history if st.links]
    assert {tuple(g) for st in linked for g in st.links} == {("sakhalin_evacuation", "nikolaevsk")}
    assert all(st.by == "japan" for st in linked)
    open_issues = {i.id for i in sc.issues}
    offers = [st for st in sc.history if st.move in ("propose", "counter")]
    assert offers and all(set(st.package or {}) < open_issues for st in offers), (
        "every offer of the path settles only some of the issues"
    )
    assert {st.move for st in sc.history if st.by == "fer"} == {"accept", "pass"}
    assert not any(i.history is not None for i in sc.issues), "nothing was agreed in 1922"


def test_history_transcript_names_the_table_and_every_source() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "game", "replay", "changchun-1922", "--historical"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    ).stdout
    flat = " ".join(out.split())
    assert "(to Adolf Ioffe and Yakov Yanson)" in flat
    assert "Yakov Yanson accepts" in flat and "(awaiting Matsudaira Tsuneo)" in flat
    assert "linked: Evacuation of North Sakhalin with The Nikolaevsk affair (1920)" in flat
    assert "Outcome: broken off, 26 September 1922" in out
    assert "SOURCES" in out and out.count("[source ") >= 20


@pytest.mark.parametrize("role", ["matsudaira", "ioffe", "yanson"])
def test_a_game_from_a_pipe_reaches_the_debrief_as_each_diplomat(role: str) -> None:
    opening = {
        "matsudaira": "propose treaty_parties=fer_only economic_rights=dairen_terms "
        "--link treaty_parties,economic_rights",
        "ioffe": "argue one_economy",
        "yanson": "argue washington_pledge",
    }[role]
    script = ["status", opening] + ["accept", "adjourn"] * 80
    out = io.StringIO()
    code = run_text_game(load(PATH), role, 5, iter(s + "\n" for s in script), out)
    text = out.getvalue()
    assert code == 0 and "DEBRIEF" in text and "Outcome:" in text
    assert "Across the table:" in text
    others = {"matsudaira": "Matsudaira Tsuneo", "ioffe": "Adolf Ioffe", "yanson": "Yakov Yanson"}
    for who, name in others.items():
        if who != role:
            assert name in text.split("Across the table:")[1].splitlines()[0]


def test_a_game_from_a_pipe_in_a_subprocess_ends_when_japan_breaks_off(tmp_path: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "game",
            "play",
            "changchun-1922",
            "--text",
            "--role",
            "matsudaira",
            "--seed",
            "2",
        ],
        input="propose treaty_parties=fer_only\nadjourn\nbreak_off\n",
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        env={"TREATY_TABLE_SAVES": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "The talks end: broken off" in proc.stdout and "DEBRIEF" in proc.stdout
