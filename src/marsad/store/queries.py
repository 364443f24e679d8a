"""Event filters (:class:`EventQuery`) and the SQL they become."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from marsad.errors import ConfigError
from marsad.records import Modality

ORDERS = {
    "date": "e.date_key IS NULL, e.date_key, e.id",
    "-date": "e.date_key IS NULL, e.date_key DESC, e.id",
    "fatalities": "coalesce(e.fatalities_best, 0), e.date_key, e.id",
    "-fatalities": "coalesce(e.fatalities_best, 0) DESC, e.date_key, e.id",
    "type": "e.plover_type, e.date_key IS NULL, e.date_key, e.id",
}

# What an event list holds when no modality or background filter is given: every stored event,
# whatever its modality, recalled background events included. The web app, the API, `marsad events`
# and `marsad export` all take their defaults from here (docs/web.md#filters-and-defaults); only the
# ACLED CSV export narrows further, to what ACLED would record (asserted, dated events).
MODALITIES = tuple(modality.value for modality in Modality)
BACKGROUND_CHOICES = ("include", "exclude", "only")
DEFAULT_MODALITIES: tuple[str, ...] = ()  # () = every modality
DEFAULT_BACKGROUND = "include"

_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class EventQuery:
    """Which events to read; every filter is optional and they combine with AND."""

    country: str | None = None  # ISO 3166-1 alpha-2 or country name (case-insensitive)
    admin1: str | None = None  # case-insensitive
    plover_type: str | None = None  # ASSAULT, COERCE, ... (case-insensitive)
    acled_event_type: str | None = None  # "Battles", ... (case-insensitive)
    since: str | None = None  # ISO date, inclusive
    until: str | None = None  # ISO date, inclusive
    actor: str | None = None  # substring of the text, name or organisation of actor1 or actor2
    # further names that count as ``actor`` (its KB aliases: Hizballah for Hezbollah), any of which matches
    actor_aliases: tuple[str, ...] = ()
    q: str | None = None  # FTS5 query over the articles the event came from
    article_id: str | None = None  # only events reported by this article
    has_fatalities: bool | None = None
    include_background: bool = True
    background_only: bool = False  # only recalled background events
    modalities: tuple[str, ...] = DEFAULT_MODALITIES  # any of these; () = every modality
    limit: int | None = None
    offset: int = 0
    order: str = "date"  # date | -date | fatalities | -fatalities | type

    def __post_init__(self) -> None:
        if self.order not in ORDERS:
            raise ConfigError(f"unknown event order {self.order!r}; use one of {', '.join(ORDERS)}")
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None and not _ISO_DATE.match(value):
                raise ConfigError(f"{name}={value!r} is not an ISO date; write it as YYYY-MM-DD")
        if self.limit is not None and self.limit < 0:
            raise ConfigError(f"limit={self.limit} must be 0 or more")
        if self.offset < 0:
            raise ConfigError(f"offset={self.offset} must be 0 or more")
        unknown = [m for m in self.modalities if m not in MODALITIES]
        if unknown:
            raise ConfigError(f"unknown modality {unknown[0]!r}; use any of {', '.join(MODALITIES)}")
        if (
            self.since
            and self.until
            and str(date_key(self.since, bound="since")) > str(date_key(self.until, bound="until"))
        ):
            raise ConfigError(f"since={self.since} is after until={self.until}; swap them")

    def actor_terms(self) -> tuple[str, ...]:
        """The casefolded names any of which an actor's text, name or organisation must contain."""
        if not self.actor:
            return ()
        terms = [self.actor.strip().casefold(), *(a.strip().casefold() for a in self.actor_aliases)]
        return tuple(dict.fromkeys(term for term in terms if term))

    def with_background(self, choice: str) -> EventQuery:
        """This query with a ``background`` choice: include (the default), exclude or only."""
        if choice not in BACKGROUND_CHOICES:
            raise ConfigError(f"background={choice!r}; use one of {', '.join(BACKGROUND_CHOICES)}")
        return dataclasses.replace(
            self, include_background=choice != "exclude", background_only=choice == "only"
        )


