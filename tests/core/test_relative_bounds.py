"""Mandate bounds on a date issue relative to the day of the move (min_days, max_days).

A treaty cannot fix a deadline that has already passed, and a line such as
"withdraw within two months of an agreement" moves with the calendar: the
dates a side may offer are read against the game's date, for proposals, for
acceptance and in the AI's table of allowed packages.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from game.engine import Move, apply, new_game
from game.engine.checks import bound_text, within
from game.engine.moves import IllegalMoveError, MoveKind
from game.engine.rules import package_space
from game.engine.utility import side_view
from game.persistence.scenarios import load
from game.scenario.kinds import DATE, DECIMAL, OPTIONS, PathT
from game.scenario.model import Bound
from tests.conftest import ROOT

KINDS = ROOT / "tests" / "fixtures" / "scenarios" / "kinds.yaml"
D = dt.date


def _kinds_with(tmp_path: Path, bound: dict[str, int]) -> Path:
    """The kinds fixture with North's handover bound replaced by ``bound``."""
    text = KINDS.read_text(encoding="utf-8")
    old = "handover: {max: 1924-08-01}"
    assert text.count(old) == 1
    new = "handover: {" + ", ".join(f"{k}: {v}" for k, v in bound.items()) + "}"
    out = tmp_path / "kinds_relative.yaml"
    out.write_text(text.replace(old, new), encoding="utf-8")
    return out


def test_within_reads_relative_bounds_against_the_day() -> None:
    b = Bound(min_days=0, max_days=60)
    today = D(1924, 4, 10)
    assert not within(b, D(1924, 4, 9), today)  # already past
    assert within(b, D(1924, 4, 10), today)
    assert within(b, D(1924, 6, 9), today)
    assert not within(b, D(1924, 6, 10), today)  # more than 60 days ahead
    # Without a day, the question is about the mandate in general: no relative check.
    assert within(b, D(1900, 1, 1))
    # Absolute and relative bounds combine.
    both = Bound(max=D(1924, 5, 1), min_days=0)
    assert within(both, D(1924, 5, 1), today) and not within(both, D(1924, 6, 1), today)
    # Numbers and options ignore the day.
    assert within(Bound(min=1), 2, today) and within(Bound(allow=("a",)), "a", today)


def test_bound_text_says_it_in_words() -> None:
    assert bound_text(Bound(min_days=0)) == "not before the day of signing"
    assert bound_text(Bound(min_days=1, max_days=120)) == (
        "at least 1 day after the day of signing and at most 120 days after the day of signing"
    )


def test_package_space_moves_with_the_calendar(tmp_path: Path) -> None:
    c = load(_kinds_with(tmp_path, {"min_days": 0, "max_days": 60}))
    s = new_game(c, 1)
    assert s.date == D(1924, 1, 7)
    assert package_space(s, "north")["handover"] == (D(1924, 3, 1),)
    later = s.but(date=D(1924, 4, 10))
    assert package_space(later, "north")["handover"] == (D(1924, 5, 1), D(1924, 6, 1))
    # The other side's mandate has no such bound: every month stays open to it.
    assert len(package_space(later, "south")["handover"]) == len(c.grid["handover"])
    # The AI sees the same: its allowed values are those of the day.
    view = side_view(later, "north")
    allowed = view.allowed[view.space.ids.index("handover")]
    grid = c.grid["handover"]
    assert sorted(grid[i] for i in allowed) == [D(1924, 5, 1), D(1924, 6, 1)]


def test_a_date_already_past_is_outside_the_mandate(tmp_path: Path) -> None:
    c = load(_kinds_with(tmp_path, {"min_days": 0}))
    s = new_game(c, 1).but(date=D(1924, 4, 10))
    s = s.but(to_move="north")
    with pytest.raises(IllegalMoveError) as err:
        apply(s, Move(MoveKind.PROPOSE, "north", {"handover": D(1924, 3, 1)}))
    assert getattr(err.value.reason, "code", None) == "outside_mandate_yours"
    assert "not before the day of signing" in str(err.value)
    apply(s, Move(MoveKind.PROPOSE, "north", {"handover": D(1924, 5, 1)}))


def test_an_offer_that_has_fallen_behind_the_calendar_cannot_be_accepted(tmp_path: Path) -> None:
    c = load(_kinds_with(tmp_path, {"min_days": 0}))
    s = new_game(c, 1).but(to_move="north")
    s = apply(s, Move(MoveKind.PROPOSE, "north", {"handover": D(1924, 3, 1)}))
    assert s.to_move == "south"
    # Time passes with the offer on the table: by April the date has gone by.
    late = s.but(date=D(1924, 4, 10))
    with pytest.raises(IllegalMoveError) as err:
        apply(late, Move(MoveKind.ACCEPT, "south"))
    assert getattr(err.value.reason, "code", None) == "outside_mandate_theirs"


def test_relative_bounds_are_for_date_issues_only() -> None:
    from tests.scenario.test_kinds import LOAN, RECOGNITION, WEEKLY

    class Reported:
        """The checker's side of a kind's checks: records the errors."""

        def __init__(self) -> None:
            self.errors: list[tuple[PathT, str]] = []

        def err(self, path: PathT, message: str) -> None:
            self.errors.append((path, message))

        def warn(self, path: PathT, message: str) -> None:
            pass

        def unique(self, items: list[tuple[PathT, str]], what: str) -> None:
            pass

        def value(self, path: PathT, issue_id: str, value: object) -> None:
            pass

    path: PathT = ("parties", 0, "mandates", 0, "bounds", "x")
    r = Reported()
    DATE.check_bound(WEEKLY, Bound(min_days=0, max_days=30), path, r)
    assert r.errors == []
    r = Reported()
    DATE.check_bound(WEEKLY, Bound(min_days=30, max_days=0), path, r)
    assert r.errors == [(path, "'min_days' is greater than 'max_days'")]
    r = Reported()
    DECIMAL.check_bound(LOAN, Bound(min_days=0), path, r)
    assert r.errors == [(path, "'min_days' and 'max_days' are for date issues")]
    r = Reported()
    OPTIONS.check_bound(RECOGNITION, Bound(max_days=3), path, r)
    assert r.errors == [(path, "'min_days' and 'max_days' are for date issues")]


def test_both_catalogues_say_the_relative_bounds() -> None:
    for lang in ("en", "az"):
        cat = json.loads((ROOT / "assets" / "i18n" / f"{lang}.json").read_text(encoding="utf-8"))
        for key in ("bound.not_past", "bound.min_days", "bound.max_days"):
            assert key in cat, (lang, key)
        assert "{days}" in cat["bound.min_days"] and "{days}" in cat["bound.max_days"]
