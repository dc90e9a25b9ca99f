"""A read-only mapping for the values a game state holds.

:class:`FrozenMap` is a ``dict`` that refuses every change after it is made,
so a state, an offer or an outcome can be shared between games, threads and
the undo history without being copied. Reading it costs what reading a
``dict`` costs; it prints, compares and serialises (JSON, ``pickle``,
``copy``) as a ``dict`` does.

>>> terms = FrozenMap({"oil_share": 50})
>>> terms["oil_share"], terms == {"oil_share": 50}
(50, True)
>>> terms["oil_share"] = 45
Traceback (most recent call last):
...
TypeError: a FrozenMap cannot be changed
"""

from __future__ import annotations

from typing import Any, NoReturn, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class FrozenMap(dict[K, V]):
    """A ``dict`` that cannot be changed: make a new one with ``FrozenMap({**old, k: v})``."""

    __slots__ = ()

    def _refuse(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("a FrozenMap cannot be changed")

    __setitem__ = _refuse
    __delitem__ = _refuse
    __ior__ = _refuse
    clear = _refuse
    pop = _refuse
    popitem = _refuse
    setdefault = _refuse
    update = _refuse

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenMap, (dict(self),))

    def __copy__(self) -> FrozenMap[K, V]:
        return self


def frozen(mapping: Any) -> FrozenMap[Any, Any]:
    """``mapping`` as a :class:`FrozenMap` (itself when it already is one)."""
    return mapping if type(mapping) is FrozenMap else FrozenMap(mapping)
