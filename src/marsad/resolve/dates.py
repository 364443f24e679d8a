"""Date expressions resolved against the article date, with ACLED-style precision.

"on Thursday" -> the latest Thursday on or before the reference (the reference
itself when it is a Thursday; the next one for a planned event, unless the expression dates the
statement: "said on Thursday"); "December 26" -> the latest 26 December not after
it; "last week" -> the middle of the previous week (precision week); "last month"
-> the 15th of the previous month (precision month); "in 2020" -> "2020" (year).
Without a reference, only expressions that carry their own year resolve:
nothing is guessed, the expression is kept with precision "unknown".
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import re
from typing import Literal

from marsad.article_date import DAY as _DAY
from marsad.article_date import MONTH as _MONTH
from marsad.article_date import MONTHS as _MONTHS
from marsad.article_date import YEAR as _YEAR
from marsad.article_date import valid_day as _valid
from marsad.records import DateRef, Precision

log = logging.getLogger(__name__)

Prefer = Literal["past", "future"]

_WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
_WEEKDAY = r"(?P<weekday>" + "|".join(_WEEKDAYS) + r")"
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "several": 3, "few": 3, "a few": 3}  # fmt: skip

# Words around a date that do not change the day: "earlier Monday", "late on Sunday night".
_FILLER = re.compile(
    r"\b(?:on|in|at|since|during|by|from|as of|of|the|over|throughout|earlier|later|early on|late on|"
    r"overnight|morning|afternoon|evening|night|noon|midnight|dawn|day|said|announced|reported)\b",
    re.I,
)
# A date widened to its speech verb ("said in televised remarks Sunday night") dates a statement.
_STATEMENT = re.compile(
    r"\b(?:said|says|told|announced|reported|stated|added|confirmed|declared|remarked|stressed|wrote|posted)\b",
    re.I,
)
_NIGHT = re.compile(r"\bovernight\b", re.I)
_DAY_RUN = re.compile(
    r"(?<![\d-])\b(?P<first>\d{1,2})(?:st|nd|rd|th)?\s*(?:and|to|-|–)\s*\d{1,2}(?:st|nd|rd|th)?\b"
)


def resolve_date(text: str | None, reference: str | None, *, prefer: Prefer = "past") -> DateRef:
    """Resolve ``text`` against the ISO ``reference`` date; ``prefer`` "future" for planned events.

    The date of a statement ("said on Sunday") looks back even for a planned event: a report quotes
    what was said before it was written; only the planned event's own date lies ahead.
    """
    if not text or not text.strip():
        return DateRef(text=text or None)
    if _STATEMENT.search(text):
        prefer = "past"
    ref = _parse_iso(reference)
    words = _clean(text).split()
    if not words and _NIGHT.search(text) and ref is not None:
        # A bare "overnight" names the night before the report, like "last night": the evening's day.
        return DateRef(text=text, date=(ref - dt.timedelta(days=1)).isoformat(), precision=Precision.DAY)
    # Longest word run first, so "the December 26 attack" reads as "december 26", not "26".
    for size in range(min(len(words), 6), 0, -1):
        for start in range(len(words) - size + 1):
            result = _apply_rules(" ".join(words[start : start + size]), ref, prefer)
            if result is not None:
                return DateRef(text=text, date=result[0], precision=result[1])
    return DateRef(text=text)


def _apply_rules(text: str, ref: dt.date | None, prefer: Prefer) -> Result:
    for rule in _RULES:
        result = rule(text, ref, prefer)
        if result is not None:
            return result
    return None


def _parse_iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        log.warning("reference date %r is not YYYY-MM-DD; dates of this article stay unresolved", value)
        return None


def _clean(text: str) -> str:
    text = text.lower().replace("’", "'").replace(",", " ")
    text = re.sub(r"'s\b", "", text)  # "Thursday's strike"
    text = re.sub(r"\bmid-", "mid ", text)
    # A run of days is dated by its first: "on 10 and 11 September", "September 10-11".
    text = _DAY_RUN.sub(lambda m: m["first"], text)
    text = _FILLER.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip()


Result = tuple[str, Precision] | None


def _absolute_day(text: str, ref: dt.date | None, prefer: Prefer) -> Result:
    """'December 26', '26 December', 'Dec. 26, 2025', '2024-01-04'."""
    iso = re.fullmatch(r"(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)", text)
    match = iso or re.fullmatch(rf"{_MONTH}\s+{_DAY}(?:\s+{_YEAR})?", text)
    if match is None:
        match = re.fullmatch(rf"{_DAY}\s+{_MONTH}(?:\s+{_YEAR})?", text)
    if match is None:
        return None
    month = int(match["month"]) if iso else _MONTHS[match["month"]]
    day = int(match["day"])
    if match["year"]:
        year = int(match["year"])
    elif ref is None:
        return None
    else:
        year = _year_for(ref, month, day, prefer, near_future=True)
    if not _valid(year, month, day):
        return None
    return dt.date(year, month, day).isoformat(), Precision.DAY


# A day-month without a year up to this many days after the article is that coming day, even in a past
# context: "ministers are to meet on 10 and 11 September" in a 5 September report is not last September.
NEAR_FUTURE_DAYS = 45


def _year_for(ref: dt.date, month: int, day: int, prefer: Prefer, *, near_future: bool = False) -> int:
    """The year that puts month/day nearest the reference on the preferred side (29 Feb aside); with
    ``near_future`` (a named day, not a bare month) a day just ahead of the reference stays in its year."""
    year = ref.year
    candidate = (month, day)
    if prefer == "past" and candidate > (ref.month, ref.day):
        ahead = dt.date(year, month, min(day, calendar.monthrange(year, month)[1])) - ref
        if not near_future or ahead.days > NEAR_FUTURE_DAYS:
            year -= 1
    elif prefer == "future" and candidate < (ref.month, ref.day):
        year += 1
    return year


def _weekday(text: str, ref: dt.date | None, prefer: Prefer) -> Result:
    """'Monday', 'last Monday', 'this Monday', 'next Monday' (qualifiers already stripped)."""
    match = re.fullmatch(rf"(?P<which>last|this|next|past|coming)?\s*{_WEEKDAY}", text)
    if match is None or ref is None:
        return None
    target = _WEEKDAYS[match["weekday"]]
    which = match["which"] or ""
    if which in {"next", "coming"} or (prefer == "future" and not which):
        delta = (target - ref.weekday()) % 7
        if which == "next" and delta == 0:
            delta = 7
        return (ref + dt.timedelta(days=delta)).isoformat(), Precision.DAY
    # A weekday equal to the reference's is the reference day itself ("on Thursday" in a Thursday report).
    back = (ref.weekday() - target) % 7
    if which in {"last", "past"} and back == 0:
        back = 7
    return (ref - dt.timedelta(days=back)).isoformat(), Precision.DAY


def _relative_day(text: str, ref: dt.date | None, prefer: Prefer) -> Result:
    """'today', 'yesterday', 'two days ago', 'the day before yesterday'."""
    if ref is None:
        return None
    words = {
        "today": 0,
        "tonight": 0,
        "this": 0,
        "yesterday": 1,
        "last": 1,
        "previous": 1,
        "before yesterday": 2,
        "tomorrow": -1,
    }
    if text in words:
        return (ref - dt.timedelta(days=words[text])).isoformat(), Precision.DAY
    match = re.fullmatch(r"(?P<n>\d+|[a-z]+(?: few)?) days? (?P<way>ago|earlier|before|later)", text)
    if match is None or _count(match["n"]) is None:
        return None
    days = _count(match["n"]) or 0
    sign = -1 if match["way"] == "later" else 1
    return (ref - dt.timedelta(days=sign * days)).isoformat(), Precision.DAY


def _count(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return _NUMBERS.get(word)


def _week(text: str, ref: dt.date | None, prefer: Prefer) -> Result:
    """Periods of about a week; the date is the period's middle (ACLED time_precision 2)."""
    if ref is None:
        return None
    monday = ref - dt.timedelta(days=ref.weekday())
    if text in {"last week", "past week", "previous week", "week before"}:
        return (monday - dt.timedelta(days=4)).isoformat(), Precision.WEEK  # Thursday of last week
    if text in {"this week", "week"}:
        return (monday + (ref - monday) / 2).isoformat(), Precision.WEEK
    if text in {"next week", "coming week"}:
        return (monday + dt.timedelta(days=10)).isoformat(), Precision.WEEK
    if re.fullmatch(r"(?:last |past |recent |few |several |last few |past few |past several )+days", text):
        return (ref - dt.timedelta(days=3)).isoformat(), Precision.WEEK
    if re.fullmatch(r"(?:last |past |this )?weekend", text):
        saturday = ref - dt.timedelta(days=(ref.weekday() - 5) % 7)
        return saturday.isoformat(), Precision.WEEK
    match = re.fullmatch(r"(?P<n>\d+|[a-z]+) weeks? ago", text)
    if match and _count(match["n"]):
        return (ref - dt.timedelta(weeks=_count(match["n"]) or 0)).isoformat(), Precision.WEEK
    return None


