"""The content model: typed, frozen scenario objects (pydantic v2, strict).

A scenario file is YAML that validates against :class:`Scenario`. Everything
is data: conditions are structured YAML (:class:`Condition`), effects are
bounded (:class:`Effect`), and every text may carry citations.
Cross-references (issue ids, stage ids, ...) are checked in
:mod:`game.scenario.validate`, which reports file, line and column.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, Strict, StringConstraints, model_validator

FORMAT_VERSION = 1

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
LangCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]
Fraction = Annotated[float, Field(ge=0.0, le=1.0)]
Shift = Annotated[float, Field(ge=-0.5, le=0.5)]
ScalarValue = int | float | str | dt.date


# Each kind has one handler in game/engine/movekinds.py (what it checks, does and needs).
class MoveKind(StrEnum):
    """A kind of move at the table (the game lists them in this order)."""

    PROPOSE = "propose"
    COUNTER = "counter"
    ACCEPT = "accept"
    REJECT = "reject"
    ARGUE = "argue"
    INSTRUCT = "instruct"
    ADJOURN = "adjourn"
    BREAK_OFF = "break_off"
    REOPEN = "reopen"
    PASS = "pass"


MoveKindField = Annotated[MoveKind, Strict(False)]
"""A move kind in a scenario file: written as its name (``propose``)."""

ALL_MOVES: tuple[MoveKind, ...] = tuple(MoveKind)

StatementKind = Literal["event", "quotation", "number"]
STATEMENT_KINDS: tuple[str, ...] = get_args(StatementKind)


class TextKind(StrEnum):
    """What a text is: what the sources say, dramatization, or an author's note."""

    HISTORY = "history"
    SCENE = "scene"
    NOTE = "note"


Termination = Literal["signed", "broken_off", "deadline", "no_agreement"]
Role = Literal["signatory", "mediator"]
Category = Literal["principle", "economic"]
Milestone = Literal["signed", "ratified", "registered"]
SELF = "$self"
"""In a stage's ``reopen`` effects: the party that reopens a clause."""
PartyRef = Annotated[str, StringConstraints(pattern=r"^([a-z][a-z0-9_]*|\$self)$", max_length=64)]
"""A party id, or ``$self`` (only in a stage's ``reopen`` effects)."""
MIN_PARTIES = 2
MAX_PARTIES = 6
"""How many parties a scenario may have (docs/limits.md)."""

_LANG = re.compile(r"^[a-z]{2}$")


class Frozen(BaseModel):
    """Base: strict types, immutable, unknown keys rejected."""

    model_config = ConfigDict(strict=True, frozen=True, extra="forbid", populate_by_name=True)


class Source(Frozen):
    """A document the scenario cites.

    ``supports``: the kinds of statement this source is fit to back: ``event``
    (what happened and when), ``quotation`` (words said or written, the
    source's own or those it reports), ``number`` (figures: counts, shares,
    prices, terms). ``lint`` checks each history text against the sources it
    cites (see docs/scenario-format.md).
    """

    id: Id
    title: str
    titles: dict[LangCode, str] = Field(default_factory=dict)
    """The title in other languages (``{az: ...}``), where it is the scenario's own
    description of the source; a source's own title stays as it is and is marked so."""
    author: str | None = None
    year: str | None = None
    url: str | None = None
    file: str | None = None
    note: str | None = None
    supports: tuple[StatementKind, ...] = ()


class Cite(Frozen):
    """A citation: a source id and, where the source is a text, its quoted words.

    ``quote``: the source's exact words; ``locator``: where in the source
    (article, page, section, paragraph, infobox field), for a source that
    cannot be quoted here; ``note``: what the source says in other words, or a
    caution.
    """

    source: Id
    quote: str | None = None
    locator: str | None = None
    note: str | None = None


