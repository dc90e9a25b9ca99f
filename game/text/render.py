"""The terminal's lines: the game's words (:mod:`game.wording`) set out in plain text.

A :class:`Page` words one game or one replay in one language. Every label
comes from the message catalogue; issues, options, parties and mandates are
named, never shown by their ids; each scenario text gets its kind (history,
scene, note) and one short source mark, ``[source 3]``, whose full citation
the player reads on demand (``source 3`` at the table, the list at the end
of a replay).
"""

from __future__ import annotations

import datetime as dt
import textwrap
import unicodedata
from collections.abc import Iterable, Mapping

from game.engine.compiled import Compiled
from game.engine.debrief import Debrief
from game.engine.moves import Entry
from game.engine.space import Value
from game.scenario import model as m
from game.scenario.values import coerce
from game.session import Seen, Withheld
from game.wording import words
from game.wording.catalogue import Translator

WIDTH = 88
SHOWN = 60
"""How many characters of something the player typed are echoed back in a reply."""


def wrap(text: str, indent: str = "  ") -> str:
    return "\n".join(
        textwrap.fill(p, WIDTH, initial_indent=indent, subsequent_indent=indent) if p else ""
        for p in text.split("\n")
    )


def typed(text: str, most: int = SHOWN) -> str:
    """Something the player typed, safe to print: control and format characters (escape
    sequences, zero-width marks) shown as ``\\x1b``-style escapes, cut to ``most`` characters."""
    cut = text if len(text) <= most else text[:most] + "…"
    return "".join(
        ch
        if unicodedata.category(ch)[0] != "C" or ch == " "
        else ch.encode("unicode_escape").decode()
        for ch in cut
    )


