"""Reading the window's element tree: what text each visible widget shows.

Tests check the UI through this, not through pixels.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pygame_gui.elements import UIButton, UILabel, UISelectionList, UITextEntryLine


def elements(manager: Any) -> Iterator[Any]:
    """Every live element of the manager."""
    yield from manager.get_sprite_group().sprites()


def visible_texts(manager: Any) -> list[str]:
    """The texts of the visible labels, buttons, text entries, lists and rich texts."""
    out: list[str] = []
    for el in elements(manager):
        if not getattr(el, "visible", True):
            continue
        view = getattr(el, "treaty_richview", None)
        if view is not None:
            out.append(view.plain_text())
        elif isinstance(el, UITextEntryLine):
            out.append(el.get_text())
        elif isinstance(el, UIButton | UILabel):
            out.append(el.text)
        elif isinstance(el, UISelectionList):
            out.extend(item["text"] for item in el.item_list)
    return out


def all_text(manager: Any) -> str:
    """Every visible text joined (for ``in`` checks)."""
    return "\n".join(visible_texts(manager))


def buttons(manager: Any, text: str | None = None) -> list[UIButton]:
    """Visible buttons, optionally those whose text starts with ``text``."""
    return [
        el
        for el in elements(manager)
        if isinstance(el, UIButton) and el.visible and (text is None or el.text.startswith(text))
    ]
