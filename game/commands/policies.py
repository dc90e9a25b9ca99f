"""Policies a command line can name: the built-in ones and those of installed plugins.

A plugin registers a factory in the entry-point group ``treaty_table.policies``
(``name = "package.module:factory"``); ``--policy japan=NAME:SPEC`` then calls
``factory(compiled, side, SPEC)`` for a policy (an object with
``choose(state, side) -> Choice``). The optional NegMAS bridge registers
``negmas``: ``--policy japan=negmas:negmas.sao:AspirationNegotiator``. A plugin
is code its user chose to install and run; scenario files stay data.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import entry_points
from typing import Any

from game.engine import Compiled
from game.engine.policy import DIFFICULTIES, Policy, make_policy

GROUP = "treaty_table.policies"
BUILTIN = (*DIFFICULTIES, "random")


def plugins() -> dict[str, Any]:
    """Installed policy plugins: name -> entry point."""
    return {ep.name: ep for ep in entry_points(group=GROUP)}


def problem(kind: str) -> str | None:
    """Why ``kind`` names no policy, or None when it does."""
    if kind in BUILTIN:
        return None
    name, _, spec = kind.partition(":")
    found = plugins()
    if name not in found:
        extra = f"; installed plugins: {', '.join(sorted(found))}" if found else ""
        return f"no policy '{name}' (built in: {', '.join(BUILTIN)}{extra})"
    if not spec:
        return f"the {name} policy needs what to run after a colon, e.g. {name}:MODULE:CLASS"
    return None


def make(c: Compiled, side: str, kind: str) -> Policy:
    """The policy named ``kind`` for ``side``: built in, or ``PLUGIN:SPEC``.

    Raises:
        ValueError: ``kind`` names no policy, or the plugin refuses ``SPEC``.
    """
    if kind in BUILTIN:
        return make_policy(c, side, kind)
    why = problem(kind)
    if why is not None:
        raise ValueError(why)
    name, _, spec = kind.partition(":")
    try:
        factory: Callable[[Compiled, str, str], Policy] = plugins()[name].load()
    except ImportError as exc:
        raise ValueError(f"the {name} policy cannot load ({exc})") from None
    policy: Policy = factory(c, side, spec)
    return policy
