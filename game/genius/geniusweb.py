"""GeniusWeb domains and linear-additive profiles, read from their JSON.

A GeniusWeb domain::

    {"name": "jobs", "issuesValues": {
        "lease car": {"values": ["yes", "no"]},
        "salary": {"range": {"low": 2000, "high": 4000, "step": 500}}}}

A profile (it carries its domain)::

    {"LinearAdditiveUtilitySpace": {
        "name": "jobs1", "domain": {...},
        "issueUtilities": {
            "lease car": {"discreteutils": {"valueUtilities": {"yes": 0.8, "no": 0.2}}},
            "salary": {"numberutils": {"lowValue": 2000, "lowUtility": 0,
                                       "highValue": 4000, "highUtility": 1}}},
        "issueWeights": {"lease car": 0.3, "salary": 0.7},
        "reservationBid": {"issuevalues": {"lease car": "no", "salary": 2000}}}}

A value's utility is the number given (no rescaling); a number issue's is
linear between ``lowValue`` and ``highValue`` and 0 outside; the profile's
utility is ``sum(weight * utility)``; the reservation value is the utility of
the reservation bid (0 without one). The Python port's names
(``DiscreteValueSetUtilities``, ``NumberValueSetUtilities``) are read too.
Other profile kinds (``SumOfGroupsUtilitySpace``, partial orderings) are
refused in one line.
"""

from __future__ import annotations

import json
import math
import os
from decimal import Decimal, InvalidOperation
from typing import Any

from game.genius.domain import Domain, Evaluator, GeniusIssue, Profile, domain_name
from game.genius.xmlsafe import MAX_BYTES, GeniusError
from game.scenario.yamlsafe import Problem

__all__ = ["read_domain_json", "read_profile_json"]

MAX_NUMBER_VALUES = 5000
_DISCRETE = ("discreteutils", "DiscreteValueSetUtilities")
_NUMBER = ("numberutils", "NumberValueSetUtilities")
_FITS = {"discrete": _DISCRETE, "real": _NUMBER, "integer": ()}
"""The GeniusWeb utilities that fit an issue, by its GENIUS type (GeniusWeb has no integers)."""
_WHAT = {"discrete": "values", "real": "number range", "integer": "number range"}
_NOT_READ = {
    "SumOfGroupsUtilitySpace": "non-linear (sums of issue groups)",
    "DefaultPartialOrdering": "a partial ordering of bids, not utilities",
    "PartialOrdering": "a partial ordering of bids, not utilities",
}
"""The GeniusWeb profiles Treaty Table does not read, and what they are."""


