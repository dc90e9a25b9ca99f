"""The rule: any file that ``validate`` accepts can be linted, played (a piped terminal
game), replayed, graphed, explored and simulated without a traceback or a hang.

Hypothesis writes scenario files near every limit of docs/limits.md (values per issue,
packages per stage, dates at both ends of the range, text lengths, numbers of stages,
events and arguments, stages where a side has no move, stages after a deal that never
end) and runs every command on each, in-process, each run under a time limit. A file
that ``validate`` refuses must be refused with located messages only.

A few examples run by default; set TREATY_TABLE_PROPERTY_EXAMPLES=200 for a long run
(random, not the fixed examples of the default run).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import math
import os
import re
import signal
import sys
from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from game.cli import main
from game.scenario import limits
from game.scenario.values import MAX_VALUES
from game.scenario.yamlsafe import FIRST_DATE, LAST_DATE, MAX_NUMBER

EXAMPLES = int(os.environ.get("TREATY_TABLE_PROPERTY_EXAMPLES", "0"))
TIME_LIMIT = 60.0  # seconds per command: generous on a loaded machine, only to catch hangs
MOVES = ("propose", "counter", "accept", "reject", "argue", "instruct", "adjourn", "break_off")
LOCATED = re.compile(r"^.+:\d+:\d+: (error|warning): .+ \[[a-z0-9-]+\]$")


class _Dumper(yaml.SafeDumper):
    """Writes a value twice rather than with an anchor (scenario files have none)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=200)


class Hang(BaseException):
    """A command ran past the time limit (BaseException: no command may swallow it)."""


