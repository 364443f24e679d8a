"""The gold standard: what an analyst codes from a set of articles.

Two formats are read:

* marsad gold JSON (``{"articles": [...], "events": [...]}``), whose events refer to
  the articles of an input file by their 1-based order;
* ACLED-style CSV (see :mod:`marsad.evaluate.gold_csv`), one article text per row
  plus ACLED's coded columns.

Both give a :class:`Gold`, read with :func:`marsad.evaluate.load.load_gold`.
Malformed input raises :class:`GoldError` naming the file and the event (JSON)
or line (CSV).
"""

from __future__ import annotations

import dataclasses
import json
import logging
import re
from typing import Any

from marsad.errors import GoldError
from marsad.evaluate.ontology import ACLED_SUB_EVENT_TYPES, PLOVER_FAMILIES
from marsad.records import Article, Precision

log = logging.getLogger(__name__)

_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class GoldLocation:
    name: str | None = None
    admin1: str | None = None
    country: str | None = None  # a country name ("Iraq") or ISO code
    latitude: float | None = None
    longitude: float | None = None


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class GoldClaim:
    source: str  # "Pentagon (Maj. Gen. Patrick Ryder)"; "article" for the article's own voice
    killed: int | None = None
    injured: int | None = None
    note: str = ""


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class GoldEvent:
    id: str
    article: int  # 1-based position of the article in the input
    required: bool = True
    background: bool = False
    plover_type: str | None = None
    plover_mode: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    actor1: str | None = None  # as written: "A; B" lists, "A / B" alternatives
    actor2: str | None = None
    actor2_parent: str | None = None
    location: GoldLocation = dataclasses.field(default_factory=GoldLocation)
    date: str | None = None  # ISO: YYYY, YYYY-MM or YYYY-MM-DD
    date_precision: Precision = Precision.UNKNOWN
    date_rel: str | None = None  # a relative date the gold cannot pin down; not scored
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    fatalities_best: int | None = None
    claims: tuple[GoldClaim, ...] = ()
    line: int | None = None  # CSV: the line the row starts on


NOT_EVENT_REASONS = (
    "generic",
    "opinion",
    "stance",
    "aggregate",
    "background-noise",
    "negated",
    "hypothetical",
    "trivia",
)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class GoldNotEvent:
    """Words that look like an event but are not one (docs/annotation.md): a trap for false events."""

    article: int  # 1-based position of the article in the input
    text: str  # copied exactly from the article's body
    why: str  # one of NOT_EVENT_REASONS


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Gold:
    path: str
    format: str  # "json" or "csv"
    events: tuple[GoldEvent, ...]
    n_articles: int
    titles: tuple[str | None, ...] = ()  # title of article n at index n-1, when the gold gives it
    articles: tuple[Article, ...] | None = None  # CSV gold carries its own texts
    digest: str = ""  # sha256 of the gold file, to pin a floors file to its corpus
    not_events: tuple[GoldNotEvent, ...] = ()  # the structured entries of "not_events"


