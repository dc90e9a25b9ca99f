"""The explorer: many random and AI playthroughs of a scenario, to find what authors miss.

Each game pits two policies (random, or the AI at a difficulty) against each
other from a seed. The report lists dead ends (games that stall or run out
of time, states where the side to move has no legal move), content no game
reached (stages, events, arguments, instructions, mandates), and crashes:
any exception other than :class:`~game.engine.moves.IllegalMoveError`, saved
with its moves to a record file (``treaty-table replay FILE`` replays it when
the scenario is installed by id; the record's meta names the scenario file).
"""

from __future__ import annotations

import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from game.engine.compiled import Compiled
from game.engine.moves import IllegalMoveError, Move
from game.engine.policy import Policy, RandomPolicy, fallback, make_policy
from game.engine.record import record_of
from game.engine.rules import apply, has_move, new_game
from game.engine.state import GameState
from game.persistence.records import save_record
from game.scenario.yamlsafe import Located

KINDS = ("random", "historical", "hard", "easy", "breaker")
"""Policies: random legal moves, the AI at each difficulty, and random moves that may break off."""
AI_KINDS = frozenset({"historical", "hard", "easy"})
MAX_PLIES = 1500
_SPECIAL: dict[str, Callable[[], Policy]] = {
    "breaker": partial(RandomPolicy, break_off=True, reopen=True),
    "random": partial(RandomPolicy, reopen=True),
}
"""The names in :data:`KINDS` that are not the AI's difficulties: random moves (reopening
agreed clauses too), and random moves that may break off."""


@dataclass
class Crash:
    """A game that raised: where, what, and the record that reproduces it."""

    game: int
    policies: tuple[str, ...]
    ply: int
    error: str
    record: Path | None


@dataclass
class Coverage:
    """What the games reached."""

    stages: set[str] = field(default_factory=set)
    events: set[str] = field(default_factory=set)
    arguments: set[str] = field(default_factory=set)
    instructions: set[str] = field(default_factory=set)
    mandates: set[str] = field(default_factory=set)
    ends: Counter[str] = field(default_factory=Counter)

    def see(self, state: GameState) -> None:
        info = state.c.stages[state.stage]
        self.stages.update(info.ancestors + (state.stage,))
        self.events.update(state.fired)
        seen = {"argument": self.arguments, "instruction": self.instructions}
        for key in state.used:
            what, _, ident = key.partition(":")
            seen.get(what, set()).add(ident)
        self.mandates.update(f"{p}:{mid}" for p, mid in state.mandates.items())

    def see_passed(self, state: GameState) -> None:
        """The stages a game passed through (also those it went straight through)."""
        for leaf, _ in state.milestones:
            self.stages.update(state.c.stages[leaf].ancestors + (leaf,))


@dataclass
class ExploreReport:
    """The result of :func:`explore`."""

    scenario: str
    games: int = 0
    plies: int = 0
    seconds: float = 0.0
    terminations: Counter[str] = field(default_factory=Counter)
    dead_ends: list[str] = field(default_factory=list)
    no_move: list[str] = field(default_factory=list)
    illegal_choices: list[str] = field(default_factory=list)
    unfinished: list[str] = field(default_factory=list)
    crashes: list[Crash] = field(default_factory=list)
    unreached: dict[str, list[str]] = field(default_factory=dict)
    ai_games: int = 0
    """Games with the AI (at some difficulty) on every side."""
    ai_deals: int = 0
    """Those of them that ended in a signed deal."""

    @property
    def ok(self) -> bool:
        """No crashes."""
        return not self.crashes

    @property
    def warnings(self) -> list[str]:
        """What an author should look at although nothing crashed."""
        if self.ai_games and not self.ai_deals:
            return [
                f"no game between computer players reached a deal ({self.ai_games} played with "
                "the AI on every side): check that the mandates leave room for a deal that "
                "every signatory prefers to no agreement"
            ]
        return []


