"""The JSON Schema of the scenario format, for editors (YAML language server) and tools.

Generated from the pydantic model (:class:`game.scenario.model.Scenario`)
with ``by_alias=True`` and tidied: the models' docstrings as descriptions,
no generated per-field titles, texts as they are written in YAML (a string,
or a mapping of language codes), one key exactly for conditions and effects.
``docs/schema.json`` is this output; a test keeps it current.

A scenario file can start with::

    # yaml-language-server: $schema=../docs/schema.json
"""

from __future__ import annotations

import json
import re
from typing import Any

from game.scenario import model as m
from game.scenario.limits import MAX_TEXT

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"

_DESCRIPTIONS = {
    "Option": "A named option of an 'options' issue.",
    "Faction": "A faction at home that a mandate may answer to.",
    "Diplomat": "The diplomat at the table for a party (the role a player picks).",
    "MandateEffect": "Give a party's diplomat another of its mandates.",
    "WeightEffect": "Shift a party's weight of one issue (at most 0.5; weights are renormalised).",
    "PartyShift": "Shift a party's value (reservation, delay cost or concession speed) by at most 0.5.",
    "TermCondition": "An agreed value of an issue within min/max, or in a list.",
    "MandateCondition": "A party's current mandate is the given one.",
}


_KEY_DOC = re.compile(r"((?:``\w+``\s*(?:/|,|or)?\s*)+):\s*(.+?)(?=;\s|\.\s|$)", re.S)


def _rst_to_markdown(text: str) -> str:
    return text.replace("``", "`")


def field_docs(cls: type) -> dict[str, str]:
    """Descriptions of keys from a model's docstring, where it says ``key``: what it is."""
    doc = " ".join((cls.__doc__ or "").split())
    out: dict[str, str] = {}
    for match in _KEY_DOC.finditer(doc):
        text = _rst_to_markdown(match.group(2).strip())
        for key in re.findall(r"``(\w+)``", match.group(1)):
            out.setdefault(key, text)
    return out


def _describe_fields(name: str, schema: dict[str, Any]) -> None:
    cls = getattr(m, name, None)
    if not isinstance(cls, type):
        return
    docs = field_docs(cls)
    for key, prop in schema.get("properties", {}).items():
        if isinstance(prop, dict) and key in docs and "description" not in prop:
            prop["description"] = docs[key]


def _strip_field_titles(defs: dict[str, Any]) -> None:
    for model in defs.values():
        for prop in model.get("properties", {}).values():
            if isinstance(prop, dict):
                prop.pop("title", None)


def _text_schema(generated: dict[str, Any]) -> dict[str, Any]:
    props = dict(generated.get("properties", {}))
    props.pop("tr", None)
    string = {"type": "string", "maxLength": MAX_TEXT}
    return {
        "title": "Text",
        "description": _rst_to_markdown(generated.get("description", "")),
        "anyOf": [
            {**string, "description": "English text."},
            {
                "type": "object",
                "properties": {
                    **props,
                    "tr": {
                        "type": "object",
                        "propertyNames": {"pattern": "^[a-z]{2}$"},
                        "additionalProperties": string,
                    },
                },
                "patternProperties": {"^[a-z]{2}$": string},
                "additionalProperties": False,
                "minProperties": 1,
            },
        ],
    }


def scenario_schema() -> dict[str, Any]:
    """The tidied JSON Schema of a scenario file."""
    raw = m.Scenario.model_json_schema(by_alias=True)
    defs: dict[str, Any] = raw.pop("$defs", {})
    _strip_field_titles(defs)
    for prop in raw.get("properties", {}).values():
        if isinstance(prop, dict):
            prop.pop("title", None)
    for name, model in defs.items():
        if "description" not in model and name in _DESCRIPTIONS:
            model["description"] = _DESCRIPTIONS[name]
        if "description" in model:
            model["description"] = _rst_to_markdown(model["description"])
    for name, model in defs.items():
        _describe_fields(name, model)
    for name in ("Condition", "Effect"):
        defs[name]["minProperties"] = 1
        defs[name]["maxProperties"] = 1
    defs["Text"] = _text_schema(defs["Text"])
    defs["Persona"]["properties"]["lines"]["propertyNames"] = {"enum": list(m.ALL_MOVES)}
    out: dict[str, Any] = {
        "$schema": SCHEMA_URI,
        "$id": "https://treaty-table.invalid/schema/scenario-v1.json",
        "title": "Treaty Table scenario",
        "description": _rst_to_markdown(raw.pop("description", ""))
        + " Format version "
        + str(m.FORMAT_VERSION)
        + ". Cross-references and meaning are checked by 'treaty-table validate' and 'treaty-table lint'.",
    }
    raw.pop("title", None)
    out.update(raw)
    out["$defs"] = dict(sorted(defs.items()))
    return out


def schema_text() -> str:
    """The schema as the JSON text written to ``docs/schema.json`` (ends with a newline)."""
    return json.dumps(scenario_schema(), indent=2, ensure_ascii=False) + "\n"
