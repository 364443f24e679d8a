"""Records to table rows (tuples in the column order of schema.sql), and back for articles."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from typing import Any

from marsad.records import (
    ActorRef,
    Article,
    Caption,
    Claim,
    Event,
    Mention,
    Paragraph,
    PlaceRef,
    Rejection,
    SourceSpan,
    content_id,
    from_dict,
    to_dict,
    to_json,
)
from marsad.store.queries import date_key

Row = tuple[Any, ...]

ARTICLE_COLUMNS = (
    "id",
    "title",
    "body",
    "source",
    "url",
    "published",
    "published_from",
    "format",
    "captions",
    "paragraphs",
    "reference",
    "metadata",
)
MENTION_COLUMNS = (
    "id",
    "article_id",
    "plover_type",
    "plover_mode",
    "acled_event_type",
    "acled_sub_event_type",
    "trigger",
    "date",
    "date_precision",
    "country",
    "admin1",
    "place_key",
    "modality",
    "background",
    "evidence_start",
    "evidence_end",
    "record",
)
EVENT_COLUMNS = (
    "id",
    "plover_type",
    "plover_mode",
    "acled_event_type",
    "acled_sub_event_type",
    "date",
    "date_key",
    "date_precision",
    "country",
    "country_name",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "place_key",
    "fatalities_low",
    "fatalities_high",
    "fatalities_best",
    "injured",
    "arrested",
    "modality",
    "background",
    "sources",
    "notes",
    "record",
)
CLAIM_COLUMNS = (
    "id",
    "event_id",
    "mention_id",
    "position",
    "source",
    "source_kind",
    "source_org",
    "weapons",
    "note",
    "evidence_article_id",
    "evidence_start",
    "evidence_end",
    "evidence_text",
)
ACTOR_COLUMNS = ("key", "actor_id", "name", "org", "type", "sector", "country", "parent", "resolved")
PLACE_COLUMNS = (
    "key",
    "name",
    "admin1",
    "admin2",
    "country",
    "country_name",
    "latitude",
    "longitude",
    "geo_precision",
    "geonameid",
)
REJECTION_COLUMNS = ("key", "stage", "reason", "path", "line", "article_id", "text", "run_id", "created")


def _json(value: Any) -> str:
    return json.dumps(to_dict(value), ensure_ascii=False, sort_keys=True)


def article_row(article: Article) -> Row:
    return (
        article.id,
        article.title,
        article.body,
        article.source,
        article.url,
        article.published,
        article.published_from,
        article.format,
        _json(article.captions),
        _json(article.paragraphs),
        article.reference,
        json.dumps([list(pair) for pair in article.metadata], ensure_ascii=False),
    )


def location_rows(article: Article) -> Iterator[Row]:
    for span in article.locations:
        yield (article.id, span.path, span.start, span.end, span.line)


def article_from_row(row: Sequence[Any], locations: Sequence[Sequence[Any]]) -> Article:
    values = dict(zip(ARTICLE_COLUMNS, row, strict=True))
    return Article(
        id=values["id"],
        title=values["title"],
        body=values["body"],
        source=values["source"],
        url=values["url"],
        published=values["published"],
        published_from=values["published_from"],
        format=values["format"],
        captions=tuple(from_dict(Caption, item) for item in json.loads(values["captions"])),
        paragraphs=tuple(from_dict(Paragraph, item) for item in json.loads(values["paragraphs"])),
        locations=tuple(SourceSpan(path=p, start=s, end=e, line=n) for p, s, e, n in locations),
        reference=values["reference"],
        metadata=tuple((str(name), str(value)) for name, value in json.loads(values["metadata"] or "[]")),
    )


def place_key(place: PlaceRef | None) -> str | None:
    if place is None:
        return None
    if place.geonameid is not None:
        return f"geonames:{place.geonameid}"
    parts = (place.name or place.text, place.admin1 or "", place.country or "")
    return content_id(*parts, repr(place.latitude), repr(place.longitude), prefix="place:")


def place_row(place: PlaceRef) -> Row:
    return (
        place_key(place),
        place.name or place.text,
        place.admin1,
        place.admin2,
        place.country,
        place.country_name,
        place.latitude,
        place.longitude,
        place.geo_precision,
        place.geonameid,
    )


def actor_key(actor: ActorRef) -> str:
    return actor.actor_id or f"text:{actor.label.casefold()}"


def actor_row(actor: ActorRef) -> Row:
    return (
        actor_key(actor),
        actor.actor_id,
        actor.name or actor.text,
        actor.org,
        actor.actor_type,
        actor.sector,
        actor.country,
        actor.parent,
        int(actor.resolved),
    )


def event_actor_rows(event: Event) -> Iterator[Row]:
    for role, actors in ((1, event.actor1), (2, event.actor2)):
        for position, actor in enumerate(actors):
            search = "\x1f".join(part for part in (actor.text, actor.name, actor.org) if part).casefold()
            yield (event.id, role, position, actor_key(actor), actor.text, actor.name, actor.org, search)


def mention_row(mention: Mention) -> Row:
    place = mention.place
    return (
        mention.id,
        mention.article_id,
        mention.plover_type,
        mention.plover_mode,
        mention.acled_event_type,
        mention.acled_sub_event_type,
        mention.trigger,
        mention.date.date,
        mention.date.precision.value,
        place.country if place else None,
        place.admin1 if place else None,
        place_key(place),
        mention.modality.value,
        int(mention.background),
        mention.evidence.start,
        mention.evidence.end,
        to_json(mention),
    )


def event_row(event: Event, country_name: str | None) -> Row:
    place = event.place
    return (
        event.id,
        event.plover_type,
        event.plover_mode,
        event.acled_event_type,
        event.acled_sub_event_type,
        event.date.date,
        date_key(event.date.date),
        event.date.precision.value,
        place.country.upper() if place and place.country else None,
        country_name,
        place.admin1 if place else None,
        place.admin2 if place else None,
        (place.name or place.text) if place else None,
        place.latitude if place else None,
        place.longitude if place else None,
        place.geo_precision if place else None,
        place_key(place),
        event.fatalities_low,
        event.fatalities_high,
        event.fatalities_best,
        event.injured,
        event.arrested,
        event.modality.value,
        int(event.background),
        "; ".join(event.sources),
        event.notes,
        to_json(event),
    )


def claim_rows(owner_id: str, claims: Sequence[Claim], *, event: bool) -> Iterator[tuple[Row, list[Row]]]:
    """Rows for ``claims`` of one event or mention, each with the rows of its figures."""
    for position, claim in enumerate(claims):
        # Prefixed so an event and a mention that happened to share an id cannot collide.
        claim_id = f"{'event' if event else 'mention'}:{owner_id}:{position}"
        evidence = claim.evidence
        row = (
            claim_id,
            owner_id if event else None,
            None if event else owner_id,
            position,
            claim.source,
            claim.source_kind,
            claim.source_org,
            json.dumps(list(claim.weapons), ensure_ascii=False),
            claim.note,
            evidence.article_id if evidence else None,
            evidence.start if evidence else None,
            evidence.end if evidence else None,
            evidence.text if evidence else None,
        )
        figures = [
            (claim_id, index, figure.kind.value, figure.low, figure.high, figure.text)
            for index, figure in enumerate(claim.figures)
        ]
        yield row, figures


def rejection_row(rejection: Rejection, run_id: str | None) -> Row:
    fields = (rejection.stage, rejection.reason, rejection.path, rejection.line, rejection.article_id)
    key = content_id(*(str(part) for part in (*fields, rejection.text, run_id)), prefix="rej:")
    created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    return (key, *fields, rejection.text, run_id, created)


def rejection_from_row(row: Sequence[Any]) -> Rejection:
    stage, reason, path, line, article_id, text = row
    return Rejection(stage=stage, reason=reason, path=path, line=line, article_id=article_id, text=text)


def insert_sql(table: str, columns: Sequence[str], *, verb: str = "INSERT OR IGNORE") -> str:
    names = ", ".join(f'"{name}"' for name in columns)
    marks = ", ".join("?" for _ in columns)
    return f"{verb} INTO {table} ({names}) VALUES ({marks})"


def upsert_sql(table: str, columns: Sequence[str], *, key: str = "id") -> str:
    """INSERT that replaces every column but the key on conflict, keeping the row's pk."""
    updates = ", ".join(f'"{name}" = excluded."{name}"' for name in columns if name != key)
    return f"{insert_sql(table, columns, verb='INSERT')} ON CONFLICT({key}) DO UPDATE SET {updates}"
