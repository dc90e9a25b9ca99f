"""The bundled scenarios' history is cited to sources fit for it.

Every source declares what it supports; every history text states only kinds
of statement (dated event, quotation, number) that one of its cited sources
supports; every citation of an outside source keeps a quote or a locator;
every quote from the seed article is verbatim. A historian reviewing a text
can find the place in the source that backs it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.authoring.citations import outside_without_locator, unsupported_kinds
from game.authoring.lint import walk_models
from game.persistence.scenarios import load
from game.scenario import model as m
from tests.conftest import ROOT, bundled_scenarios

FILES = bundled_scenarios()
SEED = ROOT / "seeds" / "000_ba5af978f3a47a41.txt"


def _texts(sc: m.Scenario) -> list[tuple[tuple[str | int, ...], m.Text]]:
    return [(path, obj) for path, obj in walk_models(sc) if isinstance(obj, m.Text)]


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_source_says_what_it_supports(path: Path) -> None:
    sc = load(path).sc
    missing = [s.id for s in sc.sources if not s.supports]
    assert not missing, f"sources without 'supports': {missing}"


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_history_texts_cite_sources_fit_for_them(path: Path) -> None:
    sc = load(path).sc
    sources = {s.id: s for s in sc.sources}
    bad = []
    for where, text in _texts(sc):
        kinds = unsupported_kinds(text, sources)
        if kinds:
            bad.append(f"{'/'.join(map(str, where))}: {kinds} in {text.get()[:60]!r}")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_outside_citations_keep_a_quote_or_a_locator(path: Path) -> None:
    sc = load(path).sc
    sources = {s.id: s for s in sc.sources}
    bad = [
        f"{'/'.join(map(str, where))}: {ct.source}"
        for where, text in _texts(sc)
        for ct in outside_without_locator(text.cite, sources)
    ]
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_seed_quotes_are_verbatim(path: Path) -> None:
    sc = load(path).sc
    seed = _normal(SEED.read_text(encoding="utf-8"))
    quotes = [
        ct.quote
        for _, text in _texts(sc)
        for ct in text.cite
        if ct.source == "seed" and ct.quote is not None
    ]
    assert quotes
    missing = [q for q in quotes if _normal(q) not in seed]
    assert not missing, missing


@pytest.mark.parametrize("name", ["atami-1923", "tokyo-1923", "peking-1925"])
def test_history_texts_of_the_nikolaevsk_incident_name_both_sides(name: str) -> None:
    """The incident is told from both sides: the partisans who did the killing, the
    Japanese toll as Japan counts it, the Japanese attack behind the Soviet charge,
    Triapitsyn's execution, and each account as a claim."""
    sc = load(ROOT / "scenarios" / f"{name}.yaml").sc
    issue = next(i for i in sc.issues if i.id == "nikolaevsk")
    assert issue.description is not None
    told = _normal(issue.description.get())
    for words in ("Triapitsyn", "12 March", "731", "claim"):
        assert words in told, words
    assert "executed" in told or "shot" in told
    assert "provoked" in told or "blamed" in told


def test_replay_says_whose_the_45_years_are() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "game", "replay", "peking-1925", "--historical"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    ).stdout
    lines = out.splitlines()
    term = next(
        i for i, ln in enumerate(lines) if ln.startswith("  Term of the oil concession: 45 years")
    )
    assert "14 December 1925" in _normal(" ".join(lines[term + 1 : term + 3]))
    data = json.loads(
        subprocess.run(
            [sys.executable, "-m", "game", "replay", "peking-1925", "--historical", "--json"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=True,
        ).stdout
    )
    assert data["terms"]["oil_term"] == 45


_MONTHS = "January February March April May June July August September October November December"
_OF_DATE = re.compile(r"\bof (?:(\d{1,2}) )?(" + "|".join(_MONTHS.split()) + r") (\d{4})")


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_mandate_names_fit_the_dates_they_are_in_force(path: Path) -> None:
    """The mandate in force at the start is not named after a later decision
    ('Instructions of March 1924' shown in September 1923)."""
    sc = load(path).sc
    start = sc.calendar.start
    for party in sc.parties:
        first = next(md for md in party.mandates if md.id == party.mandate)
        name = first.name.get()
        for day, month, year in _OF_DATE.findall(name):
            named = dt.date(int(year), _MONTHS.split().index(month) + 1, int(day or 1))
            assert named <= start, f"{party.id}'s mandate on {start}: {name!r}"
