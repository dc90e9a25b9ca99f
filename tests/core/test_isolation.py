"""The rules and the content model never need pygame; the engine's only chance is the game's
seeded draws and its only time the scenario calendar; tests do not lean on the benchmarks."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_engine_imports_with_pygame_blocked() -> None:
    code = "import sys; sys.modules['pygame'] = None; import game.engine, game.scenario.loader; print('ok')"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


BANNED_MODULES = {"random", "time", "secrets", "uuid"}
"""Chance that is not the game's, and the wall clock."""
CLOCK_CALLS = {"now", "today", "utcnow", "fromtimestamp", "utcfromtimestamp"}
"""``datetime.now()``, ``date.today()``...: the engine's time is the scenario calendar."""
OS_CHANCE = {"urandom", "getrandom"}
NUMPY_TYPES = {"Generator", "BitGenerator"}
"""``np.random`` names the engine may mention (in annotations and ``isinstance``)."""
NUMPY_SEEDED = {"default_rng", "Generator", "PCG64", "PCG64DXSM", "Philox", "SFC64", "SeedSequence"}
"""``np.random`` calls the engine may make, given a seed (an argument that is not None)."""


def _numpy_random(node: ast.expr, numpy_names: set[str]) -> str | None:
    """``Y`` when ``node`` is ``np.random.Y`` (``np`` any name numpy is imported as)."""
    if (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Attribute)
        and node.value.attr == "random"
        and isinstance(node.value.value, ast.Name)
        and node.value.value.id in numpy_names
    ):
        return node.attr
    return None


def _seeded(call: ast.Call) -> bool:
    args = [*call.args, *(k.value for k in call.keywords)]
    return bool(args) and not any(isinstance(a, ast.Constant) and a.value is None for a in args)


def chance_and_clock(source: str) -> list[str]:
    """Where ``source`` reaches for chance or time other than the game's, by line."""
    tree = ast.parse(source)
    numpy_names = {"numpy"}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            numpy_names |= {a.asname or a.name for a in node.names if a.name == "numpy"}
    found = []
    calls = {id(n.func): n for n in ast.walk(tree) if isinstance(n, ast.Call)}
    for node in ast.walk(tree):
        where = f"{getattr(node, 'lineno', 0)}: "
        if isinstance(node, ast.Import):
            for a in node.names:
                root = a.name.split(".")[0]
                if root in BANNED_MODULES or a.name.startswith("numpy.random"):
                    found.append(where + f"import {a.name}")
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            names = {a.name for a in node.names}
            if (
                module.split(".")[0] in BANNED_MODULES
                or (module == "numpy" and "random" in names)
                or (module.startswith("numpy.random") and not names <= NUMPY_TYPES)
                or (module == "os" and names & OS_CHANCE)
            ):
                found.append(where + f"from {module} import {', '.join(sorted(names))}")
        elif isinstance(node, ast.Attribute):
            call = calls.get(id(node))
            name = _numpy_random(node, numpy_names)
            if name is not None:
                allowed = (
                    name in NUMPY_SEEDED and _seeded(call)
                    if call is not None
                    else name in NUMPY_TYPES
                )
                if not allowed:
                    found.append(where + f"np.random.{name}" + ("(" if call else ""))
            elif call is not None and node.attr in CLOCK_CALLS:
                found.append(where + f".{node.attr}(")
            elif (
                node.attr in OS_CHANCE
                and isinstance(node.value, ast.Name)
                and node.value.id == "os"
            ):
                found.append(where + f"os.{node.attr}")
    return sorted(found, key=lambda hit: int(hit.split(":")[0]))


def test_the_chance_and_clock_check_finds_them() -> None:
    bad = {
        "import random": "import random",
        "from random import choice": "from random",
        "import time\nt = time.monotonic()": "import time",
        "from time import perf_counter": "from time",
        "import secrets": "import secrets",
        "import uuid": "import uuid",
        "import os\nb = os.urandom(4)": "os.urandom",
        "from os import urandom": "from os",
        "import datetime as dt\nd = dt.date.today()": ".today(",
        "import datetime as dt\nd = dt.datetime.now()": ".now(",
        "from datetime import datetime\nd = datetime.utcnow()": ".utcnow(",
        "import numpy as np\nx = np.random.rand(3)": "np.random.rand(",
        "import numpy as np\nnp.random.shuffle(a)": "np.random.shuffle(",
        "import numpy as np\ng = np.random.default_rng()": "np.random.default_rng(",
        "import numpy as np\ng = np.random.default_rng(None)": "np.random.default_rng(",
        "import numpy\nx = numpy.random.random()": "np.random.random(",
        "import numpy.random": "import numpy.random",
        "from numpy import random": "from numpy",
        "from numpy.random import default_rng": "from numpy.random",
    }
    for code, what in bad.items():
        hits = chance_and_clock(code)
        assert any(what in hit for hit in hits), (code, hits)
    fine = [
        "import datetime as dt\nd = dt.date(1924, 5, 31) + dt.timedelta(days=3)",
        "import numpy as np\ndef f(g: np.random.Generator) -> None: ...",
        "import numpy as np\nok = isinstance(rng, np.random.Generator)",
        "import numpy as np\ng = np.random.default_rng(state.seed)",
        "import numpy as np\ng = np.random.Generator(np.random.PCG64(seed))",
        "from game.engine.rng import draw",
        "import zlib\nh = zlib.crc32(b'x')",
    ]
    for code in fine:
        assert chance_and_clock(code) == [], code


def test_engine_has_no_global_random_or_clock() -> None:
    """The engine's chance is the game's seeded draws, its time the scenario calendar."""
    found = {
        str(path.relative_to(ROOT)): hits
        for path in sorted((ROOT / "game" / "engine").rglob("*.py"))
        if (hits := chance_and_clock(path.read_text(encoding="utf-8")))
    }
    assert not found, found


def test_tests_do_not_import_the_benchmarks() -> None:
    """Benchmarks print figures and may change freely: no test depends on them."""
    found = []
    for path in sorted((ROOT / "tests").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            if any(n.split(".")[0] == "benchmarks" for n in names):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []


def test_play_command_lists_the_engines_difficulties() -> None:
    from game.commands.play import DIFFICULTIES as listed
    from game.engine.policy import DIFFICULTIES

    assert listed == DIFFICULTIES


def test_play_starts_without_importing_the_engine() -> None:
    code = (
        "import sys, game.cli; p = game.cli.build_parser('play'); "
        "print('game.engine' in sys.modules, 'numpy' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert out.stdout.split() == ["False", "False"]