class _Json:
    """A JSON file's data and text, to place problems at the key they concern."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.file = str(path)
        try:
            size = os.path.getsize(path)
            if size > MAX_BYTES:
                raise GeniusError(Problem(self.file, 1, 1, f"file too large ({size} bytes)"))
            with open(path, "rb") as fh:
                raw = fh.read(MAX_BYTES + 1)
        except GeniusError:
            raise
        except FileNotFoundError:
            raise GeniusError(Problem(self.file, 1, 1, "no such file")) from None
        except OSError as exc:
            raise GeniusError(
                Problem(self.file, 1, 1, f"cannot read the file: {exc.strerror or exc}")
            ) from None
        try:
            self.text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise GeniusError(
                Problem(self.file, 1, 1, f"not UTF-8 text (byte {exc.start})")
            ) from None
        try:
            self.data: Any = json.loads(self.text, parse_constant=_no_constant)
        except json.JSONDecodeError as exc:
            raise GeniusError(
                Problem(self.file, exc.lineno, exc.colno, f"malformed JSON: {exc.msg}")
            ) from None
        except (ValueError, RecursionError) as exc:
            raise GeniusError(Problem(self.file, 1, 1, f"cannot read the JSON: {exc}")) from None

    def problem(self, message: str, *keys: str) -> Problem:
        """A problem placed at the last of ``keys`` found in order in the text (else 1:1)."""
        pos = 0
        found = 0
        for key in keys:
            at = self.text.find(json.dumps(key, ensure_ascii=False), pos)
            if at < 0:
                break
            pos = found = at
        line = self.text.count("\n", 0, found) + 1
        col = found - (self.text.rfind("\n", 0, found) + 1) + 1
        return Problem(self.file, line, col, message)


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            return None
        return number if math.isfinite(number) else None
    return None


def _grid(low: Any, high: Any, step: Any) -> tuple[float, ...] | None:
    """The values ``low, low + step, ...`` up to ``high``, computed in decimal (no drift)."""
    try:
        lo, hi, st = Decimal(str(low)), Decimal(str(high)), Decimal(str(step))
    except InvalidOperation:
        return None
    if not (lo.is_finite() and hi.is_finite() and st.is_finite()) or st <= 0 or hi < lo:
        return None
    count = int((hi - lo) / st) + 1
    if count > MAX_NUMBER_VALUES:
        return None
    return tuple(float(lo + k * st) for k in range(count))


def _domain_of(doc: _Json, data: Any, where: tuple[str, ...]) -> Domain:
    if not isinstance(data, dict) or not isinstance(data.get("issuesValues"), dict):
        raise GeniusError(
            doc.problem(
                "this JSON is not a GeniusWeb domain or profile "
                '(no "issuesValues" and no "LinearAdditiveUtilitySpace")',
                *where,
            )
        )
    problems: list[Problem] = []
    issues: list[GeniusIssue] = []
    for name, spec in data["issuesValues"].items():
        at = (*where, "issuesValues", name)
        if isinstance(spec, dict) and isinstance(spec.get("values"), list):
            values = [str(v) for v in spec["values"]]
            if len(values) < 2 or len(set(values)) != len(values):
                problems.append(
                    doc.problem(f"issue '{name}' needs two or more distinct values", *at)
                )
                continue
            issues.append(GeniusIssue(name, name, "discrete", tuple(values)))
            continue
        rng = spec.get("range") if isinstance(spec, dict) else None
        if isinstance(rng, dict):
            rng = [rng.get("low"), rng.get("high"), rng.get("step")]
        grid = _grid(*rng) if isinstance(rng, list) and len(rng) == 3 else None
        if grid is None or len(grid) < 2:
            problems.append(
                doc.problem(
                    f'issue \'{name}\' needs "values": [...] or "range": '
                    f'{{"low": .., "high": .., "step": ..}} with 2 to {MAX_NUMBER_VALUES} values',
                    *at,
                )
            )
            continue
        lo, st = float(Decimal(str(rng[0]))), float(Decimal(str(rng[2])))  # type: ignore[index]
        issues.append(GeniusIssue(name, name, "real", (), lo, grid[-1], st))
    if not issues and not problems:
        problems.append(doc.problem("the domain has no issue", *where, "issuesValues"))
    if problems:
        raise GeniusError(problems)
    return Domain(domain_name(str(data.get("name") or ""), doc.file), tuple(issues), doc.file)


def _space(doc: _Json) -> dict[str, Any] | None:
    data = doc.data
    if isinstance(data, dict) and len(data) == 1:
        body = data.get("LinearAdditiveUtilitySpace")
        if isinstance(body, dict):
            return body
        kind = next(iter(data))
        what = _NOT_READ.get(kind)
        if what is not None:
            raise GeniusError(
                doc.problem(
                    f"this is a GeniusWeb {kind} profile, {what}: Treaty Table reads "
                    "LinearAdditiveUtilitySpace profiles only",
                    kind,
                )
            )
    return None


def read_domain_json(path: str | os.PathLike[str]) -> Domain:
    """A GeniusWeb domain, from a domain file or from the domain a profile carries.

    Raises:
        GeniusError: the problems found, each with file, line and column.
    """
    doc = _Json(path)
    body = _space(doc)
    if body is not None:
        return _domain_of(doc, body.get("domain"), ("LinearAdditiveUtilitySpace", "domain"))
    return _domain_of(doc, doc.data, ())


def read_profile_json(path: str | os.PathLike[str], domain: Domain) -> Profile:
    """A GeniusWeb linear-additive profile, matched to ``domain`` by issue name.

    Raises:
        GeniusError: the problems found, each with file, line and column; a
            domain file or another kind of profile in one line.
    """
    doc = _Json(path)
    body = _space(doc)
    top = "LinearAdditiveUtilitySpace"
    if body is None:
        raise GeniusError(
            doc.problem(
                "this is not a GeniusWeb LinearAdditiveUtilitySpace profile"
                + (
                    " (it is a domain: give the domain first, then the two profiles)"
                    if isinstance(doc.data, dict) and "issuesValues" in doc.data
                    else ""
                )
            )
        )
    profile = Profile(
        str(body.get("name") or os.path.splitext(os.path.basename(doc.file))[0]), doc.file
    )
    problems: list[Problem] = []
    utilities = body.get("issueUtilities")
    weights = body.get("issueWeights")
    if not isinstance(utilities, dict) or not isinstance(weights, dict):
        raise GeniusError(doc.problem('a profile needs "issueUtilities" and "issueWeights"', top))
    by_name = {i.name: i for i in domain.issues}
    for name in list(utilities) + list(weights):
        if name not in by_name:
            problems.append(
                doc.problem(f"issue '{name}' is not in the domain {domain.file}", top, name)
            )
    for issue in domain.issues:
        at = (top, "issueUtilities", issue.name)
        w = _number(weights.get(issue.name))
        if w is None or w < 0:
            problems.append(
                doc.problem(
                    f"issue '{issue.name}' needs a weight of 0 or more", top, "issueWeights"
                )
            )
        else:
            profile.weights[issue.index] = w
        spec = utilities.get(issue.name)
        if not isinstance(spec, dict) or len(spec) != 1:
            problems.append(doc.problem(f"issue '{issue.name}' needs its utilities", *at))
            continue
        kind, body_u = next(iter(spec.items()))
        if kind not in _FITS[issue.kind]:
            problems.append(
                doc.problem(
                    f"issue '{issue.name}': utilities of kind '{kind}' do not fit its "
                    f"{_WHAT[issue.kind]}",
                    *at,
                )
            )
            continue
        if kind in _DISCRETE:
            table = body_u.get("valueUtilities") if isinstance(body_u, dict) else None
            if not isinstance(table, dict):
                problems.append(doc.problem(f"issue '{issue.name}' needs \"valueUtilities\"", *at))
                continue
            values: dict[str, float] = {}
            for item in issue.items:
                u = _number(table.get(item))
                if u is None or not 0.0 <= u <= 1.0:
                    problems.append(
                        doc.problem(
                            f"value '{item}' of issue '{issue.name}' needs a utility from 0 to 1",
                            *at,
                        )
                    )
                else:
                    values[item] = u
            profile.evaluations[issue.index] = values
        else:
            got = body_u if isinstance(body_u, dict) else {}
            keys = ("lowValue", "lowUtility", "highValue", "highUtility")
            nums = [_number(got.get(k)) for k in keys]
            if any(n is None for n in nums) or not nums[0] < nums[2]:  # type: ignore[operator]
                problems.append(
                    doc.problem(
                        f"issue '{issue.name}' needs numbers {', '.join(keys)} (lowValue < highValue)",
                        *at,
                    )
                )
                continue
            profile.evaluations[issue.index] = Evaluator(
                "number", tuple(n for n in nums if n is not None)
            )
    reservation = body.get("reservationBid")
    if problems:
        raise GeniusError(problems)
    if isinstance(reservation, dict) and isinstance(reservation.get("issuevalues"), dict):
        profile.reservation = _bid_utility(doc, profile, domain, reservation["issuevalues"])
    elif _number(body.get("reserved_value")) is not None:
        profile.reservation = float(body["reserved_value"])
    return profile


def _bid_utility(doc: _Json, profile: Profile, domain: Domain, bid: dict[str, Any]) -> float:
    total = 0.0
    for issue in domain.issues:
        value = bid.get(issue.name)
        ev = profile.evaluations.get(issue.index)
        if value is None or ev is None:
            continue  # GeniusWeb: an issue missing from a partial bid adds nothing
        if isinstance(ev, Evaluator):
            x = _number(value)
            u = ev(x) if x is not None else 0.0
        else:
            u = ev.get(str(value), 0.0)
        total += profile.weights.get(issue.index, 0.0) * u
    return min(1.0, max(0.0, total))