class Text(Frozen):
    """A player-facing text in one or more languages.

    In YAML either a plain string (English) or a mapping of language codes to
    strings, with ``kind`` (``history`` = what the sources say, ``scene`` =
    dramatization adding no new facts) and ``cite``. Example::

        text:
          kind: history
          en: On 19 March 1924 Yoshizawa told Karakhan that Japan would recognize the USSR.
          az: ...
          cite: [{source: seed, quote: "On March 19, 1924, Yoshizawa informed Karakhan"}]
    """

    kind: Annotated[TextKind, Strict(False)] = TextKind.SCENE
    cite: tuple[Cite, ...] = ()
    review: bool = False
    tr: dict[LangCode, str] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _gather_languages(cls, data: Any) -> Any:
        if isinstance(data, str):
            return {"tr": {"en": data}}
        if isinstance(data, dict) and "tr" not in data:
            langs = {k: v for k, v in data.items() if isinstance(k, str) and _LANG.match(k)}
            rest = {k: v for k, v in data.items() if k not in langs}
            return {**rest, "tr": langs}
        return data

    @model_validator(mode="after")
    def _has_a_language(self) -> Text:
        if not self.tr:
            raise ValueError("a text needs at least one language, e.g. 'en: ...'")
        return self

    def get(self, lang: str = "en") -> str:
        """The text in ``lang``, else English, else any language given."""
        return self.tr.get(lang) or self.tr.get("en") or next(iter(self.tr.values()))


class Calendar(Frozen):
    """When the game starts and by when a deal must be signed."""

    start: dt.date
    deadline: dt.date
    session_days: Annotated[int, Field(ge=1, le=365)] = 7
    moves_per_session: Annotated[int, Field(ge=2, le=100)] = 6


class Meta(Frozen):
    """Title, languages, and whether history texts must carry citations."""

    title: Text
    summary: Text | None = None
    languages: tuple[LangCode, ...] = ("en",)
    require_citations: bool = True
    authors: tuple[str, ...] = ()
    place: Text | None = None


class Option(Frozen):
    id: Id
    name: Text
    note: Text | None = None


class Issue(Frozen):
    """One negotiated issue and its value space.

    ``kind``: ``integer`` / ``decimal`` (``min``, ``max``, ``step``, ``unit``),
    ``options`` (named ``options``), or ``date`` (``min``, ``max`` as dates and
    ``step_days`` or ``step_months``). ``unit`` is a text like any other: a plain
    string (``unit: years``) or one per language (``unit: {en: years, az: il}``).
    ``history_note``: a few words shown
    beside the historical value wherever the game shows it as history (the
    replay's outcome, the debrief) when that value needs a qualifier.
    """

    id: Id
    name: Text
    kind: Literal["integer", "decimal", "options", "date"]
    category: Category = "economic"
    categories: dict[Id, Category] = Field(default_factory=dict)
    """Per-side overrides of ``category`` (party id -> category), for the AI's concession classes."""
    unit: Text | None = None
    min: int | float | dt.date | None = None
    max: int | float | dt.date | None = None
    step: int | float | None = None
    step_days: Annotated[int, Field(ge=1, le=3650)] | None = None
    step_months: Annotated[int, Field(ge=1, le=120)] | None = None
    options: tuple[Option, ...] = ()
    history: ScalarValue | None = None
    history_text: Text | None = None
    history_note: Text | None = None
    description: Text | None = None


class Bound(Frozen):
    """What a mandate lets a diplomat sign on one issue.

    ``min`` and ``max`` bound a number or date issue, ``allow`` lists the
    options of an options issue. ``min_days`` and ``max_days`` bound a date
    issue relative to the day of the move: the date must fall at least / at
    most that many days after it (``min_days: 0``: not a day already past).
    A treaty signed in October cannot fix a deadline of May; and an
    instruction such as "withdraw within three months of the agreement"
    moves with the calendar.
    """

    min: int | float | dt.date | None = None
    max: int | float | dt.date | None = None
    allow: tuple[Id, ...] | None = None
    min_days: Annotated[int, Field(ge=-36500, le=36500)] | None = None
    max_days: Annotated[int, Field(ge=-36500, le=36500)] | None = None