def where_clause(
    query: EventQuery, *, country_codes: tuple[str, ...] = (), literal_text: bool = False
) -> tuple[str, list[Any]]:
    """SQL ``WHERE`` text (over ``events e``) and its parameters.

    ``country_codes`` are the ISO codes the caller resolved ``query.country`` to
    (a name such as "Syria" maps to SY); the stored country name is matched too.
    ``literal_text`` searches the words of ``query.q`` literally (see :func:`fts_query`).
    """
    parts: list[str] = []
    params: list[Any] = []
    if query.country:
        marks = ", ".join("?" for _ in country_codes) or "NULL"
        parts.append(f"(e.country IN ({marks}) OR e.country_name = ? COLLATE NOCASE)")
        params.extend([*country_codes, query.country.strip()])
    _equal(parts, params, "e.admin1", query.admin1)
    _equal(parts, params, "e.plover_type", query.plover_type)
    _equal(parts, params, "e.acled_event_type", query.acled_event_type)
    if query.since:
        parts.append("e.date_key >= ?")
        params.append(date_key(query.since, bound="since"))
    if query.until:
        parts.append("e.date_key <= ?")
        params.append(date_key(query.until, bound="until"))
    terms = query.actor_terms()
    if terms:
        found = " OR ".join("instr(search, ?) > 0" for _ in terms)
        parts.append(f"e.id IN (SELECT event_id FROM event_actors WHERE {found})")
        params.extend(terms)
    if query.q:
        parts.append(
            "e.id IN (SELECT ea.event_id FROM event_articles ea JOIN articles a ON a.id = ea.article_id "
            "WHERE a.pk IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?))"
        )
        params.append(fts_query(query.q, literal=literal_text))
    if query.article_id:
        parts.append("e.id IN (SELECT event_id FROM event_articles WHERE article_id = ?)")
        params.append(query.article_id)
    if query.has_fatalities is not None:
        killed = "max(coalesce(e.fatalities_best, 0), coalesce(e.fatalities_low, 0)) > 0"
        parts.append(killed if query.has_fatalities else f"NOT ({killed})")
    if not query.include_background:
        parts.append("e.background = 0")
    if query.background_only:
        parts.append("e.background = 1")
    if query.modalities:
        parts.append(f"e.modality IN ({', '.join('?' for _ in query.modalities)})")
        params.extend(query.modalities)
    return (" WHERE " + " AND ".join(parts)) if parts else "", params


def _equal(parts: list[str], params: list[Any], column: str, value: str | None) -> None:
    if value:
        parts.append(f"{column} = ? COLLATE NOCASE")
        params.append(value.strip())


def order_clause(query: EventQuery) -> str:
    return " ORDER BY " + ORDERS[query.order]


def limit_clause(query: EventQuery) -> tuple[str, list[Any]]:
    if query.limit is None and not query.offset:
        return "", []
    return " LIMIT ? OFFSET ?", [-1 if query.limit is None else query.limit, query.offset]


def date_key(date: str | None, *, bound: str | None = None) -> str | None:
    """A full ``YYYY-MM-DD`` for sorting and ranges.

    A stored year-only date sits mid-year and a month-only date mid-month; as a
    range bound (``bound`` "since" or "until"), a partial date covers its whole
    year or month.
    """
    if not date:
        return None
    if len(date) == 4:
        return {"since": f"{date}-01-01", "until": f"{date}-12-31"}.get(bound or "", f"{date}-07-01")
    if len(date) == 7:
        return {"since": f"{date}-01", "until": f"{date}-31"}.get(bound or "", f"{date}-15")
    return date[:10]


def fts_query(text: str, *, literal: bool = False) -> str:
    """An FTS5 query for user text.

    Plain words pass through, so ``drone OR missile`` and ``strik*`` work. Text with
    characters FTS5 rejects (hyphens, colons, quotes), or any text when ``literal``
    (the caller's retry after a syntax error), is searched as quoted terms:
    ``al-Nujaba`` finds "al Nujaba".
    """
    text = text.strip()
    if not literal and re.fullmatch(r"[\w\s*()]+", text) and text.count("(") == text.count(")"):
        return text
    terms = [term.replace('"', '""') for term in text.split() if term.strip('"')]
    return " ".join(f'"{term}"' for term in terms) or '""'
