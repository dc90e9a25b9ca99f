"""Settings: language, text size, window size, fullscreen (saved as JSON)."""

from __future__ import annotations

from game.session.tutorial import Progress
from game.ui.scene import Scene, esc
from game.ui.settings import TEXT_SIZES, desktop_size, window_sizes


class SettingsScene(Scene):
    """Each setting is a button that cycles its choices; they apply and are saved at once."""

    name = "settings"

    def layout(self) -> None:
        t, st = self.t, self.app.settings
        self.label(self.r(60, 30, 900, 44), t("settings.title"), "#heading")
        rows = [
            ("settings.language", t(f"lang.{st.lang}"), self.cycle_lang),
            ("settings.text_size", t(f"size.{st.text_size}"), self.cycle_size),
            ("settings.window", f"{st.window[0]} × {st.window[1]}", self.cycle_window),
            (
                "settings.fullscreen",
                t("common.on" if st.fullscreen else "common.off"),
                self.toggle_fullscreen,
            ),
            (
                "settings.tutorial",
                t("common.on" if Progress.load().enabled else "common.off"),
                self.toggle_tutorial,
            ),
        ]
        for i, (key, value, action) in enumerate(rows):
            y = 110 + i * 70
            self.label(self.r(60, y, 360, 48), t(key))
            self.button(self.r(430, y, 420, 48), value, action, tip=t(key + "_tip"))
        self.label(self.r(60, 460, 1100, 26), t("settings.saved_in", path=str(st.path())), "#small")
        self.textbox(self.r(60, 492, 1100, 60), esc(t("settings.keys")), size=13)
        self.button(self.r(60, 630, 200, 48), t("common.back"), self.back)
        if self.focus < 0:
            self.focus = 0

    def _save(self) -> None:
        try:
            self.app.settings.save()
        except OSError as exc:
            self.app.status(str(exc))

    def cycle_lang(self) -> None:
        from game.wording.catalogue import LANGUAGES

        st = self.app.settings
        st.lang = LANGUAGES[(LANGUAGES.index(st.lang) + 1) % len(LANGUAGES)]
        self._save()
        self.app.restyle()

    def cycle_size(self) -> None:
        st = self.app.settings
        keys = list(TEXT_SIZES)
        st.text_size = keys[(keys.index(st.text_size) + 1) % len(keys)]
        self._save()
        self.app.restyle()

    def cycle_window(self) -> None:
        st = self.app.settings
        sizes = window_sizes(desktop_size())
        i = sizes.index(st.window) if st.window in sizes else -1
        self._save_window(sizes[(i + 1) % len(sizes)])

    def _save_window(self, size: tuple[int, int]) -> None:
        self.app.set_window_size(size)
        self._save()

    def toggle_tutorial(self) -> None:
        """The hints of the guided first game on or off (as ``tutorial on|off`` in the
        terminal: on, they start again from the beginning)."""
        progress = Progress.load()
        progress.enabled = not progress.enabled
        if progress.enabled:
            progress.seen.clear()
        progress.save()
        self.rebuild()

    def toggle_fullscreen(self) -> None:
        self.app.toggle_fullscreen()
        self._save()