def parse_json(text: str, path: str, digest: str = "") -> Gold:
    """Parse marsad gold JSON text (``path`` only names the file in errors)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GoldError(f"{path}:{exc.lineno}: invalid JSON ({exc.msg}); fix the syntax") from exc
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        raise GoldError(f'{path}: expected a JSON object with an "events" list; see docs/evaluation.md')
    titles = _json_titles(data.get("articles"), path)
    events = tuple(_json_event(item, i, path) for i, item in enumerate(data["events"], start=1))
    _check_ids(events, path)
    n_articles = len(titles) if titles else max((e.article for e in events), default=0)
    for event in events:
        if event.article > n_articles:
            raise GoldError(
                f"{path}: event {event.id}: article {event.article} is beyond the {n_articles} "
                'articles listed under "articles"; add the article or fix the number'
            )
    not_events = _json_not_events(data.get("not_events"), n_articles, path)
    return Gold(
        path=path,
        format="json",
        events=events,
        n_articles=n_articles,
        titles=titles,
        digest=digest,
        not_events=not_events,
    )


def _json_not_events(items: Any, n_articles: int, path: str) -> tuple[GoldNotEvent, ...]:
    """The structured not-events; free-text entries (older gold files) are notes for readers only."""
    if items is None:
        return ()
    if not isinstance(items, list):
        raise GoldError(f'{path}: "not_events" must be a list')
    found: list[GoldNotEvent] = []
    for i, item in enumerate(items, start=1):
        if isinstance(item, str):
            continue
        where = f"{path}: not_events entry {i}"
        if not isinstance(item, dict):
            raise GoldError(f'{where} must be an object {{"article": N, "text": "...", "why": "..."}}')
        article, text, why = item.get("article"), item.get("text"), item.get("why")
        if not isinstance(article, int) or isinstance(article, bool) or not 1 <= article <= n_articles:
            raise GoldError(
                f'{where}: "article" must be an article number from 1 to {n_articles}, not {article!r}'
            )
        if not isinstance(text, str) or not text.strip():
            raise GoldError(f'{where}: "text" must be the words, copied exactly from the article')
        if why not in NOT_EVENT_REASONS:
            raise GoldError(f'{where}: "why" must be one of {", ".join(NOT_EVENT_REASONS)}, not {why!r}')
        found.append(GoldNotEvent(article=article, text=text, why=why))
    return tuple(found)


def _json_titles(articles: Any, path: str) -> tuple[str | None, ...]:
    if articles is None:
        return ()
    if not isinstance(articles, list):
        raise GoldError(f'{path}: "articles" must be a list of {{"n": ..., "title": ...}} objects')
    titles: list[str | None] = []
    for i, item in enumerate(articles, start=1):
        if not isinstance(item, dict) or item.get("n", i) != i:
            raise GoldError(f'{path}: articles entry {i} must be an object with "n": {i} (numbered in order)')
        title = item.get("title")
        titles.append(title if isinstance(title, str) else None)
    return tuple(titles)


def _check_ids(events: tuple[GoldEvent, ...], path: str) -> None:
    seen: set[str] = set()
    for event in events:
        if event.id in seen:
            raise GoldError(f"{path}: event id {event.id!r} occurs twice; give every gold event its own id")
        seen.add(event.id)


class _Fields:
    """Typed access to one JSON object, with errors that name the file and event."""

    def __init__(self, data: dict[str, Any], where: str) -> None:
        self.data = data
        self.where = where

    def fail(self, message: str) -> GoldError:
        return GoldError(f"{self.where}: {message}")

    def text(self, key: str) -> str | None:
        value = self.data.get(key)
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            raise self.fail(f"{key!r} must be a string, not {type(value).__name__}")
        return value.strip()

    def integer(self, key: str) -> int | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail(f"{key!r} must be a whole number >= 0, not {value!r}")
        return value

    def number(self, key: str) -> float | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(f"{key!r} must be a number, not {value!r}")
        return float(value)

    def flag(self, key: str) -> bool:
        value = self.data.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(f"{key!r} must be true or false, not {value!r}")
        return value

    def obj(self, key: str) -> _Fields:
        value = self.data.get(key) or {}
        if not isinstance(value, dict):
            raise self.fail(f"{key!r} must be an object")
        return _Fields(value, f"{self.where}: {key}")


def _json_event(item: Any, index: int, path: str) -> GoldEvent:
    if not isinstance(item, dict):
        raise GoldError(f"{path}: events entry {index} must be an object")
    event_id = item.get("id")
    if not isinstance(event_id, str | int) or isinstance(event_id, bool) or str(event_id) == "":
        raise GoldError(f'{path}: events entry {index} has no "id"; give each gold event an id')
    f = _Fields(item, f"{path}: event {event_id}")
    article = item.get("article")
    if isinstance(article, bool) or not isinstance(article, int) or article < 1:
        raise f.fail(f'"article" must be the 1-based number of an input article, not {article!r}')
    status = item.get("status", "required")
    if status not in {"required", "optional"}:
        raise f.fail(f'"status" must be "required" or "optional", not {status!r}')
    plover, acled = f.obj("plover"), f.obj("acled")
    check_acled(acled.text("event_type"), acled.text("sub_event_type"), f.where)
    date, precision = _json_date(f)
    low, high, best = _json_fatalities(f.obj("fatalities"))
    return GoldEvent(
        id=str(event_id),
        article=article,
        required=status == "required",
        background=f.flag("background"),
        plover_type=_plover_type(plover),
        plover_mode=plover.text("mode"),
        acled_event_type=acled.text("event_type"),
        acled_sub_event_type=acled.text("sub_event_type"),
        actor1=f.text("actor1"),
        actor2=f.text("actor2"),
        actor2_parent=f.text("actor2_parent"),
        location=_json_location(f.obj("location")),
        date=date,
        date_precision=precision,
        date_rel=f.text("date_rel"),
        fatalities_low=low,
        fatalities_high=high,
        fatalities_best=best,
        claims=_json_claims(item.get("claims"), f),
    )


def _plover_type(plover: _Fields) -> str | None:
    value = plover.text("type")
    if value is not None and value.upper() not in PLOVER_FAMILIES:
        raise plover.fail(f"unknown PLOVER type {value!r}; use one of {', '.join(PLOVER_FAMILIES)}")
    return value.upper() if value else None


def check_acled(event_type: str | None, sub_event_type: str | None, where: str) -> None:
    """Raise GoldError unless the pair is a valid ACLED event type and sub-event type."""
    if event_type is None:
        if sub_event_type is not None:
            raise GoldError(f"{where}: ACLED sub_event_type {sub_event_type!r} given without an event_type")
        return
    if event_type not in ACLED_SUB_EVENT_TYPES:
        known = ", ".join(ACLED_SUB_EVENT_TYPES)
        raise GoldError(f"{where}: unknown ACLED event_type {event_type!r}; use one of {known}")
    if sub_event_type is not None and sub_event_type not in ACLED_SUB_EVENT_TYPES[event_type]:
        raise GoldError(
            f"{where}: ACLED sub_event_type {sub_event_type!r} does not belong to {event_type!r}; "
            f"use one of {', '.join(ACLED_SUB_EVENT_TYPES[event_type])}"
        )


def check_date(value: str | None, where: str) -> str | None:
    """Return an ISO gold date unchanged, or raise GoldError when it is not YYYY[-MM[-DD]]."""
    if value is not None and not _ISO_DATE.match(value):
        raise GoldError(f"{where}: date {value!r} is not ISO (YYYY, YYYY-MM or YYYY-MM-DD)")
    return value


def precision_of(date: str) -> Precision:
    """The precision an ISO date string carries by its length."""
    return {4: Precision.YEAR, 7: Precision.MONTH}.get(len(date), Precision.DAY)


def _json_date(f: _Fields) -> tuple[str | None, Precision]:
    date = check_date(f.text("date"), f.where)
    given = f.text("date_precision")
    try:
        precision = Precision(given) if given else None
    except ValueError as exc:
        known = ", ".join(p.value for p in Precision)
        raise f.fail(f'"date_precision" {given!r} is not one of {known}') from exc
    if precision is None:
        precision = precision_of(date) if date else Precision.UNKNOWN
    return date, precision


def _json_fatalities(f: _Fields) -> tuple[int | None, int | None, int | None]:
    low, high, best = f.integer("low"), f.integer("high"), f.integer("best")
    if low is not None and high is not None and low > high:
        raise f.fail(f"low {low} is above high {high}")
    if best is None:
        best = low  # ACLED's rule: the lowest credible figure until corroborated
    return low, high if high is not None else low, best


def _json_location(f: _Fields) -> GoldLocation:
    lat, lon = f.number("lat"), f.number("lon")
    if (lat is None) != (lon is None):
        raise f.fail('give both "lat" and "lon", or neither')
    if lat is not None and lon is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise f.fail(f"coordinates {lat}, {lon} are out of range (lat -90..90, lon -180..180)")
    return GoldLocation(
        name=f.text("name"), admin1=f.text("admin1"), country=f.text("country"), latitude=lat, longitude=lon
    )


def _json_claims(claims: Any, f: _Fields) -> tuple[GoldClaim, ...]:
    if claims is None:
        return ()
    if not isinstance(claims, list):
        raise f.fail('"claims" must be a list of objects')
    out: list[GoldClaim] = []
    for i, item in enumerate(claims, start=1):
        if not isinstance(item, dict):
            raise f.fail(f"claims entry {i} must be an object")
        c = _Fields(item, f"{f.where}: claims entry {i}")
        source = c.text("source")
        if source is None:
            raise c.fail('no "source"; name who makes the claim ("article" for the article itself)')
        out.append(
            GoldClaim(
                source=source,
                killed=c.integer("killed"),
                injured=c.integer("injured"),
                note=c.text("note") or "",
            )
        )
    return tuple(out)
