"""Tests for the safe YAML reading layer: every bad file gets a located problem."""

from __future__ import annotations

import datetime
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.scenario import yamlsafe
from game.scenario.yamlsafe import (
    Located,
    Problem,
    ScenarioFileError,
    load_yaml_file,
    load_yaml_text,
)

BAD = Path(__file__).resolve().parent.parent / "fixtures" / "bad_yaml"


def fails(path: str | os.PathLike[str]) -> ScenarioFileError:
    """Load a file that must fail; any exception other than ScenarioFileError fails the test."""
    with pytest.raises(ScenarioFileError) as info:
        load_yaml_file(path)
    err = info.value
    assert err.problems, "a ScenarioFileError must carry at least one problem"
    assert str(err) == "\n".join(str(p) for p in err.problems)
    return err


def first(err: ScenarioFileError) -> tuple[int, int, str]:
    p = err.problems[0]
    return p.line, p.col, p.message


# (fixture, line, col, phrase in the first problem's message)
FIXTURES = [
    ("malformed.yaml", 5, 9, "YAML syntax: did not find expected ',' or ']'"),
    ("tab_indent.yaml", 4, 1, "tabs are not allowed for indentation; use spaces"),
    ("duplicate_key.yaml", 7, 5, "duplicate key 'weights' (first at line 4)"),
    ("yes_no_bool.yaml", 3, 5, "'yes' is read as a boolean in YAML 1.1"),
    ("python_tag.yaml", 2, 10, "tag '!!python/object/apply:os.system' is not allowed"),
    ("custom_tag.yaml", 2, 9, "tag '!date' is not allowed: scenario files are data"),
    ("alias_bomb.yaml", 1, 4, "anchors (&) and aliases (*) are not supported"),
    ("huge_integer.yaml", 3, 20, "number too large"),
    ("infinite_float.yaml", 2, 10, "number too large: '.inf'"),
    ("empty.yaml", 1, 1, "the file is empty"),
    ("comments_only.yaml", 1, 1, "the file is empty"),
    ("top_level_list.yaml", 1, 1, "must be a mapping"),
    ("merge_key.yaml", 4, 3, "merge keys ('<<') are not supported"),
    ("datetime_with_time.yaml", 2, 9, "a date is expected as YYYY-MM-DD"),
    ("multiple_documents.yaml", 2, 1, "holds one YAML document"),
    ("octal_number.yaml", 2, 15, "'045' is read as the octal number 37"),
    ("list_as_key.yaml", 2, 5, "a key must be a name, a whole number or a date, not a list"),
]


@pytest.mark.parametrize(("name", "line", "col", "phrase"), FIXTURES)
def test_bad_fixture(name: str, line: int, col: int, phrase: str) -> None:
    path = BAD / name
    assert path.is_file()
    err = fails(str(path))
    got_line, got_col, message = first(err)
    assert (got_line, got_col) == (line, col), str(err)
    assert phrase in message, str(err)
    assert str(err.problems[0]).startswith(f"{path}:{line}:{col}: error: ")


def test_every_fixture_is_covered() -> None:
    assert {p.name for p in BAD.iterdir()} == {f[0] for f in FIXTURES}


def test_yes_no_reports_each_value() -> None:
    err = fails(BAD / "yes_no_bool.yaml")
    assert [(p.line, p.col) for p in err.problems] == [(3, 5), (4, 5)]
    assert 'write "no" in quotes for a name, or true/false' in err.problems[1].message


def test_alias_bomb_is_short() -> None:
    err = fails(BAD / "alias_bomb.yaml")
    # one line per anchor name (a..i), not one per alias use
    assert [p.line for p in err.problems] == list(range(1, 10))


def test_alias_without_anchor_is_located() -> None:
    with pytest.raises(ScenarioFileError) as info:
        load_yaml_text("a: 1\nb: [1, *nowhere]\n", "x.yaml")
    assert first(info.value)[:2] == (2, 8)
    assert "alias '*nowhere'" in first(info.value)[2]


