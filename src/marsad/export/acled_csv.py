"""ACLED-compatible CSV: ACLED's 31 columns, in ACLED's order, filled from marsad events.

docs/export.md says how each column is filled. Events ACLED would not record are
skipped and counted in the log: no ACLED event type (CONSULT, ...); planned, negated
or hypothetical events; events dated only to a year, or not at all.
"""

from __future__ import annotations

import csv
import functools
import io
import logging
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from importlib import resources
from typing import TextIO

import pycountry

from marsad import acled
from marsad.export.cells import safe_row
from marsad.export.notes import summary
from marsad.records import ActorRef, Article, Event, Modality, Precision

log = logging.getLogger(__name__)

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)

# `interaction` puts the lower inter code first.
INTER_TYPES = acled.ACTOR_TYPES
_INTER_CODES = {name.casefold(): code for code, name in enumerate(INTER_TYPES, start=1)}

_DISORDER = {
    "Battles": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Strategic developments": "Strategic developments",
}
_DISORDER_BY_SUB = {
    "Excessive force against protesters": "Political violence; Demonstrations",
    "Mob violence": "Political violence",
}
# Where civilians as the (main) target make an event "Civilians targeted" (codebook).
_TARGETING_TYPES = frozenset({"Violence against civilians", "Explosions/Remote violence", "Riots"})
_TIME_PRECISION = {Precision.DAY: "1", Precision.WEEK: "2", Precision.MONTH: "3"}


@functools.cache
def acled_countries() -> dict[str, tuple[str, str]]:
    """ISO alpha-2 -> (ACLED country name, ACLED region), from acled_countries.tsv."""
    text = resources.files("marsad.export").joinpath("acled_countries.tsv").read_text(encoding="utf-8")
    table: dict[str, tuple[str, str]] = {}
    for line in text.splitlines()[1:]:
        if not line.strip() or line.startswith(("#", "iso2\t")):
            continue
        iso2, name, region = line.split("\t")
        table[iso2] = (name, region)
    return table


def is_acled_event(event: Event) -> bool:
    """True if ACLED would record it: an ACLED event type, reported as having happened, and
    dated to the day, week or month (the codebook records nothing less precise)."""
    return skip_reason(event) is None


def skip_reason(event: Event) -> str | None:
    """Why ACLED would not record the event, or None if it would."""
    if event.acled_event_type not in _DISORDER:
        return "no ACLED event type"
    if event.modality is not Modality.ASSERTED:
        return f"not reported as having happened ({event.modality.value})"
    if not event.date.date or event.date.precision not in _TIME_PRECISION:
        return f"date known only to the {event.date.precision.value}" if event.date.date else "no date"
    return None


def inter_type(actor: ActorRef | None) -> str:
    """ACLED's actor type as text, or "" when the actor's type is not one of ACLED's eight."""
    if actor is None or not actor.actor_type:
        return ""
    value = actor.actor_type.strip()
    if value.isdigit() and 1 <= int(value) <= len(INTER_TYPES):
        return INTER_TYPES[int(value) - 1]
    code = _INTER_CODES.get(value.casefold())
    return INTER_TYPES[code - 1] if code else ""


def interaction(inter1: str, inter2: str) -> str:
    """ "State forces-Political militia" (lowest code first), "Rebel group only", or ""."""
    codes = sorted(_INTER_CODES[name.casefold()] for name in (inter1, inter2) if name)
    if not codes:
        return ""
    if len(codes) == 1:
        return f"{INTER_TYPES[codes[0] - 1]} only"
    return "-".join(INTER_TYPES[code - 1] for code in codes)


def _country_fields(iso2: str | None, fallback_name: str | None) -> tuple[str, str, str, str]:
    """(ISO3, ISO numeric, ACLED country name, ACLED region) for a country code."""
    if not iso2:
        return "", "", fallback_name or "", ""
    country = pycountry.countries.get(alpha_2=iso2.upper())
    name, region = acled_countries().get(iso2.upper(), ("", ""))
    if country is None:
        return "", "", name or fallback_name or "", region
    common = getattr(country, "common_name", None) or country.name
    return str(country.alpha_3), str(int(country.numeric)), name or fallback_name or str(common), region


def _assoc(actors: tuple[ActorRef, ...]) -> str:
    main = actors[0].label if actors else ""
    return "; ".join(name for name in dict.fromkeys(a.label for a in actors[1:]) if name != main)


def _civilian_targeting(event: Event, inter2: str) -> str:
    if event.acled_event_type == "Violence against civilians":
        return "Civilians targeted"
    targeted = event.acled_event_type in _TARGETING_TYPES
    targeted = targeted or event.acled_sub_event_type == "Excessive force against protesters"
    civilians = inter2 == "Civilians" or any(inter_type(a) == "Civilians" for a in event.actor2)
    return "Civilians targeted" if targeted and civilians else ""


