"""The bad-scenario corpus: every file is rejected with a located message, no traceback."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from typing import Any

import pytest
import yaml

from game.authoring.lint import RULES
from tests.authoring.helpers import BAD, ROOT, run_cli

CASES: list[dict[str, Any]] = yaml.safe_load((BAD / "cases.yaml").read_text(encoding="utf-8"))
IDS = [c["file"] for c in CASES]
TIME_LIMIT = 10.0  # seconds; generous, only to catch hangs (speed is in benchmarks/)


def test_corpus_is_large_and_indexed() -> None:
    validate = [c for c in CASES if c["command"] == "validate"]
    assert len(validate) >= 40
    on_disk = {p.name for p in BAD.iterdir() if p.name != "cases.yaml" and p.suffix != ".py"}
    indexed = {c["file"] for c in CASES}
    assert on_disk <= indexed, f"fixtures without a case: {sorted(on_disk - indexed)}"


def test_every_lint_rule_has_a_fixture() -> None:
    covered = {c.get("code") for c in CASES if c["command"] == "lint"}
    assert set(RULES) <= covered, f"lint rules without a fixture: {sorted(set(RULES) - covered)}"


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_case_text(case: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    path = str(BAD / case["file"])
    argv = [case["command"], path]
    start = time.perf_counter()
    code, out, err = run_cli(capsys, *argv)
    assert time.perf_counter() - start < TIME_LIMIT
    assert code == case["exit"], out + err
    assert "Traceback" not in out + err
    prefix = f"{path}:{case['line']}:{case['col']}: "
    lines = [ln for ln in out.splitlines() if ln.startswith(prefix)]
    assert any(case["message"] in ln for ln in lines), (
        f"expected {prefix}...{case['message']} in:\n{out}"
    )
    if case.get("code"):
        assert any(ln.endswith(f"[{case['code']}]") for ln in lines)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_case_json(case: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    path = str(BAD / case["file"])
    code, out, _ = run_cli(capsys, case["command"], path, "--json")
    assert code == case["exit"]
    found = json.loads(out)
    assert isinstance(found, list) and found
    for f in found:
        assert set(f) == {"file", "line", "col", "level", "message", "code"}
        assert f["level"] in ("error", "warning")
    assert any(
        f["line"] == case["line"] and f["col"] == case["col"] and case["message"] in f["message"]
        for f in found
    )


SUBPROCESS_CASES = [
    "malformed.yaml",
    "alias_bomb.yaml",
    "not_utf8.yaml",
    "a_folder.yaml",
    "deep_nesting.yaml",
    "unknown_stage.yaml",
]


@pytest.mark.parametrize("name", SUBPROCESS_CASES)
def test_case_subprocess(name: str) -> None:
    case = next(c for c in CASES if c["file"] == name)
    proc = subprocess.run(
        [sys.executable, "-m", "game", "validate", str(BAD / name)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    assert f":{case['line']}:{case['col']}: error: " in proc.stdout
    assert case["message"] in proc.stdout


def test_missing_file_and_several_paths(capsys: pytest.CaptureFixture[str]) -> None:
    good = str(BAD / "lint_unused_source.yaml")
    code, out, err = run_cli(capsys, "validate", good, str(BAD / "nope.yaml"))
    assert code == 1
    assert "nope.yaml:1:1: error: file not found" in out
    assert f"{good}: ok" in err
