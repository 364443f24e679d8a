"""WARC archives (plain or gzipped): every HTML response record goes through the HTML reader."""

from __future__ import annotations

import io
import logging
import re
from typing import Any

from marsad.errors import InputError
from marsad.ingest.base import IngestOptions, Item, reject
from marsad.ingest.decode import check_not_empty
from marsad.ingest.html import read_html
from marsad.records import SourceSpan

log = logging.getLogger(__name__)


def _charset(content_type: str) -> str:
    match = re.search(r"charset=[\"']?([\w-]+)", content_type, re.I)
    return match.group(1) if match else "utf-8"


def _markup(record: Any, path: str, uri: str) -> str:
    raw: bytes = record.content_stream().read()
    charset = _charset(record.http_headers.get_header("Content-Type") or "")
    try:
        return raw.decode(charset)
    except (LookupError, UnicodeDecodeError):
        # One odd record should not sink the archive; the replacement characters are logged.
        log.warning("%s: record %s is not valid %s; undecodable bytes replaced", path, uri, charset)
        return raw.decode("utf-8", errors="replace")


def _is_html_response(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    return "html" in (record.http_headers.get_header("Content-Type") or "").lower()


def read_warc(data: bytes, path: str, options: IngestOptions) -> list[Item]:
    """Articles of the HTML responses in a WARC file.

    The ``SourceSpan`` of each article gives the record's byte offset and length in
    the (possibly compressed) WARC file, which is where a WARC tool will find it.
    """
    from warcio.archiveiterator import ArchiveIterator  # imported here: only WARC inputs need it
    from warcio.exceptions import ArchiveLoadFailed

    check_not_empty(data, path)
    items: list[Item] = []
    archive = ArchiveIterator(io.BytesIO(data))
    try:
        for record in archive:
            if not _is_html_response(record):
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI")
            markup = _markup(record, path, uri)
            archive.read_to_end(record)
            start = archive.get_record_offset()
            where = SourceSpan(path=path, start=start, end=start + archive.get_record_length())
            items.extend(read_html(markup, path, options, url=uri, fmt="warc", location=where))
    except ArchiveLoadFailed as exc:
        # keep the records read so far; the rest of the archive is reported as unreadable
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        items.append(reject(f"not a readable WARC file ({reason}); check the file", path))
    if not items:
        raise InputError(
            "no HTML response records found (is this a WARC file?); nothing to ingest", path=path
        )
    return items
