"""Safe YAML reading for scenario files.

Scenario files are data, never code. This module reads YAML into plain Python values
(dict, list, str, int, float, bool, None, ``datetime.date``) and keeps the line and
column of every value, so later checks can name file, line and column of a problem.

It walks libyaml's event stream (``CSafeLoader``'s parser: the layer under
``yaml.compose``) and builds the values itself, without recursion. So it can stop at
too deep nesting or too many values, and name the place of every anchor and alias.
Only the core data tags are accepted; nothing is ever built from a tag.

Typical use::

    doc = load_yaml_file("scenarios/peking_1924.yaml")
    weights = doc.data["issues"][0]["weights"]
    raise ScenarioFileError(doc.problem(("issues", 0, "weights"), "weights must sum to 1"))
"""

from __future__ import annotations

import codecs
import datetime
import math
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NoReturn

import yaml

__all__ = [
    "Located",
    "Path_",
    "Problem",
    "ScenarioFileError",
    "forbidden_character",
    "load_yaml_file",
    "load_yaml_text",
]

MAX_BYTES = 5 * 1024 * 1024  # largest file accepted (5 MB)
MAX_DEPTH = 64  # deepest nesting of mappings and lists
MAX_NODES = 200_000  # most values (scalars, mappings, lists) in one file
MAX_PROBLEMS = 50  # reading stops after this many problems
MAX_INT = 10**18 - 1  # largest whole number written (18 digits)
MAX_NUMBER = 10**15  # largest magnitude of a number used (whole numbers stay exact as floats)
MIN_FRACTION = 1e-9  # smallest magnitude of a number other than 0
FIRST_DATE = datetime.date(100, 1, 1)  # dates leave room for the game's date arithmetic
LAST_DATE = datetime.date(8999, 12, 31)

_Loader: Any = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_MAP, _SEQ = _CORE + "map", _CORE + "seq"
_TRUE_FALSE = {"true", "false", "True", "False", "TRUE", "FALSE"}
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_BAD_CHAR = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Characters no value may hold, even written as an escape ("\0", "\e", "\x9b"): controls
# other than tab and new line, bidirectional embeddings, overrides and isolates, invisible
# characters that serve no script, and code points that are not characters. See docs/limits.md.
# (Split by plane: a class with astral ranges makes every search several times slower.)
_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f"
_BIDI = "\u202a-\u202e\u2066-\u2069"
_INVISIBLE = "\u200b\u2028\u2029\u2060-\u2064\u206a-\u206f\ufeff\ufff9-\ufffb"
_TAGS = "\U000e0000-\U000e007f"
_NOT_CHAR = "\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
_NOT_CHAR_ASTRAL = "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}-{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17)
)
_FORBIDDEN = re.compile(f"[{_CONTROL}{_BIDI}{_INVISIBLE}{_NOT_CHAR}]")
_FORBIDDEN_ASTRAL = re.compile(f"[{_TAGS}{_NOT_CHAR_ASTRAL}]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_SUSPECT = re.compile(
    "[^\t\n\r\x20-\x7e\x85\xa0-\u200a\u200c-\u2027\u202f-\u205f\u2065"
    "\u2070-\ud7ff\ue000-\ufdcf\ufdf0-\ufefe\uff00-\ufff8\ufffc-\ufffd]"
)
"""Characters of a file to look at one by one: every one that YAML or a scenario refuses,
and every astral one (one pass over the text; NEL is a line break in YAML)."""
_AS_MAPPING = "; a scenario file must be a mapping of 'name: value' lines"
_MSG = {
    "bool": "'{t}' is read as a boolean in YAML 1.1; write \"{t}\" in quotes for a name, or true/false",
    "big": "number too large: '{t}' has more than 18 digits; quote it if it is a name",
    "inf": "number too large: '{t}' (infinity is not allowed)",
    "nan": "'{t}' is not a usable number (NaN is not allowed)",
    "b60": "'{t}' is read as the base-60 number {n} in YAML 1.1; quote it if it is a time or text",
    "oct": "'{t}' is read as the octal number {n} in YAML 1.1; drop the leading zero or quote it",
    "date": "'{t}' is not a valid date; a date is expected as YYYY-MM-DD",
    "time": "a date is expected as YYYY-MM-DD; '{t}' has a time (quote it if it is text)",
    "alias": "{w} '{t}': anchors (&) and aliases (*) are not supported in scenario files; repeat the value",
    "tag": "tag '{t}' is not allowed: scenario files are data; remove the tag",
    "misplaced": "tag '{t}' cannot be used on {n}; remove the tag",
    "key": "a key must be a name, a whole number or a date, not {t}",
    "huge": "number too large: '{t}'; numbers in a scenario lie between -10^15 and 10^15",
    "tiny": "number too small: '{t}'; a number other than 0 must be at least 10^-9 in size",
    "year": "the date {t} is outside the range a scenario may use ({a} to {b})",
    "dup": "duplicate key {t} (first at line {n}); keep only one",
}
_HINTS = {
    "mapping values are not allowed": "check the indentation, or quote a value that has ': '",
    "could not find expected ':'": "a line may lack ':' after its name, or be indented wrongly",
    "did not find expected key": "check the indentation of this line and the one above",
    "found unexpected end of stream": "a quote or bracket is not closed",
}

