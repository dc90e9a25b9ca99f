"""The package editor of the table: for each issue the editor its kind names (a slider
for numbers and dates, an option picker for named options), the mandate's bounds
marked, which issues are open now.

It holds only the draft package the player is composing; what is allowed
comes from the engine (``package_space``), what it is worth from
``utility``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol

import pygame
from pygame_gui.elements import UIImage, UILabel, UIScrollingContainer

from game.engine import GameState, package_space
from game.engine.space import Value
from game.engine.utility import reservation, utility, value_of
from game.scenario.kinds import kind_of
from game.ui import style
from game.wording import words

if TYPE_CHECKING:
    from game.session import GameSession
    from game.ui.scene import Window
    from game.wording.catalogue import Translator


class TableScene(Protocol):
    """What the editor uses of the scene it sits in (the table)."""

    app: Window
    root: Any
    session: GameSession
    focusables: list[Any]
    actions: dict[Any, Callable[[], None]]
    sliders: dict[Any, Callable[[int], None]]

    @property
    def t(self) -> Translator: ...

    def label(
        self, rect: pygame.Rect, text: str, oid: str | None = ..., container: Any = ...
    ) -> Any: ...

    def button(
        self,
        rect: pygame.Rect,
        text: str,
        action: Callable[[], None] | None,
        *,
        tip: str | None = ...,
        enabled: bool = ...,
        cls: str | None = ...,
        oid: str | None = ...,
        container: Any = ...,
        focus: bool = ...,
    ) -> Any: ...

    def slider(
        self,
        rect: pygame.Rect,
        value: int,
        top: int,
        on_change: Callable[[int], None],
        container: Any = ...,
    ) -> Any: ...

    def fit(self, text: str, width: int, oid: str | None = ...) -> str: ...

    def set_label(
        self, el: Any, text: str, oid: str | None = ..., tip: str | None = ...
    ) -> None: ...

    def package_changed(self) -> None: ...


ROW = 74


def default_draft(state: GameState, side: str) -> dict[str, Value]:
    """Where the sliders start: the side's last offer, else the best value its mandate allows."""
    c = state.c
    mine = next((o.package for o in reversed(state.offers) if o.by == side), {})
    space = package_space(state, side)
    draft: dict[str, Value] = {}
    for iid in c.issues:
        if iid in state.agreed:
            draft[iid] = state.agreed[iid]
        elif iid in mine:
            draft[iid] = mine[iid]
        else:
            allowed = space.get(iid) or c.grid[iid]
            draft[iid] = max(allowed, key=partial(value_of, c, side, iid))
    return draft


def band(size: tuple[int, int], grid: tuple[Value, ...], allowed: set[Value]) -> pygame.Surface:
    """The mandate's bounds under a slider: the allowed span lit, the rest dark."""
    surf = pygame.Surface(size, pygame.SRCALPHA)
    surf.fill(style.colour("grid"))
    n = len(grid)
    if n == 0:
        return surf
    w = size[0] / n
    ok = style.colour("frontier")
    for i, v in enumerate(grid):
        if v in allowed:
            pygame.draw.rect(
                surf, ok, pygame.Rect(round(i * w), 0, max(1, round(w + 0.5)), size[1])
            )
    return surf


class Slider:
    """A slider over the issue's values; the row's label shows the value."""

    name = "slider"

    def build(
        self, editor: PackageEditor, iid: str, track: pygame.Rect, grid: tuple[Value, ...]
    ) -> Any:
        value = editor.draft.get(iid, grid[0])
        index = grid.index(value) if value in grid else 0
        return editor.scene.slider(
            track,
            index,
            len(grid) - 1,
            partial(editor.set_index, iid),
            container=editor.box,
        )

    def show(self, editor: PackageEditor, iid: str, picker: Any, grid: tuple[Value, ...]) -> None:
        value = editor.draft.get(iid, grid[0])
        if value in grid and int(picker.get_current_value()) != grid.index(value):
            picker.set_current_value(grid.index(value))

    def label(self, text: str) -> str:
        return text


