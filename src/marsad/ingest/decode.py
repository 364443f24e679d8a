"""Turn input bytes into text, refusing empty, binary and non-UTF-8 files with a clear reason."""

from __future__ import annotations

import codecs
import logging

from marsad.errors import InputError

log = logging.getLogger(__name__)

_SNIFF = 8192  # bytes looked at to tell binary from text


def check_not_empty(data: bytes, path: str) -> None:
    """Raise InputError when the file holds nothing but whitespace."""
    if not data.strip():
        raise InputError("empty file; nothing to ingest (check the download or remove the file)", path=path)


def decode_text(data: bytes, path: str) -> str:
    """UTF-8 text of ``data`` (a UTF-8 byte-order mark is dropped).

    Other encodings are refused rather than guessed: a wrong guess would silently
    corrupt names and quotes, and the offsets we report must match the file.
    """
    check_not_empty(data, path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(
            "file is UTF-16; re-encode it to UTF-8 (e.g. iconv -f UTF-16 -t UTF-8 IN > OUT)", path=path
        )
    if b"\x00" in data[:_SNIFF]:
        raise InputError(
            "binary file (contains NUL bytes), not text; pass a text, HTML, feed or WARC file", path=path
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        bad = data[exc.start : exc.end]
        raise InputError(
            f"not valid UTF-8 at byte offset {exc.start} (line {line}, byte {bad!r}); "
            "re-encode the file to UTF-8, e.g. iconv -f CP1252 -t UTF-8 IN > OUT "
            "(use the encoding it was saved in)",
            path=path,
            line=line,
        ) from exc
