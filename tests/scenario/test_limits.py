"""Scenario files that used to validate and then break play: each is now refused at its
line, within the limits of docs/limits.md, or plays."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from game.authoring.lint import lint_path
from game.authoring.scaffold import ScaffoldError, create, scenario_text
from game.scenario import limits
from game.scenario.loader import LoadedScenario, load_scenario, validate_located
from game.scenario.yamlsafe import ScenarioFileError, load_yaml_text

BASE = scenario_text("lim")
HANG = 30.0  # seconds: generous, only to catch the old hangs (speed is in benchmarks/)


def edit(*pairs: tuple[str, str]) -> str:
    text = BASE
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def without_history(text: str) -> str:
    """The text without its historical path (whose steps name the scaffold's values)."""
    return text[: text.index("\nhistory:")] + "\n"


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def problems(text: str) -> list[tuple[int, str]]:
    with pytest.raises(ScenarioFileError) as info:
        validate_located(load_yaml_text(text, "lim.yaml"), "lim.yaml")
    return [(p.line, p.message) for p in info.value.problems]


def accepted(text: str) -> LoadedScenario:
    return validate_located(load_yaml_text(text, "lim.yaml"), "lim.yaml")


def assert_refused_at(text: str, fragment: str, phrase: str) -> None:
    found = problems(text)
    line = line_of(text, fragment)
    assert any(n == line and phrase in msg for n, msg in found), found
    assert not any("bug" in msg for _, msg in found)


# ----------------------------------------------------------------- 1: numeric overflow


def test_denormal_step_is_a_located_error_not_an_internal_error(tmp_path: Path) -> None:
    text = edit(
        ("    kind: integer ", "    kind: decimal "), ("    step: 5\n", "    step: 5.0e-324\n")
    )
    assert_refused_at(text, "5.0e-324", "number too small")
    path = tmp_path / "lim.yaml"
    path.write_text(text, encoding="utf-8")
    assert all(f.code != "internal-error" for f in lint_path(path))


def test_huge_decimal_range_is_a_located_error() -> None:
    text = edit(
        ("    kind: integer ", "    kind: decimal "),
        (
            "    min: 0\n    max: 20\n    step: 5\n",
            "    min: -1.0e+308\n    max: 1.0e+308\n    step: 1.0e+305\n",
        ),
    )
    assert_refused_at(text, "1.0e+308", "number too large")


def test_decimal_values_that_collapse_at_float_precision_are_refused() -> None:
    text = edit(
        ("    kind: integer ", "    kind: decimal "),
        (
            "    min: 0\n    max: 20\n    step: 5\n",
            "    min: 100000000000000.0\n    max: 100000000000000.5\n    step: 0.01\n",
        ),
        ("    history: 10 ", "    history: 100000000000000.0 "),
        ("tariff: {0: 0.0, 20: 1.0}", "tariff: {0: 0.0, 200000000000000: 1.0}"),
        ("tariff: {0: 1.0, 20: 0.0}", "tariff: {0: 1.0, 200000000000000: 0.0}"),
        ("{tariff: {min: 10}}}", "{tariff: {min: 0}}}"),
        ("{tariff: {min: 5}}}", "{tariff: {min: 0}}}"),
    )
    assert_refused_at(text, "step: 0.01", "not all different")


# ----------------------------------------------------------------- 2: dates near year 9999


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        ("  deadline: 1900-12-31", "  deadline: 9999-12-31", "9999-12-31"),
        ("  start: 1900-01-08", "  start: 0099-12-31", "0099-12-31"),
        ("        until: 1900-12-15", "        until: 9000-01-01", "9000-01-01"),
    ],
)
def test_dates_outside_the_range_are_refused_at_their_line(
    old: str, new: str, fragment: str
) -> None:
    assert_refused_at(edit((old, new)), fragment, "outside the range a scenario may use")


def test_a_date_issue_ending_near_year_9999_is_refused() -> None:
    text = edit(
        (
            "  - id: port\n",
            "  - {id: when, name: {en: When}, kind: date, min: 9999-01-31, max: 9999-12-31, step_months: 7}\n  - id: port\n",
        )
    )
    assert_refused_at(text, "9999-01-31", "outside the range a scenario may use")


def test_the_last_allowed_dates_validate() -> None:
    text = edit(
        ("  start: 1900-01-08", "  start: 8999-01-08"),
        ("  deadline: 1900-12-31", "  deadline: 8999-12-31"),
        (
            "  - id: port\n",
            "  - {id: when, name: {en: When}, kind: date, min: 8999-01-31, max: 8999-12-31, step_months: 120}\n  - id: port\n",
        ),
    ).replace("1900-", "8999-")
    assert accepted(text).scenario.calendar.deadline.year == 8999


# ----------------------------------------------------------------- 3: packages


