"""Query parameters of the web UI and API, validated into an :class:`EventQuery`.

Bad parameters become :class:`BadRequest` (HTTP 400 with a message), never a 500.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from marsad.errors import ConfigError
from marsad.resolve.actors import search_aliases
from marsad.store import ORDERS, EventQuery
from marsad.store.queries import BACKGROUND_CHOICES, DEFAULT_BACKGROUND, MODALITIES

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
FILTERS = (
    "country", "admin1", "type", "acled_type", "since", "until", "actor", "q", "has_fatalities",
    "modality", "background",
)  # fmt: skip
PAGING = ("limit", "offset", "order")
EVENT_PARAMETERS = (*FILTERS, *PAGING)
ARTICLE_PARAMETERS = ("q", "limit", "offset")
# Taken by the guard in front of every route (a browser's first visit with --token), so never "unknown".
GUARD_PARAMETERS = ("token",)
DEFAULT_LIMIT = 50
MAX_LIMIT = 1000
MAX_OFFSET = 10_000_000
# A full-text search ranks every hit up to offset + limit: past this the store would be asked for
# millions of hits, so a deeper page is refused with a 400 (narrow the query instead).
MAX_SEARCH_OFFSET = 10_000


class BadRequest(ValueError):
    """A query parameter that cannot be used; the message says which and why."""


def check_names(params: Any, allowed: Iterable[str]) -> None:
    """Refuse a parameter the route does not know (``countr=IQ`` would else filter nothing) or
    one given twice (which of the two would count is a guess)."""
    known = {*allowed, *GUARD_PARAMETERS}
    seen: set[str] = set()
    for name, _ in params.multi_items():
        if name not in known:
            hint = f"; known: {', '.join(sorted(known - set(GUARD_PARAMETERS)))}" if known else ""
            raise BadRequest(f"{name}: unknown parameter{hint or ' (this resource takes none)'}")
        if name in seen:
            raise BadRequest(f"{name}: given more than once; give it once")
        seen.add(name)


def text_param(params: Mapping[str, str], name: str, *, max_length: int = 200) -> str | None:
    value = params.get(name, "").strip()
    if len(value) > max_length:
        raise BadRequest(f"{name}: at most {max_length} characters")
    if "\x00" in value:
        raise BadRequest(f"{name}: contains a NUL character")
    return value or None


def date_param(params: Mapping[str, str], name: str) -> str | None:
    value = text_param(params, name, max_length=10)
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise BadRequest(f"{name}: {value!r} is not a date; use YYYY-MM-DD") from None


def int_param(params: Mapping[str, str], name: str, default: int, *, low: int, high: int) -> int:
    value = params.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise BadRequest(f"{name}: {value!r} is not a whole number") from None
    if not low <= number <= high:
        raise BadRequest(f"{name}: must be between {low} and {high}")
    return number


def offset_param(params: Mapping[str, str], *, search: bool) -> int:
    """The ``offset`` parameter; for a full-text search at most :data:`MAX_SEARCH_OFFSET`."""
    offset = int_param(params, "offset", 0, low=0, high=MAX_OFFSET)
    if search and offset > MAX_SEARCH_OFFSET:
        raise BadRequest(
            f"offset: at most {MAX_SEARCH_OFFSET} with a full-text query (q); "
            "narrow the query or add filters instead of paging further"
        )
    return offset


def bool_param(params: Mapping[str, str], name: str) -> bool | None:
    value = params.get(name, "").strip().lower()
    if not value:
        return None
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise BadRequest(f"{name}: {value!r} is not true or false")


def type_param(params: Mapping[str, str]) -> str | None:
    value = text_param(params, "type", max_length=20)
    if value is None:
        return None
    if value.upper() not in PLOVER_TYPES:
        raise BadRequest(f"type: {value!r} is not a PLOVER type; use one of {', '.join(PLOVER_TYPES)}")
    return value.upper()


def modality_param(params: Mapping[str, str]) -> tuple[str, ...]:
    """``modality=asserted,planned``: any of these (comma-separated); absent = every modality."""
    value = text_param(params, "modality")
    if value is None:
        return ()
    chosen = tuple(dict.fromkeys(part.strip().lower() for part in value.split(",") if part.strip()))
    for item in chosen:
        if item not in MODALITIES:
            raise BadRequest(f"modality: {item!r} is not one of {', '.join(MODALITIES)}")
    return chosen


def background_param(params: Mapping[str, str]) -> str:
    """``background=include|exclude|only``: recalled background events with the rest, left out, or alone."""
    text_param(params, "background", max_length=10)
    value = background_choice(params)
    if value not in BACKGROUND_CHOICES:
        raise BadRequest(f"background: {value!r} is not one of {', '.join(BACKGROUND_CHOICES)}")
    return value


def background_choice(params: Mapping[str, str]) -> str:
    """The ``background`` choice of the URL, or the default."""
    return (params.get("background", "").strip() or DEFAULT_BACKGROUND).lower()


def date_range(params: Mapping[str, str]) -> tuple[str | None, str | None]:
    since, until = date_param(params, "since"), date_param(params, "until")
    if since and until and since > until:
        raise BadRequest(f"since: {since} is after until ({until}); swap them")
    return since, until


def event_query(
    params: Mapping[str, str], *, default_limit: int = DEFAULT_LIMIT, download: bool = False
) -> EventQuery:
    """The :class:`EventQuery` that the URL's parameters describe.

    A ``download`` (a streamed CSV / GeoJSON file) has no page-size cap: without ``limit`` it is
    every matching event.
    """
    order = params.get("order", "").strip() or "-date"
    if order not in ORDERS:
        raise BadRequest(f"order: {order!r} is not one of {', '.join(ORDERS)}")
    q = text_param(params, "q")
    since, until = date_range(params)
    actor = text_param(params, "actor")
    try:
        return EventQuery(
            country=text_param(params, "country"),
            admin1=text_param(params, "admin1"),
            plover_type=type_param(params),
            acled_event_type=text_param(params, "acled_type"),
            since=since,
            until=until,
            actor=actor,
            actor_aliases=search_aliases(actor) if actor else (),
            q=q,
            has_fatalities=bool_param(params, "has_fatalities"),
            modalities=modality_param(params),
            limit=(
                (int_param(params, "limit", 0, low=1, high=MAX_OFFSET) or None)
                if download
                else int_param(params, "limit", default_limit, low=1, high=MAX_LIMIT)
            ),
            offset=offset_param(params, search=q is not None),
            order=order,
        ).with_background(background_param(params))
    except ConfigError as exc:
        raise BadRequest(str(exc)) from exc


def filter_values(params: Mapping[str, str]) -> dict[str, str]:
    """The filters present in the URL, to keep them in links and forms."""
    return {name: params[name] for name in FILTERS if params.get(name, "").strip()}
