"""The window: display, the scene stack, and an event-driven loop.

The loop waits for input (``pygame.event.wait`` with a timeout) when the
screen is idle, runs at up to 60 frames a second for a moment after input
(so hover effects and tooltips animate), and draws only when something
changed. Input is turned into intents once (:mod:`game.ui.intents`) and given
to the scene on top.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import unicodedata
import warnings
from collections.abc import Callable
from typing import Any

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
# A plain software framebuffer: SDL would otherwise load OpenGL (about 100 MB
# of Mesa under X11) to accelerate a window that only shows 2D surfaces.
os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")
# The click that brings the window to the front also presses what it lands on.
os.environ.setdefault("SDL_MOUSE_FOCUS_CLICKTHROUGH", "1")

import pygame  # noqa: E402
import pygame_gui  # noqa: E402

warnings.filterwarnings("ignore", message="Label Rect is too small", category=UserWarning)
warnings.filterwarnings("ignore", message="Finding font with id", category=UserWarning)

from game.ui import gui_fixes, memory, style  # noqa: E402
from game.ui.intents import Intent, IntentKind, intents_of  # noqa: E402
from game.ui.scene import DESIGN, Scene  # noqa: E402
from game.ui.scenes import scene_class  # noqa: E402
from game.ui.settings import Settings, desktop_size, window_sizes  # noqa: E402
from game.wording.catalogue import Translator  # noqa: E402

ACTIVE_SECONDS = 1.2
IDLE_WAIT_MS = 1000
IDLE_POLL_S = 0.02
FPS = 60
RESIZE_SETTLE = 0.15


class App:
    """The window and its scene stack."""

    def __init__(
        self, settings: Settings | None = None, args: argparse.Namespace | None = None
    ) -> None:
        self.settings = settings or Settings.load()
        self.args = args or argparse.Namespace()
        self.tr = Translator(self.settings.lang)
        self.stack: list[Scene] = []
        self.running = True
        self.dirty = True
        self.full_redraw = True
        self.active_until = 0.0
        self.frames = 0
        self.frame_times: list[float] = []
        self.status_text = ""
        self.status_until = 0.0
        self.first_frame_at: float | None = None
        self.pending_resize: tuple[int, int] | None = None
        self.resize_at = 0.0
        gui_fixes.install()
        memory.tune()
        pygame.display.set_caption("Treaty Table")
        self.settings.window = fit_to_desktop(self.settings.window)
        self.screen = self._open(self.settings.window, self.settings.fullscreen)
        self.size = self.screen.get_size()
        self.scale, self.stretch = geometry(self.size)
        self._font_factor = 0.0
        self.manager: Any = None
        self._make_manager()
        self.clock = pygame.time.Clock()

    # ------------------------------------------------------------------ display
    def _open(self, size: tuple[int, int], fullscreen: bool) -> pygame.Surface:
        if fullscreen:
            try:
                return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
            except pygame.error:
                pass
        screen = pygame.display.set_mode(size, pygame.RESIZABLE)
        set_minimum_size(MIN_SIZE)
        return pygame.display.get_surface() or screen

    def _make_manager(self) -> None:
        factor = round(self.scale * self.settings.text_factor, 3)
        if self.manager is not None and abs(factor - self._font_factor) < 0.01:
            self.manager.set_window_resolution(self.size)
            return
        self._font_factor = factor
        self.manager = pygame_gui.UIManager(
            self.size, style.scaled_theme(factor), enable_live_theme_updates=False
        )
        gui_fixes.small_shape_cache(self.manager)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # "already loaded" by the theme
            self.manager.preload_fonts(style.font_sizes(factor))
        style.share_fonts(self.manager)

    @property
    def font_factor(self) -> float:
        """How much the theme's font sizes are scaled (window scale × text size)."""
        return self._font_factor or 1.0

    def resize(self, size: tuple[int, int]) -> None:
        """The window has a new size: scale the theme and lay every scene out again."""
        self.screen = pygame.display.get_surface() or self.screen
        self.size = self.screen.get_size() if self.screen else size
        self.scale, self.stretch = geometry(self.size)
        built = [scene for scene in self.stack if scene.root is not None]
        for scene in built:
            scene.clear()
        self.release_memory()
        self._make_manager()
        for scene in built:
            scene.build()
            if (
                scene is not self.stack[-1]
                and scene.root is not None
                and not self.top_is_modal_over(scene)
            ):
                scene.root.hide()
        self.dirty = True
        self.full_redraw = True

    def toggle_fullscreen(self) -> None:
        self.settings.fullscreen = not self.settings.fullscreen
        self.screen = self._open(self.settings.window, self.settings.fullscreen)
        self.resize(self.screen.get_size())

    def set_window_size(self, size: tuple[int, int]) -> None:
        self.settings.window = size
        if not self.settings.fullscreen:
            self.screen = self._open(size, False)
        self.resize(self.screen.get_size())

    def restyle(self) -> None:
        """Language or text size changed: rebuild every scene in the new words and sizes."""
        self.tr = Translator(self.settings.lang)
        self._font_factor = 0.0
        self.resize(self.size)

    def top_is_modal_over(self, scene: Scene) -> bool:
        """Whether every scene above ``scene`` is a dialog (so ``scene`` stays visible)."""
        if scene not in self.stack:
            return False
        above = self.stack[self.stack.index(scene) + 1 :]
        return all(s.modal for s in above)

    # ------------------------------------------------------------------ stack
    @property
    def top(self) -> Scene | None:
        return self.stack[-1] if self.stack else None

    def make(self, scene: Scene | str, *args: Any, **kwargs: Any) -> Scene:
        """``scene`` itself, or a new scene of the class registered under that name."""
        if isinstance(scene, str):
            return scene_class(scene)(self, *args, **kwargs)
        return scene

    def push(
        self,
        scene: Scene | str,
        *args: Any,
        on_result: Callable[[Any], object] | None = None,
        **kwargs: Any,
    ) -> Scene:
        """Put a scene on top: ``scene``, or a new scene registered under that name (made
        with ``args`` and ``kwargs``). ``on_result`` gets what a dialog hands back."""
        scene = self.make(scene, *args, **kwargs)
        if self.top is not None:
            self.top.pause(scene)
        scene.on_result = on_result
        self.stack.append(scene)
        if not scene.modal:
            self.tidy_memory()  # the scene below has let its widgets go
        scene.enter()
        self.dirty = True
        return scene

    def _close(self, scenes: list[Scene]) -> None:
        """``scenes`` have left the stack: let them go; a full scene's widgets are collected."""
        for s in scenes:
            s.exit()
        if any(not s.modal for s in scenes):
            self.release_memory()
        elif scenes:
            self.tidy_memory()

    def pop(self, scene: Scene | None = None) -> None:
        """Remove the top scene (or ``scene`` and everything above it)."""
        if not self.stack:
            return
        target = scene if scene in self.stack else self.stack[-1]
        gone: list[Scene] = []
        while self.stack:
            s = self.stack.pop()
            gone.append(s)
            if s is target:
                break
        self._close(gone)
        if self.top is not None:
            self.top.resume()
        else:
            self.running = False
        self.dirty = True

    def back_to(self, name: str, resume: bool = True) -> None:
        """Close every scene above the topmost one named ``name`` (all of them if there is
        none); that one resumes unless ``resume`` is False (a scene is about to cover it)."""
        gone: list[Scene] = []
        while self.stack and self.stack[-1].name != name:
            gone.append(self.stack.pop())
        self._close(gone)
        if resume and gone and self.top is not None:
            self.top.resume()
        self.dirty = True

    def replace(self, scene: Scene | str, *args: Any, **kwargs: Any) -> Scene:
        """Swap the top scene for ``scene`` (or a new scene registered under that name)."""
        scene = self.make(scene, *args, **kwargs)
        if self.stack:
            self._close([self.stack.pop()])
        self.stack.append(scene)
        scene.enter()
        self.dirty = True
        return scene

    def reset(self, scene: Scene | str, *args: Any, **kwargs: Any) -> Scene:
        """Empty the stack and start again from ``scene`` (e.g. back to the title)."""
        gone = list(reversed(self.stack))
        self.stack.clear()
        self._close(gone)
        return self.push(scene, *args, **kwargs)

    def close(self) -> None:
        """End the program: every scene saves what must not be lost first (the game at the
        table is autosaved, atomically: the title offers it to continue next time)."""
        for scene in reversed(self.stack):
            try:
                scene.on_close()
            except OSError as exc:
                print(f"treaty-table: the game could not be saved ({exc})", file=sys.stderr)
        self.running = False

    def ask_quit(self) -> None:
        """Ctrl+Q: ask first (saying that the game in progress is saved), then close."""
        top = self.top
        if top is not None and top.name == "confirm":
            return
        playing = any(s.in_progress() for s in self.stack)
        self.push(
            "confirm",
            self.tr("confirm.quit_title"),
            self.tr("confirm.quit_game" if playing else "confirm.quit"),
            on_result=lambda ok: self.close() if ok else None,
        )

    def release_memory(self) -> None:
        """A scene has gone: collect its widgets and give the memory back (see :mod:`memory`)."""
        memory.release()

    def tidy_memory(self) -> None:
        """Widgets were let go: collect them only if the memory has grown enough to matter."""
        memory.tidy()

    def find(self, scene: type | str) -> Any:
        """The topmost scene of a class, or of a name."""
        return next(
            (
                s
                for s in reversed(self.stack)
                if (s.name == scene if isinstance(scene, str) else isinstance(s, scene))
            ),
            None,
        )

    def status(self, text: str, seconds: float = 6.0) -> None:
        """A one-line message near the top of the window, for ``seconds``."""
        self.status_text = text
        self.status_until = time.monotonic() + seconds
        self.dirty = True

    # ------------------------------------------------------------------ loop
    def typing(self) -> bool:
        focus = self.manager.get_focus_set()
        return any(isinstance(e, pygame_gui.elements.UITextEntryLine) for e in (focus or ()))

    def process(self, event: pygame.event.Event) -> None:
        """One raw event: the UI first, then intents to the top scene."""
        if event.type in (pygame.WINDOWEXPOSED, pygame.WINDOWFOCUSGAINED, pygame.WINDOWSHOWN):
            self.dirty = True
        if event.type == pygame.VIDEORESIZE:  # laid out again once the dragging stops
            self.pending_resize = (event.w, event.h)
            self.resize_at = time.monotonic() + RESIZE_SETTLE
            return
        if event.type in (pygame.WINDOWEXPOSED, pygame.WINDOWSHOWN, pygame.WINDOWRESTORED):
            self.full_redraw = True
        if event.type == pygame.TEXTINPUT:  # typed text: no control or invisible characters
            text = printable(str(getattr(event, "text", "")))
            if not text:
                return
            event = pygame.event.Event(pygame.TEXTINPUT, {**event.dict, "text": text})
        typing = self.typing()
        self.manager.process_events(event)
        for intent in intents_of(event, typing):
            self.dispatch(intent)

    def dispatch(self, intent: Intent) -> None:
        if intent.kind is IntentKind.QUIT:  # the window's close button, Alt-F4: save and go
            self.close()
            return
        if intent.kind is IntentKind.ASK_QUIT:
            self.ask_quit()
            return
        if intent.kind is IntentKind.FULLSCREEN:
            self.toggle_fullscreen()
            return
        if intent.kind is IntentKind.RESIZE:
            return
        self.dirty = True
        if self.top is not None:
            self.top.handle(intent)

    def step(self, block: bool = False) -> bool:
        """One turn of the loop; returns whether a frame was drawn."""
        now = time.monotonic()
        active = now < self.active_until or self.typing() or self.pending_resize is not None
        if block and not active and not self.dirty:
            events = idle_wait(IDLE_WAIT_MS)
        else:
            events = pygame.event.get()
        if events:
            self.active_until = time.monotonic() + ACTIVE_SECONDS
        for ev in events:
            self.process(ev)
            if not self.running:
                return False
        if self.pending_resize is not None and (time.monotonic() >= self.resize_at or not block):
            size, self.pending_resize = self.pending_resize, None
            self.resize(size)
        dt = self.clock.tick(FPS if block else 0) / 1000.0
        if self.top is not None and self.top.tick(dt):
            self.dirty = True
            self.active_until = time.monotonic() + ACTIVE_SECONDS
        if self.status_text and time.monotonic() > self.status_until:
            self.status_text = ""
            self.dirty = True
        if not (self.dirty or active or events):
            return False
        self.manager.update(dt)
        return self.draw()

    def _signature(self) -> dict[int, tuple[Any, tuple[int, int, int, int], bool]]:
        """What each widget shows now: its image object, its rect, whether it is visible."""
        sig = {}
        for spr in self.manager.get_sprite_group().sprites():
            sig[id(spr)] = (
                getattr(spr, "image", None),
                tuple(spr.rect),
                bool(getattr(spr, "visible", True)),
            )
        return sig

    def _overlays(self) -> tuple[Any, ...]:
        top = self.top
        focus = top.focus_rect() if top is not None else None
        return (tuple(focus.inflate(8, 8)) if focus else None, self.status_text, tuple(self.size))

    def draw(self, full: bool = False) -> bool:
        """Draw the window if anything changed; only the changed parts go to the screen.

        A widget changed when its image, rect or visibility did (pygame_gui gives a
        redrawn widget a new image). Drawing reads state only. Returns whether it drew.
        """
        t0 = time.perf_counter()
        sig, overlays = self._signature(), self._overlays()
        old, old_overlays = getattr(self, "_last_sig", None), getattr(self, "_last_overlays", None)
        rects: list[pygame.Rect] = []
        full = (
            full
            or old is None
            or self.full_redraw
            or overlays[2] != (old_overlays or (None, None, None))[2]
        )
        if not full:
            assert old is not None and old_overlays is not None
            for key in set(old) | set(sig):
                a, b = old.get(key), sig.get(key)
                if (
                    a is not None
                    and b is not None
                    and a[0] is b[0]
                    and a[1] == b[1]
                    and a[2] == b[2]
                ):
                    continue
                for item in (a, b):
                    if item is not None and item[2]:
                        rects.append(pygame.Rect(item[1]))
            if overlays[:2] != old_overlays[:2]:
                for focus in (overlays[0], old_overlays[0]):
                    if focus:
                        rects.append(pygame.Rect(focus))
                if overlays[1] != old_overlays[1] or overlays[1]:
                    rects.append(self._status_rect(old_overlays[1]))
                    rects.append(self._status_rect(overlays[1]))
            if not rects:
                self._last_sig, self._last_overlays = sig, overlays
                self.dirty = False
                return False
        self.screen.fill(style.colour("background"))
        self.manager.draw_ui(self.screen)
        top = self.top
        rect = top.focus_rect() if top is not None else None
        if rect is not None:
            pygame.draw.rect(
                self.screen, style.colour("focus"), rect.inflate(4, 4), 2, border_radius=5
            )
        if self.status_text:
            self._draw_status()
        if full or len(rects) > 60:
            pygame.display.flip()
        else:
            pygame.display.update([r.inflate(4, 4) for r in rects])
        self._last_sig, self._last_overlays = sig, overlays
        self.full_redraw = False
        self.dirty = False
        self.frames += 1
        self.frame_times.append(time.perf_counter() - t0)
        if len(self.frame_times) > 5000:
            del self.frame_times[:2500]
        if self.first_frame_at is None:
            self.first_frame_at = time.perf_counter()
        return True

    def _status_lines(self, text: str) -> tuple[pygame.font.Font, list[str]]:
        f = style.font(round(15 * self.scale * self.settings.text_factor))
        return f, style.wrap(f, text, max(40, self.size[0] - 44))[:6]

    def _status_rect(self, text: str | None) -> pygame.Rect:
        if not text:
            return pygame.Rect(0, 0, 0, 0)
        f, lines = self._status_lines(text)
        w = min(self.size[0] - 20, max(f.size(line)[0] for line in lines) + 24)
        box = pygame.Rect(0, 0, w, f.get_linesize() * len(lines) + 10)
        # at the foot of the window, where no scene puts a heading
        box.midbottom = (self.size[0] // 2, self.size[1] - max(2, round(3 * self.scale)))
        return box

    def _draw_status(self) -> None:
        """The status line: wrapped, never cut (a long path shows whole)."""
        f, lines = self._status_lines(self.status_text)
        box = self._status_rect(self.status_text)
        pygame.draw.rect(self.screen, (15, 19, 27), box, border_radius=6)
        pygame.draw.rect(self.screen, style.colour("pending"), box, 1, border_radius=6)
        for i, line in enumerate(lines):
            img = f.render(line, True, style.colour("ink"))
            self.screen.blit(img, (box.x + 12, box.y + 5 + i * f.get_linesize()))

    def run(self) -> int:
        """The loop, until the player quits. (``TREATY_TABLE_FIRST_FRAME_EXIT=1``: print the
        monotonic time of the first frame and stop; the benchmark measures start-up so.)"""
        probe = os.environ.get("TREATY_TABLE_FIRST_FRAME_EXIT") == "1"
        while self.running:
            self.step(block=not probe)
            if probe and self.frames:
                print(f"first-frame {time.monotonic():.6f}")
                return 0
        return 0


def printable(text: str) -> str:
    """``text`` without control, format (zero-width), private-use or unassigned characters."""
    return "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")


