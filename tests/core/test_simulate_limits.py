"""``simulate`` with hostile arguments: bounded memory whatever --games is, --jobs capped,
the output path checked before any game, progress in a pipe; and the summary counted
as the games come is the summary of the whole list."""

from __future__ import annotations

import datetime as dt
import json
import statistics
from collections import Counter
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import game.commands.simulate as sim
from game.cli import main
from game.engine.debrief import history_terms
from game.engine.simulate import GameResult, summarise
from game.scenario.kinds import DATE, DECIMAL, INTEGER, OPTIONS, kind_of
from tests.conftest import FIXTURES

MINI = str(FIXTURES / "scenarios" / "mini.yaml")


class FakePool:
    """A process pool that runs each task at once in this process and counts the
    tasks under way (submitted, not yet taken); it stops the run after ``stop``."""

    made: list[FakePool] = []

    def __init__(self, max_workers: int, stop: int = 50) -> None:
        self.max_workers = max_workers
        self.submitted = 0
        self.under_way = 0
        self.most = 0
        self.stop = stop
        FakePool.made.append(self)

    def submit(self, fn: Any, *args: Any) -> Future[Any]:
        if self.submitted >= self.stop:
            raise KeyboardInterrupt
        self.submitted += 1
        self.under_way += 1
        self.most = max(self.most, self.under_way)
        future: Future[Any] = Future()
        future.set_result(fn(*args))
        pool = self

        class Taken(Future):  # type: ignore[type-arg]
            def result(self, timeout: float | None = None) -> Any:
                pool.under_way -= 1
                return future.result()

        taken: Future[Any] = Taken()
        return taken

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        pass


@pytest.fixture
def fake_pool(monkeypatch: pytest.MonkeyPatch) -> type[FakePool]:
    FakePool.made = []
    monkeypatch.setattr(sim, "ProcessPoolExecutor", FakePool)
    monkeypatch.setattr(sim, "cpu_count", lambda: 2)
    return FakePool


def test_a_billion_games_keep_only_a_few_chunks_under_way(
    fake_pool: Any, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sim, "CHUNK", 1)  # a game per task: 50 games, not 800, before the stop
    code = main(["simulate", MINI, "--games", "1000000000", "--jobs", "2", "--json"])
    assert code == 130  # stopped by the fake pool after 50 tasks, as by Ctrl-C
    [pool] = fake_pool.made
    assert pool.most <= 2 * sim.AHEAD  # never the whole batch at once
    out = capsys.readouterr().out
    assert out.startswith('{"games": [{"date": ')  # rows streamed as they come
    assert out.count('"game": ') >= 40


def test_jobs_are_capped_at_the_processors(fake_pool: Any, capsys: Any) -> None:
    assert main(["simulate", MINI, "--games", "6", "--jobs", "100", "--json"]) == 0
    [pool] = fake_pool.made
    assert pool.max_workers == 2
    captured = capsys.readouterr()
    assert "--jobs 100: this machine has 2 processor(s) for it; using 2" in captured.err
    assert len(json.loads(captured.out)["games"]) == 6