class Mandate(Frozen):
    """A named set of bounds that a government gives its diplomat."""

    id: Id
    name: Text
    bounds: dict[str, Bound] = Field(default_factory=dict)
    factions: tuple[Id, ...] = ()
    text: Text | None = None


class Faction(Frozen):
    id: Id
    name: Text
    stance: Text | None = None


class Diplomat(Frozen):
    id: Id
    name: Text
    title: Text | None = None
    bio: Text | None = None


class Preferences(Frozen):
    """A side's utility: weights, value functions, reservation value, cost of delay.

    ``values`` maps each weighted issue to a table: option id -> value in [0, 1]
    for named options; for numbers and dates, points of a piecewise-linear
    function (at least two). ``discount`` is a GENIUS discount factor ``d``: a
    deal signed, or talks ended without one, at the fraction ``t`` of the time
    from the calendar's start to its deadline is worth ``d ** t`` times as much
    (the reservation value included).
    """

    weights: dict[str, Fraction]
    values: dict[str, dict[str | int | float | dt.date, Fraction]]
    reservation: Fraction
    delay_cost: Annotated[float, Field(ge=0.0, le=0.5)] = 0.0
    discount: Annotated[float, Field(gt=0.0, le=1.0)] | None = None


NO_PREFERENCES = Preferences(weights={}, values={}, reservation=0.0)
"""What a party without ``preferences`` (a mediator) wants: nothing."""

FREE_MANDATE = Mandate(id="free", name=Text(tr={"en": "no mandate"}))
"""The mandate of a party that has none (a mediator): it bounds nothing."""


class LinkageRule(Frozen):
    """A persona principle: refuse a package that pays ``price`` on a principle issue."""

    kind: Literal["linkage"] = "linkage"
    principles: tuple[Id, ...]
    price: dict[str, tuple[ScalarValue, ...]]
    text: Text


class Persona(Frozen):
    """How the AI plays this side (see docs/ai.md)."""

    beta_principles: Annotated[float, Field(gt=0.0, le=20.0)] = 0.3
    beta_economics: Annotated[float, Field(gt=0.0, le=20.0)] = 1.0
    rules: tuple[LinkageRule, ...] = ()
    lines: dict[str, Text] = Field(default_factory=dict)
    asks_instructions: bool = True
    horizon: dt.date | None = None
    """The date this side plans its concessions to (its own deadline); default: the calendar's."""
    agenda: tuple[tuple[Id, ...], ...] = ()
    """Groups of issues in the order this side wants them settled (partial packages, group by group)."""


class Instruction(Frozen):
    """A possible reply of the home government to a request for instructions."""

    id: Id
    text: Text
    days: Annotated[int, Field(ge=0, le=365)] = 14
    weight: Annotated[float, Field(gt=0.0, le=100.0)] = 1.0
    when: Condition | None = None
    once: bool = True
    effects: tuple[Effect, ...] = ()


class Party(Frozen):
    """A government at the table, its diplomat, its utility and its mandates.

    ``role``: a ``signatory`` (the default) signs the treaty and answers offers;
    a ``mediator`` proposes and argues but never signs or accepts, and needs
    no preferences or mandates.
    """

    id: Id
    name: Text
    role: Role = "signatory"
    home: Text | None = None
    diplomat: Diplomat
    briefing: Text | None = None
    factions: tuple[Faction, ...] = ()
    preferences: Preferences = Field(default_factory=lambda: NO_PREFERENCES)
    mandates: tuple[Mandate, ...] = ()
    mandate: Id | None = None
    instructions: tuple[Instruction, ...] = ()
    no_instructions_days: Annotated[int, Field(ge=0, le=365)] = 14
    persona: Persona = Field(default_factory=Persona)


class MandateEffect(Frozen):
    party: PartyRef
    set: Id


class WeightEffect(Frozen):
    party: PartyRef
    issue: Id
    by: Shift


class PartyShift(Frozen):
    party: PartyRef
    by: Shift


