"""Safe XML reading for GENIUS files: a small element tree with line and column.

GENIUS domain and profile files are plain XML without a document type. This
reader uses the standard library's expat parser directly and refuses anything
that could make a small file expensive or reach outside it:

- a ``<!DOCTYPE ...>`` (and with it every entity declaration) is rejected, so
  neither "billion laughs" entity expansion nor external entities can happen;
- files over :data:`MAX_BYTES`, trees deeper than :data:`MAX_DEPTH` and more
  than :data:`MAX_ELEMENTS` elements are rejected.

Every problem is a :class:`~game.scenario.yamlsafe.Problem` naming file, line
and column; :class:`GeniusError` carries them. Nothing else is ever raised.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from xml.parsers import expat

from game.scenario.yamlsafe import Problem

__all__ = ["GeniusError", "Node", "parse_xml_file", "parse_xml_text"]

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 32
MAX_ELEMENTS = 200_000


class GeniusError(Exception):
    """A GENIUS file cannot be used; carries every problem found (at least one)."""

    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem] | Problem) -> None:
        found = (problems,) if isinstance(problems, Problem) else tuple(problems)
        if not found:
            raise ValueError("GeniusError needs at least one Problem")
        super().__init__(found)
        self.problems = found

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


@dataclass
class Node:
    """One XML element: tag, attributes, children and where it starts (1-based)."""

    tag: str
    attrib: dict[str, str]
    line: int
    col: int
    file: str
    children: list[Node] = field(default_factory=list)

    def find_all(self, tag: str) -> list[Node]:
        """The direct children named ``tag``."""
        return [c for c in self.children if c.tag == tag]

    def find(self, tag: str) -> Node | None:
        """The first direct child named ``tag``, or None."""
        return next((c for c in self.children if c.tag == tag), None)

    def iter(self, tag: str) -> Iterator[Node]:
        """This element and every element below it named ``tag``, in document order."""
        if self.tag == tag:
            yield self
        for child in self.children:
            yield from child.iter(tag)

    def problem(self, message: str, level: str = "error") -> Problem:
        """A problem located at this element."""
        return Problem(self.file, self.line, self.col, message, level)


class _Builder:
    def __init__(self, parser: expat.XMLParserType, file: str) -> None:
        self.parser = parser
        self.file = file
        self.stack: list[Node] = []
        self.root: Node | None = None
        self.count = 0

    def where(self) -> tuple[int, int]:
        return self.parser.CurrentLineNumber, self.parser.CurrentColumnNumber + 1

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        line, col = self.where()
        self.count += 1
        if self.count > MAX_ELEMENTS:
            raise _Stop(line, col, f"more than {MAX_ELEMENTS} elements; this is not a GENIUS file")
        if len(self.stack) >= MAX_DEPTH:
            raise _Stop(line, col, f"elements nested more than {MAX_DEPTH} deep")
        node = Node(tag, dict(attrs), line, col, self.file)
        if self.stack:
            self.stack[-1].children.append(node)
        else:
            self.root = node
        self.stack.append(node)

    def end(self, tag: str) -> None:
        self.stack.pop()

    def doctype(self, *args: object) -> None:
        line, col = self.where()
        raise _Stop(
            line, col, "a DOCTYPE is not allowed in a GENIUS file (remove the <!DOCTYPE ...> line)"
        )

    def entity(self, *args: object) -> None:
        line, col = self.where()
        raise _Stop(line, col, "entity declarations are not allowed in a GENIUS file")


class _Stop(Exception):
    def __init__(self, line: int, col: int, message: str) -> None:
        super().__init__(message)
        self.line, self.col, self.message = line, col, message


def parse_xml_text(data: bytes | str, file: str = "<text>") -> Node:
    """Parse XML into a :class:`Node` tree.

    Raises:
        GeniusError: malformed or unsafe XML, with file, line and column.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if len(raw) > MAX_BYTES:
        raise GeniusError(
            Problem(file, 1, 1, f"file too large (more than {MAX_BYTES // 1024 // 1024} MB)")
        )
    parser = expat.ParserCreate()
    builder = _Builder(parser, file)
    parser.StartElementHandler = builder.start
    parser.EndElementHandler = builder.end
    parser.StartDoctypeDeclHandler = builder.doctype
    parser.EntityDeclHandler = builder.entity
    parser.ExternalEntityRefHandler = builder.entity  # type: ignore[assignment]
    try:
        parser.Parse(raw, True)
    except _Stop as stop:
        raise GeniusError(Problem(file, stop.line, stop.col, stop.message)) from None
    except expat.ExpatError as exc:
        message = expat.ErrorString(exc.code) if exc.code else str(exc)
        raise GeniusError(
            Problem(file, exc.lineno or 1, (exc.offset or 0) + 1, f"malformed XML: {message}")
        ) from None
    except (ValueError, RecursionError) as exc:  # pragma: no cover - defensive
        raise GeniusError(Problem(file, 1, 1, f"cannot read the XML: {exc}")) from None
    if builder.root is None:
        raise GeniusError(Problem(file, 1, 1, "the file has no XML element"))
    return builder.root


def parse_xml_file(path: str | os.PathLike[str]) -> Node:
    """Read and parse an XML file (see :func:`parse_xml_text`)."""
    name = str(path)
    try:
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            raise GeniusError(Problem(name, 1, 1, f"file too large ({size} bytes)"))
        with open(path, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except GeniusError:
        raise
    except FileNotFoundError:
        raise GeniusError(Problem(name, 1, 1, "no such file")) from None
    except IsADirectoryError:
        raise GeniusError(Problem(name, 1, 1, "this is a folder, not a file")) from None
    except OSError as exc:
        raise GeniusError(
            Problem(name, 1, 1, f"cannot read the file: {exc.strerror or exc}")
        ) from None
    return parse_xml_text(raw, name)
