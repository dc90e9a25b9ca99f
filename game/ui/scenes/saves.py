"""Saving and loading games (files under ``saves_dir()``)."""

from __future__ import annotations

import unicodedata

from game.persistence.scenarios import saves_dir
from game.session import GameSession, SaveInfo, list_saves
from game.ui.flow import open_into_table
from game.ui.intents import Intent, IntentKind
from game.ui.scene import Scene, Window, esc
from game.wording import words

NAME_LIMIT = 80
"""The longest save name the dialog takes (a file name, not a text)."""


def clean_name(text: str) -> str:
    """A save name as typed, without control, format (zero-width) or unassigned characters."""
    kept = "".join(ch for ch in text if unicodedata.category(ch)[0] not in ("C",))
    return kept[:NAME_LIMIT]


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
        self.name_entry = self.entry(self.r(16, 44, 580, 40), self.offered_name())
        self.name_entry.set_text_length_limit(NAME_LIMIT)
        self.button(self.r(16, 150, 270, 44), t("common.cancel"), lambda: self.dismiss(None))
        self.button(self.r(326, 150, 270, 44), t("save.do"), self.save, cls="@primary")
        self.focus = 0
        self._sync_focus()

    def offered_name(self) -> str:
        """The name offered: the scenario's title, the players and the date in the game, in
        the player's words (a file name, so without the characters files may not have)."""
        s, t = self.session, self.t
        who = " ".join(words.diplomat(s.c, t, h) for h in sorted(s.humans))
        text = f"{s.c.sc.meta.title.get(t.lang)} {who} {words.date(t, s.state.date)}"
        kept = "".join(ch if ch.isalnum() or ch in "-_ ." else " " for ch in text)
        return " ".join(kept.split())[:NAME_LIMIT]

    def on_intent(self, intent: Intent) -> bool:
        if intent.kind is IntentKind.TEXT and intent.element is self.name_entry:
            self.save()
            return True
        return False

    def save(self) -> None:
        name = clean_name(self.name_entry.get_text())
        try:
            path = self.session.save(name or None)
        except (OSError, ValueError) as exc:
            self.app.status(self.t("save.failed", problem=str(exc)))
            return
        self.app.status(self.t("save.done", path=str(path)))
        self.dismiss(path)


class LoadScene(Scene):
    """The saved games, newest first, by their scenario, players and date; load one to go
    on with it. Only files that are saves are listed (``list_saves``); a damaged one is
    never offered."""

    name = "load"

    def __init__(self, app: Window) -> None:
        super().__init__(app)
        self.saves: list[SaveInfo] = list_saves()
        self.selected: SaveInfo | None = self.saves[0] if self.saves else None

    def _name(self, i: int, info: SaveInfo) -> str:
        t = self.t
        if info.problem is not None:
            return f"{i + 1}. {info.path.stem} {t('load.damaged_short')}"
        when = words.date(t, info.date) if info.date else ""
        who = ", ".join(info.players_in(t.lang))
        auto = t("load.autosave_short") if info.autosave else ""
        # what tells the saves apart first: the date in the game, who plays
        bits = [x for x in (when, who, info.title_in(t.lang), auto) if x]
        return f"{i + 1}. " + " · ".join(bits)

    def layout(self) -> None:
        t = self.t
        self.label(self.r(60, 30, 900, 44), t("load.title"), "#heading")
        self.label(self.r(60, 72, 1100, 24), t("save.folder", folder=str(saves_dir())), "#small")
        names = [self._name(i, s) for i, s in enumerate(self.saves)]
        self.by_name = dict(zip(names, self.saves, strict=True))
        chosen = (
            self._name(self.saves.index(self.selected), self.selected) if self.selected else None
        )
        self.list = self.listbox(
            self.r(60, 110, 560, 500), names or [t("load.none")], self.pick, self.go, chosen
        )
        self.info = self.textbox(self.r(640, 110, 580, 500), self._info())
        self.button(self.r(60, 630, 200, 48), t("common.back"), self.back)
        usable = self.selected is not None and self.selected.problem is None
        self.load_button = self.button(
            self.r(1020, 630, 200, 48),
            t("load.do"),
            self.go,
            cls="@primary",
            enabled=usable,
            tip=None if usable else t("load.none" if not self.saves else "load.damaged"),
        )
        self.focus = 0

    def _info(self) -> str:
        t = self.t
        info = self.selected
        if info is None:
            return esc(t("load.none"))
        if info.problem is not None:
            head = f"<b>{esc(info.path.name)}</b>"
            return f"{head}<br><b>{esc(t('load.damaged'))}</b><br>{esc(info.problem)}"
        players = info.players_in(t.lang)
        lines = [
            f"<b>{esc(info.title_in(t.lang))}</b>",
            esc(
                t("load.info_hotseat", roles=", ".join(players))
                if len(players) > 1
                else t("load.info_role", role=", ".join(players) or "—")
            ),
        ]
        if info.date is not None:
            lines.append(esc(t("load.info_date", date=words.date(t, info.date))))
        lines.append(esc(t("load.info_moves", n=info.moves)))
        lines.append(esc(t("load.info_saved", when=info.modified.strftime("%Y-%m-%d %H:%M"))))
        if info.autosave:
            lines.append(esc(t("load.autosave")))
        return "<br>".join(lines)

    def pick(self, name: str) -> None:
        if name in self.by_name:
            self.selected = self.by_name[name]
            self.info.set_text(self._info())
            usable = self.selected.problem is None
            self.set_button(
                self.load_button, usable, self.go, None if usable else self.t("load.damaged")
            )

    def go(self) -> None:
        if self.selected is not None and self.selected.problem is None:
            open_into_table(self.app, self.selected.path)
