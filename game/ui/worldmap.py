"""A scenario's own map (its ``map:`` block): the world's land from Natural Earth
(``assets/map/world.json``, public domain) clipped to the scenario's region and
projected into the picture, the places it marks and the areas it shades, each named
in the player's language from the scenario's texts.

A scenario without ``map:`` keeps the game's map of the Far East (:mod:`game.ui.mapview`).
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import numpy as np
import pygame

from game.ui import style
from game.ui.paths import MAP
from game.ui.projection import BoxProjection

if TYPE_CHECKING:
    from game.scenario.model import Area, Place, Region, ScenarioMap

Point = tuple[float, float]
Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Ring:
    """One ring of land: its points (lon, lat in degrees, an (n, 2) array) and its box."""

    points: np.ndarray
    box: Box


@cache
def world() -> tuple[Ring, ...]:
    """The world's land, ring by ring (read once, when a scenario with a map is drawn)."""
    with open(MAP / "world.json", encoding="utf-8") as fh:
        data = json.load(fh)
    unit = float(data["unit"])
    rings: list[Ring] = []
    for flat in data["rings"]:
        pts = np.cumsum(np.asarray(flat, dtype=np.int64).reshape(-1, 2), axis=0) * unit
        lo, hi = pts.min(axis=0), pts.max(axis=0)
        rings.append(Ring(pts, (float(lo[0]), float(lo[1]), float(hi[0]), float(hi[1]))))
    return tuple(rings)


class Projection(BoxProjection):
    """The game's projection of a lon/lat box (as the Far East map is drawn), with many
    points at once for the world's land."""

    def many(self, pts: np.ndarray) -> list[tuple[int, int]]:
        x0, _, _, y1 = self.box
        xs = np.rint(self.ox + (pts[:, 0] - x0) * self.k * self.s).astype(np.int64)
        ys = np.rint(self.oy + (y1 - pts[:, 1]) * self.s).astype(np.int64)
        out: list[tuple[int, int]] = list(zip(xs.tolist(), ys.tolist(), strict=True))
        return out

    def frame(self) -> pygame.Rect:
        x0, y0, x1, y1 = self.box
        rect = pygame.Rect(self(x0, y1), (0, 0))
        rect.union_ip(pygame.Rect(self(x1, y0), (1, 1)))
        return rect


def clip_half(
    ring: list[Point], inside: Callable[[Point], bool], cross: Callable[[Point, Point], Point]
) -> list[Point]:
    """Sutherland–Hodgman: the part of a ring on one side of a line."""
    out: list[Point] = []
    if not ring:
        return out
    prev = ring[-1]
    for cur in ring:
        if inside(cur):
            if not inside(prev):
                out.append(cross(prev, cur))
            out.append(cur)
        elif inside(prev):
            out.append(cross(prev, cur))
        prev = cur
    return out


def at_x(x: float) -> Callable[[Point, Point], Point]:
    def f(p: Point, q: Point) -> Point:
        return (x, p[1] + (x - p[0]) / (q[0] - p[0]) * (q[1] - p[1]))

    return f


def at_y(y: float) -> Callable[[Point, Point], Point]:
    def f(p: Point, q: Point) -> Point:
        return (p[0] + (y - p[1]) / (q[1] - p[1]) * (q[0] - p[0]), y)

    return f


def clip_to_box(ring: list[Point], box: Box) -> list[Point]:
    """The part of a ring inside ``box`` (a ring, possibly empty)."""
    x0, y0, x1, y1 = box
    ring = clip_half(ring, lambda p: p[0] >= x0, at_x(x0))
    ring = clip_half(ring, lambda p: p[0] <= x1, at_x(x1))
    ring = clip_half(ring, lambda p: p[1] >= y0, at_y(y0))
    return clip_half(ring, lambda p: p[1] <= y1, at_y(y1))


def land_in(box: Box) -> list[np.ndarray]:
    """The world's land rings cut to ``box`` (lon, lat arrays; rings outside it left out)."""
    x0, y0, x1, y1 = box
    out: list[np.ndarray] = []
    for ring in world():
        a, b, c, d = ring.box
        if c < x0 or a > x1 or d < y0 or b > y1:
            continue
        if a >= x0 and c <= x1 and b >= y0 and d <= y1:
            out.append(ring.points)
            continue
        part = clip_to_box([(float(x), float(y)) for x, y in ring.points.tolist()], box)
        if len(part) >= 3:
            out.append(np.asarray(part, dtype=np.float64))
    return out