def test_too_many_packages_in_a_stage_are_refused_with_the_number() -> None:
    text = edit(
        (
            "  - id: port\n",
            "".join(
                f"  - {{id: x{i}, name: {{en: X{i}}}, kind: integer, min: 0, max: 999}}\n"
                for i in range(3)
            )
            + "  - id: port\n",
        ),
        ("    open: [tariff, port]", "    open: [tariff, port, x0, x1, x2]"),
    )
    found = problems(text)
    line = line_of(text, "open: [tariff, port, x0")
    assert any(
        n == line and "15,000,000,000 possible packages" in msg and "1,000,000" in msg
        for n, msg in found
    ), found


def test_too_many_packages_in_the_whole_scenario_are_refused() -> None:
    issues = "".join(
        f"  - {{id: x{i}, name: {{en: X{i}}}, kind: integer, min: 0, max: 999}}\n" for i in range(4)
    )
    unweighed = edit(("  - id: port\n", issues + "  - id: port\n"))
    assert accepted(unweighed)  # issues nobody weighs add nothing to the analytics
    text = edit(
        ("  - id: port\n", issues + "  - id: port\n"),
        (
            "weights: {tariff: 0.6, port: 0.4}",
            "weights: {tariff: 0.2, port: 0.4, x0: 0.1, x1: 0.1, x2: 0.1, x3: 0.1}",
        ),
        (
            "        tariff: {0: 0.0, 20: 1.0}",
            "".join(f"        x{i}: {{0: 0.0, 999: 1.0}}\n" for i in range(4))
            + "        tariff: {0: 0.0, 20: 1.0}",
        ),
    )
    found = problems(text)
    assert any(
        n == line_of(text, "issues:") and "15,000,000,000,000 possible packages" in msg
        for n, msg in found
    )


def test_a_stage_at_the_package_limit_validates() -> None:
    text = edit(
        (
            "  - id: port\n",
            "  - {id: x0, name: {en: X0}, kind: integer, min: 1, max: 1000}\n"
            "  - {id: x1, name: {en: X1}, kind: integer, min: 1, max: 200}\n  - id: port\n",
        ),
        ("    open: [tariff, port]", "    open: [tariff, x0, x1]"),
    )
    assert limits.MAX_STAGE_PACKAGES == 5 * 1000 * 200
    assert accepted(text).scenario.id == "lim"


# ----------------------------------------------------------------- 5, 6: many stages, many values


def test_validation_of_12000_sub_stages_ends_quickly_with_the_limit(tmp_path: Path) -> None:
    subs = "".join(f"      - {{id: s{i}, name: {{en: S{i}}}}}\n" for i in range(12_000))
    path = tmp_path / "lim.yaml"
    path.write_text(edit(("      - id: hiatus\n", subs + "      - id: hiatus\n")), encoding="utf-8")
    start = time.perf_counter()
    with pytest.raises(ScenarioFileError) as info:
        load_scenario(path)
    assert time.perf_counter() - start < HANG  # it took 36 s when it was quadratic
    assert any("12,008 stages" in p.message for p in info.value.problems)


def test_an_issue_with_5000_values_plays_a_simulated_game(tmp_path: Path) -> None:
    from game.engine.simulate import play_one
    from game.persistence.scenarios import load

    text = edit(
        ("    max: 20\n    step: 5\n", "    max: 4999\n    step: 1\n"),
        ("tariff: {0: 0.0, 20: 1.0}", "tariff: {0: 0.0, 4999: 1.0}"),
        ("tariff: {0: 1.0, 20: 0.0}", "tariff: {0: 1.0, 4999: 0.0}"),
    )
    path = tmp_path / "lim.yaml"
    path.write_text(text, encoding="utf-8")
    start = time.perf_counter()
    result = play_one(load(path), {}, 1, 0)
    assert time.perf_counter() - start < HANG  # one game took 77 s
    assert result.termination in ("signed", "deadline", "broken_off", "no_agreement")


# ----------------------------------------------------------------- 7: characters


@pytest.mark.parametrize(
    ("escape", "code"),
    [
        ("\\0", "U+0000"),
        ("\\e[2J", "U+001B"),
        ("\\x9b", "U+009B"),
        ("\\r", "U+000D"),
        ("\\x7f", "U+007F"),
    ],
)
def test_control_characters_written_as_escapes_are_refused_at_the_line(
    escape: str, code: str
) -> None:
    text = edit(
        ("  summary:\n    en: Two neighbours", f'  summary:\n    en: "Two{escape}neighbours'),
        (" on its trade.\n", ' on its trade."\n'),
    )
    assert_refused_at(text, "Two", f"the control character {code} is not allowed")


