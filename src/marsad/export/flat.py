"""One flat row per event: marsad's own columns, shared by the CSV, GeoJSON and Parquet exports."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TextIO

from marsad.export.cells import safe_cell
from marsad.records import ActorRef, Article, Event, to_dict

FLAT_COLUMNS: tuple[str, ...] = (
    "id",
    "date",
    "date_precision",
    "date_text",
    "plover_type",
    "plover_mode",
    "acled_event_type",
    "acled_sub_event_type",
    "actor1",
    "actor1_ids",
    "actor1_types",
    "actor2",
    "actor2_ids",
    "actor2_types",
    "place_text",
    "location",
    "admin1",
    "admin2",
    "country",
    "country_name",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities_low",
    "fatalities_high",
    "fatalities_best",
    "injured",
    "arrested",
    "weapons",
    "named_casualties",
    "modality",
    "background",
    "claims",
    "claim_sources",
    "sources",
    "mention_ids",
    "article_ids",
    "urls",
    "notes",
)

# Types for Parquet; every other column is a string.
INT_COLUMNS = frozenset(
    {"geo_precision", "fatalities_low", "fatalities_high", "fatalities_best", "injured", "arrested", "claims"}
)
FLOAT_COLUMNS = frozenset({"latitude", "longitude"})
BOOL_COLUMNS = frozenset({"background"})

SEPARATOR = "; "  # inside a cell, as ACLED separates sources and associated actors


def _join(values: Iterable[str | None]) -> str:
    return SEPARATOR.join(value for value in values if value)


def _actor_names(actors: tuple[ActorRef, ...]) -> str:
    return _join(actor.label for actor in actors)


def flat_row(event: Event, *, articles: Mapping[str, Article] | None = None) -> dict[str, Any]:
    """Event as a flat mapping of :data:`FLAT_COLUMNS` (None where unknown)."""
    place = event.place
    urls = [articles[a].url for a in event.article_ids if articles and a in articles]
    return {
        "id": event.id,
        "date": event.date.date,
        "date_precision": event.date.precision.value,
        "date_text": event.date.text,
        "plover_type": event.plover_type,
        "plover_mode": event.plover_mode,
        "acled_event_type": event.acled_event_type,
        "acled_sub_event_type": event.acled_sub_event_type,
        "actor1": _actor_names(event.actor1),
        "actor1_ids": _join(actor.actor_id for actor in event.actor1),
        "actor1_types": _join(actor.actor_type for actor in event.actor1),
        "actor2": _actor_names(event.actor2),
        "actor2_ids": _join(actor.actor_id for actor in event.actor2),
        "actor2_types": _join(actor.actor_type for actor in event.actor2),
        "place_text": place.text if place else None,
        "location": (place.name or place.text) if place else None,
        "admin1": place.admin1 if place else None,
        "admin2": place.admin2 if place else None,
        "country": place.country if place else None,
        "country_name": place.country_name if place else None,
        "latitude": place.latitude if place else None,
        "longitude": place.longitude if place else None,
        "geo_precision": place.geo_precision if place else None,
        "fatalities_low": event.fatalities_low,
        "fatalities_high": event.fatalities_high,
        "fatalities_best": event.fatalities_best,
        "injured": event.injured,
        "arrested": event.arrested,
        "weapons": _join(event.weapons),
        "named_casualties": _join(event.named_casualties),
        "modality": event.modality.value,
        "background": event.background,
        "claims": len(event.claims),
        "claim_sources": _join(dict.fromkeys(claim.source for claim in event.claims)),
        "sources": _join(event.sources),
        "mention_ids": _join(event.mention_ids),
        "article_ids": _join(event.article_ids),
        "urls": _join(urls),
        "notes": event.notes,
    }


def claims_json(event: Event) -> str:
    """Every claim of the event, with figures and evidence, as one JSON array."""
    return json.dumps(to_dict(event.claims), ensure_ascii=False, sort_keys=True)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return safe_cell(str(value))


def write_flat_csv(
    events: Iterable[Event], fp: TextIO, *, articles: Mapping[str, Article] | None = None
) -> int:
    """marsad's own CSV: a header of :data:`FLAT_COLUMNS`, one row per event."""
    writer = csv.writer(fp, lineterminator="\n")
    writer.writerow(FLAT_COLUMNS)
    written = 0
    for event in events:
        writer.writerow(flat_cells(event, articles=articles))
        written += 1
    return written


def flat_cells(event: Event, *, articles: Mapping[str, Article] | None = None) -> list[Any]:
    """The event's CSV row in :data:`FLAT_COLUMNS` order, formula-safe."""
    row = flat_row(event, articles=articles)
    return [_cell(row[column]) for column in FLAT_COLUMNS]


def flat_csv_chunks(
    events: Iterable[Event], *, articles: Mapping[str, Article] | None = None
) -> Iterator[str]:
    """The text of :func:`write_flat_csv` a line at a time, reading ``events`` lazily (for streaming)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")

    def line(cells: Iterable[Any]) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(cells)
        return buffer.getvalue()

    yield line(FLAT_COLUMNS)
    for event in events:
        yield line(flat_cells(event, articles=articles))
