"""Scripted terminal games, read line by line as the player reads them.

A player drives each side of the main scenario with the engine's own choices,
typed the way a person would (issues and options by number, arguments by
number), and also asks for the status, the issues, the mandate, the log, the
figures behind an answer and a source. Every line printed is then checked:

- no ids: no issue, option, source, mandate, faction, argument, stage or event
  id appears in what the player reads (the lines the player typed, and the
  command printed to go on, are where ids may be);
- nothing leaked: before the debrief reveals the briefs, nothing of the other
  side's briefing, factions, instructions or mandates is on the page;
- in Azerbaijani, none of the terminal's own English labels, units or marks.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

import pytest

from game.engine.moves import Move
from game.engine.policy import make_policy
from game.persistence.scenarios import load
from game.scenario.kinds import kind_of
from game.session import GameSession
from game.text.play import TextGame
from tests.conftest import SCENARIOS

PEKING = SCENARIOS / "peking-1925.yaml"
EXTRA = ["status", "issues", "mandate", "log", "why", "source 1", "help"]


def typed_move(c: Any, names: Any, move: Move) -> str:
    """A move as a person types it: issues and options by their numbers."""
    if move.package:
        parts = []
        for iid, value in move.package.items():
            issue = c.issues[iid]
            options = [o.id for o in kind_of(issue).options(issue)]
            shown = str(options.index(value) + 1) if options else kind_of(issue).typed(issue, value)
            parts.append(f"{names.number[iid]}={shown}")
        return f"{move.kind} " + " ".join(parts)
    if move.argument:
        number = next(ch.number for ch in names.arguments if ch.key == move.argument)
        return f"argue {number}"
    if move.until:
        return f"adjourn {move.until.isoformat()}"
    return str(move.kind)


def scripted_game(role: str, lang: str, seed: int = 5) -> tuple[str, GameSession, str]:
    """A whole game as ``role`` in ``lang``: the printed text, the session, the player's side."""
    c = load(PEKING)
    player = c.roles[role]
    session = GameSession.new(c, str(PEKING), {player}, seed)
    out = io.StringIO()
    game = TextGame(session, player, out, lang)
    me = make_policy(c, player, "historical")

    def lines() -> Iterator[str]:
        turn = 0
        while not game.session.state.over:
            turn += 1
            if turn % 9 == 1:
                yield EXTRA[(turn // 9) % len(EXTRA)]
            choice = me.choose(game.session.state, player)
            yield typed_move(c, game.names, choice.move)

    game.start()
    assert game.play(lines()) == 0
    return out.getvalue(), game.session, player


@pytest.fixture(scope="module", params=[("yoshizawa", "en"), ("karakhan", "az")])
def game(request: pytest.FixtureRequest) -> tuple[str, GameSession, str, str]:
    role, lang = request.param
    text, session, player = scripted_game(role, lang)
    return text, session, player, lang


def read_lines(text: str) -> list[str]:
    """The lines the player reads: not those they typed, not the command to go on."""
    return [
        line
        for line in text.splitlines()
        if not line.startswith("> ") and "--load" not in line and "Continue with" not in line
    ]


def scenario_ids(c: Any) -> set[str]:
    ids: set[str] = set()
    for issue in c.sc.issues:
        ids.add(issue.id)
        ids |= {o.id for o in kind_of(issue).options(issue)}
    ids |= {s.id for s in c.sc.sources}
    for p in c.sc.parties:
        ids |= {m.id for m in p.mandates} | {f.id for f in p.factions}
        ids |= {i.id for i in p.instructions}
    ids |= {a.id for a in c.sc.arguments} | {e.id for e in c.sc.events} | set(c.stages)
    return ids


@pytest.mark.skipif(not PEKING.exists(), reason="the main scenario is not there")
def test_the_game_is_played_to_its_end(game: tuple[str, GameSession, str, str]) -> None:
    text, session, _, _ = game
    assert session.state.over
    assert len(session.moves) > 20
    assert text.count("\n> ") > 10


@pytest.mark.skipif(not PEKING.exists(), reason="the main scenario is not there")
def test_no_id_in_any_line_the_player_reads(game: tuple[str, GameSession, str, str]) -> None:
    text, session, _, _ = game
    ids = scenario_ids(session.c)
    # Ids that look like no word: an underscore or a digit in them (peking_only, net5).
    odd = sorted(i for i in ids if "_" in i or any(ch.isdigit() for ch in i))
    assert len(odd) > 20
    page = "\n".join(read_lines(text))
    found = [i for i in odd if re.search(rf"(?<![\w/.-]){re.escape(i)}(?![\w.-])", page)]
    assert not found, found
    # Any id, written the ways ids were shown: "= id", "id =", "[id]".
    for i in sorted(ids):
        for pattern in (rf"= {i}\b", rf"\b{i} =", rf"\[{i}\]"):
            assert not re.search(pattern, page), (i, pattern)


@pytest.mark.skipif(not PEKING.exists(), reason="the main scenario is not there")
def test_nothing_of_the_other_side_before_the_briefs_are_revealed(
    game: tuple[str, GameSession, str, str],
) -> None:
    text, session, player, _ = game
    c = session.c
    other = c.parties[c.others(player)[0]]
    before = " ".join("\n".join(read_lines(text)).split("DEBRIEF")[0].split())
    before = before.split("YEKUN TƏHLİL")[0]
    heard = [e for e in session.entries() if e.code == "instructions" and e.side == other.id]
    assert heard, "the other side asked for instructions in this game"
    secrets = []
    for lang in ("en", "az"):
        for ins in other.instructions:
            secrets.append(ins.text.get(lang))
        for mandate in other.mandates:
            secrets.append(mandate.name.get(lang))
        if other.briefing is not None:
            secrets.append(other.briefing.get(lang))
        for f in other.factions:
            secrets.append(f.name.get(lang))
            if f.stance is not None:
                secrets.append(f.stance.get(lang))
    for secret in secrets:
        words = " ".join(secret.split())[:60]
        assert words not in before, words


@pytest.mark.skipif(not PEKING.exists(), reason="the main scenario is not there")
def test_azerbaijani_has_no_english_labels_units_or_review_marks(
    game: tuple[str, GameSession, str, str],
) -> None:
    text, _, _, lang = game
    page = "\n".join(read_lines(text))
    assert "(tərcümə" not in page and "translation awaiting" not in page
    if lang != "az":
        return
    for english in (
        "Open issues",
        "Your mandate",
        "Moves now",
        "Worth to you",
        "On the table",
        "Session of",
        " proposes",
        " counters",
        " accepts",
        " adjourns",
        "Why only these",
        "Hint",
        "DEBRIEF",
        "Outcome",
        " years",
        "[history]",
        "[scene]",
        "[source",
        "News:",
        "Telegram:",
        "Refused",
        "Sources of",
        "The figures behind",
    ):
        assert english not in page, english
    for az in ("Açıq məsələlər", "Səlahiyyətiniz", "[tarix]", "[mənbə", " il", "YEKUN TƏHLİL"):
        assert az in page, az
