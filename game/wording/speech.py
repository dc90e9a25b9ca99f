"""The opponent's reasons as a diplomat says them, and the numbers behind them.

The engine gives its reasons as :class:`~game.engine.messages.Msg` codes with
parameters; :func:`speak` words them as sentences a diplomat would say
(``speech.<code>`` in the catalogue, with issue and option names, never
utilities), :func:`details` as the engine's figures (``engine.<code>``).
"""

from __future__ import annotations

from collections.abc import Iterable

from game.engine.compiled import Compiled
from game.engine.messages import Msg
from game.wording import words
from game.wording.catalogue import Translator


def speak(c: Compiled, tr: Translator, side: str, reasons: Iterable[str]) -> list[str]:
    """``side``'s reasons as a diplomat's sentences in ``tr``'s language (no numbers)."""
    out: list[str] = []
    for r in reasons:
        if not isinstance(r, Msg):
            continue  # a figure with no words of its own: in the details
        if r.code == "persona_rule":
            line = words.message(c, tr, r)
        elif tr.has(f"speech.{r.code}"):
            line = words.message(c, tr, Msg(f"speech.{r.code}", str(r), **dict(r.params)), "")
        else:
            continue
        if line and line not in out:
            out.append(line)
    return out


def details(c: Compiled, tr: Translator, side: str, reasons: Iterable[str]) -> list[str]:
    """``side``'s reasons with their figures (what the AI computed), in ``tr``'s language."""
    return [words.message(c, tr, r) for r in reasons]