class Effect(Frozen):
    """One bounded change to the game. Exactly one key is given."""

    mandate: MandateEffect | None = None
    weight: WeightEffect | None = None
    reservation: PartyShift | None = None
    delay_cost: PartyShift | None = None
    concession: PartyShift | None = None
    flag: Id | None = None
    unflag: Id | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Effect:
        given = [k for k in type(self).model_fields if getattr(self, k) is not None]
        if len(given) != 1:
            keys = ", ".join(type(self).model_fields)
            raise ValueError(f"an effect has exactly one of: {keys}")
        return self


class TermCondition(Frozen):
    issue: Id
    min: int | float | dt.date | None = None
    max: int | float | dt.date | None = None
    is_in: tuple[ScalarValue, ...] | None = Field(default=None, alias="in")


class MandateCondition(Frozen):
    party: Id
    is_: Id = Field(alias="is")


class Condition(Frozen):
    """A condition in structured YAML. Exactly one key is given.

    ``all``/``any``: lists of conditions; ``not``: a condition; ``fired``: an
    event id; ``after``/``before``: a date (the calendar is on/after, or
    before it); ``agreed``: an issue id; ``term``: an agreed value within
    ``min``/``max`` or ``in`` a list; ``stage``: a stage id (the game is in it
    or inside it); ``flag``: a flag set by an effect; ``mandate``: a party's
    current mandate.
    """

    all_: tuple[Condition, ...] | None = Field(default=None, alias="all")
    any_: tuple[Condition, ...] | None = Field(default=None, alias="any")
    not_: Condition | None = Field(default=None, alias="not")
    fired: Id | None = None
    after: dt.date | None = None
    before: dt.date | None = None
    agreed: Id | None = None
    term: TermCondition | None = None
    stage: Id | None = None
    flag: Id | None = None
    mandate: MandateCondition | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Condition:
        given = [k for k in type(self).model_fields if getattr(self, k) is not None]
        if len(given) != 1:
            names = "all, any, not, fired, after, before, agreed, term, stage, flag, mandate"
            raise ValueError(f"a condition has exactly one of: {names}")
        return self


class Transition(Frozen):
    """A way out of a stage.

    ``on``: ``agree`` (every open issue of the stage is agreed), ``timeout``
    (the stage's time is up), ``break_off`` (a side broke off), ``auto``
    (checked after every move; use with ``when``).
    """

    on: Literal["agree", "timeout", "break_off", "auto"]
    to: Id
    when: Condition | None = None
    text: Text | None = None


class Reopen(Frozen):
    """What reopening an agreed clause costs in a stage: days lost and bounded effects
    (``party: $self`` names the party that reopens)."""

    days: Annotated[int, Field(ge=0, le=365)] = 0
    effects: tuple[Effect, ...] = ()
    text: Text | None = None


class Stage(Frozen):
    """A phase of the talks: a state of the stage machine, possibly with sub-stages.

    ``parties`` (who sits at the table; default every party), ``clauses``
    (``provisional`` or ``final``), ``reopen`` and ``side_agreements`` are
    inherited by sub-stages that do not set them; ``milestone`` dates the
    treaty's signature, ratification or registration when the stage is entered.
    """

    id: Id
    name: Text
    text: Text | None = None
    place: Text | None = None
    meets: tuple[str, ...] = ()
    start: dt.date | None = None
    until: dt.date | None = None
    days: Annotated[int, Field(ge=0, le=3650)] | None = None
    session_days: Annotated[int, Field(ge=1, le=365)] | None = None
    open: tuple[Id, ...] | None = None
    moves: tuple[MoveKindField, ...] | None = None
    opens: Id | None = None
    end: Termination | None = None
    initial: Id | None = None
    stages: tuple[Stage, ...] = ()
    transitions: tuple[Transition, ...] = ()
    parties: tuple[Id, ...] | None = None
    clauses: Literal["provisional", "final"] | None = None
    reopen: Reopen | None = None
    side_agreements: bool | None = None
    milestone: Milestone | None = None


