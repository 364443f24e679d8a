"""Raw scraper dumps: several articles in one text file, with repeated headers.

Each article in a dump looks like this (blank lines may hold stray spaces)::

    Title
                                  <- blank
    Caption one (Reuters)         <- photo captions, each ending in a credit
    Caption one (Reuters)
    TT                            <- scraper artifact
                                  <- blank
    Title                         <- the title again ...
                                  <- blank
    Caption one (Reuters)         <- ... and the captions again
    Caption one (Reuters)
                                  <- blank
    Body paragraph.               <- body paragraphs, one blank line apart
                                  <- 2-3 blank lines before the next title

A body paragraph and the next title look alike, so the main signal is the repeat:
a ``TT`` line whose next line also appears just before it marks a header, and the
lines from that earlier copy to ``TT`` are the title and its captions.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Sequence

from marsad.ingest.base import (
    IngestOptions,
    Item,
    Line,
    Piece,
    block_pieces,
    build_article,
    normalise,
    reject,
    split_lines,
)
from marsad.records import Caption, SourceSpan

log = logging.getLogger(__name__)

MAX_HEADER_LINES = 12  # non-blank lines searched back from TT for the title
_CREDIT = re.compile(r"^(?P<text>.*?\S)\s*\((?P<credit>[^()]{1,100})\)[\s.]*$")
_MAX_CREDIT_WORDS = 8  # "Lebanese government's press office" has 4


@dataclasses.dataclass(frozen=True, slots=True)
class Header:
    """Where one article's header lies: title line, the caption lines, and where the body starts."""

    title: int  # index into the file's lines
    captions: tuple[int, ...]
    body_start: int


def split_credit(text: str) -> Caption:
    """A caption line as text plus credit: "Smoke over Gaza (AFP). " -> ("Smoke over Gaza", "AFP")."""
    match = _CREDIT.match(text.strip())
    if match and len(match["credit"].split()) <= _MAX_CREDIT_WORDS:
        return Caption(text=match["text"].strip(), credit=match["credit"].strip())
    return Caption(text=text.strip(), credit=None)


def has_credit(text: str) -> bool:
    return split_credit(text).credit is not None


def is_tt(line: Line) -> bool:
    return line.text.strip() == "TT"


def find_headers(lines: Sequence[Line]) -> list[Header]:
    """Every article header in the file, in order (see the module docstring)."""
    headers: list[Header] = []
    floor = 0  # a header never reaches back into the previous one
    for index, line in enumerate(lines):
        if index < floor or line.blank:
            continue
        header = _header_at(lines, index, floor) if is_tt(line) else _untagged_header_at(lines, index)
        if header is not None:
            headers.append(header)
            floor = header.body_start
    return headers


def _untagged_header_at(lines: Sequence[Line], index: int) -> Header | None:
    """A header whose TT line may be missing: after a gap, a title, captions, and the title again.

    At least one caption or TT must sit between the two copies, so that a paragraph the
    scraper merely repeated is not taken for a title.
    """
    if _blank_run_before(lines, index) < 2:
        return None
    wanted = normalise(lines[index].text)
    between: list[int] = []
    for j in range(index + 1, len(lines)):
        if lines[j].blank:
            continue
        if normalise(lines[j].text) == wanted:
            captions = tuple(k for k in between if not is_tt(lines[k]))
            return Header(title=index, captions=captions, body_start=_body_start(lines, j + 1, captions))
        if len(between) >= MAX_HEADER_LINES or not (is_tt(lines[j]) or has_credit(lines[j].text)):
            return None
        between.append(j)
    return None


def _body_start(lines: Sequence[Line], index: int, captions: Sequence[int]) -> int:
    """The first line after ``index`` that is not blank, TT or a repeated caption."""
    known = {normalise(lines[i].text) for i in captions}
    while index < len(lines) and (
        lines[index].blank or is_tt(lines[index]) or normalise(lines[index].text) in known
    ):
        index += 1
    return index


def _header_at(lines: Sequence[Line], tt: int, floor: int) -> Header | None:
    after = _next_text(lines, tt + 1)
    if after is None:
        return None
    before = [i for i in range(tt - 1, floor - 1, -1) if not lines[i].blank and not is_tt(lines[i])]
    before = before[:MAX_HEADER_LINES]
    wanted = normalise(lines[after].text)
    title = next((i for i in before if normalise(lines[i].text) == wanted), None)
    repeated = title is not None
    if title is None:
        title = _unrepeated_title(lines, before, floor)
        if title is None:
            return None
    captions = tuple(i for i in reversed(before) if i > title)
    start = _body_start(lines, after + 1 if repeated else after, (title, *captions))
    return Header(title=title, captions=captions, body_start=start)


def _unrepeated_title(lines: Sequence[Line], before: Sequence[int], floor: int) -> int | None:
    """Fallback when the title is not repeated after TT: a line after a gap, then only captions."""
    for index in before:
        if has_credit(lines[index].text):
            continue
        after_gap = index == floor or _blank_run_before(lines, index) >= 2
        return index if after_gap else None
    return None


