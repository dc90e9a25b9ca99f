"""A work-around for pygame_gui 0.6's theme-id lookup.

``UIAppearanceTheme.build_all_combined_ids`` keys its cache with a string built
by nested ``str.join`` calls, whose length grows with the product of the
lengths of the id lists: hundreds of kilobytes for a widget three containers
deep, built again and kept for every widget. This wraps it with a cache keyed
by the id lists themselves and empties pygame_gui's own cache of those strings.
The ids it returns are the library's own.
"""

from __future__ import annotations

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
    _INSTALLED = True
