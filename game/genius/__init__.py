"""Import negotiation domains of GENIUS (the ANAC competition's XML format) and GeniusWeb (JSON).

>>> # text = import_genius("party_domain.xml", "party1.xml", "party2.xml")
>>> # -> scenario YAML that ``treaty-table validate`` accepts.
"""

from __future__ import annotations

import os
from typing import Any

import yaml

from game.genius.convert import build_scenario, slug
from game.genius.domain import (
    Domain,
    Evaluator,
    GeniusIssue,
    Profile,
    read_domain_xml,
    read_profile_xml,
)
from game.genius.geniusweb import read_domain_json, read_profile_json
from game.genius.xmlsafe import GeniusError, parse_xml_file, parse_xml_text
from game.scenario.yamlsafe import Problem

__all__ = [
    "Domain",
    "Evaluator",
    "GeniusError",
    "GeniusIssue",
    "Profile",
    "build_scenario",
    "import_genius",
    "parse_xml_file",
    "parse_xml_text",
    "read_domain",
    "read_profile",
    "slug",
    "to_yaml",
]


def _is_json(path: str | os.PathLike[str]) -> bool:
    try:
        with open(path, "rb") as fh:
            head = fh.read(512).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError:
        return False
    return head[:1] in (b"{", b"[")


def read_domain(path: str | os.PathLike[str]) -> Domain:
    """Read a GENIUS domain file (XML), or a GeniusWeb domain or profile (JSON).

    Raises:
        GeniusError: every problem found, each with file, line and column.
    """
    return read_domain_json(path) if _is_json(path) else read_domain_xml(path)


def read_profile(path: str | os.PathLike[str], domain: Domain) -> Profile:
    """Read a GENIUS utility profile (or a GeniusWeb JSON one) and match it to ``domain``.

    Raises:
        GeniusError: every problem found, each with file, line and column (see
            :func:`~game.genius.domain.read_profile_xml`).
    """
    return read_profile_json(path, domain) if _is_json(path) else read_profile_xml(path, domain)


class _Dumper(yaml.SafeDumper):
    """A safe dumper that never writes anchors and aliases (scenario files refuse them)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def to_yaml(data: dict[str, Any], header: str = "") -> str:
    """Scenario data as YAML text (keys in order, dates unquoted, Unicode kept, no aliases)."""
    body = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )
    return header + body


def import_genius(
    domain_path: str | os.PathLike[str],
    profile_a: str | os.PathLike[str],
    profile_b: str | os.PathLike[str],
    **options: Any,
) -> str:
    """Scenario YAML from a GENIUS domain and two profiles.

    ``options`` go to :func:`~game.genius.convert.build_scenario`
    (``scenario_id``, ``title``, ``start``, ``sessions``, ``session_days``,
    ``max_values``).

    Raises:
        GeniusError: every problem of the three files, each with file, line and column.
    """
    domain = read_domain(domain_path)
    problems: list[Problem] = []
    profiles: list[Profile] = []
    for path in (profile_a, profile_b):
        try:
            profiles.append(read_profile(path, domain))
        except GeniusError as exc:
            problems.extend(exc.problems)
    if problems:
        raise GeniusError(problems)
    data = build_scenario(domain, (profiles[0], profiles[1]), **options)
    header = (
        f"# Imported by `treaty-table import-genius` from\n"
        f"#   {os.path.basename(str(domain_path))}, {os.path.basename(str(profile_a))}, "
        f"{os.path.basename(str(profile_b))}\n"
        "# Edit freely: see docs/scenario-format.md.\n"
    )
    return to_yaml(data, header)