def geometry(size: tuple[int, int]) -> tuple[float, tuple[float, float]]:
    """How the design space (1280×720 units) maps onto a window of ``size``.

    Returns the scale of text and drawings, and the horizontal and vertical
    scale of the layout. The layout fills the window on both axes (no bars);
    text grows and shrinks more slowly than the window (the 0.8th power of the
    smaller axis' scale), so a bigger window shows more of each text.
    """
    sx, sy = size[0] / DESIGN[0], size[1] / DESIGN[1]
    scale = max(0.5, min(sx, sy)) ** 0.8
    return round(scale, 4), (sx, sy)


MIN_SIZE = (1024, 640)
"""The smallest window the layout is made for (smaller desktops get their own size)."""


def fit_to_desktop(size: tuple[int, int]) -> tuple[int, int]:
    """``size``, or the largest window size offered that fits the desktop if it does not."""
    desk = desktop_size()
    if desk is None or (size[0] <= desk[0] and size[1] <= desk[1]):
        return size
    return window_sizes(desk)[-1]


def set_minimum_size(size: tuple[int, int]) -> None:
    """Ask the window manager to keep the window at least ``size`` (the desktop's size
    if that is smaller)."""
    desk = desktop_size()
    if desk is not None:
        size = (min(size[0], desk[0]), min(size[1], desk[1]))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            window = pygame.Window.from_display_module()
        window.minimum_size = size
    except (pygame.error, AttributeError):
        pass


