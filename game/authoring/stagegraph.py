"""The stage tree of a scenario as plain data: chains, leaves, inherited settings, windows.

The engine's machine (:mod:`game.engine.compiled`) plays the stages; this
module answers the questions an author's tools ask about them without
playing: which leaf a stage enters, which transitions a leaf can take (its
own first, then its ancestors'), which dates a stage can be played on, and
which stages are reachable from the start or can reach an end.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from game.scenario import model as m

PathT = tuple[str | int, ...]
TransitionRef = tuple[str, int, m.Transition]
"""A transition with the stage that declares it and its index there."""


@dataclass(frozen=True)
class StageNode:
    """A stage with its place in the tree and in the YAML file."""

    stage: m.Stage
    path: PathT
    parent: str | None
    ancestors: tuple[str, ...]
    children: tuple[str, ...]


class StageGraph:
    """The stage tree of one scenario (first definition of an id wins)."""

    def __init__(self, sc: m.Scenario) -> None:
        self.sc = sc
        self.nodes: dict[str, StageNode] = {}
        self._latest: dict[str, dt.date] | None = None
        self._add(sc.stages, ("stages",), None, ())

    def _add(
        self,
        stages: tuple[m.Stage, ...],
        path: PathT,
        parent: str | None,
        ancestors: tuple[str, ...],
    ) -> None:
        for i, stage in enumerate(stages):
            if stage.id in self.nodes:
                continue
            self.nodes[stage.id] = StageNode(
                stage, path + (i,), parent, ancestors, tuple(s.id for s in stage.stages)
            )
            self._add(stage.stages, path + (i, "stages"), stage.id, ancestors + (stage.id,))

    # ------------------------------------------------------------------ tree

    def chain(self, sid: str) -> tuple[str, ...]:
        """The stage's ancestors (outermost first) and the stage itself."""
        node = self.nodes[sid]
        return node.ancestors + (sid,)

    def leaf_of(self, sid: str) -> str:
        """The leaf entered when ``sid`` is entered (through ``initial`` sub-stages)."""
        seen: set[str] = set()
        while self.nodes[sid].children and sid not in seen:
            seen.add(sid)
            stage = self.nodes[sid].stage
            nxt = stage.initial if stage.initial in self.nodes else self.nodes[sid].children[0]
            sid = nxt or sid
        return sid

    def leaves(self) -> list[str]:
        """Every stage without sub-stages."""
        return [sid for sid, n in self.nodes.items() if not n.children]

    def descendants(self, sid: str) -> set[str]:
        """The stages inside ``sid`` (at any depth)."""
        out: set[str] = set()
        todo = list(self.nodes[sid].children)
        while todo:
            cur = todo.pop()
            if cur not in out:
                out.add(cur)
                todo.extend(self.nodes[cur].children)
        return out

    def leaves_under(self, sid: str) -> list[str]:
        """The leaves inside ``sid`` (``sid`` itself if it is a leaf)."""
        if not self.nodes[sid].children:
            return [sid]
        return [s for s in self.descendants(sid) if not self.nodes[s].children]

    # ------------------------------------------------------------------ inherited settings

    def open_of(self, sid: str) -> tuple[str, ...]:
        """The issues open in a stage (its own ``open``, else the nearest ancestor's)."""
        for s in reversed(self.chain(sid)):
            if self.nodes[s].stage.open is not None:
                return tuple(self.nodes[s].stage.open or ())
        return ()

    def moves_of(self, sid: str) -> tuple[m.MoveKind, ...]:
        """The moves allowed in a stage (its own ``moves``, else the nearest ancestor's)."""
        for s in reversed(self.chain(sid)):
            if self.nodes[s].stage.moves is not None:
                return tuple(self.nodes[s].stage.moves or ())
        return m.ALL_MOVES

    def parties_of(self, sid: str) -> tuple[str, ...]:
        """Who sits at the table in a stage (its own ``parties``, else the nearest
        ancestor's, else every party)."""
        for s in reversed(self.chain(sid)):
            if self.nodes[s].stage.parties is not None:
                return tuple(self.nodes[s].stage.parties or ())
        return tuple(p.id for p in self.sc.parties)

    def window(self, sid: str) -> tuple[dt.date, dt.date]:
        """The dates the calendar can show while in ``sid``.

        Not before the calendar's start and the stages' ``start`` (entering a
        stage moves the calendar to its start); not after the latest date the
        game can still be in one of its leaves (see :meth:`latest`).
        """
        cal = self.sc.calendar
        lo = cal.start
        for s in self.chain(sid):
            st = self.nodes[s].stage
            if st.start is not None and st.start > lo:
                lo = st.start
        latest = self.latest()
        hi = max((latest[leaf] for leaf in self.leaves_under(sid)), default=cal.deadline)
        return lo, max(lo, hi)

    def latest(self) -> dict[str, dt.date]:
        """For each leaf, the latest date the game can be in it.

        A leaf whose time is up (its own or an ancestor's ``until``, or
        ``days`` counted from an entry no later than the leaf's) times out at
        its next session, so the game stays in it at most until the later of
        that limit and the latest date it can be entered; without a limit, up
        to the calendar's deadline. Computed over every transition, usable or
        not, so it never underestimates.
        """
        if self._latest is not None:
            return self._latest
        cal = self.sc.calendar
        leaves = self.leaves()
        succ = {
            leaf: {self.leaf_of(tr.to) for _, _, tr in self.ways_out(leaf) if tr.to in self.nodes}
            for leaf in leaves
        }
        entry: dict[str, dt.date] = dict.fromkeys(leaves, dt.date.min)
        if self.sc.initial in self.nodes:
            entry[self.leaf_of(self.sc.initial)] = cal.start
        out: dict[str, dt.date] = dict.fromkeys(leaves, dt.date.min)
        changed = True
        while changed:
            changed = False
            for leaf in leaves:
                if entry[leaf] == dt.date.min:
                    continue
                chain = [self.nodes[x].stage for x in self.chain(leaf)]
                came = max([entry[leaf], *(st.start for st in chain if st.start is not None)])
                limits = [st.until for st in chain if st.until is not None]
                limits += [came + dt.timedelta(days=st.days) for st in chain if st.days is not None]
                stay = max(came, min([cal.deadline, *limits]))
                if stay > out[leaf]:
                    out[leaf] = stay
                    changed = True
                for nxt in succ[leaf]:
                    if stay > entry[nxt]:
                        entry[nxt] = stay
                        changed = True
        self._latest = {leaf: (d if d != dt.date.min else cal.deadline) for leaf, d in out.items()}
        return self._latest

    def time_limits(self, sid: str) -> list[tuple[str, m.Stage]]:
        """Stages whose ``until`` or ``days`` can time out a leaf in ``sid`` (chain and inside)."""
        ids = list(self.chain(sid)) + sorted(self.descendants(sid))
        return [
            (s, self.nodes[s].stage)
            for s in ids
            if self.nodes[s].stage.until is not None or self.nodes[s].stage.days is not None
        ]

    # ------------------------------------------------------------------ transitions

    def transitions(self) -> Iterator[tuple[str, int, m.Transition, PathT]]:
        """Every transition: declaring stage, index, transition and YAML path."""
        for sid, node in self.nodes.items():
            for j, tr in enumerate(node.stage.transitions):
                yield sid, j, tr, node.path + ("transitions", j)

    def ways_out(self, leaf: str) -> list[TransitionRef]:
        """The transitions a leaf can take, in the order the machine tries them:
        the leaf's own, then its parent's, and so on outwards."""
        out: list[TransitionRef] = []
        for s in reversed(self.chain(leaf)):
            out.extend((s, j, tr) for j, tr in enumerate(self.nodes[s].stage.transitions))
        return out

    def successors(self, leaf: str, usable: Callable[[str, int, m.Transition], bool]) -> set[str]:
        """The leaves one usable transition away from ``leaf``."""
        if self.nodes[leaf].stage.end is not None:
            return set()
        return {
            self.leaf_of(tr.to)
            for s, j, tr in self.ways_out(leaf)
            if tr.to in self.nodes and usable(s, j, tr)
        }

    def reachable(self, usable: Callable[[str, int, m.Transition], bool]) -> set[str]:
        """Every stage (leaves and their ancestors) reachable from the scenario's start."""
        if self.sc.initial not in self.nodes:
            return set()
        start = self.leaf_of(self.sc.initial)
        seen = {start}
        todo = deque([start])
        while todo:
            cur = todo.popleft()
            for nxt in self.successors(cur, usable):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        out: set[str] = set()
        for leaf in seen:
            out.update(self.chain(leaf))
        return out

    def can_end(self, usable: Callable[[str, int, m.Transition], bool]) -> set[str]:
        """Every leaf from which some stage with ``end`` can be reached."""
        leaves = self.leaves()
        preds: dict[str, set[str]] = {leaf: set() for leaf in leaves}
        for leaf in leaves:
            for nxt in self.successors(leaf, usable):
                preds.setdefault(nxt, set()).add(leaf)
        good = {leaf for leaf in leaves if self.nodes[leaf].stage.end is not None}
        todo = deque(good)
        while todo:
            cur = todo.popleft()
            for p in preds.get(cur, ()):
                if p not in good:
                    good.add(p)
                    todo.append(p)
        return good