def _named_month(text: str, ref: dt.date | None, prefer: Prefer) -> Result:
    """'last April' (the latest April before the reference's month), 'next April', 'this April'."""
    match = re.fullmatch(rf"(?P<which>last|past|previous|next|coming|this)\s+{_MONTH}", text)
    if match is None or ref is None:
        return None
    month = _MONTHS[match["month"]]
    which = match["which"]
    if which in {"last", "past", "previous"}:
        year = ref.year if month < ref.month else ref.year - 1
    elif which in {"next", "coming"}:
        year = ref.year if month > ref.month else ref.year + 1
    else:
        year = ref.year
    return _month_point(year, month, "mid", ref), Precision.MONTH


def _month(text: str, ref: dt.date | None, prefer: Prefer) -> Result:
    """'last month', 'this month', 'October', 'early October', 'October 2023', 'two months ago'."""
    part = "mid"
    match = re.fullmatch(rf"(?P<part>early|beginning|start|mid|late|end)?\s*{_MONTH}(?:\s+{_YEAR})?", text)
    if match:
        part = match["part"] or "mid"
        month = _MONTHS[match["month"]]
        if match["year"]:
            year = int(match["year"])
        elif ref is None:
            return None
        else:
            year = _year_for(ref, month, 1, prefer) if month != ref.month else ref.year
        return _month_point(year, month, part, ref), Precision.MONTH
    if ref is None:
        return None
    offsets = {"last month": -1, "past month": -1, "previous month": -1, "this month": 0, "next month": 1}
    parted = re.fullmatch(r"(?P<part>early|beginning|start|mid|late|end) (?P<rest>.+ month)", text)
    if parted and parted["rest"] in offsets:
        part, text = parted["part"], parted["rest"]
    match = re.fullmatch(r"(?P<n>\d+|[a-z]+) months? ago", text)
    if text in offsets:
        offset = offsets[text]
    elif match and _count(match["n"]):
        offset = -(_count(match["n"]) or 0)
    else:
        return None
    year, month = divmod(ref.year * 12 + ref.month - 1 + offset, 12)
    return _month_point(year, month + 1, part, ref), Precision.MONTH


def _month_point(year: int, month: int, part: str, ref: dt.date | None) -> str:
    """ACLED: the month's middle, or its first/last day for 'early'/'late'.

    Never past the reference date within the reference's own month.
    """
    last = calendar.monthrange(year, month)[1]
    day = {"early": 1, "beginning": 1, "start": 1, "late": last, "end": last}.get(part, 15)
    point = dt.date(year, month, day)
    if ref is not None and (year, month) == (ref.year, ref.month) and point > ref:
        first = dt.date(year, month, 1)
        point = first + (ref - first) / 2 if part not in {"late", "end"} else ref
    return point.isoformat()


def _year(text: str, ref: dt.date | None, prefer: Prefer) -> Result:
    """'2020', 'last year', 'this year'."""
    match = re.fullmatch(_YEAR, text)
    if match:
        return match["year"], Precision.YEAR
    if ref is None:
        return None
    offsets = {"last year": -1, "past year": -1, "previous year": -1, "this year": 0, "next year": 1}
    if text in offsets:
        return str(ref.year + offsets[text]), Precision.YEAR
    return None


_RULES = (_absolute_day, _weekday, _named_month, _relative_day, _week, _month, _year)