class Page:
    """The words of one game (or replay) in the terminal, in one language."""

    def __init__(self, c: Compiled, lang: str = "en") -> None:
        self.c = c
        self.tr = Translator(lang)
        self.cited: list[tuple[m.Cite, ...]] = []
        self._numbers: dict[tuple[tuple[str, str | None], ...], int] = {}

    @property
    def lang(self) -> str:
        return self.tr.lang

    # ------------------------------------------------------------------ words
    def __call__(self, key: str, **fields: object) -> str:
        return self.tr(key, **fields)

    def date(self, d: dt.date | None) -> str:
        return words.date(self.tr, d)

    def value(self, iid: str, v: Value | None) -> str:
        return words.value(self.c, self.tr, iid, v)

    def package(self, pkg: Mapping[str, Value]) -> str:
        return words.package(self.c, self.tr, pkg)

    def issue(self, iid: str) -> str:
        return words.issue_name(self.c, self.tr, iid)

    def party(self, side: str) -> str:
        return words.party(self.c, self.tr, side)

    def diplomat(self, side: str) -> str:
        return words.diplomat(self.c, self.tr, side)

    def number(self, x: float, digits: int = 2) -> str:
        return words.number(self.tr, x, digits)

    # ------------------------------------------------------------------ sources
    def mark(self, cites: Iterable[m.Cite]) -> str:
        """The short mark of a text's sources (the same sources keep their number)."""
        cites = tuple(cites)
        key = tuple((ct.source, ct.quote) for ct in cites)
        n = self._numbers.get(key)
        if n is None:
            self.cited.append(cites)
            n = self._numbers[key] = len(self.cited)
        return words.source_mark(self.tr, n)

    def citation(self, n: int) -> list[str] | None:
        """The full citation behind ``[source n]``, one line per source (None if no such mark)."""
        if not 1 <= n <= len(self.cited):
            return None
        return words.citation_lines(self.c, self.cited[n - 1])

    def sources(self) -> str:
        """Every mark given so far with its full citation (the end of a replay)."""
        lines = [self("text.sources_heading")]
        for n in range(1, len(self.cited) + 1):
            lines.append(f"  [{n}]")
            lines.extend(wrap(line, "      ") for line in self.citation(n) or [])
        return "\n".join(lines)

    # ------------------------------------------------------------------ texts
    def text(self, t: m.Text | None, indent: str = "  ") -> str:
        """A scenario text in the player's language with its kind and its source mark."""
        if t is None:
            return ""
        body = wrap(f"{words.kind_tag(self.tr, t)} {t.get(self.lang)}", indent)
        if not t.cite:
            return body
        mark = self.mark(t.cite)  # kept whole on one line
        last = body.rsplit("\n", 1)[-1]
        if len(last) + 1 + len(mark) <= WIDTH:
            return f"{body} {mark}"
        return f"{body}\n{indent}{mark}"

    def history_note(self, iid: str, v: Value | None, indent: str = "      ") -> str:
        """The issue's ``history_note`` (with its kind) when ``v`` is the historical value."""
        issue = self.c.issues[iid]
        if issue.history_note is None or v is None or issue.history is None:
            return ""
        if v != coerce(issue, issue.history):
            return ""
        return self.text(issue.history_note, indent)

    def entry(self, e: Seen, texts: bool = True) -> str:
        """One line of the record, as the seat may read it, with the scenario's texts."""
        if isinstance(e, Withheld):
            said = words.private(self.c, self.tr, e.date, e.side)
            return wrap(f"{said.when}  {said.head}", "  ")
        said = words.entry(self.c, self.tr, e)
        if said.style == "stage":
            head = f"\n  == {said.when}  {said.head.strip('— ')} =="
        else:
            head = textwrap.fill(
                f"{said.when}  {said.head}", WIDTH, initial_indent="  ", subsequent_indent="      "
            )
        if not texts:
            return head
        body = "\n".join(self.text(t, "      ") for t in said.texts if t is not None)
        return head + ("\n" + body if body else "")

    def entries(self, seen: Iterable[Seen], texts: bool = True) -> str:
        return "\n".join(self.entry(e, texts) for e in seen)

    # ------------------------------------------------------------------ the debrief
    def debrief(self, d: Debrief, player: str | None = None) -> str:
        """The debrief: why the outcome differs from history, the utilities, the terms
        against history issue by issue, the bargaining analysis, the briefs revealed."""
        c, tr = self.c, self.tr
        lines = ["", "=" * WIDTH, self("text.heading.debrief"), "=" * WIDTH]
        lines.append(self._outcome(d))
        dated = self._milestones(d.milestones, d.date)
        if dated:
            lines.append(self("text.milestones", dates=dated))
        if d.history_date:
            hist = self._milestones(d.history_milestones, d.history_date)
            if hist:
                lines.append(self("text.history_milestones", dates=hist))
            else:
                lines.append(self("text.history_signed", date=self.date(d.history_date)))
        if d.summary:
            lines.append("")
            lines.append(self("text.heading.summary"))
            for s in d.summary:
                lines.append(_bullet(words.summary(c, tr, s)))
        names = {side: self.party(side) for side in d.utilities}
        lines.append("")
        lines.append(wrap(self("text.utilities"), ""))
        for side in names:
            hu = d.history_utilities.get(side)
            row = self(
                "text.utility_row",
                party=names[side],
                deal=self.number(d.utilities[side], 3),
                history=self.number(hu, 3) if hu is not None else "—",
            )
            mark = f"  <- {self('debrief.you')}" if side == player else ""
            lines.append(f"  {row}{mark}")
        lines.append("")
        lines.append(self("debrief.issues"))
        for r in d.rows:
            verdict = ""
            if r.gains:
                ahead = [names[s] for s, g in r.gains.items() if g > 1e-9]
                if ahead:
                    verdict = self("text.better_for", parties=", ".join(ahead))
                elif all(abs(g) < 1e-9 for g in r.gains.values()):
                    verdict = self("debrief.same")
                else:
                    verdict = self("debrief.worse_both")
            row = self(
                "text.issue_row" if verdict else "text.issue_row_plain",
                issue=self.issue(r.issue),
                deal=self.value(r.issue, r.deal),
                history=self.value(r.issue, r.history),
                verdict=verdict,
            )
            lines.append(wrap(row, "  "))
            qualifier = self.history_note(r.issue, r.history)
            if qualifier:
                lines.append(qualifier)
            if r.history_text is not None:
                lines.append(self.text(r.history_text, "      "))
        if d.analytics is not None and len(d.analytics.reservation) != 2:
            lines.extend(self._many_sides(d, list(names.values())))
        elif d.analytics is not None:
            lines.extend(self._analytics(d))
        lines.append("")
        lines.append(self("text.briefs"))
        for b in d.briefs:
            mandate = next(
                (x for x in c.parties[b.side].mandates if x.name.get() == b.mandate), None
            )
            lines.append(
                "  "
                + self(
                    "text.brief_row",
                    party=names[b.side],
                    r=self.number(b.reservation),
                    mandate=mandate.name.get(self.lang) if mandate else b.mandate,
                )
            )
            weights = ", ".join(
                f"{self.issue(k)} {self.number(v)}"
                for k, v in sorted(b.weights.items(), key=lambda kv: -kv[1])
                if k in c.issues
            )
            lines.append(wrap(self("text.weights", weights=weights), "      "))
        if d.trace:
            lines.append("")
            lines.append(self("text.trace", parties=" / ".join(names.values())))
            shown = d.trace[-40:]
            if len(d.trace) > len(shown):
                lines.append("  " + self("text.trace_earlier", n=len(d.trace) - len(shown)))
            for p in shown:
                lines.append(
                    f"  {words.short_date(tr, p.date):<12} {self.diplomat(p.by):<22} "
                    + " / ".join(self.number(p.utilities[s]) for s in names)
                )
        for note in d.notes:
            lines.append("")
            lines.append(self.text(note))
        return "\n".join(lines)

    def _outcome(self, d: Debrief) -> str:
        """How the talks ended, when, and why (the stage that ended them, in the player's
        language; the engine's own English reason only in English)."""
        if d.termination == "unfinished":
            return self(
                "text.outcome",
                how=self("debrief.unfinished"),
                date="",
                reason=self("engine.summary.unfinished"),
            )
        stage = next(
            (sid for sid, info in self.c.stages.items() if info.stage.name.get() == d.reason),
            None,
        )
        how = self(f"termination.{d.termination}")
        when = self("text.outcome_date", date=self.date(d.date)) if d.date else ""
        if stage is None and self.lang != "en":
            return self("text.outcome_plain", how=how, date=when)
        reason = words.end_reason(self.c, self.tr, stage, d.reason)
        return self("text.outcome", how=how, date=when, reason=reason)

    def _milestones(self, dates: Mapping[str, dt.date | None], day: dt.date | None) -> str:
        """'agreed on A, signed on B, ratified on C' when the treaty's milestones are not
        all the day of the deal (else '')."""
        reached = {k: v for k, v in dates.items() if v is not None}
        if not reached or (set(reached) <= {"agreed", "signed"} and set(reached.values()) == {day}):
            return ""
        return ", ".join(
            self(f"text.milestone.{k}", date=self.date(v))
            for k, v in reached.items()
            if self.tr.has(f"text.milestone.{k}")
        )

    def _many_sides(self, d: Debrief, names: list[str]) -> list[str]:
        """The analytics of three signatories or more."""
        a = d.analytics
        n = self.number

        def values(us: Iterable[float]) -> str:
            return " / ".join(n(u, 3) for u in us)

        lines = [
            "",
            self(
                "text.analytics_many",
                size=f"{a.size:,}".replace(",", " "),
                date=self.date(a.on),
                parties=" / ".join(names),
            ),
            "  "
            + self(
                "text.frontier_many",
                n=len(a.frontier),
                values=" / ".join(n(r) for r in a.reservation),
            ),
        ]
        for key, rated in (("nash", a.nash), ("deal", a.deal), ("history", a.history)):
            if rated is None:
                continue
            label = self(f"text.label.{key}")
            if rated.on_frontier:
                lines.append(
                    "  " + self("text.rated_on", label=label, values=values(rated.utilities))
                )
            else:
                lines.append(
                    "  "
                    + self(
                        "text.rated_off",
                        label=label,
                        values=values(rated.utilities),
                        d=n(rated.distance, 3),
                    )
                )
            if key == "nash" and rated.terms:
                lines.append(wrap(self.package(rated.terms), "      "))
        for day, by, rated in a.mediator:
            where = (
                self("text.on_frontier")
                if rated.on_frontier
                else self("text.off_frontier", d=n(rated.distance, 3))
            )
            lines.append(
                "  "
                + self(
                    "text.mediator_proposal",
                    date=self.date(day),
                    name=self.party(by),
                    values=values(rated.utilities),
                    where=where,
                )
            )
        return lines

    def _analytics(self, d: Debrief) -> list[str]:
        a = d.analytics
        n = self.number
        lines = [
            "",
            self("text.analytics", size=f"{a.size:,}".replace(",", " "), date=self.date(a.on)),
            "  "
            + self(
                "text.frontier",
                n=len(a.frontier),
                a=n(a.reservation[0]),
                b=n(a.reservation[1]),
            ),
        ]
        for key, point in (("text.nash_point", a.nash), ("text.kalai_point", a.kalai)):
            if point is not None:
                lines.append(
                    "  " + self(key, a=n(point.utilities[0], 3), b=n(point.utilities[1], 3))
                )
                if point.terms:
                    lines.append(wrap(self.package(point.terms), "      "))
        if a.deal is not None:
            lines.append(
                "  "
                + self(
                    "text.deal_point",
                    a=n(a.deal.utilities[0], 3),
                    b=n(a.deal.utilities[1], 3),
                    d=n(a.distance, 3),
                )
            )
        if a.history is not None:
            hist = (a.history.utilities[0], a.history.utilities[1])
            if a.history_distance is not None:
                lines.append(
                    "  "
                    + self(
                        "text.history_point_far",
                        a=n(hist[0], 3),
                        b=n(hist[1], 3),
                        d=n(a.history_distance, 3),
                    )
                )
            else:
                lines.append("  " + self("text.history_point", a=n(hist[0], 3), b=n(hist[1], 3)))
        return lines


def _bullet(text: str) -> str:
    return textwrap.fill(text, WIDTH, initial_indent="  • ", subsequent_indent="    ")


def debrief(c: Compiled, d: Debrief, lang: str = "en", player: str | None = None) -> str:
    """The debrief as text (see :meth:`Page.debrief`)."""
    return Page(c, lang).debrief(d, player)


def entry(c: Compiled, e: Entry, lang: str = "en") -> str:
    """One record line with its texts (see :meth:`Page.entry`)."""
    return Page(c, lang).entry(e)
