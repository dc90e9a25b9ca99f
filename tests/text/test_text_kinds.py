"""Typing values of every kind of issue in the terminal."""

from __future__ import annotations

import io

from game.persistence.scenarios import load
from game.text.play import run_text_game
from tests.conftest import FIXTURES


def test_each_kind_is_typed_shown_and_refused_in_its_own_words() -> None:
    c = load(FIXTURES / "scenarios" / "kinds.yaml")
    script = [
        "issues",
        "propose rent=17.3",
        "propose berths=three",
        "propose handover=1924-07-02",
        "propose term=ten",
        "propose rent=17.5 berths=3 term=medium handover=1924-07-01",
        "quit",
    ]
    out = io.StringIO()
    assert run_text_game(c, "nadia", 1, iter(s + "\n" for s in script), out) == 0
    text = out.getvalue()
    for line in (
        "rent                     Rent — 10 to 20 in steps of 0.5 %",
        "term                     Term — short | medium | long",
        "handover                 Handover — dates 1924-03-01 to 1925-02-01, every 1 month(s)"
        " (write YYYY-MM-DD)",
        "Illegal move: 17.3 is not a possible value of Rent.",
        "Illegal move: 'three' is not a possible value of Berths.",
        "Illegal move: '1924-07-02' is not a possible value of Handover.",
        "Illegal move: 'ten' is not a possible value of Term.",
        "North proposes: Rent 17.5%, Berths 3, Term ten years, Handover 1 Jul 1924.",
        "Your last offer: Rent: 17.5%; Berths: 3; Term: ten years [medium]; Handover: 1 Jul 1924",
        "Your mandate (firm line): rent at least 12.5; handover at most 1 Aug 1924",
    ):
        assert line in text, line