def test_a_csv_into_a_missing_folder_is_named_before_any_game(
    tmp_path: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    played: list[int] = []
    real = sim.play_one
    monkeypatch.setattr(sim, "play_one", lambda *a: played.append(1) or real(*a))
    missing = tmp_path / "missing" / "rows.csv"
    assert main(["simulate", MINI, "--games", "5", "--csv", str(missing)]) == 2
    err = capsys.readouterr().err
    assert (
        f"Cannot write {missing}: there is no folder {missing.parent}. No game was played." in err
    )
    assert played == []
    assert main(["simulate", MINI, "--games", "5", "--csv", str(tmp_path)]) == 2
    assert "it is a folder" in capsys.readouterr().err and played == []


def test_progress_goes_to_stderr_in_a_pipe_and_stdout_stays_clean(
    capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sim, "PIPE_EVERY", 0.0)
    assert main(["simulate", MINI, "--games", "5", "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["summary"]["games"] == 5
    lines = captured.err.splitlines()
    assert lines[0] == "simulate: 1 of 5 games played (20.0%)"
    assert len(lines) == 4  # none for the last: the results follow at once


def test_streamed_csv_and_json_are_those_of_the_whole_list(tmp_path: Path, capsys: Any) -> None:
    rows = tmp_path / "rows.csv"
    assert main(["simulate", MINI, "--games", "9", "--seed", "4", "--csv", str(rows)]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert main(["simulate", MINI, "--games", "9", "--seed", "4", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["summary"] == summary
    lines = rows.read_text(encoding="utf-8").splitlines()
    assert [int(line.split(",")[0]) for line in lines[1:]] == list(range(9))
    assert [g["game"] for g in data["games"]] == list(range(9))


# ---------------------------------------------------------------- the summary from counts
def reference_summary(c: Any, results: list[GameResult]) -> dict[str, Any]:
    """The summary as it was computed from the list of every game."""
    n = len(results)
    signed = [r for r in results if r.termination == "signed"]
    out: dict[str, Any] = {
        "scenario": c.id,
        "games": n,
        "terminations": dict(sorted(Counter(r.termination for r in results).items())),
        "share_signed": round(len(signed) / n, 4) if n else 0.0,
        "mean_moves": round(statistics.fmean(r.moves for r in results), 2) if n else 0.0,
    }
    if signed:
        days = sorted(dt.date.fromisoformat(r.date) for r in signed)
        out["signing_date"] = {
            "median": days[len(days) // 2].isoformat(),
            "earliest": days[0].isoformat(),
            "latest": days[-1].isoformat(),
        }
        terms: dict[str, Any] = {}
        for issue in c.sc.issues:
            values = [r.terms[issue.id] for r in signed if issue.id in r.terms]
            if values:
                terms[issue.id] = _old_summary(kind_of(issue).name, values)
        out["terms"] = terms
        dists = [r.history_distance for r in signed if r.history_distance is not None]
        if dists:
            out["mean_distance_from_history"] = round(statistics.fmean(dists), 4)
        hist = history_terms(c)
        out["same_as_history"] = {
            k: round(
                sum(
                    1
                    for r in signed
                    if r.terms.get(k) == (v.isoformat() if isinstance(v, dt.date) else v)
                )
                / len(signed),
                4,
            )
            for k, v in hist.items()
        }
    sides = [p.id for p in c.sc.parties]
    out["mean_utility"] = {
        s: round(statistics.fmean(r.utilities[s] for r in results), 4) for s in sides
    }
    return out


def _old_summary(kind: str, values: list[Any]) -> Any:
    if kind == "options":
        return dict(sorted(Counter(values).items()))
    if kind == "date":
        ordered = sorted(values)
        return {"median": ordered[len(ordered) // 2], "min": ordered[0], "max": ordered[-1]}
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


utilities = st.floats(0, 1).map(lambda x: round(x, 4))


@st.composite
def results(draw: Any) -> list[GameResult]:
    out = []
    for i in range(draw(st.integers(1, 30))):
        signed = draw(st.booleans())
        out.append(
            GameResult(
                index=i,
                seed=i,
                termination="signed"
                if signed
                else draw(st.sampled_from(["deadline", "broken_off"])),
                date=dt.date(1924, 1, 1 + draw(st.integers(0, 20))).isoformat(),
                moves=draw(st.integers(1, 400)),
                terms={
                    "rent": draw(st.integers(10, 30)),
                    "term": draw(st.sampled_from(["short", "medium", "long"])),
                }
                if signed
                else {},
                utilities={"north": draw(utilities), "south": draw(utilities)},
                history_distance=draw(st.none() | utilities) if signed else None,
            )
        )
    return out


@settings(max_examples=150, deadline=None)
@given(results())
def test_the_summary_counted_as_games_come_is_the_summary_of_the_list(
    mini: Any, games: list[GameResult]
) -> None:
    assert json.dumps(summarise(mini, iter(games)), sort_keys=True) == json.dumps(
        reference_summary(mini, games), sort_keys=True
    )


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(-(10**6), 10**6), min_size=1)
    | st.lists(st.floats(-1e6, 1e6).map(lambda x: round(x, 2)), min_size=1)
)
def test_numbers_are_summed_up_from_counts_as_from_the_list(values: list[Any]) -> None:
    for kind in (INTEGER, DECIMAL):
        got = kind.summary_of(Counter(values))
        assert got == _old_summary("integer", values)
        assert type(got["median"]) is type(_old_summary("integer", values)["median"])


@settings(max_examples=100, deadline=None)
@given(st.lists(st.dates(), min_size=1), st.lists(st.sampled_from("abcde"), min_size=1))
def test_dates_and_options_are_summed_up_from_counts(days: list[dt.date], opts: list[str]) -> None:
    assert DATE.summary(days) == _old_summary("date", days)
    assert OPTIONS.summary(opts) == _old_summary("options", opts)
