"""Where a resolved date stands against the article: ahead of it, news, or long before it.

A date covers days, not a point: a day is itself, a week its midpoint +- 3 days, a month every day of
the month, a year the whole year. An event whose days all lie after the article cannot have happened
yet (it is planned); one whose days all ended more than ``RECENT_DAYS`` before the article's news (or
before a round-up's month) is recalled background. The article's news is its own day, or for a
round-up titled with a past month ("..., September 2020", published in October) that whole month: its
undated events are dated to that month at month precision, never to an invented day.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import re

from marsad.records import DateRef, Precision
from marsad.resolve.dates import resolve_date

# How long before the article's news an event may lie and still be news (a wire report's "last week").
RECENT_DAYS = 7

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
# Day expressions a lead sentence dates its story with: "On Monday", "late on Sunday", "yesterday",
# "last night", "December 26", "26 December".
_LEAD_DAY = re.compile(
    r"\b(?:(?:last|late on|early on|on)\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day\b"
    r"|\byesterday\b|\blast night\b"
    r"|\b(?:" + "|".join(_MONTHS) + r")\s+\d{1,2}\b|\b\d{1,2}\s+(?:" + "|".join(_MONTHS) + r")\b",
    re.I,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
_TITLE_MONTH = re.compile(r"\b(?P<month>" + "|".join(_MONTHS) + r")\s+(?P<year>(?:19|20)\d\d)\b", re.I)


@dataclasses.dataclass(frozen=True, slots=True)
class Period:
    """The days an article reports as news: its own day, or the past month a round-up covers."""

    start: dt.date
    end: dt.date
    precision: Precision

    @property
    def default_date(self) -> DateRef:
        """The date an undated reported event takes: the article's day, or the round-up's month."""
        if self.precision is Precision.MONTH:
            return DateRef(text=None, date=self.start.replace(day=15).isoformat(), precision=Precision.MONTH)
        return DateRef(text=None, date=self.start.isoformat(), precision=Precision.DAY)


def news_period(title: str, reference: str | None) -> Period | None:
    """The article's news days: a month named with its year in the title and over before the article was
    published ("On the campaign trail, September 2020"), else the reference day itself."""
    day = _iso(reference)
    if day is None:
        return None
    for match in _TITLE_MONTH.finditer(title or ""):
        year, month = int(match["year"]), _MONTHS[match["month"].lower()]
        last = dt.date(year, month, calendar.monthrange(year, month)[1])
        if last < day and (day - last).days <= 62:
            return Period(dt.date(year, month, 1), last, Precision.MONTH)
    return Period(day, day, Precision.DAY)


def lead_day(body: str, period: Period | None) -> DateRef | None:
    """The day the article's lead sentence gives its story ("A car bomb was on Monday rammed into ..."),
    when it lies within ``RECENT_DAYS`` before a one-day article: the day its undated events took place."""
    if period is None or period.precision is not Precision.DAY:
        return None
    first = (body or "").lstrip().split("\n", 1)[0]
    lead = " ".join(_SENTENCE_END.split(first)[:2])
    for match in _LEAD_DAY.finditer(lead):
        found = resolve_date(match.group(0), period.end.isoformat())
        if found.precision is not Precision.DAY or found.date is None:
            continue
        day = dt.date.fromisoformat(found.date)
        if period.end - dt.timedelta(days=RECENT_DAYS) <= day <= period.end:
            return DateRef(text=None, date=found.date, precision=Precision.DAY)
        return None
    return None


def date_span(date: DateRef) -> tuple[dt.date, dt.date] | None:
    """The first and last day a resolved date covers; None when it is unresolved."""
    if not date.date or date.precision is Precision.UNKNOWN:
        return None
    if date.precision is Precision.YEAR or len(date.date) == 4:
        year = int(date.date[:4])
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    point = _iso(date.date)
    if point is None:
        return None
    if date.precision is Precision.WEEK:
        return point - dt.timedelta(days=3), point + dt.timedelta(days=3)
    if date.precision is Precision.MONTH:
        last = calendar.monthrange(point.year, point.month)[1]
        return point.replace(day=1), point.replace(day=last)
    return point, point


def is_ahead(date: DateRef, period: Period) -> bool:
    """Every day of ``date`` lies after the article's news: the event has not happened yet."""
    span = date_span(date)
    return span is not None and span[0] > period.end


def is_long_before(date: DateRef, period: Period) -> bool:
    """Every day of ``date`` ended more than ``RECENT_DAYS`` before a one-day article's news, or before a
    round-up's month began (the round-up's news is that month: "the shooting of X in August" in a
    September round-up is recalled)."""
    span = date_span(date)
    slack = RECENT_DAYS if period.precision is Precision.DAY else 0
    return span is not None and (period.start - span[1]).days > slack


def _iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
