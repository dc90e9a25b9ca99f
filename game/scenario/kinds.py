"""Issue kinds: everything that depends on whether an issue is a number, a date or options.

Each kind of issue (``integer``, ``decimal``, ``options``, ``date``) is one
object with the same methods: its value grid and its size, the checks of the
issue's own fields, reading a value (from a file, a replay or typed text),
showing a value and the value space in words, the number a value function
interpolates on, the worth of a value under a value function, the widget
that edits it in the window, and how ``simulate`` summarises agreed values.
Code elsewhere asks ``kind_of(issue)`` and never tests ``issue.kind``.

>>> from game.scenario.model import Issue, Text
>>> oil = Issue(id="oil", name=Text(tr={"en": "Oil"}), kind="integer", min=40, max=60, step=5,
...             unit=Text(tr={"en": "%"}))
>>> kind = kind_of(oil)
>>> kind.grid(oil)
(40, 45, 50, 55, 60)
>>> kind.show(oil, 50), kind.coerce(oil, 50.0), kind.space(oil)
('50%', 50, '40 to 60 in steps of 5 %')
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from abc import ABC, abstractmethod
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar, Protocol

from game.scenario.model import Bound, Issue, Option, ScalarValue

MAX_VALUES = 5000

PathT = tuple[str | int, ...]
Grid = tuple[ScalarValue, ...]
DateWords = Callable[[dt.date], str]


def show_date(day: dt.date) -> str:
    """A date as the engine's messages write it: ``15 May 1925``."""
    return f"{day.day} {day.strftime('%b')} {day.year}"


def show_plain(value: object, unit: str | None = None, dates: DateWords = show_date) -> str:
    """Any value in words without its issue: a date, a number with its unit, a name."""
    if isinstance(value, dt.date):
        return dates(value)
    if unit:
        return f"{value}{unit}" if unit in ("%",) else f"{value} {unit}"
    return str(value)


def unit_of(issue: Issue, lang: str = "en") -> str | None:
    """The issue's unit in ``lang`` (``%``, ``years``), if it has one."""
    return issue.unit.get(lang) if issue.unit is not None else None


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, clamped to the month's last day."""
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class Report(Protocol):
    """Where a kind's checks report problems (the scenario checker)."""

    def err(self, path: PathT, message: str) -> None:
        """An error at ``path`` in the scenario file."""

    def warn(self, path: PathT, message: str) -> None:
        """A warning at ``path`` in the scenario file."""

    def unique(self, items: list[tuple[PathT, str]], what: str) -> None:
        """Check that each id of ``items`` is used once (else name where it was first)."""

    def value(self, path: PathT, issue_id: str, value: object) -> None:
        """Check that ``value`` (at ``path``) is a value of issue ``issue_id``."""


