"""Typed records passed between pipeline stages.

Every stage takes and returns these frozen dataclasses; no stage passes dicts to
another. Offsets are Python string indices (code points), end-exclusive.

Flow::

    ingest  -> Article (+ Rejection)
    extract -> Mention (each with Evidence and Claims)
    resolve -> Mention with ActorRef / PlaceRef / DateRef filled in
    merge   -> Event (low/high figures, every Claim kept)

Serialise with :func:`to_dict` / :func:`to_json`; read back with the
``from_dict`` class methods where a stage needs to (the store, the exports).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import Any


def content_id(*parts: str, prefix: str = "", length: int = 16) -> str:
    """Stable id: a short SHA-256 of the parts, so reruns give identical ids."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return f"{prefix}{digest[:length]}"


class Modality(StrEnum):
    """Whether a mention reports something that happened."""

    ASSERTED = "asserted"  # reported as having happened
    NEGATED = "negated"  # "no civilians were harmed"
    PLANNED = "planned"  # expected, scheduled, intended
    THREATENED = "threatened"  # vowed, warned (the event itself is a THREATEN)
    CONDITIONAL = "conditional"  # "if ... then"
    HYPOTHETICAL = "hypothetical"  # could, might, would


class Precision(StrEnum):
    """How precisely a date is known (ACLED time_precision 1-3, plus year and unknown)."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    UNKNOWN = "unknown"


class FigureKind(StrEnum):
    """What a number counts."""

    KILLED = "killed"
    INJURED = "injured"
    ARRESTED = "arrested"
    MISSING = "missing"


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class SourceSpan:
    """Where a piece of text sits in an original input file."""

    path: str
    start: int  # character offset into the decoded file text
    end: int
    line: int | None = None  # 1-based line of ``start``, where the format has lines


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Paragraph:
    """One body paragraph: its place in ``Article.body`` and in the source file."""

    start: int  # offset into Article.body
    end: int
    source: SourceSpan | None = None  # None when the format has no char mapping (e.g. HTML)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Caption:
    """A photo caption, kept apart from the body, with its credit."""

    text: str  # caption without the credit
    credit: str | None = None  # "Reuters", "AFP", "Lebanese government's press office"


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One news article, cleaned of scraper artifacts.

    ``body`` is the paragraphs joined by a blank line ("\\n\\n"); all evidence
    offsets point into ``body``. The title is not part of the body.
    """

    id: str  # content hash of normalised title + body (see ingest.article_id)
    title: str
    body: str
    paragraphs: tuple[Paragraph, ...] = ()
    captions: tuple[Caption, ...] = ()
    source: str | None = None  # outlet, e.g. "Asharq Al-Awsat"
    url: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) when known
    published_from: str | None = None  # "input", "caption", "option"
    format: str = "plain"  # dump, plain, jsonl, csv, html, feed, warc
    locations: tuple[SourceSpan, ...] = ()  # every place this article was read from
    reference: str | None = None  # the input's own id for it: a CSV row's or JSON record's id column
    metadata: tuple[
        tuple[str, str], ...
    ] = ()  # the other columns of its CSV row / JSON record: (name, value)

    @property
    def photo_credits(self) -> tuple[str, ...]:
        return tuple(c.credit for c in self.captions if c.credit)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class RunState:
    """Where a ``marsad run`` got to: the last stage it finished and the articles it read."""

    id: str
    started: str  # ISO time, UTC
    updated: str
    stage: str  # started, stored, analysed, merged, finished
    article_ids: tuple[str, ...] = ()