Path_ = tuple[str | int, ...]
"""A path into the data: mapping keys and list indices, e.g. ``("stages", 3, "to")``."""


@dataclass(frozen=True)
class Problem:
    """One problem in a scenario file, with its place.

    Attributes:
        file: The path as given by the caller.
        line: 1-based line number.
        col: 1-based column number.
        message: Plain English; says what is wrong and what to do.
        level: ``"error"`` or ``"warning"``.
    """

    file: str
    line: int
    col: int
    message: str
    level: str = "error"

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.level}: {self.message}"


class ScenarioFileError(Exception):
    """A scenario file cannot be used; carries every problem found.

    Attributes:
        problems: At least one problem; ``str(exc)`` gives them one per line.
    """

    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem] | Problem) -> None:
        """Make the error from one problem or several (at least one)."""
        found = (problems,) if isinstance(problems, Problem) else tuple(problems)
        if not found:
            raise ValueError("ScenarioFileError needs at least one Problem")
        super().__init__(found)
        self.problems = found

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


@dataclass(slots=True)
class _Pos:
    """Where a value starts (1-based), with the places of its children."""

    line: int
    col: int
    kids: dict[Any, _Pos] | list[_Pos] | None = None


@dataclass(frozen=True)
class Located:
    """Data read from a YAML file, with the place of every value in it.

    Attributes:
        data: Plain Python values: dict, list, str, int, float, bool, None and
            ``datetime.date``. The top level is a dict; keys are str, int or date.
        file: The path as given by the caller.
    """

    data: Any
    file: str
    _root: _Pos | None = field(default=None, repr=False, compare=False)

    def where(self, path: Path_) -> tuple[int, int]:
        """Give the 1-based (line, col) of the value at ``path``.

        For a path ending in a mapping key this is the place of the key. If the path
        leads nowhere (a missing key, an index past the end), it is the place of the
        nearest value on the path that exists.

        Args:
            path: Keys and list indices from the top, e.g. ``("stages", 3, "to")``.

        Returns:
            The line and column; (1, 1) when nothing is known.
        """
        pos = self._root
        if pos is None:
            return (1, 1)
        for step in path:
            kids, nxt = pos.kids, None
            if isinstance(kids, dict) and isinstance(step, str | int | datetime.date):
                nxt = kids.get(step)
            elif isinstance(kids, list) and type(step) is int and 0 <= step < len(kids):
                nxt = kids[step]
            if nxt is None:
                break
            pos = nxt
        return (pos.line, pos.col)

    def problem(self, path: Path_, message: str, level: str = "error") -> Problem:
        """Make a Problem placed at the value at ``path`` (see ``where``).

        Args:
            path: Keys and list indices from the top.
            message: Plain English; say what is wrong and what to do.
            level: ``"error"`` or ``"warning"``.

        Returns:
            The located problem.
        """
        line, col = self.where(path)
        return Problem(self.file, line, col, message, level)


