"""The scaffold of a new scenario: a commented file that validates, lints clean and plays.

The template (``template.yaml`` next to this module) has two parties, two
issues, stages with sub-stages and signed / broken-off / deadline ends, two
events, an argument, an instruction and a short cited historical path.
"""

from __future__ import annotations

import json
import os
import re
from importlib import resources
from pathlib import Path
from string import Template

from game.resources import data_dir
from game.scenario.limits import name_problem

NAME = re.compile(r"^[a-z][a-z0-9-]{0,63}$")


class ScaffoldError(Exception):
    """The scenario cannot be created (bad name, file exists)."""


def scenario_text(name: str, title: str | None = None, schema: str | None = None) -> str:
    """The scaffold's text for scenario id ``name``; ``schema`` is the path for the editor line.

    The title is written as a YAML double-quoted string (quotes and backslashes escaped).
    Raises ScaffoldError for a title the format does not allow as a name (a control
    character, a line break, over 300 characters, nothing visible).
    """
    template = Template(
        resources.files("game.authoring").joinpath("template.yaml").read_text("utf-8")
    )
    shown = name.replace("-", " ").capitalize() if title is None else title
    problem = name_problem(shown)
    if problem is not None:
        raise ScaffoldError(f"the title cannot be used: {problem}")
    line = f"# yaml-language-server: $$schema={schema}\n" if schema else ""
    return template.substitute(
        schema_line=line.replace("$$", "$"),
        title=json.dumps(shown, ensure_ascii=False),  # a JSON string is a YAML quoted scalar
        id=name,
        file=f"{name}.yaml",
    )


def repo_schema() -> Path | None:
    """The game's ``docs/schema.json`` (in the checkout or the installed package), if there is one."""
    candidate = data_dir("docs") / "schema.json"
    return candidate if candidate.is_file() else None


def create(
    name: str, folder: str | os.PathLike[str], title: str | None = None, force: bool = False
) -> Path:
    """Write ``FOLDER/NAME.yaml``; returns its path. Raises ScaffoldError."""
    if not NAME.match(name):
        raise ScaffoldError(
            f"'{name}' is not a scenario id: use lower-case letters, digits and '-', starting with a letter"
        )
    target = Path(folder) / f"{name}.yaml"
    if target.exists() and not force:
        raise ScaffoldError(f"{target} already exists (use --force to overwrite)")
    schema = repo_schema()
    rel = None
    if schema is not None:
        try:
            rel = os.path.relpath(schema, Path(folder).resolve())
        except ValueError:
            rel = str(schema)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(scenario_text(name, title, rel), encoding="utf-8")
    return target
