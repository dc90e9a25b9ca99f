"""Each issue kind through its interface: values, reading, words, interpolation, summaries."""

from __future__ import annotations

import datetime as dt
import json
import typing
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.scenario.kinds import (
    DATE,
    DECIMAL,
    INTEGER,
    KINDS,
    MAX_VALUES,
    OPTIONS,
    PathT,
    kind_of,
)
from game.scenario.model import Bound, Issue, Option, Text


def _text(en: str, **more: str) -> Text:
    return Text(tr={"en": en, **more})


def issue(kind: str, **fields: Any) -> Issue:
    return Issue(id="x", name=_text("X"), kind=kind, **fields)  # type: ignore[arg-type]


OIL = issue("integer", min=40, max=60, step=5, unit="%")
TERM = issue("integer", min=10, max=20, unit="years")
LOAN = issue("decimal", min=0.5, max=2.0, step=0.25, unit="bn")
TENTH = issue("decimal", min=0, max=0.3, step=0.1)
RECOGNITION = issue(
    "options",
    options=(
        Option(id="de_jure", name=_text("De jure", az="De-yure")),
        Option(id="conditional", name=_text("Conditional")),
        Option(id="withheld", name=_text("Withheld")),
    ),
)
MONTHLY = issue("date", min=dt.date(1924, 1, 31), max=dt.date(1924, 6, 30), step_months=1)
WEEKLY = issue("date", min=dt.date(1925, 5, 1), max=dt.date(1925, 5, 29), step_days=7)


class Reported:
    """The scenario checker's side of a kind's checks, recording what it is told."""

    def __init__(self) -> None:
        self.errors: list[tuple[PathT, str]] = []
        self.uniques: list[tuple[list[tuple[PathT, str]], str]] = []
        self.values: list[tuple[PathT, str, object]] = []

    def err(self, path: PathT, message: str) -> None:
        self.errors.append((path, message))

    def unique(self, items: list[tuple[PathT, str]], what: str) -> None:
        self.uniques.append((items, what))

    def value(self, path: PathT, issue_id: str, value: object) -> None:
        self.values.append((path, issue_id, value))


# ---------------------------------------------------------------------------- which kind


def test_every_kind_a_scenario_may_name_has_one_object() -> None:
    names = typing.get_args(Issue.model_fields["kind"].annotation)
    assert set(names) == set(KINDS)
    for name in names:
        assert KINDS[name].name == name
    assert kind_of(OIL) is INTEGER and kind_of(LOAN) is DECIMAL
    assert kind_of(RECOGNITION) is OPTIONS and kind_of(WEEKLY) is DATE


def test_widgets_and_named_values() -> None:
    assert (INTEGER.widget, DECIMAL.widget, DATE.widget, OPTIONS.widget) == (
        "slider",
        "slider",
        "date",
        "choice",
    )
    assert [o.id for o in OPTIONS.options(RECOGNITION)] == ["de_jure", "conditional", "withheld"]
    assert INTEGER.options(OIL) == () and DATE.options(WEEKLY) == ()


# ---------------------------------------------------------------------------- grid and size


def test_grids() -> None:
    assert INTEGER.grid(OIL) == (40, 45, 50, 55, 60)
    assert INTEGER.grid(TERM) == tuple(range(10, 21))
    assert DECIMAL.grid(LOAN) == (0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0)
    assert DECIMAL.grid(TENTH) == (0.0, 0.1, 0.2, 0.3)  # no 0.30000000000000004
    assert OPTIONS.grid(RECOGNITION) == ("de_jure", "conditional", "withheld")
    assert DATE.grid(WEEKLY) == tuple(dt.date(1925, 5, d) for d in (1, 8, 15, 22, 29))
    # months are clamped to their last day: 31 Jan, 29 Feb (a leap year), 31 Mar, 30 Apr ...
    assert DATE.grid(MONTHLY) == (
        dt.date(1924, 1, 31),
        dt.date(1924, 2, 29),
        dt.date(1924, 3, 31),
        dt.date(1924, 4, 30),
        dt.date(1924, 5, 31),
        dt.date(1924, 6, 30),
    )


def test_sizes_without_building_the_grid() -> None:
    assert INTEGER.size(OIL) == 5 and DECIMAL.size(LOAN) == 7
    assert OPTIONS.size(RECOGNITION) == 3 and DATE.size(WEEKLY) == 5
    assert DATE.size(MONTHLY) >= len(DATE.grid(MONTHLY))
    assert INTEGER.size(issue("integer", min=0, max=10**9)) > MAX_VALUES
    assert INTEGER.size(issue("integer")) == 0  # no min and max: nothing to count
    assert DATE.size(issue("date", step_days=1)) == 0


# ---------------------------------------------------------------------------- checks


