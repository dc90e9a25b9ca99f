"""Time: an event that makes an automatic transition fire stops a calendar jump on its day."""

from __future__ import annotations

from pathlib import Path

from game.engine import Move, apply, new_game
from game.persistence.scenarios import load
from tests.conftest import FIXTURES


def test_auto_transition_fires_on_the_events_day(tmp_path: Path) -> None:
    text = (FIXTURES / "scenarios" / "mini.yaml").read_text()
    text = text.replace(
        "      - id: closing\n        name: {en: Closing round}\n        opens: south\n",
        "      - id: closing\n        name: {en: Closing round}\n        opens: south\n"
        "        transitions:\n          - {on: auto, to: broken, when: {fired: strike}}\n",
    )
    text = text.replace(
        "events:\n",
        "events:\n  - id: strike\n    headline: {en: The dockers strike}\n    date: 1924-04-10\n",
    )
    path = tmp_path / "strike.yaml"
    path.write_text(text)
    c = load(path)
    s = new_game(c, 1)
    s = apply(s, Move("adjourn", "north", until=__import__("datetime").date(1924, 3, 1)))
    assert s.stage == "closing" and s.to_move == "south"
    s = apply(s, Move("adjourn", "south", until=__import__("datetime").date(1924, 5, 20)))
    assert s.outcome is not None
    assert s.outcome.termination.value == "broken_off"
    assert s.outcome.date.isoformat() == "1924-04-10"