def idle_wait(timeout_ms: int) -> list[pygame.event.Event]:
    """The next events, waiting up to ``timeout_ms`` in steps of IDLE_POLL_S.

    ``pygame.event.wait`` polls inside SDL and costs about 2% of a core on an
    idle screen; sleeping in 20 ms steps costs about 0.2% and answers input
    within a frame or so.
    """
    deadline = time.monotonic() + timeout_ms / 1000.0
    while True:
        events = pygame.event.get()
        if events or time.monotonic() >= deadline:
            return events
        time.sleep(IDLE_POLL_S)


def open_display_or_explain() -> str | None:
    """Initialise pygame's display; the problem in one line if there is none."""
    try:
        pygame.display.init()
        pygame.font.init()
        info = pygame.display.Info()
        del info
    except pygame.error as exc:
        return str(exc) or "no video device"
    return None


def run_window(args: argparse.Namespace) -> int:
    """``treaty-table play`` without ``--text``: open the window and play."""
    problem = open_display_or_explain()
    if problem is None:
        try:
            app = App(Settings.load(), args)
        except pygame.error as exc:
            problem = str(exc)
    if problem is not None:
        print(
            f"treaty-table: no window can be opened here ({problem}). "
            "Play in the terminal instead: treaty-table play --text",
            file=sys.stderr,
        )
        return 1
    from game.ui.flow import start_scenes

    start_scenes(app, args)
    try:
        return app.run()
    finally:
        pygame.quit()
