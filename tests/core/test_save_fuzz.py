"""Fuzzing saves: a real save, mutated (values of any JSON type put anywhere, keys
dropped, moves shuffled, the text cut or spliced), goes through load_record, replay and
the terminal's --load. Only clean messages may come out (RecordError, a non-zero
exit), never a traceback; a hang becomes a failure after a generous alarm."""

from __future__ import annotations

import io
import json
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.cli import main
from game.engine import Move
from game.persistence.records import RecordError, load_record
from game.persistence.scenarios import load
from game.session import GameSession
from game.text.play import run_text_game
from tests.conftest import FIXTURES

MINI = FIXTURES / "scenarios" / "mini.yaml"
HANG = 30  # seconds after which an example counts as hanging (never reached: about 0.1 s each)


def base_save() -> dict[str, Any]:
    c = load(MINI)
    s = GameSession.new(c, str(MINI), {"north"}, seed=5)
    for mv in [
        Move("propose", "north", {"rent": 24, "term": "short"}),
        Move("counter", "south", {"rent": 16, "term": "long"}),
        Move("instruct", "north"),
        Move("adjourn", "north"),
    ]:
        if s.play(mv) is not None:
            break
    return s.record().to_json()


BASE = base_save()

TEXTS = st.sampled_from(
    [
        "",
        "north",
        "south",
        "propose",
        "adjourn",
        "1924-02-30",
        "1924-03-01",
        "19240301",
        "../../../etc/passwd",
        "mini",
        "0" * 64,
        "\x00",
        "\x1b[2J",
        "\u202e",
        "\ud800",
        "x" * 300,
        "NaN",
    ]
) | st.text(max_size=20)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.sampled_from([10**30, -1, 0, 1, 2, 2**64])
    | st.floats(allow_nan=False, allow_infinity=False)
    | TEXTS
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXTS, inner, max_size=4),
    max_leaves=12,
)


def paths(data: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(data, dict):
        for k, v in data.items():
            yield from paths(v, (*prefix, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from paths(v, (*prefix, i))


ALL_PATHS = list(paths(BASE))[1:]


def put(data: Any, path: tuple[Any, ...], value: Any, drop: bool) -> Any:
    data = json.loads(json.dumps(data))
    target = data
    for key in path[:-1]:
        target = target[key]
    if drop:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


@st.composite
def mutated(draw: Any) -> str:
    data: Any = BASE
    for _ in range(draw(st.integers(1, 3))):
        live = list(paths(data))[1:]
        path = draw(st.sampled_from(live or ALL_PATHS))
        try:
            data = put(data, path, draw(VALUES), draw(st.booleans()) and len(path) > 0)
        except (KeyError, IndexError, TypeError):
            continue
    if draw(st.booleans()) and isinstance(data, dict) and isinstance(data.get("moves"), list):
        data["moves"] = draw(st.permutations(data["moves"]))
    text = json.dumps(data, ensure_ascii=draw(st.booleans()))
    cut = draw(st.sampled_from(["none", "none", "truncate", "splice"]))
    if cut == "truncate":
        text = text[: draw(st.integers(0, len(text)))]
    elif cut == "splice":
        at = draw(st.integers(0, len(text)))
        text = (
            text[:at]
            + draw(st.sampled_from(['"', "[", "{", "]", ",", "1e999", "\\u0000", "NaN", "-"]))
            + text[at:]
        )
    return text


@contextmanager
def alarm(seconds: int) -> Iterator[None]:
    def hung(signum: int, frame: object) -> None:
        raise TimeoutError(f"no answer within {seconds} s")

    old = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=mutated())
def test_a_mutated_save_gets_a_clean_answer(
    text: str, tmp_path: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "fuzzed.json"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    with alarm(HANG):
        try:
            record = load_record(path)
        except RecordError as exc:
            assert str(path) in str(exc)
            record = None
        monkeypatch.setattr(sys, "stdin", io.StringIO("status\nquit\n"))
        for args in (["--scenario", str(MINI)], ["--scenario", str(MINI), "--allow-changed"]):
            code = main(["replay", str(path), "--json", *args])
            assert code in (0, 1)
        out = io.StringIO()
        code = run_text_game(
            load(MINI), "nadia", 1, iter(["status\n", "quit\n"]), out, load=str(path)
        )
        assert code in (0, 2)
        if record is None:
            assert code == 2  # a save that cannot be read is never played (nor saved over)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err + out.getvalue()