def tags(event: Event) -> str:
    """marsad's extra facts in ACLED's "key=value; ..." tag style."""
    items: list[str] = []
    if event.fatalities_low is not None:
        items.append(f"fatalities low={event.fatalities_low}")
    if event.fatalities_high is not None:
        items.append(f"fatalities high={event.fatalities_high}")
    if event.injured is not None:
        items.append(f"injured={event.injured}")
    if event.arrested is not None:
        items.append(f"arrested={event.arrested}")
    plover = event.plover_type + (f"/{event.plover_mode}" if event.plover_mode else "")
    items.append(f"plover={plover}")
    if event.date.precision not in _TIME_PRECISION:
        items.append(f"date precision={event.date.precision.value}")
    if event.background:
        items.append("background event")
    if event.claims:
        items.append(f"claims={len(event.claims)}")
    return "; ".join(items)


def _sources(event: Event, articles: Mapping[str, Article] | None) -> str:
    names = list(event.sources)
    if not names and articles:
        names = [articles[a].source or "" for a in event.article_ids if a in articles]
    return "; ".join(name for name in dict.fromkeys(names) if name)


def _coordinate(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def acled_row(
    event: Event, *, articles: Mapping[str, Article] | None = None, timestamp: int | None = None
) -> dict[str, str]:
    """ACLED's 31 columns for one event, in ACLED's order, every value a string.

    ``timestamp`` (Unix seconds) defaults to now; pass a fixed one for byte-stable files.
    """
    place = event.place
    iso3, iso_numeric, country, region = _country_fields(
        place.country if place else None, place.country_name if place else None
    )
    actor1 = event.actor1[0] if event.actor1 else None
    actor2 = event.actor2[0] if event.actor2 else None
    inter1, inter2 = inter_type(actor1), inter_type(actor2)
    event_type = event.acled_event_type or ""
    date = event.date.date or ""
    values = {
        "event_id_cnty": f"{iso3}{event.id}",
        "event_date": date,
        "year": date[:4],
        "time_precision": _TIME_PRECISION.get(event.date.precision, ""),
        "disorder_type": _DISORDER_BY_SUB.get(
            event.acled_sub_event_type or "", _DISORDER.get(event_type, "")
        ),
        "event_type": event_type,
        "sub_event_type": event.acled_sub_event_type or "",
        "actor1": actor1.label if actor1 else "",
        "assoc_actor_1": _assoc(event.actor1),
        "inter1": inter1,
        "actor2": actor2.label if actor2 else "",
        "assoc_actor_2": _assoc(event.actor2),
        "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": _civilian_targeting(event, inter2),
        "iso": iso_numeric,
        "region": region,
        "country": country,
        "admin1": (place.admin1 or "") if place else "",
        "admin2": (place.admin2 or "") if place else "",
        "admin3": "",
        "location": (place.name or place.text) if place else "",
        "latitude": _coordinate(place.latitude if place else None),
        "longitude": _coordinate(place.longitude if place else None),
        "geo_precision": str(place.geo_precision) if place and place.geo_precision is not None else "",
        "source": _sources(event, articles),
        "source_scale": "",
        "notes": summary(event, country=country),
        "fatalities": str(event.fatalities_best or 0),
        "tags": tags(event),
        "timestamp": str(int(time.time()) if timestamp is None else timestamp),
    }
    return {column: values[column] for column in ACLED_COLUMNS}


def write_acled_csv(
    events: Iterable[Event],
    fp: TextIO,
    *,
    articles: Mapping[str, Article] | None = None,
    timestamp: int | None = None,
) -> int:
    """Write the header and one row per ACLED event; return rows written (skipped ones are logged)."""
    counts: dict[str, int] = {}
    for chunk in acled_csv_chunks(events, articles=articles, timestamp=timestamp, counts=counts):
        fp.write(chunk)
    return counts["written"]


def acled_csv_chunks(
    events: Iterable[Event],
    *,
    articles: Mapping[str, Article] | None = None,
    timestamp: int | None = None,
    counts: dict[str, int] | None = None,
) -> Iterator[str]:
    """The text of :func:`write_acled_csv` a line at a time, reading ``events`` lazily (for streaming)."""
    stamp = int(time.time()) if timestamp is None else timestamp
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=ACLED_COLUMNS, lineterminator="\n")

    def taken() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writeheader()
    yield taken()
    written = 0
    skipped: Counter[str] = Counter()
    for event in events:
        reason = skip_reason(event)
        if reason is not None:
            skipped[reason] += 1
            continue
        writer.writerow(safe_row(acled_row(event, articles=articles, timestamp=stamp)))
        written += 1
        yield taken()
    for reason, count in sorted(skipped.items()):
        log.info("acled-csv: skipped %d events ACLED would not record: %s", count, reason)
    if counts is not None:
        counts["written"] = written
