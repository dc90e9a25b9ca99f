"""The maps' projection: equirectangular, a lon/lat box into a rect."""

from __future__ import annotations

import math

import pygame


class BoxProjection:
    """Equirectangular projection of a lon/lat box into a rect (aspect kept at the box's
    middle latitude)."""

    def __init__(self, box: tuple[float, float, float, float], rect: pygame.Rect) -> None:
        x0, y0, x1, y1 = box
        self.box = box
        k = math.cos(math.radians((y0 + y1) / 2))
        w, h = (x1 - x0) * k, (y1 - y0)
        s = min(rect.w / w, rect.h / h)
        self.s, self.k = s, k
        self.ox = rect.x + (rect.w - w * s) / 2
        self.oy = rect.y + (rect.h - h * s) / 2

    def __call__(self, lon: float, lat: float) -> tuple[int, int]:
        x0, _, _, y1 = self.box
        return round(self.ox + (lon - x0) * self.k * self.s), round(self.oy + (y1 - lat) * self.s)
