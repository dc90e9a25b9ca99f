"""No code in ``game/`` decides by comparing a kind by value (read by AST).

Kinds are objects (issue kinds in ``game/scenario/kinds.py``) or enums (move
kinds, text kinds, the window's intents) compared with ``is`` or looked up in a
table. Flagged anywhere in ``game/`` outside ``game/scenario/kinds.py``:

- ``==`` or ``!=`` with an operand named ``kind`` (``kind``, ``x.kind``);
- ``in`` or ``not in`` testing something named ``kind`` against a written-out
  collection or string (``kind in ("up", "down")``): a chain of cases in disguise;
- a ``match`` on something named ``kind``.

Allowed: ``is`` / ``is not``, and membership in a table or a set that is data
(``kind in stage.moves``, ``kind in HANDLERS``): that is a lookup, not a branch.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GAME = ROOT / "game"
ALLOWED = {GAME / "scenario" / "kinds.py"}

_LITERALS = (ast.Tuple, ast.List, ast.Set, ast.Constant, ast.JoinedStr)


def _named_kind(node: ast.expr) -> bool:
    return (isinstance(node, ast.Name) and node.id == "kind") or (
        isinstance(node, ast.Attribute) and node.attr == "kind"
    )


def _bad_compare(node: ast.Compare) -> bool:
    operands = [node.left, *node.comparators]
    for op, left, right in zip(node.ops, operands[:-1], operands[1:], strict=True):
        if isinstance(op, ast.Eq | ast.NotEq) and (_named_kind(left) or _named_kind(right)):
            return True
        if (
            isinstance(op, ast.In | ast.NotIn)
            and _named_kind(left)
            and isinstance(right, _LITERALS)
        ):
            return True
    return False


def kind_comparisons(source: str, name: str = "<code>") -> list[str]:
    """Each place in ``source`` that compares a kind by value, as ``name:line: code``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        bad = (isinstance(node, ast.Compare) and _bad_compare(node)) or (
            isinstance(node, ast.Match) and _named_kind(node.subject)
        )
        if bad:
            found.append(f"{name}:{node.lineno}: {ast.get_source_segment(source, node)}")
    return found


def test_the_detector_finds_the_forms_it_covers() -> None:
    bad = [
        'intent.kind == "undo"',
        'kind != "breaker"',
        '"history" == t.kind',
        'intent.kind in ("up", "down")',
        "o.kind not in [MoveKind.ACCEPT]",
        'kind in {"a", "b"}',
        'kind in "linear constant"',
        "a < b == kind",
        "match self.kind:\n    case 'linear':\n        pass",
    ]
    for code in bad:
        assert kind_comparisons(code), code
    fine = [
        "intent.kind is IntentKind.UNDO",
        "t.kind is not TextKind.HISTORY",
        "kind in c.stages[state.stage].moves",
        "kind not in _FITS[issue.kind]",
        "SCROLL.get(intent.kind)",
        "s.name == scene",
        'key == "date"',
    ]
    for code in fine:
        assert not kind_comparisons(code), code


def test_no_kind_is_compared_by_value_in_the_game() -> None:
    found: list[str] = []
    files = sorted(p for p in GAME.rglob("*.py") if p not in ALLOWED)
    assert len(files) > 50
    for path in files:
        found += kind_comparisons(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    assert found == [], "compare kinds with `is` or look them up in a table:\n" + "\n".join(found)
