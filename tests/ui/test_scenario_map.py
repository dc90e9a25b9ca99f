"""A scenario's own map: its region of the world's land, its places and areas named in
the player's language; shown on the title, the briefing, the table and the replay; a
scenario without ``map:`` keeps the game's map of the Far East."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pygame
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.authoring.lint import lint_path, validate_path
from game.scenario import model as m
from game.scenario.loader import load_scenario
from game.wording.catalogue import Translator

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "scenarios"
EUROPE = str(FIXTURES / "europe-map.yaml")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _display() -> None:
    pygame.init()


def _europe() -> m.Scenario:
    return load_scenario(EUROPE).scenario


def test_the_fixture_validates_and_lints_without_map_findings() -> None:
    assert not [f for f in validate_path(EUROPE) if f.level == "error"]
    assert not [f for f in lint_path(EUROPE) if f.code == "map-outside"]


@pytest.mark.parametrize(
    ("lang", "names"),
    [
        ("en", {"London", "Paris", "Brussels", "Berlin", "Essen", "The Ruhr (occupied)"}),
        ("az", {"London", "Paris", "Brüssel", "Berlin", "Essen", "Rur (işğal altında)"}),
    ],
)
def test_the_places_and_areas_are_drawn_with_the_scenario_names(lang: str, names: set[str]) -> None:
    from game.ui import worldmap

    mp = _europe().map
    assert mp is not None
    size = (420, 360)
    surf = worldmap.render(size, mp, lang)
    labels = worldmap.labels(size, mp, lang)
    assert {label.text for label in labels} == names
    area = surf.get_rect()
    sea = surf.get_at((2, 2))
    for label in labels:
        assert area.contains(label.rect), label
        # something is written there: the label's pixels are not one flat colour
        colours = {
            tuple(surf.get_at((x, label.rect.centery)))
            for x in range(label.rect.left, label.rect.right)
        }
        assert len(colours) > 2, label
    assert surf.get_at((2, 2)) == sea


def test_the_land_is_the_region_of_the_world() -> None:
    """London's mark on land; the North Sea west of Denmark is sea; Berlin on land."""
    from game.ui import style, worldmap

    mp = _europe().map
    assert mp is not None
    surf = worldmap.render((580, 560), mp, "en")
    proj = worldmap.Projection(worldmap._box(mp.region), surf.get_rect().inflate(-8, -8))
    assert surf.get_at(proj(4.0, 55.0)) == style.colour("sea")  # the North Sea
    assert surf.get_at(proj(10.0, 48.5)) == style.colour("land")  # southern Germany


def test_a_scenario_without_a_map_keeps_the_far_east() -> None:
    from game.ui import mapview

    tr = Translator("en")
    mini = load_scenario(FIXTURES / "mini.yaml").scenario
    assert mini.map is None
    plain = mapview.render((300, 240), None, tr)
    same = mapview.render((300, 240), None, tr, scenario=mini)
    assert pygame.image.tobytes(plain, "RGB") == pygame.image.tobytes(same, "RGB")
    other = mapview.render((300, 240), None, tr, scenario=_europe())
    assert pygame.image.tobytes(plain, "RGB") != pygame.image.tobytes(other, "RGB")


def test_a_state_brings_its_scenario_map() -> None:
    from game.engine import new_game
    from game.persistence.scenarios import load
    from game.ui import mapview, worldmap

    state = new_game(load(EUROPE), 1)
    tr = Translator("az")
    got = mapview.render((300, 240), state, tr)
    want = worldmap.render((300, 240), state.c.sc.map, "az")  # type: ignore[arg-type]
    assert pygame.image.tobytes(got, "RGB") == pygame.image.tobytes(want, "RGB")


