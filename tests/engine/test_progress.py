"""The engine always makes progress: no caller is left with a side that cannot move, a
game that never ends, or a calendar that runs out of Python's dates."""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from game.authoring.scaffold import scenario_text
from game.engine import (
    Compiled,
    GameState,
    IllegalMoveError,
    Move,
    analysis,
    apply,
    check,
    new_game,
    rules,
)
from game.engine.analytics import TOLERANCE, pareto_mask
from game.engine.policy import AIPolicy, RandomPolicy, fallback, make_policy
from game.engine.simulate import play_one
from game.engine.utility import weights
from game.persistence.scenarios import load

ROOT = Path(__file__).resolve().parents[2]
STUCK = (
    "        opens: west          # West speaks first here\n",
    "        opens: west          # West speaks first here\n        moves: [accept]\n",
)


def scenario(tmp_path: Path, *pairs: tuple[str, str], name: str = "prog") -> Path:
    text = scenario_text(name)
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def play(c: Compiled, policies: dict[str, object], seed: int, most: int = 3000) -> list[GameState]:
    states = [new_game(c, seed)]
    while not states[-1].over and len(states) < most:
        state = states[-1]
        choice = policies[state.to_move].choose(state, state.to_move)  # type: ignore[attr-defined]
        assert check(state, choice.move) is None, (state.stage, choice.move)
        states.append(apply(state, choice.move))
    return states


# ----------------------------------------------------------------- 4: a side with no legal move


def test_a_stage_where_the_computer_has_no_legal_move_ends_the_talks(tmp_path: Path) -> None:
    c = load(scenario(tmp_path, STUCK))
    for seed in range(4):
        policies = {"east": RandomPolicy(), "west": AIPolicy(c, "west")}
        states = play(c, policies, seed)
        out = states[-1].outcome
        assert out is not None
        if out.stage == "final":
            assert out.termination.value == "no_agreement"
            assert "West has no possible move" in out.reason


def test_policies_choose_legal_moves_where_the_mandate_allows_nothing(tmp_path: Path) -> None:
    """West may sign no port value and no tariff value: only propose and accept are allowed."""
    c = load(
        scenario(
            tmp_path,
            (
                "bounds: {port: {allow: [closed, shared]}}",
                "bounds: {port: {allow: []}, tariff: {min: 30}}",
            ),
            (
                "    open: [tariff, port]     # the sub-stages inherit 'open' and 'moves'\n",
                "    open: [tariff, port]\n    moves: [propose, accept]\n",
            ),
        )
    )
    for seed, kind in itertools.product(range(3), ("random", "historical", "hard", "easy")):
        states = play(
            c, {"east": make_policy(c, "east", kind), "west": make_policy(c, "west", kind)}, seed
        )
        assert states[-1].over
    state = new_game(c, 1)
    if not state.over:
        assert check(state, fallback(state, state.to_move)) is None


def test_fallback_raises_rather_than_returning_an_illegal_move(tmp_path: Path) -> None:
    c = load(scenario(tmp_path, STUCK))
    over = play(c, {"east": RandomPolicy(), "west": RandomPolicy()}, 3)[-1]
    assert over.over
    with pytest.raises(IllegalMoveError):
        fallback(over, over.to_move)