@contextlib.contextmanager
def time_limit(seconds: float, what: str) -> Iterator[None]:
    def stop(signum: int, frame: Any) -> None:
        raise Hang(f"{what} ran for more than {seconds:.0f} s")

    old = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    """``treaty-table ARGV`` in-process under the time limit: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    old_stdin = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        with (
            time_limit(TIME_LIMIT, " ".join(argv)),
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
        ):
            code = main(list(argv))
    finally:
        sys.stdin = old_stdin
    text = out.getvalue() + err.getvalue()
    assert "Traceback" not in text, text[-2000:]
    return code, out.getvalue(), err.getvalue()


# ----------------------------------------------------------------- the strategies


def _text(draw: st.DrawFn, name: bool, bad: bool) -> Any:
    """A text near the length limits, in one or two languages; past them if ``bad``."""
    most = limits.MAX_NAME if name else limits.MAX_TEXT
    base = draw(
        st.sampled_from(
            [
                "Treaty",
                "Ölkə və sərhəd",
                "Договор о мире",
                "مذاکرات‌صلح",
                "👩‍⚖️ and 🇯🇵",
                "e\u0301\u0301\u0301",
                "wide ＴＲＥＡＴＹ",
            ]
        )
    )
    length = draw(st.sampled_from([1, 7, most, most + 1] if bad else [1, 7, 7, most]))
    value = (base * (length // len(base) + 1))[:length]
    if not name and draw(st.booleans()):
        value = value[: max(1, length - 2)] + "\n\t"[: min(2, length - 1)]
    if bad and draw(st.sampled_from(range(8))) == 7:
        value = draw(st.sampled_from(["x\u202ey", "\x1b[2J", "a\u200bb", "", " "]))
    if draw(st.booleans()):
        return value
    return {"en": value, "az": value[:most], "review": True}


@st.composite
def texts(draw: st.DrawFn, name: bool = False, bad: bool = False) -> Any:
    return _text(draw, name, bad)


def _date(draw: st.DrawFn, lo: dt.date, hi: dt.date) -> dt.date:
    span = (hi - lo).days
    offset = draw(st.sampled_from([0, 1, span // 2, span - 1, span]) | st.integers(0, span))
    return lo + dt.timedelta(days=max(0, min(span, offset)))


@st.composite
def issues(draw: st.DrawFn, index: int, start: dt.date, bad: bool) -> dict[str, Any]:
    iid = f"i{index}"
    kind = draw(st.sampled_from(["integer", "decimal", "options", "date"]))
    counts = [2, 3, 50, 200, MAX_VALUES - 1, MAX_VALUES]
    count = draw(st.sampled_from(counts + [MAX_VALUES + 1] if bad else counts))
    issue: dict[str, Any] = {"id": iid, "name": draw(texts(name=True, bad=bad)), "kind": kind}
    issue["category"] = draw(st.sampled_from(["principle", "economic"]))
    if kind == "options":
        count = min(count, draw(st.sampled_from([2, 3, 12, MAX_VALUES])))
        issue["options"] = [{"id": f"o{k}", "name": f"O{k}"} for k in range(count)]
        values: list[Any] = [f"o{k}" for k in range(count)]
    elif kind == "date":
        step_key, step = draw(
            st.sampled_from(
                [("step_days", 1), ("step_days", 3650), ("step_months", 1), ("step_months", 120)]
            )
        )
        days_per = step if step_key == "step_days" else 31 * step
        span = min((count - 1) * days_per, (LAST_DATE - FIRST_DATE).days)
        lo = draw(st.sampled_from([FIRST_DATE, LAST_DATE - dt.timedelta(days=span), start]))
        hi = dt.date.fromordinal(min(LAST_DATE.toordinal(), lo.toordinal() + span))
        if hi <= lo:
            lo, hi = LAST_DATE - dt.timedelta(days=days_per), LAST_DATE
        issue.update({"min": lo, "max": hi, step_key: step})
        values = [lo, hi]
    else:
        step: Any
        if kind == "integer":
            step = draw(st.sampled_from([1, 7, 10**9, 10**11]))
            lo = draw(st.sampled_from([0, -(10**15), 10**15 - step * (count - 1)]))
            lo = max(-(10**15), min(lo, 10**15 - step * (count - 1)))
        else:
            step = draw(st.sampled_from([1e-9, 0.001, 0.5, 2.5, 1e11]))
            lo = draw(st.sampled_from([0.0, -1e15, 1e15 - step * (count - 1), 12345.678]))
            lo = max(-1e15, min(lo, 1e15 - step * (count - 1)))
        hi = lo + step * (count - 1)
        issue.update({"min": lo, "max": hi, "step": step})
        if draw(st.booleans()):
            issue["unit"] = draw(st.sampled_from(["%", "years", "u" * 40] + ["u" * 41] * bad))
        values = [lo, hi]
    if draw(st.booleans()) and kind != "decimal":
        issue["history"] = values[0]
    return issue


def _points(issue: dict[str, Any], rising: bool) -> dict[Any, float]:
    a, b = (0.0, 1.0) if rising else (1.0, 0.0)
    if issue["kind"] == "options":
        n = len(issue["options"])
        return {
            o["id"]: round((k / max(1, n - 1)) if rising else 1 - k / max(1, n - 1), 3)
            for k, o in enumerate(issue["options"])
        }
    if issue["kind"] == "date":
        return {issue["min"]: a, issue["max"]: b}
    lo, hi = int(issue["min"]) - 1, int(issue["max"]) + 1
    lo, hi = max(lo, -MAX_NUMBER), min(hi, MAX_NUMBER)
    return {lo: a, hi: b}


@st.composite
def scenarios(draw: st.DrawFn) -> dict[str, Any]:
    bad = draw(st.sampled_from([False, False, False, True]))  # a file with values past the limits

    def text(name: bool = False) -> Any:
        return _text(draw, name, bad)

    start = _date(draw, FIRST_DATE, LAST_DATE)
    deadline = start + dt.timedelta(days=draw(st.sampled_from([1, 30, 400, 3650])))
    deadline = min(deadline, LAST_DATE)
    if deadline <= start:
        start = deadline - dt.timedelta(days=30)
    n_issues = draw(st.integers(1, 3))
    issue_list = [draw(issues(i, start, bad)) for i in range(n_issues)]
    ids = [i["id"] for i in issue_list]
    parties = []
    for p, pid in enumerate(("a", "b")):
        shares = [round(1 / n_issues, 2) for _ in ids]
        shares[0] = round(1 - sum(shares[1:]), 2)
        bounds: dict[str, Any] = {}
        for issue in issue_list:
            pick = draw(st.integers(0, 4))
            if issue["kind"] == "options" and pick == 1:
                bounds[issue["id"]] = {
                    "allow": [o["id"] for o in issue["options"][: draw(st.integers(0, 2))]]
                }
            elif issue["kind"] != "options" and pick == 1:
                bounds[issue["id"]] = {"min": issue["min"]} if p == 0 else {"max": issue["max"]}
            elif issue["kind"] != "options" and pick == 2 and bad:
                bounds[issue["id"]] = {"min": issue["max"], "max": issue["min"]}  # min above max
        party: dict[str, Any] = {
            "id": pid,
            "name": text(True),
            "diplomat": {"id": f"d{pid}", "name": text(True)},
            "briefing": text(),
            "preferences": {
                "weights": dict(zip(ids, shares, strict=True)),
                "values": {i["id"]: _points(i, p == 0) for i in issue_list},
                "reservation": draw(st.sampled_from([0.0, 0.2, 1.0])),
                "delay_cost": draw(st.sampled_from([0.0, 0.01, 0.5])),
            },
            "mandates": [
                {"id": "m0", "name": text(True), "bounds": bounds},
                {"id": "m1", "name": "free"},
            ],
            "mandate": "m0",
            "no_instructions_days": draw(st.sampled_from([0, 14, 365])),
            "instructions": [
                {
                    "id": "free",
                    "text": "Sign anything.",
                    "days": draw(st.sampled_from([0, 1, 365])),
                    "once": draw(st.booleans()),
                    "effects": [{"mandate": {"party": pid, "set": "m1"}}],
                }
            ],
            "persona": {
                "beta_principles": draw(st.sampled_from([0.01, 0.3, 20.0])),
                "beta_economics": draw(st.sampled_from([0.01, 1.0, 20.0])),
                "asks_instructions": draw(st.booleans()),
                "lines": {mv: text() for mv in draw(st.lists(st.sampled_from(MOVES), max_size=3))},
            },
        }
        parties.append(party)
    move_sets = st.sampled_from(
        [
            None,
            None,
            list(MOVES),
            ["accept"],
            ["propose", "accept"],
            ["argue"],
            ["instruct"],
            ["counter", "reject"],
            [],
        ]
    )
    n_subs = draw(st.sampled_from([1, 2, 3, limits.MAX_STAGES - 5]))
    subs = []
    for k in range(n_subs):
        sub: dict[str, Any] = {"id": f"s{k}", "name": f"S{k}" if k > 3 else text(True)}
        moves = draw(move_sets) if k < 4 else None
        if moves is not None:
            sub["moves"] = moves
        if draw(st.booleans()):
            sub["opens"] = draw(st.sampled_from(["a", "b"]))
        if k < n_subs - 1:
            if draw(st.booleans()):
                sub["days"] = draw(st.sampled_from([0, 1, 3650]))
            else:
                sub["until"] = _date(draw, start, deadline)
            sub["transitions"] = [{"on": "timeout", "to": f"s{k + 1}"}]
        elif moves == [] or draw(st.booleans()):
            sub["days"] = draw(st.sampled_from([1, 30]))
            sub["transitions"] = [{"on": "timeout", "to": "no_deal"}]
        subs.append(sub)
    open_ids = draw(st.lists(st.sampled_from(ids), min_size=1, unique=True))
    signed: dict[str, Any] = {
        "id": "signed",
        "name": "Signed",
        "transitions": [{"on": "timeout", "to": "ratified"}],
    }
    if draw(st.booleans()):
        signed.update({"moves": [], "days": draw(st.sampled_from([1, 3650]))})
    stages = [
        {
            "id": "talks",
            "name": text(True),
            "text": text(),
            "open": open_ids,
            "initial": "s0",
            "stages": subs,
            "transitions": [{"on": "agree", "to": "signed"}, {"on": "break_off", "to": "broken"}],
        },
        signed,
        {"id": "ratified", "name": "Ratified", "end": "signed"},
        {"id": "broken", "name": "Broken off", "end": "broken_off"},
        {"id": "no_deal", "name": "No deal", "end": "deadline"},
    ]
    n_events = draw(st.sampled_from([0, 2, limits.MAX_EVENTS]))
    events = []
    for k in range(n_events):
        event: dict[str, Any] = {
            "id": f"e{k}",
            "headline": text(True) if k < 3 else f"E{k}",
        }
        if k % 3 == 2:
            event["when"] = {"agreed": ids[0]}
        else:
            event["date"] = _date(
                draw, start - dt.timedelta(days=min(30, (start - FIRST_DATE).days)), deadline
            )
        event["effects"] = [
            draw(
                st.sampled_from(
                    [
                        {"flag": f"f{k}"},
                        {"reservation": {"party": "a", "by": 0.5}},
                        {"delay_cost": {"party": "b", "by": -0.5}},
                        {"concession": {"party": "a", "by": 0.5}},
                        {"weight": {"party": "b", "issue": ids[0], "by": -0.5}},
                        {"mandate": {"party": "b", "set": "m1"}},
                    ]
                )
            )
        ]
        events.append(event)
    n_args = draw(st.sampled_from([0, 1, limits.MAX_ARGUMENTS]))
    arguments = [
        {
            "id": f"g{k}",
            "by": "a" if k % 2 else "b",
            "name": f"G{k}",
            "text": "Hear us.",
            "uses": draw(st.sampled_from([1, 10])) if k < 2 else 1,
            "chance": 0.5,
            "effects": [{"reservation": {"party": "b" if k % 2 else "a", "by": -0.1}}],
        }
        for k in range(n_args)
    ]
    data: dict[str, Any] = {
        "format": 1,
        "id": "prop",
        "meta": {
            "title": text(True),
            "summary": text(),
            "languages": ["en", "az"],
        },
        "sources": [{"id": "s", "title": "Notes"}],
        "calendar": {
            "start": start,
            "deadline": deadline,
            "session_days": draw(st.sampled_from([1, 7, 365])),
            "moves_per_session": draw(st.sampled_from([2, 6, 100])),
        },
        "parties": parties,
        "issues": issue_list,
        "stages": stages,
        "initial": "talks",
        "events": events,
        "arguments": arguments,
    }
    if draw(st.booleans()):
        first = {
            i["id"]: i["options"][0]["id"] if i["kind"] == "options" else i["min"]
            for i in issue_list
        }
        package = {iid: first[iid] for iid in open_ids}
        data["history"] = [
            {
                "date": start,
                "by": "a",
                "move": "propose",
                "package": package,
                "text": "A proposes.",
            },
            {"date": start, "by": "b", "move": "accept", "text": "B accepts."},
        ]
    return data


def typed_moves(data: dict[str, Any], seed: int) -> str:
    """Lines a player might type: moves with values at the issues' ends, and some junk."""
    lines = []
    for issue in data["issues"]:
        if issue["kind"] == "options":
            ends = [issue["options"][0]["id"], issue["options"][-1]["id"]]
        else:
            ends = [issue["min"], issue["max"]]
        lines += [
            f"propose {issue['id']}={ends[seed % 2]}",
            f"counter {issue['id']}={ends[1 - seed % 2]}",
        ]
    lines += ["accept", "reject", "argue g0", "instruct", "status", "adjourn", "issues", "log"]
    lines += ["adjourn 9999-12-31", "undo", "propose", "x" * 500, "accept", "adjourn", "break_off"]
    return "\n".join(lines[seed % 3 :] * 3) + "\n"