# How the reason of an extract rejection that is an aggregate statement (a period, running or war-wide
# toll) begins; after "; " it tells what the statement counts and who says so.
AGGREGATE_REASON = "aggregate statement"


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class MergeKey:
    """Where a stored mention sits for the merge's blocking (merge -> store), so that a run finds the
    stored mentions a new one may be compared with by an index lookup (docs/merge.md, Incremental)."""

    mention_id: str
    article_id: str
    block: str  # PLOVER type, modality and background flag: nothing is compared across blocks
    country: str | None  # the place's country code, if it has one
    region: str | None  # a town's or district's admin1 (else its name); None for wider or unknown places
    place_key: str  # the place's normalised name ("" without a place)
    dated: bool  # whether first_day..last_day is the report's date window (else its news window)
    first_day: str | None  # ISO dates; None for an undated report of an undated article
    last_day: str | None
    bucket: int  # bit length of the window's length in days: windows of one bucket differ little in length


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Rejection:
    """Input or output a stage refused, with the reason. Stored, never dropped."""

    stage: str  # "ingest", "extract", ...
    reason: str  # what went wrong and what to do
    path: str | None = None
    line: int | None = None
    article_id: str | None = None
    text: str | None = None  # a short excerpt of what was rejected


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    """A span of an article's body that supports a fact. ``text == body[start:end]``."""

    article_id: str
    start: int
    end: int
    text: str
    sentence_start: int | None = None  # the sentence that holds the span, in body offsets
    sentence_end: int | None = None


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Figure:
    """A count of people, as bounds. ``low == high`` for an exact figure."""

    kind: FigureKind
    low: int | None  # None: unknown
    high: int | None  # None with a low means "at least low"; None with no low: unknown
    text: str = ""  # the words that gave it, e.g. "at least two", "four people"


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """What one source says: a figure, a weapon, or a contested fact, with evidence."""

    source: str  # as the text names it: "the Pentagon", "Police and militia sources"
    source_kind: str = "outlet"  # official, spokesperson, anonymous, witness, media, outlet
    source_org: str | None = None  # organisation the speaker speaks for, resolved if possible
    figures: tuple[Figure, ...] = ()
    weapons: tuple[str, ...] = ()
    note: str = ""  # what else is claimed, briefly
    evidence: Evidence | None = None


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class ActorRef:
    """An actor as named in text, and what it resolves to in the KB."""

    text: str  # as written: "Abou Taqwa"
    name: str | None = None  # canonical KB name: "Mushtaq Taleb al-Saidi"
    actor_id: str | None = None  # KB id
    org: str | None = None  # organisation acted for: "Harakat al-Nujaba"
    parent: str | None = None  # "Popular Mobilization Forces"
    actor_type: str | None = None  # ACLED inter type: "State forces", "Political militia", ...
    sector: str | None = None  # PLOVER sector: GOV, MIL, REB, ...
    country: str | None = None  # ISO 3166-1 alpha-2
    resolved: bool = False
    # A common-noun phrase that names nobody ("the group", "Both sides"): a mention keeps it (merging
    # compares descriptions; ``marsad kb unresolved`` counts it), an event never shows it as an actor.
    fragment: bool = False
    # The evidence that gave this actor its role and reading: "subject", "passive by-phrase", "object",
    # "possessive", "'from' phrase", "speaker", "metonym" ... (docs/kb.md#roles-and-their-evidence).
    clue: str | None = None

    @property
    def label(self) -> str:
        """The name to show and compare: the organisation when known, else the name."""
        return self.org or self.name or self.text

    def clue_then(self, clue: str) -> str:
        """This actor's clue followed by a further one that decided its reading."""
        return f"{self.clue}; {clue}" if self.clue else clue


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class PlaceRef:
    """A place as named in text, and its gazetteer resolution."""

    text: str  # "eastern Baghdad"
    name: str | None = None  # "Baghdad"
    admin1: str | None = None
    admin2: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    country_name: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None  # ACLED: 1 town, 2 part of region / near town, 3 region
    geonameid: int | None = None
    resolved: bool = False
    # The evidence that chose this reading among the gazetteer's candidates: "containment" ("X of Y"),
    # "same article" (its country or province is named there), "population", "feature class"
    # (a country or a town before a village), "only candidate", ... (docs/kb.md#the-gazetteer).
    clue: str | None = None


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Toponym:
    """A place name in an article's body, with its character span, and its place once resolved."""

    text: str
    start: int
    end: int
    label: str = "GPE"  # the tagger's entity label: GPE, LOC, FAC, or another kind of name (ORG, PERSON...)
    part: bool = False  # the leading words of a longer name ("U.S." of "U.S. Centers for Disease Control")

    @property
    def guessed(self) -> bool:
        """Read by the tagger as another kind of name: a place only if the gazetteer is sure."""
        return self.label not in ("GPE", "LOC", "FAC")

    place: PlaceRef | None = None


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class DateRef:
    """A date expression and its resolution against the article date."""

    text: str | None = None  # "on Thursday", "December 26", "in 2020"
    date: str | None = None  # ISO: YYYY-MM-DD (day/week/month midpoint) or YYYY for year
    precision: Precision = Precision.UNKNOWN


