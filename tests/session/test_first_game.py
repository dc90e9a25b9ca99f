"""What a first-time player is told, for both front ends: why only some moves are open,
the news after a jump in time as one digest in date order, the debrief's summary of why
the outcome differs from history, the opponent as a diplomat, and the guided first game."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from game.engine import Move
from game.engine.messages import Msg
from game.engine.record import replay_history
from game.engine.summary import Facts, summarise
from game.persistence.scenarios import load
from game.session import GameSession, Withheld
from game.session.tutorial import STEPS, Progress, hint
from game.wording import speech, words
from game.wording.catalogue import Translator
from tests.conftest import FIXTURES, SCENARIOS

MINI = str(FIXTURES / "scenarios" / "mini.yaml")
PEKING = SCENARIOS / "peking-1925.yaml"
needs_peking = pytest.mark.skipif(not PEKING.exists(), reason="the main scenario is not there")


@needs_peking
def test_the_first_sessions_say_why_only_some_moves_are_open() -> None:
    c = load(PEKING)
    s = GameSession.new(c, str(PEKING), {"japan"}, 1)
    s.run_ai()
    why = s.view("japan").why_moves
    assert isinstance(why, Msg)
    en = words.why_moves(c, Translator("en"), why)
    az = words.why_moves(c, Translator("az"), why)
    assert (
        en.startswith("Karakhan's approach")
        and "only Argue, Ask for instructions and Adjourn" in en
    )
    assert "19 March 1924" in en
    assert "Təlimat istə" in az and "19 mart 1924" in az
    assert s.view("ussr").why_moves is None  # not its turn


@needs_peking
def test_a_stage_that_leaves_out_only_moves_impossible_here_needs_no_line() -> None:
    """The prior-conditions stage allows every move of a two-party table; the line once
    said 'only Propose, Counter, ... and Break off' because it lists neither pass (more
    than two at the table) nor reopen (nothing agreed yet)."""
    c = load(PEKING)
    steps = replay_history(c)
    at = next(n for n, st in enumerate(steps) if "propose" in c.stages[st.before.stage].moves)
    s = GameSession.take_over(c, str(PEKING), steps, at, steps[at].step.by)
    assert s.view(steps[at].step.by).why_moves is None


def test_a_stage_that_allows_every_move_needs_no_line(mini: Any) -> None:
    s = GameSession.new(mini, MINI, {"north"}, 1)
    assert s.view("north").why_moves is None


@needs_peking
def test_news_after_a_jump_in_time_come_in_date_order() -> None:
    """One move from 4 August to late December once brought the news out of date order."""
    c = load(PEKING)
    steps = replay_history(c)
    s = GameSession.take_over(c, str(PEKING), steps, 0, "japan")
    for st in steps:
        assert s.play(st.move) is None
    dates = [e.date for e in s.news_since(0, "japan")]
    assert dates == sorted(dates) and len(dates) > 20
    seen = s.news_since(0, "japan")
    secret = [e for e in seen if not isinstance(e, Withheld) and e.code == "instructions"]
    assert all(e.side == "japan" for e in secret)
    assert s.news_since(len(s.moves), "japan") == []


@needs_peking
def test_the_debrief_summary_says_why_the_outcome_differs_from_history() -> None:
    c = load(PEKING)
    s = GameSession.new(c, str(PEKING), set(), 2)
    s.run_ai()
    d = s.debrief()
    codes = [m.code for m in d.summary]
    assert d.termination == "signed"
    assert codes[0] in ("summary.on_time", "summary.later", "summary.earlier")
    assert "summary.better" in codes or "summary.worse" in codes
    differ = [r for r in d.rows if r.deal is not None and r.deal != r.history and r.gains]
    assert any(code.startswith("summary.issue") for code in codes) == bool(differ)
    for lang in ("en", "az"):
        tr = Translator(lang)
        for m in d.summary:
            said = words.summary(c, tr, m)
            assert "{" not in said and "summary." not in said, said
    # History's worth to a side moves from game to game only through priorities moved in
    # that game: the summary says so, with its worth under the priorities at the start.
    for side, now in d.history_utilities.items():
        moved = [
            m for m in d.summary if m.code == "summary.priorities" and m.params["side"] == side
        ]
        if moved:
            assert moved[0].params["now"] == round(now, 3)
            assert moved[0].params["start"] != moved[0].params["now"]


@needs_peking
def test_the_summary_names_the_issues_where_the_deal_differs_from_history() -> None:
    """The AI signs history's own terms on its own; a deal with a shorter oil concession,
    better for the Soviet side, is named issue by issue in both languages."""
    c = load(PEKING)
    s = GameSession.new(c, str(PEKING), set(), 2)
    s.run_ai()
    d = s.debrief()
    hist = {r.issue: r.history for r in d.rows if r.history is not None}
    terms = {**hist, "oil_term": 36}
    facts = Facts(
        s.state,
        "signed",
        d.date,
        terms,
        hist,
        d.history_date,
        {"oil_term": {"japan": -0.02, "ussr": 0.03}},
        {"japan": 0.5, "ussr": 0.7},
        d.history_utilities,
        d.history_utilities,
    )
    said = [m for m in summarise(facts) if m.code == "summary.issue"]
    assert [m.params["issue"] for m in said] == ["oil_term"]
    assert said[0].params["side"] == "ussr"
    en = words.summary(c, Translator("en"), said[0])
    az = words.summary(c, Translator("az"), said[0])
    assert "36 years" in en and "45 years" in en and "oil_term" not in en
    assert "36 il" in az and "45 il" in az and "oil_term" not in az


@needs_peking
def test_history_is_worth_the_same_at_the_start_of_every_game() -> None:
    c = load(PEKING)
    starts = set()
    for seed in (1, 2, 3):
        s = GameSession.new(c, str(PEKING), set(), seed)
        s.run_ai()
        d = s.debrief()
        for m in d.summary:
            if m.code == "summary.priorities" and m.params["side"] == "ussr":
                starts.add(m.params["start"])
    assert len(starts) == 1


def test_no_deal_is_summed_up_too(mini: Any) -> None:
    s = GameSession.new(mini, MINI, {"north", "south"}, 1)
    while not s.state.over:
        assert s.play(Move("adjourn", s.state.to_move)) is None
    d = s.debrief()
    assert d.summary and d.summary[0].code in ("summary.no_deal", "summary.no_deal_as_history")
    assert "ended without a treaty" in words.summary(mini, Translator("en"), d.summary[0])


# ---------------------------------------------------------------- the opponent's words


def test_the_opponent_speaks_in_words_and_keeps_its_figures_apart(mini: Any) -> None:
    s = GameSession.new(mini, MINI, {"north"}, 3)
    assert s.play(Move("propose", "north", {"rent": 20, "term": "medium"})) is None
    turn = s.ai_turn()
    assert turn is not None
    en = speech.speak(mini, Translator("en"), "south", turn.reasons)
    assert en and not any(ch.isdigit() for ch in " ".join(en).replace("10%", ""))
    assert "Rent" in " ".join(en)  # the issue it is furthest from, by name
    figures = speech.details(mini, Translator("en"), "south", turn.reasons)
    assert figures and any("out of 100" in f or "worth" in f for f in figures)
    az = speech.speak(mini, Translator("az"), "south", turn.reasons)
    assert az != en and "İcarə haqqı" in " ".join(az)


def test_the_ai_says_which_clauses_it_accepts_in_words_and_keeps_its_figures_apart(
    mini: Any,
) -> None:
    from game.engine.ai import talks

    decision = talks._accept({"rent": 20, "term": "medium"}, ("rent",), ("term",), 0.62, 0.7)
    assert decision.clauses == ("rent",)
    en = speech.speak(mini, Translator("en"), "south", decision.reasons)
    assert en == ["We can agree to Rent now; Term we leave open."]
    assert speech.details(mini, Translator("en"), "south", decision.reasons) == [
        "The best treaty these clauses leave is worth 62 to them; they ask for 70."
    ]
    az = speech.speak(mini, Translator("az"), "south", decision.reasons)
    assert "İcarə haqqı" in az[0] and not any(ch.isdigit() for ch in az[0])


def test_a_plain_reason_from_another_policy_is_said_as_it_is() -> None:
    tr = Translator("en")
    assert speech.speak(None, tr, "x", ["I like it."]) == ["I like it."]
    assert speech.details(None, tr, "x", ["I like it."]) == []


# ---------------------------------------------------------------- words


def test_each_month_has_its_own_short_name_in_azerbaijani() -> None:
    tr = Translator("az")
    shorts = [words.short_date(tr, dt.date(1925, m, 1)).split()[1] for m in range(1, 13)]
    assert len(set(shorts)) == 12
    assert shorts[5] != shorts[6]  # June and July were both "iyu"


@needs_peking
def test_units_are_in_the_players_language() -> None:
    c = load(PEKING)
    az, en = Translator("az"), Translator("en")
    assert words.value(c, az, "oil_term", 45) == "45 il"
    assert words.value(c, en, "oil_term", 45) == "45 years"
    assert words.number(az, 0.5) == "0,50" and words.number(en, -0.001) == "0.00"


# ---------------------------------------------------------------- the guided first game


@needs_peking
def test_the_tutorial_spreads_its_hints_over_the_first_sessions(tmp_path: Path) -> None:
    c = load(PEKING)
    s = GameSession.new(c, str(PEKING), {"japan"}, 1)
    s.run_ai()
    progress = Progress()
    shown = []
    for _ in range(40):
        step = progress.next(s.view("japan"))
        if step is not None:
            shown.append(step.id)
        if s.state.over:
            break
        s.play(Move("adjourn", "japan")) if s.human_turn() else None
        s.run_ai()
    assert shown[:3] == ["welcome", "mandate", "stage_limits"]
    assert len(shown) == len(set(shown))
    progress.save(tmp_path)
    again = Progress.load(tmp_path)
    assert again.seen == set(shown) and again.enabled
    assert (
        hint(s.view("japan"), again.seen) is None
        or hint(s.view("japan"), again.seen).id not in shown
    )


def test_every_hint_has_words_in_both_languages() -> None:
    for lang in ("en", "az"):
        tr = Translator(lang)
        for step in STEPS:
            assert tr.has(step.key) and tr.has(step.title_key)
            assert tr(step.key) != step.key
    assert Translator("az")(STEPS[0].key) != Translator("en")(STEPS[0].key)


def test_hints_can_be_turned_off_for_good(tmp_path: Path) -> None:
    progress = Progress.load(tmp_path)
    progress.enabled = False
    progress.save(tmp_path)
    assert not Progress.load(tmp_path).enabled
    (tmp_path / "tutorial.json").write_text("[not what we wrote", encoding="utf-8")
    assert Progress.load(tmp_path).enabled  # a damaged file: a fresh start, no error
