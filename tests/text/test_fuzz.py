"""Random lines at the terminal: long tokens, control and zero-width characters, open
quotes, half-typed moves. The game answers each with words, never a traceback, and
never writes a control character it was sent back to the terminal."""

from __future__ import annotations

import io
import unicodedata
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.persistence.scenarios import load
from game.session import GameSession
from game.text import parse
from game.text.play import TextGame
from tests.conftest import FIXTURES

MINI = load(FIXTURES / "scenarios" / "mini.yaml")

ODD = ["\x00", "\x1b[2J", "\x9b", "\x07", "\u200b", "\u200d", "\ufeff", "\u202e", "\t", "\r"]
WORDS = [
    "propose",
    "counter",
    "accept",
    "reject",
    "argue",
    "instruct",
    "adjourn",
    "break_off",
    "status",
    "issues",
    "mandate",
    "log",
    "why",
    "undo",
    "help",
    "source",
    "save",
    "tutorial",
    "rent=20",
    "term=long",
    "1=2",
    "2=",
    "=",
    '"',
    "'",
    "1925-05-15",
    "9999-99-99",
    "-1",
    "1e400",
    "nan",
]

token = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(ODD),
    st.text(max_size=12),
    st.integers(1, 5000).map(lambda n: "x" * n),
    st.integers(1, 3000).map(lambda n: "rent=" + "9" * n),
    st.tuples(st.sampled_from(WORDS), st.sampled_from(ODD)).map("".join),
)
line = st.lists(token, max_size=8).map(" ".join)


def run(lines: list[str]) -> str:
    session = GameSession.new(MINI, str(MINI.loaded.path), {"north"}, 1)
    out = io.StringIO()
    game = TextGame(session, "north", out)
    game.start()
    assert game.play(iter(lines)) in (0, 130)
    return out.getvalue()


def _clean(text: str) -> bool:
    return all(ch == "\n" or unicodedata.category(ch)[0] != "C" for ch in text)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(line, min_size=1, max_size=12))
def test_random_lines_get_words_back(lines: list[str]) -> None:
    text = run(lines)
    assert "Traceback" not in text
    assert _clean(text), [ch for ch in text if ch != "\n" and unicodedata.category(ch)[0] == "C"]


def test_a_one_megabyte_token_is_refused_at_once() -> None:
    """One long token used to be read character by character into a growing string
    (quadratic: 1 MB took 29 s); a line past the limit is now refused before it is read."""
    text = run(["propose rent=" + "9" * 1_000_000, "x" * 1_000_000, "status"])
    assert text.count("That line is too long (1,000,013 characters)") == 0
    assert "That line is too long (1000013 characters)" in text
    assert "That line is too long (1000000 characters)" in text
    assert max(len(line) for line in text.splitlines()) < 400


def test_the_longest_line_read_is_split_in_one_pass() -> None:
    words = parse.split("propose " + "y" * (parse.MAX_LINE - 20) + ' "a b"')
    assert words[0] == "propose" and len(words[1]) == parse.MAX_LINE - 20 and words[2] == "a b"


def test_escape_sequences_typed_are_shown_not_sent(capsys: Any) -> None:
    text = run(["\x1b[2Jfoo", "propose rent=\x00 term=\u200blong"])
    assert "\x1b" not in text and "\x00" not in text and "\u200b" not in text
    assert "Unknown command '\\x1b[2Jfoo'" in text
