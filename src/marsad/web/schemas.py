"""JSON Schemas of the API's answers, derived from the record dataclasses (``marsad.records``).

A record's schema is read off its type hints, so a field added to a record shows in the OpenAPI
document without anyone writing it twice; ``tests/test_web_openapi.py`` validates real answers
against these schemas.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from enum import StrEnum
from typing import Any

Schema = dict[str, Any]
SCALARS: dict[Any, Schema] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    float: {"type": "number"},
    bool: {"type": "boolean"},
    type(None): {"type": "null"},
}


def ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


def type_schema(hint: Any, components: dict[str, Schema]) -> Schema:
    """The JSON Schema of a value of type ``hint`` as ``records.to_dict`` writes it."""
    if hint in SCALARS:
        return dict(SCALARS[hint])
    if hint is Any:
        return {}
    if isinstance(hint, type) and issubclass(hint, StrEnum):
        return {"type": "string", "enum": [member.value for member in hint]}
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return record_schema(hint, components)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in {typing.Union, types.UnionType}:
        return {"anyOf": [type_schema(arg, components) for arg in args]}
    if origin in {tuple, list}:
        return {"type": "array", "items": type_schema(args[0], components) if args else {}}
    if origin is dict:
        return {"type": "object", "additionalProperties": type_schema(args[1], components)}
    raise TypeError(f"no JSON Schema for {hint!r}")


def record_schema(cls: type[Any], components: dict[str, Schema]) -> Schema:
    """A ``$ref`` to the schema of dataclass ``cls``, added to ``components`` on first use."""
    name = cls.__name__
    if name not in components:
        components[name] = {}  # a placeholder first: records may refer to each other
        hints = typing.get_type_hints(cls)
        fields = dataclasses.fields(cls)
        components[name] = {
            "type": "object",
            "required": [field.name for field in fields],
            "properties": {field.name: type_schema(hints[field.name], components) for field in fields},
            "additionalProperties": False,
        }
    return ref(name)


def obj(properties: dict[str, Schema], *, extra: bool = False) -> Schema:
    """An object with exactly these properties, all required."""
    return {
        "type": "object",
        "required": list(properties),
        "properties": properties,
        "additionalProperties": extra,
    }


def array(items: Schema) -> Schema:
    return {"type": "array", "items": items}


def counts() -> Schema:
    return {"type": "object", "additionalProperties": {"type": "integer"}}


INTEGER: Schema = {"type": "integer"}
STRING: Schema = {"type": "string"}
NULLABLE_STRING: Schema = {"type": ["string", "null"]}
OK: Schema = {"const": True}


def response_schemas() -> dict[str, Schema]:
    """Every record and answer schema, by name, for the document's ``components.schemas``."""
    from marsad.records import Article, Event, Rejection

    components: dict[str, Schema] = {}
    event, article, rejection = (record_schema(c, components) for c in (Event, Article, Rejection))
    summary = obj(
        {"id": STRING, "title": STRING, "source": NULLABLE_STRING, "url": NULLABLE_STRING,
         "published": NULLABLE_STRING}
    )  # fmt: skip
    paging = {"total": INTEGER, "limit": INTEGER, "offset": INTEGER}
    actor_row = obj({"name": STRING, "type": NULLABLE_STRING, "as_actor1": INTEGER, "as_actor2": INTEGER})
    components |= {
        "ArticleSummary": summary,
        "ActorRow": actor_row,
        "EventList": obj(
            {"ok": OK, **paging | {"limit": {"type": ["integer", "null"]}},
             "filters": {"type": "object", "additionalProperties": STRING}, "events": array(event)}
        ),
        "EventDetail": obj({"ok": OK, "event": event, "articles": array(ref("ArticleSummary"))}),
        "ActorList": obj({"ok": OK, **paging, "actors": array(ref("ActorRow"))}),
        "ActorDetail": obj(
            {"ok": OK, "name": STRING, "events": array(event),
             "by_month": {"type": "object", "additionalProperties": counts()}}
        ),
        "ArticleList": obj({"ok": OK, **paging, "articles": array(ref("ArticleSummary"))}),
        "ArticleDetail": obj(
            {"ok": OK, "article": article, "events": array(event), "rejections": array(rejection)}
        ),
        "Stats": obj(
            {"ok": OK, "events": INTEGER, "fatalities": INTEGER, "by_type": counts(),
             "by_country": counts(), "by_day": {"type": "object", "additionalProperties": counts()}}
        ),
        "FeatureCollection": obj(
            {"type": {"const": "FeatureCollection"},
             "features": array(obj({"type": {"const": "Feature"}, "geometry": {"type": ["object", "null"]},
                                    "properties": {"type": "object"}}, extra=True))},
            extra=True,
        ),
        "Error": obj({"ok": {"const": False}, "error": STRING, "status": INTEGER}),
    }  # fmt: skip
    return components
