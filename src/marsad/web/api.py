"""The JSON API under ``/api/``: events, event, actors, articles, stats; lists also as CSV and GeoJSON.

Every error has one body: ``{"ok": false, "error": "...", "status": 400}``.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from pathlib import PurePath
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse

from marsad.export.acled_csv import acled_csv_chunks
from marsad.export.cells import safe_row
from marsad.export.flat import flat_csv_chunks
from marsad.export.geojson import geojson_chunks
from marsad.export.jsonl import jsonl_chunks
from marsad.not_actors import is_shown, names_nobody
from marsad.records import Article, Event, to_dict
from marsad.resolve.actors import search_aliases
from marsad.store import EventQuery, Store
from marsad.web import params
from marsad.web.openapi import openapi_schema
from marsad.web.stores import open_for_request

GEOJSON = "application/geo+json"
# The event downloads: path suffix -> media type. Each streams every event of the filter.
DOWNLOADS = {
    ".csv": "text/csv; charset=utf-8",
    ".acled.csv": "text/csv; charset=utf-8",
    ".geojson": GEOJSON,
    ".jsonl": "application/x-ndjson; charset=utf-8",
    ".parquet": "application/vnd.apache.parquet",
}
TABLE_SUFFIXES = (".csv", ".geojson")  # the actor and article lists
DOWNLOAD_PAGE = 500  # events read from the store at a time for a streamed download


def file_name(path: str | None) -> str:
    """The last part of a stored input path: where on the reader's disk it was is nobody's business."""
    if not path:
        return ""
    return PurePath(path.replace("\\", "/")).name or path


def public(value: Any) -> Any:
    """``to_dict(value)`` with every ``path`` cut to its file name, for answers that leave the machine."""
    if hasattr(value, "__dataclass_fields__"):
        value = to_dict(value)
    if isinstance(value, dict):
        return {
            key: file_name(item) if key == "path" and isinstance(item, str) else public(item)
            for key, item in value.items()
        }
    if isinstance(value, list | tuple):
        return [public(item) for item in value]
    return value


def error_body(status: int, message: str) -> dict[str, Any]:
    return {"ok": False, "error": message, "status": status}


def error_response(status: int, message: str) -> JSONResponse:
    return JSONResponse(error_body(status, message), status_code=status)


def article_summary(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "source": article.source,
        "url": article.url,
        "published": article.published,
    }


def suffix_of(request: Request) -> str:
    return str(request.path_params.get("suffix", "") or "")


def attachment(request: Request, stem: str) -> dict[str, str]:
    """The Content-Disposition header that saves a download as ``stem`` plus the path's suffix."""
    return {"Content-Disposition": f'attachment; filename="{stem}{suffix_of(request)}"'}


def event_pages(
    request: Request, query: EventQuery, first: list[Event], articles: dict[str, Article]
) -> Iterator[Event]:
    """Every event of ``query``: ``first`` (its first page), then the rest a page at a time.

    Each page is read with its own store connection, so the generator may be resumed on any
    worker thread and never holds more than one page. Before a page's events are yielded,
    ``articles`` is refilled with that page's articles (their outlets and URLs fill the files'
    source columns), so the writer reading it never sees more than one page's articles either.
    """
    page = first
    wanted = None if query.limit is None else query.limit - len(first)
    offset = query.offset + len(first)
    while True:
        if page:
            with open_for_request(request) as store:
                page_articles = store.articles({a for event in page for a in event.article_ids})
            articles.clear()
            articles.update((article.id, article) for article in page_articles)
        yield from page
        if len(page) < DOWNLOAD_PAGE or (wanted is not None and wanted <= 0):
            return
        size = DOWNLOAD_PAGE if wanted is None else min(DOWNLOAD_PAGE, wanted)
        with open_for_request(request) as store:
            page = store.events(dataclasses.replace(query, limit=size, offset=offset))
        offset += len(page)
        if wanted is not None:
            wanted -= len(page)


def batched(chunks: Iterable[str | bytes], size: int = 64 * 1024) -> Iterator[bytes]:
    """``chunks`` joined into pieces of about ``size`` characters (or bytes), as UTF-8."""
    parts: list[bytes] = []
    held = 0
    for chunk in chunks:
        data = chunk.encode("utf-8") if isinstance(chunk, str) else chunk
        parts.append(data)
        held += len(data)
        if held >= size:
            yield b"".join(parts)
            parts, held = [], 0
    if parts:
        yield b"".join(parts)


