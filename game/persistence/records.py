"""Saved games and replays on disk: versioned JSON, checked like a scenario, written atomically.

A save is untrusted input. :func:`load_record` reads it only from a regular file
(never a folder, a device, a pipe or a socket, nor a link to one; the file is
opened without blocking, so a pipe cannot stall it), at most
:data:`MAX_SAVE_BYTES` with a bounded read, as UTF-8 JSON without ``NaN``,
duplicate keys, numbers of more than :data:`MAX_DIGITS` digits or nesting
deeper than :data:`MAX_DEPTH`. Then every field is typed (:func:`check_record`):
the format and its version (a whole number; a newer or an older version is
named), the scenario's id (an id, never a path) and content hash, the seed, at
most :data:`MAX_MOVES` moves that this game reads without dropping anything,
and the ``meta`` fields the game reads. Every problem is a :class:`RecordError`
naming the file and the field.

:func:`save_record` writes a temporary file in the target's folder, flushes it
to disk and renames it over the target, so a crash never leaves half a file;
it never replaces a file that is not a save (:class:`SaveRefused`). A crash
between the two steps can leave a temporary file (``.tmp-XXXXXXXX.json``);
:func:`clean_temp_files` removes those that are surely orphans. The limits are
listed in docs/limits.md.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import math
import os
import re
import stat
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NoReturn

from game.engine.moves import IllegalMoveError, Move
from game.engine.policy import DIFFICULTIES
from game.engine.record import (
    OLDEST_RECORD_VERSION,
    RECORD_FORMAT,
    RECORD_VERSION,
    Record,
    RecordError,
)

__all__ = [
    "MAX_DEPTH",
    "MAX_DIGITS",
    "MAX_MOVES",
    "MAX_SAVE_BYTES",
    "MAX_SEED",
    "MAX_VALUES",
    "OLDEST_VERSION",
    "RecordError",
    "SaveRefused",
    "check_record",
    "clean_temp_files",
    "is_save",
    "load_record",
    "save_record",
    "temp_file",
]

MAX_SAVE_BYTES = 16 * 1024 * 1024
"""Largest save file read (16 MB; a game of 20,000 moves takes about 5 MB)."""
MAX_DEPTH = 32
"""Deepest nesting of objects and lists in a save (a save needs about 6)."""
MAX_DIGITS = 24
"""Most digits in a number of a save (a seed has at most 20)."""
MAX_MOVES = 20_000
"""Most moves in a save (twice the engine's longest game)."""
MAX_SEED = 2**64 - 1
"""Seeds are whole numbers from -MAX_SEED to MAX_SEED (the game's random numbers use 64 bits)."""
MAX_VALUES = 1_000_000
"""Most values (numbers, texts, objects, lists) in a save (a move has about ten)."""
MAX_TEXT = 100_000
"""Longest text in a save's fields (a crash record's traceback is the longest)."""
MAX_ID = 200
"""Longest id (side, argument, option, role) in a save."""
OLDEST_VERSION = OLDEST_RECORD_VERSION
"""The oldest save format this game reads; it writes RECORD_VERSION."""
TEMP_AGE = 600.0
"""A temporary file older than this (seconds) is an orphan of an interrupted save."""

_TEMP = re.compile(r"\.tmp-[a-z0-9_]{8}\.json")
"""The name of a temporary file of :func:`save_record` (``tempfile.mkstemp``'s form)."""
_HASH = re.compile(r"[0-9a-f]{64}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TOO_LONG = 10**MAX_DIGITS
_SCENARIO_ID = re.compile(r"[a-z][a-z0-9-]{0,63}")
_BAD_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
"""Characters no text of a save may hold: controls other than tab and new line,
bidirectional overrides (what is shown would not be what is stored), surrogates."""


class SaveRefused(OSError):
    """A save that was not written, and why (the target is not ours to replace, or
    its folder cannot hold it). An ``OSError``, so callers that show a failed
    write show this too; its text is the reason alone."""

    def __init__(self, message: str, code: int = errno.EEXIST) -> None:
        super().__init__(code, message)

    def __str__(self) -> str:
        return str(self.strerror)


# ---------------------------------------------------------------------- writing
def temp_file(folder: Path) -> tuple[int, str]:
    """A new temporary file in ``folder`` for an atomic write (descriptor, path)."""
    return tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=folder)


def save_record(record: Record, path: str | os.PathLike[str]) -> Path:
    """Write ``record`` as JSON atomically; returns the path written.

    Raises:
        SaveRefused: there is a file (or folder, or link) of that name that is not
            a save; it is left as it is.
        OSError: the file could not be written (the reason in its message).
    """
    target = Path(path)
    if not is_save(target, missing=True):
        raise SaveRefused(
            f"{target}: there is already a file of that name that is not a saved game; "
            "it is left as it is (choose another name)",
        )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise SaveRefused(
            f"cannot save in {target.parent}: it is not a folder (a file is in its place)",
            errno.ENOTDIR,
        ) from None
    text = json.dumps(record.to_json(), ensure_ascii=False, indent=1)
    fd, tmp = temp_file(target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def is_save(path: Path, missing: bool = False) -> bool:
    """Whether ``path`` is a save file this game wrote (a regular file, not a link,
    holding a Treaty Table record); ``missing``: what a path that does not exist counts as."""
    try:
        st = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return missing
    except OSError:
        return False
    if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_SAVE_BYTES:
        return False
    try:
        data = _read_json(path)
    except RecordError:
        return False
    return isinstance(data, dict) and data.get("format") == RECORD_FORMAT


def clean_temp_files(folder: Path, older_than: float = TEMP_AGE) -> list[Path]:
    """Remove the orphans of interrupted saves in ``folder``: regular files (not links)
    named like :func:`save_record`'s temporary files, owned by this user, last
    written more than ``older_than`` seconds ago (a save in progress is never
    touched). Returns those removed; never raises."""
    removed: list[Path] = []
    now = time.time()
    uid = os.getuid() if hasattr(os, "getuid") else None
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not _TEMP.fullmatch(entry.name):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(st.st_mode) or now - st.st_mtime < older_than:
                continue
            if uid is not None and st.st_uid != uid:
                continue
            os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def is_temp_file(name: str) -> bool:
    """Whether a file name is that of a temporary file of an atomic save."""
    return bool(_TEMP.fullmatch(name))


# ---------------------------------------------------------------------- reading
def load_record(path: str | os.PathLike[str]) -> Record:
    """Read and check a save or replay file.

    Raises:
        RecordError: naming the file and the problem (and never any other exception).
    """
    p = Path(path)
    return check_record(_read_json(p), str(p), walked=True)


def _read_bytes(p: Path) -> bytes:
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(p, flags)
    except IsADirectoryError:
        raise RecordError(f"{p}: is a folder, not a save file") from None
    except FileNotFoundError:
        raise RecordError(f"{p}: cannot be read (no such file)") from None
    except (OSError, ValueError) as exc:
        why = getattr(exc, "strerror", None) or str(exc)
        raise RecordError(f"{p}: cannot be read ({why})") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise RecordError(f"{p}: is a folder, not a save file")
        if not stat.S_ISREG(st.st_mode):
            raise RecordError(
                f"{p}: is not a regular file (a device, a pipe or a socket), so not a save file"
            )
        if st.st_size > MAX_SAVE_BYTES:
            raise RecordError(
                f"{p}: the file is {st.st_size:,} bytes; saves are limited to {_mb(MAX_SAVE_BYTES)}"
            )
        chunks: list[bytes] = []
        left = MAX_SAVE_BYTES + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise RecordError(f"{p}: cannot be read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)
    raw = b"".join(chunks)
    if len(raw) > MAX_SAVE_BYTES:
        raise RecordError(f"{p}: the file is over {_mb(MAX_SAVE_BYTES)}; saves are limited to that")
    return raw


def _mb(n: int) -> str:
    return f"{n // (1024 * 1024)} MB"


def _read_json(p: Path) -> Any:
    """The decoded JSON of a save file, within the limits of its size and shape.

    A file with more commas than a save may have values is refused before it is
    decoded; a first pass decodes with no hooks (quick), then :func:`_walk` checks
    the limits (values, nesting, numbers, texts); only a value within them is decoded
    again, looking for keys given twice.
    """
    raw = _read_bytes(p)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise RecordError(f"{p}: not a save file (not UTF-8 text)") from None
    try:
        if text.count(",") >= MAX_VALUES:
            raise _Bad("", f"more than {MAX_VALUES:,} values")
        data = json.loads(text, parse_constant=_constant)
        _walk(data)
        return json.loads(text, parse_constant=_constant, object_pairs_hook=_object)
    except json.JSONDecodeError as exc:
        raise RecordError(f"{p}:{exc.lineno}:{exc.colno}: damaged save file: {exc.msg}") from None
    except (_Refused, _Bad) as exc:
        raise RecordError(f"{p}: damaged save file: {exc}") from None
    except RecursionError:
        raise RecordError(
            f"{p}: damaged save file: nesting deeper than {MAX_DEPTH} levels"
        ) from None
    except ValueError as exc:  # Python reads no whole number of more than 4,300 digits
        found = re.search(r"has ([0-9]+) digits", str(exc))
        digits = f"{int(found.group(1)):,}" if found else "more than 4,300"
        raise RecordError(
            f"{p}: damaged save file: a number of {digits} digits (at most {MAX_DIGITS})"
        ) from None


class _Refused(ValueError):
    """A JSON value a save never holds (raised while decoding)."""


def _constant(text: str) -> NoReturn:
    raise _Refused(f"{text} is not a number a save holds")


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Refused(f"the key {_shown(key)} appears twice in one object")
            seen.add(key)
    return out


# ---------------------------------------------------------------------- checking
def _shown(value: object, limit: int = 40) -> str:
    """A value for a message: short, with no control characters."""
    text = repr(value) if not isinstance(value, str) else "'" + value + "'"
    text = _BAD_TEXT.sub("?", text)
    return text if len(text) <= limit else text[: limit - 3] + "..."


class _Bad(Exception):
    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}" if where else message)


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return f"the number {_shown(value)}"
    if isinstance(value, str):
        return f"the text {_shown(value)}"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _text(value: object, where: str, limit: int = MAX_TEXT, what: str = "a text") -> str:
    if not isinstance(value, str):
        raise _Bad(where, f"must be {what}, not {_kind(value)}")
    if len(value) > limit:
        raise _Bad(where, f"is {len(value):,} characters long (at most {limit:,})")
    bad = _BAD_TEXT.search(value)
    if bad is not None:
        raise _Bad(where, f"holds the control character U+{ord(bad.group()):04X}")
    return value


def _whole(value: object, where: str, low: int, high: int) -> int:
    if type(value) is not int:
        raise _Bad(where, f"must be a whole number, not {_kind(value)}")
    if not low <= value <= high:
        raise _Bad(where, f"must lie between {low:,} and {high:,}, not {value:,}")
    return value


def _walk(data: Any) -> None:
    """Every value of a save: at most MAX_VALUES of them, nested at most MAX_DEPTH deep,
    no text with a control character (without recursion, so any shape is safe)."""
    count = 0
    stack: list[tuple[dict[str, Any] | list[Any], int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise _Bad("", f"nesting deeper than {MAX_DEPTH} levels")
        items = value.values() if isinstance(value, dict) else value
        count += len(items)
        if count > MAX_VALUES:
            raise _Bad("", f"more than {MAX_VALUES:,} values")
        for item in items:
            if isinstance(item, dict | list):
                stack.append((item, depth + 1))
            elif isinstance(item, str):
                bad = _BAD_TEXT.search(item)
                if bad is not None:
                    raise _Bad("", f"a text holds the control character U+{ord(bad.group()):04X}")
            elif isinstance(item, float) and not math.isfinite(item):
                raise _Bad("", "a number is too large")
            elif isinstance(item, int) and not -_TOO_LONG < item < _TOO_LONG:
                digits = len(str(abs(item)))
                raise _Bad("", f"a number of {digits:,} digits (at most {MAX_DIGITS})")


def check_record(data: Any, name: str, walked: bool = False) -> Record:
    """The record in a decoded save (as :meth:`Record.to_json` makes it), every field checked.

    Args:
        data: The decoded JSON.
        name: What the value came from (a file name), for the messages.
        walked: Its values were checked already (sizes, nesting, texts: as
            :func:`load_record` does while reading).

    Raises:
        RecordError: the value is not a record this game reads, naming the field and why.
    """
    if not isinstance(data, dict) or data.get("format") != RECORD_FORMAT:
        raise RecordError(f"{name}: not a Treaty Table save file")
    try:
        if not walked:
            _walk(data)
        return _check(data)
    except _Bad as exc:
        raise RecordError(f"{name}: damaged save file: {exc}") from None
    except _Newer as exc:
        raise RecordError(f"{name}: {exc}") from None


class _Newer(Exception):
    """A save format this game does not read."""


def _check(data: dict[str, Any]) -> Record:
    version = data.get("version")
    if type(version) is not int:
        raise _Bad("version", f"must be a whole number, not {_kind(version)}")
    reads = (
        f"version {RECORD_VERSION}"
        if OLDEST_VERSION == RECORD_VERSION
        else f"versions {OLDEST_VERSION} to {RECORD_VERSION}"
    )
    if version > RECORD_VERSION:
        raise _Newer(
            f"this save was written by a newer version of Treaty Table (save format "
            f"version {version}; this game reads {reads}): update the game to open it"
        )
    if version < OLDEST_VERSION:
        raise _Newer(
            f"this save is in an old format (version {version}) that this game no longer "
            f"reads (it reads {reads})"
        )
    scenario = data.get("scenario")
    if not isinstance(scenario, dict):
        raise _Bad(
            "scenario", f"must be an object with the scenario's id and hash, not {_kind(scenario)}"
        )
    sid = _text(scenario.get("id"), "scenario.id", MAX_TEXT, "a scenario's id")
    if not _SCENARIO_ID.fullmatch(sid):
        raise _Bad(
            "scenario.id",
            f"{_shown(sid)} is not a scenario's id (small letters, digits and '-'); "
            "a save names its scenario, never a file",
        )
    shash = _text(scenario.get("hash"), "scenario.hash", 64, "a hash")
    if not _HASH.fullmatch(shash):
        raise _Bad("scenario.hash", f"{_shown(shash)} is not a scenario's hash (64 hex digits)")
    seed = _whole(data.get("seed"), "seed", -MAX_SEED, MAX_SEED)
    raw_moves = data.get("moves")
    if not isinstance(raw_moves, list):
        raise _Bad("moves", f"must be a list of moves, not {_kind(raw_moves)}")
    if len(raw_moves) > MAX_MOVES:
        raise _Bad("moves", f"{len(raw_moves):,} moves; a save holds at most {MAX_MOVES:,}")
    moves = tuple(_move(mv, f"move {i}") for i, mv in enumerate(raw_moves, start=1))
    meta = data.get("meta")
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise _Bad("meta", f"must be an object, not {_kind(meta)}")
    _check_meta(meta)
    return Record(sid, shash, seed, moves, dict(meta))


def _empty(value: object) -> bool:
    """A field a move leaves out when it is written (null, an empty text, list or object)."""
    return value is None or (isinstance(value, str | list | dict) and not value)


def _move(data: object, where: str) -> Move:
    if not isinstance(data, dict):
        raise _Bad(where, f"must be an object, not {_kind(data)}")
    _text(data.get("kind"), f"{where}: 'kind'", MAX_ID, "the name of a move")
    _text(data.get("side"), f"{where}: 'side'", MAX_ID, "a party's id")
    package = data.get("package")
    if package is not None:
        if not isinstance(package, dict):
            raise _Bad(f"{where}: 'package'", f"must be an object, not {_kind(package)}")
        for key, value in package.items():
            _text(key, f"{where}: an issue of its package", MAX_ID, "an issue's id")
            if isinstance(value, str):
                _text(value, f"{where}: the value of {_shown(key)}", MAX_ID)
            elif isinstance(value, bool) or not isinstance(value, int | float):
                raise _Bad(
                    f"{where}: the value of {_shown(key)}",
                    f"must be a number, a text or a date, not {_kind(value)}",
                )
    if data.get("argument") is not None:
        _text(data["argument"], f"{where}: 'argument'", MAX_ID, "an argument's id")
    until = data.get("until")
    if until is not None:
        _text(until, f"{where}: 'until'", MAX_ID, "a date (YYYY-MM-DD)")
        try:
            if not _DATE.fullmatch(until):
                raise ValueError(until)
            dt.date.fromisoformat(until)
        except ValueError:
            raise _Bad(f"{where}: 'until'", f"{_shown(until)} is not a date (YYYY-MM-DD)") from None
    try:
        move = Move.from_json(data)
    except IllegalMoveError as exc:
        raise _Bad(where, exc.reason) from None
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise _Bad(where, f"cannot be read ({_shown(str(exc), 80)})") from None
    # Nothing may be dropped or changed on the way: a field this game does not read
    # (a newer game's) or cannot read (a wrong type) is named, never ignored.
    given = {k: v for k, v in data.items() if not _empty(v)}
    back = move.to_json()
    for key in sorted(set(given) | set(back), key=str):
        if given.get(key) != back.get(key):
            if key not in back:
                raise _Bad(
                    where,
                    f"this game does not read its field {_shown(key)} "
                    "(a save made by a newer version of the game?)",
                )
            raise _Bad(f"{where}: {_shown(key)}", f"cannot be read: {_shown(given.get(key))}")
    return move


def _check_meta(meta: Mapping[str, Any]) -> None:
    """The ``meta`` fields the game reads are typed; others (a tool's) are kept as they are."""
    for key in meta:
        _text(key, "meta", MAX_ID, "a field name")
    if "role" in meta:
        _text(meta["role"], "meta.role", MAX_ID, "a role's id")
    if "humans" in meta:
        humans = meta["humans"]
        if not isinstance(humans, list) or len(humans) > 64:
            raise _Bad("meta.humans", f"must be a list of party ids, not {_kind(humans)}")
        for h in humans:
            _text(h, "meta.humans", MAX_ID, "a party's id")
    if "difficulty" in meta:
        diff = _text(meta["difficulty"], "meta.difficulty", MAX_ID)
        if diff not in DIFFICULTIES:
            raise _Bad(
                "meta.difficulty",
                f"{_shown(diff)} is not a difficulty ({', '.join(DIFFICULTIES)})",
            )
    for key in ("scenario_path", "saved", "date"):
        if key in meta:
            _text(meta[key], f"meta.{key}", 4096)
    if "saved" in meta:
        try:
            dt.datetime.fromisoformat(meta["saved"])
        except ValueError:
            raise _Bad("meta.saved", f"{_shown(meta['saved'])} is not a date and time") from None
    if "date" in meta:
        try:
            dt.date.fromisoformat(meta["date"])
        except ValueError:
            raise _Bad("meta.date", f"{_shown(meta['date'])} is not a date") from None
    for key in ("over", "autosave"):
        if key in meta and not isinstance(meta[key], bool):
            raise _Bad(f"meta.{key}", f"must be true or false, not {_kind(meta[key])}")
    if "title" in meta:
        _texts(meta["title"], "meta.title")
    if "players" in meta:
        players = meta["players"]
        if not isinstance(players, list) or len(players) > 64:
            raise _Bad("meta.players", f"must be a list of names by language, not {_kind(players)}")
        for player in players:
            _texts(player, "meta.players")


def _texts(texts: object, where: str) -> None:
    """A text by language (``{"en": ..., "az": ...}``), as a save's meta holds names."""
    if not isinstance(texts, dict) or len(texts) > 64:
        raise _Bad(where, f"must be an object of texts by language, not {_kind(texts)}")
    for lang, text in texts.items():
        _text(lang, where, 8, "a language code")
        _text(text, f"{where}.{lang}", 1000)
