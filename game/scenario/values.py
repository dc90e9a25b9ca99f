"""Value grids of issues: the discrete values a package may take.

>>> from game.scenario.model import Issue, Text
>>> issue = Issue(id="oil", name=Text(tr={"en": "Oil"}), kind="integer", min=40, max=60, step=5)
>>> issue_values(issue)
(40, 45, 50, 55, 60)
"""

from __future__ import annotations

import calendar
import datetime as dt

from game.scenario.model import Issue, ScalarValue

MAX_VALUES = 5000


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, clamped to the month's last day."""
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def issue_values(issue: Issue) -> tuple[ScalarValue, ...]:
    """All values of an issue, in order. Assumes the issue passed validation."""
    if issue.kind == "options":
        return tuple(o.id for o in issue.options)
    if issue.kind == "date":
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
    lo, hi = issue.min, issue.max
    assert isinstance(lo, int | float) and isinstance(hi, int | float)
    step = issue.step if issue.step is not None else 1
    if issue.kind == "integer":
        return tuple(range(int(lo), int(hi) + 1, int(step)))[:MAX_VALUES]
    digits = max(0, -_exponent(float(step))) + 2
    count = min(int(round((float(hi) - float(lo)) / float(step))) + 1, MAX_VALUES)
    return tuple(round(float(lo) + k * float(step), digits) for k in range(count))


def _exponent(x: float) -> int:
    text = f"{x:.10f}".rstrip("0")
    return -len(text.split(".")[1]) if "." in text and text.split(".")[1] else 0


def grid_size(issue: Issue) -> int:
    """How many values an issue has, without building the grid (for validation)."""
    if issue.kind == "options":
        return len(issue.options)
    if issue.kind == "date":
        if not (isinstance(issue.min, dt.date) and isinstance(issue.max, dt.date)):
            return 0
        span = (issue.max - issue.min).days
        if issue.step_months:
            return span // (28 * issue.step_months) + 1
        return span // (issue.step_days or 1) + 1
    if not (isinstance(issue.min, int | float) and isinstance(issue.max, int | float)):
        return 0
    step = issue.step if issue.step is not None else 1
    if step <= 0:
        return 0
    return int((float(issue.max) - float(issue.min)) / float(step)) + 1


def coerce(
    issue: Issue, value: object, values: tuple[ScalarValue, ...] | None = None
) -> ScalarValue | None:
    """``value`` as a member of the issue's grid, or None if it is not one.

    Accepts ISO date strings for date issues and whole floats for integers,
    so that values read back from JSON replays compare equal.
    """
    if values is None:
        values = issue_values(issue)
    if issue.kind == "date" and isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return None
    if issue.kind == "integer" and isinstance(value, float) and value.is_integer():
        value = int(value)
    if issue.kind == "decimal" and isinstance(value, int | float) and not isinstance(value, bool):
        for v in values:
            if isinstance(v, float) and abs(v - float(value)) < 1e-9:
                return v
        return None
    if isinstance(value, bool):
        return None
    return value if value in values else None  # type: ignore[return-value]


def show(value: object, unit: str | None = None) -> str:
    """A value as a player reads it."""
    if isinstance(value, dt.date):
        return f"{value.day} {value.strftime('%b')} {value.year}"
    if unit:
        return f"{value}{unit}" if unit in ("%",) else f"{value} {unit}"
    return str(value)


def describe_space(issue: Issue) -> str:
    """An issue's values in words: 'options: a, b', '40 to 60 in steps of 5 %',
    'dates 1924-11-15 to 1926-02-15, every 3 month(s)'."""
    if issue.kind == "options":
        return "options: " + ", ".join(o.id for o in issue.options)
    if issue.kind == "date":
        every = (
            f"every {issue.step_months} month(s)"
            if issue.step_months
            else f"every {issue.step_days} day(s)"
        )
        return f"dates {issue.min} to {issue.max}, {every}"
    step = issue.step if issue.step is not None else 1
    unit = f" {issue.unit}" if issue.unit else ""
    return f"{issue.min} to {issue.max} in steps of {step}{unit}"
