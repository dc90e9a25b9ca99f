"""The authoring docs' example and the 1923 scenarios: valid, cited verbatim, replaying.

Kept beside the GENIUS tests because these files share an author; the checks are
the ones an author runs by hand (validate, replay --historical, quotes).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from game.engine.record import replay_history
from game.persistence.scenarios import load

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_ba5af978f3a47a41.txt"

#: file -> (termination, date, terms) of its historical path
EXPECTED = {
    "docs/tutorial-example.yaml": ("signed", "1923-05-21", {"grounds": 255, "back_rent": "paid"}),
    "scenarios/atami-1923.yaml": ("no_agreement", "1923-06-09", {}),
    "scenarios/tokyo-1923.yaml": ("broken_off", "1923-07-24", {"nikolaevsk": "deferred"}),
    "scenarios/vladivostok-fishery-1923.yaml": (
        "signed",
        "1923-05-21",
        {"grounds": 255, "back_rent": "paid", "basis": "soviet_authority"},
    ),
}


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _seed_quotes(node: object) -> list[str]:
    if isinstance(node, dict):
        found = [str(node["quote"])] if node.get("source") == "seed" and "quote" in node else []
        return found + [q for v in node.values() for q in _seed_quotes(v)]
    if isinstance(node, list):
        return [q for v in node for q in _seed_quotes(v)]
    return []


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_history_replays_to_its_end(name: str) -> None:
    termination, date, terms = EXPECTED[name]
    steps = replay_history(load(ROOT / name))
    outcome = steps[-1].after.outcome
    assert outcome is not None
    assert outcome.termination.value == termination
    assert outcome.date.isoformat() == date
    assert dict(outcome.terms) == terms


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_quotes_are_verbatim(name: str) -> None:
    seed = _normal(SEED.read_text(encoding="utf-8"))
    data = yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))
    quotes = _seed_quotes(data)
    assert quotes
    missing = [q for q in quotes if _normal(q) not in seed]
    assert not missing, missing


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_both_sides_can_be_played(name: str) -> None:
    c = load(ROOT / name)
    assert len(c.roles) == 2
    assert set(c.roles.values()) == set(c.parties)
