"""The opponent's reasons as a diplomat says them, and the figures behind them.

The engine's AI gives its reasons as :class:`~game.engine.messages.Msg` codes
with parameters: utilities on a 0–100 scale, and the issues on which an offer
falls furthest from its own (``apart``: issue id -> the value it wants).
:func:`speak` turns them into sentences a diplomat would say, built from the
issue and option names and the persona's own principles (the scenario's
persona rules, in the player's language); :func:`details` gives the numbers,
which the window shows behind a toggle and the terminal on ``why``.

>>> from game.wording.catalogue import Translator
>>> from game.engine.messages import Msg
>>> speak(None, Translator("en"), "x", [Msg("ai.consider", "We need time to consider.")])
['We need time to consider.']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from game.engine.compiled import Compiled
from game.engine.messages import Msg
from game.wording import words
from game.wording.catalogue import Translator

FAR = 25
"""A gap (out of 100) at or above which the two sides are "still far apart"."""
NEAR = 10
"""A gap below which they are "nearly there"."""
NAMED = 2
"""How many terms outside its mandate a diplomat names (and counts the rest)."""


def _home(c: Compiled | None, tr: Translator, side: str) -> str:
    if c is None or side not in c.parties:
        return side
    party = c.parties[side]
    return (party.home or party.name).get(tr.lang)


def _issues(c: Compiled | None, tr: Translator, apart: Mapping[str, Any]) -> list[str]:
    if c is None:
        return []
    return [words.issue_name(c, tr, iid) for iid in apart if iid in c.issues]


def _gap(c: Compiled | None, tr: Translator, side: str, p: Mapping[str, Any]) -> list[str]:
    gap = p.get("gap")
    how = "far" if not isinstance(gap, int | float) or gap >= FAR else "closer"
    if isinstance(gap, int | float) and gap < NEAR:
        how = "near"
    apart = p.get("apart") or {}
    names = _issues(c, tr, apart)
    if not names:
        return [tr(f"speech.gap.{how}_plain")]
    return [tr(f"speech.gap.{how}", issues=words._and(tr, names)), *_wants(c, tr, apart)]


def _wants(c: Compiled | None, tr: Translator, apart: Mapping[str, Any]) -> list[str]:
    """What the side insists on, on the issue where the offer falls furthest short."""
    if c is None:
        return []
    for iid, wanted in apart.items():
        if iid in c.issues:
            return [
                tr(
                    "speech.want",
                    issue=words.issue_name(c, tr, iid),
                    value=words.value(c, tr, iid, wanted),
                )
            ]
    return []


def _below(c: Compiled | None, tr: Translator, side: str, p: Mapping[str, Any]) -> list[str]:
    return [tr("speech.below"), *_wants(c, tr, p.get("apart") or {})]


def _outside(c: Compiled | None, tr: Translator, side: str, p: Mapping[str, Any]) -> list[str]:
    terms = p.get("terms")
    if c is None or not isinstance(terms, Mapping):
        return [tr("speech.nothing_allowed")]
    named = {k: v for k, v in terms.items() if k in c.issues}
    first = dict(list(named.items())[:NAMED])
    said = words.package(c, tr, first, tr("speech.and"))
    if len(named) > len(first):
        return [tr("speech.outside_mandate_more", terms=said, n=len(named) - len(first))]
    return [tr("speech.outside_mandate", terms=said)]


def _must_ask(c: Compiled | None, tr: Translator, side: str, p: Mapping[str, Any]) -> list[str]:
    problem = p.get("problem")
    home = _home(c, tr, side)
    if c is not None and isinstance(problem, Msg):
        iid = problem.params.get("issue")
        if iid in c.issues and "value" in problem.params:
            return [
                tr(
                    "speech.must_ask",
                    issue=words.issue_name(c, tr, iid),
                    value=words.value(c, tr, iid, problem.params["value"]),
                    home=home,
                )
            ]
    return [tr("speech.must_ask_plain", home=home)]


def _persona(c: Compiled | None, tr: Translator, side: str, msg: Msg) -> list[str]:
    return [words.message(c, tr, msg)] if c is not None else [str(msg)]


Speaker = Callable[[Compiled | None, Translator, str, Mapping[str, Any]], list[str]]


def _say(key: str, **extra: Callable[[Compiled | None, Translator, str], str]) -> Speaker:
    def speaker(c: Compiled | None, tr: Translator, side: str, p: Mapping[str, Any]) -> list[str]:
        return [tr(key, **{k: f(c, tr, side) for k, f in extra.items()})]

    return speaker


SPEAKERS: Mapping[str, Speaker] = {
    "ai.gap": _gap,
    "ai.below_reservation_gap": _below,
    "ai.below_reservation": _below,
    "ai.accept_next": _say("speech.accept"),
    "ai.accept_best": _say("speech.accept_best"),
    "ai.nothing_allowed": _say("speech.nothing_allowed"),
    "ai.best_below_reservation": _say("speech.best_below"),
    "ai.partial_offer": _say("speech.partial"),
    "ai.argue_first": _say("speech.argue_first"),
    "ai.ask": _say("speech.ask"),
    "ai.principles_block": _say("speech.principles"),
    "ai.waiting": _say("speech.waiting", home=_home),
    "ai.consider": _say("speech.consider"),
    "ai.outside_mandate": _outside,
    "ai.nothing_better": lambda c, tr, side, p: [],
    "ai.nothing_more": _say("speech.nothing_more"),
    "ai.nothing_open": _say("speech.nothing_open"),
    "ai.must_ask": _must_ask,
}
"""How each of the AI's reasons is said (by its code); the persona's own principles
are said in the scenario's words."""

