"""The game's seeded random numbers: a pure function of (seed, draw number).

The state carries how many numbers were drawn, so undo, replay and "take
over at step N" give the same numbers again (no hidden generator state).

>>> draw(7, 0) == draw(7, 0)
True
>>> 0.0 <= draw(7, 1) < 1.0
True
"""

from __future__ import annotations

_MASK = (1 << 64) - 1


def _splitmix64(x: int) -> int:
    x = (x + 0x9E3779B97F4A7C15) & _MASK
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _MASK
    return x ^ (x >> 31)


def draw(seed: int, n: int) -> float:
    """The ``n``-th number in [0, 1) of the game seeded with ``seed``."""
    return _splitmix64((seed * 0x100000001B3 + n) & _MASK) / float(1 << 64)


def pick(seed: int, n: int, weights: list[float]) -> int:
    """Index chosen with probability proportional to ``weights`` (the ``n``-th draw)."""
    total = sum(weights)
    x = draw(seed, n) * total
    for i, w in enumerate(weights):
        x -= w
        if x < 0:
            return i
    return len(weights) - 1
