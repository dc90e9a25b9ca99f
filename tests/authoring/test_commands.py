"""schema, validate, graph, new and explore commands."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest

from game.authoring import explore as explore_mod
from game.authoring.explore import explore, summary
from game.authoring.graph import history_path, to_dot, to_mermaid
from game.authoring.schema import schema_text
from game.engine import compile_loaded
from game.engine.record import resume
from game.persistence.records import load_record
from game.persistence.scenarios import load
from game.scenario.loader import load_scenario
from game.scenario.yamlsafe import load_yaml_file
from tests.authoring.helpers import MINI, ROOT, run_cli

# ----------------------------------------------------------------------------- schema


def test_docs_schema_is_current() -> None:
    path = ROOT / "docs" / "schema.json"
    assert path.read_text(encoding="utf-8") == schema_text(), (
        "run: treaty-table schema --out docs/schema.json"
    )


def test_schema_command_prints_it(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "schema")
    assert code == 0 and json.loads(out)["title"] == "Treaty Table scenario"
    assert run_cli(capsys, "schema", "--check", str(ROOT / "docs" / "schema.json"))[0] == 0


def _as_json(x: Any) -> Any:
    if isinstance(x, dict):
        return {
            (k.isoformat() if isinstance(k, dt.date) else str(k)): _as_json(v) for k, v in x.items()
        }
    if isinstance(x, list):
        return [_as_json(v) for v in x]
    return x.isoformat() if isinstance(x, dt.date) else x


def test_schema_accepts_scenarios_and_rejects_unknown_keys(tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(schema_text())
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    run_new = tmp_path / "s.yaml"
    from game.authoring.scaffold import create

    create("s", tmp_path)
    for path in (MINI, run_new):
        data = _as_json(load_yaml_file(path).data)
        assert list(validator.iter_errors(data)) == []
    data = _as_json(load_yaml_file(run_new).data)
    data["calendar"]["sesion_days"] = 3
    data["events"][0]["when"] = {"after": "1900-01-01", "before": "1900-02-01"}
    messages = [e.message for e in validator.iter_errors(data)]
    assert any("sesion_days" in msg for msg in messages)
    assert len(messages) >= 2


# ----------------------------------------------------------------------------- validate


def test_validate_ok_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "validate", str(MINI))
    assert code == 0 and out.strip().endswith("mini.yaml: ok")
    code, out, _ = run_cli(capsys, "validate", str(MINI), "--json")
    assert code == 0 and json.loads(out) == []


# ----------------------------------------------------------------------------- graph


def test_graph_mermaid_marks_history() -> None:
    c = load(MINI)
    hist = history_path(c)
    assert hist.stages == ["talks", "opening", "signed", "ratified"]
    assert hist.edges == [("talks", "signed"), ("signed", "ratified")]
    text = to_mermaid(c, hist)
    assert text.splitlines()[3] == "stateDiagram-v2"
    assert "classDef s_history" in text
    assert "  class talks/opening s_history" in text
    assert "talks --> signed: agree (history 1)" in text
    assert "talks/opening --> talks/pause: timeout" in text
    assert 'state "Opening round" as talks/opening' in text


def test_graph_dot(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    c = load(MINI)
    dot = to_dot(c)
    assert dot.startswith("digraph stages {") and dot.rstrip().endswith("}")
    assert 'subgraph "cluster_talks"' in dot
    assert '"signed" -> "ratified" [label="timeout (history 2)", color=' in dot
    assert dot.count("{") == dot.count("}")
    out = tmp_path / "g.dot"
    code, stdout, _ = run_cli(capsys, "graph", str(MINI), "--format", "dot", "--out", str(out))
    assert code == 0 and stdout == "" and out.read_text(encoding="utf-8") == dot


def test_graph_of_an_invalid_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(
        capsys, "graph", str(ROOT / "tests/fixtures/bad_scenarios/malformed.yaml")
    )
    assert code == 1 and out == "" and "YAML syntax" in err


# ----------------------------------------------------------------------------- new


def test_new_validates_lints_replays_and_plays(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(capsys, "new", "harbour-1900", "--dir", str(tmp_path))
    path = tmp_path / "harbour-1900.yaml"
    assert code == 0 and path.is_file() and str(path) in out
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    schema_ref = text.splitlines()[0].split("=", 1)[1]
    assert (tmp_path / schema_ref).resolve() == (ROOT / "docs" / "schema.json").resolve()
    assert run_cli(capsys, "validate", str(path))[0] == 0
    assert run_cli(capsys, "lint", str(path), "--strict")[0] == 0
    code, out, _ = run_cli(capsys, "replay", str(path), "--historical", "--json")
    result = json.loads(out)
    assert (
        code == 0
        and result["termination"] == "signed"
        and result["terms"] == {"tariff": 10, "port": "shared"}
    )
    from game.text.play import run_text_game

    c = compile_loaded(load_scenario(path))
    buf = io.StringIO()
    moves = [
        "propose tariff=15 port=open",
        "status",
        "adjourn",
        "propose tariff=10 port=shared",
        "accept",
        "quit",
    ]
    code = run_text_game(c, "eve", 1, iter(m + "\n" for m in moves), buf)
    assert code == 0
    assert "Traceback" not in buf.getvalue() and "Tariff" in buf.getvalue()


def test_new_refuses_bad_names_and_existing_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(capsys, "new", "Bad Name", "--dir", str(tmp_path))[0] == 1
    assert run_cli(capsys, "new", "ok", "--dir", str(tmp_path))[0] == 0
    code, _, err = run_cli(capsys, "new", "ok", "--dir", str(tmp_path))
    assert code == 1 and "already exists" in err
    assert run_cli(capsys, "new", "ok", "--dir", str(tmp_path), "--force")[0] == 0


# ----------------------------------------------------------------------------- explore


def test_explore_mini() -> None:
    c = load(MINI)
    report = explore(c, games=10, seed=3, time_limit=None)
    assert report.games == 10 and report.ok
    assert sum(report.terminations.values()) + len(report.unfinished) + len(report.no_move) == 10
    text = summary(report)
    assert "mini: 10 game(s)" in text and "no crashes" in text


def test_explore_records_crashes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    c = load(MINI)
    real_apply = explore_mod.apply

    def flaky(state: Any, move: Any) -> Any:
        if state.ply == 3:
            raise RuntimeError("boom")
        return real_apply(state, move)

    monkeypatch.setattr(explore_mod, "apply", flaky)
    report = explore(c, games=2, seed=1, time_limit=None, crash_dir=tmp_path)
    assert len(report.crashes) == 2
    crash = report.crashes[0]
    assert crash.error == "RuntimeError: boom" and crash.record is not None
    rec = load_record(crash.record)
    assert len(rec.moves) == 3 and rec.meta["error"] == "RuntimeError: boom"
    assert resume(c, rec).problem is None
    assert "CRASH in game 1" in summary(report)


def test_explore_command(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli(capsys, "explore", str(MINI), "--games", "5", "--json")
    data = json.loads(out)
    assert code == 0 and data["games"] == 5 and data["crashes"] == []


def test_schema_describes_keys_from_docstrings() -> None:
    defs = json.loads(schema_text())["$defs"]
    assert defs["Condition"]["properties"]["fired"]["description"] == "an event id"
    assert "timeout" in defs["Transition"]["properties"]["on"]["description"]
    assert defs["Condition"]["maxProperties"] == 1
    assert all("title" not in p for p in defs["Stage"]["properties"].values())
    assert defs["Text"]["anyOf"][0]["type"] == "string"
