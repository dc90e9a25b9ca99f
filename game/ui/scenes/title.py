"""The title menu."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from game.ui import mapview
from game.ui.flow import Setup, default_scenario
from game.ui.scene import Scene, Window

if TYPE_CHECKING:
    from game.session import SaveInfo


class TitleScene(Scene):
    """Continue (when a game was left), play, replay history, load, scenarios, settings, quit."""

    name = "title"

    def __init__(self, app: Window, setup: Setup | None = None) -> None:
        super().__init__(app)
        self.setup = setup or Setup()
        self.last_game: SaveInfo | None = None
        self.ticks = 0
        self.looked = False

    def layout(self) -> None:
        t = self.t
        self.label(self.r(80, 50, 640, 84), "Treaty Table", "#title")
        self.label(self.r(82, 128, 640, 30), t("title.subtitle"), "#subtitle")
        items: list[tuple[str, Any, str | None]] = [
            ("menu.play", self.play, None),
            ("menu.replay", self.replay, None),
            ("menu.load", self.load, None),
            ("menu.scenarios", self.scenarios, None),
            ("menu.settings", self.settings, None),
            ("menu.quit", self.quit, None),
        ]
        if self.last_game is not None:
            info = self.last_game
            tip = t(
                "menu.continue_tip",
                title=info.title_in(t.lang),
                role=", ".join(info.players_in(t.lang)),
                date=_date(t, info),
            )
            items.insert(0, ("menu.continue", self.go_on, tip))
        step = 62 if len(items) <= 6 else 56
        for i, (key, action, hover) in enumerate(items):
            self.button(
                self.r(80, 180 + i * step, 360, step - 10),
                t(key),
                action,
                cls="@primary" if i == 0 else "@menu",
                tip=hover,
            )
        self.textbox(self.r(80, 612, 540, 96), _keys(t("title.keys")), size=13)
        rect = self.r(640, 70, 600, 560)
        sc = self.setup.c.sc if self.setup.c is not None else None  # the map of the scenario
        self.image(rect, mapview.render(rect.size, None, self.t, self.app.scale, sc))
        self.focus = 0

    def tick(self, dt: float) -> bool:
        """After the first frames: look for a game to continue (reading saves imports the
        game's modules, which the first frame does without)."""
        moved = super().tick(dt)
        self.ticks += 1
        if not self.looked and self.ticks >= 2 and self.root is not None:
            self.looked = True
            from game.session import latest_game

            self.last_game = latest_game()
            if self.last_game is not None:
                self.rebuild()
                self.focus = 0
                return True
        return moved

    def go_on(self) -> None:
        """Continue the last game where it was left."""
        from game.ui.flow import open_into_table

        if self.last_game is not None and not open_into_table(self.app, self.last_game.path):
            self.last_game = None
            self.rebuild()

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

    def resume(self) -> None:
        self.looked = False  # a game may have been left since: look again
        self.ticks = 0
        super().resume()

    def quit(self) -> None:
        self.app.running = False

    def back(self) -> None:
        """Esc asks before the program ends."""

        def done(ok: object) -> None:
            if ok:
                self.quit()

        t = self.t
        self.app.push("confirm", t("confirm.quit_title"), t("confirm.quit"), on_result=done)


def _date(t: Any, info: SaveInfo) -> str:
    from game.wording.words import date

    return date(t, info.date) if info.date is not None else info.modified.strftime("%Y-%m-%d")


def _keys(text: str) -> str:
    from game.ui.scene import esc

    return f'<font color="#b9b3a4">{esc(text)}</font>'
