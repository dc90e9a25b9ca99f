"""Value grids of issues and values in words: shortcuts to the issue kinds
(:mod:`game.scenario.kinds`), for callers that hold an issue and want one answer.

>>> from game.scenario.model import Issue, Text
>>> issue = Issue(id="oil", name=Text(tr={"en": "Oil"}), kind="integer", min=40, max=60, step=5)
>>> issue_values(issue)
(40, 45, 50, 55, 60)
"""

from __future__ import annotations

from game.scenario.kinds import MAX_VALUES, add_months, kind_of, show_plain
from game.scenario.model import Issue, ScalarValue

__all__ = [
    "MAX_VALUES",
    "add_months",
    "coerce",
    "describe_space",
    "grid_size",
    "issue_values",
    "show",
]


def issue_values(issue: Issue) -> tuple[ScalarValue, ...]:
    """All values of an issue, in order. Assumes the issue passed validation."""
    return kind_of(issue).grid(issue)


def grid_size(issue: Issue) -> int:
    """How many values an issue has, without building the grid (for validation)."""
    return kind_of(issue).size(issue)


def coerce(
    issue: Issue, value: object, values: tuple[ScalarValue, ...] | None = None
) -> ScalarValue | None:
    """``value`` as a member of the issue's grid, or None if it is not one.

    Accepts ISO date strings for date issues and whole floats for integers,
    so that values read back from JSON replays compare equal.
    """
    return kind_of(issue).coerce(issue, value, values)


def show(value: object, unit: str | None = None) -> str:
    """A value as a player reads it (without its issue: dates, numbers with a unit)."""
    return show_plain(value, unit)


def describe_space(issue: Issue) -> str:
    """An issue's values in words: 'options: a, b', '40 to 60 in steps of 5 %',
    'dates 1924-11-15 to 1926-02-15, every 3 month(s)'."""
    return kind_of(issue).space(issue)
