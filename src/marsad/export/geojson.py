"""GeoJSON (RFC 7946): a FeatureCollection of Point features with flat event properties."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TextIO

from marsad.export.flat import flat_row
from marsad.records import Article, Event

log = logging.getLogger(__name__)


def feature(event: Event, *, articles: Mapping[str, Article] | None = None) -> dict[str, Any] | None:
    """The event as a Point feature, or None when it has no coordinates."""
    place = event.place
    if place is None or place.latitude is None or place.longitude is None:
        return None
    return {
        "type": "Feature",
        "id": event.id,
        # GeoJSON order is [longitude, latitude].
        "geometry": {"type": "Point", "coordinates": [place.longitude, place.latitude]},
        "properties": flat_row(event, articles=articles),
    }


def write_geojson(
    events: Iterable[Event], fp: TextIO, *, articles: Mapping[str, Article] | None = None
) -> int:
    """Write a FeatureCollection, one feature per line; return features written.

    Events without coordinates are skipped; their number is logged and recorded in
    the collection's ``skipped_without_coordinates`` member.
    """
    counts = {"written": 0}
    for chunk in geojson_chunks(events, articles=articles, counts=counts):
        fp.write(chunk)
    return counts["written"]


def geojson_chunks(
    events: Iterable[Event],
    *,
    articles: Mapping[str, Article] | None = None,
    counts: dict[str, int] | None = None,
) -> Iterator[str]:
    """The text of :func:`write_geojson` piece by piece, taking ``events`` one at a time (for streaming)."""
    written = skipped = 0
    yield '{"type": "FeatureCollection", "features": ['
    for event in events:
        item = feature(event, articles=articles)
        if item is None:
            skipped += 1
            continue
        yield (",\n" if written else "\n") + json.dumps(item, ensure_ascii=False, sort_keys=True)
        written += 1
    yield f'\n], "skipped_without_coordinates": {skipped}}}\n'
    if skipped:
        log.info("geojson: skipped %d events without coordinates", skipped)
    if counts is not None:
        counts["written"] = written
