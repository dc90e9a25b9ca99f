"""Saved games and replays on disk: versioned JSON, written atomically.

A record is written to a temporary file in the target's folder, flushed to
disk, then renamed over the target, so a crash never leaves half a file.
Reading names the file's problem (unreadable, not UTF-8, not JSON, with the
line and column, or not a record: see :meth:`Record.from_json`).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from game.engine.record import Record, RecordError

__all__ = ["RecordError", "load_record", "save_record"]


def save_record(record: Record, path: str | os.PathLike[str]) -> Path:
    """Write ``record`` as JSON atomically; returns the path written."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(record.to_json(), ensure_ascii=False, indent=1)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=target.parent)
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


def load_record(path: str | os.PathLike[str]) -> Record:
    """Read a save or replay file. Raises RecordError naming the problem."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except IsADirectoryError:
        raise RecordError(f"{p}: is a folder, not a save file") from None
    except OSError as exc:
        raise RecordError(f"{p}: cannot be read ({exc.strerror})") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise RecordError(f"{p}: not a save file (not UTF-8 text)") from None
    except json.JSONDecodeError as exc:
        raise RecordError(f"{p}:{exc.lineno}:{exc.colno}: damaged save file: {exc.msg}") from None
    return Record.from_json(data, str(p))
