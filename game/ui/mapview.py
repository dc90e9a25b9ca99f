"""The region map: coastline from Natural Earth (``assets/map/region.json``), the
cities of the talks, the oil fields of North Sakhalin, and whether North
Sakhalin is still occupied, its evacuation agreed, or done — read from the
game state (the agreed evacuation date against the calendar)."""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

import pygame

from game.ui import style
from game.ui.paths import MAP
from game.ui.projection import BoxProjection
from game.wording.catalogue import Translator

if TYPE_CHECKING:
    from game.engine import GameState
    from game.scenario.model import Scenario


@cache
def region() -> dict[str, Any]:
    with open(MAP / "region.json", encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


@cache
def places() -> dict[str, Any]:
    with open(MAP / "places.json", encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


@dataclass(frozen=True)
class Occupation:
    """North Sakhalin now: ``occupied``, ``agreed`` (to be evacuated by ``by``), ``evacuated``."""

    status: str
    by: dt.date | None = None
    occupier: str | None = None


def occupation(state: GameState | None) -> Occupation:
    """Where the evacuation of North Sakhalin stands in ``state`` (no rules: the agreed
    value of the scenario's evacuation issue against the calendar)."""
    info = places()["occupation"]
    if state is None:
        return Occupation("occupied", None, info.get("occupier"))
    c = state.c
    occupier = info.get("occupier") if info.get("occupier") in c.parties else None
    iid = next((i for i in info.get("evacuation_issues", []) if i in c.issues), None)
    if iid is None:
        return Occupation("occupied", None, occupier)
    terms = dict(state.outcome.terms) if state.outcome is not None else dict(state.agreed)
    value = terms.get(iid)
    if not isinstance(value, dt.date):
        return Occupation("occupied", None, occupier)
    if state.outcome is not None and state.outcome.termination.value != "signed":
        return Occupation("occupied", None, occupier)
    if value <= state.date:
        return Occupation("evacuated", value, occupier)
    return Occupation("agreed", value, occupier)


class Projection(BoxProjection):
    """The Far East map's box projected into a rect."""

    def __init__(self, rect: pygame.Rect) -> None:
        x0, y0, x1, y1 = region()["box"]
        super().__init__((x0, y0, x1, y1), rect)


def _km(a: dict[str, float], b: dict[str, float]) -> int:
    la1, lo1, la2, lo2 = map(math.radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return int(round(2 * 6371 * math.asin(math.sqrt(h)), -2))


def _hatch(
    surface: pygame.Surface, points: list[tuple[int, int]], colour: pygame.Color, gap: int
) -> None:
    mask = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
    pygame.draw.polygon(mask, (255, 255, 255, 255), points)
    lines = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
    w, h = surface.get_size()
    for x in range(-h, w, max(3, gap)):
        pygame.draw.line(lines, colour, (x, h), (x + h, 0), 2)
    lines.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
    surface.blit(lines, (0, 0))


def _wrap(font: pygame.font.Font, text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split(" "):
        if lines and font.size(lines[-1] + " " + word)[0] <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def oil_label_box(
    size: tuple[int, int],
    marks: pygame.Rect,
    surface: tuple[int, int],
    taken: list[pygame.Rect],
) -> pygame.Rect:
    """Where the oil fields' label goes: beside the marks (right, above, below, left), never
    over them or a city's label, inside the map; the least crowded place if none is free."""
    w, h = size
    spots = [
        (marks.right + 2, marks.centery - h // 2),
        (marks.right + 2, marks.top - h),
        (marks.centerx - w // 2, marks.top - h - 1),
        (marks.centerx - w // 2, marks.bottom + 1),
        (marks.right + 2, marks.bottom),
        (marks.left - w - 2, marks.top - h),
        (marks.left - w - 2, marks.bottom),
        (marks.left - w - 2, marks.centery - h // 2),
    ]
    area = pygame.Rect((0, 0), surface).inflate(-4, -4)
    inside = [pygame.Rect(x, y, w, h).clamp(area) for x, y in spots]

    def crowding(box: pygame.Rect) -> int:
        return sum(c.w * c.h for c in (box.clip(t) for t in [*taken, marks]))

    return min(inside, key=lambda b: (crowding(b), inside.index(b)))


def render(
    size: tuple[int, int],
    state: GameState | None,
    tr: Translator,
    scale: float = 1.0,
    scenario: Scenario | None = None,
) -> pygame.Surface:
    """The map as a surface of ``size`` for ``state`` (None: the situation before the talks
    of ``scenario``): the scenario's own map if it has one (:mod:`game.ui.worldmap`)."""
    sc = state.c.sc if state is not None else scenario
    if sc is not None and sc.map is not None:
        from game.ui import worldmap

        return worldmap.render(size, sc.map, tr.lang, scale)
    occ = occupation(state)
    return _render(
        size, occ.status, occ.by, occ.occupier, tr.lang, round(scale, 2), _side_colours(state)
    )


def _side_colours(state: GameState | None) -> tuple[str, ...]:
    if state is None:
        return ("japan",)
    return tuple(p.id for p in state.c.sc.parties)


@lru_cache(maxsize=4)  # a few sizes and moments: the title's, the table's, the replay's
def _render(
    size: tuple[int, int],
    status: str,
    by: dt.date | None,
    occupier: str | None,
    lang: str,
    scale: float,
    sides: tuple[str, ...],
) -> pygame.Surface:
    tr = Translator(lang)
    surf = pygame.Surface(size)
    surf.fill(style.colour("sea"))
    proj = Projection(surf.get_rect().inflate(-8, -8))
    land = style.colour("land")
    for ring in region()["land"]:  # filled only: today's borders are not those of 1924
        pts = [proj(x, y) for x, y in ring]
        if len(pts) >= 3:
            pygame.draw.polygon(surf, land, pts)
    x0, y0, x1, y1 = region()["box"]
    frame = pygame.Rect(proj(x0, y1), (0, 0))
    frame.union_ip(pygame.Rect(proj(x1, y0), (1, 1)))
    pygame.draw.rect(surf, style.colour("land_edge"), frame, 1)
    first = sides[0] if sides else None
    occ_col = style.colour("side_a" if occupier == first else "side_b")
    free_col = style.colour("side_b" if occupier == first else "side_a")
    col = {"occupied": occ_col, "agreed": style.colour("pending"), "evacuated": free_col}[status]
    for ring in region()["north_sakhalin"]:
        pts = [proj(x, y) for x, y in ring]
        if len(pts) >= 3:
            fill = pygame.Color(col)
            fill.a = 90
            layer = pygame.Surface(size, pygame.SRCALPHA)
            pygame.draw.polygon(layer, fill, pts)
            surf.blit(layer, (0, 0))
            if status != "evacuated":
                _hatch(surf, pts, col, round(6 * scale))
            pygame.draw.lines(surf, col, True, pts, 2)
    f = style.font(round(12 * scale))
    fb = style.font(round(12 * scale), bold=True)
    ink = style.colour("ink")
    # oil fields
    for oil in places()["oil"]:
        x, y = proj(oil["lon"], oil["lat"])
        r = max(3, round(4 * scale))
        pygame.draw.polygon(surf, (20, 20, 20), [(x, y - r - 2), (x + r, y + r), (x - r, y + r)])
        pygame.draw.polygon(
            surf, style.colour("pending"), [(x, y - r - 2), (x + r, y + r), (x - r, y + r)], 1
        )
    # cities: their labels first, so that the oil fields' label can keep clear of them
    taken: list[pygame.Rect] = []
    for city in places()["cities"]:
        x, y = proj(city["lon"], city["lat"])
        talks = bool(city.get("talks"))
        pygame.draw.circle(
            surf,
            style.colour("now") if talks else ink,
            (x, y),
            max(3, round((5 if talks else 3) * scale)),
        )
        text = (fb if talks else f).render(tr(f"map.place.{city['id']}"), True, ink)
        tx = x + 7 if x + 7 + text.get_width() < size[0] - 2 else x - 7 - text.get_width()
        if city.get("label") == "left":
            tx = x - 7 - text.get_width()
        box = text.get_rect(topleft=(tx, y - text.get_height() // 2))
        surf.blit(text, box)
        taken.append(box.inflate(4, 2))
    label = f.render(tr("map.oil"), True, style.colour("pending"))
    fields = [proj(o["lon"], o["lat"]) for o in places()["oil"]]
    r = max(3, round(4 * scale)) + 3
    marks = (
        pygame.Rect(fields[0], (1, 1))
        .unionall([pygame.Rect(p, (1, 1)) for p in fields])
        .inflate(2 * r, 2 * r)
    )
    surf.blit(label, oil_label_box(label.get_size(), marks, size, taken))
    # Moscow: off the map, to the west
    moscow = places()["offmap"][0]
    peking = next(c for c in places()["cities"] if c["id"] == "peking")
    _, my = proj(100.0, min(moscow["lat"], region()["box"][3] - 1))
    text = f.render(tr("map.moscow", km=f"{_km(moscow, peking):,}".replace(",", " ")), True, ink)
    pygame.draw.line(surf, ink, (6, my), (16 + text.get_width(), my), 1)
    pygame.draw.polygon(surf, ink, [(4, my), (12, my - 5), (12, my + 5)])
    surf.blit(text, (16, my - text.get_height() - 2))
    # legend
    key = {"occupied": "map.occupied", "agreed": "map.agreed", "evacuated": "map.evacuated"}[status]
    words = tr(key, date=(f"{by.day} {tr(f'month.{by.month}')} {by.year}" if by else ""))
    lines = _wrap(fb, words, size[0] - 20)
    imgs = [fb.render(line, True, col) for line in lines]
    height = sum(i.get_height() for i in imgs)
    box = pygame.Rect(
        4,
        size[1] - height - 10,
        min(size[0] - 8, max(i.get_width() for i in imgs) + 12),
        height + 6,
    )
    pygame.draw.rect(surf, (12, 16, 24), box)
    y = box.y + 3
    for img in imgs:
        surf.blit(img, (box.x + 6, y))
        y += img.get_height()
    credit = style.font(max(8, round(9 * scale))).render(
        "Natural Earth", True, style.colour("muted")
    )
    surf.blit(credit, (size[0] - credit.get_width() - 4, size[1] - credit.get_height() - 2))
    return surf
