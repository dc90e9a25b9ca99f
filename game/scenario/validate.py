"""Cross-reference checks of a scenario, each problem located in the file.

The strict model checks shapes and types; this module checks meaning: ids
that must exist, values that must lie in an issue's space, weights that must
add up, stages that need a way out, texts that need citations.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from game.scenario import model as m
from game.scenario.kinds import kind_of
from game.scenario.yamlsafe import Located, Problem

PathT = tuple[str | int, ...]


def walk(obj: Any, path: PathT = ()) -> Iterator[tuple[PathT, Any]]:
    """Every model object, with its path in the YAML data."""
    if isinstance(obj, BaseModel):
        yield path, obj
        for name, field in type(obj).model_fields.items():
            if name == "tr":
                continue
            value = getattr(obj, name)
            if value is not None:
                yield from walk(value, path + (field.alias or name,))
    elif isinstance(obj, tuple):
        for i, item in enumerate(obj):
            yield from walk(item, path + (i,))
    elif isinstance(obj, dict):
        for key, item in obj.items():
            yield from walk(item, path + (key,))


def all_stages(
    stages: tuple[m.Stage, ...], path: PathT = ("stages",)
) -> Iterator[tuple[PathT, m.Stage, m.Stage | None]]:
    """Every stage, nested ones included, with its path and its parent."""
    for i, stage in enumerate(stages):
        yield path + (i,), stage, None
        for sub_path, sub, parent in all_stages(stage.stages, path + (i, "stages")):
            yield sub_path, sub, parent or stage


class _Checker:
    def __init__(self, sc: m.Scenario, located: Located) -> None:
        self.sc = sc
        self.loc = located
        self.out: list[Problem] = []
        self.issues = {i.id: i for i in sc.issues}
        self.parties = {p.id: p for p in sc.parties}
        self.stages = {s.id: s for _, s, _ in all_stages(sc.stages)}
        self.parents = {c.id: s for s in self.stages.values() for c in s.stages}
        self.events = {e.id: e for e in sc.events}
        self.sources = {s.id for s in sc.sources}
        self.broken: set[str] = set()

    def err(self, path: PathT, message: str) -> None:
        self.out.append(self.loc.problem(path, message))

    def warn(self, path: PathT, message: str) -> None:
        self.out.append(self.loc.problem(path, message, "warning"))

    def unique(self, items: list[tuple[PathT, str]], what: str) -> None:
        seen: dict[str, PathT] = {}
        for path, ident in items:
            if ident in seen:
                line, _ = self.loc.where(seen[ident])
                self.err(path, f"{what} id '{ident}' is used twice (first at line {line})")
            else:
                seen[ident] = path

    def ref(self, path: PathT, ident: str, table: dict[str, Any] | set[str], what: str) -> bool:
        if ident in table:
            return True
        known = ", ".join(sorted(table)[:12])
        self.err(path, f"unknown {what} '{ident}' (known: {known})")
        return False

    def value(self, path: PathT, issue_id: str, value: object) -> None:
        issue = self.issues.get(issue_id)
        if (
            issue is not None
            and issue_id not in self.broken
            and kind_of(issue).coerce(issue, value) is None
        ):
            self.err(
                path,
                f"{value!r} is not a value of issue '{issue_id}' ({kind_of(issue).space(issue)})",
            )

    def run(self) -> list[Problem]:
        sc = self.sc
        self.unique([(("issues", i, "id"), x.id) for i, x in enumerate(sc.issues)], "issue")
        self.unique([(("parties", i, "id"), x.id) for i, x in enumerate(sc.parties)], "party")
        self.unique(
            [(("parties", i, "diplomat", "id"), x.diplomat.id) for i, x in enumerate(sc.parties)],
            "diplomat",
        )
        self.unique([(p + ("id",), s.id) for p, s, _ in all_stages(sc.stages)], "stage")
        self.unique([(("events", i, "id"), x.id) for i, x in enumerate(sc.events)], "event")
        self.unique(
            [(("arguments", i, "id"), x.id) for i, x in enumerate(sc.arguments)], "argument"
        )
        self.unique([(("sources", i, "id"), x.id) for i, x in enumerate(sc.sources)], "source")
        if sc.map is not None:
            places = enumerate(sc.map.places)
            self.unique([(("map", "places", i, "id"), x.id) for i, x in places], "place")
            self.unique(
                [(("map", "areas", i, "id"), x.id) for i, x in enumerate(sc.map.areas)], "area"
            )
        if sc.calendar.start >= sc.calendar.deadline:
            self.err(("calendar", "deadline"), "the deadline must come after the start")
        for i, issue in enumerate(sc.issues):
            before = len(self.out)
            self.check_issue(("issues", i), issue)
            if len(self.out) > before:
                self.broken.add(issue.id)
        for i, party in enumerate(sc.parties):
            self.check_party(("parties", i), party)
        if sum(1 for p in sc.parties if p.role == "signatory") < 2:
            self.err(
                ("parties",),
                "a treaty needs two signatories or more (a mediator does not sign)",
            )
        for i, issue in enumerate(sc.issues):
            self.check_categories(("issues", i), issue)
        self.ref(("initial",), sc.initial, self.stages, "stage")
        for path, stage, _ in all_stages(sc.stages):
            self.check_stage(path, stage)
        for i, arg in enumerate(sc.arguments):
            self.ref(("arguments", i, "by"), arg.by, self.parties, "party")
            for j, sid in enumerate(arg.stages):
                self.ref(("arguments", i, "stages", j), sid, self.stages, "stage")
        for i, ev in enumerate(sc.events):
            if ev.date is None and ev.when is None:
                self.err(("events", i), "an event needs a 'date' or a 'when' condition")
        for i, step in enumerate(sc.history):
            self.check_step(("history", i), step)
        for path, obj in walk(sc):
            self.check_object(path, obj)
        self.check_dates()
        return self.out

    def mediator(self, party_id: str) -> bool:
        party = self.parties.get(party_id)
        return party is not None and party.role == "mediator"

    def check_categories(self, path: PathT, issue: m.Issue) -> None:
        for party_id in issue.categories:
            here = path + ("categories", party_id)
            if self.ref(here, party_id, self.parties, "party") and self.mediator(party_id):
                self.err(
                    here,
                    f"'{party_id}' is a mediator: a category is for a signatory, "
                    "whose computer player concedes by categories",
                )

    def check_dates(self) -> None:
        """Dates out of order (warnings): history steps, events and stages against the
        calendar and each other."""
        sc, cal = self.sc, self.sc.calendar
        steps = sc.history
        for i, step in enumerate(steps):
            path: PathT = ("history", i)
            if i and step.date < steps[i - 1].date:
                self.warn(
                    path + ("date",),
                    f"step {i + 1} is dated {step.date}, before step {i} ({steps[i - 1].date})",
                )
            if not cal.start <= step.date <= cal.deadline:
                self.warn(
                    path + ("date",),
                    f"step {i + 1} is dated {step.date}, outside the calendar "
                    f"({cal.start} to {cal.deadline})",
                )
            if step.until is not None and step.until <= step.date:
                self.warn(
                    path + ("until",),
                    f"step {i + 1} adjourns until {step.until}, not after its date {step.date}",
                )
        for i, ev in enumerate(sc.events):
            if ev.date is not None and ev.date < cal.start:
                self.warn(
                    ("events", i, "date"),
                    f"event '{ev.id}' is dated {ev.date}, before the calendar start "
                    f"{cal.start}: it fires at the start",
                )
        for path, stage, _ in all_stages(sc.stages):
            for key in ("start", "until"):
                day = getattr(stage, key)
                if day is None:
                    continue
                if day < cal.start:
                    self.warn(
                        path + (key,),
                        f"stage '{stage.id}' {key} {day} is before the calendar start {cal.start}",
                    )
                elif day > cal.deadline:
                    self.warn(
                        path + (key,),
                        f"stage '{stage.id}' {key} {day} is after the calendar deadline "
                        f"{cal.deadline}",
                    )
        self._nested_starts(sc.stages, ("stages",), ())

    def _nested_starts(
        self, stages: tuple[m.Stage, ...], path: PathT, outer: tuple[m.Stage, ...]
    ) -> None:
        for i, stage in enumerate(stages):
            here = path + (i,)
            for anc in outer:
                if stage.start and anc.until and stage.start > anc.until:
                    self.warn(
                        here + ("start",),
                        f"stage '{stage.id}' starts {stage.start}, after its parent "
                        f"'{anc.id}' ends ({anc.until})",
                    )
            self._nested_starts(stage.stages, here + ("stages",), outer + (stage,))

    def check_issue(self, path: PathT, issue: m.Issue) -> None:
        if kind_of(issue).check(issue, path, self) and issue.history is not None:
            self.value(path + ("history",), issue.id, issue.history)

    def check_party(self, path: PathT, party: m.Party) -> None:
        prefs = party.preferences
        ppath = path + ("preferences",)
        given = party.model_fields_set
        if party.role == "signatory":
            missing = [k for k in ("preferences", "mandates", "mandate") if k not in given]
            if missing:
                keys = ", ".join(f"'{k}'" for k in missing)
                self.err(
                    path,
                    f"party '{party.id}' is a signatory and needs {keys}; a party that "
                    "proposes but never signs is 'role: mediator'",
                )
        total = 0.0
        for issue_id, w in prefs.weights.items():
            if self.ref(ppath + ("weights", issue_id), issue_id, self.issues, "issue"):
                total += w
                if w > 0 and issue_id not in prefs.values:
                    self.err(ppath + ("values",), f"no value table for weighted issue '{issue_id}'")
        if "preferences" in given and abs(total - 1.0) > 0.01:
            self.err(
                ppath + ("weights",), f"the weights add up to {total:.3f}; they must add up to 1"
            )
        for issue_id, table in prefs.values.items():
            tpath = ppath + ("values", issue_id)
            if self.ref(tpath, issue_id, self.issues, "issue"):
                self.check_table(tpath, self.issues[issue_id], table)
        mandates = {x.id for x in party.mandates}
        self.unique(
            [(path + ("mandates", j, "id"), x.id) for j, x in enumerate(party.mandates)], "mandate"
        )
        if party.mandate is not None:
            self.ref(path + ("mandate",), party.mandate, mandates, "mandate")
        elif party.mandates:
            self.err(
                path, f"party '{party.id}' has mandates but no 'mandate' (the first one given)"
            )
        factions = {f.id for f in party.factions}
        for j, mandate in enumerate(party.mandates):
            mpath = path + ("mandates", j)
            for k, fid in enumerate(mandate.factions):
                self.ref(mpath + ("factions", k), fid, factions, "faction")
            for issue_id, bound in mandate.bounds.items():
                bpath = mpath + ("bounds", issue_id)
                if self.ref(bpath, issue_id, self.issues, "issue"):
                    self.check_bound(bpath, self.issues[issue_id], bound)
        horizon = party.persona.horizon
        if (
            horizon is not None
            and not self.sc.calendar.start < horizon <= self.sc.calendar.deadline
        ):
            self.err(
                path + ("persona", "horizon"),
                "the horizon must lie after the calendar's start and by its deadline",
            )
        seen: dict[str, int] = {}
        for j, group in enumerate(party.persona.agenda):
            for k, iid in enumerate(group):
                here = path + ("persona", "agenda", j, k)
                if self.ref(here, iid, self.issues, "issue"):
                    if iid in seen:
                        self.err(here, f"issue '{iid}' is in agenda group {seen[iid] + 1} already")
                    seen.setdefault(iid, j)
        for j, rule in enumerate(party.persona.rules):
            rpath = path + ("persona", "rules", j)
            for k, iid in enumerate(rule.principles):
                self.ref(rpath + ("principles", k), iid, self.issues, "issue")
            for iid, vals in rule.price.items():
                if self.ref(rpath + ("price", iid), iid, self.issues, "issue"):
                    for k, v in enumerate(vals):
                        self.value(rpath + ("price", iid, k), iid, v)

    def check_table(self, path: PathT, issue: m.Issue, table: dict[Any, float]) -> None:
        kind_of(issue).check_table(issue, table, path, self)

    def check_bound(self, path: PathT, issue: m.Issue, bound: m.Bound) -> None:
        kind_of(issue).check_bound(issue, bound, path, self)

    def check_stage(self, path: PathT, stage: m.Stage) -> None:
        for j, iid in enumerate(stage.open or ()):
            self.ref(path + ("open", j), iid, self.issues, "issue")
        child_ids = {s.id for s in stage.stages}
        if stage.stages and stage.initial is None:
            self.err(path, "a stage with sub-stages needs 'initial' (the first sub-stage)")
        if stage.initial is not None:
            if not stage.stages:
                self.err(path + ("initial",), "'initial' is only for stages with sub-stages")
            else:
                self.ref(path + ("initial",), stage.initial, child_ids, "sub-stage")
        if stage.opens is not None and self.ref(
            path + ("opens",), stage.opens, self.parties, "party"
        ):
            seated = self.seated(stage.id)
            if stage.opens not in seated:
                self.err(
                    path + ("opens",),
                    f"'{stage.opens}' does not sit at the table in this stage "
                    f"(parties: {', '.join(seated)})",
                )
        if stage.parties is not None:
            for j, pid in enumerate(stage.parties):
                self.ref(path + ("parties", j), pid, self.parties, "party")
            self.unique(
                [(path + ("parties", j), pid) for j, pid in enumerate(stage.parties)], "party"
            )
            if len(set(stage.parties)) < 2:
                self.err(path + ("parties",), "a table needs two parties or more")
        if stage.moves == () and stage.end is None and stage.until is None and stage.days is None:
            self.err(path, "a stage without moves needs 'until' or 'days' (when it ends)")
        for j, tr in enumerate(stage.transitions):
            self.ref(path + ("transitions", j, "to"), tr.to, self.stages, "stage")
        if stage.end is not None and stage.transitions:
            self.err(path + ("transitions",), "an end stage cannot have transitions")
        if stage.end is None and not stage.stages and not self._has_exit(stage):
            self.err(path, f"stage '{stage.id}' has no way out: add transitions or 'end'")
        if stage.start and stage.until and stage.until < stage.start:
            self.err(path + ("until",), "'until' comes before 'start'")

    def _has_exit(self, stage: m.Stage) -> bool:
        if stage.transitions:
            return True
        parent, seen = self._parent(stage.id), {stage.id}
        while parent is not None and parent.id not in seen:  # ids may repeat (reported apart)
            if parent.transitions:
                return True
            seen.add(parent.id)
            parent = self._parent(parent.id)
        return False

    def seated(self, sid: str) -> tuple[str, ...]:
        """Who sits at the table in stage ``sid`` (its own ``parties``, else inherited)."""
        stage: m.Stage | None = self.stages.get(sid)
        while stage is not None:
            if stage.parties is not None:
                return stage.parties
            stage = self._parent(stage.id)
        return tuple(self.parties)

    def _parent(self, sid: str) -> m.Stage | None:
        return self.parents.get(sid)

    def check_step(self, path: PathT, step: m.Step) -> None:
        self.ref(path + ("by",), step.by, self.parties, "party")
        offers = step.move is m.MoveKind.PROPOSE or step.move is m.MoveKind.COUNTER
        if offers and not step.package:
            self.err(path, f"a '{step.move}' step needs a 'package'")
        if self.mediator(step.by) and step.move in _SIGNATORY_MOVES:
            self.err(
                path + ("by",),
                f"'{step.by}' is a mediator: it proposes and argues, but does not "
                f"{step.move} (a signatory's move)",
            )
        for iid, v in (step.package or {}).items():
            if self.ref(path + ("package", iid), iid, self.issues, "issue"):
                self.value(path + ("package", iid), iid, v)
        self.check_step_clauses(path, step, offers)
        if step.move is m.MoveKind.ARGUE:
            if step.argument is None:
                self.err(path, "an 'argue' step needs 'argument'")
            else:
                self.ref(
                    path + ("argument",),
                    step.argument,
                    {a.id for a in self.sc.arguments},
                    "argument",
                )

    def check_step_clauses(self, path: PathT, step: m.Step, offers: bool) -> None:
        """A step's ``links`` (propose/counter), ``clauses`` (accept), ``issue`` (reopen)."""
        if step.links and not offers:
            self.err(path + ("links",), "'links' belong to a propose or counter step")
        linked: set[str] = set()
        for j, group in enumerate(step.links):
            if len(set(group)) < 2:
                self.err(path + ("links", j), "a link ties two issues of the package or more")
            for k, iid in enumerate(group):
                here = path + ("links", j, k)
                if not self.ref(here, iid, self.issues, "issue"):
                    continue
                if iid not in (step.package or {}):
                    self.err(here, f"'{iid}' is linked but is not in the step's package")
                if iid in linked:
                    self.err(here, f"'{iid}' is in two links: an issue is linked once")
                linked.add(iid)
        if step.clauses and step.move is not m.MoveKind.ACCEPT:
            self.err(path + ("clauses",), "'clauses' belong to an accept step")
        for k, iid in enumerate(step.clauses):
            self.ref(path + ("clauses", k), iid, self.issues, "issue")
        if step.move is m.MoveKind.REOPEN:
            if step.issue is None:
                self.err(path, "a 'reopen' step needs 'issue' (the agreed issue it reopens)")
            else:
                self.ref(path + ("issue",), step.issue, self.issues, "issue")
        elif step.issue is not None:
            self.err(path + ("issue",), "'issue' belongs to a reopen step")

    def check_object(self, path: PathT, obj: Any) -> None:
        if isinstance(obj, m.Cite):
            self.ref(path + ("source",), obj.source, self.sources, "source")
        elif isinstance(obj, m.Text):
            if obj.kind is m.TextKind.HISTORY and self.sc.meta.require_citations and not obj.cite:
                self.err(path, "a history text needs 'cite' (source and quote)")
        elif isinstance(obj, m.Condition):
            self.check_condition(path, obj)
        elif isinstance(obj, m.Effect):
            self.check_effect(path, obj)
        elif isinstance(obj, m.Instruction | m.Event | m.Argument):
            pass

    def check_condition(self, path: PathT, c: m.Condition) -> None:
        if c.fired is not None:
            self.ref(path + ("fired",), c.fired, self.events, "event")
        if c.agreed is not None:
            self.ref(path + ("agreed",), c.agreed, self.issues, "issue")
        if c.stage is not None:
            self.ref(path + ("stage",), c.stage, self.stages, "stage")
        if c.term is not None and self.ref(
            path + ("term", "issue"), c.term.issue, self.issues, "issue"
        ):
            for k, v in enumerate(c.term.is_in or ()):
                self.value(path + ("term", "in", k), c.term.issue, v)
        if c.mandate is not None and self.ref(
            path + ("mandate", "party"), c.mandate.party, self.parties, "party"
        ):
            if self.mediator(c.mandate.party):
                self.err(
                    path + ("mandate", "party"),
                    f"'{c.mandate.party}' is a mediator: it signs nothing and has no mandate "
                    "to test (name a signatory)",
                )
                return
            ids = {x.id for x in self.parties[c.mandate.party].mandates}
            self.ref(path + ("mandate", "is"), c.mandate.is_, ids, "mandate")

    def check_effect(self, path: PathT, e: m.Effect) -> None:
        in_reopen = "reopen" in path
        for key in ("mandate", "weight", "reservation", "delay_cost", "concession"):
            sub = getattr(e, key)
            if sub is None:
                continue
            here = path + (key, "party")
            if sub.party == m.SELF:
                if not in_reopen:
                    self.err(here, "'$self' names the reopening party: only in a stage's 'reopen'")
                elif key == "mandate":
                    self.err(here, "a mandate effect names its party: mandates are a party's own")
            elif self.ref(here, sub.party, self.parties, "party") and self.mediator(sub.party):
                self.err(
                    here,
                    f"'{sub.party}' is a mediator: it has no {key.replace('_', ' ')} to change "
                    "(that is a signatory's)",
                )
        if e.mandate is not None and e.mandate.party in self.parties:
            ids = {x.id for x in self.parties[e.mandate.party].mandates}
            self.ref(path + ("mandate", "set"), e.mandate.set, ids, "mandate")
        if e.weight is not None:
            self.ref(path + ("weight", "issue"), e.weight.issue, self.issues, "issue")


_SIGNATORY_MOVES = frozenset(
    {m.MoveKind.ACCEPT, m.MoveKind.REJECT, m.MoveKind.REOPEN, m.MoveKind.BREAK_OFF}
)
"""Moves only a signatory makes."""


def cross_check(scenario: m.Scenario, located: Located) -> list[Problem]:
    """All meaning problems of a scenario that passed the model (errors and warnings)."""
    return _Checker(scenario, located).run()