# ----------------------------------------------------------------- fixed examples at the limits


def _at_limits() -> dict[str, Any]:
    """5,000 values by 200: a stage of exactly 1,000,000 packages, dates at the range's end."""
    data = {
        "format": 1,
        "id": "prop",
        "meta": {"title": "T" * limits.MAX_NAME},
        "sources": [],
        "calendar": {"start": dt.date(8999, 1, 1), "deadline": LAST_DATE, "session_days": 7},
        "parties": [
            {
                "id": pid,
                "name": pid.upper(),
                "diplomat": {"id": f"d{pid}", "name": "D"},
                "briefing": "w" * limits.MAX_TEXT,
                "preferences": {
                    "weights": {"x": 0.5, "y": 0.5},
                    "values": {"x": {0: 1.0 - r, 4999: r}, "y": {0: r, 199: 1.0 - r}},
                    "reservation": 0.1,
                },
                "mandates": [{"id": "m", "name": "M"}],
                "mandate": "m",
            }
            for pid, r in (("a", 0.0), ("b", 1.0))
        ],
        "issues": [
            {"id": "x", "name": "X", "kind": "integer", "min": 0, "max": MAX_VALUES - 1},
            {"id": "y", "name": "Y", "kind": "integer", "min": 0, "max": 199},
        ],
        "stages": [
            {
                "id": "talks",
                "name": "Talks",
                "open": ["x", "y"],
                "transitions": [{"on": "agree", "to": "after"}],
            },
            {
                "id": "after",
                "name": "After the deal",
                "transitions": [{"on": "timeout", "to": "done"}],
            },
            {"id": "done", "name": "Done", "end": "signed"},
        ],
        "initial": "talks",
        "map": map_at_limits(),
    }
    assert MAX_VALUES * 200 == limits.MAX_STAGE_PACKAGES
    return data


