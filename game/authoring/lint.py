"""Lint: what a valid scenario file may still get wrong about a negotiation.

``validate`` checks that a file is a scenario (shapes, types, references);
lint checks that it makes a playable negotiation: every stage reachable and
able to end, every transition and event able to happen, every issue open
somewhere, the historical path legal when replayed, dates in order, texts
translated and cited. Each finding has a short code (see :data:`RULES`).

>>> # lint_path("scenarios/peking-1925.yaml") -> list of Finding
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from game.authoring.citations import outside_without_locator, unsupported_kinds
from game.authoring.decide import Place, World, decide
from game.authoring.findings import ERROR, WARNING, Finding, sort_findings
from game.authoring.lint_table import RULES as TABLE_RULES
from game.authoring.lint_table import TableRules
from game.authoring.stagegraph import StageGraph
from game.scenario import model as m
from game.scenario.kinds import kind_of
from game.scenario.loader import LoadedScenario, load_scenario
from game.scenario.yamlsafe import Problem, ScenarioFileError

PathT = tuple[str | int, ...]

_KIND_WORDS = {"event": "a dated event", "quotation": "a quotation", "number": "a number"}

RULES: dict[str, str] = {
    "unreachable-stage": "a stage no sequence of transitions leads to from the start",
    "no-way-to-end": "a reachable stage from which no stage with 'end' can be reached",
    "impossible-transition": "a transition that can never fire (its 'when' never holds, "
    "or its 'on' cannot happen in the stage)",
    "shadowed-transition": "a transition never tried: an earlier one with the same 'on' always fires first",
    "no-move": "a reachable stage where the side that speaks first has no legal move: no offer "
    "is on the table when a stage begins, so moves that answer one are not possible (error; "
    "the game ends there)",
    "issue-never-open": "an issue not open in any reachable stage",
    "option-no-value": "an option that both parties value at 0",
    "issue-unweighted": "an issue that neither party weighs",
    "history-illegal": "a step of the historical path that the rules refuse when replayed (error)",
    "history-unfinished": "the historical path does not reach an end (error)",
    "history-terms": "the historical path ends with terms other than the issues' 'history' values",
    "deal-past-deadline": "a deal agreed late passes through stages without moves beyond the "
    "calendar deadline, so the game ends 'deadline' instead of signed",
    "date-order": "dates out of order: history steps, events or stages against the calendar",
    "missing-translation": "a text missing a language listed in meta.languages",
    "undeclared-language": "a text in a language meta.languages does not list",
    "missing-citation": "a historical text that should carry a citation",
    "event-never-fires": "an event whose date is past the deadline or whose condition never holds",
    "event-when-ignored": "an event with both 'date' and 'when': it fires on its date, 'when' is not used",
    "impossible-condition": "an argument's or instruction's 'when' that never holds",
    "unusable-argument": "an argument allowed only in stages it can never be made in",
    "unused-mandate": "a mandate that is neither the first one nor set by any effect",
    "unused-source": "a source that no text cites",
    "citation-kind": "a history text states a dated event, a quotation or a number that none of "
    "its cited sources declares it supports (sources' 'supports')",
    "citation-locator": "a citation of an outside source (one that declares 'supports' and has "
    "no 'file') with neither 'quote' nor 'locator'",
    "map-outside": "a place or a point of an area outside the map's region (not drawn)",
    **TABLE_RULES,
}


_NEED_NOTHING = frozenset({m.MoveKind.ADJOURN, m.MoveKind.BREAK_OFF, m.MoveKind.INSTRUCT})
"""Moves a side can make when a stage begins whatever the table holds."""

_FIELDS: dict[type[BaseModel], tuple[tuple[str, str], ...]] = {}


def _fields(cls: type[BaseModel]) -> tuple[tuple[str, str], ...]:
    if cls not in _FIELDS:
        _FIELDS[cls] = tuple(
            (name, f.alias or name) for name, f in cls.__pydantic_fields__.items() if name != "tr"
        )
    return _FIELDS[cls]


def walk_models(obj: Any, path: PathT = ()) -> list[tuple[PathT, BaseModel]]:
    """Every model object of a scenario with its YAML path (as :func:`walk`, faster)."""
    out: list[tuple[PathT, BaseModel]] = []
    stack: list[tuple[PathT, Any]] = [(path, obj)]
    while stack:
        here, cur = stack.pop()
        if isinstance(cur, BaseModel):
            out.append((here, cur))
            for name, alias in reversed(_fields(type(cur))):
                value = getattr(cur, name)
                if value is not None and not isinstance(value, str | int | float | dt.date):
                    stack.append((here + (alias,), value))
        elif isinstance(cur, tuple):
            stack.extend((here + (i,), x) for i, x in reversed(list(enumerate(cur))))
        elif isinstance(cur, dict):
            stack.extend((here + (k,), x) for k, x in reversed(list(cur.items())))
    return out


class _Linter(TableRules):
    def __init__(self, loaded: LoadedScenario) -> None:
        self.loaded = loaded
        self.sc = loaded.scenario
        self.located = loaded.located
        self.objects = walk_models(self.sc)
        self.g = StageGraph(self.sc)
        self.out: list[Finding] = []
        self.world = self._world()
        self.usable_cache: dict[tuple[str, int], bool] = {}
        self.reached: set[str] = set()

    def add(self, path: PathT, code: str, message: str, level: str = WARNING) -> None:
        line, col = self.located.where(path)
        self.out.append(Finding(self.located.file, line, col, level, message, code))

    # ------------------------------------------------------------------ the world

    def _world(self) -> World:
        sc = self.sc
        flags: set[str] = set()
        mandates: dict[str, set[str]] = {
            p.id: set() if p.mandate is None else {p.mandate} for p in sc.parties
        }
        for _, obj in self.objects:
            if isinstance(obj, m.Effect):
                if obj.flag is not None:
                    flags.add(obj.flag)
                if obj.mandate is not None:
                    mandates.setdefault(obj.mandate.party, set()).add(obj.mandate.set)
        agreeable = {iid for leaf in self.g.leaves() for iid in self.g.open_of(leaf)}
        world = World(
            event_dates={e.id: e.date for e in sc.events},
            never_fires=frozenset(),
            flags_set=frozenset(flags),
            mandates={k: frozenset(v) for k, v in mandates.items()},
            agreeable=frozenset(agreeable),
            issues={i.id: i for i in sc.issues},
            ancestors={sid: n.ancestors for sid, n in self.g.nodes.items()},
        )
        self.never_why: dict[str, str] = {}
        for _ in range(len(sc.events) + 1):
            changed = False
            for ev in sc.events:
                if ev.id in self.never_why:
                    continue
                why = self._never_fires(ev, world)
                if why:
                    self.never_why[ev.id] = why
                    changed = True
            world = World(**{**world.__dict__, "never_fires": frozenset(self.never_why)})
            if not changed:
                break
        return world

    def _never_fires(self, ev: m.Event, world: World) -> str:
        cal = self.sc.calendar
        if ev.date is not None:
            if ev.date > cal.deadline:
                return f"its date {ev.date} is after the calendar deadline {cal.deadline}"
            return ""
        if ev.when is not None:
            verdict, why = decide(ev.when, self.global_place(), world)
            if verdict is False:
                return f"its condition never holds: {why}"
        return ""

    def global_place(self) -> Place:
        cal = self.sc.calendar
        return Place(cal.start, cal.deadline)

    def stage_place(self, sid: str) -> Place:
        lo, hi = self.g.window(sid)
        chain = frozenset(self.g.chain(sid))
        return Place(lo, hi, chain, chain | self.g.descendants(sid))

    # ------------------------------------------------------------------ stages and transitions

    def transition_problem(self, sid: str, tr: m.Transition) -> str:
        """Why a transition can never fire, or ''."""
        g, cal = self.g, self.sc.calendar
        leaves = g.leaves_under(sid)
        if tr.on == "agree":
            ok = any(
                g.open_of(leaf)
                and m.MoveKind.ACCEPT in g.moves_of(leaf)
                and {m.MoveKind.PROPOSE, m.MoveKind.COUNTER} & set(g.moves_of(leaf))
                for leaf in leaves
            )
            if not ok:
                return "'on: agree' needs open issues and the moves propose and accept in the stage"
            signers = {p.id for p in self.sc.parties if p.role == "signatory"}
            if not any(signers <= set(g.parties_of(leaf)) for leaf in leaves):
                return "'on: agree' needs every signatory at the table (the stage's 'parties')"
        elif tr.on == "break_off":
            if not any(m.MoveKind.BREAK_OFF in g.moves_of(leaf) for leaf in leaves):
                return "'on: break_off' but the move break_off is not allowed in the stage"
        elif tr.on == "timeout":
            limits = g.time_limits(sid)
            if not limits:
                return (
                    "'on: timeout' but the stage has no 'until' or 'days', so its time is never up"
                )
            if all(
                s.days is None and s.until is not None and s.until > cal.deadline for _, s in limits
            ):
                return f"'on: timeout' but the stage's 'until' is after the calendar deadline {cal.deadline}"
        if tr.when is not None:
            verdict, why = decide(tr.when, self.stage_place(sid), self.world)
            if verdict is False:
                return f"its condition never holds: {why}"
        return ""

    def usable(self, sid: str, j: int, tr: m.Transition) -> bool:
        key = (sid, j)
        if key not in self.usable_cache:
            self.usable_cache[key] = not self.transition_problem(sid, tr) and not self._shadowed(
                sid, j
            )
        return self.usable_cache[key]

    def _shadowed(self, sid: str, j: int) -> int | None:
        trs = self.g.nodes[sid].stage.transitions
        for k in range(j):
            earlier = trs[k]
            if earlier.on != trs[j].on or self.transition_problem(sid, earlier):
                continue
            if (
                earlier.when is None
                or decide(earlier.when, self.stage_place(sid), self.world)[0] is True
            ):
                return k
        return None

    def rule_transitions(self) -> None:
        for sid, j, tr, path in self.g.transitions():
            if tr.to not in self.g.nodes:
                continue
            why = self.transition_problem(sid, tr)
            if why:
                where = path + ("when",) if tr.when is not None and "condition" in why else path
                self.add(
                    where,
                    "impossible-transition",
                    f"transition '{tr.on}' to '{tr.to}' can never fire: {why}",
                )
                continue
            k = self._shadowed(sid, j)
            if k is not None:
                self.add(
                    path,
                    "shadowed-transition",
                    f"transition '{tr.on}' to '{tr.to}' is never taken: transition {k + 1} of "
                    f"stage '{sid}' (also '{tr.on}', to '{self.g.nodes[sid].stage.transitions[k].to}') always fires first",
                )

    def rule_after_agreement(self) -> None:
        g, deadline = self.g, self.sc.calendar.deadline
        for sid, j, tr, path in g.transitions():
            if tr.on != "agree" or tr.to not in g.nodes or not self.usable(sid, j, tr):
                continue
            can_agree = [
                leaf
                for leaf in g.leaves_under(sid)
                if g.open_of(leaf) and m.MoveKind.ACCEPT in g.moves_of(leaf)
            ]
            latest = max((g.latest()[leaf] for leaf in can_agree), default=g.window(sid)[1])
            day, cur, seen = latest, g.leaf_of(tr.to), set()
            while cur not in seen and g.nodes[cur].stage.end is None and not g.moves_of(cur):
                seen.add(cur)
                starts = [
                    d for d in (g.nodes[x].stage.start for x in g.chain(cur)) if d is not None
                ]
                day = max([day, *starts])
                limits = [
                    s.until for _, s in g.time_limits(cur) if s.until is not None and s.until >= day
                ]
                limits += [
                    day + dt.timedelta(days=g.nodes[x].stage.days or 0)
                    for x in g.chain(cur)
                    if g.nodes[x].stage.days is not None
                ]
                nxt = next(
                    (
                        t
                        for s2, k, t in g.ways_out(cur)
                        if t.on == "timeout" and t.to in g.nodes and self.usable(s2, k, t)
                    ),
                    None,
                )
                if not limits or nxt is None:
                    break
                day = min(limits)
                if day > deadline:
                    self.add(
                        path,
                        "deal-past-deadline",
                        f"a deal agreed as late as {latest} is still in stage '{cur}' on {day}, after the "
                        f"calendar deadline {deadline}: the game would end 'deadline'; end the talks earlier "
                        "or move the deadline",
                    )
                    break
                cur = g.leaf_of(nxt.to)

    def rule_stages(self) -> None:
        g = self.g
        self.reached = g.reachable(self.usable)
        for sid, node in g.nodes.items():
            if sid not in self.reached and (node.parent is None or node.parent in self.reached):
                self.add(
                    node.path,
                    "unreachable-stage",
                    f"stage '{sid}' can never be reached from the start ('{self.sc.initial}')",
                )
        ending = g.can_end(self.usable)
        for leaf in g.leaves():
            if leaf in self.reached and leaf not in ending:
                self.add(
                    g.nodes[leaf].path,
                    "no-way-to-end",
                    f"from stage '{leaf}' no stage with 'end' can be reached; the game can only stall or run out of time",
                )

    def rule_no_move(self) -> None:
        g = self.g
        parties = [p.id for p in self.sc.parties]
        for leaf in g.leaves():
            node = g.nodes[leaf]
            moves = g.moves_of(leaf)
            if leaf not in self.reached or node.stage.end is not None or not moves:
                continue
            if _NEED_NOTHING & set(moves):
                continue
            if m.MoveKind.PROPOSE in moves and g.open_of(leaf):
                continue
            opens = next(
                (g.nodes[s].stage.opens for s in reversed(g.chain(leaf)) if g.nodes[s].stage.opens),
                None,
            )
            for side in [opens] if opens in parties else parties:
                if m.MoveKind.ARGUE in moves and any(
                    a.by == side and (not a.stages or set(a.stages) & set(g.chain(leaf)))
                    for a in self.sc.arguments
                ):
                    continue
                self.add(
                    node.path,
                    "no-move",
                    f"in stage '{leaf}' {side} has no legal move when the stage begins (moves: "
                    f"{', '.join(moves)}; no offer is on the table then), so the talks would end "
                    "there: allow propose (with open issues), adjourn or instruct",
                    ERROR,
                )
                break

    # ------------------------------------------------------------------ issues and values

    def rule_issues(self) -> None:
        open_reached = {
            iid for leaf in self.g.leaves() if leaf in self.reached for iid in self.g.open_of(leaf)
        }
        for i, issue in enumerate(self.sc.issues):
            path: PathT = ("issues", i)
            if issue.id not in open_reached:
                self.add(
                    path,
                    "issue-never-open",
                    f"issue '{issue.id}' is not open in any reachable stage, so it can never be negotiated",
                )
            if all(p.preferences.weights.get(issue.id, 0.0) == 0.0 for p in self.sc.parties):
                self.add(
                    path, "issue-unweighted", f"neither party gives issue '{issue.id}' a weight"
                )
            for j, opt in enumerate(kind_of(issue).options(issue)):
                values = [
                    float(p.preferences.values.get(issue.id, {}).get(opt.id, 0.0))
                    for p in self.sc.parties
                ]
                if all(v == 0.0 for v in values):
                    self.add(
                        path + ("options", j),
                        "option-no-value",
                        f"option '{opt.id}' of issue '{issue.id}' is worth 0 to both parties",
                    )

    # ------------------------------------------------------------------ events, arguments, instructions

    def rule_events(self) -> None:
        for i, ev in enumerate(self.sc.events):
            path: PathT = ("events", i)
            if ev.id in self.never_why:
                where = path + ("date",) if ev.date is not None else path + ("when",)
                self.add(
                    where,
                    "event-never-fires",
                    f"event '{ev.id}' can never fire: {self.never_why[ev.id]}",
                )
            if ev.date is not None and ev.when is not None:
                self.add(
                    path + ("when",),
                    "event-when-ignored",
                    f"event '{ev.id}' has a date, so it fires on {ev.date} and its 'when' is never used",
                )

    def rule_arguments(self) -> None:
        g = self.g
        for i, arg in enumerate(self.sc.arguments):
            path: PathT = ("arguments", i)
            stages = [s for s in arg.stages if s in g.nodes]
            if stages:
                leaves = {leaf for s in stages for leaf in g.leaves_under(s)}
                playable = [
                    leaf
                    for leaf in leaves
                    if leaf in self.reached and m.MoveKind.ARGUE in g.moves_of(leaf)
                ]
                if not playable:
                    self.add(
                        path + ("stages",),
                        "unusable-argument",
                        f"argument '{arg.id}' can never be made: none of its stages is reachable with the move argue allowed",
                    )
                    continue
                windows = [g.window(s) for s in stages]
                maybe = frozenset().union(*(set(g.chain(s)) | g.descendants(s) for s in stages))
                place = Place(
                    min(w[0] for w in windows), max(w[1] for w in windows), frozenset(), maybe
                )
            else:
                if not any(
                    m.MoveKind.ARGUE in g.moves_of(leaf)
                    for leaf in g.leaves()
                    if leaf in self.reached
                ):
                    self.add(
                        path,
                        "unusable-argument",
                        f"argument '{arg.id}' can never be made: no reachable stage allows argue",
                    )
                    continue
                place = self.global_place()
            if arg.when is not None:
                verdict, why = decide(arg.when, place, self.world)
                if verdict is False:
                    self.add(
                        path + ("when",),
                        "impossible-condition",
                        f"argument '{arg.id}' can never be made: {why}",
                    )
        for p, party in enumerate(self.sc.parties):
            for j, ins in enumerate(party.instructions):
                if ins.when is None:
                    continue
                verdict, why = decide(ins.when, self.global_place(), self.world)
                if verdict is False:
                    self.add(
                        ("parties", p, "instructions", j, "when"),
                        "impossible-condition",
                        f"instruction '{ins.id}' can never arrive: {why}",
                    )

    def rule_map(self) -> None:
        mp = self.sc.map
        if mp is None:
            return
        box = mp.region

        def inside(lon: float, lat: float) -> bool:
            return box.west <= lon <= box.east and box.south <= lat <= box.north

        where = f"({box.west:g} to {box.east:g} east, {box.south:g} to {box.north:g} north)"
        for i, place in enumerate(mp.places):
            if not inside(place.lon, place.lat):
                self.add(
                    ("map", "places", i),
                    "map-outside",
                    f"place '{place.id}' at {place.lon:g} east, {place.lat:g} north lies outside "
                    f"the map's region {where}: it is not drawn",
                )
        for i, a in enumerate(mp.areas):
            for j, (lon, lat) in enumerate(a.points):
                if not inside(lon, lat):
                    self.add(
                        ("map", "areas", i, "points", j),
                        "map-outside",
                        f"point {j + 1} of area '{a.id}' ({lon:g}, {lat:g}) lies outside the "
                        f"map's region {where}: the area is cut at its edge",
                    )
                    break

    def rule_unused(self) -> None:
        for p, party in enumerate(self.sc.parties):
            given = self.world.mandates.get(party.id, frozenset())
            for j, mandate in enumerate(party.mandates):
                if mandate.id not in given:
                    self.add(
                        ("parties", p, "mandates", j),
                        "unused-mandate",
                        f"mandate '{mandate.id}' of {party.id} is never given: it is not 'mandate' and no effect sets it",
                    )
        cited = {obj.source for _, obj in self.objects if isinstance(obj, m.Cite)}
        for i, src in enumerate(self.sc.sources):
            if src.id not in cited:
                self.add(("sources", i), "unused-source", f"source '{src.id}' is never cited")

    # ------------------------------------------------------------------ texts

    def rule_texts(self) -> None:
        langs = self.sc.meta.languages
        need_cite = self.sc.meta.require_citations
        for path, obj in self.objects:
            if not isinstance(obj, m.Text):
                continue
            missing = [lang for lang in langs if lang not in obj.tr]
            if missing:
                self.add(
                    path,
                    "missing-translation",
                    f"text has no {', '.join(missing)} (meta.languages: {', '.join(langs)})",
                )
            extra = [lang for lang in obj.tr if lang not in langs]
            if extra:
                self.add(
                    path,
                    "undeclared-language",
                    f"text in {', '.join(extra)}, which meta.languages ({', '.join(langs)}) does not list",
                )
        if not need_cite:
            return
        for i, step in enumerate(self.sc.history):
            if step.text.kind is not m.TextKind.HISTORY or not step.text.cite:
                self.add(
                    ("history", i, "text"),
                    "missing-citation",
                    "a step of the historical path needs a history text with 'cite' (kind: history)",
                )
        for i, issue in enumerate(self.sc.issues):
            t = issue.history_text
            if t is not None and (t.kind is not m.TextKind.HISTORY or not t.cite):
                self.add(
                    ("issues", i, "history_text"),
                    "missing-citation",
                    "an issue's history_text needs kind: history and 'cite'",
                )

    def rule_citations(self) -> None:
        sources = {src.id: src for src in self.sc.sources}
        for path, obj in self.objects:
            if not isinstance(obj, m.Text):
                continue
            kinds = unsupported_kinds(obj, sources)
            if kinds:
                cited = ", ".join(dict.fromkeys(ct.source for ct in obj.cite))
                self.add(
                    path,
                    "citation-kind",
                    f"the text states {' and '.join(_KIND_WORDS[k] for k in kinds)}, but none of "
                    f"its sources ({cited}) declares it supports that",
                )
            for ct in outside_without_locator(obj.cite, sources):
                j = obj.cite.index(ct)
                self.add(
                    path + ("cite", j),
                    "citation-locator",
                    f"the citation of '{ct.source}' gives neither the source's words ('quote') nor "
                    "where in it to look ('locator')",
                )

    # ------------------------------------------------------------------ the historical path

    def rule_history(self) -> None:
        sc = self.sc
        steps = sc.history
        if not steps:
            return
        from game.engine import compile_loaded
        from game.engine.record import HistoryError, replay_history

        try:
            replayed = replay_history(compile_loaded(self.loaded))
        except HistoryError as exc:
            if self.link_finding(exc.index, exc.reason):
                return
            msg = str(exc).split(": ", 1)[-1]
            self.add(
                ("history", exc.index),
                "history-illegal",
                f"historical step {exc.index + 1} does not replay: {msg}",
                ERROR,
            )
            return
        final = replayed[-1].after
        if final.outcome is None:
            self.add(
                ("history", len(steps) - 1),
                "history-unfinished",
                f"after the last historical step the game has not ended (stage '{final.stage}', {final.date}); the path must reach an end",
                ERROR,
            )
            return
        terms = final.outcome.terms
        for i, issue in enumerate(sc.issues):
            if issue.history is None:
                continue
            want = kind_of(issue).coerce(issue, issue.history)
            got = terms.get(issue.id)
            if got != want:
                shown = "nothing agreed" if got is None else repr(_plain(got))
                self.add(
                    ("issues", i, "history"),
                    "history-terms",
                    f"the historical path ends with {issue.id} = {shown}, but its history is {_plain(want)!r}",
                )

    def run(self) -> list[Finding]:
        rules: list[Callable[[], None]] = [
            self.rule_transitions,
            self.rule_stages,
            self.rule_after_agreement,
            self.rule_no_move,
            self.rule_issues,
            self.rule_events,
            self.rule_arguments,
            self.rule_unused,
            self.rule_map,
            self.rule_mandates,
            self.rule_texts,
            self.rule_citations,
            self.rule_history,
        ]
        for rule in rules:
            try:
                rule()
            except Exception as exc:  # a lint bug must not hide the other findings
                self.add(
                    (),
                    "internal-error",
                    f"lint rule {rule.__name__} failed ({type(exc).__name__}: {exc}); please report it",
                    ERROR,
                )
        return sort_findings(self.out)


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def lint_loaded(loaded: LoadedScenario) -> list[Finding]:
    """The lint findings of a scenario that validated (warnings of validation included)."""
    found = [Finding.of(p) for p in loaded.warnings]
    return sort_findings(found + _Linter(loaded).run())


def load_checked(path: str | os.PathLike[str]) -> LoadedScenario:
    """:func:`load_scenario`, with any other exception (a loader bug) turned into
    a located :class:`ScenarioFileError` so that no command shows a traceback."""
    try:
        return load_scenario(path)
    except ScenarioFileError:
        raise
    except Exception as exc:
        message = (
            f"the scenario loader failed ({type(exc).__name__}: {exc}); "
            "this is a bug in the game, please report it with this file"
        )
        raise ScenarioFileError(Problem(os.fsdecode(path), 1, 1, message)) from exc


def lint_path(path: str | os.PathLike[str]) -> list[Finding]:
    """Validate and lint one file: validation errors if it is not valid, else lint findings."""
    try:
        loaded = load_checked(path)
    except ScenarioFileError as exc:
        return sort_findings(_loader_findings(exc))
    return lint_loaded(loaded)


NOTE = "note"
"""The level of a finding that is neither an error nor a warning (``lint --review``)."""


def review_findings(path: str | os.PathLike[str]) -> list[Finding]:
    """Every text of a valid file whose translation awaits a native speaker's review
    (``review: true``), as a note at its line. The game shows such texts without a mark;
    this is where their authors see them."""
    try:
        loaded = load_checked(path)
    except ScenarioFileError:
        return []
    langs = [lang for lang in loaded.scenario.meta.languages if lang != "en"]
    out = []
    for where, obj in walk_models(loaded.scenario):
        if isinstance(obj, m.Text) and obj.review:
            line, col = loaded.located.where(where)
            shown = [lang for lang in langs if lang in obj.tr] or sorted(set(obj.tr) - {"en"})
            what = ", ".join(shown) or "its translation"
            out.append(
                Finding(
                    loaded.located.file,
                    line,
                    col,
                    NOTE,
                    f"the {what} text awaits a native speaker's review (review: true)",
                    "translation-review",
                )
            )
    return sort_findings(out)


def validate_path(path: str | os.PathLike[str]) -> list[Finding]:
    """Validation findings of one file (errors, and the loader's warnings)."""
    try:
        loaded = load_checked(path)
    except ScenarioFileError as exc:
        return sort_findings(_loader_findings(exc))
    return sort_findings(Finding.of(p) for p in loaded.warnings)


def _loader_findings(exc: ScenarioFileError) -> list[Finding]:
    bug = exc.__cause__ is not None and not isinstance(exc.__cause__, ScenarioFileError)
    return [Finding.of(p, "internal-error" if bug else None) for p in exc.problems]