def _pairing(k: int, sides: int = 2) -> tuple[str, ...]:
    """The policies of game ``k``: with two sides every pair in turn; with more, every
    side the same policy in the first games, then mixed."""
    n = len(KINDS)
    if sides == 2:
        return KINDS[k % n], KINDS[(k // n) % n]
    return tuple(KINDS[(k + j * (k // n)) % n] for j in range(sides))


def _policy(c: Compiled, side: str, kind: str) -> Policy:
    """The policy a name in :data:`KINDS` stands for."""
    special = _SPECIAL.get(kind)
    return special() if special is not None else make_policy(c, side, kind)


def _no_move(state: GameState) -> bool:
    return not has_move(state, state.to_move)


def play_one(
    c: Compiled, k: int, seed: int, report: ExploreReport, cov: Coverage, crash_dir: Path | None
) -> None:
    """Play game number ``k`` and add what it found to ``report`` and ``cov``."""
    sides = [p.id for p in c.sc.parties]
    kinds = _pairing(k, len(sides))
    played = ", ".join(f"{side}={kind}" for side, kind in zip(sides, kinds, strict=True))
    label = f"game {k + 1} ({played}, seed {seed})"
    states: list[GameState] = []
    moves: list[Move] = []
    ply = 0
    try:
        policies: dict[str, Policy] = {
            side: _policy(c, side, kind) for side, kind in zip(sides, kinds, strict=True)
        }
        states.append(new_game(c, seed))
        cov.see(states[-1])
        while states[-1].outcome is None and ply < MAX_PLIES:
            state = states[-1]
            side = state.to_move
            if _no_move(state):
                report.no_move.append(
                    f"{label}: {side} has no legal move in stage '{state.stage}' on {state.date}"
                )
                break
            move = policies[side].choose(state, side).move
            try:
                nxt = apply(state, move)
            except IllegalMoveError as exc:
                report.illegal_choices.append(
                    f"{label}: {side} chose an illegal {move.kind}: {exc.reason}"
                )
                move = fallback(state, side)
                nxt = apply(state, move)
            moves.append(move)
            states.append(nxt)
            ply += 1
            cov.see(nxt)
    except Exception as exc:  # the point of exploring: record every crash
        report.crashes.append(_crash(c, k, kinds, ply, exc, states, moves, crash_dir))
        return
    finally:
        report.plies += ply
    final = states[-1]
    cov.see_passed(final)
    if final.outcome is None:
        report.unfinished.append(
            f"{label}: no end after {ply} moves (stage '{final.stage}', {final.date})"
        )
        return
    how = final.outcome.termination.value
    if set(kinds) <= AI_KINDS:
        report.ai_games += 1
        report.ai_deals += how == "signed"
    report.terminations[how] += 1
    cov.ends[final.outcome.stage] += 1
    if how in ("no_agreement", "deadline"):
        report.dead_ends.append(
            f"{label}: ended {how} in stage '{final.outcome.stage}' on {final.outcome.date}: {final.outcome.reason}"
        )


def _crash(
    c: Compiled,
    k: int,
    kinds: tuple[str, ...],
    ply: int,
    exc: Exception,
    states: list[GameState],
    moves: list[Move],
    crash_dir: Path | None,
) -> Crash:
    error = f"{type(exc).__name__}: {exc}"
    path = None
    if crash_dir is not None and states:
        meta = {
            "explore": {
                "game": k + 1,
                "policies": list(kinds),
                "ply": ply,
                "scenario_path": c.loaded.path,
            },
            "error": error,
            "traceback": traceback.format_exc(limit=8),
        }
        try:
            path = save_record(
                record_of(states, moves, meta), crash_dir / f"crash-{c.id}-game{k + 1}.json"
            )
        except OSError:
            path = None
    return Crash(k + 1, kinds, ply, error, path)


def explore(
    c: Compiled,
    games: int = 32,
    seed: int = 1,
    time_limit: float | None = 5.0,
    crash_dir: Path | None = None,
) -> ExploreReport:
    """Play up to ``games`` games (fewer if ``time_limit`` seconds run out) and report."""
    report = ExploreReport(c.id)
    cov = Coverage()
    start = time.perf_counter()
    for k in range(games):
        if time_limit is not None and k and time.perf_counter() - start > time_limit:
            break
        play_one(c, k, seed + k, report, cov, crash_dir)
        report.games += 1
    report.seconds = time.perf_counter() - start
    report.unreached = unreached(c, cov)
    return report


def unreached(c: Compiled, cov: Coverage) -> dict[str, list[str]]:
    """Scenario content that no game reached, by kind."""
    sc = c.sc
    out = {
        "stages": [s for s in c.stages if s not in cov.stages],
        "events": [e.id for e in sc.events if e.id not in cov.events],
        "arguments": [a.id for a in sc.arguments if a.id not in cov.arguments],
        "instructions": [
            i.id for p in sc.parties for i in p.instructions if i.id not in cov.instructions
        ],
        "mandates": [
            f"{p.id}:{x.id}"
            for p in sc.parties
            for x in p.mandates
            if f"{p.id}:{x.id}" not in cov.mandates
        ],
    }
    return {k: v for k, v in out.items() if v}


def summary(report: ExploreReport, limit: int = 8, located: Located | None = None) -> str:
    """The report in words; its warnings as ``FILE:LINE:COL: warning: ...`` lines when
    the scenario's positions are given."""
    lines = [
        f"{report.scenario}: {report.games} game(s), {report.plies} moves in {report.seconds:.1f} s",
        "endings: "
        + (", ".join(f"{k} {v}" for k, v in sorted(report.terminations.items())) or "none"),
    ]

    def section(title: str, items: list[str]) -> None:
        if items:
            lines.append(f"{title} ({len(items)}):")
            lines.extend(f"  {x}" for x in items[:limit])
            if len(items) > limit:
                lines.append(f"  ... and {len(items) - limit} more")

    section("dead ends", report.dead_ends)
    section("no legal move", report.no_move)
    section("unfinished games", report.unfinished)
    section("illegal choices by a policy", report.illegal_choices)
    for kind, ids in report.unreached.items():
        lines.append(f"never reached {kind}: {', '.join(ids)}")
    if not report.unreached:
        lines.append("every stage, event, argument, instruction and mandate was reached")
    for crash in report.crashes:
        where = f"; moves saved: treaty-table replay {crash.record}" if crash.record else ""
        lines.append(
            f"CRASH in game {crash.game} ({' v '.join(crash.policies)}) at move {crash.ply + 1}: {crash.error}{where}"
        )
    for warning in report.warnings:
        if located is not None:
            line, col = located.where(("parties",))
            lines.append(f"{located.file}:{line}:{col}: warning: {warning} [no-ai-deal]")
        else:
            lines.append(f"warning: {warning} [no-ai-deal]")
    lines.append("no crashes" if report.ok else f"{len(report.crashes)} crash(es)")
    return "\n".join(lines)
