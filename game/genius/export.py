"""Write a stage of a scenario as a GENIUS domain and one utility profile per side.

Every open issue of the stage becomes a discrete GENIUS issue whose items are
its values (option ids, numbers, ISO dates), so any GENIUS or NegMAS agent
can negotiate it. Utilities are kept exactly: GENIUS divides a discrete
issue's evaluations by their largest, so each issue's weight is written
multiplied by that largest value, and ``weight * evaluation / largest`` is
again the side's ``weight * value``. What the file cannot carry: issues that
are not open in the stage (settled, or for a later stage: the game counts
them as unsettled, half their weight, so the reservation value written is the
side's less that), and a linear ``delay_cost`` (GENIUS knows only a discount
factor, which is written when the side has one).

Importing the files again (``import-genius``) gives the same Pareto
frontier, Nash and Kalai-Smorodinsky points over the stage's open issues.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from game.engine.compiled import Compiled
from game.engine.space import Value
from game.engine.utility import UNSETTLED, weights

__all__ = ["GeniusFiles", "default_stage", "export_genius", "item_text"]


@dataclass(frozen=True)
class GeniusFiles:
    """The texts of an exported domain: file name -> XML."""

    domain: tuple[str, str]
    profiles: tuple[tuple[str, str], ...]


def item_text(value: Value) -> str:
    """A value as a GENIUS item value (an option id, a number, an ISO date)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def default_stage(c: Compiled) -> str:
    """The stage with the most open issues (the first such in the file)."""
    best = max(len(info.open) for info in c.stages.values())
    return next(sid for sid, info in c.stages.items() if len(info.open) == best)


def _objective(name: str) -> str:
    return (
        f'<objective index="0" description="" name={quoteattr(name)} '
        'type="objective" etype="objective">'
    )


def export_genius(c: Compiled, stage: str | None = None) -> GeniusFiles:
    """The GENIUS domain and profiles of ``stage``'s open issues (default: :func:`default_stage`).

    Raises:
        KeyError: ``stage`` is not a stage of the scenario.
        ValueError: the stage has no open issue.
    """
    stage = stage or default_stage(c)
    info = c.stages[stage]
    open_ids = info.open
    if not open_ids:
        raise ValueError(f"stage '{stage}' has no open issue")
    title = f"{c.id} {stage}"
    lines = [
        "<negotiation_template>",
        f"<!-- Exported by treaty-table export-genius from {escape(c.id)}, stage {escape(stage)} -->",
        f'<utility_space number_of_issues="{len(open_ids)}">',
        _objective(title),
    ]
    for k, iid in enumerate(open_ids, start=1):
        issue = c.issues[iid]
        lines.append(
            f'<issue index="{k}" name={quoteattr(iid)} description={quoteattr(issue.name.get())} '
            'etype="discrete" type="discrete" vtype="discrete">'
        )
        for j, value in enumerate(c.grid[iid], start=1):
            lines.append(f'  <item index="{j}" value={quoteattr(item_text(value))}/>')
        lines.append("</issue>")
    lines += ["</objective>", "</utility_space>", "</negotiation_template>", ""]
    stem = f"{c.id}-{stage}"
    domain = (f"{stem}-domain.xml", "\n".join(lines))
    profiles = []
    for party in c.sc.parties:
        side = party.id
        w = weights(None, c, side)
        prefs = party.preferences
        out = [
            "<utility_space>",
            f"<!-- {escape(party.name.get())} in {escape(c.id)}, stage {escape(stage)}: "
            "the open issues only -->",
        ]
        if prefs.delay_cost:
            out.append(
                f"<!-- delay_cost {prefs.delay_cost!r} a month is not part of GENIUS's format -->"
            )
        out.append(_objective(title))
        weight_lines = []
        for k, iid in enumerate(open_ids, start=1):
            table = c.tables[side].get(iid, tuple(0.0 for _ in c.grid[iid]))
            top = max(table, default=0.0)
            out.append(
                f'<issue index="{k}" name={quoteattr(iid)} etype="discrete" type="discrete" vtype="discrete">'
            )
            for j, (value, v) in enumerate(zip(c.grid[iid], table, strict=True), start=1):
                out.append(
                    f'  <item index="{j}" value={quoteattr(item_text(value))} evaluation="{v!r}"/>'
                )
            out.append("</issue>")
            weight = w.get(iid, 0.0) * top if top >= 0.00001 else 0.0
            weight_lines.append(f'<weight index="{k}" value="{weight!r}"/>')
        out += weight_lines
        out.append("</objective>")
        if prefs.discount is not None and prefs.discount < 1.0:
            out.append(f'<discount_factor value="{prefs.discount!r}"/>')
        # the issues outside the file count as unsettled (half their weight), as the game
        # counts them: no deal is worth that much less on the open issues alone
        rest = sum(wt for iid, wt in w.items() if iid not in open_ids) * UNSETTLED
        reservation = min(1.0, max(0.0, float(prefs.reservation) - rest))
        out.append(f'<reservation value="{reservation!r}"/>')
        out += ["</utility_space>", ""]
        profiles.append((f"{stem}-{side}.xml", "\n".join(out)))
    return GeniusFiles(domain, tuple(profiles))
