"""ACLED-style CSV gold: one article text per row, plus ACLED's coded columns.

Columns read (any order; names are case-insensitive, extra columns are ignored):

* the text: ``text`` (or ``body``, ``article``, ``article_text``); required;
* ``title``, ``source``, ``url``, ``published`` (optional, for the Article);
* ``event_type`` (required), ``sub_event_type``, ``actor1``, ``actor2``, ``event_date``,
  ``time_precision``, ``country``, ``admin1``, ``location``, ``latitude``, ``longitude``,
  ``fatalities``, ``event_id_cnty`` (the gold event id), ``status`` (required/optional).

Rows with the same title and text are one article with several gold events.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import re

from marsad.errors import GoldError
from marsad.evaluate.gold import Gold, GoldEvent, GoldLocation, check_acled, check_date
from marsad.records import Article, Paragraph, Precision, content_id

log = logging.getLogger(__name__)

TEXT_COLUMNS = ("text", "body", "article", "article_text")
_TIME_PRECISION = {"1": Precision.DAY, "2": Precision.WEEK, "3": Precision.MONTH}


class _Row:
    """One CSV record with the line it starts on, for error messages."""

    def __init__(self, values: dict[str, str], path: str, line: int) -> None:
        self.values = values
        self.where = f"{path}:{line}"
        self.line = line

    def fail(self, message: str) -> GoldError:
        return GoldError(f"{self.where}: {message}")

    def get(self, key: str) -> str | None:
        value = self.values.get(key, "").strip()
        return value or None

    def number(self, key: str) -> float | None:
        value = self.get(key)
        try:
            return float(value) if value is not None else None
        except ValueError as exc:
            raise self.fail(f"{key} {value!r} is not a number") from exc

    def count(self, key: str) -> int | None:
        value = self.get(key)
        if value is None:
            return None
        if not value.isdigit():
            raise self.fail(f"{key} {value!r} must be a whole number >= 0")
        return int(value)


def parse_csv(text: str, path: str, digest: str = "", *, delimiter: str = ",") -> Gold:
    """Parse ACLED-style CSV gold text (``path`` only names the file in errors)."""
    rows = list(_read_rows(text, path, delimiter))
    articles: dict[tuple[str, str], Article] = {}
    numbers: dict[tuple[str, str], int] = {}
    events: list[GoldEvent] = []
    for row in rows:
        article = _article(row)
        key = (article.title, article.body)
        articles.setdefault(key, article)
        numbers.setdefault(key, len(numbers) + 1)
        events.append(_event(row, numbers[key]))
    ids = [e.id for e in events]
    for event in events:
        if ids.count(event.id) > 1:
            raise GoldError(f"{path}:{event.line}: event id {event.id!r} occurs twice; ids must be unique")
    unique = tuple(articles.values())
    return Gold(
        path=path,
        format="csv",
        events=tuple(events),
        n_articles=len(unique),
        titles=tuple(a.title or None for a in unique),
        articles=unique,
        digest=digest,
    )


def _read_rows(text: str, path: str, delimiter: str) -> list[_Row]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [name.strip().lower() for name in next(reader)]
    except StopIteration:
        raise GoldError(f"{path}: empty CSV; expected a header row and one row per article") from None
    except csv.Error as exc:
        raise GoldError(f"{path}:1: unreadable CSV header ({exc})") from exc
    text_column = next((c for c in TEXT_COLUMNS if c in header), None)
    if text_column is None:
        raise GoldError(f"{path}:1: no text column; name one of {', '.join(TEXT_COLUMNS)}")
    if "event_type" not in header:
        raise GoldError(f"{path}:1: no event_type column; ACLED-style gold needs the coded event_type")
    rows: list[_Row] = []
    line = reader.line_num + 1
    try:
        for record in reader:
            if any(field.strip() for field in record):
                if len(record) != len(header):
                    raise GoldError(f"{path}:{line}: {len(record)} fields, but the header has {len(header)}")
                values = dict(zip(header, record, strict=True))
                values["text"] = values[text_column]
                rows.append(_Row(values, path, line))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise GoldError(f"{path}:{line}: unreadable CSV row ({exc}); check the quoting") from exc
    if not rows:
        raise GoldError(f"{path}: no data rows; expected one row per article")
    return rows


def _article(row: _Row) -> Article:
    body_text = row.get("text")
    if body_text is None:
        raise row.fail("empty text; each row needs the article text")
    title = row.get("title") or ""
    paragraphs = [p.strip() for p in re.split(r"\n+", body_text) if p.strip()]
    body = "\n\n".join(paragraphs)
    spans: list[Paragraph] = []
    start = 0
    for paragraph in paragraphs:
        spans.append(Paragraph(start=start, end=start + len(paragraph)))
        start += len(paragraph) + 2
    published = check_date(row.get("published"), row.where)
    return Article(
        id=content_id(title, body, prefix="a_"),
        title=title,
        body=body,
        paragraphs=tuple(spans),
        source=row.get("source"),
        url=row.get("url"),
        published=published,
        published_from="input" if published else None,
        format="csv",
    )


def _event(row: _Row, article: int) -> GoldEvent:
    event_type, sub_event_type = row.get("event_type"), row.get("sub_event_type")
    if event_type is None:
        raise row.fail("empty event_type; code the row's ACLED event type")
    check_acled(event_type, sub_event_type, row.where)
    status = (row.get("status") or "required").lower()
    if status not in {"required", "optional"}:
        raise row.fail(f'status must be "required" or "optional", not {status!r}')
    date = _date(row)
    precision = _TIME_PRECISION.get(row.get("time_precision") or "1")
    if precision is None:
        raise row.fail(f"time_precision {row.get('time_precision')!r} must be 1, 2 or 3")
    fatalities = row.count("fatalities")
    return GoldEvent(
        id=row.get("event_id_cnty") or f"row{row.line}",
        article=article,
        required=status == "required",
        acled_event_type=event_type,
        acled_sub_event_type=sub_event_type,
        actor1=row.get("actor1"),
        actor2=row.get("actor2"),
        location=_location(row),
        date=date,
        date_precision=precision if date else Precision.UNKNOWN,
        fatalities_low=fatalities,
        fatalities_high=fatalities,
        fatalities_best=fatalities,
        line=row.line,
    )


def _date(row: _Row) -> str | None:
    value = row.get("event_date")
    if value is None:
        return None
    # ACLED's own exports write "04 January 2024"; our gold writes ISO.
    for fmt in ("%Y-%m-%d", "%d %B %Y"):
        try:
            return dt.datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    raise row.fail(f"event_date {value!r} is neither YYYY-MM-DD nor '04 January 2024' style")


def _location(row: _Row) -> GoldLocation:
    lat, lon = row.number("latitude"), row.number("longitude")
    if (lat is None) != (lon is None):
        raise row.fail("give both latitude and longitude, or neither")
    if lat is not None and lon is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise row.fail(f"coordinates {lat}, {lon} are out of range")
    return GoldLocation(
        name=row.get("location"),
        admin1=row.get("admin1"),
        country=row.get("country"),
        latitude=lat,
        longitude=lon,
    )
