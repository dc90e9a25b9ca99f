"""Any NegMAS SAO negotiator as a side's policy in ``simulate`` and ``play``.

``--policy japan=negmas:negmas.sao:AspirationNegotiator`` (the game finds the
``negmas`` policy through the ``treaty_table.policies`` entry point this
package registers). Arguments for the class follow a ``?``:
``negmas:negmas_genius_agents:CUHKAgent?alpha=2.5``.

The negotiator sits in a NegMAS SAO mechanism with a proxy for the other
side: each time the game asks the side for a move, the proxy puts the other
side's offer on the table (or none) and the negotiator answers; an
acceptance becomes ``accept``, an offer ``propose``/``counter``, ending the
negotiation ``break_off``. Relative time is the game's (its calendar), not
the mechanism's steps. A new stage with other open issues starts a new
negotiation. The mechanism lives as long as the game goes straight on; after
an undo or a reload it is rebuilt from the offers so far. NegMAS agents that
use chance are seeded from the game's seed.
"""

from __future__ import annotations

import ast
import importlib
import random
import zlib
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from negmas.sao import ResponseType, SAOCallNegotiator, SAOMechanism, SAOResponse, SAOState

from game.engine.compiled import Compiled
from game.engine.messages import Msg
from game.engine.moves import Move, MoveKind
from game.engine.policy import Choice, fallback
from game.engine.rules import check
from game.engine.space import Value
from game.engine.state import GameState
from game.engine.utility import side_view
from treaty_table_negmas.convert import label, to_negmas

__all__ = ["NegmasPolicy", "make_policy", "negotiator_factory"]


def negotiator_factory(spec: str) -> tuple[type[Any], dict[str, Any]]:
    """``module:Class[?key=value&...]`` -> the class and its keyword arguments.

    Raises:
        ValueError: the spec is malformed, or names nothing importable.
    """
    target, _, query = spec.partition("?")
    module_name, _, attr = target.rpartition(":")
    if not module_name or not attr:
        raise ValueError(f"'{spec}': write MODULE:CLASS, e.g. negmas.sao:AspirationNegotiator")
    try:
        cls = getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        raise ValueError(f"'{spec}': cannot import {attr} from {module_name} ({exc})") from None
    kwargs: dict[str, Any] = {}
    for pair in filter(None, query.split("&")):
        key, _, raw = pair.partition("=")
        try:
            kwargs[key] = ast.literal_eval(raw)
        except (ValueError, SyntaxError):
            kwargs[key] = raw
    return cls, kwargs


class _Clock(SAOMechanism):  # type: ignore[misc]
    """An SAO mechanism whose relative time is the game's, set before each step."""

    game_time = 0.0

    def _relative_time_for(self, nmi: Any) -> float:
        return self.game_time

    def _expected_relative_time_for(self, nmi: Any) -> float:
        return self.game_time


class _Proxy(SAOCallNegotiator):  # type: ignore[misc]
    """The game's other side in the mechanism: it says what the game says."""

    next: Any = None

    def __call__(self, state: SAOState, dest: str | None = None) -> SAOResponse:
        return SAOResponse(ResponseType.REJECT_OFFER, self.next)


@dataclass
class _Live:
    key: tuple[Any, ...]
    mechanism: _Clock
    proxy: _Proxy
    values: dict[str, dict[str, Value]]
    ids: tuple[str, ...]
    ply: int
    offers: int


@dataclass
class NegmasPolicy:
    """A NegMAS negotiator class playing one side (see the module docstring)."""

    c: Compiled
    side: str
    cls: type[Any]
    kwargs: dict[str, Any] = field(default_factory=dict)
    name: str = "negmas"
    _live: _Live | None = field(default=None, init=False, repr=False)

    def _expected_turns(self) -> int:
        cal = self.c.sc.calendar
        sessions = max(1, (cal.deadline - cal.start).days // max(1, cal.session_days))
        return max(100, sessions * cal.moves_per_session)

    def _start(self, state: GameState, key: tuple[Any, ...]) -> _Live:
        seed = (state.seed * 1_000_003 + zlib.crc32(self.side.encode())) & 0xFFFFFFFF
        random.seed(seed)
        np.random.seed(seed)
        view = side_view(state, self.side)
        # NegMAS's SAO talks are bilateral: the other signatory
        across = next(p for p in self.c.signatories if p != self.side)
        other = side_view(state, across)
        mine = to_negmas(view.utility, name=self.side)
        mechanism = _Clock(
            outcome_space=mine.outcome_space,
            n_steps=4 * self._expected_turns(),
            one_offer_per_step=True,
        )
        proxy = _Proxy(name=across)
        theirs = to_negmas(other.utility, name=proxy.name)
        negotiator = self.cls(name=self.side, **self.kwargs)
        opens = state.offer is None and not any(o.by != self.side for o in state.offers)
        if opens:
            mechanism.add(negotiator, ufun=mine)
            mechanism.add(proxy, ufun=theirs)
        else:
            mechanism.add(proxy, ufun=theirs)
            mechanism.add(negotiator, ufun=mine)
        values = {i.id: {label(v): v for v in i.values} for i in view.space.issues}
        return _Live(key, mechanism, proxy, values, view.space.ids, state.ply, 0)

    def _outcome(self, live: _Live, package: Any) -> tuple[str, ...] | None:
        if package is None or any(i not in package for i in live.ids):
            return None
        return tuple(label(package[i]) for i in live.ids)

    def choose(self, state: GameState, side: str) -> Choice:
        view = side_view(state, side)
        if not view.space.issues:
            return Choice(fallback(state, side), (Msg("ai.nothing_open", "Nothing is open."),))
        key = (id(self.c), state.seed, state.stage, view.space.ids)
        live = self._live
        if live is None or live.key != key or state.ply < live.ply or live.mechanism.state.ended:
            live = self._live = self._start(state, key)
        live.ply = state.ply
        m = live.mechanism
        m.game_time = view.time
        theirs = state.offer.package if state.offer is not None and state.offer.by != side else None
        if m.state.step > 0 or m.negotiators[0] is live.proxy:
            live.proxy.next = self._outcome(live, theirs)
            m.step()
        m.step()
        s = m.state
        move: Move
        if s.agreement is not None and theirs is not None:
            move = Move(MoveKind.ACCEPT, side)
        elif s.broken or (s.ended and s.agreement is None):
            move = Move(MoveKind.BREAK_OFF, side)
        elif (
            s.current_offer is not None
            and s.current_proposer == m.negotiators[-1 if m.negotiators[0] is live.proxy else 0].id
        ):
            package = {
                iid: live.values[iid][str(v)]
                for iid, v in zip(live.ids, s.current_offer, strict=True)
            }
            move = Move(MoveKind.COUNTER if theirs is not None else MoveKind.PROPOSE, side, package)
        else:
            move = fallback(state, side)
        reasons: tuple[str, ...] = (Msg("negmas.move", f"{self.name} chose {move.kind}."),)
        if check(state, move) is not None:
            move = fallback(state, side)
            reasons += (Msg("ai.nothing_better", "(nothing better is open to me now)"),)
        return Choice(move, reasons)


def make_policy(c: Compiled, side: str, spec: str) -> NegmasPolicy:
    """The ``negmas`` policy: ``spec`` is ``module:Class[?key=value&...]``.

    Raises:
        ValueError: ``spec`` names no importable class.
    """
    cls, kwargs = negotiator_factory(spec)
    return NegmasPolicy(c, side, cls, kwargs, name=spec.partition("?")[0].rpartition(":")[2])
