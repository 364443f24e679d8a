"""Terminal-facing views of events: one flat row per event, and a plain text table."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from marsad.export.cells import safe_row
from marsad.records import ActorRef, Article, Event, Figure, Modality, to_dict
from marsad.sanity import review_flags

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


def claim_figure_text(figure: Figure) -> str:
    """A claim's figure as a reader says it: "2", "2-5", "at least 2", "at most 5", "unknown"
    (a figure's ``high`` of None with a ``low`` means "at least low")."""
    low, high = figure.low, figure.high
    if low is None and high is None:
        return "unknown"
    if high is None:
        return f"at least {low}"
    if low is None:
        return f"at most {high}"
    return str(low) if low == high else f"{low}-{high}"


def figure_text(low: int | None, high: int | None) -> str:
    if low is None and high is None:
        return ""
    if low == high or high is None:
        return str(low)
    return f"{low}-{high}"


def event_flags(event: Event) -> str:
    flags = list(review_flags(event))
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


def actor_explanation(event: Event) -> str:
    """How an event's actors were read: each as written, as resolved, and the evidence that gave it its
    role ("passive by-phrase", "possessive", "speaker", "metonym"...)."""

    def one(ref: ActorRef) -> str:
        return f"“{ref.text}” -> {ref.label if ref.resolved else 'unresolved'} [{ref.clue or 'no clue kept'}]"

    parts = [
        f"{role} " + ("; ".join(one(ref) for ref in refs) if refs else "none")
        for role, refs in (("actor1", event.actor1), ("actor2", event.actor2))
    ]
    return f"{event.id}  " + "  |  ".join(parts)


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


def article_reference(article: Article) -> dict[str, Any]:
    """What links an event back to the user's own records: the article's id, its reference (a CSV row
    id) and the other columns of its row."""
    return {
        "id": article.id,
        "title": article.title,
        "source": article.source,
        "reference": article.reference,
        "metadata": dict(article.metadata),
    }


def references_text(event: Event, articles: Mapping[str, Article]) -> str:
    """The event's articles as the input named them (their references), else their ids."""
    found = (articles.get(article_id) for article_id in event.article_ids)
    return "; ".join(dict.fromkeys(a.reference or a.id for a in found if a is not None))


def events_json(events: Iterable[Event], articles: Mapping[str, Article] | None = None) -> str:
    """The events as a JSON array; with ``articles``, each event lists its articles' references."""
    items = []
    for event in events:
        item = to_dict(event)
        if articles is not None:
            item["articles"] = [article_reference(articles[a]) for a in event.article_ids if a in articles]
        items.append(item)
    return json.dumps(items, ensure_ascii=False, indent=2, sort_keys=True)


def events_csv(events: Iterable[Event], articles: Mapping[str, Article] | None = None) -> str:
    """The table's columns as CSV; with ``articles``, a ``refs`` column of article references."""
    columns = [*TABLE_COLUMNS, "refs"] if articles is not None else list(TABLE_COLUMNS)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for event in events:
        row = event_row(event)
        if articles is not None:
            row["refs"] = references_text(event, articles)
        writer.writerow(safe_row(row))
    return buffer.getvalue()
