"""The title menu, and where the window starts (``start_scenes``)."""

from __future__ import annotations

import argparse
from pathlib import Path

from game.ui import mapview
from game.ui.app import App
from game.ui.scene import Scene
from game.ui.scenes.flow import Setup, default_scenario


class TitleScene(Scene):
    """Play, replay history, load, scenarios, settings, quit."""

    name = "title"

    def __init__(self, app: App, setup: Setup | None = None) -> None:
        super().__init__(app)
        self.setup = setup or Setup()

    def layout(self) -> None:
        t = self.t
        self.label(self.r(80, 60, 640, 84), "Treaty Table", "#title")
        self.label(self.r(82, 138, 640, 30), t("title.subtitle"), "#subtitle")
        items = [
            ("menu.play", self.play),
            ("menu.replay", self.replay),
            ("menu.load", self.load),
            ("menu.scenarios", self.scenarios),
            ("menu.settings", self.settings),
            ("menu.quit", self.quit),
        ]
        for i, (key, action) in enumerate(items):
            self.button(
                self.r(80, 210 + i * 62, 360, 50), t(key), action, cls="@menu" if i else "@primary"
            )
        self.label(self.r(80, 640, 660, 24), t("title.keys"), "#small")
        rect = self.r(640, 70, 580, 560)
        self.image(rect, mapview.render(rect.size, None, self.t, self.app.scale))
        self.focus = 0

    def play(self) -> None:
        from game.ui.scenes.choose import RoleScene, ScenarioScene

        path = self.setup.path or default_scenario()
        if path is None:
            self.app.push(ScenarioScene(self.app, self.setup, "play"))
            return
        setup = self.setup.with_path(path)
        if setup.c is None:
            self.app.push(ScenarioScene(self.app, self.setup, "play"))
        else:
            self.app.push(RoleScene(self.app, setup))

    def replay(self) -> None:
        from game.ui.scenes.choose import ScenarioScene
        from game.ui.scenes.replay import ReplayScene

        path = self.setup.path or default_scenario()
        setup = self.setup.with_path(path) if path else self.setup
        if setup.c is not None and setup.c.sc.history:
            self.app.push(ReplayScene(self.app, setup))
        else:
            self.app.push(ScenarioScene(self.app, self.setup, "replay"))

    def load(self) -> None:
        from game.ui.scenes.saves import LoadScene

        self.app.push(LoadScene(self.app))

    def scenarios(self) -> None:
        from game.ui.scenes.choose import ScenarioScene

        self.app.push(ScenarioScene(self.app, self.setup, "play"))

    def settings(self) -> None:
        from game.ui.scenes.settings_scene import SettingsScene

        self.app.push(SettingsScene(self.app))

    def quit(self) -> None:
        self.app.running = False

    def back(self) -> None:
        self.quit()


def start_scenes(app: App, args: argparse.Namespace) -> None:
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
    app.push(TitleScene(app, setup))
    load = getattr(args, "load", None)
    if load:
        from game.ui.scenes.saves import open_into_table

        open_into_table(app, Path(load))
    elif scenario and setup.c is not None and setup.side is not None:
        from game.ui.scenes.briefing import BriefingScene

        app.push(BriefingScene(app, setup))
    elif scenario and setup.c is None and setup.problem:
        app.status(setup.problem, 12)
