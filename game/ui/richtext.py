"""Fast rich text: the small HTML subset the UI writes (``<b> <i> <font color> <br>``),
laid out once with pygame's fonts and drawn a screenful at a time.

pygame_gui's text box lays long texts out slowly (seconds for the record of a
long game), so long texts (the record of the talks, briefings, the debrief,
the replay) use :class:`RichView`: an image of the visible lines and a
pygame_gui scroll bar. Its ``html_text`` and :meth:`RichView.plain_text`
keep the text readable from the element tree (tests check texts there).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pygame
from pygame_gui.core import UIContainer
from pygame_gui.elements import UIImage, UIVerticalScrollBar

from game.ui import style

TOKEN = re.compile(r"<(/?)(b|i|font|br)\b([^>]*)>", re.IGNORECASE)
COLOUR = re.compile(r'color\s*=\s*"?(#[0-9a-fA-F]{6})"?')


@dataclass(frozen=True)
class Run:
    """A piece of text in one style."""

    text: str
    bold: bool
    italic: bool
    colour: tuple[int, int, int]


def parse(markup: str, ink: tuple[int, int, int]) -> list[list[Run]]:
    """Paragraphs (split at ``<br>``) of styled runs."""
    paras: list[list[Run]] = [[]]
    bold = italic = 0
    colours = [ink]
    pos = 0
    for m in TOKEN.finditer(markup):
        if m.start() > pos:
            text = html.unescape(markup[pos : m.start()])
            if text:
                paras[-1].append(Run(text, bold > 0, italic > 0, colours[-1]))
        pos = m.end()
        closing, tag = m.group(1) == "/", m.group(2).lower()
        if tag == "br":
            paras.append([])
        elif tag == "b":
            bold += -1 if closing else 1
        elif tag == "i":
            italic += -1 if closing else 1
        elif tag == "font":
            if closing:
                if len(colours) > 1:
                    colours.pop()
            else:
                c = COLOUR.search(m.group(3))
                colours.append(tuple(pygame.Color(c.group(1)))[:3] if c else colours[-1])  # type: ignore[arg-type]
    if pos < len(markup):
        text = html.unescape(markup[pos:])
        if text:
            paras[-1].append(Run(text, bold > 0, italic > 0, colours[-1]))
    return paras


Line = tuple[tuple[int, Run], ...]


def layout(paras: list[list[Run]], width: int, size: int) -> list[Line]:
    """Word-wrapped lines of (x, run); each paragraph's layout is cached."""
    out: list[Line] = []
    for para in paras:
        out.extend(_layout_para(tuple(para), width, size))
    return out


@lru_cache(maxsize=8192)
def _layout_para(para: tuple[Run, ...], width: int, size: int) -> tuple[Line, ...]:
    lines: list[Line] = []
    line: list[tuple[int, Run]] = []
    x = 0
    for run in para:
        font = style.font(size, run.bold, run.italic)
        space = font.size(" ")[0]
        for word in re.findall(r"\S+\s*|\s+", run.text):
            core = word.rstrip()
            cw = font.size(core)[0] if core else 0
            w = cw + space * (len(word) - len(core))
            if x + cw > width and line:
                lines.append(tuple(line))
                line, x = [], 0
                if not core:
                    continue
                word, w = word.lstrip(), cw + space * (len(word.lstrip()) - len(core))
            while cw > width and len(core) > 1:  # a word longer than the line
                cut = len(core)
                while cut > 1 and font.size(core[:cut])[0] > width:
                    cut -= 1
                lines.append(((0, Run(core[:cut], run.bold, run.italic, run.colour)),))
                core = core[cut:]
                word = core + " "
                cw = font.size(core)[0]
                w = cw + space
            last = line[-1][1] if line else None
            if last is not None and (last.bold, last.italic, last.colour) == (
                run.bold,
                run.italic,
                run.colour,
            ):
                px, prev = line[-1]
                line[-1] = (px, Run(prev.text + word, run.bold, run.italic, run.colour))
            else:
                line.append((x, Run(word, run.bold, run.italic, run.colour)))
            x += w
    lines.append(tuple(line))
    return tuple(lines)


