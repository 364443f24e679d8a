"""Decide the format of an input: by file extension first, then by content."""

from __future__ import annotations

import logging
import re

from marsad.ingest.base import IngestOptions
from marsad.ingest.dump import looks_like_dump
from marsad.ingest.tabular import resolve_columns

log = logging.getLogger(__name__)

_BY_SUFFIX = (
    ((".warc", ".warc.gz", ".arc", ".arc.gz"), "warc"),
    ((".jsonl", ".ndjson", ".jsonlines"), "jsonl"),
    ((".csv", ".tsv"), "csv"),
    ((".html", ".htm", ".xhtml"), "html"),
    ((".xml", ".rss", ".atom"), "feed"),
    ((".txt", ".text"), "text"),
)


def by_extension(path: str) -> str | None:
    """The format a file name implies ("text" means dump or plain), or None if it says nothing."""
    name = path.lower()
    return next((fmt for suffixes, fmt in _BY_SUFFIX if name.endswith(suffixes)), None)


def is_warc_bytes(head: bytes) -> bool:
    """True for a WARC file, gzipped or not (gzip is the usual way to store WARC)."""
    return head.startswith((b"WARC/", b"\x1f\x8b"))


def by_content(text: str, options: IngestOptions) -> str:
    """The format of decoded text with no telling extension (stdin, odd names)."""
    head = text.lstrip()[:4096]
    if head.startswith("{"):
        return "jsonl"
    if head.startswith("<"):
        return "feed" if re.search(r"<(rss|feed|rdf:RDF)\b", head) else "html"
    first_line = head.split("\n", 1)[0]
    for sep in (",", "\t", ";"):
        names = [name.strip().strip('"') for name in first_line.split(sep)]
        if sep in first_line and resolve_columns(names, options)["body"] is not None:
            return "csv"
    return "text"


def text_kind(text: str) -> str:
    """Dump or plain for a text file, by structure (see marsad.ingest.dump)."""
    return "dump" if looks_like_dump(text) else "plain"
