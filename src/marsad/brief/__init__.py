"""The daily situation brief: what happened on a day, against the week before.

A brief has: counts by country and by type for the day and the previous seven days (as a daily
average), the most severe events with every source's figures side by side (conflicts flagged),
actors seen for the first time, and a small map.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Sequence

from marsad.brief.render import render_html, render_html_body, render_markdown
from marsad.not_actors import is_shown
from marsad.records import Event
from marsad.store import EventQuery, Store

__all__ = ["Brief", "build_brief", "render_html", "render_html_body", "render_markdown"]

SEVERE = 5  # events listed as most severe


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Brief:
    date: str
    country: str | None
    events: tuple[Event, ...]  # events on the day (not recalled background)
    previous: tuple[Event, ...]  # events in the seven days before
    severe: tuple[Event, ...]
    new_actors: tuple[str, ...]

    def by_country(self) -> list[tuple[str, int, float]]:
        return _compare(
            self.events, self.previous, lambda e: (e.place.country if e.place else None) or "unknown"
        )

    def by_type(self) -> list[tuple[str, int, float]]:
        return _compare(self.events, self.previous, lambda e: e.plover_type)


def _compare(today: Sequence[Event], week: Sequence[Event], key: object) -> list[tuple[str, int, float]]:
    """(key, count on the day, daily average over the previous week), most frequent first."""
    assert callable(key)
    now, before = Counter(map(key, today)), Counter(map(key, week))
    keys = sorted(set(now) | set(before), key=lambda k: (-now[k], -before[k], k))
    return [(k, now[k], round(before[k] / 7, 2)) for k in keys]


def severity(event: Event) -> tuple[int, int, int]:
    return (event.fatalities_high or 0, event.fatalities_best or 0, len(event.sources))


def build_brief(store: Store, date: str, *, country: str | None = None) -> Brief:
    """Collect the brief for ``date`` (YYYY-MM-DD), optionally for one country."""
    day = dt.date.fromisoformat(date)
    week_start = (day - dt.timedelta(days=7)).isoformat()
    yesterday = (day - dt.timedelta(days=1)).isoformat()
    today = _dated(
        store.events(EventQuery(country=country, since=date, until=date, include_background=False)), date
    )
    previous = tuple(
        e
        for e in store.events(
            EventQuery(country=country, since=week_start, until=yesterday, include_background=False)
        )
        if e.date.date and len(e.date.date) == 10
    )
    earlier = store.events(EventQuery(until=yesterday))
    seen = {ref.label for e in earlier for ref in (*e.actor1, *e.actor2)}
    named = {ref.label for e in today for ref in (*e.actor1, *e.actor2) if is_shown(ref)}
    new = sorted(named - seen)
    severe = tuple(sorted(today, key=severity, reverse=True)[:SEVERE])
    return Brief(
        date=date, country=country, events=today, previous=previous, severe=severe, new_actors=tuple(new)
    )


def _dated(events: Sequence[Event], date: str) -> tuple[Event, ...]:
    return tuple(e for e in events if e.date.date == date)