def test_title_briefing_and_table_show_the_chosen_scenario_map(
    app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from game.ui import worldmap
    from game.ui.driver import to_table

    shown: list[str] = []
    real = worldmap.render

    def spy(size: tuple[int, int], mp: m.ScenarioMap, lang: str, scale: float = 1.0) -> Any:
        shown.append(app.top.name)
        assert {p.id for p in mp.places} >= {"london", "berlin"}
        return real(size, mp, lang, scale)

    monkeypatch.setattr(worldmap, "render", spy)
    table = to_table(app, EUROPE, "Nadia")
    assert table is not None
    assert {"title", "briefing", "table"} <= set(shown)


# ----------------------------------------------------------------- validate accepts => renders

_lon = st.integers(-18000, 18000).map(lambda x: x / 100)
_lat = st.integers(-9000, 9000).map(lambda x: x / 100)


def _map_yaml(box: tuple[float, float, float, float], places: list[Any], areas: list[Any]) -> str:
    w, s, e, n = box
    out = [f"map:\n  region: {{west: {w:.2f}, south: {s:.2f}, east: {e:.2f}, north: {n:.2f}}}\n"]
    if places:
        out.append("  places:\n")
        for i, (lon, lat, role, side) in enumerate(places):
            label = f", label: {side}" if side else ""
            out.append(
                f"    - {{id: p{i}, name: {{en: Place {i}, az: Yer {i}}}, lon: {lon:.2f}, "
                f"lat: {lat:.2f}, role: {role}{label}}}\n"
            )
    if areas:
        out.append("  areas:\n")
        for i, pts in enumerate(areas):
            shown = ", ".join(f"[{x:.2f}, {y:.2f}]" for x, y in pts)
            out.append(f"    - {{id: a{i}, name: {{en: Area {i}}}, points: [{shown}]}}\n")
    return "".join(out)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    box=st.tuples(_lon, _lat, _lon, _lat),
    places=st.lists(
        st.tuples(
            _lon,
            _lat,
            st.sampled_from(["city", "talks", "site"]),
            st.sampled_from([None, "left", "right", "above", "below"]),
        ),
        max_size=8,
    ),
    areas=st.lists(st.lists(st.tuples(_lon, _lat), min_size=3, max_size=8), max_size=3),
    size=st.sampled_from([(420, 360), (300, 240), (580, 560)]),
)
def test_any_map_that_validates_renders(
    tmp_path: Path,
    box: tuple[float, float, float, float],
    places: list[Any],
    areas: list[Any],
    size: tuple[int, int],
) -> None:
    from game.ui import worldmap

    text = (FIXTURES / "mini.yaml").read_text(encoding="utf-8")
    path = tmp_path / "mapped.yaml"
    path.write_text(text + _map_yaml(box, places, areas), encoding="utf-8")
    found = validate_path(path)
    errors = [f for f in found if f.level == "error"]
    w, s, e, n = box
    if e - w < 1 or n - s < 1:
        assert errors and all(f.line > 0 and f.col > 0 for f in errors)
        return
    assert not errors, errors
    mp = load_scenario(path).scenario.map
    assert mp is not None
    for lang in ("en", "az"):
        surf = worldmap.render(size, mp, lang)
        assert surf.get_size() == size
        inside = [p for p in mp.places if w <= p.lon <= e and s <= p.lat <= n]
        drawn = {x.text for x in worldmap.labels(size, mp, lang) if x.what == "place"}
        assert drawn == {p.name.get(lang) for p in inside}


def test_the_world_layer_is_small_and_covers_the_world() -> None:
    from game.ui import worldmap

    path = ROOT / "assets" / "map" / "world.json"
    assert path.stat().st_size < 400_000
    rings = worldmap.world()
    lons = [r.box[0] for r in rings] + [r.box[2] for r in rings]
    lats = [r.box[1] for r in rings] + [r.box[3] for r in rings]
    assert min(lons) < -170 and max(lons) > 170 and min(lats) < -80 and max(lats) > 80


def test_a_map_at_the_limits_validates_and_renders(tmp_path: Path) -> None:
    """60 places with names of 300 characters, 20 areas of 500 points, the whole world."""
    import yaml

    from game.ui import worldmap
    from tests.core.test_valid_files_play import map_at_limits

    text = (FIXTURES / "mini.yaml").read_text(encoding="utf-8")
    path = tmp_path / "limits.yaml"
    path.write_text(text + yaml.safe_dump({"map": map_at_limits()}), encoding="utf-8")
    assert not [f for f in validate_path(path) if f.level == "error"]
    mp = load_scenario(path).scenario.map
    assert mp is not None
    surf = worldmap.render((1920, 1080), mp, "en", 1.5)
    assert surf.get_size() == (1920, 1080)
    assert len(worldmap.labels((1920, 1080), mp, "en", 1.5)) == 60 + 20
