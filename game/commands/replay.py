"""``treaty-table replay``: step through the historical path, or replay a saved game."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from game.commands.common import load_or_report
from game.engine.record import HistoryError, replay_history, resume
from game.persistence.records import RecordError, load_record
from game.session.saves import ScenarioChanged, check_scenario, scenario_for
from game.text import render


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
        out = (
            final.outcome.to_json()
            if final.outcome
            else {"termination": "unfinished", "date": final.date.isoformat(), "terms": {}}
        )
        out["scenario"] = {"id": c.id, "hash": c.hash}
        print(json.dumps(out, ensure_ascii=False))
        return 0
    lang = args.lang
    print(c.sc.meta.title.get(lang))
    print("The historical path, step by step.\n")
    for e in steps[0].before.news:
        print(render.entry(c, e, lang))
    for n, st in enumerate(steps, start=1):
        who = c.parties[st.step.by].diplomat.name.get(lang)
        prec = {
            "day": "",
            "month": " (only the month is known)",
            "range": " (a day within a known range)",
        }[st.step.date_precision]
        print(f"\n[{n}/{len(steps)}] {st.step.date.isoformat()}{prec} — {who}: {st.move.kind}")
        print(render.text(c, st.step.text, lang))
        for e in st.after.news:
            print(render.entry(c, e, lang))
        s = st.after
        print(
            f"  -> now {s.date.isoformat()}, stage '{s.stage}'"
            + (f"; agreed: {len(s.agreed)} issue(s)" if s.agreed else "")
        )
    if final.outcome is not None:
        o = final.outcome
        print(f"\nOutcome: {o.termination.value} on {o.date.isoformat()}")
        for k, v in o.terms.items():
            print(f"  {c.issues[k].name.get(lang)}: {render.value(c, k, v, lang)}")
            note = render.history_note(c, k, v, lang)
            if note:
                print(render.wrap(note, "      "))
    if c.sc.history_end is not None:
        print()
        print(render.text(c, c.sc.history_end, lang))
    return 0


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
                "terms": {k: render.value(c, k, v) for k, v in final.agreed.items()},
            }
        )
        if res.problem:
            out["problem"] = res.problem
        print(json.dumps(out, ensure_ascii=False, default=str))
    else:
        for s in res.states:
            for e in s.news:
                print(render.entry(c, e, args.lang))
        if res.problem:
            print(f"\n{path}: {res.problem}")
    return 1 if res.problem else 0
