"""Choosing a scenario (bundled and the user's folder) and a role."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from game.persistence.scenarios import available, user_dir
from game.ui import markup, style
from game.ui.flow import Setup, load_scenario
from game.ui.scene import Scene, Window, esc
from game.wording import words


class ScenarioScene(Scene):
    """The list of scenarios; ``mode`` is ``play`` or ``replay``."""

    name = "scenarios"

    def __init__(self, app: Window, setup: Setup, mode: str = "play") -> None:
        super().__init__(app)
        self.setup = setup
        self.mode = mode
        self.files = [str(p.resolve()) for p in available()]
        if setup.path and str(Path(setup.path).resolve()) not in self.files:
            self.files.insert(0, str(Path(setup.path).resolve()))
        if setup.path:
            setup.path = str(Path(setup.path).resolve())
        self.selected = (
            setup.path if setup.path in self.files else (self.files[0] if self.files else None)
        )

    def layout(self) -> None:
        t = self.t
        self.label(
            self.r(60, 30, 900, 44),
            t("scenarios.title" if self.mode == "play" else "replay.choose"),
            "#heading",
        )
        self.label(
            self.r(60, 72, 1100, 24), t("scenarios.folder", folder=str(user_dir())), "#small"
        )
        names = self._names()
        self.by_name = dict(zip(names, self.files, strict=True))
        sel = names[self.files.index(self.selected)] if self.selected in self.files else None
        self.list = self.listbox(
            self.r(60, 110, 460, 500), names or [t("scenarios.none")], self.pick, self.go, sel
        )
        self.info = self.textbox(self.r(540, 110, 680, 500), self._info())
        self.button(self.r(60, 630, 200, 48), t("common.back"), self.back)
        self.go_button = self.button(
            self.r(1020, 630, 200, 48),
            t("scenarios.choose" if self.mode == "play" else "replay.open"),
            self.go,
            cls="@primary",
        )
        self.focus = 0

    def _names(self) -> list[str]:
        """Each file's name in the list: its title, and where two files share a title (a
        copy of a bundled scenario in the user's folder), the file and its folder too."""
        from game.ui.scene import unique

        titles = [self._name(f) for f in self.files]
        width = self.r(60, 110, 460, 500).w - max(16, round(20 * self.app.scale)) - 8
        out = []
        for path, title in zip(self.files, titles, strict=True):
            if titles.count(title) > 1:
                mine = Path(path).parent == user_dir().resolve()
                where = self.t("scenarios.yours" if mine else "scenarios.bundled")
                suffix = f" ({where}: {Path(path).name})"
                room = width - style.font(max(8, round(15 * self.app.font_factor))).size(suffix)[0]
                title = self.fit(title, max(40, room)) + suffix
            out.append(title)
        return unique(out)

    def _name(self, path: str) -> str:
        c, _ = load_scenario(path)
        stem = Path(path).stem
        if c is None:
            return f"{stem} ({self.t('scenarios.broken')})"
        return f"{c.sc.meta.title.get(self.t.lang)}"

    def _info(self) -> str:
        t = self.t
        if not self.selected:
            return esc(t("scenarios.none_help", folder=str(user_dir())))
        c, problem = load_scenario(self.selected)
        if c is None:
            return f"<b>{esc(t('scenarios.broken'))}</b><br>{esc(problem or '')}"
        sc = c.sc
        parts = [
            f"<b>{esc(sc.meta.title.get(t.lang))}</b>",
            f'<font color="{markup.MUTED}">{esc(self.selected)}</font>',
        ]
        if sc.meta.summary:
            parts.append(markup.text_html(c, t, sc.meta.summary))
        sides = " · ".join(
            f"{words.diplomat(c, t, p.id)} ({words.party(c, t, p.id)})" for p in sc.parties
        )
        parts.append(f"<b>{esc(t('scenarios.sides'))}</b>: {esc(sides)}")
        parts.append(
            f"<b>{esc(t('scenarios.dates'))}</b>: {esc(words.date(t, sc.calendar.start))} – {esc(words.date(t, sc.calendar.deadline))}"
        )
        parts.append(f"<b>{esc(t('scenarios.history_steps'))}</b>: {len(sc.history)}")
        return "<br><br>".join(parts)

    def pick(self, name: str) -> None:
        path = self.by_name.get(name)
        if path:
            self.selected = path
            self.info.set_text(self._info())

    def go(self) -> None:
        if not self.selected:
            return
        setup = self.setup.with_path(self.selected)
        if setup.c is None:
            self.app.status(setup.problem or self.t("scenarios.broken"))
            return
        # the title shows the scenario chosen last (its map and name) and plays it
        self.setup.path, self.setup.c, self.setup.problem = setup.path, setup.c, None
        if self.mode == "replay":
            if not setup.c.sc.history:
                self.app.status(self.t("replay.no_history"))
                return
            self.app.push("replay", setup)
        else:
            self.app.push("role", setup)


