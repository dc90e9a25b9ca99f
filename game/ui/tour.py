"""A guided walk through every scene, driven through the scenes' own actions.

Used by the benchmark (frame times per scene), the Xvfb test (each scene's
texts) and the screenshot check. It plays the human side with the engine's
own policy so that a game reaches its end and the debrief.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from game.engine.moves import MoveKind
from game.engine.policy import make_policy
from game.ui.app import App
from game.ui.scene import Scene
from game.wording import words


def settle(app: App, frames: int = 2) -> None:
    """Let the window draw a few frames."""
    for _ in range(frames):
        app.dirty = True
        app.step()


def finish_game(app: App, limit: int = 300, until: Any = None, fast: bool = False) -> None:
    """Play the human side at the table with the engine's policy until the talks end (or
    ``until(session)`` holds). ``fast``: the moves go to the session and the table shows
    only where they end."""
    from game.ui.scenes.table import TableScene

    table: TableScene = app.find(TableScene)
    assert table is not None
    policies = {side: make_policy(table.session.c, side) for side in table.session.humans}
    for _ in range(limit):
        while app.top is not None and app.top.modal and not table.session.state.over:
            app.top.dismiss(True)
        s = table.session
        if s.state.over or (until is not None and until(s)):
            break
        side = s.state.to_move
        if side not in s.humans:
            s.run_ai()
            continue
        top: Any = app.top
        if top is not table:  # a hand-over screen in a hot-seat game
            top.ready()
            continue
        move = policies[side].choose(s.state, side).move
        if fast and not s.hotseat:
            s.play(move)
            s.run_ai()
        else:
            table.play(move)
    if fast:
        table.after_moves()


def tour(app: App, scenario: str, role: int = 0, fast: bool = False) -> Iterator[tuple[str, Scene]]:
    """Visit each scene in turn, yielding (name, scene) while it is on top.

    ``role`` picks the party the player takes (0: the first of the scenario); ``fast``
    plays the game to its end without drawing the table at every move.
    """
    import argparse

    from game.ui.flow import start_scenes
    from game.ui.scenes.title import TitleScene

    args = argparse.Namespace(
        scenario=scenario,
        role=None,
        seed=1,
        difficulty="historical",
        lang=app.settings.lang,
        load=None,
        hotseat=False,
    )
    start_scenes(app, args)
    title = app.top
    assert isinstance(title, TitleScene)
    settle(app)
    yield "title", title
    title.scenarios()
    settle(app)
    yield "scenarios", app.top  # type: ignore[misc]
    app.pop()
    title.play()
    settle(app)
    chooser = app.top
    yield "role", chooser  # type: ignore[misc]
    c = title.setup.c
    assert c is not None
    chooser.choose(c.sc.parties[role].id)  # type: ignore[union-attr]
    settle(app)
    yield "briefing", app.top  # type: ignore[misc]
    app.top.go()  # type: ignore[union-attr]
    settle(app)
    while app.top is not None and app.top.modal:
        yield app.top.name, app.top
        app.top.dismiss(True)
        settle(app)
    from game.ui.scenes.table import TableScene

    table = app.top
    assert isinstance(table, TableScene)
    yield "table", table
    for kind, name in (
        (MoveKind.INSTRUCT, "instruct"),
        (MoveKind.ARGUE, "argue"),
        (MoveKind.ADJOURN, "adjourn"),
        (MoveKind.BREAK_OFF, "confirm"),
    ):
        table.do(kind)
        settle(app)
        if app.top is not table:
            yield name, app.top  # type: ignore[misc]
            app.top.dismiss(None)  # type: ignore[union-attr]
            settle(app)
    finish_game(app, until=lambda s: s.view(s.viewer).their_offer() is not None, fast=fast)
    settle(app)
    if app.top is table:
        yield "table_mid", table
        offer = table.session.state.offer
        if offer is not None and offer.by != table.seat and len(offer.package) > 1:
            app.push("accept", table.session, table.seat)  # which clauses to accept
            settle(app)
            yield "accept", app.top
            app.pop()
        if MoveKind.REOPEN in table.kinds:
            app.push("reopen", table.session, table.seat)
            settle(app)
            yield "reopen", app.top
            app.pop()
    table.save()
    settle(app)
    yield "save", app.top  # type: ignore[misc]
    app.top.save()  # type: ignore[union-attr]
    table.settings()
    settle(app)
    yield "settings", app.top  # type: ignore[misc]
    app.pop()
    table.load()
    settle(app)
    yield "confirm_load", app.top  # type: ignore[misc]
    app.top.dismiss(True)  # type: ignore[union-attr]
    settle(app)
    yield "load", app.top  # type: ignore[misc]
    app.pop()
    other = table.session.c.others(table.seat)[0]  # as a hot-seat game hands the screen over
    app.push("handover", words.diplomat(table.session.c, app.tr, other), lambda: None)
    settle(app)
    yield "handover", app.top  # type: ignore[misc]
    app.pop()
    finish_game(app, fast=fast)
    settle(app)
    while app.top is not None and app.top.modal:
        yield app.top.name, app.top
        app.top.dismiss(True)
        settle(app)
    yield "debrief", app.top  # type: ignore[misc]
    app.top.to_title()  # type: ignore[union-attr]
    settle(app)
    if c.sc.history:
        title.replay()
        settle(app)
        replay = app.top
        yield "replay", replay  # type: ignore[misc]
        replay.go(len(replay.steps) // 2)  # type: ignore[union-attr]
        settle(app)
        yield "replay_mid", replay  # type: ignore[misc]
        app.pop()