def test_deep_nesting(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("a: " + "[" * 10_000 + "]" * 10_000 + "\n", encoding="utf-8")
    line, col, message = first(fails(path))
    # Our limit: the 65th level (1 mapping + 64 lists). PyYAML 6.0.4's scanner has
    # a limit of its own that it may reach first, scanning ahead: also located.
    assert ((line, col), "nesting is deeper than 64 levels" in message) == ((1, 4 + 63), True) or (
        line == 1 and "maximum nesting depth" in message
    )


def test_deep_block_nesting() -> None:
    text = "".join("  " * i + f"k{i}:\n" for i in range(200))
    with pytest.raises(ScenarioFileError) as info:
        load_yaml_text(text)
    assert first(info.value)[:2] == (65, 129)


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("title: Peking\nplace: Pékin\n".encode("latin-1"))
    line, col, message = first(fails(path))
    assert (line, col) == (2, 9)
    assert message.startswith("not UTF-8: byte 0xE9")


def test_utf16_is_named(tmp_path: Path) -> None:
    path = tmp_path / "utf16.yaml"
    path.write_bytes("title: Peking\n".encode("utf-16"))
    assert "UTF-16" in first(fails(path))[2]


def test_bom_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbftitle: Peking\nyear: 1924\n")
    doc = load_yaml_file(path)
    assert doc.data == {"title": "Peking", "year": 1924}
    assert doc.where(("year",)) == (2, 1)
    assert doc.where(("title",)) == (1, 1)


def test_folder(tmp_path: Path) -> None:
    line, col, message = first(fails(tmp_path))
    assert (line, col) == (1, 1)
    assert "is a folder" in message


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.yaml"
    err = fails(path)
    assert first(err) == (1, 1, "file not found; check the path")
    assert str(err) == f"{path}:1:1: error: file not found; check the path"


def test_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text("a: 1\n", encoding="utf-8")

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(yamlsafe, "open", refuse, raising=False)  # as chmod 000 would (not as root)
    assert first(fails(path)) == (1, 1, "cannot read the file: permission denied")


def test_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: " + b"x" * (5 * 1024 * 1024) + b"\n")
    line, col, message = first(fails(path))
    assert (line, col) == (1, 1)
    assert "5 MB" in message


@pytest.mark.parametrize(
    ("text", "line", "col", "phrase"),
    [
        ("a:\n  b: [1, 2\n", 3, 1, "YAML syntax"),
        ("a: 'open\n", 2, 1, "a quote or bracket is not closed"),
        ("a: 1\nb: \x00\n", 2, 4, "character U+0000 is not allowed"),
        ("a: 1\nb: !!binary aGk=\n", 2, 4, "tag '!!binary' is not allowed"),
        ("a: !!map x\n", 1, 4, "tag '!!map' cannot be used on a single value"),
        ("a: !!str [x]\n", 1, 4, "tag '!!str' cannot be used on a list"),
        ("a: !!int abc\n", 1, 4, "'abc' is not a whole number"),
        ("a: " + "9" * 5000 + "\n", 1, 4, "number too large"),
        ("a: 1.0e+999\n", 1, 4, "number too large"),
        ("a: .nan\n", 1, 4, "NaN is not allowed"),
        ("a: 12:30\n", 1, 4, "base-60 number 750"),
        ("a: 2024-02-30\n", 1, 4, "is not a valid date"),
        ("a: 1\n~: 2\n", 2, 1, "a key is empty"),
        ("a: 1\ntrue: x\n", 2, 1, "not true; quote it"),
        ("a: 1\ntrue: x\n", 2, 1, "not true; quote it"),
        ("a: 1\nb: [x, OFF]\n", 2, 8, "'OFF' is read as a boolean"),
        ("40: 1\n0x28: 2\n", 2, 1, "duplicate key 40 (first at line 1)"),
        ("---\n", 2, 1, "the file holds no data"),
        ("just text\n", 1, 1, "the top level is a single value ('just text')"),
        ("a: &x 1\n", 1, 4, "anchor '&x'"),
    ],
)
def test_bad_text(text: str, line: int, col: int, phrase: str) -> None:
    with pytest.raises(ScenarioFileError) as info:
        load_yaml_text(text, "t.yaml")
    got_line, got_col, message = first(info.value)
    assert (got_line, got_col) == (line, col), str(info.value)
    assert phrase in message, str(info.value)


def test_too_many_values() -> None:
    text = "a: [" + ", ".join(["1"] * 200_001) + "]\n"
    with pytest.raises(ScenarioFileError) as info:
        load_yaml_text(text)
    assert "more than 200,000 values" in first(info.value)[2]


def test_many_problems_are_capped() -> None:
    text = "".join(f"k{i}: yes\n" for i in range(500))
    with pytest.raises(ScenarioFileError) as info:
        load_yaml_text(text)
    assert len(info.value.problems) <= 51
    assert info.value.problems[-1].message == "too many problems; stopped here"


GOOD = """\
title: Peking talks   # a comment
start: 1924-03-01
quoted: "no"
flags: [true, false, TRUE]
nothing: ~
values:
  40: 0.0
  2024-01-01: x
stages:
  - id: prior
  - id: drafts
  - id: tokyo
  - id: august
    transitions:
      - to: hiatus
        when: "day > 3"
      - {to: final, when: signed}
text: |
  Two lines
  of text.
"""


def test_good_document_values() -> None:
    doc = load_yaml_text(GOOD, "good.yaml")
    assert isinstance(doc, Located)
    assert doc.file == "good.yaml"
    assert doc.data["start"] == datetime.date(1924, 3, 1)
    assert doc.data["quoted"] == "no"
    assert doc.data["flags"] == [True, False, True]
    assert doc.data["nothing"] is None
    assert doc.data["values"] == {40: 0.0, datetime.date(2024, 1, 1): "x"}
    assert doc.data["stages"][3]["transitions"][1] == {"to": "final", "when": "signed"}
    assert doc.data["text"] == "Two lines\nof text.\n"
    assert doc.data == yaml.safe_load(GOOD)


@pytest.mark.parametrize(
    ("path", "where"),
    [
        ((), (1, 1)),
        (("title",), (1, 1)),
        (("start",), (2, 1)),
        (("flags", 2), (4, 22)),
        (("values", 40), (7, 3)),
        (("values", datetime.date(2024, 1, 1)), (8, 3)),
        (("stages",), (9, 1)),
        (("stages", 0), (10, 5)),
        (("stages", 0, "id"), (10, 5)),
        (("stages", 3, "transitions"), (14, 5)),
        (("stages", 3, "transitions", 0), (15, 9)),
        (("stages", 3, "transitions", 0, "to"), (15, 9)),
        (("stages", 3, "transitions", 0, "when"), (16, 9)),
        (("stages", 3, "transitions", 1, "when"), (17, 21)),
        (("text",), (18, 1)),
        # one step past the data: the nearest existing place
        (("stages", 3, "transitions", 0, "missing"), (15, 9)),
        (("stages", 9), (9, 1)),
        (("stages", -1), (9, 1)),
        (("title", "deeper", 3), (1, 1)),
        (("nope",), (1, 1)),
    ],
)
def test_where(path: tuple[Any, ...], where: tuple[int, int]) -> None:
    doc = load_yaml_text(GOOD, "good.yaml")
    assert doc.where(path) == where
    problem = doc.problem(path, "something is off", "warning")
    assert problem == Problem("good.yaml", where[0], where[1], "something is off", "warning")
    assert str(problem) == f"good.yaml:{where[0]}:{where[1]}: warning: something is off"


def test_where_without_positions() -> None:
    assert Located({"a": 1}, "x.yaml").where(("a",)) == (1, 1)


def test_error_type() -> None:
    p = Problem("f.yaml", 2, 3, "bad")
    err = ScenarioFileError([p, Problem("f.yaml", 4, 1, "worse")])
    assert str(err) == "f.yaml:2:3: error: bad\nf.yaml:4:1: error: worse"
    assert ScenarioFileError(p).problems == (p,)
    again = pickle.loads(pickle.dumps(err))
    assert again.problems == err.problems
    with pytest.raises(ValueError):
        ScenarioFileError([])


def test_unicode_columns_count_characters() -> None:
    doc = load_yaml_text("é😀: [a, b]\n")
    assert doc.where(("é😀", 1)) == (1, 9)


YAMLISH = st.text(
    alphabet=st.sampled_from(list("ab01:-_ \n\t[]{},&*!|>'\"#?~.%@`<=\r\x85\ufeff\u00e9yesno")),
    max_size=120,
)


def _check(load: Any) -> None:
    try:
        doc = load()
    except ScenarioFileError as err:
        assert err.problems
        for p in err.problems:
            assert p.line >= 1 and p.col >= 1 and p.message
        return
    assert isinstance(doc, Located)
    assert isinstance(doc.data, dict)
    _walk(doc, doc.data, ())


def _walk(doc: Located, value: Any, path: tuple[Any, ...]) -> None:
    line, col = doc.where(path)
    assert line >= 1 and col >= 1
    if isinstance(value, dict):
        for k, v in value.items():
            assert isinstance(k, str | int | datetime.date) and not isinstance(k, bool)
            _walk(doc, v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _walk(doc, v, (*path, i))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=200), YAMLISH))
def test_any_text_gives_located_or_scenario_error(text: str) -> None:
    _check(lambda: load_yaml_text(text, "fuzz.yaml"))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_give_located_or_scenario_error(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_bytes(raw)
        _check(lambda: load_yaml_file(path))


@settings(max_examples=300, deadline=None)
@given(YAMLISH)
def test_accepted_text_matches_safe_load(text: str) -> None:
    try:
        doc = load_yaml_text(text)
    except ScenarioFileError:
        return
    loader = yaml.CSafeLoader(text.removeprefix("\ufeff"))
    try:
        assert doc.data == loader.get_single_data()
    finally:
        loader.dispose()


def test_boolean_looking_keys_are_names() -> None:
    """Keys are always names in a scenario file: ``on:`` and ``no:`` stay strings."""
    loaded = load_yaml_text("transitions:\n  - on: agree\n    no: 1\n")
    assert loaded.data == {"transitions": [{"on": "agree", "no": 1}]}


def test_decimal_keys_are_points_of_value_tables() -> None:
    """Value tables of decimal issues use numbers with a point as keys."""
    assert load_yaml_text("v: {1.5: 0.2, 2: 1}\n").data == {"v": {1.5: 0.2, 2: 1}}