class RoleScene(Scene):
    """Who the player will be: each diplomat, who they were, and their mandate."""

    name = "role"

    def __init__(self, app: Window, setup: Setup) -> None:
        super().__init__(app)
        assert setup.c is not None
        self.setup = setup

    def layout(self) -> None:
        t, c = self.t, self.setup.c
        assert c is not None
        self.label(self.r(60, 24, 1100, 44), t("role.title"), "#heading")
        self.label(self.r(60, 64, 1100, 26), c.sc.meta.title.get(t.lang), "#small")
        n = len(c.sc.parties)
        width = (1160 - 20 * (n - 1)) / n  # side by side: two as before, up to six narrower
        for i, p in enumerate(c.sc.parties):
            x = 60 + i * (width + 20)
            self.textbox(self.r(x, 100, width, 440), self._card(p.id))
            self.button(
                self.r(x, 550, width, 50),
                t("role.play_as", name=words.diplomat(c, t, p.id)),
                partial(self.choose, p.id),
                cls="@primary",
            )
        self.button(self.r(60, 640, 200, 48), t("common.back"), self.back)
        self.hot = self.button(
            self.r(300, 640, 330, 48),
            self._hotseat_words(),
            self.toggle_hotseat,
            cls="@toggle_on" if self.setup.hotseat else None,
            tip=t("role.hotseat_tip"),
        )
        self.diff = self.button(
            self.r(650, 640, 330, 48),
            t("role.difficulty", level=t("difficulty." + self.setup.difficulty)),
            self.cycle_difficulty,
            tip=t("difficulty.tip"),
        )
        self.focus = 0

    def _card(self, side: str) -> str:
        t, c = self.t, self.setup.c
        assert c is not None
        p = c.parties[side]
        head = f"<b>{esc(p.diplomat.name.get(t.lang))}</b>"
        if p.diplomat.title:
            head += f" — {esc(p.diplomat.title.get(t.lang))}"
        parts = [head, f"<i>{esc(p.name.get(t.lang))}</i>"]
        if c.is_mediator(side):
            parts.append(f"<b>{esc(t('role.mediator'))}</b>")
        if p.diplomat.bio:
            parts.append(markup.text_html(c, t, p.diplomat.bio))
        # no mandate here: both players may be looking (hot seat); it is in the brief
        parts.append(
            f'<font color="{markup.MUTED}"><i>{esc(t("brief.no_mandate_here"))}</i></font>'
        )
        return "<br><br>".join(parts)

    def _hotseat_words(self) -> str:
        c, t = self.setup.c, self.t
        assert c is not None
        if not self.setup.hotseat:
            return t("role.hotseat_off")
        n = len(c.parties)
        return t("role.hotseat_on") if n == 2 else t("role.hotseat_many", n=n)

    def choose(self, side: str) -> None:
        self.setup.side = side
        self.app.push("briefing", self.setup)

    def toggle_hotseat(self) -> None:
        self.setup.hotseat = not self.setup.hotseat
        self.rebuild()

    def cycle_difficulty(self) -> None:
        from game.engine.policy import DIFFICULTIES

        i = (
            DIFFICULTIES.index(self.setup.difficulty)
            if self.setup.difficulty in DIFFICULTIES
            else 0
        )
        self.setup.difficulty = DIFFICULTIES[(i + 1) % len(DIFFICULTIES)]
        self.rebuild()