def plain(markup: str) -> str:
    """The text without its markup."""
    return html.unescape(TOKEN.sub(lambda m: "\n" if m.group(2).lower() == "br" else "", markup))


class RichView:
    """A scrollable view of rich text inside a scene (a panel, an image, a scroll bar)."""

    def __init__(
        self,
        manager: Any,
        rect: pygame.Rect,
        markup: str,
        container: Any,
        size: int,
        padding: int = 8,
    ) -> None:
        self.manager = manager
        self.size = size
        self.padding = padding
        self.panel: Any = UIContainer(rect, manager, container=container)
        self.panel.treaty_richview = self  # type: ignore[attr-defined]
        inner = self.panel.get_rect()
        self.bar_w = max(14, round(size * 1.1))
        self.view = pygame.Rect(0, 0, inner.w, inner.h)
        self.image = UIImage(
            pygame.Rect(0, 0, inner.w, inner.h),
            pygame.Surface((inner.w, inner.h)),
            manager,
            container=self.panel,
        )
        self.bar: Any = None
        self.offset = 0
        self.html_text = ""
        self.set_text(markup)

    @property
    def line_h(self) -> int:
        return round(style.font(self.size).get_linesize() * 1.12)

    def set_text(self, markup: str, keep_end: bool = False) -> None:
        """New text; ``keep_end`` keeps the view at the end (a growing record)."""
        self.html_text = markup
        ink = tuple(style.colour("ink"))[:3]
        paras = parse(markup, ink)  # type: ignore[arg-type]
        width = self.view.w - 2 * self.padding
        long = len(markup) > 3000
        self.lines = layout(paras, max(20, width - (self.bar_w if long else 0)), self.size)
        total = len(self.lines) * self.line_h + 2 * self.padding
        if total > self.view.h and not long:
            self.lines = layout(paras, max(20, width - self.bar_w), self.size)
            total = len(self.lines) * self.line_h + 2 * self.padding
        self.total = total
        if total > self.view.h:
            if self.bar is None:
                rect = pygame.Rect(self.view.w - self.bar_w, 0, self.bar_w, self.view.h)
                self.bar = UIVerticalScrollBar(
                    rect, self.view.h / total, self.manager, container=self.panel
                )
                self.bar.join_focus_sets(self.image)
                self.bar.join_focus_sets(self.panel)
            else:
                self.bar.set_visible_percentage(self.view.h / total)
        elif self.bar is not None:
            self.bar.kill()
            self.bar = None
        self.offset = -1
        if keep_end:
            self.scroll_to(1.0)
        else:
            self.render(0)

    def plain_text(self) -> str:
        return plain(self.html_text)

    def scroll_to(self, fraction: float) -> None:
        if self.bar is not None:
            self.bar.set_scroll_from_start_percentage(
                max(0.0, min(1.0 - self.bar.visible_percentage, fraction))
            )
            self.render(round(self.bar.start_percentage * self.total))
        else:
            self.render(0)

    def scroll_by(self, fraction: float) -> None:
        if self.bar is not None:
            self.scroll_to(self.bar.start_percentage + fraction)

    def poll(self) -> bool:
        """Follow the scroll bar; True if the view was drawn again."""
        if self.bar is None:
            return False
        want = round(self.bar.start_percentage * self.total)
        if want != self.offset:
            self.render(want)
            return True
        return False

    def render(self, offset: int) -> None:
        """Draw the lines visible at ``offset`` pixels from the top."""
        self.offset = offset
        w, h = self.view.w - (self.bar_w if self.bar is not None else 0), self.view.h
        surf = pygame.Surface((self.view.w, h))
        surf.fill(style.colour("text_bg"))
        pygame.draw.rect(surf, style.colour("text_border"), surf.get_rect(), 1)
        lh = self.line_h
        first = max(0, (offset - self.padding) // lh)
        y = self.padding + first * lh - offset
        for line in self.lines[first:]:
            if y > h:
                break
            for x, run in line:
                img = style.font(self.size, run.bold, run.italic).render(
                    run.text.rstrip("\n"), True, run.colour
                )
                surf.blit(img, (self.padding + x, y))
            y += lh
        del w
        self.image.set_image(surf)

    def kill(self) -> None:
        self.panel.kill()