class IssueKind(ABC):
    """What one kind of issue knows about its values: the interface of the four kinds."""

    name: ClassVar[str]
    """The kind's name in scenario files (``kind: integer``)."""
    widget: ClassVar[str]
    """The window's editor for the issue: ``slider``, ``date`` or ``choice``."""

    @abstractmethod
    def grid(self, issue: Issue) -> Grid:
        """All values of an issue, in order. Assumes the issue passed validation."""

    @abstractmethod
    def size(self, issue: Issue) -> int:
        """How many values the issue has, without building the grid (0 if its fields are wrong)."""

    @abstractmethod
    def check(self, issue: Issue, path: PathT, report: Report) -> bool:
        """Report the problems of the issue's own fields; False when its values cannot be read."""

    @abstractmethod
    def check_table(
        self, issue: Issue, table: Mapping[Any, float], path: PathT, report: Report
    ) -> None:
        """Report the problems of a side's value table for the issue."""

    @abstractmethod
    def check_bound(self, issue: Issue, bound: Bound, path: PathT, report: Report) -> None:
        """Report the problems of a mandate's bound on the issue."""

    def coerce(self, issue: Issue, value: object, grid: Grid | None = None) -> ScalarValue | None:
        """``value`` as a member of the issue's grid (``grid`` if given), or None if it is not one.

        Accepts ISO date strings for dates and whole floats for integers, so
        that values read back from JSON replays compare equal.
        """
        return _member(value, self.grid(issue) if grid is None else grid)

    def parse(self, issue: Issue, text: str) -> object:
        """Typed text as a value of the issue's type, or the text itself when it is not one
        (the rules then say why it is not a value)."""
        return text

    def typed(self, issue: Issue, value: ScalarValue) -> str:
        """The text a player types for ``value`` (``parse`` and ``coerce`` read it back)."""
        return str(value)

    @abstractmethod
    def show(
        self,
        issue: Issue,
        value: object,
        lang: str = "en",
        *,
        dates: DateWords = show_date,
        with_id: bool = False,
    ) -> str:
        """A value in words: an option's name in ``lang`` (with its id in brackets when
        ``with_id``), a date as ``dates`` writes it, a number with the issue's unit."""

    @abstractmethod
    def describe(self, issue: Issue, lang: str = "en", *, dates: DateWords = show_date) -> str:
        """The value space as a player reads it: the options' names, or the first and last value."""

    @abstractmethod
    def space(self, issue: Issue) -> str:
        """The value space as the scenario file states it (for messages)."""

    def hint(self, issue: Issue) -> str:
        """What a player may type for the issue."""
        return self.space(issue)

    @abstractmethod
    def number(self, value: ScalarValue) -> float:
        """The number a value function interpolates on."""

    @abstractmethod
    def worth(self, points: Mapping[Any, float], value: ScalarValue) -> float:
        """A value function's worth (0..1) of ``value``, given the side's points or table."""

    def worths(
        self, points: Mapping[Any, float], values: Sequence[ScalarValue]
    ) -> tuple[float, ...]:
        """:meth:`worth` of each of ``values`` (a side's value table of the issue)."""
        return tuple(self.worth(points, v) for v in values)

    def summary(self, values: Sequence[Any]) -> Any:
        """How ``simulate`` sums up the agreed values of the issue over many games."""
        return self.summary_of(Counter(values))

    @abstractmethod
    def summary_of(self, counts: Mapping[Any, int]) -> Any:
        """:meth:`summary` from how often each value was agreed (``simulate`` keeps only
        these counts: its memory stays bounded by the issue's values, whatever the
        number of games)."""

    def options(self, issue: Issue) -> tuple[Option, ...]:
        """The issue's named values (none for numbers and dates)."""
        return ()

    def __repr__(self) -> str:
        return f"<issue kind {self.name}>"


def _nth(keys: Sequence[Any], counts: Mapping[Any, int], index: int) -> Any:
    """The ``index``-th value (from 0) of the sorted values that ``counts`` stands for."""
    for key in keys:
        index -= counts[key]
        if index < 0:
            return key
    raise IndexError(index)


def _member(value: object, grid: Grid) -> ScalarValue | None:
    if isinstance(value, bool):
        return None
    return value if value in grid else None  # type: ignore[return-value]


def _line(
    points: Mapping[Any, float], num: Callable[[Any], float]
) -> tuple[list[float], list[float]]:
    """A value function's points as ascending x and their y (sorted once per table)."""
    keys = sorted(points)
    return [num(k) for k in keys], [points[k] for k in keys]


def _interpolate(xs: Sequence[float], ys: Sequence[float], t: float) -> float:
    """The piecewise-linear function through (xs, ys) at ``t`` (xs ascending).

    ``t`` on a point takes the segment that ends there, as a walk from the left would.
    """
    if t <= xs[0]:
        return ys[0]
    if t >= xs[-1]:
        return ys[-1]
    k = bisect_left(xs, t)  # xs[k - 1] < t <= xs[k]
    x0, x1, y0, y1 = xs[k - 1], xs[k], ys[k - 1], ys[k]
    if x1 == x0:  # two keys that are the same number as floats
        return y1
    return y0 + (y1 - y0) * (t - x0) / (x1 - x0)