def _blank_run_before(lines: Sequence[Line], index: int) -> int:
    count = 0
    while index - count - 1 >= 0 and lines[index - count - 1].blank:
        count += 1
    return count if index - count > 0 else 99  # the start of the file counts as a gap


def _next_text(lines: Sequence[Line], index: int) -> int | None:
    return next((i for i in range(index, len(lines)) if not lines[i].blank and not is_tt(lines[i])), None)


def looks_like_dump(text: str) -> bool:
    """True when the file has the header structure of a dump (see the module docstring).

    That is: its first line recurs after a ``TT`` line, or some ``TT`` line is followed
    by a line that also appears just before it.
    """
    if not re.search(r"^[ \t]*TT[ \t\r]*$", text, re.MULTILINE):
        return False
    lines = split_lines(text)
    tts = [i for i, line in enumerate(lines) if is_tt(line)]
    first = _next_text(lines, 0)
    if first is not None:
        wanted = normalise(lines[first].text)
        if any(normalise(line.text) == wanted for line in lines[tts[0] :]):
            return True
    return any(_header_at(lines, i, 0) is not None for i in tts)


def read_dump(text: str, path: str, options: IngestOptions) -> list[Item]:
    """Articles of a dump, plus rejections for text that belongs to no article."""
    lines = split_lines(text)
    headers = find_headers(lines)
    if not headers:
        return _read_by_gaps(text, path, options, lines)
    items: list[Item] = []
    first_text = _next_text(lines, 0)
    if first_text is not None and first_text < headers[0].title:
        items.append(
            reject(
                f"body text before the first article title (line {lines[first_text].number}); a dump "
                "article starts with its title, captions, a TT line and the title again. Remove the "
                "stray text, or pass --format plain if this is a single article",
                path,
                lines[first_text].number,
                lines[first_text].text.strip(),
            )
        )
    ends = [h.title for h in headers[1:]] + [len(lines)]
    for header, end in zip(headers, ends, strict=True):
        items.append(_article(text, path, options, lines, header, end))
    return items


def _article(
    text: str, path: str, options: IngestOptions, lines: Sequence[Line], header: Header, end: int
) -> Item:
    title_line = lines[header.title]
    title = title_line.text.strip()
    captions = _captions(lines, header.captions)
    noise = {normalise(title), "tt", *(normalise(lines[i].text) for i in header.captions)}
    body_lines = [_blanked(line, noise) for line in lines[header.body_start : end]]
    pieces = _unique(block_pieces(path, text, body_lines))
    if not pieces:
        return reject(
            f"article {title!r} (line {title_line.number}) has a title but no body text; "
            "the dump may be cut short: check the scrape",
            path,
            title_line.number,
            title,
        )
    last = pieces[-1].source
    stop = last.end if last is not None else title_line.end
    location = SourceSpan(path=path, start=title_line.start, end=stop, line=title_line.number)
    return build_article(
        title=title, pieces=pieces, captions=captions, fmt="dump", location=location, options=options
    )


def _blanked(line: Line, noise: set[str]) -> Line:
    """The line, or an empty one if it is a scraper artifact (TT, repeated title or caption)."""
    if normalise(line.text) in noise:
        return Line(line.number, line.start, line.start, "")
    return line


def _captions(lines: Sequence[Line], indexes: Sequence[int]) -> tuple[Caption, ...]:
    seen: dict[str, Caption] = {}
    for index in indexes:
        seen.setdefault(normalise(lines[index].text), split_credit(lines[index].text))
    return tuple(seen.values())


def _unique(pieces: Sequence[Piece]) -> list[Piece]:
    """Each paragraph once: scrapers repeat blocks, and a repeat would double every fact in it."""
    seen: set[str] = set()
    kept = []
    for piece in pieces:
        key = normalise(piece.text)
        if key not in seen:
            seen.add(key)
            kept.append(piece)
    return kept


def _read_by_gaps(text: str, path: str, options: IngestOptions, lines: Sequence[Line]) -> list[Item]:
    """Fallback without TT headers: articles are separated by two or more blank lines."""
    items: list[Item] = []
    groups: list[list[int]] = [[]]
    blanks = 0
    for index, line in enumerate(lines):
        if line.blank or is_tt(line):
            blanks += line.blank
            continue
        if blanks >= 2 and groups[-1]:
            groups.append([])
        groups[-1].append(index)
        blanks = 0
    for group in groups:
        if not group:
            continue
        captions = []
        for index in group[1:]:
            if not has_credit(lines[index].text):
                break
            captions.append(index)
        body_start = (captions[-1] if captions else group[0]) + 1
        header = Header(title=group[0], captions=tuple(captions), body_start=body_start)
        items.append(_article(text, path, options, lines, header, group[-1] + 1))
    if not items:
        items.append(reject("no articles found in dump; check the file or pass --format plain", path))
    return items
