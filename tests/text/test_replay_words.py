"""``replay --historical`` in the player's language: headlines, terms, labels and units,
one short source mark per text and the citations in full at the end."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SCENARIOS

PEKING = SCENARIOS / "peking-1925.yaml"


def replay(*args: str) -> str:
    return subprocess.run(
        [sys.executable, "-m", "game", "replay", "peking-1925", "--historical", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
        timeout=120,
    ).stdout


@pytest.mark.skipif(not PEKING.exists(), reason="the main scenario is not there")
def test_the_replay_in_azerbaijani() -> None:
    az = replay("--lang", "az")
    body, sources = az.split("\nMƏNBƏLƏR\n")
    for english in ("[history]", "[scene]", "Source:", "News:", "Outcome", " years", "now "):
        assert english not in body, english
    for said in ("[tarix]", "Xəbər:", "Nəticə: imzalandı, 20 yanvar 1925", "45 il", "indi: "):
        assert said in body, said
    marks = [int(n) for n in re.findall(r"\[mənbə (\d+)\]", body)]
    assert marks and max(marks) == len(re.findall(r"^  \[\d+\]$", sources, re.M))
    assert "(tərcümə" not in az


@pytest.mark.skipif(not PEKING.exists(), reason="the main scenario is not there")
def test_the_replay_names_stages_and_moves() -> None:
    en = replay()
    assert "stage '" not in en and "-> now" not in en
    assert "now: 20 January 1925, Signed in Peking" in en or "now: 20 January 1925" in en
    assert re.search(r"\[1/\d+\] 22 September 1923 — Lev Karakhan: Argue", en)