@pytest.mark.parametrize(
    "char", ["\\u202e", "\\u2066", "\\u200b", "\\u2028", "\\ufeff", "\\U000e0041", "\\uffff"]
)
def test_invisible_and_bidirectional_characters_are_refused(char: str) -> None:
    text = edit(("    name: {en: East}", f'    name: {{en: "Ea{char}st"}}'))
    found = problems(text)
    assert any(
        n == line_of(text, "Ea\\") and "is not allowed in a scenario" in msg for n, msg in found
    ), found


def test_tab_new_line_and_joiners_are_allowed_in_long_texts() -> None:
    text = edit(
        (
            "    en: Two neighbours",
            '    en: "Two\\tneighbours\\nbargain; \\u0645\\u06cc\\u200c\\u062e\\u0648\\u0627\\u0647\\u0645 \\u200f"\n    az: Two neighbours',
        )
    )
    assert accepted(text).scenario.meta.summary is not None


# ----------------------------------------------------------------- 8: long texts


def test_name_length_limit() -> None:
    ok = edit(('  title: {en: "Lim"}', '  title: {en: "' + "T" * limits.MAX_NAME + '"}'))
    assert accepted(ok).scenario.meta.title.get() == "T" * 300
    long = edit(('  title: {en: "Lim"}', '  title: {en: "' + "T" * (limits.MAX_NAME + 1) + '"}'))
    assert_refused_at(long, '{en: "TTT', "a name is 301 characters long")


def test_long_text_limit() -> None:
    ok = edit(
        (
            "    en: Two neighbours bargain over a shared port and the tariff on its trade.",
            "    en: " + "w" * limits.MAX_TEXT,
        )
    )
    assert accepted(ok)
    long = edit(
        (
            "    en: Two neighbours bargain over a shared port and the tariff on its trade.",
            "    en: " + "w" * 20_000,
        )
    )
    assert_refused_at(long, "en: www", "a text is 20,000 characters long")


@pytest.mark.parametrize(
    ("old", "new", "fragment", "phrase"),
    [
        ("    name: {en: East}", '    name: {en: "East\\nWest"}', "East\\n", "must be one line"),
        ("    name: {en: East}", '    name: {en: "  "}', '{en: "  "}', "must show something"),
        ("    name: {en: East}", '    name: {en: "\\u200d"}', "u200d", "must show something"),
        ('    unit: "%"', '    unit: "' + "u" * 41 + '"', "uuu", "a unit is 41 characters long"),
    ],
)
def test_names_are_one_visible_line(old: str, new: str, fragment: str, phrase: str) -> None:
    assert_refused_at(edit((old, new)), fragment, phrase)


# ----------------------------------------------------------------- 9: accepted silently before


def test_a_mandate_bound_with_min_above_max_is_refused_at_the_bound() -> None:
    text = edit(
        (
            "      - {id: firm, name: {en: the firm line}, bounds: {tariff: {min: 10}}}\n",
            "      - id: firm\n        name: {en: the firm line}\n        bounds:\n          tariff: {min: 70, max: 30}\n",
        )
    )
    assert_refused_at(text, "tariff: {min: 70", "this bound allows nothing")


def test_a_persona_line_for_a_move_that_does_not_exist_is_refused() -> None:
    text = edit(
        (
            "    mandate: standing\n",
            "    mandate: standing\n    persona:\n      lines:\n        dance: {en: He dances.}\n",
        )
    )
    assert_refused_at(text, "dance:", "'dance' is not a move")


def test_an_explicit_tr_key_does_not_bypass_the_language_code_check() -> None:
    text = edit(('  title: {en: "Lim"}', '  title: {tr: {english: "Lim"}}'))
    assert_refused_at(text, "english", "'english' is not a language code")
    assert accepted(edit(('  title: {en: "Lim"}', '  title: {tr: {en: "Lim"}}')))


# ----------------------------------------------------------------- 10: treaty-table new --title


@pytest.mark.parametrize(
    "title",
    ["end\\", 'Say "no": #1', "Ölkə: Azərbaycan {x} [y] & *z", "'single' `back`", "a" * 300],
)
def test_new_writes_any_allowed_title_so_that_the_file_validates(
    tmp_path: Path, title: str
) -> None:
    path = create("t", tmp_path, title)
    loaded = load_scenario(path)
    assert loaded.scenario.meta.title.get() == title
    assert set(loaded.located.data) == set(load_scenario(create("u", tmp_path)).located.data)


@pytest.mark.parametrize(
    ("title", "phrase"),
    [
        ("x\nlines: y", "one line"),
        ("x\x00y", "U+0000"),
        ("\x1b[2J", "U+001B"),
        ("", "must show something"),
        ("a" * 301, "301 characters"),
    ],
)
def test_new_refuses_a_title_the_format_does_not_allow(
    tmp_path: Path, title: str, phrase: str
) -> None:
    with pytest.raises(ScaffoldError) as info:
        create("t", tmp_path, title)
    assert phrase in str(info.value)
    assert not (tmp_path / "t.yaml").exists()
