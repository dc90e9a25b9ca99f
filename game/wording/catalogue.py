"""The message catalogue: strings in English and Azerbaijani, read from
``assets/i18n/<lang>.json``.

>>> tr = Translator("en")
>>> tr("menu.quit")
'Quit'
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from game.resources import data_dir

I18N = data_dir("assets") / "i18n"

LANGUAGES = ("en", "az")


@cache
def catalogue(lang: str) -> dict[str, str]:
    """The catalogue of one language (key -> text with ``{name}`` fields)."""
    with open(I18N / f"{lang}.json", encoding="utf-8") as fh:
        data = json.load(fh)
    return {k: v for k, v in data.items() if not k.startswith("_")}


class Translator:
    """Looks up catalogue strings; falls back to English, then to the key itself."""

    def __init__(self, lang: str = "en") -> None:
        self.lang = lang if lang in LANGUAGES else "en"
        self._own = catalogue(self.lang)
        self._en = catalogue("en")
        self.missing: set[str] = set()

    def __call__(self, key: str, **fields: Any) -> str:
        text = self._own.get(key) or self._en.get(key)
        if text is None:
            self.missing.add(key)
            text = key
        if fields:
            try:
                return text.format(**fields)
            except (KeyError, IndexError, ValueError):
                return text
        return text

    def has(self, key: str) -> bool:
        return key in self._own or key in self._en
