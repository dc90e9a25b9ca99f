"""Saving and loading games (files under ``saves_dir()``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from game.persistence.records import RecordError, load_record
from game.persistence.scenarios import saves_dir
from game.session import GameSession, list_saves
from game.ui.flow import open_into_table
from game.ui.intents import Intent, IntentKind
from game.ui.scene import Scene, Window, esc


class SaveDialog(Scene):
    """Name the save and write it."""

    modal = True
    name = "save"
    dialog_size = (620, 260)

    def __init__(self, app: Window, session: GameSession) -> None:
        super().__init__(app)
        self.session = session

    def title(self) -> str:
        return self.t("save.title")

    def layout(self) -> None:
        t = self.t
        self.label(self.r(16, 8, 580, 26), t("save.folder", folder=str(saves_dir())), "#small")
        self.name_entry = self.entry(self.r(16, 44, 580, 40), self.session.default_name())
        self.button(self.r(16, 150, 270, 44), t("common.cancel"), lambda: self.dismiss(None))
        self.button(self.r(326, 150, 270, 44), t("save.do"), self.save, cls="@primary")
        self.focus = 0
        self._sync_focus()

    def on_intent(self, intent: Intent) -> bool:
        if intent.kind is IntentKind.TEXT and intent.element is self.name_entry:
            self.save()
            return True
        return False

    def save(self) -> None:
        try:
            path = self.session.save(self.name_entry.get_text())
        except OSError as exc:
            self.app.status(self.t("save.failed", problem=str(exc)))
            return
        self.app.status(self.t("save.done", path=str(path)))
        self.dismiss(path)


class LoadScene(Scene):
    """The saved games, newest first; load one to go on with it."""

    name = "load"

    def __init__(self, app: Window) -> None:
        super().__init__(app)
        self.files = [info.path for info in list_saves()]
        self.selected: Path | None = self.files[0] if self.files else None

    def layout(self) -> None:
        t = self.t
        self.label(self.r(60, 30, 900, 44), t("load.title"), "#heading")
        self.label(self.r(60, 72, 1100, 24), t("save.folder", folder=str(saves_dir())), "#small")
        names = [p.stem for p in self.files]
        self.by_name = {p.stem: p for p in self.files}
        self.list = self.listbox(
            self.r(60, 110, 460, 500),
            names or [t("load.none")],
            self.pick,
            self.go,
            self.selected.stem if self.selected else None,
        )
        self.info = self.textbox(self.r(540, 110, 680, 500), self._info())
        self.button(self.r(60, 630, 200, 48), t("common.back"), self.back)
        self.button(
            self.r(1020, 630, 200, 48),
            t("load.do"),
            self.go,
            cls="@primary",
            enabled=bool(self.files),
            tip=None if self.files else t("load.none"),
        )
        self.focus = 0

    def _info(self) -> str:
        t = self.t
        if self.selected is None:
            return esc(t("load.none"))
        try:
            rec = load_record(self.selected)
        except RecordError as exc:
            return f"<b>{esc(t('load.damaged'))}</b><br>{esc(str(exc))}"
        when = dt.datetime.fromtimestamp(self.selected.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        meta = rec.meta
        lines = [
            f"<b>{esc(self.selected.stem)}</b>",
            esc(t("load.info_scenario", id=rec.scenario_id)),
            esc(
                t(
                    "load.info_role",
                    role=str(meta.get("role") or "—"),
                    humans=len(meta.get("humans") or [1]),
                )
            ),
            esc(t("load.info_moves", n=len(rec.moves), seed=rec.seed)),
            esc(t("load.info_saved", when=when)),
        ]
        return "<br>".join(lines)

    def pick(self, name: str) -> None:
        if name in self.by_name:
            self.selected = self.by_name[name]
            self.info.set_text(self._info())

    def go(self) -> None:
        if self.selected is not None:
            open_into_table(self.app, self.selected)