class OptionsKind(IssueKind):
    """Named options (``options``): a value is an option's id."""

    name = "options"
    widget = "choice"

    def grid(self, issue: Issue) -> Grid:
        return tuple(o.id for o in issue.options)

    def size(self, issue: Issue) -> int:
        return len(issue.options)

    def check(self, issue: Issue, path: PathT, report: Report) -> bool:
        if len(issue.options) < 2:
            report.err(path + ("options",), "an options issue needs at least two options")
        if len(issue.options) > MAX_VALUES:
            report.err(
                path + ("options",),
                f"{len(issue.options):,} options; a scenario allows at most {MAX_VALUES:,} here",
            )
        report.unique(
            [(path + ("options", j, "id"), o.id) for j, o in enumerate(issue.options)], "option"
        )
        for key in ("min", "max", "step"):
            if getattr(issue, key) is not None:
                report.err(path + (key,), f"'{key}' is for numbers and dates, not options")
        return True

    def check_table(
        self, issue: Issue, table: Mapping[Any, float], path: PathT, report: Report
    ) -> None:
        ids = {o.id for o in issue.options}
        for key in table:
            if key not in ids:
                report.err(path + (key,), f"'{key}' is not an option of issue '{issue.id}'")
        missing = sorted(ids - set(table))
        if missing:
            report.err(path, f"no value for option(s) {', '.join(missing)}")

    def check_bound(self, issue: Issue, bound: Bound, path: PathT, report: Report) -> None:
        if bound.min is not None or bound.max is not None:
            report.err(path, "use 'allow: [...]' for an options issue")
        if bound.min_days is not None or bound.max_days is not None:
            report.err(path, "'min_days' and 'max_days' are for date issues")
        for k, oid in enumerate(bound.allow or ()):
            report.value(path + ("allow", k), issue.id, oid)

    def show(
        self,
        issue: Issue,
        value: object,
        lang: str = "en",
        *,
        dates: DateWords = show_date,
        with_id: bool = False,
    ) -> str:
        for o in issue.options:
            if o.id == value:
                name = o.name.get(lang)
                return f"{name} [{o.id}]" if with_id else name
        return show_plain(value, unit_of(issue, lang), dates)

    def describe(self, issue: Issue, lang: str = "en", *, dates: DateWords = show_date) -> str:
        return " / ".join(self.show(issue, v, lang, dates=dates) for v in self.grid(issue))

    def space(self, issue: Issue) -> str:
        return "options: " + ", ".join(o.id for o in issue.options)

    def hint(self, issue: Issue) -> str:
        return " | ".join(o.id for o in issue.options)

    def number(self, value: ScalarValue) -> float:
        raise TypeError("the options of an issue are not numbers")

    def worth(self, points: Mapping[Any, float], value: ScalarValue) -> float:
        """The option's value in the table (0 if it has none)."""
        return float(points.get(value, 0.0))

    def summary_of(self, counts: Mapping[Any, int]) -> Any:
        """How often each option was agreed."""
        return dict(sorted(counts.items()))

    def options(self, issue: Issue) -> tuple[Option, ...]:
        return issue.options


class _Ranged(IssueKind):
    """Numbers and dates: ``min`` to ``max`` in steps, value functions given by points."""

    point: ClassVar[type | tuple[type, ...]]
    point_word: ClassVar[str]

    def check(self, issue: Issue, path: PathT, report: Report) -> bool:
        if not self._check_fields(issue, path, report):
            return False
        if issue.min is not None and issue.max is not None and not issue.min < issue.max:  # type: ignore[operator]
            report.err(path + ("max",), "max must be more than min")
            return False
        if self.size(issue) > MAX_VALUES:
            report.err(path, f"this issue has more than {MAX_VALUES} values: use a larger step")
            return False
        return True

    @abstractmethod
    def _check_fields(self, issue: Issue, path: PathT, report: Report) -> bool:
        """Report the problems of the kind's own fields; False if the grid cannot be built."""

    def show(
        self,
        issue: Issue,
        value: object,
        lang: str = "en",
        *,
        dates: DateWords = show_date,
        with_id: bool = False,
    ) -> str:
        return show_plain(value, unit_of(issue, lang), dates)

    def describe(self, issue: Issue, lang: str = "en", *, dates: DateWords = show_date) -> str:
        grid = self.grid(issue)
        first = self.show(issue, grid[0], lang, dates=dates)
        return f"{first} – {self.show(issue, grid[-1], lang, dates=dates)}"

    def worth(self, points: Mapping[Any, float], value: ScalarValue) -> float:
        """Linear in ``number`` between the points, flat beyond the first and the last."""
        return _interpolate(*_line(points, self.number), self.number(value))

    def worths(
        self, points: Mapping[Any, float], values: Sequence[ScalarValue]
    ) -> tuple[float, ...]:
        xs, ys = _line(points, self.number)  # sorted once: a table may have 5,000 points
        return tuple(_interpolate(xs, ys, self.number(v)) for v in values)

    def check_table(
        self, issue: Issue, table: Mapping[Any, float], path: PathT, report: Report
    ) -> None:
        points = [k for k in table if isinstance(k, self.point) and not isinstance(k, bool)]
        for key in table:
            if key not in points:
                report.err(
                    path + (key,),
                    f"'{key}' is not a point of issue '{issue.id}' ({self.space(issue)})",
                )
        if len(points) < 2:
            report.err(path, "a number or date issue needs at least two points (value: utility)")
        lo, hi = issue.min, issue.max
        if not (self._is_point(lo) and self._is_point(hi)):
            return
        for key in table:
            if self._is_point(key) and (key < lo or key > hi):
                report.warn(
                    path + (key,),
                    f"point {key} lies outside the range of issue '{issue.id}' "
                    f"({self.space(issue)}): it shapes values the issue never takes",
                )

    def check_bound(self, issue: Issue, bound: Bound, path: PathT, report: Report) -> None:
        if bound.allow is not None:
            report.err(path + ("allow",), "'allow' is for options issues; use min and max")
        for key in ("min", "max"):
            v = getattr(bound, key)
            if v is not None and not self._is_point(v):
                report.err(path + (key,), f"expected a {self.point_word}")
        lo, hi = bound.min, bound.max
        if self._is_point(lo) and self._is_point(hi) and lo > hi:  # type: ignore[operator]
            report.err(path, f"this bound allows nothing: its min {lo} is more than its max {hi}")
        if self.point is not dt.date and (bound.min_days is not None or bound.max_days is not None):
            report.err(path, "'min_days' and 'max_days' are for date issues")
        if (
            bound.min_days is not None
            and bound.max_days is not None
            and bound.min_days > bound.max_days
        ):
            report.err(path, "'min_days' is greater than 'max_days'")

    def _is_point(self, value: object) -> bool:
        return isinstance(value, self.point) and not isinstance(value, bool)


