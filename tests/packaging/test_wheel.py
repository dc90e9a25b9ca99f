"""The game installed the way applications are: its wheel carries the data it reads.

A wheel built from the source distribution (what ``pip install .`` and
``pipx install`` do) must hold the scenarios, assets, source texts and docs
inside the package, where :func:`game.resources.data_dir` finds them.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from game.resources import FOLDERS, PACKAGED, data_dir

ROOT = Path(__file__).resolve().parents[2]
PROJECT = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "game", "bridges", *FOLDERS)


def _build(where: Path, hook: str, out: Path) -> str:
    """Run one PEP 517 hook of setuptools in ``where``; the file it wrote."""
    code = f"import sys\nfrom setuptools import build_meta as b\nprint(b.{hook}(sys.argv[1]))\n"
    proc = subprocess.run(
        [sys.executable, "-c", code, str(out)],
        cwd=where,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """An sdist built from a copy of the project, and a wheel built from that sdist."""
    tmp = tmp_path_factory.mktemp("build")
    src = tmp / "src"
    src.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build", "dist")
    for name in PROJECT:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=ignore)
        else:
            shutil.copy2(path, src / name)
    dist = tmp / "dist"
    dist.mkdir()
    sdist = dist / _build(src, "build_sdist", dist)
    with tarfile.open(sdist) as tar:
        tar.extractall(tmp / "unpacked", filter="data")
    unpacked = next((tmp / "unpacked").iterdir())
    wheel = dist / _build(unpacked, "build_wheel", dist)
    return sdist, wheel


def test_the_build_step_copies_the_folders_the_game_reads() -> None:
    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    folders = next(
        ast.literal_eval(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "FOLDERS" for t in node.targets)
    )
    assert tuple(folders) == FOLDERS


def test_in_a_checkout_the_data_is_read_where_it_is() -> None:
    for name in FOLDERS:
        assert data_dir(name) == ROOT / name


def test_the_sdist_carries_the_data_folders(built: tuple[Path, Path]) -> None:
    sdist, _ = built
    with tarfile.open(sdist) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    for wanted in (
        "setup.py",
        "scenarios/peking-1925.yaml",
        "assets/i18n/az.json",
        "seeds/000_ba5af978f3a47a41.txt",
        "docs/schema.json",
    ):
        assert wanted in names


def test_the_wheel_carries_every_data_file(built: tuple[Path, Path]) -> None:
    _, wheel = built
    with zipfile.ZipFile(wheel) as whl:
        names = set(whl.namelist())
    for name in FOLDERS:
        for path in (ROOT / name).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                rel = path.relative_to(ROOT).as_posix()
                assert f"game/{PACKAGED}/{rel}" in names, rel
    assert "game/resources.py" in names and "game/authoring/template.yaml" in names


def test_an_unpacked_wheel_reads_its_own_data(built: tuple[Path, Path], tmp_path: Path) -> None:
    """The wheel's package, imported from elsewhere, finds its data inside itself and
    replays history to the 1925 terms."""
    _, wheel = built
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as whl:
        whl.extractall(site)
    code = (
        "import json, game, game.resources as r\n"
        "from game.persistence.scenarios import load, resolve\n"
        "from game.engine.record import replay_history\n"
        "from game.engine.debrief import history_terms\n"
        "from game.wording.catalogue import Translator\n"
        "dirs = {n: str(r.data_dir(n)) for n in r.FOLDERS}\n"
        "c = load(resolve('peking-1925'))\n"
        "end = replay_history(c)[-1].after.outcome\n"
        "print(json.dumps({'file': game.__file__, 'dirs': dirs, 'date': end.date.isoformat(),"
        " 'same': dict(end.terms) == history_terms(c), 'quit': Translator('az')('menu.quit')}))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(site)
    proc = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["file"].startswith(str(site))
    for d in out["dirs"].values():
        assert d.startswith(str(site / "game" / PACKAGED))
    assert out["date"] == "1925-01-20" and out["same"]
    assert out["quit"] == "Çıxış"
