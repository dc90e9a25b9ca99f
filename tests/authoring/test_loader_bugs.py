"""Loader bugs found by the authoring tests, kept as regression tests (xfail while open).

The authoring commands turn these into an ``internal-error`` finding at 1:1
(no traceback); the loader itself should raise ScenarioFileError or accept the file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.authoring.lint import lint_path
from game.authoring.scaffold import scenario_text
from game.scenario.loader import load_scenario, validate_located
from game.scenario.yamlsafe import ScenarioFileError, load_yaml_text


def test_integer_issue_without_min_used_in_history() -> None:
    text = scenario_text("bug").replace("    min: 0\n", "", 1)
    with pytest.raises(ScenarioFileError) as info:
        validate_located(load_yaml_text(text, "bug.yaml"), "bug.yaml")
    assert any("min" in p.message for p in info.value.problems)


def test_date_issue_value_table_with_date_keys(tmp_path: Path) -> None:
    text = (
        scenario_text("bug")
        .replace(
            "  - id: port\n",
            "  - id: when\n    name: {en: When}\n    kind: date\n    min: 1900-01-01\n    max: 1900-12-01\n    step_months: 1\n  - id: port\n",
            1,
        )
        .replace(
            "        tariff: {0: 0.0, 20: 1.0}",
            "        tariff: {0: 0.0, 20: 1.0}\n        when: {1900-01-01: 1.0, 1900-12-01: 0.0}",
            1,
        )
    )
    path = tmp_path / "bug.yaml"
    path.write_text(text, encoding="utf-8")
    assert load_scenario(path).scenario.id == "bug"


def test_loader_crash_is_a_located_finding(tmp_path: Path) -> None:
    """Whatever the loader does, lint reports a finding instead of a traceback."""
    path = tmp_path / "bug.yaml"
    path.write_text(scenario_text("bug").replace("    min: 0\n", "", 1), encoding="utf-8")
    found = lint_path(path)
    assert found and all(f.line >= 1 and f.col >= 1 for f in found)
    assert any(f.level == "error" for f in found)
