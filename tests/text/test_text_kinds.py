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
        "propose term=eleven",
        "propose rent=17.5% berths=3 term=ten handover=1924-07-01",
        "undo",
        "propose 1=17.5 2=3 3=2 4=1924-07-01",
        "quit",
    ]
    out = io.StringIO()
    assert run_text_game(c, "nadia", 1, iter(s + "\n" for s in script), out) == 0
    text = out.getvalue()
    for line in (
        "1. Rent — 10.0% to 20.0%, in steps of 0.5%",
        "3. Term — 1 five years · 2 ten years · 3 twenty years",
        "4. Handover — 1 March 1924 to 1 February 1925, every 1 month(s)",
        "Refused: 17.3 is not a possible value of Rent.",
        "Refused: three is not a possible value of Berths.",
        "Refused: 1924-07-02 is not a possible value of Handover.",
        "'eleven' is not one of the values of Term: 1 five years · 2 ten years · 3 twenty years.",
        "Nadia proposes: Rent: 17.5%; Berths: 3; Term: ten years; Handover: 1",
        "Your mandate (firm line): Rent: at least 12.5%; Handover: at most 1 August 1924",
    ):
        assert line in text, line
    assert text.count("Nadia proposes: Rent: 17.5%; Berths: 3; Term: ten years") == 2
    assert "[medium]" not in text and "medium" not in text.split("> issues")[1]
