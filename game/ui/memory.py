"""Keeping the window's memory down between scenes.

pygame_gui widgets hold their surfaces in reference cycles, so a killed scene's
widgets (often megabytes of pixels) live on until the cyclic garbage collector
runs, which it does by object counts, not bytes. A full collection costs tens
of milliseconds (it walks every object of the game), so the window does not
collect each time widgets go: :func:`release` collects when a scene exits and
hands the freed memory back to the system; :func:`tidy`, called where widgets
are let go or rebuilt (a scene covered, a rebuild, a move at the table),
collects only when the process has grown by :data:`GROWTH` since the last
collection, or is above :data:`HIGH`. What is alive when the window opens
(the modules, most of the objects there are) is frozen out of the collector
(:func:`tune`), so a collection walks only the game and its widgets.

On glibc, :func:`tune` also fixes the threshold above which ``malloc`` maps
blocks from the system (it otherwise rises after the first large ``free``, so
later surfaces come from the heap and leave it fragmented). Elsewhere both are
no-ops beyond the garbage collection; where the resident size cannot be read,
:func:`tidy` collects every :data:`EVERY` calls.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import os
import sys
from functools import cache
from typing import Any

M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 128 * 1024
GROWTH = 2 * 1024 * 1024
"""Bytes the process may grow by between collections (of garbage or of real data)."""
HIGH = 108 * 1024 * 1024
"""Above this resident size every chance to collect is taken (the goal is 120 MB)."""
EVERY = 8


class _Since:
    resident: int | None = None
    calls = 0


@cache
def _libc() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallopt  # noqa: B018 - glibc only (musl has neither function)
        libc.malloc_trim  # noqa: B018
    except (OSError, AttributeError):
        return None
    return libc


def resident() -> int | None:
    """The process's resident memory now, in bytes (read from /proc), or None."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


@cache
def tune() -> None:
    """Once a process: fix malloc's mmap threshold (glibc), so large freed blocks go back
    at once; and set what is alive now (the modules: most of the objects there are)
    aside from the collector, so that each collection walks only the game and its widgets."""
    libc = _libc()
    if libc is not None:
        libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)
    gc.collect()
    gc.freeze()


def release() -> None:
    """Collect the widgets of a scene that has gone and return free memory to the system."""
    gc.collect()
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)
    _Since.resident = resident()
    _Since.calls = 0


def tidy() -> bool:
    """Collect (as :func:`release`) if the process has grown by :data:`GROWTH` since the
    last collection, or is above :data:`HIGH`; returns whether it collected."""
    now = resident()
    _Since.calls += 1
    if now is None:
        grown = _Since.calls >= EVERY
    else:
        grown = _Since.resident is None or now > min(_Since.resident + GROWTH, HIGH)
    if grown:
        release()
    return grown
