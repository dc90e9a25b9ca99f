"""``treaty-table replay``: step through the historical path, or replay a saved game."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from game.commands.common import load_or_report
from game.engine.compiled import Compiled
from game.engine.record import HistoryError, HistoryStep, replay_history, resume
from game.persistence.records import RecordError, load_record
from game.scenario import model as m
from game.session.saves import ScenarioChanged, check_scenario, scenario_for
from game.text.render import Page
from game.wording import words


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "replay", help="step through the historical path (--historical) or a saved game"
    )
    p.add_argument("target", help="scenario id or file, or a saved game (.json)")
    p.add_argument(
        "--historical", action="store_true", help="replay the scenario's historical path"
    )
    p.add_argument("--json", action="store_true", help="print only the final outcome as JSON")
    p.add_argument("--lang", choices=("en", "az"), default="en")
    p.add_argument(
        "--scenario",
        metavar="PATH",
        help="the scenario file of a saved game (default: the scenario of the save's id, "
        "among the bundled and your scenarios)",
    )
    p.add_argument(
        "--allow-changed",
        action="store_true",
        help="replay a saved game even if its scenario file has changed since "
        "(the first move that no longer applies is named)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    target = Path(args.target)
    if target.suffix == ".json":
        return _record(args, target)
    c = load_or_report(args.target)
    if c is None:
        return 1
    if not args.historical:
        print("Say what to replay: --historical, or give a saved game (.json).", file=sys.stderr)
        return 2
    try:
        steps = replay_history(c)
    except HistoryError as exc:
        print(f"{c.loaded.path}: {exc}", file=sys.stderr)
        return 1
    if not steps:
        print(f"{c.id} has no historical path.", file=sys.stderr)
        return 1
    final = steps[-1].after
    if args.json:
        out: dict[str, Any] = (
            final.outcome.to_json()
            if final.outcome
            else {"termination": "unfinished", "date": final.date.isoformat(), "terms": {}}
        )
        out["scenario"] = {"id": c.id, "hash": c.hash}
        out["parties"] = [
            {"id": p.id, "role": p.role, "diplomat": p.diplomat.id} for p in c.sc.parties
        ]
        out["steps"] = [_step_json(st.step) for st in steps]
        print(json.dumps(out, ensure_ascii=False))
        return 0
    print(history_text(c, steps, args.lang))
    return 0


def history_text(c: Compiled, steps: list[HistoryStep], lang: str = "en") -> str:
    """The historical path as text, step by step in ``lang``: what each side did, when,
    what followed, each text with its source mark; the sources in full at the end."""
    page = Page(c, lang)
    tr = page.tr
    out = [c.sc.meta.title.get(lang), page("text.replay_intro"), ""]
    out.append(page.entries(steps[0].before.news))
    for n, st in enumerate(steps, start=1):
        precision = st.step.date_precision
        out.append(
            "\n"
            + page(
                "text.replay_step",
                n=n,
                total=len(steps),
                date=page.date(st.step.date),
                precision=f" ({tr('replay.precision.' + precision)})" if precision != "day" else "",
                who=page.diplomat(st.step.by),
                move=words.move_name(tr, st.move.kind),
            )
        )
        out.append(page.text(st.step.text))
        if st.after.news:
            out.append(page.entries(st.after.news))
        s = st.after
        out.append(
            "  "
            + page(
                "text.replay_now", date=page.date(s.date), stage=words.stage_name(c, tr, s.stage)
            )
            + (page("text.replay_agreed", n=len(s.agreed)) if s.agreed else "")
        )
    final = steps[-1].after
    if final.outcome is not None:
        o = final.outcome
        out.append(
            "\n"
            + page(
                "text.replay_outcome",
                how=tr(f"termination.{o.termination.value}"),
                date=page.date(o.date),
            )
        )
        for k, v in o.terms.items():
            out.append(f"  {page.issue(k)}: {page.value(k, v)}")
            note = page.history_note(k, v)
            if note:
                out.append(note)
    if c.sc.history_end is not None:
        out.append("")
        out.append(page.text(c.sc.history_end))
    if page.cited:
        out.append("")
        out.append(page.sources())
    return "\n".join(out)


def _step_json(step: m.Step) -> dict[str, Any]:
    """A historical step in the JSON outcome: when, who, what, and the sources it cites."""
    return {
        "date": step.date.isoformat(),
        "date_precision": step.date_precision,
        "by": step.by,
        "move": step.move.value,
        "sources": list(dict.fromkeys(ct.source for ct in step.text.cite)),
    }


def _record(args: argparse.Namespace, path: Path) -> int:
    try:
        rec = load_record(path)
    except RecordError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    try:
        scenario = scenario_for(rec, args.scenario)
    except RecordError as exc:
        print(f"{path}: {exc}", file=sys.stderr)
        return 1
    c = load_or_report(scenario)
    if c is None:
        return 1
    try:
        check_scenario(c, rec, args.allow_changed)
        res = resume(c, rec)
    except RecordError as exc:
        print(f"{path}: {exc}", file=sys.stderr)
        if isinstance(exc, ScenarioChanged):
            print(
                "To replay its moves on the scenario as it is now (the first move that no "
                "longer applies is named), add --allow-changed.",
                file=sys.stderr,
            )
        return 1
    if res.changed:
        print(
            f"{path}: note: the scenario {c.loaded.path} has changed since this save; "
            "its moves are replayed on the file as it is now.",
            file=sys.stderr,
        )
    final = res.states[-1]
    if args.json:
        out = (
            final.outcome.to_json()
            if final.outcome
            else {
                "termination": "unfinished",
                "date": final.date.isoformat(),
                "terms": {
                    k: v.isoformat() if hasattr(v, "isoformat") else v
                    for k, v in final.agreed.items()
                },
            }
        )
        if res.problem:
            out["problem"] = res.problem
        print(json.dumps(out, ensure_ascii=False, default=str))
    else:
        page = Page(c, args.lang)
        print(page.entries(e for s in res.states for e in s.news))
        if page.cited:
            print("\n" + page.sources())
        if res.problem:
            print(f"\n{path}: {res.problem}")
    return 1 if res.problem else 0
