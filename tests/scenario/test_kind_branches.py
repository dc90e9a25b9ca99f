"""No code outside the issue kinds decides by comparing an issue's kind (read by AST).

Flagged anywhere in ``game/`` except ``game/scenario/kinds.py``:

- a comparison (``==``, ``!=``, ``in``, ``not in``, ``is``, ``is not``) with an operand
  ``<issue>.kind``, where ``<issue>`` is a name that names an issue (``issue``,
  ``i``, ``gi``, ``it``, or any name with "issue" in it, such as ``self.issue``),
  an item of an issue table (``c.issues[iid]``, ``self.issues.get(iid)``) or a call
  returning one (``c.issues.get(x)``);
- a comparison of anything named ``kind`` (``kind``, ``x.kind``) with the name of an
  issue kind (``"integer"``, ``"decimal"``, ``"options"``, ``"date"``, and GENIUS's
  ``"discrete"``, ``"real"``), or a tuple of them;
- a comparison of anything with ``"integer"``, ``"decimal"`` or ``"options"``
  (these strings mean nothing else in the game);
- a ``match`` on ``<issue>.kind``.

Not covered: a kind passed on under another name and compared later, or a
dictionary keyed by kind names outside ``kinds.py`` (the GENIUS reader and
converter key theirs by GENIUS's own issue types, which is the allowed form).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GAME = ROOT / "game"
KINDS = GAME / "scenario" / "kinds.py"

ISSUE_KINDS = {"integer", "decimal", "options", "date", "discrete", "real"}
ONLY_KINDS = {"integer", "decimal", "options"}
ISSUE_NAMES = {"issue", "i", "gi", "it"}


def _names_issue(node: ast.expr) -> bool:
    if isinstance(node, ast.Name):
        return node.id in ISSUE_NAMES or "issue" in node.id.lower()
    if isinstance(node, ast.Attribute):
        return "issue" in node.attr.lower()
    if isinstance(node, ast.Subscript):
        return _names_issues(node.value)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr == "get" and _names_issues(node.func.value)
    return False


def _names_issues(node: ast.expr) -> bool:
    """A table of issues: ``issues``, ``c.issues``, ``self.issues``."""
    name = node.id if isinstance(node, ast.Name) else getattr(node, "attr", "")
    return "issues" in name.lower()


def _issue_kind(node: ast.expr) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "kind" and _names_issue(node.value)


def _named_kind(node: ast.expr) -> bool:
    return (isinstance(node, ast.Name) and node.id == "kind") or (
        isinstance(node, ast.Attribute) and node.attr == "kind"
    )


def _strings(node: ast.expr) -> set[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return set().union(*(_strings(e) for e in node.elts)) if node.elts else set()
    return set()


def kind_branches(source: str, name: str = "<code>") -> list[str]:
    """Each place in ``source`` that branches on an issue's kind, as ``name:line: code``."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        bad = False
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            words = set().union(*(_strings(o) for o in operands))
            bad = (
                any(_issue_kind(o) for o in operands)
                or (any(_named_kind(o) for o in operands) and bool(words & ISSUE_KINDS))
                or bool(words & ONLY_KINDS)
            )
        elif isinstance(node, ast.Match):
            bad = _issue_kind(node.subject)
        if bad:
            found.append(f"{name}:{node.lineno}: {ast.get_source_segment(source, node)}")
    return found


def test_the_detector_finds_the_forms_it_covers() -> None:
    bad = [
        'issue.kind == "options"',
        'c.issues[iid].kind != "options"',
        'i.kind in ("integer", "decimal")',
        "self.issue.kind is DATE_KIND",
        'self.issues.get(x).kind == "date"',
        'gi.kind == "discrete"',
        'kind == "date"',
        'x == "decimal"',
        'if spec.kind not in ("options",): pass',
        "match issue.kind:\n    case 'date':\n        pass",
    ]
    for code in bad:
        assert kind_branches(code), code
    fine = [
        'move.kind == "argue"',
        'key == "date"',
        't.kind != "history"',
        "kind_of(issue).widget",
        'EDITORS["choice"]',
    ]
    for code in fine:
        assert not kind_branches(code), code


def test_no_branch_on_an_issue_kind_outside_the_kinds() -> None:
    found: list[str] = []
    files = sorted(p for p in GAME.rglob("*.py") if p != KINDS)
    assert len(files) > 50
    for path in files:
        found += kind_branches(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    assert found == [], "\n".join(found)
