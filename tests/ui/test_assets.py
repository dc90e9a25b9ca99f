"""Catalogues, fonts, theme and map data shipped in assets/."""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FONT_FILES = (
    "NotoSans-Regular.ttf",
    "NotoSans-Bold.ttf",
    "NotoSans-Italic.ttf",
    "NotoSans-BoldItalic.ttf",
)
I18N = ROOT / "assets" / "i18n"


def _catalogue(lang: str) -> dict[str, str]:
    data = json.loads((I18N / f"{lang}.json").read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_in_both_languages() -> None:
    en, az = _catalogue("en"), _catalogue("az")
    assert set(en) == set(az), f"only in en: {set(en) - set(az)}; only in az: {set(az) - set(en)}"
    for key in en:
        assert en[key].strip() and az[key].strip(), key
        assert _fields(en[key]) == _fields(az[key]), key


def test_every_key_the_code_uses_exists() -> None:
    en = _catalogue("en")
    used: set[str] = set()
    pattern = re.compile(
        r"""\b(?:t|tr|self\.t|app\.tr|self\.app\.tr)\(\s*["']([a-z_]+\.[a-z_.0-9]+)["']"""
    )
    for path in (ROOT / "game" / "ui").rglob("*.py"):
        used |= set(pattern.findall(path.read_text(encoding="utf-8")))
    missing = sorted(
        k for k in used if k not in en and not k.endswith(".")
    )  # prefixes of built keys
    assert not missing, missing
    from game.scenario.model import ALL_MOVES

    for kind in ALL_MOVES:
        assert f"move.{kind}" in en and f"move.{kind}_tip" in en
    for i in range(1, 13):
        assert f"month.{i}" in en


def test_fonts_show_azerbaijani_and_cyrillic() -> None:
    import os

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    pygame.font.init()
    fonts = ROOT / "assets" / "fonts"
    assert (fonts / "OFL.txt").read_text(encoding="utf-8").find("SIL Open Font License") >= 0
    for name in FONT_FILES:
        font = pygame.font.Font(str(fonts / name), 24)
        missing = font.metrics("\ue000")  # a private-use code point: the font's 'missing glyph'
        for ch in "əƏşŞğĞıİçÇöÖüÜ" + "ЖжЯяБбЪъ" + "–—“”…·×‹›":
            assert font.metrics(ch) != missing, f"{name} has no glyph for {ch!r}"
        assert (
            font.render("Şimali Saxalin · Северный Сахалин", True, (255, 255, 255)).get_width()
            > 100
        )


def test_every_character_of_the_shipped_texts_has_a_glyph() -> None:
    """The fonts are cut down to a few scripts (tools/subset_fonts.py): nothing the game
    says in either language, nor any scenario or map label, may fall outside them."""
    import pygame

    pygame.font.init()
    texts = [
        *(ROOT / "assets" / "i18n").glob("*.json"),
        *(ROOT / "assets" / "map").glob("*.json"),
        *(ROOT / "scenarios").glob("*.yaml"),
    ]
    chars = {ch for path in texts for ch in path.read_text(encoding="utf-8")}
    chars = {ch for ch in chars if ch.isprintable() and not ch.isspace()}
    assert "ə" in chars and "İ" in chars  # the Azerbaijani catalogue is among them
    ordered = sorted(chars)
    for name in FONT_FILES:
        font = pygame.font.Font(str(ROOT / "assets" / "fonts" / name), 24)
        missing = font.metrics("\ue000")[0]  # a private-use code point: the 'missing glyph'
        lacking = [
            ch
            for ch, m in zip(ordered, font.metrics("".join(ordered)), strict=True)
            if m == missing
        ]
        assert not lacking, f"{name} has no glyph for {''.join(lacking)!r}"


def test_theme_and_palette_load() -> None:
    from game.ui import style

    theme = style.scaled_theme(1.5)
    assert theme["defaults"]["font"]["size"] == str(round(15 * 1.5))
    assert Path(theme["defaults"]["font"]["regular_path"]).exists()
    assert {"background", "focus", "side_a", "side_b", "sea", "land"} <= set(style.palette())


def test_map_data_is_small_and_in_the_box() -> None:
    from game.ui import mapview

    region = mapview.region()
    path = ROOT / "assets" / "map" / "region.json"
    assert path.stat().st_size < 200_000
    x0, y0, x1, y1 = region["box"]
    assert len(region["land"]) > 10 and region["north_sakhalin"]
    for ring in region["land"]:
        for x, y in ring:
            assert x0 - 1e-6 <= x <= x1 + 1e-6 and y0 - 1e-6 <= y <= y1 + 1e-6
    for x, y in region["north_sakhalin"][0]:
        assert y >= 50.0 - 1e-6 and 141 < x < 145
    assert {c["id"] for c in mapview.places()["cities"]} >= {
        "peking",
        "tokyo",
        "vladivostok",
        "nikolaevsk",
    }


@pytest.mark.parametrize("lang", ["en", "az"])
def test_month_names(lang: str) -> None:
    import datetime as dt

    from game.wording import words
    from game.wording.catalogue import Translator

    tr = Translator(lang)
    assert words.date(tr, dt.date(1925, 1, 20)) == (
        "20 January 1925" if lang == "en" else "20 yanvar 1925"
    )


def test_every_engine_message_has_words_in_both_languages() -> None:
    """Each Msg code the engine and the AI can produce is in both catalogues."""
    import json
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    codes: set[str] = set()
    for path in (root / "game" / "engine").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        codes |= set(re.findall(r'Msg\(\s*"([a-z_.]+)"', text))
        if "outside_mandate_" in text:
            codes |= {"outside_mandate_yours", "outside_mandate_theirs"}
    codes.discard("outside_mandate_")
    assert len(codes) >= 35
    for lang in ("en", "az"):
        cat = json.loads((root / "assets" / "i18n" / f"{lang}.json").read_text(encoding="utf-8"))
        missing = sorted(c for c in codes if f"engine.{c}" not in cat)
        assert not missing, (lang, missing)


def test_engine_messages_are_said_in_azerbaijani() -> None:
    from game.engine import Move, apply, new_game
    from game.engine.moves import IllegalMoveError
    from game.persistence.scenarios import load
    from game.wording import words
    from game.wording.catalogue import Translator
    from tests.ui.conftest import MINI

    c = load(MINI)
    s = new_game(c, 1)
    reasons = []
    for mv in (Move("propose", "north", {"rent": 12}), Move("accept", "south")):
        try:
            apply(s, mv)
        except IllegalMoveError as exc:
            reasons.append(exc.reason)
    assert len(reasons) == 2
    az, en = Translator("az"), Translator("en")
    assert (
        words.message(c, en, reasons[0])
        == "Rent 12% is outside your mandate (North, firm line: at least 20%)"
    )
    said = words.message(c, az, reasons[0])
    assert "səlahiyyətinizdən kənardır" in said and "12%" in said
    assert words.message(c, az, reasons[1]).startswith("Növbə sizdə deyil: indi Şimal")


def test_the_personas_principle_is_said_in_the_scenarios_language() -> None:
    from game.engine.ai.persona import rule_from_config
    from game.engine.policy import persona_config
    from game.persistence.scenarios import load
    from game.wording import words
    from game.wording.catalogue import Translator
    from tests.conftest import SCENARIOS

    c = load(SCENARIOS / "peking-1925.yaml")
    scenario_rule = c.parties["ussr"].persona.rules[0]
    rule = rule_from_config(persona_config(c, "ussr")["rules"][0])
    principle = scenario_rule.principles[0]
    price_issue, price_values = next(iter(scenario_rule.price.items()))
    veto = rule.veto(None, {principle: c.grid[principle][0], price_issue: price_values[0]})
    assert veto is not None and veto.code == "persona_rule"
    az = Translator("az")
    said = words.message(c, az, veto)
    assert said != str(veto)
    names = {
        "price": words.issue_name(c, az, price_issue),
        "principle": words.issue_name(c, az, principle),
    }
    assert said == scenario_rule.text.get("az").format(**names)
