"""The OpenAPI 3.1 description of the JSON API, served at ``/api/openapi.json``."""

from __future__ import annotations

from typing import Any

from marsad import __version__
from marsad.store.queries import BACKGROUND_CHOICES, DEFAULT_BACKGROUND, MODALITIES
from marsad.web.params import MAX_LIMIT, MAX_OFFSET, MAX_SEARCH_OFFSET, PLOVER_TYPES
from marsad.web.schemas import ref, response_schemas

ERROR = {"$ref": "#/components/schemas/Error"}


def _string(description: str, **extra: Any) -> dict[str, Any]:
    return {"type": "string", "description": description, **extra}


def _param(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


FILTER_PARAMETERS = [
    _param("country", _string("ISO code or name", maxLength=200), "Country, e.g. IQ or Iraq."),
    _param("admin1", _string("admin1 name", maxLength=200), "First-level region, e.g. Baghdad."),
    _param("type", {"type": "string", "enum": list(PLOVER_TYPES)}, "PLOVER event type."),
    _param("acled_type", _string("ACLED event_type", maxLength=200), "e.g. Explosions/Remote violence."),
    _param("since", {"type": "string", "format": "date"}, "First date, inclusive."),
    _param("until", {"type": "string", "format": "date"}, "Last date, inclusive."),
    _param(
        "actor",
        _string("actor name or alias", maxLength=200),
        "Actor: its name or any KB alias (Hizballah finds Hezbollah), as a substring.",
    ),
    _param("q", _string("full-text query", maxLength=200), "Words in the articles the events came from."),
    _param("has_fatalities", {"type": "boolean"}, "Only events with (or without) fatalities."),
    _param(
        "modality",
        _string("comma-separated modalities", maxLength=200),
        f"Only events of these modalities ({', '.join(MODALITIES)}), e.g. asserted,planned. "
        "Default: every modality.",
    ),
    _param(
        "background",
        {"type": "string", "enum": list(BACKGROUND_CHOICES), "default": DEFAULT_BACKGROUND},
        "Recalled background events: include (with the rest), exclude, or only.",
    ),
    _param(
        "limit",
        {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT},
        "Page size. The .csv / .geojson event downloads stream every match when it is absent, "
        f"and take up to {MAX_OFFSET} when it is given.",
    ),
    _param(
        "offset",
        {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET},
        f"Rows to skip; at most {MAX_SEARCH_OFFSET} with a full-text query (q).",
    ),
    _param(
        "order",
        {"type": "string", "enum": ["date", "-date", "fatalities", "-fatalities", "type"]},
        "Sort order.",
    ),
]


FILE_SCHEMAS = {
    "text/csv": {"type": "string"},
    "application/geo+json": ref("FeatureCollection"),
    "application/x-ndjson": {"type": "string", "description": "one event record (see Event) a line"},
    "application/vnd.apache.parquet": {
        "type": "string",
        "contentMediaType": "application/vnd.apache.parquet",
    },
}


def _responses(description: str, schema: str, media: str = "application/json") -> dict[str, Any]:
    body = ref(schema) if media == "application/json" else FILE_SCHEMAS[media]
    return {
        "200": {"description": description, "content": {media: {"schema": body}}},
        "400": {"description": "Bad parameter", "content": {"application/json": {"schema": ERROR}}},
        "404": {"description": "Not found", "content": {"application/json": {"schema": ERROR}}},
    }


def _list_paths(
    base: str, summary: str, schema: str, parameters: list[dict[str, Any]], files: dict[str, str]
) -> dict[str, Any]:
    paths = {f"{base}": {"get": {"summary": summary, "parameters": parameters,
                                 "responses": _responses(summary, schema)}}}  # fmt: skip
    for suffix, media in files.items():
        paths[f"{base}{suffix}"] = {
            "get": {
                "summary": f"{summary}, as a {suffix[1:]} file (streamed; every match unless limit is given)",
                "parameters": parameters,
                "responses": _responses(summary, schema, media.split(";")[0]),
            }
        }
    return paths


def _item_path(name: str, summary: str, schema: str) -> dict[str, Any]:
    parameter = {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
    return {"get": {"summary": summary, "parameters": [parameter], "responses": _responses(summary, schema)}}


def openapi_schema() -> dict[str, Any]:
    from marsad.web.api import DOWNLOADS, TABLE_SUFFIXES

    paging = [p for p in FILTER_PARAMETERS if p["name"] in {"limit", "offset"}]
    query = next(p for p in FILTER_PARAMETERS if p["name"] == "q")
    tables = {suffix: DOWNLOADS[suffix] for suffix in TABLE_SUFFIXES}
    paths: dict[str, Any] = {}
    paths |= _list_paths("/api/events", "Events, filtered", "EventList", FILTER_PARAMETERS, DOWNLOADS)
    paths |= _list_paths(
        "/api/actors", "Actors with their event counts", "ActorList", FILTER_PARAMETERS, tables
    )
    paths |= _list_paths("/api/articles", "Articles", "ArticleList", [query, *paging], tables)
    paths["/api/events/{event_id}"] = _item_path(
        "event_id", "One event with its claims and reports", "EventDetail"
    )
    paths["/api/actors/{name}"] = _item_path("name", "One actor's events over time", "ActorDetail")
    paths["/api/articles/{article_id}"] = _item_path(
        "article_id", "One article, its events and rejections", "ArticleDetail"
    )
    paths["/api/stats"] = {
        "get": {
            "summary": "Counts by type, country and day",
            "parameters": FILTER_PARAMETERS,
            "responses": _responses("Counts", "Stats"),
        }
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "marsad API",
            "version": __version__,
            "description": "Events coded from news text, with every source's claim and its evidence.",
        },
        "paths": paths,
        "components": {"schemas": response_schemas()},
    }