DETAILS: Mapping[str, str] = {
    "ai.gap": "details.gap",
    "ai.below_reservation_gap": "details.below_gap",
    "ai.below_reservation": "details.below",
    "ai.accept_next": "details.accept_next",
    "ai.accept_best": "details.accept_best",
    "ai.ask": "details.ask",
    "ai.best_below_reservation": "details.best_below",
    "ai.accept_clauses": "details.clauses",
    "ai.accept_clauses_all": "details.clauses",
    "ai.no_part": "details.no_part",
}
"""The reasons that stand on figures, and the catalogue key that gives them."""


def speak(c: Compiled | None, tr: Translator, side: str, reasons: Iterable[str]) -> list[str]:
    """The reasons of ``side``'s last move as its diplomat says them, in the player's
    language, each sentence once and no figures.

    A reason from another policy (a plugin's, in plain English) is said as it is.
    """
    out: list[str] = []
    for reason in reasons:
        if not isinstance(reason, Msg):
            said = [str(reason)]
        elif reason.code == "persona_rule":
            said = _persona(c, tr, side, reason)
        else:
            speaker = SPEAKERS.get(reason.code)
            said = (
                speaker(c, tr, side, reason.params)
                if speaker is not None
                else [words.message(c, tr, reason) if c is not None else str(reason)]
            )
        out.extend(s for s in said if s and s not in out)
    return out


def details(c: Compiled | None, tr: Translator, side: str, reasons: Iterable[str]) -> list[str]:
    """The figures behind the reasons: utilities out of 100 as the side itself reckons
    them, and the issues where an offer gives it least against its own."""
    out: list[str] = []
    for reason in reasons:
        if not isinstance(reason, Msg):
            continue
        key = DETAILS.get(reason.code)
        if key is not None:
            out.append(tr(key, **{k: v for k, v in reason.params.items() if k != "apart"}))
        apart = reason.params.get("apart")
        if apart and c is not None:
            said = words.package(c, tr, {k: v for k, v in apart.items() if k in c.issues}, ", ")
            out.append(tr("details.apart", issues=said))
    return list(dict.fromkeys(out))