def map_at_limits() -> dict[str, Any]:
    """The whole world, as many places as allowed (some outside the region's edges are
    not possible: the region is the world), as many areas of as many points."""
    n = limits.MAX_AREA_POINTS
    return {
        "region": {"west": -180.0, "south": -90.0, "east": 180.0, "north": 90.0},
        "places": [
            {
                "id": f"p{i}",
                "name": "N" * limits.MAX_NAME,
                "lon": -180.0 + 6 * i,
                "lat": -90.0 + 3 * i,
                "role": ("city", "talks", "site")[i % 3],
            }
            for i in range(limits.MAX_PLACES)
        ],
        "areas": [
            {
                "id": f"a{j}",
                "name": f"Area {j}",
                "points": [
                    [
                        round(-170.0 + 17 * j + 8 * math.cos(2 * math.pi * k / n), 4),
                        round(8 * math.sin(2 * math.pi * k / n), 4),
                    ]
                    for k in range(n)
                ],
            }
            for j in range(limits.MAX_AREAS)
        ],
    }


def _no_move() -> dict[str, Any]:
    data = _at_limits()
    data["issues"][0]["max"] = 9
    for party in data["parties"]:
        party["preferences"]["values"]["x"] = {0: 0.0, 9: 1.0}
    data["stages"][0]["moves"] = ["accept"]
    data["stages"][0]["opens"] = "b"
    return data


