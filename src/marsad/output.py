"""Terminal-facing views of events: one flat row per event, and a plain text table."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence

from marsad.export.cells import safe_row
from marsad.records import ActorRef, Event, Modality, to_dict

TABLE_COLUMNS = (
    "date",
    "type",
    "actor1",
    "actor2",
    "location",
    "country",
    "killed",
    "sources",
    "flags",
    "id",
)


def actors_text(actors: Sequence[ActorRef]) -> str:
    return "; ".join(dict.fromkeys(actor.label for actor in actors))


def figure_text(low: int | None, high: int | None) -> str:
    if low is None and high is None:
        return ""
    if low == high or high is None:
        return str(low)
    return f"{low}-{high}"


def event_flags(event: Event) -> str:
    flags = []
    if event.background:
        flags.append("background")
    if event.modality is not Modality.ASSERTED:
        flags.append(event.modality.value)
    return ",".join(flags)


def event_row(event: Event) -> dict[str, str]:
    """The flat view of an event used by the table and the CSV output of ``marsad events``."""
    place = event.place
    event_type = event.plover_type + (f"/{event.plover_mode}" if event.plover_mode else "")
    return {
        "date": event.date.date or (f"? {event.date.text}" if event.date.text else "?"),
        "type": event_type,
        "actor1": actors_text(event.actor1),
        "actor2": actors_text(event.actor2),
        "location": (place.name or place.text) if place else "",
        "country": (place.country or "") if place else "",
        "killed": figure_text(event.fatalities_low, event.fatalities_high),
        "sources": str(len(event.sources)),
        "flags": event_flags(event),
        "id": event.id,
    }


def place_explanation(event: Event) -> str:
    """How an event's place was read: as named, as resolved (admin2, admin1, country, point, ACLED geo
    precision), and the clue that decided it among the gazetteer's candidates."""
    place = event.place
    if place is None:
        return f"{event.id}  place unknown: no place named and no country the article is clearly about"
    where = ", ".join(part for part in (place.name, place.admin2, place.admin1, place.country) if part)
    point = (
        f" ({place.latitude:.3f}, {place.longitude:.3f})"
        if place.latitude is not None and place.longitude is not None
        else ""
    )
    precision = f", geo precision {place.geo_precision}" if place.geo_precision else ""
    clue = place.clue or ("not in the gazetteer" if not place.country else "no rival reading")
    return f"{event.id}  “{place.text}” -> {where or 'unresolved'}{point}{precision}; decided by: {clue}"


def render_table(
    rows: Sequence[dict[str, str]], columns: Sequence[str] = TABLE_COLUMNS, width: int = 28
) -> str:
    """A fixed-width text table; long cells are cut with an ellipsis."""

    def cell(value: str) -> str:
        return value if len(value) <= width else value[: width - 1] + "…"

    table = [[column.upper() for column in columns]]
    table += [[cell(row.get(column, "")) for column in columns] for row in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(columns))]
    return "\n".join(
        "  ".join(value.ljust(w) for value, w in zip(line, widths, strict=True)).rstrip() for line in table
    )


def events_json(events: Iterable[Event]) -> str:
    return json.dumps([to_dict(event) for event in events], ensure_ascii=False, indent=2, sort_keys=True)


def events_csv(events: Iterable[Event]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(TABLE_COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(safe_row(event_row(event)) for event in events)
    return buffer.getvalue()