class Cycler:
    """‹ option › buttons that step through the options; the middle one shows the value."""

    name = "cycler"

    def build(
        self, editor: PackageEditor, iid: str, track: pygame.Rect, grid: tuple[Value, ...]
    ) -> Any:
        return editor.cycler(iid, track, grid)

    def show(self, editor: PackageEditor, iid: str, picker: Any, grid: tuple[Value, ...]) -> None:
        """The option in the middle button; marked × (and red) outside the mandate."""
        from pygame_gui.core import ObjectID

        t = editor.scene.t
        value = editor.draft.get(iid, grid[0])
        text = words.value(editor.state.c, t, iid, value)
        bad = iid in editor.include and not editor.allows(iid, value)
        if bad:
            text = f"× {text}"
        look = "@choice_bad" if bad else None
        if getattr(picker, "treaty_look", None) != look:
            picker.change_object_id(ObjectID(class_id=look))
            picker.treaty_look = look
        tip = editor.option_names(iid)
        editor.scene.set_label(picker, text, tip=f"{t('editor.outside')}\n{tip}" if bad else tip)

    def label(self, text: str) -> str:
        return ""


EDITORS: dict[str, Slider | Cycler] = {"slider": Slider(), "date": Slider(), "choice": Cycler()}
"""The editor for each issue kind's ``widget``."""


