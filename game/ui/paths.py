"""Where the UI's data files live."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_dir

from game.resources import data_dir

ASSETS = data_dir("assets")
FONTS = ASSETS / "fonts"
THEME = ASSETS / "theme.json"
MAP = ASSETS / "map"


def config_dir() -> Path:
    """The folder of the settings file (``TREATY_TABLE_CONFIG`` overrides it)."""
    return Path(os.environ.get("TREATY_TABLE_CONFIG") or user_config_dir("treaty-table"))


def exports_dir() -> Path:
    """Where debrief exports (PNG, CSV, JSON) are written."""
    from game.persistence.scenarios import saves_dir

    return saves_dir() / "exports"
