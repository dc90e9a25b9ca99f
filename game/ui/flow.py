"""The way to the table: what the player has chosen (scenario, role, mode), and the
steps between scenes that more than one scene takes (start the window's first
scenes, start a game, open the table, open a saved game).

Scenes are opened by name (:mod:`game.ui.scenes`), so this module imports none.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.persistence.scenarios import available

if TYPE_CHECKING:
    from game.engine.compiled import Compiled
    from game.session import GameSession
    from game.ui.scene import Window


@lru_cache(maxsize=8)  # the bundled scenarios and a few edits of one
def _load(path: str, mtime: float) -> tuple[Compiled | None, str | None]:
    from game.persistence.scenarios import load
    from game.scenario.yamlsafe import ScenarioFileError

    try:
        return load(path), None
    except ScenarioFileError as exc:
        return None, str(exc)
    except Exception as exc:  # a broken file must never take the window down
        return None, f"{path}: {exc}"


def load_scenario(path: str) -> tuple[Compiled | None, str | None]:
    """A compiled scenario (cached while the file is unchanged), or the problem."""
    from pathlib import Path

    p = Path(path)
    try:
        mtime = p.stat().st_mtime
    except OSError:
        return None, f"{path}: no such scenario file"
    return _load(str(p), mtime)


def default_scenario() -> str | None:
    """The main scenario if it is there, else the only one, else None (let the player choose)."""
    files = available()
    for f in files:
        if f.stem == "peking-1925":
            return str(f)
    return str(files[0]) if len(files) == 1 else None


@dataclass
class Setup:
    """The choices so far."""

    path: str | None = None
    c: Compiled | None = None
    problem: str | None = None
    side: str | None = None
    hotseat: bool = False
    difficulty: str = "historical"
    seed: int = 1

    def with_path(self, path: str) -> Setup:
        c, problem = load_scenario(path)
        return replace(self, path=path, c=c, problem=problem, side=None)


def start_scenes(app: Window, args: argparse.Namespace) -> None:
    """The first scenes for the command line's arguments."""
    setup = Setup(
        seed=int(getattr(args, "seed", 1) or 1),
        difficulty=str(getattr(args, "difficulty", "historical") or "historical"),
        hotseat=bool(getattr(args, "hotseat", False)),
    )
    lang = getattr(args, "lang", None)
    if lang == "az" and app.settings.lang != "az":  # --lang en is the default: keep the setting
        app.settings.lang = lang
        app.tr = type(app.tr)(lang)
    scenario = getattr(args, "scenario", None)
    if scenario:
        from game.persistence.scenarios import resolve

        setup = setup.with_path(str(resolve(scenario)))
    role = getattr(args, "role", None)
    if role and setup.c is not None and role in setup.c.roles:
        setup.side = setup.c.roles[role]
    app.push("title", setup)
    load = getattr(args, "load", None)
    if load:
        open_into_table(app, Path(load))
    elif scenario and setup.c is not None and setup.side is not None:
        app.push("briefing", setup)
    elif scenario and setup.c is None and setup.problem:
        app.status(setup.problem, 12)


def start_game(app: Window, setup: Setup) -> None:
    """From the briefing to the table (in a hot-seat game, both briefs first, each behind
    a hand-over screen, and the table of the side to move behind another)."""
    from game.session import GameSession

    c = setup.c
    assert c is not None and setup.side is not None and setup.path is not None
    humans = set(c.parties) if setup.hotseat else {setup.side}
    session = GameSession.new(c, setup.path, humans, setup.seed, setup.difficulty)
    if not setup.hotseat:
        open_table(app, session, setup.side)
        return
    briefs_after(app, setup, session, list(c.others(setup.side)))


def briefs_after(app: Window, setup: Setup, session: GameSession, waiting: list[str]) -> None:
    """Hot seat: each player whose brief is still to come reads it behind a hand-over
    screen, one after another; then the table (behind another hand-over if the side to
    move is not the last to have read)."""
    from game.wording import words

    c = session.c
    side, rest = waiting[0], waiting[1:]

    def brief() -> None:
        def then() -> None:
            if rest:
                briefs_after(app, setup, session, rest)
            else:
                open_table(app, session, side)

        app.push("briefing", setup, side, then=then)

    app.push("handover", words.diplomat(c, app.tr, side), brief, app.tr("handover.brief_note"))


def open_table(app: Window, session: GameSession, seat: str | None = None) -> Any:
    """Start (or go on with) a game at the table, on top of the title menu; the table scene.

    ``seat`` is the side of the player known to be at the screen. In a hot-seat game
    the table of the side to move is shown only to its player: if that is not ``seat``
    (or nobody is known to be there: a loaded game), a hand-over screen comes first
    and the table is made when its player says who they are (None is returned then).
    """
    from game.wording import words

    app.back_to("title", resume=False)
    if session.hotseat and not session.state.over and session.viewer != seat:

        def ready() -> None:
            table: Any = app.push("table", session, session.viewer)
            table.after_moves(first=True)

        app.push("handover", words.diplomat(session.c, app.tr, session.viewer), ready)
        return None
    scene: Any = app.push("table", session, seat if seat in session.humans else None)
    scene.after_moves(first=True)
    return scene


def open_into_table(app: Window, path: Path) -> bool:
    """Load a saved game and go on with it at the table; False (and a message) if it cannot be."""
    from game.session import GameSession
    from game.wording import words

    session, problem = GameSession.open(path)
    if session is None:
        app.status(app.tr("load.failed", problem=problem or ""), 12)
        return False
    open_table(app, session)
    if problem:
        app.status(app.tr("load.partial", problem=problem), 12)
    else:
        app.status(
            app.tr(
                "load.done",
                name=session.c.sc.meta.title.get(app.tr.lang),
                date=words.date(app.tr, session.state.date),
            )
        )
    return True
