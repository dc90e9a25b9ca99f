"""Findings: located problems with a short code, and how commands print them.

A :class:`Finding` is a :class:`~game.scenario.yamlsafe.Problem` plus a code
(``unknown-key``, ``unreachable-stage`` ...) that editors and CI can filter on.
Problems from the loader carry no code; :func:`code_for` derives one from the
message.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from game.scenario.yamlsafe import Problem

ERROR, WARNING = "error", "warning"

# (pattern in the loader's message, code). First match wins.
CODES: tuple[tuple[str, str], ...] = (
    (r"^YAML syntax", "yaml-syntax"),
    (r"^this list has \d+ items?; at (least|most)", "wrong-count"),
    (r"^a point of an area is", "wrong-type"),
    (r"^the map's region", "bad-map"),
    (r"^duplicate key", "duplicate-key"),
    (r"read as a boolean in YAML 1\.1", "yaml11-boolean"),
    (r"read as the (octal|base-60) number", "yaml11-number"),
    (r"^tag '", "yaml-tag"),
    (r"anchors \(&\) and aliases", "yaml-alias"),
    (r"merge keys", "yaml-merge"),
    (r"number too (large|small)|not a usable number", "bad-number"),
    (r"(control |invisible |non-)character U\+|bidirectional control U\+", "bad-character"),
    (r"outside the range a scenario may use", "bad-date"),
    (
        r"possible packages|characters long; at most|; a scenario allows at most|; at most [\d,]+$",
        "over-limit",
    ),
    (r"not all different at the precision", "over-limit"),
    (r"must be one line|must show something", "bad-text"),
    (r"this bound allows nothing", "empty-bound"),
    (r"is not a move; a persona", "unknown-key"),
    (r"is not a language code", "bad-language"),
    (r"nesting is deeper|more than [\d,]+ values; split", "too-big"),
    (r"over 5 MB|limited to 5 MB", "too-big"),
    (r"not UTF-8|character U\+", "encoding"),
    (r"the file is empty|holds no data|the top level is|one YAML document", "not-a-mapping"),
    (r"is a folder|not a regular file|file not found|cannot read the file", "not-a-file"),
    (r"not a valid date|has a time", "bad-date"),
    (r"^a key |^a key must", "bad-key"),
    (r"^unknown key", "unknown-key"),
    (r"^missing key", "missing-key"),
    (r"is not a valid (scenario )?id|is not a language code|is not a party id", "bad-id"),
    (
        r"^unknown (issue|stage|sub-stage|party|event|mandate|source|faction|argument) ",
        "unknown-reference",
    ),
    (r"is used twice", "duplicate-id"),
    (r"a condition has exactly one", "bad-condition"),
    (r"an effect has exactly one", "bad-effect"),
    (r"weights add up", "weights-sum"),
    (
        r"is not a value of issue|is not an option of issue|is not a point of issue",
        "value-outside-space",
    ),
    (r"needs 'cite'", "missing-citation"),
    (
        r"is a mediator|is a signatory and needs|needs two signatories|does not sit at the table"
        r"|a table needs two parties",
        "party-role",
    ),
    (r"a scenario has \d+ to \d+ parties", "wrong-count"),
    (r"needs (a |an )?'|needs exactly one of", "missing-key"),
    (r"should have at (most|least)|needs at least two", "wrong-count"),
    (r"has no way out|without moves needs", "no-exit"),
    (
        r"comes before|must come after|is dated .*, (before|outside)|adjourns until .*, not after"
        r"|is (before|after) the calendar (start|deadline)|, after its parent",
        "date-order",
    ),
    (r"^expected ", "wrong-type"),
    (r"lies outside the range of issue", "point-outside-range"),
    (r"this bound allows nothing", "bound-order"),
    (
        r"^'\$self' |'links' belong|'clauses' belong|'issue' belongs|is linked but|in two links"
        r"|a link ties",
        "bad-clauses",
    ),
    (r"^input should|^value should|should be (greater|less)", "out-of-range"),
)
_COMPILED = tuple((re.compile(p, re.IGNORECASE), c) for p, c in CODES)


def code_for(message: str) -> str:
    """A short code for a loader message (``invalid`` when none fits)."""
    for pattern, code in _COMPILED:
        if pattern.search(message):
            return code
    return "invalid"


@dataclass(frozen=True, order=True)
class Finding:
    """One located finding: ``FILE:LINE:COL: level: message [code]``."""

    file: str
    line: int
    col: int
    level: str
    message: str
    code: str

    @classmethod
    def of(cls, problem: Problem, code: str | None = None) -> Finding:
        """A finding from a loader problem (its code derived from the message if not given)."""
        return cls(
            problem.file,
            problem.line,
            problem.col,
            problem.level,
            problem.message,
            code or code_for(problem.message),
        )

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.level}: {self.message} [{self.code}]"

    def to_json(self) -> dict[str, object]:
        """The finding as a JSON object (keys: file, line, col, level, message, code)."""
        return asdict(self)


def sort_findings(found: Iterable[Finding]) -> list[Finding]:
    """Findings by file, then line and column; duplicates dropped."""
    return sorted(set(found), key=lambda f: (f.file, f.line, f.col, f.level, f.code, f.message))


def render(found: Iterable[Finding], as_json: bool) -> str:
    """The findings as text lines or a JSON list."""
    items = list(found)
    if as_json:
        return json.dumps([f.to_json() for f in items], ensure_ascii=False, indent=1)
    return "\n".join(str(f) for f in items)
