"""Citations that fit their sources, and notes beside historical values.

A source declares what it supports (dated events, quotations, numbers); lint
warns when a history text states a kind that none of its sources supports, or
cites an outside source without its words or a place in it. An issue's
``history_note`` is shown beside the historical value in the replay's outcome.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.authoring.citations import statement_kinds, unsupported_kinds
from game.authoring.lint import lint_path
from game.scenario import model as m
from tests.authoring.helpers import MINI, run_cli


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        (
            'On 9 January 1925 Karakhan tried to limit the share to "at most 45%".',
            {"event", "quotation", "number"},
        ),
        ("Formal talks began on 15 May 1924.", {"event"}),
        ("The talks of 1923-25 and the 1920s.", {"event"}),
        ("Japanese reference works count 44 sessions.", {"number"}),
        ("Art. III of Protocol A.", set()),
        ("Registered in the League of Nations Treaty Series, vol. 34.", {"number"}),
    ],
)
def test_statement_kinds(text: str, kinds: set[str]) -> None:
    assert statement_kinds(text) == kinds


def _sources(**supports: tuple[str, ...]) -> dict[str, m.Source]:
    return {k: m.Source(id=k, title=k, supports=v) for k, v in supports.items()}  # type: ignore[arg-type]


def test_a_number_needs_a_source_that_supports_numbers() -> None:
    text = m.Text(
        kind="history", tr={"en": "About 700 Japanese died in 1920."}, cite=(m.Cite(source="enc"),)
    )
    assert unsupported_kinds(text, _sources(enc=("event",))) == ["number"]
    assert unsupported_kinds(text, _sources(enc=("event", "number"))) == []
    # a source that declares nothing is not checked
    assert unsupported_kinds(text, _sources(enc=())) == []
    scene = m.Text(kind="scene", tr={"en": "About 700 died."})
    assert unsupported_kinds(scene, _sources(enc=("event",))) == []


def _mini_with(tmp_path: Path, old: str, new: str) -> Path:
    text = MINI.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / "mini.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_lint_names_the_text_and_the_sources(tmp_path: Path) -> None:
    path = _mini_with(
        tmp_path,
        "  - {id: notes, title: Test notes}",
        "  - {id: notes, title: Test notes, supports: [event]}",
    )
    found = [f for f in lint_path(path) if f.code.startswith("citation")]
    # mini's history texts have no dates, numbers or quotations, but cite 'notes' bare
    assert {f.code for f in found} == {"citation-locator"}
    assert all("neither the source's words" in f.message for f in found)
    assert all(f.file == str(path) and f.line > 100 for f in found)


def test_replay_shows_the_history_note(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _mini_with(
        tmp_path,
        "    history: 20\n",
        "    history: 20\n    history_note: {kind: note, en: The rent of the first year only.}\n",
    )
    code, out, _ = run_cli(capsys, "replay", str(path), "--historical")
    assert code == 0
    lines = out.splitlines()
    rent = next(i for i, ln in enumerate(lines) if ln.startswith("  Rent: 20%"))
    assert lines[rent + 1].strip() == "[note] The rent of the first year only."
