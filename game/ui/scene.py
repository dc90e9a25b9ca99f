"""Scenes: the screens of the window, kept on a stack with a lifecycle.

A scene builds its widgets in :meth:`Scene.layout` (in a 1280×720 design
space that :meth:`Scene.r` scales to the window), receives intents in
:meth:`Scene.handle`, and emits moves through the session. ``enter`` /
``pause`` / ``resume`` / ``exit`` are called by the window
(:class:`~game.ui.app.App`) as scenes are pushed and popped; scenes know the
window only as a :class:`Window` and open each other by name
(``self.app.push("table", session)``, see :mod:`game.ui.scenes`). A modal
scene (a dialog) is drawn over the one below it and ends with
:meth:`Scene.dismiss`, handing its result to whoever pushed it.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

import pygame
import pygame_gui
from pygame_gui.core import ObjectID, UIContainer
from pygame_gui.elements import (
    UIButton,
    UIHorizontalSlider,
    UIImage,
    UILabel,
    UISelectionList,
    UITextEntryLine,
    UIWindow,
)

from game.ui import style
from game.ui.intents import ARROWS, FOCUS_STEP, Intent, IntentKind
from game.ui.richtext import RichView

if TYPE_CHECKING:
    from game.ui.settings import Settings
    from game.wording.catalogue import Translator

DESIGN = (1280, 720)
BUTTON_PAD = 4
"""A button's text has its width less this (borders and the theme's padding of 3 a side,
less the 6 that :meth:`Scene.fit` keeps)."""
Action = Callable[[], None]


class Window(Protocol):
    """What a scene uses of the window (:class:`game.ui.app.App` is one)."""

    tr: Translator
    settings: Settings
    manager: Any
    size: tuple[int, int]
    scale: float
    stretch: tuple[float, float]
    stack: list[Scene]
    running: bool

    @property
    def font_factor(self) -> float: ...

    @property
    def top(self) -> Scene | None: ...

    def push(
        self,
        scene: Scene | str,
        *args: Any,
        on_result: Callable[[Any], object] | None = None,
        **kwargs: Any,
    ) -> Scene:
        """Put a scene on top (a scene, or a registered scene's name and its arguments)."""
        ...

    def pop(self, scene: Scene | None = None) -> None: ...

    def replace(self, scene: Scene | str, *args: Any, **kwargs: Any) -> Scene: ...

    def back_to(self, name: str, resume: bool = True) -> None:
        """Close the scenes above the one named ``name``."""
        ...

    def find(self, scene: type | str) -> Any: ...

    def top_is_modal_over(self, scene: Scene) -> bool: ...

    def status(self, text: str, seconds: float = 6.0) -> None: ...

    def restyle(self) -> None: ...

    def toggle_fullscreen(self) -> None: ...

    def set_window_size(self, size: tuple[int, int]) -> None: ...

    def tidy_memory(self) -> None:
        """Widgets were let go: collect them if the window's memory has grown."""
        ...


def esc(text: str) -> str:
    """Text made safe for pygame_gui's HTML."""
    return html.escape(text, quote=False).replace("\n", "<br>")


class Scene:
    """One screen. Subclasses implement :meth:`layout` and, if they need, :meth:`on_intent`."""

    modal = False
    name = "scene"
    dialog_size = (640, 360)

    def __init__(self, app: Window) -> None:
        self.app = app
        self.root: Any = None
        self.actions: dict[Any, Action] = {}
        self.sliders: dict[Any, Callable[[int], None]] = {}
        self.lists: dict[Any, tuple[Callable[[str], None], Action | None]] = {}
        self.focusables: list[Any] = []
        self.views: list[RichView] = []
        self.focus = -1
        self.on_result: Callable[[Any], object] | None = None
        self.paused = False

    # ------------------------------------------------------------------ lifecycle
    @property
    def t(self) -> Translator:
        """The translator of the current language."""
        return self.app.tr

    def enter(self) -> None:
        """Pushed on the stack: build the widgets."""
        self.build()

    def pause(self, by: Scene) -> None:
        """Another scene came on top: a dialog leaves this one in view; a full scene
        covers it, so its widgets go (their surfaces are most of the window's memory)
        and are built again on :meth:`resume`. What the player chose lives in the
        scene's fields, not in its widgets."""
        self.paused = True
        if not by.modal and self.root is not None:
            focus = self.focus
            self.clear()
            self.focus = focus

    def resume(self) -> None:
        """On top again."""
        self.paused = False
        if self.root is not None:
            self.root.show()
        self.refresh()

    def exit(self) -> None:
        """Popped: remove the widgets."""
        self.clear()

    def on_close(self) -> None:
        """The program is ending (the window was closed): keep what must not be lost."""

    def in_progress(self) -> bool:
        """Whether this scene holds a game that is not over (quitting asks first)."""
        return False

    def refresh(self) -> None:
        """Bring the widgets up to date with the state (default: build them again)."""
        self.rebuild()

    def rebuild(self) -> None:
        focus = self.focus
        self.clear()
        self.app.tidy_memory()  # the old widgets, before the new ones are made
        if self.paused and not self.app.top_is_modal_over(self):
            self.focus = focus  # covered by a full scene: built again when it is on top
            return
        self.build()
        if 0 <= focus < len(self.focusables):
            self.focus = focus

    def build(self) -> None:
        """Create the root container and lay the widgets out in it."""
        app = self.app
        if self.modal:
            w, h = self.dialog_size
            s = app.scale
            rect = pygame.Rect(0, 0, round(w * s), round(h * s))
            rect.center = (app.size[0] // 2, app.size[1] // 2)
            self.root = UIWindow(
                rect,
                app.manager,
                window_display_title=self.title(),
                object_id="#dialog",
                resizable=False,
            )
            self.root.set_blocking(True)
        else:
            self.root = UIContainer(pygame.Rect((0, 0), app.size), app.manager)
        self.layout()

    def title(self) -> str:
        return ""

    def layout(self) -> None:
        """Create the widgets (subclasses)."""

    def clear(self) -> None:
        if self.root is not None:
            self.root.kill()
            if self.modal:
                _drop_close_events(self.root)
        self.root = None
        self.actions.clear()
        self.sliders.clear()
        self.lists.clear()
        self.focusables.clear()
        self.views.clear()
        self.focus = -1

    def dismiss(self, result: Any = None) -> None:
        """Close this (modal) scene and hand ``result`` to the scene that opened it."""
        callback = self.on_result
        self.app.pop(self)
        if callback is not None:
            callback(result)

    def tick(self, dt: float) -> bool:
        """Time passed (seconds); True if the scene changed and must be drawn."""
        for lst in self.lists:
            self._dress_list(lst)
        return any([v.poll() for v in self.views])

    # ------------------------------------------------------------------ layout helpers
    @property
    def container(self) -> Any:
        return self.root

    def r(self, x: float, y: float, w: float, h: float) -> pygame.Rect:
        """A rect in design units, scaled to the window (relative to the scene's root)."""
        s = self.app.scale
        if self.modal:
            return pygame.Rect(
                round(x * s), round(y * s), max(1, round(w * s)), max(1, round(h * s))
            )
        sx, sy = self.app.stretch
        left, top = round(x * sx), round(y * sy)
        return pygame.Rect(
            left, top, max(1, round((x + w) * sx) - left), max(1, round((y + h) * sy) - top)
        )

    def px(self, v: float) -> int:
        return max(1, round(v * self.app.scale))

    def label(
        self,
        rect: pygame.Rect,
        text: str,
        oid: str | None = None,
        container: Any = None,
        tip: str | None = None,
    ) -> UILabel:
        """A one-line label; text too long for it is cut with an ellipsis and shown whole
        on hover (with ``tip`` under it, if given)."""
        shown = self.fit(text, rect.w, oid)
        el = UILabel(
            rect,
            shown,
            self.app.manager,
            container=container or self.container,
            object_id=oid,
        )
        self.set_tip(el, tip, whole=text if shown != text else None)
        el.treaty_full = text  # type: ignore[attr-defined]
        return el

    def set_label(self, el: Any, text: str, oid: str | None = None, tip: str | None = None) -> None:
        """Show ``text`` in a label or button made before: cut to fit, whole on hover."""
        width = el.rect.w - (BUTTON_PAD if isinstance(el, UIButton) else 0)
        shown = self.fit(text, width, oid)
        if el.text != shown:
            el.set_text(shown)
        el.treaty_full = text
        self.set_tip(el, tip, whole=text if shown != text else None)

    def set_tip(self, el: Any, tip: str | None, whole: str | None = None) -> None:
        """The tooltip of ``el``: ``whole`` (a text cut on screen) and ``tip``, in a box as wide
        as its longest word needs (never the 170 pixels pygame_gui would wrap it at)."""
        text = "\n".join(x for x in (whole, tip) if x) or None
        if getattr(el, "treaty_tip_full", "-") == text:
            return
        el.treaty_tip_full = text
        el.treaty_tip = tip
        el.set_tooltip(esc(text) if text else None, wrap_width=self.tip_width(text or ""))

    def tip_width(self, text: str) -> int:
        """How wide a tooltip of ``text`` is: its longest word always fits on a line."""
        f = style.font(max(8, round(14 * self.app.font_factor)))
        pad = self.px(22)
        longest = max((f.size(w)[0] for w in text.split()), default=0)
        widest = round(440 * self.app.scale)
        whole = max((f.size(line)[0] for line in text.split("\n")), default=0)
        width = max(min(whole, widest), longest) + pad
        return max(self.px(60), min(width, self.app.size[0] - 16))

    def textbox(
        self,
        rect: pygame.Rect,
        html_text: str,
        oid: str | None = None,
        container: Any = None,
        size: int = 15,
    ) -> RichView:
        """A scrollable rich text (the UI's small HTML subset) in ``size`` (design pixels)."""
        size = max(8, round(size * self.app.font_factor))
        view = RichView(
            self.app.manager, rect, html_text, container or self.container, size, padding=self.px(8)
        )
        self.views.append(view)
        return view

    def fit(self, text: str, width: int, oid: str | None = None) -> str:
        """``text`` cut with an ellipsis to fit ``width`` pixels in the font of ``oid``."""
        block = (
            style.base_theme().get(oid or "label", {}).get("font")
            or style.base_theme()["defaults"]["font"]
        )
        size = max(8, round(float(block["size"]) * self.app.font_factor))
        font = style.font(size, block.get("bold") == "1", block.get("italic") == "1")
        return style.cut(font, text, width - 6)

    def image(self, rect: pygame.Rect, surface: pygame.Surface, container: Any = None) -> UIImage:
        return UIImage(rect, surface, self.app.manager, container=container or self.container)

    def button(
        self,
        rect: pygame.Rect,
        text: str,
        action: Action | None,
        *,
        tip: str | None = None,
        enabled: bool = True,
        cls: str | None = None,
        oid: str | None = None,
        container: Any = None,
        focus: bool = True,
    ) -> UIButton:
        """A button; a button that is not ``enabled`` looks off but still shows ``tip`` on
        hover (pygame_gui shows no tooltip on a disabled button) and does nothing."""
        on_cls = cls
        if not enabled:
            cls = "@move_off"
        object_id = ObjectID(object_id=oid, class_id=cls) if (oid or cls) else None
        shown = self.fit(text, rect.w - BUTTON_PAD, cls if cls != "@move_off" else None)
        btn = UIButton(
            rect,
            shown,
            self.app.manager,
            container=container or self.container,
            object_id=object_id,
        )
        btn.treaty_full = text  # type: ignore[attr-defined]
        btn.treaty_on_cls, btn.treaty_cls = on_cls, cls  # type: ignore[attr-defined]
        self.set_tip(btn, tip, whole=text if shown != text else None)
        btn.treaty_enabled = enabled  # type: ignore[attr-defined]
        if action is not None and enabled:
            self.actions[btn] = action
        elif not enabled and tip:
            self.actions[btn] = lambda: self.app.status(tip)
        if focus:
            self.focusables.append(btn)
        return btn

    def set_button(
        self, btn: Any, enabled: bool, action: Action | None, tip: str | None = None
    ) -> None:
        """Turn a button made before on or off (off: it looks off, says ``tip`` on hover and
        on a click, and does nothing), keeping its place and everything around it."""
        want = getattr(btn, "treaty_on_cls", None) if enabled else "@move_off"
        if getattr(btn, "treaty_cls", None) != want:
            btn.change_object_id(ObjectID(class_id=want))
            btn.treaty_cls = want
        btn.treaty_enabled = enabled
        font_of = want if want != "@move_off" else None
        self.set_label(btn, getattr(btn, "treaty_full", btn.text), font_of, tip=tip)
        if enabled and action is not None:
            self.actions[btn] = action
        elif not enabled:
            self.actions[btn] = (lambda: self.app.status(tip)) if tip else (lambda: None)

    def hotspots_over(self, image: Any, marks: Sequence[tuple[pygame.Rect, str]]) -> list[Any]:
        """Invisible labels over parts of ``image`` (rects relative to it): each shows its
        text on hover (a calendar's events, whose labels the image may cut)."""
        out = []
        for rect, text in marks:
            box = rect.move(image.relative_rect.topleft)
            spot: Any = UILabel(
                box, "", self.app.manager, container=self.container, object_id="#hotspot"
            )
            self.set_tip(spot, text)
            spot.treaty_full = text
            out.append(spot)
        return out

    def slider(
        self,
        rect: pygame.Rect,
        value: int,
        top: int,
        on_change: Callable[[int], None],
        container: Any = None,
    ) -> Any:
        """An integer slider 0..top."""
        sl: Any = UIHorizontalSlider(
            rect,
            value,
            (0, max(top, 1)),
            self.app.manager,
            container=container or self.container,
            click_increment=1,
        )
        if top <= 0:
            sl.disable()
        self.sliders[sl] = on_change
        self.focusables.append(sl)
        return sl

    def listbox(
        self,
        rect: pygame.Rect,
        items: Sequence[str],
        on_select: Callable[[str], None],
        on_activate: Action | None = None,
        selected: str | None = None,
        container: Any = None,
    ) -> UISelectionList:
        """A list to choose from. Each item is shown once (a repeated text gets a number),
        cut to the list's width with its whole text on hover; ``on_select`` gets the
        whole text."""
        full = unique(list(items))
        width = rect.w - max(16, round(20 * self.app.scale)) - 8
        shown = unique([self.fit(text, width) for text in full])
        lst = UISelectionList(
            rect,
            list[str | tuple[str, str]](shown),
            self.app.manager,
            container=container or self.container,
            default_selection=shown[full.index(selected)] if selected in full else None,
        )
        lst.treaty_full = dict(zip(shown, full, strict=True))  # type: ignore[attr-defined]
        self.lists[lst] = (on_select, on_activate)
        self.focusables.append(lst)
        self._dress_list(lst)
        return lst

    def _dress_list(self, lst: Any) -> None:
        """The whole text on hover for every item button the list has made (it makes them
        as they scroll into view)."""
        for item in lst.item_list:
            button = item.get("button_element")
            if button is None or getattr(button, "treaty_dressed", False):
                continue
            whole = lst.treaty_full.get(item["text"], item["text"])
            button.treaty_full = whole
            button.treaty_dressed = True
            if whole != item["text"]:
                self.set_tip(button, None, whole=whole)

    def list_text(self, lst: Any, shown: str) -> str:
        """The whole text of a list's item shown as ``shown``."""
        found: str = getattr(lst, "treaty_full", {}).get(shown, shown)
        return found

    def entry(self, rect: pygame.Rect, text: str, container: Any = None) -> UITextEntryLine:
        line = UITextEntryLine(
            rect, self.app.manager, container=container or self.container, initial_text=text
        )
        self.focusables.append(line)
        return line

    # ------------------------------------------------------------------ input
    def focused(self) -> Any:
        if 0 <= self.focus < len(self.focusables):
            return self.focusables[self.focus]
        return None

    def set_focus(self, element: Any) -> None:
        if element in self.focusables:
            self.focus = self.focusables.index(element)
            self._sync_focus()

    def _move_focus(self, step: int) -> None:
        items = [e for e in self.focusables if e.visible]
        if not items:
            return
        cur = self.focused()
        i = items.index(cur) if cur in items else (-1 if step > 0 else 0)
        nxt = items[(i + step) % len(items)]
        self.focus = self.focusables.index(nxt)
        self._sync_focus()
        self.scroll_into_view(nxt)

    def _sync_focus(self) -> None:
        el = self.focused()
        if isinstance(el, UITextEntryLine):
            self.app.manager.set_focus_set(el)
        else:
            self.app.manager.set_focus_set(None)

    def scroll_into_view(self, element: Any) -> None:
        """Scroll a scrolling container so that ``element`` shows (scenes that have one)."""

    def handle(self, intent: Intent) -> None:
        """Take one intent: the scene's own handling first, then focus and widgets."""
        if self.on_intent(intent):
            return
        k = intent.kind
        if k is IntentKind.PRESS and intent.element in self.actions:
            self.set_focus(intent.element)
            self.actions[intent.element]()
        elif k is IntentKind.SLIDE and intent.element in self.sliders:
            self.sliders[intent.element](int(round(intent.value)))
        elif k is IntentKind.SELECT and intent.element in self.lists:
            self.lists[intent.element][0](self.list_text(intent.element, intent.value))
        elif k is IntentKind.ACTIVATE_LIST and intent.element in self.lists:
            act = self.lists[intent.element][1]
            if act:
                act()
        elif k in FOCUS_STEP:
            self._move_focus(FOCUS_STEP[k])
        elif k is IntentKind.ACTIVATE:
            self._activate()
        elif k in ARROWS:
            self._arrow(k)
        elif k is IntentKind.BACK:
            self.back()
        elif k is IntentKind.WINDOW_CLOSED and self.modal and intent.element is self.root:
            self.root = None  # already closing
            self.dismiss(None)

    def _activate(self) -> None:
        el = self.focused()
        if el in self.actions:
            self.actions[el]()
        elif el in self.lists and self.lists[el][1] is not None:
            self.lists[el][1]()  # type: ignore[misc]
        elif el is None and self.default_action() is not None:
            self.default_action()()  # type: ignore[misc]

    def default_action(self) -> Action | None:
        """What Enter does when nothing has the focus."""
        return None

    def _arrow(self, k: IntentKind) -> None:
        el = self.focused()
        step = ARROWS[k]
        across = k is IntentKind.LEFT or k is IntentKind.RIGHT
        if el in self.sliders and across:
            lo, hi = el.value_range
            value = int(el.get_current_value()) + step
            value = max(int(lo), min(int(hi), value))
            el.set_current_value(value)
            self.sliders[el](value)
        elif el in self.lists and not across:
            items = [i["text"] for i in el.item_list]
            if not items:
                return
            chosen = [n for n, i in enumerate(el.item_list) if i["selected"]]
            i = chosen[0] if chosen else -1
            i = max(0, min(len(items) - 1, i + step))
            self._select_list_item(el, i)
        else:
            self._move_focus(step)

    def _select_list_item(self, lst: UISelectionList, index: int, say: bool = True) -> None:
        """Select the item at ``index`` (only it), scroll it into view if it is out of
        sight, and (``say``) act on the choice as a click would."""
        for n, item in enumerate(lst.item_list):
            item["selected"] = n == index
            button = item.get("button_element")
            if button is not None:
                if item["selected"]:
                    button.select()
                else:
                    button.unselect()
        bar = getattr(lst, "scroll_bar", None)
        total = len(lst.item_list)
        if bar is not None and total:
            top, seen = bar.start_percentage, bar.visible_percentage
            where = index / total
            if where < top or (index + 1) / total > top + seen:
                bar.set_scroll_from_start_percentage(max(0.0, min(1.0 - seen, where - seen / 2)))
        if say:
            self.lists[lst][0](self.list_text(lst, lst.item_list[index]["text"]))

    def on_intent(self, intent: Intent) -> bool:
        """Scene-specific handling; True if the intent was used."""
        return False

    def back(self) -> None:
        """Esc: a dialog closes; a screen goes back to the one below."""
        if self.modal:
            self.dismiss(None)
        else:
            self.app.pop(self)

    def focus_rect(self) -> pygame.Rect | None:
        el = self.focused()
        if el is None or not el.visible:
            return None
        return pygame.Rect(el.rect)


def unique(texts: list[str]) -> list[str]:
    """``texts`` with each repeat numbered ("Title (2)"), so that every item differs."""
    out: list[str] = []
    for text in texts:
        name, n = text, 1
        while name in out:
            n += 1
            name = f"{text} ({n})"
        out.append(name)
    return out


def confirm_event(element: Any) -> pygame.event.Event:
    """A button press as an event (tests and keyboard activation use it)."""
    return pygame.event.Event(pygame_gui.UI_BUTTON_PRESSED, {"ui_element": element})


def _drop_close_events(window: Any) -> None:
    """Take the events about a dialog this scene killed itself off the queue.

    pygame_gui posts some (closed, moved to front; each in its old and new form)
    that name the window, so its surfaces would live until the events are read."""
    kinds = (
        pygame_gui.UI_WINDOW_CLOSE,
        pygame_gui.UI_WINDOW_MOVED_TO_FRONT,
        pygame_gui.UI_WINDOW_RESIZED,
        pygame.USEREVENT,
    )
    for event in pygame.event.get(kinds):
        if getattr(event, "ui_element", None) is not window:
            pygame.event.post(event)
