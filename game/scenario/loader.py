"""Loading a scenario file: safe YAML, strict model, cross-references, hash.

>>> # load_scenario("scenarios/peking-1925.yaml").scenario.id
>>> # -> 'peking-1925'; a bad file raises ScenarioFileError whose problems
>>> # read "FILE:LINE:COL: error: message".
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from game.scenario import model as m
from game.scenario.limits import check_limits, check_packages
from game.scenario.validate import cross_check
from game.scenario.yamlsafe import Located, Problem, ScenarioFileError, load_yaml_file

PathT = tuple[str | int, ...]


@dataclass(frozen=True)
class LoadedScenario:
    """A validated scenario with where it came from and its content hash."""

    scenario: m.Scenario
    located: Located
    path: str
    hash: str
    warnings: tuple[Problem, ...] = ()


def freeze(data: Any) -> Any:
    """YAML lists become tuples (the frozen model's sequences), recursively."""
    if isinstance(data, list):
        return tuple(freeze(x) for x in data)
    if isinstance(data, dict):
        return {k: freeze(v) for k, v in data.items()}
    return data


def _canonical(data: Any) -> Any:
    if isinstance(data, dict):
        return {
            f"{type(k).__name__}:{_json_default(k) if isinstance(k, dt.date) else k}": _canonical(v)
            for k, v in data.items()
        }
    if isinstance(data, list | tuple):
        return [_canonical(x) for x in data]
    return data


def content_hash(data: Any) -> str:
    """SHA-256 of the scenario's data in canonical JSON: comments and layout do not count.

    >>> import datetime
    >>> len(content_hash({"values": {datetime.date(1925, 5, 15): 1.0, 40: 0.0}}))
    64
    """
    text = json.dumps(_canonical(data), sort_keys=True, ensure_ascii=False, default=_json_default)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _json_default(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def load_scenario(path: str | os.PathLike[str]) -> LoadedScenario:
    """Read, validate and cross-check one scenario file.

    Raises:
        ScenarioFileError: every problem found, each with file, line and column.
    """
    located = load_yaml_file(path)
    return validate_located(located, str(path))


def validate_located(located: Located, path: str) -> LoadedScenario:
    """Validate already-read YAML data as a scenario (see :func:`load_scenario`)."""
    try:
        scenario = m.Scenario.model_validate(freeze(located.data))
    except ValidationError as exc:
        raise ScenarioFileError(tuple(_problems(located, exc))) from None
    found = cross_check(scenario, located) + check_limits(scenario, located)
    if not any(p.level == "error" for p in found):
        found += check_packages(scenario, located)
    errors = tuple(p for p in found if p.level == "error")
    if errors:
        raise ScenarioFileError(errors)
    warnings = tuple(p for p in found if p.level != "error")
    return LoadedScenario(scenario, located, path, content_hash(located.data), warnings)


def yaml_path(data: Any, loc: tuple[Any, ...]) -> PathT:
    """Map a pydantic error location onto the path in the YAML data.

    Segments that are not keys of the data (union member names, the ``tr``
    field of texts) are skipped.
    """
    out: list[str | int] = []
    node = data
    for seg in loc:
        if (
            isinstance(node, dict)
            and seg in node
            or isinstance(node, list | tuple)
            and isinstance(seg, int)
            and 0 <= seg < len(node)
        ):
            out.append(seg)
            node = node[seg]
        elif (
            isinstance(node, dict)
            and isinstance(seg, str)
            and seg.endswith("]")
            or isinstance(node, dict)
            and seg not in _MODEL_KEYS
        ):
            continue
        elif isinstance(node, dict):
            out.append(seg)
            break
        else:
            continue
    return tuple(out)


def _all_keys() -> frozenset[str]:
    keys: set[str] = set()
    for obj in vars(m).values():
        if isinstance(obj, type) and issubclass(obj, BaseModel) and obj is not BaseModel:
            for name, field in obj.model_fields.items():
                keys.add(field.alias or name)
    return frozenset(keys - {"tr"})


_MODEL_KEYS = _all_keys()
_LANG_PATTERN = r"^[a-z]{2}$"

_TYPE_WORDS = {
    "tuple_type": "a list",
    "dict_type": "a mapping (key: value)",
    "model_type": "a mapping (key: value)",
    "model_attributes_type": "a mapping (key: value)",
    "string_type": "text",
    "int_type": "a whole number",
    "float_type": "a number",
    "date_type": "a date written YYYY-MM-DD (without quotes)",
    "bool_type": "true or false",
    "literal_error": "",
    "enum": "",
    "none_required": "nothing",
}
_CHOICES = frozenset({"literal_error", "enum"})
"""Error types whose context lists the values allowed."""


def _short(value: Any) -> str:
    text = repr(value) if not isinstance(value, dict | tuple | list) else type(value).__name__
    if isinstance(value, tuple):
        text = "a list"
    elif isinstance(value, dict):
        text = "a mapping"
    return text if len(text) <= 40 else text[:37] + "..."


def _problems(located: Located, exc: ValidationError) -> list[Problem]:
    data = located.data
    grouped: dict[PathT, list[dict[str, Any]]] = {}
    for err in exc.errors():
        loc = tuple(err["loc"])
        if err["type"] == "extra_forbidden":
            path = yaml_path(data, loc[:-1]) + (loc[-1],)
        else:
            path = yaml_path(data, loc)
        grouped.setdefault(path, []).append(dict(err))
    problems: list[Problem] = []
    for path, errs in grouped.items():
        if all(_short_for_bad_items(e) for e in errs):
            continue  # the list is long enough: its bad items have their own messages
        problems.append(located.problem(path, _message(path, errs)))
    return problems


def _message(path: PathT, errs: list[dict[str, Any]]) -> str:
    first = errs[0]
    error = first["type"]
    key = path[-1] if path else ""
    if error == "extra_forbidden":
        if " " in str(key).strip():
            return (
                f"unknown key '{_short(key)[1:-1]}': a text that contains ': ' must be put "
                "in quotes, or written as a block with '>-' on the line before"
            )
        close = [k for k in difflib.get_close_matches(str(key), _MODEL_KEYS, n=2) if k != key]
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        if key in _MODEL_KEYS and not close:
            return f"'{key}' is not a key of this part of the file"
        return f"unknown key '{key}'{hint}"
    if error in ("too_long", "too_short") and path == ("parties",):
        return (
            f"a scenario has {m.MIN_PARTIES} to {m.MAX_PARTIES} parties "
            f"(this one has {len(first.get('input') or ())})"
        )
    if _in_points(first["loc"]) and error in ("missing", "too_long", "too_short", "tuple_type"):
        return "a point of an area is [lon, lat]: two numbers, degrees east and north"
    if error in ("too_long", "too_short"):
        ctx = first.get("ctx", {})
        given = first.get("input")
        n = len(given) if isinstance(given, list | tuple) else ctx.get("actual_length", 0)
        if error == "too_short":
            return f"this list has {n} item{'s' if n != 1 else ''}; at least {ctx.get('min_length')} are needed"
        return f"this list has {n} items; at most {ctx.get('max_length')} are allowed"
    if error == "missing":
        return f"missing key '{first['loc'][-1]}'"
    types = [e for e in errs if e["type"] in _TYPE_WORDS]
    if types and len(types) == len(errs):
        words: list[str] = []
        for e in types:
            if e["type"] in _CHOICES:
                expected = e.get("ctx", {}).get("expected", "")
                words.append(f"one of {expected}")
            else:
                words.append(_TYPE_WORDS[e["type"]])
        unique = list(dict.fromkeys(w for w in words if w != "nothing"))
        return f"expected {' or '.join(unique)}, got {_short(first.get('input'))}"
    if error == "string_pattern_mismatch" and first.get("ctx", {}).get("pattern") == _LANG_PATTERN:
        return (
            f"'{_short(first.get('input'))[1:-1]}' is not a language code: use two lower-case "
            "letters, e.g. en or az"
        )
    if error == "string_pattern_mismatch":
        return _pattern_advice(
            str(first.get("input")), str(first.get("ctx", {}).get("pattern", ""))
        )
    msg = str(first["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        msg = msg.removeprefix(prefix)
    return msg[0].lower() + msg[1:] if msg else error


def _short_for_bad_items(err: dict[str, Any]) -> bool:
    """A list "too short after validation" only because some of its items are invalid."""
    given = err.get("input")
    least = err.get("ctx", {}).get("min_length")
    return (
        err["type"] == "too_short"
        and isinstance(given, list | tuple)
        and isinstance(least, int)
        and len(given) >= least
    )


def _in_points(loc: tuple[Any, ...]) -> bool:
    """Whether a pydantic location is a point of an area (or inside one)."""
    return len(loc) >= 2 and "points" in loc[:-1] and isinstance(loc[-1], int)


_PATTERN_ADVICE = {
    "-]": "is not a valid scenario id: use lower-case letters, digits and -, "
    "starting with a letter (e.g. tokyo-1923)",
    "{2}$": "is not a language code: use two lower-case letters (e.g. en, az)",
    "$self": "is not a party id: use a party's id, or $self in a stage's reopen effects",
}
"""Advice by the end of the pattern a string failed (else the advice for an id)."""


def _pattern_advice(value: str, pattern: str) -> str:
    for tail, advice in _PATTERN_ADVICE.items():
        if tail in pattern:
            return f"'{value}' {advice}"
    return f"'{value}' is not a valid id: use lower-case letters, digits and _ , starting with a letter"


def scenario_files(root: str | os.PathLike[str]) -> list[Path]:
    """The ``*.yaml`` scenario files in a folder, sorted."""
    return sorted(Path(root).glob("*.yaml"))
