"""Plain text: one article per file; the first non-blank line is the title."""

from __future__ import annotations

import logging

from marsad.ingest.base import IngestOptions, Item, block_pieces, build_article, reject, split_lines
from marsad.records import SourceSpan

log = logging.getLogger(__name__)


def read_plain(text: str, path: str, options: IngestOptions) -> list[Item]:
    """One article: title line, then body paragraphs separated by blank lines."""
    lines = split_lines(text)
    first = next((i for i, line in enumerate(lines) if not line.blank), None)
    if first is None:
        return [reject("empty file; nothing to ingest (check the download or remove the file)", path)]
    title_line = lines[first]
    pieces = block_pieces(path, text, lines[first + 1 :])
    if not pieces:
        return [
            reject(
                "only one line of text (taken as the title) and no body; put the title on the first "
                "line and the body after a blank line",
                path,
                title_line.number,
                title_line.text.strip(),
            )
        ]
    last = pieces[-1].source
    end = last.end if last is not None else title_line.end
    location = SourceSpan(path=path, start=title_line.start, end=end, line=title_line.number)
    article = build_article(
        title=title_line.text.strip(), pieces=pieces, fmt="plain", location=location, options=options
    )
    return [article]
