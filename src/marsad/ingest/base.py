"""Shared pieces of the ingest readers: options, results, ids, lines and paragraphs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
import unicodedata
from collections.abc import Mapping, Sequence

from marsad.records import Article, Caption, Paragraph, Rejection, SourceSpan, content_id

log = logging.getLogger(__name__)

FORMATS = ("auto", "dump", "plain", "jsonl", "csv", "html", "feed", "warc")
FIELDS = ("title", "body", "published", "url", "source", "reference")

Item = Article | Rejection  # what a reader returns for one input: articles and rejections, in order


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class IngestOptions:
    """How inputs are read; every field has a default that suits most runs."""

    published: str | None = None  # ISO date applied to inputs that carry none (--published)
    source: str | None = None  # outlet name applied to inputs that carry none (--source)
    format: str = "auto"  # auto|dump|plain|jsonl|csv|html|feed|warc
    columns: Mapping[str, str] = dataclasses.field(default_factory=dict)  # field -> column (jsonl/csv)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class IngestResult:
    """Distinct articles (duplicates merged) and every input that could not be read."""

    articles: tuple[Article, ...]
    rejections: tuple[Rejection, ...]


@dataclasses.dataclass(frozen=True, slots=True)
class Line:
    """One line of a decoded file: its text without the newline and where it sits."""

    number: int  # 1-based
    start: int  # offset of the first character in the decoded text
    end: int  # offset just past the last character, newline excluded
    text: str

    @property
    def blank(self) -> bool:
        # str.isspace covers the no-break spaces that scrapers leave on "empty" lines
        return not self.text.strip()


@dataclasses.dataclass(frozen=True, slots=True)
class Piece:
    """A paragraph's text and where it came from, before it is placed in a body."""

    text: str
    source: SourceSpan | None = None


_WS = re.compile(r"\s+")
_LINE = re.compile(r"[^\n]*\n|[^\n]+$")


def normalise(text: str) -> str:
    """Case-folded text with whitespace collapsed: the form ids are computed from."""
    return _WS.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def article_id(title: str, body: str) -> str:
    """Stable id of an article: a hash of its normalised title and body."""
    return content_id(normalise(title), normalise(body), prefix="a_")


def split_lines(text: str) -> list[Line]:
    """Lines with offsets; only "\\n" ends a line, so offsets stay exact (a trailing "\\r" is dropped)."""
    lines = []
    for number, match in enumerate(_LINE.finditer(text), start=1):
        raw = match.group().rstrip("\n")
        if raw.endswith("\r"):
            raw = raw[:-1]
        lines.append(Line(number, match.start(), match.start() + len(raw), raw))
    return lines


def stripped_span(path: str, line_text: str, start: int, number: int | None) -> tuple[str, SourceSpan]:
    """The text without surrounding whitespace, and its exact span in the file."""
    lead = len(line_text) - len(line_text.lstrip())
    text = line_text.strip()
    begin = start + lead
    return text, SourceSpan(path=path, start=begin, end=begin + len(text), line=number)


def block_pieces(path: str, text: str, lines: Sequence[Line]) -> list[Piece]:
    """Paragraphs of ``lines``: runs of non-blank lines; each maps back to ``text`` exactly."""
    pieces: list[Piece] = []
    run: list[Line] = []
    for line in [*lines, None]:
        if line is not None and not line.blank:
            run.append(line)
            continue
        if run:
            chunk = text[run[0].start : run[-1].end]
            para, span = stripped_span(path, chunk, run[0].start, run[0].number)
            pieces.append(Piece(para, span))
            run = []
    return pieces


def split_text(text: str) -> list[str]:
    """Paragraphs of a body given as one string (JSON, CSV, feeds): blank lines, else newlines."""
    parts = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text) else text.split("\n")
    return [_WS.sub(" ", part).strip() for part in parts if part.strip()]


def iso_date(value: object) -> str | None:
    """An ISO date (YYYY-MM-DD) from a date-like input value, or None if it cannot be read."""
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if match:
        try:
            return dt.date(*map(int, match.groups())).isoformat()
        except ValueError:
            return None
    import dateparser  # imported here: it takes a moment and most inputs never need it

    # Absolute dates only: "yesterday" would resolve against today and make reruns differ.
    settings = {
        "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
        "REQUIRE_PARTS": ["day", "month", "year"],
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    parsed = dateparser.parse(text, settings=settings)
    return parsed.date().isoformat() if parsed else None


def build_article(
    *,
    title: str,
    pieces: Sequence[Piece],
    fmt: str,
    location: SourceSpan,
    options: IngestOptions,
    captions: Sequence[Caption] = (),
    published: str | None = None,
    source: str | None = None,
    url: str | None = None,
    reference: str | None = None,
    metadata: tuple[tuple[str, str], ...] = (),
) -> Article:
    """An Article from its paragraphs; applies the --published / --source fallbacks."""
    paragraphs, parts, offset = [], [], 0
    for piece in pieces:
        if offset:
            offset += 2  # the "\n\n" between paragraphs
        paragraphs.append(Paragraph(start=offset, end=offset + len(piece.text), source=piece.source))
        parts.append(piece.text)
        offset += len(piece.text)
    body = "\n\n".join(parts)
    published_from = "input" if published else None
    if not published and options.published:
        published, published_from = options.published, "option"
    return Article(
        id=article_id(title, body),
        title=title,
        body=body,
        paragraphs=tuple(paragraphs),
        captions=tuple(captions),
        source=source or options.source,
        url=url,
        published=published,
        published_from=published_from,
        format=fmt,
        locations=(location,),
        reference=reference,
        metadata=metadata,
    )


def reject(reason: str, path: str, line: int | None = None, text: str | None = None) -> Rejection:
    """A Rejection of the ingest stage."""
    excerpt = text[:200] if text else None
    return Rejection(stage="ingest", reason=reason, path=path, line=line, text=excerpt)
