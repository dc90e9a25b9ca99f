"""The title menu."""

from __future__ import annotations

from game.ui import mapview
from game.ui.flow import Setup, default_scenario
from game.ui.scene import Scene, Window


class TitleScene(Scene):
    """Play, replay history, load, scenarios, settings, quit."""

    name = "title"

    def __init__(self, app: Window, setup: Setup | None = None) -> None:
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
        sc = self.setup.c.sc if self.setup.c is not None else None  # the map of the scenario
        self.image(rect, mapview.render(rect.size, None, self.t, self.app.scale, sc))
        self.focus = 0

    def play(self) -> None:
        path = self.setup.path or default_scenario()
        if path is None:
            self.app.push("scenarios", self.setup, "play")
            return
        setup = self.setup.with_path(path)
        if setup.c is None:
            self.app.push("scenarios", self.setup, "play")
        else:
            self.app.push("role", setup)

    def replay(self) -> None:
        path = self.setup.path or default_scenario()
        setup = self.setup.with_path(path) if path else self.setup
        if setup.c is not None and setup.c.sc.history:
            self.app.push("replay", setup)
        else:
            self.app.push("scenarios", self.setup, "replay")

    def load(self) -> None:
        self.app.push("load")

    def scenarios(self) -> None:
        self.app.push("scenarios", self.setup, "play")

    def settings(self) -> None:
        self.app.push("settings")

    def quit(self) -> None:
        self.app.running = False

    def back(self) -> None:
        self.quit()
