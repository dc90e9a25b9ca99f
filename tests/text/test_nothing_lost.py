"""Nothing is lost in the terminal: however a game stops, it is saved, the player is told
where, and the command printed to go on works."""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SCENARIOS

PEKING = SCENARIOS / "peking-1925.yaml"
pytestmark = pytest.mark.skipif(not PEKING.exists(), reason="the main scenario is not there")


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "TREATY_TABLE_SAVES": str(tmp_path / "saves"),
        "TREATY_TABLE_CONFIG": str(tmp_path / "config"),
    }


def _go_on(output: str, tmp_path: Path, lines: str = "status\n") -> str:
    """Run the command the game printed to go on; its output."""
    command = output.split("Continue with: ")[1].splitlines()[0]
    argv = shlex.split(command)
    assert "--role" in argv and "--load" in argv
    if argv[:3] != [sys.executable, "-m", "game"]:
        argv = [sys.executable, "-m", "game", *argv[argv.index("play") :]]
    proc = subprocess.run(
        argv,
        input=lines,
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        cwd=tmp_path,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.mark.parametrize("role", ["yoshizawa", "karakhan"])
def test_an_empty_input_saves_and_the_printed_command_goes_on(tmp_path: Path, role: str) -> None:
    """``printf '' | treaty-table play peking-1925 --text --role R`` once printed a command
    without --role, which failed."""
    proc = subprocess.run(
        [sys.executable, "-m", "game", "play", "peking-1925", "--text", "--role", role],
        input="",
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        cwd=tmp_path,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "The input ended before the talks did. The game is saved to" in proc.stdout
    again = _go_on(proc.stdout, tmp_path)
    assert "Loaded " in again and "--- " in again
    assert "Traceback" not in again


def test_the_command_keeps_the_language_and_the_difficulty(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "game", "play", "peking-1925", "--text", "--role", "karakhan"]
        + ["--lang", "az", "--difficulty", "hard", "--no-tutorial"],
        input="adjourn\n",
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        cwd=tmp_path,
        timeout=120,
    )
    assert "Davam etmək üçün: " in proc.stdout
    command = proc.stdout.split("Davam etmək üçün: ")[1].splitlines()[0]
    for part in ("--lang az", "--difficulty hard", "--role karakhan", "peking-1925"):
        assert part in command
    again = _go_on(proc.stdout.replace("Davam etmək üçün: ", "Continue with: "), tmp_path)
    assert "Yükləndi" in again


def test_quit_saves_and_says_how_to_go_on(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "game", "play", "peking-1925", "--text", "--role", "yoshizawa"],
        input="adjourn\nquit\nstatus\n",
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        cwd=tmp_path,
        timeout=120,
    )
    assert proc.returncode == 0
    assert "Goodbye." in proc.stdout and "> status" not in proc.stdout
    assert "Loaded " in _go_on(proc.stdout, tmp_path)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize(
    ("how", "code", "said"),
    [("SIGTERM", 143, "SIGTERM"), ("SIGHUP", 129, "SIGHUP"), ("SIGINT", 130, "Ctrl-C")],
)
def test_a_signal_saves_the_game_first(tmp_path: Path, how: str, code: int, said: str) -> None:
    """Ctrl-C, SIGTERM (a shutdown) and SIGHUP (a closed terminal) while the game waits for
    a line: the game is saved atomically and the command to go on is printed."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "game", "play", "peking-1925", "--text", "--role", "yoshizawa"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(tmp_path),
        cwd=ROOT,
    )
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write("adjourn\n")
    proc.stdin.flush()
    seen = ""
    while "> adjourn" not in seen:  # the move was read; the game waits for the next line
        line = proc.stdout.readline()
        assert line, "the game ended early"
        seen += line
    while "Moves now" not in seen:
        seen += proc.stdout.readline()
    proc.send_signal(getattr(signal, how))
    out, err = proc.communicate(timeout=60)
    out = seen + out
    assert proc.returncode == code, err
    assert f"Interrupted ({said}). The game is saved to" in out
    saved = Path(out.split("The game is saved to ")[1].splitlines()[0])
    assert saved.is_file() and not list(saved.parent.glob(".tmp-*"))
    again = _go_on(out, tmp_path)
    assert "Loaded " in again and "moves, now" in again and "Traceback" not in err