def test_checks_report_the_fields_problems_where_they_are() -> None:
    path: PathT = ("issues", 3)
    one = issue("options", options=(Option(id="a", name=_text("A")),), min=1)
    r = Reported()
    assert OPTIONS.check(one, path, r)  # named values stay readable: the history is checked
    assert r.errors == [
        (path + ("options",), "an options issue needs at least two options"),
        (path + ("min",), "'min' is for numbers and dates, not options"),
    ]
    assert r.uniques == [([(path + ("options", 0, "id"), "a")], "option")]

    cases: list[tuple[Issue, PathT, str]] = [
        (issue("date", min=dt.date(1924, 1, 1)), path, "a date issue needs 'min' and 'max' dates"),
        (
            issue("date", min=dt.date(1924, 1, 1), max=dt.date(1925, 1, 1)),
            path,
            "a date issue needs exactly one of 'step_days' or 'step_months'",
        ),
        (issue("integer", min=1), path, "an integer issue needs numbers 'min' and 'max'"),
        (
            issue("integer", min=1, max=2.5),
            path,
            "an integer issue needs whole numbers for min, max and step",
        ),
        (issue("decimal", min=1, max=2, step=-0.5), path + ("step",), "step must be more than 0"),
        (issue("integer", min=5, max=5), path + ("max",), "max must be more than min"),
        (
            issue("integer", min=0, max=10**6),
            path,
            f"this issue has more than {MAX_VALUES} values: use a larger step",
        ),
    ]
    for bad, where, message in cases:
        r = Reported()
        assert not kind_of(bad).check(bad, path, r), message
        assert r.errors == [(where, message)]
    for good in (OIL, TERM, LOAN, TENTH, MONTHLY, WEEKLY, RECOGNITION):
        r = Reported()
        assert kind_of(good).check(good, path, r) and r.errors == []


def test_value_tables_and_bounds_are_checked_by_kind() -> None:
    path: PathT = ("parties", 0, "preferences", "values", "x")
    r = Reported()
    OPTIONS.check_table(RECOGNITION, {"de_jure": 1.0, "bogus": 0.5}, path, r)
    assert r.errors == [
        (path + ("bogus",), "'bogus' is not an option of issue 'x'"),
        (path, "no value for option(s) conditional, withheld"),
    ]
    r = Reported()
    DATE.check_table(WEEKLY, {dt.date(1925, 5, 1): 0.0, 7: 1.0}, path, r)
    assert r.errors == [
        (
            path + (7,),
            "'7' is not a point of issue 'x' (dates 1925-05-01 to 1925-05-29, every 7 day(s))",
        ),
        (path, "a number or date issue needs at least two points (value: utility)"),
    ]
    r = Reported()
    INTEGER.check_table(OIL, {40: 0.0, 60: 1.0, True: 0.5}, path, r)
    assert [p for p, _ in r.errors] == [path + (True,)]

    r = Reported()
    OPTIONS.check_bound(RECOGNITION, Bound(min=1, allow=("de_jure", "nope")), path, r)
    assert r.errors == [(path, "use 'allow: [...]' for an options issue")]
    assert r.values == [(path + ("allow", 0), "x", "de_jure"), (path + ("allow", 1), "x", "nope")]
    r = Reported()
    DATE.check_bound(WEEKLY, Bound(min=3, allow=("a",)), path, r)
    assert r.errors == [
        (path + ("allow",), "'allow' is for options issues; use min and max"),
        (path + ("min",), "expected a date"),
    ]
    r = Reported()
    DECIMAL.check_bound(LOAN, Bound(max=dt.date(1924, 1, 1)), path, r)
    assert r.errors == [(path + ("max",), "expected a number")]


# ---------------------------------------------------------------------------- reading values


def test_coerce_reads_values_from_files_and_replays() -> None:
    assert INTEGER.coerce(OIL, 45) == 45
    assert INTEGER.coerce(OIL, 45.0) == 45 and isinstance(INTEGER.coerce(OIL, 45.0), int)
    assert INTEGER.coerce(OIL, 46) is None and INTEGER.coerce(OIL, "45") is None
    assert DECIMAL.coerce(LOAN, 1.25 + 1e-12) == 1.25
    assert DECIMAL.coerce(LOAN, 1) == 1.0 and DECIMAL.coerce(LOAN, 1.1) is None
    assert DATE.coerce(WEEKLY, "1925-05-15") == dt.date(1925, 5, 15)
    assert DATE.coerce(WEEKLY, "1925-05-16") is None and DATE.coerce(WEEKLY, "soon") is None
    assert OPTIONS.coerce(RECOGNITION, "withheld") == "withheld"
    assert OPTIONS.coerce(RECOGNITION, "Withheld") is None
    for kind, it in ((INTEGER, issue("integer", min=0, max=3)), (DECIMAL, LOAN)):
        assert kind.coerce(it, True) is None and kind.coerce(it, False) is None
    assert INTEGER.coerce(OIL, 45, grid=(45,)) == 45 and INTEGER.coerce(OIL, 50, grid=(45,)) is None