class Event(Frozen):
    """Something that happens on a date or when a condition holds, with effects."""

    id: Id
    headline: Text
    text: Text | None = None
    kind: Literal["news", "telegram", "cabinet", "session"] = "news"
    date: dt.date | None = None
    when: Condition | None = None
    effects: tuple[Effect, ...] = ()


class Argument(Frozen):
    """A scenario-defined argument one side may make, with bounded effects."""

    id: Id
    by: Id
    name: Text
    text: Text
    stages: tuple[Id, ...] = ()
    when: Condition | None = None
    uses: Annotated[int, Field(ge=1, le=10)] = 1
    chance: Fraction = 1.0
    effects: tuple[Effect, ...] = ()
    success: Text | None = None
    failure: Text | None = None


class Step(Frozen):
    """One dated move of the historical path."""

    date: dt.date
    by: Id
    move: MoveKindField
    package: dict[str, ScalarValue] | None = None
    argument: Id | None = None
    until: dt.date | None = None
    links: tuple[tuple[Id, ...], ...] = ()
    """Propose/counter: groups of the package's issues tied together ("A if B")."""
    clauses: tuple[Id, ...] = ()
    """Accept: the clauses of the offer accepted (default: all of them)."""
    issue: Id | None = None
    """Reopen: the agreed issue taken back to the table."""
    date_precision: Literal["day", "month", "range"] = "day"
    text: Text


class Discrepancy(Frozen):
    """Where the sources disagree or the seed is wrong: the game says so."""

    id: Id
    text: Text


Lon = Annotated[float, Field(ge=-180.0, le=180.0)]
"""A longitude in degrees east (west is negative)."""
Lat = Annotated[float, Field(ge=-90.0, le=90.0)]
"""A latitude in degrees north (south is negative)."""


class Region(Frozen):
    """The box a scenario's map shows: its edges in degrees (``west`` < ``east``,
    ``south`` < ``north``; a box does not cross the 180th meridian)."""

    west: Lon
    south: Lat
    east: Lon
    north: Lat


class Place(Frozen):
    """A place marked on the map. ``role``: ``city`` (a dot), ``talks`` (where the talks
    sit: a larger, lit dot and a bold name), ``site`` (a field, a mine, a fort: a
    triangle). ``label``: on which side of the mark its name goes (default: the right,
    or the left where the right has no room)."""

    id: Id
    name: Text
    lon: Lon
    lat: Lat
    role: Literal["city", "talks", "site"] = "city"
    label: Literal["right", "left", "above", "below"] | None = None


class Area(Frozen):
    """A territory shaded on the map (an occupied zone, a disputed strip): a polygon of
    ``[lon, lat]`` points, its name (kind ``history`` with a citation if it is a fact)."""

    id: Id
    name: Text
    points: Annotated[tuple[tuple[Lon, Lat], ...], Field(min_length=3)]


class ScenarioMap(Frozen):
    """The scenario's map: its region, the places marked and the areas shaded. Without
    it the game draws its own map of the Far East in 1924–25."""

    region: Region
    places: tuple[Place, ...] = ()
    areas: tuple[Area, ...] = ()


class Scenario(Frozen):
    """A whole scenario file."""

    format: Literal[1] = 1
    id: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*$", max_length=64)]
    meta: Meta
    sources: tuple[Source, ...]
    calendar: Calendar
    parties: Annotated[tuple[Party, ...], Field(min_length=MIN_PARTIES, max_length=MAX_PARTIES)]
    issues: tuple[Issue, ...]
    stages: tuple[Stage, ...]
    initial: Id
    events: tuple[Event, ...] = ()
    arguments: tuple[Argument, ...] = ()
    history: tuple[Step, ...] = ()
    history_end: Text | None = None
    discrepancies: tuple[Discrepancy, ...] = ()
    map: ScenarioMap | None = None


for _m in (Instruction, Condition, Reopen, Stage, Scenario):
    _m.model_rebuild()