class _Stop(Exception):
    """Stops reading after a problem that makes going on pointless."""


_NO_KEY, _BAD = object(), object()


@dataclass(slots=True)
class _Frame:
    """A mapping or list being built, and for a mapping its pending key."""

    value: dict[Any, Any] | list[Any]
    pos: _Pos
    key: Any = _NO_KEY
    key_pos: _Pos | None = None


def _line_col(text: str, index: int) -> tuple[int, int]:
    """Give the 1-based (line, col) of ``text[index]``, counting YAML's line breaks."""
    line, start = 1, 0
    for m in _BREAK.finditer(text, 0, index):
        line, start = line + 1, m.end()
    return line, index - start + 1


def _kind(value: Any) -> str:
    if isinstance(value, dict | list):
        return "a mapping" if isinstance(value, dict) else "a list"
    return "null (nothing)" if value is None else f"a single value ({value!r})"


def _show_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(_CORE) if tag.startswith(_CORE) else tag


class _Reader:
    """Builds plain values from the YAML events of one text, collecting problems."""

    def __init__(self, file: str, text: str) -> None:
        self.file, self.text = file, text
        self.problems: list[Problem] = []
        self.anchors: set[str] = set()
        self.resolver = yaml.resolver.Resolver()
        self.ctor = yaml.constructor.SafeConstructor()

    def add(self, pos: tuple[int, int], message: str) -> None:
        self.problems.append(Problem(self.file, pos[0], pos[1], message))
        if len(self.problems) >= MAX_PROBLEMS:
            self.problems.append(Problem(self.file, *pos, "too many problems; stopped here"))
            raise _Stop

    def fatal(self, pos: tuple[int, int], message: str) -> NoReturn:
        self.add(pos, message)
        raise _Stop

    def read(self) -> Located:
        root: tuple[Any, _Pos] | None = None
        try:
            raw: list[re.Match[str]] = []
            for found in _SUSPECT.finditer(self.text):
                char = found.group()
                if _BAD_CHAR.match(char):  # not YAML at all: nothing more can be read
                    msg = f"character U+{ord(char):04X} is not allowed in YAML; remove it"
                    self.fatal(_line_col(self.text, found.start()), msg)
                if _FORBIDDEN.match(char) or _FORBIDDEN_ASTRAL.match(char):
                    raw.append(found)
            for found in raw:
                self.add(_line_col(self.text, found.start()), _forbidden(found.group()))
            loader = _Loader(self.text)
            try:
                root = self.build(loader)
            finally:
                loader.dispose()
        except _Stop:
            pass
        except yaml.MarkedYAMLError as e:
            self.syntax_error(e)
        except yaml.YAMLError as e:  # a reader error (no mark); the check above should prevent it
            self.add((1, 1), f"cannot read the YAML: {e}")
        if root is None and not self.problems:
            self.add((1, 1), "the file is empty" + _AS_MAPPING)
        elif root is not None and not isinstance(root[0], dict) and root[0] is not _BAD:
            what = (
                "the file holds no data"
                if root[0] is None
                else f"the top level is {_kind(root[0])}"
            )
            self.add((root[1].line, root[1].col), what + _AS_MAPPING)
        if self.problems or root is None:
            raise ScenarioFileError(self.problems)
        return Located(root[0], self.file, root[1])

    def syntax_error(self, e: yaml.MarkedYAMLError) -> None:
        mark = e.problem_mark or e.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        msg = e.problem or e.context or "the YAML cannot be read"
        if e.problem and e.context and e.context != "while scanning for the next token":
            msg += f" ({e.context}" + (
                f" at line {e.context_mark.line + 1})" if e.context_mark else ")"
            )
        lines = _BREAK.split(self.text)
        text = lines[line - 1] if line <= len(lines) else ""
        hints = [hint for key, hint in _HINTS.items() if key in msg]
        if "\t" in text[: len(text) - len(text.lstrip(" \t"))] or text[col - 1 : col] == "\t":
            hints.insert(0, "tabs are not allowed for indentation; use spaces")
        self.add((line, col), "; ".join([f"YAML syntax: {msg}", *hints]))

    def build(self, loader: Any) -> tuple[Any, _Pos] | None:
        stack: list[_Frame] = []
        root: tuple[Any, _Pos] | None = None
        nodes = 0
        value: Any
        while loader.check_event():
            ev = loader.get_event()
            at = (ev.start_mark.line + 1, ev.start_mark.column + 1)
            if isinstance(ev, yaml.DocumentStartEvent) and root is not None:
                self.fatal(at, "a scenario file holds one YAML document; remove the second '---'")
            if isinstance(ev, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                frame = stack.pop()
                value, pos = frame.value, frame.pos
            elif isinstance(ev, yaml.NodeEvent):
                nodes += 1
                if nodes > MAX_NODES:
                    self.fatal(at, f"the file has more than {MAX_NODES:,} values; split it up")
                pos = _Pos(*at)
                if ev.anchor is not None:
                    self.anchor(ev, at)
                if isinstance(ev, yaml.AliasEvent):
                    value = _BAD
                elif isinstance(ev, yaml.ScalarEvent):
                    top = stack[-1] if stack else None
                    is_key = top is not None and isinstance(top.value, dict) and top.key is _NO_KEY
                    value = self.scalar(ev, at, is_key)
                elif isinstance(ev, yaml.events.CollectionStartEvent):
                    if len(stack) >= MAX_DEPTH:
                        self.fatal(at, f"nesting is deeper than {MAX_DEPTH} levels; simplify it")
                    is_map = isinstance(ev, yaml.MappingStartEvent)
                    if ev.tag not in (None, "!", _MAP if is_map else _SEQ):
                        self.bad_tag(ev.tag, at, "a mapping" if is_map else "a list")
                    pos.kids = {} if is_map else []
                    stack.append(_Frame({} if is_map else [], pos))
                    continue
            else:
                continue
            if stack:
                self.attach(stack[-1], value, pos)
            else:
                root = (value, pos)
        return root

    def anchor(self, ev: yaml.NodeEvent, at: tuple[int, int]) -> None:
        what = "alias" if isinstance(ev, yaml.AliasEvent) else "anchor"
        name = f"{'*' if what == 'alias' else '&'}{ev.anchor}"
        if str(ev.anchor) not in self.anchors:  # once per name: billion laughs gives a few lines
            self.anchors.add(str(ev.anchor))
            self.add(at, _MSG["alias"].format(w=what, t=name))

    def bad_tag(self, tag: str, at: tuple[int, int], what: str) -> None:
        core = tag in _SCALAR_TAGS or tag in (_MAP, _SEQ)
        self.add(at, _MSG["misplaced" if core else "tag"].format(t=_show_tag(tag), n=what))

    def attach(self, frame: _Frame, value: Any, pos: _Pos) -> None:
        kids = frame.pos.kids
        if isinstance(frame.value, list) and isinstance(kids, list):
            frame.value.append(value)
            kids.append(pos)
        elif isinstance(frame.value, dict) and isinstance(kids, dict):
            if frame.key is _NO_KEY:
                frame.key, frame.key_pos = self.check_key(kids, value, pos), pos
                return
            key, key_pos, frame.key = frame.key, frame.key_pos, _NO_KEY
            if key is not _BAD and key_pos is not None:
                frame.value[key] = value
                kids[key] = _Pos(key_pos.line, key_pos.col, pos.kids)

    def check_key(self, kids: dict[Any, _Pos], key: Any, pos: _Pos) -> Any:
        msg = None
        if key is None:
            msg = "a key is empty; write a name before ':'"
        elif isinstance(key, bool):
            msg = _MSG["key"].format(t=f"{str(key).lower()}; quote it")
        elif isinstance(key, dict | list):
            msg = _MSG["key"].format(t=_kind(key))
        elif key is not _BAD and key in kids:
            shown = repr(key) if isinstance(key, str) else str(key)
            msg = _MSG["dup"].format(t=shown, n=kids[key].line)
        if msg is not None:
            self.add((pos.line, pos.col), msg)
        return _BAD if msg is not None else key

    def scalar(self, ev: yaml.ScalarEvent, at: tuple[int, int], is_key: bool = False) -> Any:
        """Build one scalar. A mapping key that YAML 1.1 would read as a boolean
        (``on:``, ``no:``) is a name in a scenario file, so it stays a string."""
        text, tag = ev.value, ev.tag
        implicit = tag is None or tag == "!"
        if implicit:
            tag = self.resolver.resolve(yaml.ScalarNode, text, ev.implicit)  # type: ignore[no-untyped-call]
            if is_key and tag == _CORE + "bool" and text not in _TRUE_FALSE:
                return text
        if tag == _CORE + "merge":
            self.add(at, "merge keys ('<<') are not supported in scenario files; write keys out")
            return _BAD
        if tag in (_CORE + "str", _CORE + "value"):  # '=' alone is YAML 1.1's "value" type
            if ev.style == '"':  # escapes; characters typed as they are were checked in read()
                problem = forbidden_character(text)
                if problem is not None:
                    self.add(at, problem)
                    return _BAD
            return text
        if tag not in _SCALAR_TAGS:
            self.bad_tag(str(tag), at, "a single value")
            return _BAD
        result = self.convert(yaml.ScalarNode(str(tag), text), implicit)
        if isinstance(result, str):
            self.add(at, result)
            return _BAD
        return result[0]

    def convert(self, node: yaml.ScalarNode, implicit: bool) -> tuple[Any] | str:
        """Give (value,) for a scalar with a core tag, or a message saying what is wrong."""
        tag, t = node.tag.removeprefix(_CORE), node.value
        if tag == "null":
            return (None,)
        if tag == "bool":
            if implicit and t not in _TRUE_FALSE:
                return _MSG["bool"].format(t=t)
            try:
                return (self.ctor.construct_yaml_bool(node),)
            except (KeyError, ValueError):
                return f"'{t}' is not true or false"
        if tag == "int":
            digits = t.replace("_", "").lstrip("+-")
            try:  # the length check keeps clear of Python's int-from-string limit
                n = self.ctor.construct_yaml_int(node) if len(digits) <= 20 else MAX_INT + 1
            except ValueError:
                return f"'{t}' is not a whole number"
            if abs(n) > MAX_INT:
                return _MSG["big"].format(t=t[:30])
            if implicit and ":" in digits:
                return _MSG["b60"].format(t=t, n=n)
            if implicit and len(digits) > 1 and digits[0] == "0" and digits[1] in "01234567":
                return _MSG["oct"].format(t=t, n=n)
            if abs(n) > MAX_NUMBER:
                return _MSG["huge"].format(t=t[:30])
            return (n,)
        if tag == "float":
            try:
                x = self.ctor.construct_yaml_float(node)
            except ValueError:
                return f"'{t}' is not a number"
            if not math.isfinite(x):
                return _MSG["nan" if math.isnan(x) else "inf"].format(t=t[:30])
            if implicit and ":" in t:
                return _MSG["b60"].format(t=t, n=x)
            if abs(x) > MAX_NUMBER:
                return _MSG["huge"].format(t=t[:30])
            if 0.0 < abs(x) < MIN_FRACTION:
                return _MSG["tiny"].format(t=t[:30])
            return (x,)
        try:  # timestamp
            when = self.ctor.construct_yaml_timestamp(node)
        except (ValueError, TypeError, AttributeError):
            return _MSG["date"].format(t=t)
        if isinstance(when, datetime.datetime):
            return _MSG["time"].format(t=t)
        if not FIRST_DATE <= when <= LAST_DATE:
            return _MSG["year"].format(t=t, a=FIRST_DATE, b=LAST_DATE)
        return (when,)


_KINDS = (
    (_CONTROL, "the control character"),
    (_BIDI, "the bidirectional control"),
    (_INVISIBLE + _TAGS, "the invisible character"),
)


def forbidden_character(text: str) -> str | None:
    """Why ``text`` cannot be a value of a scenario (a character it may not hold), or None."""
    bad = _FORBIDDEN.search(text)
    if bad is None and _ASTRAL.search(text):
        bad = _FORBIDDEN_ASTRAL.search(text)
    return _forbidden(bad.group()) if bad else None


def _forbidden(char: str) -> str:
    """The message for a character no value may hold."""
    what = next(
        (name for chars, name in _KINDS if re.fullmatch(f"[{chars}]", char)), "the non-character"
    )
    return (
        f"{what} U+{ord(char):04X} is not allowed in a scenario; texts may hold tab and new line "
        "but no other control or invisible characters (see docs/limits.md); remove it"
    )


def load_yaml_text(text: str, file: str = "<text>") -> Located:
    """Read YAML text as scenario data.

    Args:
        text: The YAML text. A leading byte-order mark is ignored.
        file: The name to use in problems.

    Returns:
        The data, with the place of every value.

    Raises:
        ScenarioFileError: For every problem found (and never any other exception).
    """
    try:
        text = text.removeprefix("\ufeff")
        if len(text) > MAX_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
            raise ScenarioFileError(Problem(file, 1, 1, "the text is over 5 MB; split it up"))
        return _Reader(file, text).read()
    except ScenarioFileError:
        raise
    except Exception as e:  # a safety net: callers rely on getting only ScenarioFileError
        msg = f"cannot read the YAML ({type(e).__name__}: {e}); this is a bug, please report it"
        raise ScenarioFileError(Problem(file, 1, 1, msg)) from e


def load_yaml_file(path: str | os.PathLike[str]) -> Located:
    """Read a YAML scenario file (UTF-8, at most 5 MB).

    Args:
        path: The file; problems name it as given.

    Returns:
        The data, with the place of every value.

    Raises:
        ScenarioFileError: For every problem found (and never any other exception).
    """
    file = os.fsdecode(path)

    def fail(message: str, line: int = 1, col: int = 1) -> NoReturn:
        raise ScenarioFileError(Problem(file, line, col, message))

    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            fail("this is a folder, not a file; give the path of a .yaml file")
        if not stat.S_ISREG(st.st_mode):
            fail("this is not a regular file; give the path of a .yaml file")
        if st.st_size > MAX_BYTES:
            fail(f"the file is {st.st_size:,} bytes; scenario files are limited to 5 MB")
        with open(path, "rb") as f:
            raw = f.read(MAX_BYTES + 1)
    except FileNotFoundError:
        fail("file not found; check the path")
    except PermissionError:
        fail("cannot read the file: permission denied")
    except (OSError, ValueError) as e:
        fail(f"cannot read the file: {getattr(e, 'strerror', None) or e}")
    if len(raw) > MAX_BYTES:
        fail("the file is over 5 MB; scenario files are limited to 5 MB")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        fail("not UTF-8: the file is UTF-16; save it as UTF-8")
    raw = raw.removeprefix(codecs.BOM_UTF8)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        good = raw[: e.start].decode("utf-8")
        msg = f"not UTF-8: byte 0x{raw[e.start]:02X} cannot be read as text; save it as UTF-8"
        fail(msg, *_line_col(good, len(good)))
    return load_yaml_text(text, file)
