"""The build step that carries the game's data in its wheel.

``scenarios/``, ``assets/``, ``seeds/`` and ``docs/`` stay at the root of the
repository; a built wheel (``pip install .``, ``pipx install``, ``python -m
build``) gets a copy of each inside the package as ``game/_data/<name>``, where
``game.resources.data_dir`` finds it with ``importlib.resources``. An editable
install reads them in the checkout and copies nothing. Everything else about
the build is in ``pyproject.toml``.
"""

from __future__ import annotations

import os

from setuptools import setup
from setuptools.command.build_py import build_py

FOLDERS = ("scenarios", "assets", "seeds", "docs")  # game.resources.FOLDERS (a test checks)


class build_py_with_data(build_py):
    """``build_py``, then the data folders copied into ``game/_data`` of the build."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        for name in FOLDERS:
            self.copy_tree(name, os.path.join(self.build_lib, "game", "_data", name))


setup(cmdclass={"build_py": build_py_with_data})