class _Number(_Ranged):
    point = (int, float)
    point_word = "number"
    widget = "slider"

    def size(self, issue: Issue) -> int:
        if not (isinstance(issue.min, int | float) and isinstance(issue.max, int | float)):
            return 0
        step = issue.step if issue.step is not None else 1
        if step <= 0:
            return 0
        steps = (float(issue.max) - float(issue.min)) / float(step)
        return int(min(steps, 1e18)) + 1 if math.isfinite(steps) else 10**18

    def _check_fields(self, issue: Issue, path: PathT, report: Report) -> bool:
        lo, hi = issue.min, issue.max
        if not isinstance(lo, int | float) or not isinstance(hi, int | float):
            report.err(path, f"an {self.name} issue needs numbers 'min' and 'max'")
            return False
        if not self._whole_enough(lo, hi, issue.step):
            report.err(path, "an integer issue needs whole numbers for min, max and step")
            return False
        if issue.step is not None and issue.step <= 0:
            report.err(path + ("step",), "step must be more than 0")
            return False
        return True

    def _whole_enough(self, lo: float, hi: float, step: float | None) -> bool:
        return True

    def _bounds(self, issue: Issue) -> tuple[float, float, float]:
        lo, hi = issue.min, issue.max
        assert isinstance(lo, int | float) and isinstance(hi, int | float)
        return lo, hi, issue.step if issue.step is not None else 1

    def space(self, issue: Issue) -> str:
        """``40 to 60 in steps of 5 %`` (``too many values`` past the limit)."""
        if self.size(issue) > MAX_VALUES:
            return "too many values"
        step = issue.step if issue.step is not None else 1
        unit = f" {unit_of(issue)}" if issue.unit else ""
        return f"{issue.min} to {issue.max} in steps of {step}{unit}"

    def number(self, value: ScalarValue) -> float:
        assert isinstance(value, int | float)
        return float(value)

    def summary_of(self, counts: Mapping[Any, int]) -> Any:
        """The median (as ``statistics.median``: the mean of the two middle ones of an
        even count), least and greatest agreed number."""
        keys = sorted(counts)
        n = sum(counts.values())
        if n % 2:
            median = _nth(keys, counts, n // 2)
        else:
            median = (_nth(keys, counts, n // 2 - 1) + _nth(keys, counts, n // 2)) / 2
        return {"median": median, "min": keys[0], "max": keys[-1]}


class IntegerKind(_Number):
    """Whole numbers (``integer``) from ``min`` to ``max`` in ``step``s."""

    name = "integer"

    def grid(self, issue: Issue) -> Grid:
        lo, hi, step = self._bounds(issue)
        return tuple(range(int(lo), int(hi) + 1, int(step)))[:MAX_VALUES]

    def _whole_enough(self, lo: float, hi: float, step: float | None) -> bool:
        return all(isinstance(x, int) for x in (lo, hi, step or 1))

    def coerce(self, issue: Issue, value: object, grid: Grid | None = None) -> ScalarValue | None:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return super().coerce(issue, value, grid)

    def parse(self, issue: Issue, text: str) -> object:
        try:
            return int(text)
        except ValueError:
            return text


class DecimalKind(_Number):
    """Decimal numbers (``decimal``) from ``min`` to ``max`` in ``step``s."""

    name = "decimal"

    def grid(self, issue: Issue) -> Grid:
        lo, hi, step = self._bounds(issue)
        digits = max(0, -_exponent(float(step))) + 2
        count = min(int(round((float(hi) - float(lo)) / float(step))) + 1, MAX_VALUES)
        return tuple(round(float(lo) + k * float(step), digits) for k in range(count))

    def check(self, issue: Issue, path: PathT, report: Report) -> bool:
        if not super().check(issue, path, report):
            return False
        grid = self.grid(issue)
        if len(set(grid)) < len(grid):  # near 10^15 a float cannot tell small steps apart
            report.err(
                path + ("step",),
                "the values of this issue are not all different at the precision numbers "
                "are kept: use a larger step, or numbers nearer 0",
            )
            return False
        return True

    def coerce(self, issue: Issue, value: object, grid: Grid | None = None) -> ScalarValue | None:
        if isinstance(value, int | float) and not isinstance(value, bool):
            for v in self.grid(issue) if grid is None else grid:
                if isinstance(v, float) and abs(v - float(value)) < 1e-9:
                    return v
            return None
        return super().coerce(issue, value, grid)

    def parse(self, issue: Issue, text: str) -> object:
        try:
            return float(text)
        except ValueError:
            return text


def _exponent(x: float) -> int:
    text = f"{x:.10f}".rstrip("0")
    return -len(text.split(".")[1]) if "." in text and text.split(".")[1] else 0


class DateKind(_Ranged):
    """Dates (``date``) from ``min`` to ``max`` every ``step_days`` or ``step_months``."""

    name = "date"
    widget = "date"
    point = dt.date
    point_word = "date"

    def grid(self, issue: Issue) -> Grid:
        assert isinstance(issue.min, dt.date) and isinstance(issue.max, dt.date)
        out: list[ScalarValue] = []
        k = 0
        while len(out) < MAX_VALUES:
            if issue.step_months:
                day = add_months(issue.min, k * issue.step_months)
            else:
                day = issue.min + dt.timedelta(days=k * (issue.step_days or 1))
            if day > issue.max:
                break
            out.append(day)
            k += 1
        return tuple(out)

    def size(self, issue: Issue) -> int:
        if not (isinstance(issue.min, dt.date) and isinstance(issue.max, dt.date)):
            return 0
        span = (issue.max - issue.min).days
        if issue.step_months:
            return span // (28 * issue.step_months) + 1
        return span // (issue.step_days or 1) + 1

    def _check_fields(self, issue: Issue, path: PathT, report: Report) -> bool:
        if not isinstance(issue.min, dt.date) or not isinstance(issue.max, dt.date):
            report.err(path, "a date issue needs 'min' and 'max' dates")
            return False
        if (issue.step_days is None) == (issue.step_months is None):
            report.err(path, "a date issue needs exactly one of 'step_days' or 'step_months'")
            return False
        return True

    def coerce(self, issue: Issue, value: object, grid: Grid | None = None) -> ScalarValue | None:
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value)
            except ValueError:
                return None
        return super().coerce(issue, value, grid)

    def typed(self, issue: Issue, value: ScalarValue) -> str:
        assert isinstance(value, dt.date)
        return value.isoformat()

    def space(self, issue: Issue) -> str:
        """``dates 1924-11-15 to 1926-02-15, every 3 month(s)``."""
        every = (
            f"every {issue.step_months} month(s)"
            if issue.step_months
            else f"every {issue.step_days} day(s)"
        )
        return f"dates {issue.min} to {issue.max}, {every}"

    def hint(self, issue: Issue) -> str:
        return self.space(issue) + " (write YYYY-MM-DD)"

    def number(self, value: ScalarValue) -> float:
        assert isinstance(value, dt.date)
        return float(value.toordinal())

    def summary_of(self, counts: Mapping[Any, int]) -> Any:
        """The median (the later of the two middle ones), earliest and latest agreed date."""
        keys = sorted(counts)
        n = sum(counts.values())
        return {"median": _nth(keys, counts, n // 2), "min": keys[0], "max": keys[-1]}


INTEGER = IntegerKind()
DECIMAL = DecimalKind()
OPTIONS = OptionsKind()
DATE = DateKind()

KINDS: Mapping[str, IssueKind] = {k.name: k for k in (INTEGER, DECIMAL, OPTIONS, DATE)}
"""Every issue kind by the name a scenario file gives it (``kind:``)."""


def kind_of(issue: Issue) -> IssueKind:
    """The kind object of ``issue``."""
    return KINDS[issue.kind]
