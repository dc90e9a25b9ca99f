"""Validation of the keys for several parties, mediators, tables, clauses and links:
each mistake named at its line."""

from __future__ import annotations

import pytest

from game.scenario.loader import validate_located
from game.scenario.yamlsafe import ScenarioFileError, load_yaml_text
from tests.conftest import FIXTURES

TRIO = (FIXTURES / "scenarios" / "trio.yaml").read_text(encoding="utf-8")


def problems(text: str) -> list[str]:
    try:
        validate_located(load_yaml_text(text, "t.yaml"), "t.yaml")
    except ScenarioFileError as exc:
        return [str(p) for p in exc.problems]
    return []


def test_the_fixture_is_valid() -> None:
    assert problems(TRIO) == []


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        (
            "    mandate: firm\n",
            "    mandate: firm\n    persona: {agenda: [[rent, term], [term]]}\n",
            "t.yaml:30:39: error: issue 'term' is in agenda group 1 already",
        ),
        (
            "    categories: {east: principle}",
            "    categories: {west: principle}",
            "t.yaml:69:18: error: unknown party 'west'",
        ),
        (
            "        parties: [north, south]\n",
            "        parties: [north]\n",
            "t.yaml:108:9: error: a table needs two parties or more",
        ),
        (
            "        parties: [north, south]\n",
            "        parties: [north, north]\n",
            "t.yaml:108:26: error: party id 'north' is used twice",
        ),
        (
            "by: south, move: accept, clauses: [term]",
            "by: south, move: reject, clauses: [term]",
            "'clauses' belong to an accept step",
        ),
        (
            "by: south, move: accept, clauses: [term]",
            "by: south, move: accept, clauses: [harbour]",
            "unknown issue 'harbour'",
        ),
        (
            "by: north, move: instruct,",
            "by: north, move: instruct, issue: rent,",
            "'issue' belongs to a reopen step",
        ),
        (
            "effects: [{concession: {party: $self, by: 0.05}}]",
            "effects: [{mandate: {party: $self, set: soft}}]",
            "a mandate effect names its party",
        ),
        (
            "  - id: chair\n    role: mediator\n",
            "  - id: chair\n    role: chairman\n",
            "expected one of 'signatory' or 'mediator'",
        ),
        (
            "        clauses: final\n",
            "        clauses: binding\n",
            "expected one of 'provisional' or 'final'",
        ),
        (
            "    milestone: ratified\n",
            "    milestone: ratification\n",
            "expected one of 'signed', 'ratified' or 'registered'",
        ),
    ],
)
def test_a_mistake_is_named_at_its_line(old: str, new: str, said: str) -> None:
    assert old in TRIO
    found = problems(TRIO.replace(old, new, 1))
    assert any(said in p for p in found), found


def test_a_mediators_mandate_cannot_be_tested_in_a_condition() -> None:
    text = TRIO.replace(
        "    uses: 3\n", "    uses: 3\n    when: {mandate: {party: chair, is: firm}}\n", 1
    )
    assert any("'chair' is a mediator: it signs nothing" in p for p in problems(text))


def test_two_signatories_are_needed() -> None:
    text = TRIO.replace("  - id: south\n", "  - id: south\n    role: mediator\n", 1).replace(
        "  - id: east\n", "  - id: east\n    role: mediator\n", 1
    )
    assert any("a treaty needs two signatories or more" in p for p in problems(text))