def download_chunks(
    suffix: str, events: Iterator[Event], articles: dict[str, Article]
) -> Iterable[str | bytes]:
    if suffix == ".csv":
        return flat_csv_chunks(events, articles=articles)
    if suffix == ".acled.csv":
        return acled_csv_chunks(events, articles=articles)
    if suffix == ".jsonl":
        return jsonl_chunks(events)
    if suffix == ".parquet":
        from marsad.export.parquet import parquet_chunks  # pyarrow is large: only when asked for

        return parquet_chunks(events, articles=articles, batch=DOWNLOAD_PAGE)
    return geojson_chunks(events, articles=articles)


def download_events(request: Request) -> Response:
    """The filter's events as a streamed file (:data:`DOWNLOADS`): all of them unless ``limit`` is given."""
    params.check_names(request.query_params, params.EVENT_PARAMETERS)
    query = params.event_query(request.query_params, download=True)
    first_size = DOWNLOAD_PAGE if query.limit is None else min(DOWNLOAD_PAGE, query.limit)
    with open_for_request(request) as store:  # the first page here, so a store error is still a 503
        first = store.events(dataclasses.replace(query, limit=first_size))
    articles: dict[str, Article] = {}
    suffix = suffix_of(request)
    chunks = download_chunks(suffix, event_pages(request, query, first, articles), articles)
    return StreamingResponse(
        batched(chunks), media_type=DOWNLOADS[suffix], headers=attachment(request, "marsad-events")
    )


def list_events(request: Request) -> Response:
    if suffix_of(request) in DOWNLOADS:
        return download_events(request)
    params.check_names(request.query_params, params.EVENT_PARAMETERS)
    query = params.event_query(request.query_params)
    with open_for_request(request) as store:
        events = store.events(query)
        total = store.count_events(query)
    body = {
        "total": total,
        "limit": query.limit,
        "offset": query.offset,
        "filters": params.filter_values(request.query_params),
    }
    return JSONResponse({"ok": True, **body, "events": [public(event) for event in events]})


def get_event(request: Request) -> Response:
    params.check_names(request.query_params, ())
    event_id = request.path_params["event_id"]
    with open_for_request(request) as store:
        event = store.event(event_id)
        if event is None:
            return error_response(404, f"no event with id {event_id!r}")
        articles = store.articles(event.article_ids)
    return JSONResponse(
        {"ok": True, "event": public(event), "articles": [article_summary(article) for article in articles]}
    )


def actor_counts(events: Iterable[Event]) -> list[dict[str, Any]]:
    """Each actor's events as actor 1 and actor 2; labels that name nobody ("a", "Both sides") left out."""
    as_actor1: Counter[str] = Counter()
    as_actor2: Counter[str] = Counter()
    kinds: dict[str, str | None] = {}
    for event in events:
        for counter, refs in ((as_actor1, event.actor1), (as_actor2, event.actor2)):
            for ref in refs:
                if is_shown(ref):
                    counter[ref.label] += 1
                    kinds.setdefault(ref.label, ref.actor_type)
    names = sorted(set(as_actor1) | set(as_actor2), key=lambda n: (-(as_actor1[n] + as_actor2[n]), n))
    return [
        {"name": name, "type": kinds.get(name), "as_actor1": as_actor1[name], "as_actor2": as_actor2[name]}
        for name in names
    ]


def list_actors(request: Request) -> Response:
    params.check_names(request.query_params, params.EVENT_PARAMETERS)
    query = params.event_query(request.query_params, default_limit=params.MAX_LIMIT)
    with open_for_request(request) as store:
        rows = actor_counts(store.events(dataclasses.replace(query, limit=None, offset=0)))
    page = rows[query.offset : query.offset + (query.limit or len(rows))]
    return table_response(request, page, key="actors", total=len(rows), query=query)


def actor_events(request: Request, name: str) -> list[Event]:
    """The events naming the actor ``name`` by any of its KB names; none for a label that names nobody."""
    if names_nobody(name) and not search_aliases(name):
        return []
    query = EventQuery(actor=name, actor_aliases=search_aliases(name), order="date")
    with open_for_request(request) as store:
        return store.events(query)


def plays_actor1(event: Event, name: str) -> bool:
    names = {name.casefold(), *(alias.casefold() for alias in search_aliases(name))}
    return any(n in ref.label.casefold() for ref in event.actor1 for n in names)


