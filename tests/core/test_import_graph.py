"""The import graph of ``game/``: no cycle, layers import only the layers above them,
no scene module imports another, and the two front ends never import each other.

Every import statement counts: those inside functions and ``TYPE_CHECKING``
blocks too (read from the source with :mod:`ast`, nothing is imported).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GAME = ROOT / "game"

LAYERS: dict[str, tuple[str, int]] = {
    "game.resources": ("resources", 0),
    "game.scenario": ("scenario", 1),
    "game.engine": ("engine", 2),
    "game.persistence": ("persistence", 3),
    "game.authoring": ("authoring", 3),
    "game.genius": ("genius", 3),
    "game.session": ("session", 4),
    "game.wording": ("wording", 4),
    "game.ui": ("ui", 5),
    "game.text": ("text", 5),
    "game.commands": ("command line", 6),
    "game.cli": ("command line", 6),
    "game.__main__": ("command line", 6),
}
"""Each module's part and layer (HOUSE.md, docs/architecture.md): a module imports
only modules of its own part or of a lower layer."""

BESIDE = {("authoring", "persistence")}
"""Parts that may import another part of their own layer: the authoring tools read
scenario files as persistence finds them."""

FRONT_ENDS = ("game.ui", "game.text")
SCENES = "game.ui.scenes"


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    line: int

    def where(self) -> str:
        path = module_path(self.source).relative_to(ROOT)
        return f"{path}:{self.line}: {self.source} imports {self.target}"


def module_path(name: str) -> Path:
    base = ROOT.joinpath(*name.split("."))
    return base / "__init__.py" if base.is_dir() else base.with_suffix(".py")


def modules() -> dict[str, Path]:
    out = {}
    for path in sorted(GAME.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _resolve(name: str, known: dict[str, Path]) -> str | None:
    """The module of ``game`` that an imported name belongs to (the longest known prefix)."""
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in known:
            return candidate
        parts.pop()
    return None


def edges() -> Iterator[Edge]:
    known = modules()
    for name, path in known.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")
                    base = base[: len(base) - (node.level - 1)]
                    origin = ".".join(base + ([node.module] if node.module else []))
                else:
                    origin = node.module or ""
                # ``from pkg import module`` imports the module, else the package's name
                targets = [f"{origin}.{alias.name}" for alias in node.names] or [origin]
            for target in targets:
                if not target.startswith("game"):
                    continue
                resolved = _resolve(target, known)
                if resolved is not None and resolved != name:
                    yield Edge(name, resolved, node.lineno)


def layer_of(name: str) -> tuple[str, int] | None:
    """The part of the game a module belongs to, and its layer."""
    for package, part in sorted(LAYERS.items(), key=lambda kv: -len(kv[0])):
        if name == package or name.startswith(package + "."):
            return part
    return None


def cycles(graph: dict[str, list[Edge]]) -> list[tuple[set[str], list[Edge]]]:
    """Every strongly connected component of more than one module, with one cycle in it
    (as its edges)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[set[str]] = []

    def visit(v: str) -> None:  # Tarjan
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for e in graph.get(v, []):
            if e.target not in index:
                visit(e.target)
                low[v] = min(low[v], low[e.target])
            elif e.target in on_stack:
                low[v] = min(low[v], index[e.target])
        if low[v] == index[v]:
            comp = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.add(w)
                if w == v:
                    break
            if len(comp) > 1:
                components.append(comp)

    for v in sorted(graph):
        if v not in index:
            visit(v)
    found = []
    for comp in components:
        start = min(comp)
        # a shortest way back to ``start`` inside the component (breadth first)
        paths: dict[str, list[Edge]] = {start: []}
        queue = [start]
        loop: list[Edge] | None = None
        while queue and loop is None:
            v = queue.pop(0)
            for e in graph.get(v, []):
                if e.target == start:
                    loop = paths[v] + [e]
                    break
                if e.target in comp and e.target not in paths:
                    paths[e.target] = paths[v] + [e]
                    queue.append(e.target)
        found.append((comp, loop or []))
    return found


def graph() -> dict[str, list[Edge]]:
    out: dict[str, list[Edge]] = {}
    for e in edges():
        out.setdefault(e.source, []).append(e)
    return out


def test_the_graph_is_read() -> None:
    g = graph()
    assert any(e.target == "game.engine.rules" for e in g["game.engine.policy"])
    assert len(g) > 50


def test_no_import_cycle() -> None:
    found = cycles(graph())
    report = "\n\n".join(
        f"{len(comp)} modules import each other ({', '.join(sorted(comp))}); one cycle:\n"
        + "\n".join(e.where() for e in loop)
        for comp, loop in found
    )
    assert not found, report


def test_layers_import_only_the_layers_above() -> None:
    bad = []
    for e in (e for es in graph().values() for e in es):
        a, b = layer_of(e.source), layer_of(e.target)
        if a is None or b is None or a[0] == b[0] or (a[0], b[0]) in BESIDE:
            continue
        if b[1] >= a[1]:
            bad.append(f"{e.where()} ({a[0]}, layer {a[1]} -> {b[0]}, layer {b[1]})")
    assert not bad, "\n".join(bad)


def test_no_scene_module_imports_another() -> None:
    bad = [
        e.where()
        for es in graph().values()
        for e in es
        if e.source.startswith(SCENES + ".") and e.target.startswith(SCENES + ".")
    ]
    assert not bad, "\n".join(bad)


def test_the_front_ends_never_import_each_other() -> None:
    bad = []
    for e in (e for es in graph().values() for e in es):
        for mine in FRONT_ENDS:
            for other in FRONT_ENDS:
                inside = e.source == mine or e.source.startswith(mine + ".")
                into = e.target == other or e.target.startswith(other + ".")
                if mine != other and inside and into:
                    bad.append(e.where())
    assert not bad, "\n".join(bad)


def test_every_module_has_a_layer() -> None:
    missing = [m for m in modules() if m != "game" and layer_of(m) is None]
    assert not missing, missing
