"""The theme (``assets/theme.json``), scaled to the window, and the palette for drawings."""

from __future__ import annotations

import copy
import json
from functools import cache
from typing import Any

import pygame

from game.ui.paths import FONTS, THEME

FONT_NAME = "treaty"
FONT_FILES = {
    "regular_path": "NotoSans-Regular.ttf",
    "bold_path": "NotoSans-Bold.ttf",
    "italic_path": "NotoSans-Italic.ttf",
    "bold_italic_path": "NotoSans-BoldItalic.ttf",
}


@cache
def base_theme() -> dict[str, Any]:
    with open(THEME, encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def scaled_theme(factor: float) -> dict[str, Any]:
    """The theme with every font size multiplied by ``factor`` and the font files located."""
    theme = copy.deepcopy(base_theme())
    # sizes in pixels that pygame_gui does not scale: a list's rows, a tooltip's width
    theme.setdefault("selection_list", {}).setdefault("misc", {})["list_item_height"] = str(
        max(20, round(24 * factor))
    )
    tip = theme.setdefault("tool_tip", {}).setdefault("misc", {})
    tip["rect_width"] = str(round(int(tip.get("rect_width", "420")) * factor))
    for block in theme.values():
        font = block.get("font") if isinstance(block, dict) else None
        if isinstance(font, dict) and "size" in font:
            font["size"] = str(max(8, round(float(font["size"]) * factor)))
            if font.get("name") == FONT_NAME:
                for key, name in FONT_FILES.items():
                    font[key] = str(FONTS / name)
    return theme


def font_sizes(factor: float) -> list[dict[str, Any]]:
    """Every (size, style) the theme uses, for ``UIManager.preload_fonts``."""
    seen: set[tuple[int, str]] = set()
    for block in scaled_theme(factor).values():
        font = block.get("font") if isinstance(block, dict) else None
        if isinstance(font, dict) and "size" in font:
            bold, italic = font.get("bold") == "1", font.get("italic") == "1"
            style = {(False, False): "regular", (True, False): "bold", (False, True): "italic"}.get(
                (bold, italic), "bold_italic"
            )
            seen.add((int(font["size"]), style))
    return [{"name": FONT_NAME, "point_size": size, "style": style} for size, style in sorted(seen)]


@cache
def palette() -> dict[str, pygame.Color]:
    """Colours for what the UI draws itself (map, charts, calendar, focus ring)."""
    cols = base_theme().get("#palette", {}).get("colours", {})
    return {k: pygame.Color(v) for k, v in cols.items()}


def colour(name: str) -> pygame.Color:
    return palette().get(name, pygame.Color("white"))


_FONTS: dict[tuple[int, bool, bool], pygame.font.Font] = {}
_STYLES = {"regular": (False, False), "bold": (True, False), "italic": (False, True)}
_STYLES["bold_italic"] = (True, True)


def share_fonts(manager: Any) -> None:
    """Use the faces the UI manager has loaded for the same sizes (each loaded size of
    a font costs about 0.4 MB; the theme and the drawings share ten of them)."""
    _FONTS.clear()
    for font_id, resource in manager.get_theme().get_font_dictionary().loaded_fonts.items():
        name, _, rest = str(font_id).partition("_")
        style, _, size = rest.rpartition("_aa_")
        inner = getattr(resource.loaded_font, "_GUIFontPygame__internal_font", None)
        known = name == FONT_NAME and style in _STYLES and size.isdigit()
        if known and isinstance(inner, pygame.font.Font):
            _FONTS[(int(size), *_STYLES[style])] = inner


def font(size: int, bold: bool = False, italic: bool = False) -> pygame.font.Font:
    """The shipped font at ``size`` px, for text the UI draws on its own surfaces."""
    key = (max(6, size), bold, italic)
    if key not in _FONTS:
        name = {
            (False, False): "regular_path",
            (True, False): "bold_path",
            (False, True): "italic_path",
        }.get((bold, italic), "bold_italic_path")
        _FONTS[key] = pygame.font.Font(str(FONTS / FONT_FILES[name]), key[0])
    return _FONTS[key]


def cut(font: pygame.font.Font, text: str, width: int) -> str:
    """``text``, or as much of it as fits ``width`` pixels with an ellipsis (found by halving,
    so a very long text costs a few measurements, not one per character)."""
    text = " ".join(text.split()) if "\n" in text else text
    if font.size(text[:2000])[0] <= width and len(text) <= 2000:
        return text
    lo, hi = 0, min(len(text), 2000)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if font.size(text[:mid] + "…")[0] <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"


def wrap(font: pygame.font.Font, text: str, width: int) -> list[str]:
    """``text`` in lines no wider than ``width`` (a word longer than a line is split)."""
    lines: list[str] = []
    cur = ""
    for word in text.split():
        while font.size(word)[0] > width and len(word) > 1:  # a word longer than a line
            if cur:
                lines.append(cur)
                cur = ""
            cut_at = len(word) - 1
            while cut_at > 1 and font.size(word[:cut_at])[0] > width:
                cut_at -= 1
            lines.append(word[:cut_at])
            word = word[cut_at:]
        trial = f"{cur} {word}" if cur else word
        if font.size(trial)[0] <= width:
            cur = trial
        else:
            lines.append(cur)
            cur = word
    if cur or not lines:
        lines.append(cur)
    return lines