def get_actor(request: Request) -> Response:
    params.check_names(request.query_params, ())
    name = request.path_params["name"]
    events = actor_events(request, name)
    if not events:
        return error_response(404, f"no events with actor {name!r}")
    timeline: dict[str, Counter[str]] = defaultdict(Counter)
    for event in events:
        role = "actor1" if plays_actor1(event, name) else "actor2"
        timeline[(event.date.date or "unknown")[:7]][role] += 1
    return JSONResponse(
        {
            "ok": True,
            "name": name,
            "events": [public(event) for event in events],
            "by_month": {month: dict(counts) for month, counts in sorted(timeline.items())},
        }
    )


def list_articles(request: Request) -> Response:
    params.check_names(request.query_params, params.ARTICLE_PARAMETERS)
    limit = params.int_param(
        request.query_params, "limit", params.DEFAULT_LIMIT, low=1, high=params.MAX_LIMIT
    )
    text = params.text_param(request.query_params, "q")
    offset = params.offset_param(request.query_params, search=text is not None)
    with open_for_request(request) as store:
        if text:
            # every hit up to the deepest page a search may reach: its count is the total
            hits = store.search_articles(text, limit=params.MAX_SEARCH_OFFSET + params.MAX_LIMIT)
            articles = store.articles([article_id for article_id, _ in hits])
        else:
            articles = store.articles()
    ordered = sorted(articles, key=lambda a: (a.published or "", a.id), reverse=True)
    rows = [article_summary(article) for article in ordered[offset : offset + limit]]
    return table_response(
        request, rows, key="articles", total=len(ordered), paging={"limit": limit, "offset": offset}
    )


def get_article(request: Request) -> Response:
    params.check_names(request.query_params, ())
    article_id = request.path_params["article_id"]
    with open_for_request(request) as store:
        article = store.article(article_id)
        if article is None:
            return error_response(404, f"no article with id {article_id!r}")
        events = events_of_article(store, article_id)
        rejections = store.rejections(article_id)
    return JSONResponse(
        {
            "ok": True,
            "article": public(article),
            "events": [public(e) for e in events],
            "rejections": [public(r) for r in rejections],
        }
    )


def events_of_article(store: Store, article_id: str) -> list[Event]:
    return store.events(EventQuery(article_id=article_id))


def stats(events: Sequence[Event]) -> dict[str, Any]:
    by_day: dict[str, Counter[str]] = defaultdict(Counter)
    for event in events:
        if event.date.date and len(event.date.date) == 10 and not event.background:
            by_day[event.date.date][event.plover_type] += 1
    return {
        "events": len(events),
        "fatalities": sum(event.fatalities_best or 0 for event in events),
        "by_type": dict(sorted(Counter(event.plover_type for event in events).items())),
        "by_country": dict(
            sorted(
                Counter(
                    (event.place.country if event.place else None) or "unknown" for event in events
                ).items()
            )
        ),
        "by_day": {day: dict(sorted(counts.items())) for day, counts in sorted(by_day.items())},
    }


def get_stats(request: Request) -> Response:
    params.check_names(request.query_params, params.EVENT_PARAMETERS)
    query = params.event_query(request.query_params)
    with open_for_request(request) as store:
        events = store.events(dataclasses.replace(query, limit=None, offset=0))
    return JSONResponse({"ok": True, **stats(events)})


def get_openapi(request: Request) -> Response:
    params.check_names(request.query_params, ())
    return JSONResponse(openapi_schema())


def table_response(
    request: Request,
    rows: list[dict[str, Any]],
    *,
    key: str,
    total: int,
    query: EventQuery | None = None,
    paging: dict[str, int] | None = None,
) -> Response:
    """Rows without geometry as JSON, CSV, or GeoJSON features with null geometry."""
    suffix = suffix_of(request)
    if suffix == ".csv":
        buffer = io.StringIO()
        columns = list(rows[0]) if rows else ["name"]
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(safe_row(row) for row in rows)
        headers = attachment(request, f"marsad-{key}")
        return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)
    if suffix == ".geojson":
        features = [{"type": "Feature", "geometry": None, "properties": row} for row in rows]
        return JSONResponse(
            {"type": "FeatureCollection", "features": features},
            media_type=GEOJSON,
            headers=attachment(request, f"marsad-{key}"),
        )
    if paging is None and query is not None:
        paging = {"limit": query.limit or total, "offset": query.offset}
    return JSONResponse({"ok": True, "total": total, **(paging or {}), key: rows})
