"""Fuzzing the whole scenario loader (and lint): only ScenarioFileError may come out."""

from __future__ import annotations

import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.authoring.lint import lint_loaded
from game.authoring.scaffold import scenario_text
from game.scenario.loader import validate_located
from game.scenario.yamlsafe import ScenarioFileError, load_yaml_text

BASE = scenario_text("fuzz").splitlines()
VALUES = [
    "0",
    "-1",
    "1.5",
    "1e400",
    "yes",
    "~",
    "''",
    "[]",
    "{}",
    "1900-02-30",
    "1900-06-01",
    "x" * 70,
    "!!str",
    "&a",
    "*a",
    "on",
    "Z",
    "true",
    '"',
    "[",
    "}",
]


def _mutate(lines: list[str], ops: list[tuple[int, int, int]]) -> str:
    out = list(lines)
    for kind, i, v in ops:
        if not out:
            break
        i %= len(out)
        if kind == 0:
            del out[i]
        elif kind == 1:
            out.insert(i, out[i])
        elif kind == 2 and ":" in out[i]:
            key, _, _ = out[i].partition(":")
            out[i] = f"{key}: {VALUES[v % len(VALUES)]}"
        elif kind == 3:
            out[i] = " " + out[i]
        else:
            out[i] = out[i][: v % (len(out[i]) + 1)]
    return "\n".join(out) + "\n"


def check(text: str) -> None:
    """Load ``text`` and lint it: a located ScenarioFileError or a clean load, nothing else."""
    try:
        loaded = validate_located(load_yaml_text(text, "fuzz.yaml"), "fuzz.yaml")
    except ScenarioFileError as exc:
        for p in exc.problems:
            assert p.line >= 1 and p.col >= 1 and p.message
        return
    for f in lint_loaded(loaded):
        assert f.code != "internal-error", str(f)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.integers(0, 4), st.integers(0, 10_000), st.integers(0, 1000)),
        min_size=1,
        max_size=6,
    )
)
def test_mutated_scenarios_only_raise_scenario_file_error(ops: list[tuple[int, int, int]]) -> None:
    check(_mutate(BASE, ops))


def test_an_integer_issue_without_min_is_a_located_error() -> None:
    """The loader bug the fuzzer once found (an AssertionError when the values of an
    integer issue without ``min`` were built) is now a problem with a place."""
    text = "\n".join(BASE).replace("    min: 0\n", "", 1)
    check(text)
    with pytest.raises(ScenarioFileError) as info:
        validate_located(load_yaml_text(text, "fuzz.yaml"), "fuzz.yaml")
    assert any("min" in p.message for p in info.value.problems)


def test_anything_but_a_scenario_file_error_fails_the_check(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The fuzz test can fail: any other exception from the loader comes out of check()."""

    def crash(*args: object) -> None:
        raise AssertionError("a loader bug")

    monkeypatch.setattr(sys.modules[__name__], "validate_located", crash)
    with pytest.raises(AssertionError, match="a loader bug"):
        check("\n".join(BASE))


def test_unmutated_base_is_clean() -> None:
    loaded = validate_located(load_yaml_text("\n".join(BASE), "fuzz.yaml"), "fuzz.yaml")
    assert lint_loaded(loaded) == []