class PackageEditor:
    """The rows of issues inside a scrolling container of the table scene."""

    def __init__(
        self, scene: TableScene, rect: pygame.Rect, draft: dict[str, Value], include: set[str]
    ) -> None:
        self.scene = scene
        self.draft = draft
        self.include = include
        self.value_labels: dict[str, UILabel] = {}
        self.names: dict[str, UILabel] = {}
        self.toggles: dict[str, Any] = {}
        self.link_toggles: dict[str, Any] = {}
        self.linked: set[str] = getattr(scene, "linked", set())
        """The rows tied together: one link of the offer (the scene keeps the set)."""
        self.pickers: dict[str, Any] = {}
        self.rows: dict[str, pygame.Rect] = {}
        self.signature: tuple[Any, ...] = ()
        self.owned: list[Any] = []
        self.bands: dict[str, tuple[UIImage, frozenset[Value]]] = {}
        app = scene.app
        self.box: Any = UIScrollingContainer(
            rect, app.manager, container=scene.root, allow_scroll_x=False
        )
        self.build()

    @property
    def state(self) -> GameState:
        return self.scene.session.state

    @property
    def side(self) -> str:
        return self.scene.session.viewer

    def editor_of(self, iid: str) -> Slider | Cycler:
        """The widget that edits issue ``iid``."""
        return EDITORS[kind_of(self.state.c.issues[iid]).widget]

    def signature_of(self) -> tuple[Any, ...]:
        """What the rows depend on: when it changes, the rows are built again."""
        state = self.state
        return (state.stage, state.open_issues(), tuple(sorted(state.agreed)))

    def build(self) -> None:
        sc = self.scene
        before = set(map(id, sc.focusables))
        self._build_rows()
        self.owned = [e for e in sc.focusables if id(e) not in before]

    def _build_rows(self) -> None:
        sc = self.scene
        state, side = self.state, self.side
        self.signature = self.signature_of()
        c = state.c
        open_now = set(state.open_issues())
        space = package_space(state, side) if open_now else {}
        order = [i for i in c.issues if i in open_now] + [i for i in c.issues if i not in open_now]
        s = sc.app.scale
        width = self.box.rect.w - round(22 * s)
        y = 0
        for iid in order:
            rowh = round(ROW * s) if iid in open_now else round(40 * s)
            self.rows[iid] = pygame.Rect(0, y, width, rowh)
            self._row(iid, y, width, iid in open_now, set(space.get(iid, ())))
            y += rowh
        self.box.set_scrollable_area_dimensions((width, max(y, 10)))

    def _rect(self, x: float, y: int, w: float, h: float) -> pygame.Rect:
        s = self.scene.app.scale
        return pygame.Rect(round(x * s), y + round(0), max(1, round(w * s)), max(1, round(h * s)))

    def _row(self, iid: str, y: int, width: int, is_open: bool, allowed: set[Value]) -> None:
        sc, t = self.scene, self.scene.t
        state = self.state
        c = state.c
        s = sc.app.scale
        box = self.box
        issue = c.issues[iid]
        wd = width / s
        if not is_open:
            agreed = iid in state.agreed
            note = (
                t("editor.agreed", value=words.value(c, t, iid, state.agreed[iid]))
                if agreed
                else t("editor.closed")
            )
            sc.label(
                pygame.Rect(
                    round(6 * s), y + round(4 * s), round((wd - 12) * 0.62 * s), round(28 * s)
                ),
                issue.name.get(t.lang),
                "#issue_closed",
                container=box,
            )
            sc.label(
                pygame.Rect(
                    round((6 + (wd - 12) * 0.62) * s),
                    y + round(4 * s),
                    round((wd - 12) * 0.38 * s),
                    round(28 * s),
                ),
                note,
                "#small",
                container=box,
            )
            return
        inc = iid in self.include
        self.toggles[iid] = sc.button(
            pygame.Rect(round(4 * s), y + round(6 * s), round(50 * s), round(26 * s)),
            t("editor.in" if inc else "editor.out"),
            partial(self.toggle, iid),
            cls="@toggle_on" if inc else "@small",
            tip=t("editor.include_tip" if inc else "editor.exclude_tip"),
            container=box,
        )
        shows_value = bool(self.editor_of(iid).label("x"))
        value_w = self._value_width(iid) / s if shows_value else 0.0
        self.names[iid] = sc.label(
            pygame.Rect(
                round(60 * s), y + round(4 * s), round((wd - 68 - value_w) * s), round(30 * s)
            ),
            issue.name.get(t.lang),
            None if inc else "#issue_closed",
            container=box,
        )
        if shows_value:
            self.value_labels[iid] = sc.label(
                pygame.Rect(
                    round((wd - 4 - value_w) * s),
                    y + round(4 * s),
                    round(value_w * s),
                    round(30 * s),
                ),
                "",
                "#value",
                container=box,
            )
        grid = c.grid[iid]
        on = iid in self.linked
        self.link_toggles[iid] = sc.button(
            pygame.Rect(round(4 * s), y + round(36 * s), round(54 * s), round(24 * s)),
            t("editor.link_on" if on else "editor.link_off"),
            partial(self.toggle_link, iid),
            cls="@toggle_on" if on else "@small",
            tip=t("editor.link_on_tip" if on else "editor.link_off_tip"),
            container=box,
        )
        track = pygame.Rect(round(62 * s), y + round(36 * s), round((wd - 70) * s), round(24 * s))
        self.pickers[iid] = self.editor_of(iid).build(self, iid, track, grid)
        inner = pygame.Rect(
            track.x + round(22 * s), track.bottom + 1, track.w - round(44 * s), max(3, round(5 * s))
        )
        self.bands[iid] = (
            UIImage(inner, band(inner.size, grid, allowed), sc.app.manager, container=box),
            frozenset(allowed),
        )
        self._show_value(iid)

    def _value_width(self, iid: str) -> int:
        """Pixels the value label of a slider row needs: its widest value (of a sample), with
        room for the mark of a value outside the mandate; the issue's name gets the rest."""
        c, t = self.state.c, self.scene.t
        grid = c.grid[iid]
        sample = {grid[0], grid[-1], grid[len(grid) // 2]} | set(grid[:: max(1, len(grid) // 12)])
        block = style.base_theme()["#value"]["font"]
        f = style.font(max(8, round(float(block["size"]) * self.scene.app.font_factor)), True)
        texts = [words.value(c, t, iid, v) + " ×" for v in sample] + [t("editor.left_out")]
        widest = max(f.size(x)[0] for x in texts) + round(10 * self.scene.app.scale)
        return min(int(widest), int(self.box.rect.w * 0.55))

    def cycler(self, iid: str, track: pygame.Rect, grid: tuple[Value, ...]) -> Any:
        """The ‹ option › buttons of issue ``iid``; returns the middle one."""
        sc, t = self.scene, self.scene.t
        s = sc.app.scale
        bw = round(34 * s)
        sc.button(
            pygame.Rect(track.x, track.y, bw, track.h),
            "‹",
            partial(self.step_option, iid, -1),
            container=self.box,
            tip=t("editor.prev_option"),
        )
        picker = sc.button(
            pygame.Rect(track.x + bw + 4, track.y, track.w - 2 * bw - 8, track.h),
            words.value(self.state.c, t, iid, self.draft.get(iid)),
            partial(self.step_option, iid, 1),
            container=self.box,
            tip=self.option_names(iid),
        )
        sc.button(
            pygame.Rect(track.right - bw, track.y, bw, track.h),
            "›",
            partial(self.step_option, iid, 1),
            container=self.box,
            tip=t("editor.next_option"),
        )
        return picker

    def option_names(self, iid: str) -> str:
        """Every option of issue ``iid``, one a line (the picker's tooltip)."""
        c, t = self.state.c, self.scene.t
        return "\n".join(f"• {words.value(c, t, iid, v)}" for v in c.grid[iid])

    # ------------------------------------------------------------------ changes
    def toggle(self, iid: str) -> None:
        if iid in self.include:
            self.include.discard(iid)
        else:
            self.include.add(iid)
        self._show_toggle(iid)
        self.scene.package_changed()

    def toggle_link(self, iid: str) -> None:
        """Tie the row to the offer's link, or untie it (a linked row is in the offer)."""
        if iid in self.linked:
            self.linked.discard(iid)
        else:
            self.linked.add(iid)
            if iid not in self.include:
                self.include.add(iid)
                self._show_toggle(iid)
        self._show_link(iid)
        self.scene.package_changed()

    def _show_link(self, iid: str) -> None:
        """The link toggle's word and colour: linked or not."""
        from pygame_gui.core import ObjectID

        btn = self.link_toggles.get(iid)
        if btn is None:
            return
        t, on = self.scene.t, iid in self.linked
        word = t("editor.link_on" if on else "editor.link_off")
        if getattr(btn, "treaty_full", None) != word:
            self.scene.set_label(
                btn, word, tip=t("editor.link_on_tip" if on else "editor.link_off_tip")
            )
            btn.change_object_id(ObjectID(class_id="@toggle_on" if on else "@small"))

    def links(self) -> tuple[tuple[str, ...], ...]:
        """The offer's link: the linked rows that are in the offer, if two or more."""
        group = tuple(i for i in self.package() if i in self.linked)
        return (group,) if len(group) > 1 else ()

    def lone_link(self) -> bool:
        """Only one row of the offer is linked: a link needs two clauses or more."""
        return sum(1 for i in self.package() if i in self.linked) == 1

    def _show_toggle(self, iid: str) -> None:
        """In or out of the package: the toggle's word and colour, the issue's name dimmed
        and its value replaced by "left out" when out."""
        from pygame_gui.core import ObjectID

        btn = self.toggles.get(iid)
        if btn is None:
            return
        t = self.scene.t
        inc = iid in self.include
        word = t("editor.in" if inc else "editor.out")
        if getattr(btn, "treaty_full", None) != word:
            self.scene.set_label(
                btn, word, tip=t("editor.include_tip" if inc else "editor.exclude_tip")
            )
            btn.change_object_id(ObjectID(class_id="@toggle_on" if inc else "@small"))
            name = self.names.get(iid)
            if name is not None:
                name.change_object_id(ObjectID(object_id=None if inc else "#issue_closed"))
                whole = getattr(name, "treaty_full", name.text)
                self.scene.set_label(name, whole, None if inc else "#issue_closed")
        self._show_value(iid)

    def sync(self) -> None:
        """Show the draft: the sliders' and pickers' positions, the values, the toggles."""
        if self.signature != self.signature_of():
            self.rebuild()
            return
        c = self.state.c
        space = package_space(self.state, self.side) if self.state.open_issues() else {}
        for iid, (image, shown) in list(self.bands.items()):
            allowed = frozenset(space.get(iid, ()))
            if allowed != shown:  # another side's view, or a new mandate
                image.set_image(band(image.rect.size, c.grid[iid], set(allowed)))
                self.bands[iid] = (image, allowed)
        for iid, picker in self.pickers.items():
            self.editor_of(iid).show(self, iid, picker, c.grid[iid])
            self._show_value(iid)
            self._show_toggle(iid)
            self._show_link(iid)

    def rebuild(self) -> None:
        """Lay the rows out again (the stage, the open issues or the mandate changed)."""
        sc = self.scene
        owned = set(map(id, self.owned))
        sc.focusables[:] = [e for e in sc.focusables if id(e) not in owned]
        sc.actions = {k: v for k, v in sc.actions.items() if id(k) not in owned}
        sc.sliders = {k: v for k, v in sc.sliders.items() if id(k) not in owned}
        rect = pygame.Rect(self.box.relative_rect)
        self.box.kill()
        self.value_labels, self.toggles, self.pickers, self.rows, self.bands = {}, {}, {}, {}, {}
        self.link_toggles = {}
        self.names = {}
        self.box = UIScrollingContainer(
            rect, sc.app.manager, container=sc.root, allow_scroll_x=False
        )
        self.build()

    def set_index(self, iid: str, index: int) -> None:
        grid = self.state.c.grid[iid]
        self.draft[iid] = grid[max(0, min(len(grid) - 1, index))]
        self.include.add(iid)
        self._show_value(iid)
        self._show_toggle(iid)
        self.scene.package_changed()

    def step_option(self, iid: str, step: int) -> None:
        grid = self.state.c.grid[iid]
        cur = self.draft.get(iid, grid[0])
        i = (grid.index(cur) + step) % len(grid) if cur in grid else 0
        self.draft[iid] = grid[i]
        self.include.add(iid)
        self._show_value(iid)
        self._show_toggle(iid)
        self.scene.package_changed()

    def allows(self, iid: str, value: Value | None) -> bool:
        """Whether the seat's mandate lets it offer ``value`` on issue ``iid`` now."""
        return value in set(package_space(self.state, self.side).get(iid, ()))

    def _show_value(self, iid: str) -> None:
        t, c = self.scene.t, self.state.c
        label = self.value_labels.get(iid)
        if label is None:
            picker = self.pickers.get(iid)
            if picker is not None:
                self.editor_of(iid).show(self, iid, picker, c.grid[iid])
            return
        value = self.draft.get(iid)
        allowed = set(package_space(self.state, self.side).get(iid, ()))
        text = self.editor_of(iid).label(words.value(c, t, iid, value))
        bad = value not in allowed
        if iid not in self.include:
            text, look = t("editor.left_out"), "#value_out"
        elif bad:
            text, look = (f"{text} ×" if text else t("editor.outside")), "#value_bad"
        else:
            look = "#value"
        if getattr(label, "treaty_look", "#value") != look:
            label.change_object_id(look)
            label.treaty_look = look  # type: ignore[attr-defined]
        self.scene.set_label(label, text, look)

    # ------------------------------------------------------------------ reading
    def package(self) -> dict[str, Value]:
        """The draft package: the included open issues."""
        open_now = self.state.open_issues()
        return {i: self.draft[i] for i in open_now if i in self.include and i in self.draft}

    def utility_text(self) -> str:
        t, state, side = self.scene.t, self.state, self.side
        if state.c.is_mediator(side):
            return t("editor.mediator_utility")
        pkg = self.package()
        u = utility(state.c, side, {**state.agreed, **pkg}, state.date, state)
        r = reservation(state, state.c, side)
        return t("editor.utility", u=f"{u:.2f}", r=f"{r:.2f}")

    def utility_value(self) -> float:
        state = self.state
        return utility(state.c, self.side, {**state.agreed, **self.package()}, state.date, state)

    def scroll_to(self, element: Any) -> None:
        bar = getattr(self.box, "vert_scroll_bar", None)
        if bar is None or element is None:
            return
        inner = self.box.get_container().get_rect()
        view = self.box.rect
        if view.contains(element.rect):
            return
        total = max(1, inner.h)
        top = element.rect.y - inner.y - view.h // 3
        bar.set_scroll_from_start_percentage(max(0.0, min(1.0, top / total)))