@pytest.mark.parametrize("role", ["eve", "will"])
def test_piped_text_game_and_simulate_end_where_a_side_has_no_move(
    tmp_path: Path, role: str
) -> None:
    path = scenario(tmp_path, STUCK)
    env = {"TREATY_TABLE_SAVES": str(tmp_path / "saves"), "PATH": "/usr/bin:/bin"}
    moves = "adjourn\n" * 40
    proc = subprocess.run(
        [sys.executable, "-m", "game", "play", str(path), "--text", "--role", role],
        input=moves,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env=env,
    )
    assert "Traceback" not in proc.stdout + proc.stderr
    assert proc.stdout.count("Illegal move") < 40
    sim = subprocess.run(
        [sys.executable, "-m", "game", "simulate", str(path), "--games", "6", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env=env,
    )
    assert sim.returncode == 0, sim.stderr
    assert "Traceback" not in sim.stderr


# ----------------------------------------------------------------- time always moves


def test_an_instruction_that_takes_no_days_cannot_be_asked_again_that_day(tmp_path: Path) -> None:
    c = load(
        scenario(
            tmp_path,
            (
                "        days: 10\n        effects: [{mandate: {party: east, set: soft}}]",
                "        days: 0\n        once: false",
            ),
            ("    mandate: firm\n", "    mandate: firm\n    no_instructions_days: 0\n"),
        )
    )
    state = new_game(c, 1)
    state = apply(state, Move("instruct", "east"))
    assert state.to_move == "east" and state.date == c.sc.calendar.start
    assert check(state, Move("instruct", "east")) is not None
    result = play_one(c, {}, 2, 0)
    assert result.termination != "unfinished"


def test_after_a_deal_the_calendar_stops_ten_years_after_the_deadline(tmp_path: Path) -> None:
    """A stage after the deal with moves but no time limit: the game used to adjourn until
    Python's dates ran out (year 10000)."""
    path = scenario(
        tmp_path,
        ("  start: 1900-01-08", "  start: 8999-01-08"),
        ("  deadline: 1900-12-31", "  deadline: 8999-12-31"),
        ("  session_days: 14 ", "  session_days: 365 "),
        (
            '    moves: []\n    days: 14\n    transitions:\n      - {"on": timeout, to: ratified}',
            '    transitions:\n      - {"on": timeout, to: ratified}',
        ),
    )
    text = path.read_text(encoding="utf-8").replace("1900-", "8999-")
    path.write_text(text, encoding="utf-8")
    c = load(path)
    state = apply(new_game(c, 1), Move("propose", "east", {"tariff": 10, "port": "shared"}))
    state = apply(state, Move("accept", "west"))
    assert state.concluded and not state.over
    while not state.over and state.ply < 20_000:
        state = apply(state, Move("adjourn", state.to_move))
    out = state.outcome
    assert out is not None and out.termination.value == "signed"
    assert out.date.isoformat() == "8999-01-08"
    assert "10 years after the deadline" in out.reason
    assert state.date.year == 9009


def test_no_game_runs_past_the_move_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rules, "MAX_PLIES", 40)
    c = load(scenario(tmp_path, ("  session_days: 14 ", "  session_days: 1 ")))
    states = play(c, {"east": RandomPolicy(), "west": RandomPolicy()}, 5)
    assert len(states) <= 41
    out = states[-1].outcome
    assert out is not None
    if len(states) == 41:
        assert "40 moves" in out.reason


# ----------------------------------------------------------------- the debrief's frontier


def _brute_frontier(c: Compiled) -> np.ndarray:
    """The Pareto-optimal utility pairs of every package, enumerated."""
    a, b = (p.id for p in c.sc.parties)
    w = (weights(None, c, a), weights(None, c, b))
    pts = []
    for combo in itertools.product(*(range(len(c.grid[i.id])) for i in c.sc.issues)):
        u = [0.0, 0.0]
        for issue, k in zip(c.sc.issues, combo, strict=True):
            for j, side in enumerate((a, b)):
                table = c.tables[side].get(issue.id)
                if table is not None:
                    u[j] += w[j].get(issue.id, 0.0) * table[k]
        pts.append(u)
    arr = np.array(pts)
    return arr[pareto_mask(arr[:, 0], arr[:, 1])]


def _near(points: np.ndarray, others: np.ndarray, tol: float) -> bool:
    gaps = np.abs(points[:, None, :] - others[None, :, :]).max(axis=2)
    return bool((gaps.min(axis=1) <= tol).all())


@pytest.mark.parametrize("name", ["vladivostok-fishery-1923.yaml", "tokyo-1923.yaml"])
def test_frontier_is_exact_and_its_packages_match_their_points(name: str) -> None:
    c = load(ROOT / "scenarios" / name)
    a, b = (p.id for p in c.sc.parties)
    w = (weights(None, c, a), weights(None, c, b))
    pts, picks = analysis.frontier(c, w, (a, b))
    brute = _brute_frontier(c)
    assert _near(pts, brute, 1e-12) and _near(brute, pts, TOLERANCE)
    for (x, _), row in zip(pts, picks, strict=True):
        terms = analysis._terms(c, row)
        u = sum(
            w[0].get(i, 0.0) * c.tables[a][i][c.grid[i].index(v)]
            for i, v in terms.items()
            if i in c.tables[a]
        )
        assert abs(u - x) < 1e-6


def test_a_huge_frontier_is_thinned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(analysis, "MAX_ROWS", 60)
    monkeypatch.setattr(analysis, "MAX_FRONTIER", 7)
    c = load(ROOT / "scenarios" / "vladivostok-fishery-1923.yaml")
    state = new_game(c, 1)
    a = analysis.analyse(state)
    assert 2 <= len(a.frontier) <= 7
    assert a.nash is not None and a.nash.terms is not None and set(a.nash.terms) == set(c.issues)
