"""Drawings made of engine data: the calendar strip and the utility plane.

Pure drawing: each function reads a state or a debrief and returns a surface.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pygame

from game.engine import GameState
from game.engine.debrief import Debrief
from game.ui import style
from game.wording.catalogue import Translator


def _short(tr: Translator, d: dt.date) -> str:
    return f"{d.day} {tr(f'month_short.{d.month}')} {d.year}"


def _fit(font: pygame.font.Font, text: str, width: int) -> str:
    return style.cut(font, text, width)


@dataclass(frozen=True)
class Mark:
    """An event on the calendar strip: where its marker and label are, its label as drawn
    (perhaps cut), and its date and headline whole (the strip's tooltip over it)."""

    rect: pygame.Rect
    label: str
    text: str
    fired: bool
    x: int
    lane: int
    label_box: pygame.Rect | None


wrap = style.wrap


def calendar_marks(
    size: tuple[int, int], state: GameState, tr: Translator, scale: float = 1.0
) -> list[Mark]:
    """Where the calendar strip puts each dated event, and its words (no drawing)."""
    c = state.c
    cal = c.sc.calendar
    w, h = size
    pad = round(10 * scale)
    x0, x1 = pad, w - pad
    span = max(1, (cal.deadline - cal.start).days)
    mid = h // 2
    f = style.font(round(11 * scale))
    r = max(3, round(5 * scale))
    label_w = round(130 * scale)
    dated = sorted((e for e in c.sc.events if e.date is not None), key=lambda e: e.date)  # type: ignore[arg-type,return-value]
    last_end = {0: -(10**6), 1: -(10**6)}
    out: list[Mark] = []
    for i, ev in enumerate(dated):
        assert ev.date is not None
        x = round(x0 + (x1 - x0) * min(1.0, max(0.0, (ev.date - cal.start).days / span)))
        lane = i % 2
        whole = f"{_short(tr, ev.date)} {ev.headline.get(tr.lang)}"
        text = _fit(f, whole, label_w)
        tw, th = f.size(text)
        lx = min(max(2, x - tw // 2), w - tw - 2)
        y = mid - r - th - 2 if lane == 0 else mid + r + 2
        box: pygame.Rect | None = None
        if lx >= last_end[lane] + 6:
            last_end[lane] = lx + tw
            box = pygame.Rect(lx, y, tw, th)
        hot = pygame.Rect(x - r - 2, mid - r - 2, 2 * r + 4, 2 * r + 4)
        if box is not None:
            hot.union_ip(box)
        full = f"{words_date(tr, ev.date)}: {ev.headline.get(tr.lang)}"
        out.append(Mark(hot, text, full, ev.id in state.fired, x, lane, box))
    return out


def words_date(tr: Translator, d: dt.date) -> str:
    return f"{d.day} {tr(f'month.{d.month}')} {d.year}"


def calendar_strip(
    size: tuple[int, int], state: GameState, tr: Translator, scale: float = 1.0
) -> pygame.Surface:
    """The calendar from the start to the deadline: stages entered, dated events past
    (filled) and coming (hollow), and today. (:func:`calendar_marks` says where each
    event is, for a tooltip with its whole label.)"""
    c = state.c
    cal = c.sc.calendar
    w, h = size
    surf = pygame.Surface(size)
    surf.fill((22, 27, 37))
    pad = round(10 * scale)
    x0, x1 = pad, w - pad
    span = max(1, (cal.deadline - cal.start).days)
    mid = h // 2

    def x_of(d: dt.date) -> int:
        return round(x0 + (x1 - x0) * min(1.0, max(0.0, (d - cal.start).days / span)))

    f = style.font(round(11 * scale))
    ink, muted = style.colour("ink"), style.colour("muted")
    pygame.draw.line(surf, style.colour("grid"), (x0, mid), (x1, mid), max(2, round(3 * scale)))
    # months
    d = dt.date(cal.start.year, cal.start.month, 1)
    while d <= cal.deadline:
        if d >= cal.start:
            x = x_of(d)
            pygame.draw.line(surf, style.colour("grid"), (x, mid - 4), (x, mid + 4), 1)
        d = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    # the stages entered so far, as coloured spans
    spans = list(state.milestones)
    for i, (_stage, day) in enumerate(spans):
        end = spans[i + 1][1] if i + 1 < len(spans) else state.date
        col = style.colour("side_b") if i % 2 else style.colour("history")
        col = pygame.Color(col)
        col.a = 255
        pygame.draw.line(
            surf,
            col,
            (x_of(day), mid),
            (max(x_of(day) + 1, x_of(end)), mid),
            max(3, round(5 * scale)),
        )
    # events
    r = max(3, round(5 * scale))
    for mark in calendar_marks(size, state, tr, scale):
        col = style.colour("pending") if mark.fired else muted
        pygame.draw.circle(surf, col, (mark.x, mid), r, 0 if mark.fired else 2)
        if mark.label_box is not None:
            surf.blit(f.render(mark.label, True, ink if mark.fired else muted), mark.label_box)
    # today: a ring on the line, short enough to leave the event labels clear
    x = x_of(state.date)
    now = style.colour("now")
    pygame.draw.line(surf, now, (x, mid - r - 2), (x, mid + r + 2), max(2, round(2 * scale)))
    pygame.draw.circle(surf, now, (x, mid), r + 3, max(2, round(2 * scale)))
    fs = style.font(round(11 * scale), bold=True)
    for text, pos in (
        (_short(tr, cal.start), "left"),
        (tr("calendar.deadline", date=_short(tr, cal.deadline)), "right"),
    ):
        img = fs.render(text, True, muted)
        surf.blit(img, (2 if pos == "left" else w - img.get_width() - 2, h - img.get_height()))
    return surf


def _points(points: Iterable[Any]) -> list[tuple[float, float]]:
    out = []
    for p in points:
        if isinstance(p, dict):
            u = list(p.get("utilities", p).values())
        elif hasattr(p, "utilities"):
            raw = p.utilities
            u = list(raw.values()) if isinstance(raw, dict) else list(raw)
        elif isinstance(p, Sequence):
            u = list(p)
        else:
            continue
        if len(u) >= 2:
            out.append((float(u[0]), float(u[1])))
    return out


def analytics_parts(a: Any) -> dict[str, Any]:
    """What the analytics object offers for the chart (frontier, Nash, Kalai-Smorodinsky)."""
    if a is None:
        return {}
    out: dict[str, Any] = {}
    data = a.to_json() if hasattr(a, "to_json") else (a if isinstance(a, dict) else {})
    for key in ("frontier", "pareto", "pareto_frontier"):
        val = getattr(a, key, None) if not isinstance(a, dict) else None
        val = val if val is not None else data.get(key)
        if val:
            out["frontier"] = _points(val)
            break
    for key, names in (
        ("nash", ("nash", "nash_point")),
        ("kalai", ("kalai", "ks", "kalai_smorodinsky")),
    ):
        for name in names:
            val = getattr(a, name, None) if not isinstance(a, dict) else None
            val = val if val is not None else data.get(name)
            pts = _points([val]) if val is not None else []
            if pts:
                out[key] = pts[0]
                break
    return out


def utility_plane(
    size: tuple[int, int],
    d: Debrief,
    sides: Sequence[str],
    names: Sequence[str],
    tr: Translator,
    scale: float = 1.0,
    player: str | None = None,
) -> pygame.Surface:
    """Each side's utility on one axis: the offer trace, history, the deal, and (when the
    analytics are there) the Pareto frontier, the Nash and Kalai-Smorodinsky points."""
    w, h = size
    surf = pygame.Surface(size)
    surf.fill((18, 22, 31))
    f = style.font(round(12 * scale))
    fb = style.font(round(12 * scale), bold=True)
    m_l, m_b, m_t, m_r = round(46 * scale), round(40 * scale), round(14 * scale), round(14 * scale)
    plot = pygame.Rect(m_l, m_t, w - m_l - m_r, h - m_t - m_b)
    pygame.draw.rect(surf, (24, 29, 40), plot)

    def at(u: tuple[float, float]) -> tuple[int, int]:
        x = plot.x + plot.w * max(0.0, min(1.0, u[0]))
        y = plot.bottom - plot.h * max(0.0, min(1.0, u[1]))
        return round(x), round(y)

    grid, muted = style.colour("grid"), style.colour("muted")
    for i in range(0, 11, 2):
        v = i / 10
        x, _ = at((v, 0))
        _, y = at((0, v))
        pygame.draw.line(surf, grid, (x, plot.y), (x, plot.bottom), 1)
        pygame.draw.line(surf, grid, (plot.x, y), (plot.right, y), 1)
        lbl = f.render(f"{v:.1f}", True, muted)
        surf.blit(lbl, (x - lbl.get_width() // 2, plot.bottom + 2))
        surf.blit(lbl, (plot.x - lbl.get_width() - 4, y - lbl.get_height() // 2))
    xl = fb.render(tr("chart.axis", name=names[0]), True, style.colour("side_a"))
    surf.blit(xl, (plot.centerx - xl.get_width() // 2, h - xl.get_height() - 2))
    yl = pygame.transform.rotate(
        fb.render(tr("chart.axis", name=names[1]), True, style.colour("side_b")), 90
    )
    surf.blit(yl, (2, plot.centery - yl.get_height() // 2))
    # reservation values (no deal) from the revealed briefs
    res = {b.side: b.reservation for b in d.briefs}
    if len(sides) == 2 and all(s in res for s in sides):
        rx, ry = at((res[sides[0]], res[sides[1]]))
        for x in range(plot.x, plot.right, 8):
            pygame.draw.line(surf, muted, (x, ry), (min(x + 4, plot.right), ry), 1)
        for y in range(plot.y, plot.bottom, 8):
            pygame.draw.line(surf, muted, (rx, y), (rx, min(y + 4, plot.bottom)), 1)
    parts = analytics_parts(d.analytics)
    frontier = sorted(parts.get("frontier", []))
    if len(frontier) >= 2:
        pygame.draw.lines(
            surf,
            style.colour("frontier"),
            False,
            [at(p) for p in frontier],
            max(2, round(2 * scale)),
        )
    # the offer trace
    trace = [
        (p.utilities.get(sides[0], 0.0), p.utilities.get(sides[1], 0.0), p.by) for p in d.trace
    ]
    pts = [at((a, b)) for a, b, _ in trace]
    if len(pts) >= 2:
        pygame.draw.lines(surf, (70, 78, 98), False, pts, 1)
    r = max(2, round(3 * scale))
    for (_, _, by), p in zip(trace, pts, strict=True):
        pygame.draw.circle(surf, style.colour("side_a" if by == sides[0] else "side_b"), p, r)
    marks: list[tuple[str, tuple[float, float], pygame.Color, str]] = []
    if "nash" in parts:
        marks.append((tr("chart.nash"), parts["nash"], style.colour("nash"), "diamond"))
    if "kalai" in parts:
        marks.append((tr("chart.kalai"), parts["kalai"], style.colour("nash"), "square"))
    hu = d.history_utilities
    if all(s in hu for s in sides):
        marks.append(
            (tr("chart.history"), (hu[sides[0]], hu[sides[1]]), style.colour("history"), "diamond")
        )
    du = d.utilities
    if all(s in du for s in sides):
        marks.append((tr("chart.deal"), (du[sides[0]], du[sides[1]]), style.colour("deal"), "star"))
    R = max(5, round(7 * scale))
    legend = [
        (tr("chart.trace_a", name=names[0]), style.colour("side_a")),
        (tr("chart.trace_b", name=names[1]), style.colour("side_b")),
    ]
    if len(frontier) >= 2:
        legend.append((tr("chart.frontier"), style.colour("frontier")))
    else:
        legend.append((tr("chart.no_analytics"), muted))
    legend.append((tr("chart.no_deal"), muted))
    imgs = [
        f.render(line, True, col)
        for text, col in legend
        for line in wrap(f, text, max(20, plot.w - 16))
    ]
    legend_box = pygame.Rect(
        0, 0, max(i.get_width() for i in imgs) + 8, sum(i.get_height() for i in imgs) + 6
    )
    legend_box.topright = (plot.right - 2, plot.y + 2)
    pygame.draw.rect(surf, (24, 29, 40), legend_box)
    ly = legend_box.y + 3
    for img in imgs:
        surf.blit(img, (legend_box.right - img.get_width() - 4, ly))
        ly += img.get_height()
    anchors = [at(u) for _, u, _, _ in marks]
    for (_, _, col, shape), (x, y) in zip(marks, anchors, strict=True):
        if shape == "diamond":
            pygame.draw.polygon(surf, col, [(x, y - R), (x + R, y), (x, y + R), (x - R, y)])
        elif shape == "square":
            pygame.draw.rect(surf, col, pygame.Rect(x - R + 2, y - R + 2, 2 * R - 4, 2 * R - 4))
        else:
            pygame.draw.circle(surf, col, (x, y), R)
            pygame.draw.circle(surf, (18, 22, 31), (x, y), R // 2)
    labels = [fb.render(label, True, col) for label, _, col, _ in marks]
    markers = [pygame.Rect(x - R, y - R, 2 * R + 1, 2 * R + 1) for x, y in anchors]
    boxes = place_labels([i.get_size() for i in labels], anchors, R, plot, markers + [legend_box])
    for img, box, (x, y), (_, _, col, _) in zip(labels, boxes, anchors, marks, strict=True):
        if math.dist(box.center, (x, y)) > R + max(box.w, box.h):
            end = (min(max(x, box.left), box.right), min(max(y, box.top), box.bottom))
            pygame.draw.line(surf, col, (x, y), end, 1)
        surf.blit(img, box)
    return surf


def place_labels(
    sizes: Sequence[tuple[int, int]],
    anchors: Sequence[tuple[int, int]],
    r: int,
    plot: pygame.Rect,
    obstacles: Sequence[pygame.Rect] = (),
) -> list[pygame.Rect]:
    """Where each marker's label goes: beside its marker if there is room, else further out
    (a leader line joins them), never over another label, a marker or ``obstacles``, and
    inside ``plot`` whenever the plot has room for it."""
    placed: list[pygame.Rect] = []
    blocked = list(obstacles)
    for (w, h), (x, y) in zip(sizes, anchors, strict=True):
        best: pygame.Rect | None = None
        for step in range(0, 40):
            d = r + 3 + step * max(4, h // 2)
            spots = [
                (x + d, y - h // 2),
                (x - d - w, y - h // 2),
                (x - w // 2, y - d - h),
                (x - w // 2, y + d),
                (x + d, y - d - h),
                (x - d - w, y - d - h),
                (x + d, y + d),
                (x - d - w, y + d),
            ]
            for left, top in spots:
                box = pygame.Rect(left, top, w, h)
                if plot.contains(box) and not any(box.colliderect(b) for b in placed + blocked):
                    best = box
                    break
            if best is not None:
                break
        if best is None:  # no room anywhere near: below the other labels, clear of them
            best = pygame.Rect(x + r + 3, y - h // 2, w, h)
            while any(best.colliderect(b) for b in placed):
                best.y += h
        placed.append(best)
    return placed
