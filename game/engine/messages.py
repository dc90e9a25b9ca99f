"""Messages the engine words in English, with a code and parameters for front ends.

A :class:`Msg` *is* its English text (a ``str``), so logs, tests and the
terminal use it as it is; a front end in another language looks up
``engine.<code>`` in its catalogue and fills in the parameters (issue, party
and argument ids it names in its own language; numbers as they are).

>>> m = Msg("not_turn", "It is not your turn: Japan is to move.", side="japan")
>>> m == "It is not your turn: Japan is to move.", m.code, dict(m.params)
(True, 'not_turn', {'side': 'japan'})
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class Msg(str):
    """An English message that also carries ``code`` and ``params``."""

    code: str
    params: Mapping[str, Any]

    def __new__(cls, code: str, text: str, /, **params: Any) -> Msg:
        obj = super().__new__(cls, text)
        obj.code = code
        obj.params = params
        return obj

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.code, str(self), dict(self.params)))


def _rebuild(code: str, text: str, params: dict[str, Any]) -> Msg:
    return Msg(code, text, **params)
