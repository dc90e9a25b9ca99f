"""Lint: rules on small scenarios, the bundled scenarios, the command's exit codes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from game.authoring.decide import Place, World, decide
from game.authoring.lint import RULES, lint_path
from game.authoring.scaffold import scenario_text
from game.scenario import model as m
from tests.authoring.helpers import BAD, MINI, SCENARIOS, run_cli

BUNDLED = sorted(SCENARIOS.glob("*.yaml"))


def _write(tmp_path: Path, text: str, name: str = "s.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_scaffold_lints_clean(tmp_path: Path) -> None:
    assert lint_path(_write(tmp_path, scenario_text("clean"))) == []


@pytest.mark.parametrize("path", BUNDLED, ids=[p.name for p in BUNDLED])
def test_bundled_scenarios_lint_clean(path: Path) -> None:
    found = lint_path(path)
    if any(f.code == "internal-error" for f in found):
        pytest.xfail(
            "the loader crashes on this file (see test_loader_bugs.py): " + found[0].message
        )
    assert [str(f) for f in found] == []


def test_mini_warnings() -> None:
    """mini.yaml lacks az texts, and a deal agreed on its last day would end 'deadline'."""
    found = lint_path(MINI)
    assert {f.code for f in found} == {"missing-translation", "deal-past-deadline"}
    assert all(f.level == "warning" for f in found)


def test_rules_are_documented_in_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run_cli(capsys, "lint", "--help")
    out = capsys.readouterr().out
    for code in RULES:
        assert code in out
    assert "exit codes" in out


def test_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clean = _write(tmp_path, scenario_text("clean"))
    warn = BAD / "lint_unused_source.yaml"
    error = BAD / "lint_history_illegal.yaml"
    assert run_cli(capsys, "lint", str(clean))[0] == 0
    assert run_cli(capsys, "lint", str(clean), "--strict")[0] == 0
    assert run_cli(capsys, "lint", str(warn))[0] == 0
    assert run_cli(capsys, "lint", str(warn), "--strict")[0] == 3
    assert run_cli(capsys, "lint", str(warn), "--strict", "--ignore", "unused-source")[0] == 0
    assert run_cli(capsys, "lint", str(error))[0] == 1
    assert run_cli(capsys, "lint", str(BAD / "malformed.yaml"))[0] == 1


def test_history_illegal_points_at_the_step() -> None:
    found = [f for f in lint_path(BAD / "lint_history_illegal.yaml") if f.code == "history-illegal"]
    assert len(found) == 1
    text = (BAD / "lint_history_illegal.yaml").read_text(encoding="utf-8").splitlines()
    assert text[found[0].line - 1].strip().startswith("- date: 1900-01-08")
    assert "outside your mandate" in found[0].message


def test_unreachable_reports_only_the_outermost(tmp_path: Path) -> None:
    text = scenario_text("u").replace(
        "  - id: no_deal\n",
        "  - id: island\n    name: {en: Island}\n    initial: a\n    stages:\n"
        "      - {id: a, name: {en: A}, end: no_agreement}\n"
        "      - {id: b, name: {en: B}, end: no_agreement}\n  - id: no_deal\n",
    )
    found = [f for f in lint_path(_write(tmp_path, text)) if f.code == "unreachable-stage"]
    assert [f.message.split("'")[1] for f in found] == ["island"]


def _world(**kw: object) -> World:
    base: dict[str, object] = {
        "event_dates": {"storm": dt.date(1900, 5, 1)},
        "never_fires": frozenset({"ghost"}),
        "flags_set": frozenset({"set"}),
        "mandates": {"east": frozenset({"firm"})},
        "agreeable": frozenset({"tariff"}),
        "issues": {},
        "ancestors": {"a": (), "b": (), "a1": ("a",)},
    }
    base.update(kw)
    return World(**base)  # type: ignore[arg-type]


def C(**kw: object) -> m.Condition:
    from game.scenario.loader import freeze

    return m.Condition.model_validate(freeze(kw))


PLACE = Place(dt.date(1900, 1, 1), dt.date(1900, 3, 31), frozenset({"a"}), frozenset({"a", "a1"}))


@pytest.mark.parametrize(
    ("cond", "verdict"),
    [
        (C(after=dt.date(1900, 6, 1)), False),
        (C(after=dt.date(1899, 6, 1)), True),
        (C(after=dt.date(1900, 2, 1)), None),
        (C(before=dt.date(1900, 1, 1)), False),
        (C(fired="storm"), False),
        (C(fired="ghost"), False),
        (C(flag="unset"), False),
        (C(flag="set"), None),
        (C(agreed="port"), False),
        (C(stage="a"), True),
        (C(stage="b"), False),
        (C(stage="a1"), None),
        (C(mandate={"party": "east", "is": "soft"}), False),
        (C(**{"all": [{"after": dt.date(1900, 3, 1)}, {"before": dt.date(1900, 2, 1)}]}), False),
        (C(**{"all": [{"flag": "set"}, {"not": {"flag": "set"}}]}), False),
        (C(**{"all": [{"stage": "a"}, {"stage": "b"}]}), False),
        (C(**{"all": [{"stage": "a"}, {"stage": "a1"}]}), None),
        (C(**{"any": [{"flag": "unset"}, {"fired": "ghost"}]}), False),
        (C(**{"any": [{"flag": "unset"}, {"flag": "set"}]}), None),
        (C(**{"not": {"after": dt.date(1899, 1, 1)}}), False),
        (C(**{"not": {"flag": "unset"}}), True),
    ],
)
def test_decide(cond: m.Condition, verdict: bool | None) -> None:
    got, why = decide(cond, PLACE, _world())
    assert got is verdict
    if got is False:
        assert why


def test_a_stage_entered_after_its_until_is_not_over_reported(tmp_path: Path) -> None:
    """A stage entered after its 'until' lasts one more session: dates after 'until' can happen."""
    text = scenario_text("late").replace(
        "        until: 1900-12-15        # leaves time to sign before the deadline\n        transitions:\n",
        '        until: 1900-02-01\n        transitions:\n          - {"on": auto, to: no_deal, when: {after: 1900-04-15}}\n',
    )
    found = lint_path(_write(tmp_path, text))
    assert not [f for f in found if f.code == "impossible-transition"], [str(f) for f in found]
    # entered by 30 April at the latest (31 March + 30 days of the pause): May cannot come
    later = text.replace("when: {after: 1900-04-15}", "when: {after: 1900-05-15}")
    found = [
        f for f in lint_path(_write(tmp_path, later, "l.yaml")) if f.code == "impossible-transition"
    ]
    assert len(found) == 1 and "cannot pass 1900-04-30" in found[0].message
    early = scenario_text("early").replace(
        '          - {"on": timeout, to: hiatus}',
        '          - {"on": auto, to: hiatus, when: {after: 1900-06-01}}\n          - {"on": timeout, to: hiatus}',
    )
    found = [
        f for f in lint_path(_write(tmp_path, early, "e.yaml")) if f.code == "impossible-transition"
    ]
    assert len(found) == 1 and "cannot pass 1900-03-31" in found[0].message


def test_review_marks_are_for_authors_in_lint_not_for_players(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The game shows texts awaiting review without a mark; `lint --review` lists them."""
    from game.authoring.lint import review_findings
    from game.cli import main

    path = BUNDLED[-1]
    notes = review_findings(path)
    assert notes and all(f.level == "note" and f.code == "translation-review" for f in notes)
    assert all(f.line > 1 for f in notes)
    assert main(["lint", "--review", "--strict", str(path)]) == 0
    out = capsys.readouterr().out
    assert "awaits a native speaker's review" in out and "note(s)" in out
    assert main(["lint", str(path)]) == 0
    assert "review" not in capsys.readouterr().out