def test_parse_reads_typed_text_or_hands_it_back() -> None:
    assert INTEGER.parse(OIL, "55") == 55 and INTEGER.parse(OIL, "55.0") == "55.0"
    assert DECIMAL.parse(LOAN, "1.5") == 1.5 and DECIMAL.parse(LOAN, "lots") == "lots"
    # dates stay text: the rules read ISO dates and quote the text when it is not a value
    assert DATE.parse(WEEKLY, "1925-05-15") == "1925-05-15"
    assert OPTIONS.parse(RECOGNITION, "de_jure") == "de_jure"
    assert DATE.typed(WEEKLY, dt.date(1925, 5, 8)) == "1925-05-08"
    assert OPTIONS.typed(RECOGNITION, "de_jure") == "de_jure"


# ---------------------------------------------------------------------------- words


def test_show_a_value_in_words() -> None:
    assert INTEGER.show(OIL, 50) == "50%" and INTEGER.show(TERM, 15) == "15 years"
    assert DECIMAL.show(LOAN, 1.25) == "1.25 bn" and DECIMAL.show(TENTH, 0.1) == "0.1"
    assert DATE.show(WEEKLY, dt.date(1925, 5, 15)) == "15 May 1925"
    assert DATE.show(WEEKLY, dt.date(1925, 5, 15), dates=lambda d: f"{d.day}.{d.month}.") == "15.5."
    assert OPTIONS.show(RECOGNITION, "de_jure") == "De jure"
    assert OPTIONS.show(RECOGNITION, "de_jure", "az") == "De-yure"
    assert OPTIONS.show(RECOGNITION, "withheld", "az") == "Withheld"  # no az: English
    assert OPTIONS.show(RECOGNITION, "de_jure", with_id=True) == "De jure [de_jure]"


def test_describe_the_value_space() -> None:
    assert OPTIONS.describe(RECOGNITION, "az") == "De-yure / Conditional / Withheld"
    assert INTEGER.describe(OIL) == "40% – 60%"
    assert DATE.describe(MONTHLY) == "31 Jan 1924 – 30 Jun 1924"
    assert DATE.describe(MONTHLY, dates=lambda d: d.isoformat()) == "1924-01-31 – 1924-06-30"

    assert INTEGER.space(OIL) == "40 to 60 in steps of 5 %"
    assert INTEGER.space(TERM) == "10 to 20 in steps of 1 years"
    assert INTEGER.space(issue("integer", min=0, max=10**6)) == "too many values"
    assert DATE.space(MONTHLY) == "dates 1924-01-31 to 1924-06-30, every 1 month(s)"
    assert OPTIONS.space(RECOGNITION) == "options: de_jure, conditional, withheld"

    assert OPTIONS.hint(RECOGNITION) == "de_jure | conditional | withheld"
    assert DATE.hint(WEEKLY) == "dates 1925-05-01 to 1925-05-29, every 7 day(s) (write YYYY-MM-DD)"
    assert DECIMAL.hint(LOAN) == "0.5 to 2.0 in steps of 0.25 bn"


# ---------------------------------------------------------------------------- value functions


def test_numbers_and_worth() -> None:
    assert INTEGER.number(45) == 45.0 and DECIMAL.number(0.5) == 0.5
    assert DATE.number(dt.date(1925, 1, 20)) == float(dt.date(1925, 1, 20).toordinal())
    with pytest.raises(TypeError):
        OPTIONS.number("de_jure")

    points = {40: 0.0, 50: 1.0, 60: 0.5}
    assert [INTEGER.worth(points, v) for v in (30, 40, 45, 50, 55, 60, 70)] == [
        0.0,
        0.0,
        0.5,
        1.0,
        0.75,
        0.5,
        0.5,
    ]
    days = {dt.date(1925, 5, 1): 1.0, dt.date(1925, 5, 29): 0.0}
    assert DATE.worth(days, dt.date(1925, 5, 15)) == 0.5
    assert DATE.worth(days, dt.date(1926, 1, 1)) == 0.0
    table = {"de_jure": 1.0, "conditional": 0.25}
    assert OPTIONS.worth(table, "conditional") == 0.25 and OPTIONS.worth(table, "withheld") == 0.0


def test_summaries_for_simulate() -> None:
    assert INTEGER.summary([50, 40, 45, 60]) == {"median": 47.5, "min": 40, "max": 60}
    assert DATE.summary(["1925-05-15", "1925-01-20", "1925-03-01", "1925-04-01"]) == {
        "median": "1925-04-01",
        "min": "1925-01-20",
        "max": "1925-05-15",
    }
    summary = OPTIONS.summary(["withheld", "de_jure", "withheld"])
    assert summary == {"de_jure": 1, "withheld": 2} and list(summary) == ["de_jure", "withheld"]