# ----------------------------------------------------------------- the rule


@settings(
    max_examples=EXAMPLES or 10,
    derandomize=not EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)
@given(data=scenarios())
@example(data=_at_limits())
@example(data=_no_move())
def test_any_valid_file_runs_through_every_command(
    data: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> None:
    tmp_path = tmp_path_factory.mktemp("prop")
    path = tmp_path / "prop.yaml"
    path.write_text(dump(data), encoding="utf-8")
    code, out, err = run("validate", str(path))
    if code != 0:
        assert code == 1
        assert out.strip() and all(LOCATED.match(line) for line in out.splitlines()), out
        return
    code, out, _ = run("lint", str(path), "--json")
    assert code in (0, 1)
    assert all(f["code"] != "internal-error" for f in json.loads(out)), out
    for fmt in ("mermaid", "dot"):
        assert run("graph", str(path), "--format", fmt)[0] == 0
    assert run("replay", str(path), "--historical", "--json")[0] in (0, 1)
    assert run("replay", str(path), "--historical")[0] in (0, 1)
    for seed, role in enumerate(("da", "db")):
        code, out, _ = run(
            "play",
            str(path),
            "--text",
            "--role",
            role,
            "--seed",
            str(seed),
            stdin=typed_moves(data, seed),
        )
        assert code == 0, out[-2000:]
    code, out, _ = run(
        "explore",
        str(path),
        "--games",
        "3",
        "--time-limit",
        "5",
        "--crash-dir",
        str(tmp_path / "crashes"),
        "--json",
    )
    assert code == 0, out[-3000:]
    code, out, _ = run("simulate", str(path), "--games", "2", "--json")
    assert code == 0
    assert json.loads(out)["summary"]["games"] == 2


def test_the_strategy_writes_files_that_validate() -> None:
    """Enough generated files validate for the rule to be tested, not only refusals; the
    fixed examples at the limits validate."""
    valid: list[bool] = []

    @settings(max_examples=20, derandomize=True, database=None, deadline=None)
    @given(data=scenarios())
    def draw(data: dict[str, Any]) -> None:
        valid.append(_validates(data))

    draw()
    assert sum(valid) >= 4, valid
    assert _validates(_at_limits()) and _validates(_no_move())


def _validates(data: dict[str, Any]) -> bool:
    from game.scenario.loader import validate_located
    from game.scenario.yamlsafe import ScenarioFileError, load_yaml_text

    text = dump(data)
    try:
        validate_located(load_yaml_text(text, "p.yaml"), "p.yaml")
    except ScenarioFileError:
        return False
    return True


pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
