"""Work-arounds for pygame_gui 0.6: its theme-id lookup, its shape cache, the
text surfaces it keeps, and texts of zero width.

``UIAppearanceTheme.build_all_combined_ids`` keys its cache with a string built
by nested ``str.join`` calls, whose length grows with the product of the
lengths of the id lists: hundreds of kilobytes for a widget three containers
deep, built again and kept for every widget. This wraps it with a cache keyed
by the id lists themselves and empties pygame_gui's own cache of those strings.
The ids it returns are the library's own.

:func:`install` also stops widgets keeping two spare copies of every state's
surface (the state without its text, and the text alone): pygame_gui keeps them
only so that a text entry can redraw its text in place, which a label or a
button never does; its next redraw draws both afresh. A button has four states,
so this is most of its memory. Text entries keep them.

:func:`small_shape_cache` gives a manager's theme a shape cache of one
512×512 atlas instead of up to three of 1024×1024 (12 MB of pixels): the
window's memory goal is 120 MB, and the cache only saves redrawing widget
backgrounds of the same size.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_INSTALLED = False


def install() -> None:
    """Wrap the lookup once per process."""
    global _INSTALLED
    if _INSTALLED:
        return
    from pygame_gui.core.ui_appearance_theme import UIAppearanceTheme

    original = UIAppearanceTheme.build_all_combined_ids

    def build_all_combined_ids(
        self: Any, element_base_ids: Any, element_ids: Any, class_ids: Any, object_ids: Any
    ) -> Any:
        key = tuple(
            tuple(x) if x is not None else None
            for x in (element_base_ids, element_ids, class_ids, object_ids)
        )
        cache = self.__dict__.setdefault("_treaty_combined_ids", {})
        found = cache.get(key)
        if found is None:
            found = original(self, element_base_ids, element_ids, class_ids, object_ids)
            cache[key] = found
            self.unique_theming_ids.clear()  # its keys are the long strings
        return found

    UIAppearanceTheme.build_all_combined_ids = build_all_combined_ids  # type: ignore[method-assign]
    _drop_spare_text_surfaces()
    _drop_blank_base_surfaces()
    _share_element_images()
    _zero_width_text()
    _INSTALLED = True


def _zero_width_text() -> None:
    """A text of zero width (a zero-width space, a lone combining mark) is an empty text.

    pygame's font raises "Text has zero width" for it, and pygame_gui's text
    entry lays out whatever is typed through it: typing such a character
    crashed the Save dialog.
    """
    import pygame
    from pygame_gui.core.gui_font_pygame import GUIFontPygame

    get_rect, render_premul = GUIFontPygame.get_rect, GUIFontPygame.render_premul
    render_premul_to = GUIFontPygame.render_premul_to

    def _zero(exc: pygame.error) -> bool:
        return "zero width" in str(exc)

    def safe_get_rect(self: Any, text: str) -> Any:
        try:
            return get_rect(self, text)
        except pygame.error as exc:
            if not _zero(exc):
                raise
            return get_rect(self, "")

    def safe_render_premul(self: Any, text: str, text_color: Any) -> Any:
        try:
            return render_premul(self, text, text_color)
        except pygame.error as exc:
            if not _zero(exc):
                raise
            inner = getattr(self, "_GUIFontPygame__internal_font", None)
            height = inner.get_height() if inner is not None else 1
            return pygame.Surface((0, height), pygame.SRCALPHA, 32)

    def safe_render_premul_to(
        self: Any, text: str, text_colour: Any, surf_size: Any, surf_position: Any
    ) -> Any:
        try:
            return render_premul_to(self, text, text_colour, surf_size, surf_position)
        except pygame.error as exc:
            if not _zero(exc):
                raise
            blank = pygame.Surface(surf_size, pygame.SRCALPHA, 32)
            blank.fill((0, 0, 0, 0))
            return blank

    GUIFontPygame.get_rect = safe_get_rect  # type: ignore[method-assign]
    GUIFontPygame.render_premul = safe_render_premul  # type: ignore[method-assign]
    GUIFontPygame.render_premul_to = safe_render_premul_to  # type: ignore[method-assign]


def _share_element_images() -> None:
    from pygame_gui.core import UIElement

    set_image = UIElement._set_image

    def _set_image(self: Any, new_image: Any) -> None:
        if new_image is not None and self.get_image_clipping_rect() is None:
            self.image = new_image
            self._pre_clipped_image = None
            return
        set_image(self, new_image)

    UIElement._set_image = _set_image  # type: ignore[method-assign]


def _drop_blank_base_surfaces() -> None:
    from pygame_gui.core.drawable_shapes.rect_drawable_shape import RectDrawableShape

    rebuild: Callable[[Any], None] = RectDrawableShape.full_rebuild_on_size_change

    def full_rebuild_on_size_change(self: Any) -> None:
        rebuild(self)
        if self.shadow_width == 0:  # the base is a blank, transparent surface then
            self.base_surface = None

    RectDrawableShape.full_rebuild_on_size_change = full_rebuild_on_size_change  # type: ignore[method-assign]


_BUILDING_ENTRY = [0]


def _drop_spare_text_surfaces() -> None:
    from pygame_gui.core.drawable_shapes.drawable_shape import DrawableShape
    from pygame_gui.elements import UITextEntryLine

    finalise = DrawableShape.finalise_text

    def finalise_text(self: Any, state_str: str, *args: Any, **kwargs: Any) -> None:
        finalise(self, state_str, *args, **kwargs)
        if _BUILDING_ENTRY[0] or getattr(self, "treaty_keeps_text", False):
            return
        state = self.states[state_str]
        state.pre_text_surface = None
        state.text_surface = None

    rebuild: Callable[[Any], None] = UITextEntryLine.rebuild

    def entry_rebuild(self: Any) -> None:
        _BUILDING_ENTRY[0] += 1
        try:
            rebuild(self)
        finally:
            _BUILDING_ENTRY[0] -= 1
        if self.drawable_shape is not None:
            self.drawable_shape.treaty_keeps_text = True

    DrawableShape.finalise_text = finalise_text  # type: ignore[method-assign]
    UITextEntryLine.rebuild = entry_rebuild  # type: ignore[method-assign]


CACHE_SIZE = (512, 512)


def small_shape_cache(manager: Any) -> None:
    """Give ``manager``'s theme a one-atlas shape cache (before any widget is made)."""
    import pygame
    from pygame_gui.core.surface_cache import SurfaceCache

    class SmallSurfaceCache(SurfaceCache):
        def __init__(self) -> None:  # the library's fields, with a smaller atlas
            self.cache_surface_size = CACHE_SIZE
            atlas = pygame.Surface(CACHE_SIZE, flags=pygame.SRCALPHA, depth=32)
            atlas.fill(pygame.Color("#00000000"))
            self.cache_surfaces = [
                {"surface": atlas, "free_space_rectangles": [pygame.Rect((0, 0), CACHE_SIZE)]}
            ]
            self.cache_long_term_lookup = {}
            self.cache_short_term_lookup = {}
            self.consider_purging_list = []
            self.low_on_space = False

        def _expand_lt_cache(self) -> None:  # one atlas only: purge instead of growing
            self.low_on_space = True

        def add_surface_to_long_term_cache(self, cached_item: Any, string_id: str) -> Any:
            w, h = cached_item["surface"].get_size()
            if w > CACHE_SIZE[0] or h > CACHE_SIZE[1]:
                return None  # too big for the atlas: the widget keeps its own copy
            return super().add_surface_to_long_term_cache(cached_item, string_id)

    manager.get_theme().shape_cache = SmallSurfaceCache()