# ---------------------------------------------------------------------------- properties


@st.composite
def integer_issues(draw: st.DrawFn) -> Issue:
    lo = draw(st.integers(-1000, 1000))
    step = draw(st.integers(1, 50))
    span = draw(st.integers(1, 3000))
    return issue("integer", min=lo, max=lo + span, step=step)


@st.composite
def decimal_issues(draw: st.DrawFn) -> Issue:
    step = draw(st.sampled_from([0.01, 0.05, 0.1, 0.2, 0.25, 0.5, 1.5, 2.0]))
    lo = round(draw(st.integers(-200, 200)) * step, 6)
    n = draw(st.integers(1, 400))
    return issue("decimal", min=lo, max=round(lo + n * step, 6), step=step)


@st.composite
def date_issues(draw: st.DrawFn) -> Issue:
    lo = draw(st.dates(dt.date(1800, 1, 1), dt.date(2200, 1, 1)))
    hi = lo + dt.timedelta(days=draw(st.integers(1, 4000)))
    if draw(st.booleans()):
        return issue("date", min=lo, max=hi, step_days=draw(st.integers(1, 90)))
    return issue("date", min=lo, max=hi, step_months=draw(st.integers(1, 24)))


@st.composite
def options_issues(draw: st.DrawFn) -> Issue:
    ids = draw(
        st.lists(
            st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True),
            min_size=2,
            max_size=8,
            unique=True,
        )
    )
    return issue("options", options=tuple(Option(id=i, name=_text(i.upper())) for i in ids))


any_issue = st.one_of(integer_issues(), decimal_issues(), date_issues(), options_issues())


def _json_form(value: object) -> object:
    """A value as a replay file holds it."""
    return json.loads(json.dumps(value.isoformat() if isinstance(value, dt.date) else value))


@settings(max_examples=150, deadline=None)
@given(any_issue)
def test_every_value_of_the_grid_reads_back_as_itself(it: Issue) -> None:
    kind = kind_of(it)
    report = Reported()
    assert kind.check(it, (), report) and report.errors == []
    grid = kind.grid(it)
    assert 1 <= len(grid) <= MAX_VALUES and len(set(grid)) == len(grid)
    assert list(grid) == sorted(grid) or kind is OPTIONS
    for v in grid:
        assert kind.coerce(it, v, grid) == v
        assert kind.coerce(it, _json_form(v), grid) == v
        assert kind.coerce(it, kind.parse(it, kind.typed(it, v)), grid) == v
        assert type(kind.coerce(it, _json_form(v), grid)) is type(v)


@settings(max_examples=100, deadline=None)
@given(st.one_of(integer_issues(), decimal_issues()))
def test_typed_numbers_round_trip_through_show(it: Issue) -> None:
    kind = kind_of(it)
    for v in kind.grid(it):
        assert kind.parse(it, kind.show(it, v)) == v  # no unit: a number is shown as typed


@settings(max_examples=100, deadline=None)
@given(st.one_of(integer_issues(), decimal_issues(), date_issues()))
def test_size_counts_the_grid_without_building_it(it: Issue) -> None:
    kind = kind_of(it)
    n = len(kind.grid(it))
    if kind is DECIMAL:
        assert abs(kind.size(it) - n) <= 1  # float division may miss the last step by one
    elif it.step_months:
        assert kind.size(it) >= n  # months counted as 28 days: never fewer
    else:
        assert kind.size(it) == n


@settings(max_examples=100, deadline=None)
@given(
    st.one_of(integer_issues(), date_issues()),
    st.lists(st.floats(0, 1), min_size=2, max_size=6),
    st.data(),
)
def test_worth_lies_between_the_points_and_follows_them(
    it: Issue, ys: list[float], data: st.DataObject
) -> None:
    kind = kind_of(it)
    grid = kind.grid(it)
    if len(grid) < 2:
        return
    size = min(len(ys), len(grid))
    keys = sorted(
        data.draw(st.lists(st.sampled_from(grid), min_size=size, max_size=size, unique=True))
    )
    points = dict(zip(keys, ys, strict=False))
    for k, y in points.items():
        assert kind.worth(points, k) == pytest.approx(y)
    lo, hi = min(points.values()), max(points.values())
    for v in grid:
        assert lo - 1e-9 <= kind.worth(points, v) <= hi + 1e-9
    assert kind.worth(points, grid[0]) == points[keys[0]]  # flat before the first point
    assert kind.worth(points, grid[-1]) == points[keys[-1]]  # and after the last