@dataclass(frozen=True)
class Label:
    """A name drawn on the map: the text, where, and what it names (``place``/``area``)."""

    text: str
    rect: pygame.Rect
    what: str
    id: str


def _box(region: Region) -> Box:
    return (region.west, region.south, region.east, region.north)


def _hatch(
    surface: pygame.Surface, shapes: list[list[tuple[int, int]]], colour: pygame.Color, gap: int
) -> None:
    """Diagonal lines over the shapes (one mask for all of them)."""
    w, h = surface.get_size()
    mask = pygame.Surface((w, h), pygame.SRCALPHA)
    for points in shapes:
        pygame.draw.polygon(mask, (255, 255, 255, 255), points)
    lines = pygame.Surface((w, h), pygame.SRCALPHA)
    for x in range(-h, w, max(3, gap)):
        pygame.draw.line(lines, colour, (x, h), (x + h, 0), 1)
    lines.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
    surface.blit(lines, (0, 0))


def _place_label(
    img: pygame.Surface,
    at: tuple[int, int],
    gap: int,
    side: str | None,
    area: pygame.Rect,
    taken: list[pygame.Rect],
) -> pygame.Rect:
    """Where a place's name goes: the side asked for, else the first side (right, left,
    above, below) where it stays inside the map and clear of the names drawn before."""
    x, y = at
    w, h = img.get_size()
    spots = {
        "right": pygame.Rect(x + gap, y - h // 2, w, h),
        "left": pygame.Rect(x - gap - w, y - h // 2, w, h),
        "above": pygame.Rect(x - w // 2, y - gap - h, w, h),
        "below": pygame.Rect(x - w // 2, y + gap, w, h),
    }
    if side is not None:
        return spots[side].clamp(area)
    free = [r for r in spots.values() if area.contains(r) and r.collidelist(taken) < 0]
    if free:
        return free[0]
    inside = [r for r in spots.values() if area.contains(r)]
    return (inside or [spots["right"].clamp(area)])[0]


def _draw(surf: pygame.Surface, mp: ScenarioMap, lang: str, scale: float) -> list[Label]:
    size = surf.get_size()
    surf.fill(style.colour("sea"))
    box = _box(mp.region)
    proj = Projection(box, surf.get_rect().inflate(-8, -8))
    land = style.colour("land")
    for ring in land_in(box):  # filled only: today's borders are not the scenario's
        pts = proj.many(ring)
        if len(pts) >= 3:
            pygame.draw.polygon(surf, land, pts)
            pygame.draw.polygon(surf, land, pts, 1)  # closes the slivers between countries
    frame = proj.frame()
    pygame.draw.rect(surf, style.colour("land_edge"), frame, 1)
    labels: list[Label] = []
    taken: list[pygame.Rect] = []
    f = style.font(round(12 * scale))
    fb = style.font(round(12 * scale), bold=True)
    ink = style.colour("ink")
    inner = frame.inflate(-4, -4)
    # areas: shaded, hatched, outlined (all on one layer), named at their middle
    shade = style.colour("pending")
    outlines = [(a, _area_points(a, box, proj)) for a in mp.areas]
    outlines = [(a, pts) for a, pts in outlines if len(pts) >= 3]
    shaded: list[pygame.Rect] = []
    if outlines:
        fill = pygame.Color(shade)
        fill.a = 70
        layer = pygame.Surface(size, pygame.SRCALPHA)
        for _, pts in outlines:
            pygame.draw.polygon(layer, fill, pts)
            xs, ys = [p[0] for p in pts], [p[1] for p in pts]
            shaded.append(
                pygame.Rect(min(xs), min(ys), max(xs) - min(xs) + 1, max(ys) - min(ys) + 1)
            )
        surf.blit(layer, (0, 0))
        _hatch(surf, [pts for _, pts in outlines], shade, round(6 * scale))
        for _, pts in outlines:
            pygame.draw.lines(surf, shade, True, pts, 2)
    # places: marks, then names clear of one another
    shown = [p for p in mp.places if _inside(p, box)]
    for place in shown:
        _mark(surf, place, proj(place.lon, place.lat), scale)
    for place in sorted(shown, key=lambda p: p.role != "talks"):
        img = (fb if place.role == "talks" else f).render(place.name.get(lang), True, ink)
        rect = _place_label(
            img, proj(place.lon, place.lat), round(7 * scale), place.label, inner, taken + shaded
        )
        if rect.collidelist(shaded) >= 0:  # over a shaded area: on a dark ground to be read
            _backing(surf, rect)
        surf.blit(img, rect)
        taken.append(rect.inflate(4, 2))
        labels.append(Label(place.name.get(lang), rect, "place", place.id))
    for area, pts in outlines:
        img = fb.render(area.name.get(lang), True, shade)
        cx = sum(p[0] for p in pts) // len(pts)
        cy = sum(p[1] for p in pts) // len(pts)
        rect = img.get_rect(center=(cx, cy))
        for dy in (0, rect.h + 2, -rect.h - 2, 2 * rect.h + 4, -2 * rect.h - 4):
            moved = rect.move(0, dy).clamp(inner)
            if moved.collidelist(taken) < 0:
                rect = moved
                break
        else:
            rect = rect.clamp(inner)
        _backing(surf, rect)
        surf.blit(img, rect)
        taken.append(rect.inflate(4, 2))
        labels.append(Label(area.name.get(lang), rect, "area", area.id))
    credit = style.font(max(8, round(9 * scale))).render(
        "Natural Earth", True, style.colour("muted")
    )
    surf.blit(credit, (size[0] - credit.get_width() - 4, size[1] - credit.get_height() - 2))
    return labels


def _backing(surf: pygame.Surface, rect: pygame.Rect) -> None:
    ground = pygame.Surface(rect.inflate(4, 0).size, pygame.SRCALPHA)
    ground.fill((12, 16, 24, 170))
    surf.blit(ground, rect.inflate(4, 0))


def _inside(place: Place, box: Box) -> bool:
    x0, y0, x1, y1 = box
    return x0 <= place.lon <= x1 and y0 <= place.lat <= y1


def _area_points(area: Area, box: Box, proj: Projection) -> list[tuple[int, int]]:
    ring = clip_to_box(list(area.points), box)
    return [proj(x, y) for x, y in ring]


def _mark(surf: pygame.Surface, place: Place, at: tuple[int, int], scale: float) -> None:
    x, y = at
    if place.role == "site":
        r = max(3, round(4 * scale))
        tri = [(x, y - r - 2), (x + r, y + r), (x - r, y + r)]
        pygame.draw.polygon(surf, (20, 20, 20), tri)
        pygame.draw.polygon(surf, style.colour("pending"), tri, 1)
        return
    talks = place.role == "talks"
    colour = style.colour("now") if talks else style.colour("ink")
    pygame.draw.circle(surf, colour, (x, y), max(3, round((5 if talks else 3) * scale)))


_CACHE: OrderedDict[
    tuple[int, tuple[int, int], str, float], tuple[ScenarioMap, pygame.Surface, list[Label]]
] = OrderedDict()
_KEEP = 4  # a few sizes and languages: the title's, the briefing's, the table's


def _cached(
    mp: ScenarioMap, size: tuple[int, int], lang: str, scale: float
) -> tuple[pygame.Surface, list[Label]]:
    key = (id(mp), size, lang, round(scale, 2))
    hit = _CACHE.get(key)
    if hit is not None and hit[0] is mp:
        _CACHE.move_to_end(key)
        return hit[1], hit[2]
    surf = pygame.Surface(size)
    labels = _draw(surf, mp, lang, round(scale, 2))
    _CACHE[key] = (mp, surf, labels)
    while len(_CACHE) > _KEEP:
        _CACHE.popitem(last=False)
    return surf, labels


def render(size: tuple[int, int], mp: ScenarioMap, lang: str, scale: float = 1.0) -> pygame.Surface:
    """The scenario's map as a surface of ``size``, its names in ``lang``."""
    return _cached(mp, size, lang, scale)[0]


def labels(size: tuple[int, int], mp: ScenarioMap, lang: str, scale: float = 1.0) -> list[Label]:
    """The names drawn on the map of ``size`` (the place's or area's text in ``lang``)."""
    return _cached(mp, size, lang, scale)[1]
