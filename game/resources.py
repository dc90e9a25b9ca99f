"""Where the game's own data lives: ``scenarios/``, ``assets/``, ``seeds/`` and ``docs/``.

In the repository these folders sit at the root, beside ``game/``. A built
wheel (and so ``pip install .`` and ``pipx install``) carries them inside the
package as ``game/_data/<name>`` (``setup.py`` copies them at build time), and
they are found there with :mod:`importlib.resources`. A checkout, or an
editable install of one, has no ``game/_data``: the folders are read where
they are, at the root of the checkout.

The user's own scenarios, saves and settings are elsewhere, where
``platformdirs`` says (:mod:`game.persistence.scenarios`).

>>> (data_dir("assets") / "i18n" / "en.json").is_file()
True
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

FOLDERS = ("scenarios", "assets", "seeds", "docs")
"""The data folders the program reads (each is carried by the wheel)."""

PACKAGED = "_data"
"""The folder inside the ``game`` package that holds them in an installed wheel."""


@cache
def data_dir(name: str) -> Path:
    """The folder ``name`` (one of :data:`FOLDERS`): in the installed package, else in the
    checkout the package was imported from."""
    if name not in FOLDERS:
        raise ValueError(f"'{name}' is not one of the game's data folders ({', '.join(FOLDERS)})")
    root = resources.files("game")
    packaged = root / PACKAGED / name
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(str(root)).resolve().parent / name
