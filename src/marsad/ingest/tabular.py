"""JSON Lines and CSV: one article per line or row, with fields mapped from columns."""

from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Iterable, Mapping
from pathlib import PurePath

from marsad.ingest.base import (
    FIELDS,
    IngestOptions,
    Item,
    Piece,
    build_article,
    iso_date,
    reject,
    split_lines,
    split_text,
)
from marsad.records import SourceSpan

log = logging.getLogger(__name__)
# Which column fed which field, once per file: `marsad run` shows this logger's INFO lines by default.
columns_log = logging.getLogger("marsad.ingest.columns")

# Column names tried for each field, in order, when --column does not name one (case-insensitive).
ALIASES: Mapping[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "body": ("body", "text", "content", "maintext", "article"),
    "published": ("published", "date", "published_at", "date_publish", "pubdate", "datetime"),
    "url": ("url", "link"),
    "source": ("source", "outlet", "publisher", "sitename", "site"),
    "reference": ("id", "row_id", "rowid", "guid", "uid", "article_id", "doc_id", "record_id"),
}


def resolve_columns(names: Iterable[str], options: IngestOptions) -> dict[str, str | None]:
    """For each field, the actual column name that holds it (None if absent)."""
    by_fold = {name.casefold(): name for name in names}
    found: dict[str, str | None] = {}
    for field in FIELDS:
        wanted = (options.columns[field],) if field in options.columns else ALIASES[field]
        found[field] = next((by_fold[w.casefold()] for w in wanted if w.casefold() in by_fold), None)
    return found


def report_columns(path: str, columns: Mapping[str, str | None], names: Iterable[str]) -> None:
    """Say which column fed each field and which were kept as metadata, so no choice is silent."""
    used = ", ".join(f"{field} <- {name!r}" for field, name in columns.items() if name is not None)
    kept = [name for name in names if name not in set(columns.values())]
    rest = f"; kept as metadata: {', '.join(repr(n) for n in kept)}" if kept else ""
    columns_log.info("%s: columns used: %s%s", PurePath(path).name, used or "none", rest)


def metadata_of(
    values: Mapping[str, object], columns: Mapping[str, str | None]
) -> tuple[tuple[str, str], ...]:
    """The record's other columns, as (name, text) pairs; empty values left out."""
    used = set(columns.values())
    pairs = []
    for name, value in values.items():
        if name in used or name is None or value is None or value == "":
            continue
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        pairs.append((str(name), text.strip()))
    return tuple(pairs)


def _body_hint(options: IngestOptions, what: str) -> str:
    if "body" in options.columns:
        return f"has no {what} {options.columns['body']!r} (named by --column body=...)"
    looked = ", ".join(ALIASES["body"])
    return f"has no body {what} (looked for {looked}); name it with --column body=NAME"


def _record(
    values: Mapping[str, object],
    columns: Mapping[str, str | None],
    span: SourceSpan,
    fmt: str,
    options: IngestOptions,
) -> Item:
    def get(field: str) -> str:
        key = columns[field]
        value = values.get(key) if key is not None else None
        return "" if value is None else str(value).strip()

    body = get("body")
    if not body:
        what = "field" if fmt == "jsonl" else "column"
        reason = _body_hint(options, what) if columns["body"] is None else "has an empty body"
        return reject(
            f"{fmt.upper()} record {reason}; nothing to ingest", span.path, span.line, get("title") or None
        )
    raw_date = get("published")
    published = iso_date(raw_date) if raw_date else None
    if raw_date and published is None:
        log.warning("%s:%s: cannot read date %r; using --published if given", span.path, span.line, raw_date)
    pieces = [Piece(text, span) for text in split_text(body)]
    return build_article(
        title=get("title"),
        pieces=pieces,
        fmt=fmt,
        location=span,
        options=options,
        published=published,
        source=get("source") or None,
        url=get("url") or None,
        reference=get("reference") or None,
        metadata=metadata_of(values, columns),
    )


def read_jsonl(text: str, path: str, options: IngestOptions) -> list[Item]:
    """One article per JSON object line; a bad line is rejected alone and the rest are kept."""
    items: list[Item] = []
    reported = False
    for line in split_lines(text):
        if line.blank:
            continue
        try:
            value = json.loads(line.text)
        except json.JSONDecodeError as exc:
            items.append(
                reject(f"not valid JSON ({exc.msg}); fix or remove this line", path, line.number, line.text)
            )
            continue
        if not isinstance(value, dict):
            items.append(reject("expected a JSON object per line", path, line.number, line.text))
            continue
        span = SourceSpan(path=path, start=line.start, end=line.end, line=line.number)
        columns = resolve_columns(value, options)
        if not reported:  # JSON records may differ in their fields; the first one is typical
            report_columns(path, columns, value)
            reported = True
        items.append(_record(value, columns, span, "jsonl", options))
    if not items:
        items.append(reject("empty file; nothing to ingest", path))
    return items


def _delimiter(header: str) -> str:
    counts = {sep: header.count(sep) for sep in (",", ";", "\t", "|")}
    return max(counts, key=lambda sep: counts[sep]) if any(counts.values()) else ","


def read_csv(text: str, path: str, options: IngestOptions) -> list[Item]:
    """One article per row; the first row names the columns."""
    lines = split_lines(text)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=_delimiter(lines[0].text))
    names = reader.fieldnames or []
    columns = resolve_columns(names, options)
    if columns["body"] is None:
        found = ", ".join(repr(n) for n in names) or "none"
        return [reject(f"CSV {_body_hint(options, 'column')}; columns found: {found}", path, 1)]
    report_columns(path, columns, names)
    items: list[Item] = []
    previous = reader.line_num
    for row in reader:
        first, last = previous + 1, reader.line_num
        previous = last
        start = lines[first - 1].start if first - 1 < len(lines) else len(text)
        end = lines[min(last, len(lines)) - 1].end
        span = SourceSpan(path=path, start=start, end=max(start, end), line=first)
        items.append(_record(row, columns, span, "csv", options))
    if not items:
        items.append(reject("CSV has a header row but no data rows", path, 1))
    return items