Scores = tuple[tuple[str, float], ...]  # (label, probability), most probable first


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Judgement:
    """What the learned layer reads in one sentence (see ``marsad.learn``): probabilities, not decisions."""

    event: float  # that it reports a specific happening (not a generic statement, opinion, toll...)
    types: Scores = ()  # PLOVER type of its main event
    present: Scores = ()  # each PLOVER type on its own: that the sentence reports an event of that type
    modality: Scores = ()  # asserted, planned, threatened
    background: float = 0.0  # that its main event is a recalled earlier one
    acled: Scores = ()  # ACLED sub-event type of its main event ("" for none)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Decision:
    """How a mention's event, type and modality were decided: what the rules proposed, what the learned
    layer read, and which of the two the mention's own fields follow. Evaluation compares the two."""

    decided_by: str  # "rules" (no model, or it was unsure), "model" (it overruled a rule), "both" (agreed)
    rule_type: str
    rule_acled: str | None = None
    rule_modality: str = "asserted"
    rule_background: bool = False
    model_event: float | None = None
    model_type: str | None = None
    model_type_score: float | None = None
    model_acled: str | None = None
    model_modality: str | None = None
    model_background: float | None = None
    changed: tuple[str, ...] = ()  # the fields the model changed: "plover_type", "acled", "modality"...


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """One report of one event in one clause of one article."""

    id: str
    article_id: str
    plover_type: str  # ASSAULT, COERCE, ... (PLOVER 16)
    plover_mode: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    trigger: str = ""  # the word that signalled the event
    actor1: tuple[ActorRef, ...] = ()  # agent(s)
    actor2: tuple[ActorRef, ...] = ()  # target(s) / counterpart(s)
    place: PlaceRef | None = None
    date: DateRef = dataclasses.field(default_factory=DateRef)
    figures: tuple[Figure, ...] = ()  # the figures as finally read for this mention
    weapons: tuple[str, ...] = ()
    named_casualties: tuple[str, ...] = ()
    claims: tuple[Claim, ...] = ()
    modality: Modality = Modality.ASSERTED
    background: bool = False  # a recalled earlier event, with its own date
    evidence: Evidence
    # ACLED's actor 1 when the text names no agent ("Protesters (Iraq)" for a protest, "Police Forces of X"
    # for an arrest): the event takes it only when none of its reports names one, so merging is unaffected.
    unnamed_actor1: ActorRef | None = None
    # ACLED's actor 2 when the text names no target: a protest is against the Government of its country,
    # violence against civilians hits Civilians (X); taken, like ``unnamed_actor1``, only at event build.
    unnamed_actor2: ActorRef | None = None
    decision: Decision | None = None  # set when the learned layer has read the mention's sentence


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """One happening, merged from one or more mentions across articles."""

    id: str  # stable hash of its defining features; identical across runs
    plover_type: str
    plover_mode: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    actor1: tuple[ActorRef, ...] = ()
    actor2: tuple[ActorRef, ...] = ()
    place: PlaceRef | None = None
    date: DateRef = dataclasses.field(default_factory=DateRef)
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    fatalities_best: int | None = None  # ACLED rule: lowest credible until corroborated
    injured: int | None = None
    arrested: int | None = None
    weapons: tuple[str, ...] = ()
    named_casualties: tuple[str, ...] = ()
    claims: tuple[Claim, ...] = ()
    modality: Modality = Modality.ASSERTED
    background: bool = False
    mention_ids: tuple[str, ...] = ()
    article_ids: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()  # outlets that reported it
    notes: str = ""


def to_dict(record: Any) -> Any:
    """Plain JSON-ready structure of a record (enums as their values)."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_dict(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, StrEnum):
        return record.value
    if isinstance(record, tuple | list):
        return [to_dict(item) for item in record]
    if isinstance(record, dict):
        return {key: to_dict(value) for key, value in record.items()}
    return record


def to_json(record: Any) -> str:
    """One-line JSON of a record, with sorted keys so output is byte-stable."""
    return json.dumps(to_dict(record), ensure_ascii=False, sort_keys=True)


def from_dict(cls: type[Any], data: dict[str, Any]) -> Any:
    """Rebuild a record of type ``cls`` from :func:`to_dict` output."""
    revivers = _revivers(cls)
    kwargs: dict[str, Any] = {}
    for name, value in data.items():
        revive = revivers.get(name)
        if revive is None:
            continue  # a key of another marsad version: ignored
        kwargs[name] = None if value is None else revive(value)
    return cls(**kwargs)


Reviver = Callable[[Any], Any]


_REVIVERS: dict[type[Any], dict[str, Reviver]] = {}


def _revivers(cls: type[Any]) -> dict[str, Reviver]:
    """For each field of ``cls``, how to rebuild its value; worked out once per class, since the
    store reads back tens of thousands of records per run."""
    found = _REVIVERS.get(cls)
    if found is None:
        found = _REVIVERS[cls] = {f.name: _reviver(str(f.type)) for f in dataclasses.fields(cls)}
    return found


_RECORDS_BY_NAME: dict[str, type[Any]] = {}


def _reviver(type_text: str) -> Reviver:
    for name, cls in _RECORDS_BY_NAME.items():
        if type_text.startswith(f"tuple[{name},"):
            return functools.partial(_revive_tuple, cls)
        if type_text == name or type_text.startswith(f"{name} |"):
            return functools.partial(from_dict, cls)
    for enum_cls in (Modality, Precision, FigureKind):
        if type_text == enum_cls.__name__:
            return enum_cls
    if type_text.startswith("tuple[tuple["):
        return _revive_pairs
    if type_text.startswith("tuple["):
        return tuple
    return _same


def _revive_tuple(cls: type[Any], items: Iterable[dict[str, Any]]) -> tuple[Any, ...]:
    return tuple(from_dict(cls, item) for item in items)


def _revive_pairs(items: Iterable[Iterable[Any]]) -> tuple[tuple[Any, ...], ...]:
    return tuple(tuple(item) for item in items)


def _same(value: Any) -> Any:
    return value


_RECORDS_BY_NAME.update(
    {
        cls.__name__: cls
        for cls in (
            SourceSpan,
            Paragraph,
            Caption,
            Article,
            Rejection,
            Evidence,
            Figure,
            Claim,
            ActorRef,
            PlaceRef,
            DateRef,
            Judgement,
            Decision,
            Mention,
            Event,
        )
    }
)
