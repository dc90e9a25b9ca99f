"""Keeping the window's memory down between scenes.

pygame_gui widgets hold their surfaces in reference cycles, so a killed scene's
widgets (often megabytes of pixels) live on until the cyclic garbage collector
runs, which it does by object counts, not bytes. :func:`release` collects them
when a scene goes and hands the freed memory back to the system.

On glibc, :func:`tune` also fixes the threshold above which ``malloc`` maps
blocks from the system (it otherwise rises after the first large ``free``, so
later surfaces come from the heap and leave it fragmented). Elsewhere both are
no-ops beyond the garbage collection.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import sys
from functools import cache
from typing import Any

M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 128 * 1024


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


def tune() -> None:
    """Fix malloc's mmap threshold (glibc), so large freed blocks go back at once."""
    libc = _libc()
    if libc is not None:
        libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)


def release() -> None:
    """Collect the widgets of a scene that has gone and return free memory to the system."""
    gc.collect()
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)
