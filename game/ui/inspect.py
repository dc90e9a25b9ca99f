"""Reading the window's element tree: what text each visible widget shows.

Tests check the UI through this, not through pixels.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import Any

from pygame_gui.elements import (
    UIButton,
    UIHorizontalSlider,
    UILabel,
    UISelectionList,
    UITextEntryLine,
    UIVerticalScrollBar,
)


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


def tooltips(manager: Any) -> list[str]:
    """The tooltip texts of the visible elements (what hovering them would show)."""
    return [
        tooltip_text(el)
        for el in elements(manager)
        if getattr(el, "visible", True) and getattr(el, "tool_tip_text", None)
    ]


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


def _room(el: Any) -> int:
    """The width a label or button has for its text: the rect less borders and padding."""
    border = getattr(el, "border_width", 0) or 0
    sides = border["left"] + border["right"] if isinstance(border, dict) else 2 * int(border)
    pad = int(getattr(el, "text_horiz_alignment_padding", 0) or 0)
    return int(el.rect.w - sides - 2 * pad)


def tooltip_text(el: Any) -> str:
    """The text of an element's tooltip (plain), or ""."""
    raw = getattr(el, "tool_tip_text", None) or ""
    return html.unescape(raw.replace("<br>", "\n"))


def text_problems(manager: Any) -> list[str]:
    """Every visible label or button whose text is wider (or taller) than its box, or is
    cut without its whole text in its tooltip. Empty when every text can be read whole."""
    out: list[str] = []
    for el in elements(manager):
        if not getattr(el, "visible", True) or not isinstance(el, UIButton | UILabel):
            continue
        if isinstance(
            getattr(el, "parent_element", None), UIHorizontalSlider | UIVerticalScrollBar
        ):
            continue  # pygame_gui's own arrow buttons (◀ ▶ ▲ ▼)
        text = el.text or ""
        if not text.strip() or el.font is None:
            continue
        width, height = el.font.size(text)
        room = _room(el)
        if width > room:
            out.append(f"{text!r}: {width} px wide in a box of {room}")
        if el.font.get_rect("Ág").h > el.rect.h + 2:
            out.append(f"{text!r}: taller than its box ({el.rect.h} px)")
        whole = getattr(el, "treaty_full", text)
        if text != whole and " ".join(whole.split()) not in " ".join(tooltip_text(el).split()):
            out.append(f"{text!r} is cut and its tooltip does not hold {whole!r}")
    return out


def overlaps(manager: Any) -> list[str]:
    """Visible buttons of the same container that lie over one another (one would hide
    the other's text and take its clicks). Empty when none do."""
    shown = [
        el
        for el in elements(manager)
        if isinstance(el, UIButton)
        and getattr(el, "visible", True)
        and (el.text or "").strip()
        and not isinstance(
            getattr(el, "parent_element", None), UIHorizontalSlider | UIVerticalScrollBar
        )
    ]
    out: list[str] = []
    for i, a in enumerate(shown):
        for b in shown[i + 1 :]:
            if a.ui_container is b.ui_container and a.rect.inflate(-2, -2).colliderect(
                b.rect.inflate(-2, -2)
            ):
                out.append(f"{a.text!r} and {b.text!r} overlap")
    return out
