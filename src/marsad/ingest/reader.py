"""Read input paths of any supported format; every file gives articles or a rejection."""

from __future__ import annotations

import datetime as dt
import logging
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TextIO

from marsad.errors import ConfigError, InputError
from marsad.ingest import detect
from marsad.ingest.base import FIELDS, FORMATS, IngestOptions, IngestResult, Item, reject
from marsad.ingest.decode import check_not_empty, decode_text
from marsad.ingest.dedup import deduplicate
from marsad.ingest.dump import read_dump
from marsad.ingest.feeds import read_feed
from marsad.ingest.html import read_html
from marsad.ingest.plain import read_plain
from marsad.ingest.tabular import read_csv, read_jsonl
from marsad.ingest.warc import read_warc
from marsad.records import Article, Rejection

log = logging.getLogger(__name__)

STDIN = "-"
STDIN_NAME = "<stdin>"
DEFAULT_OPTIONS = IngestOptions()

TextReader = Callable[[str, str, IngestOptions], list[Item]]
_TEXT_READERS: Mapping[str, TextReader] = {
    "dump": read_dump,
    "plain": read_plain,
    "jsonl": read_jsonl,
    "csv": read_csv,
    "html": read_html,
    "feed": read_feed,
}


def iter_files(paths: Iterable[str]) -> list[str]:
    """The files to read: folders expanded recursively (sorted, hidden entries skipped); "-" is stdin.

    Inside a folder only files whose extension names an input format are read, so that a README or a
    manifest beside the news is not taken for news; each file left out is logged as a warning.
    A file named on the command line is always read.
    """
    files: list[str] = []
    for path in paths:
        folder = Path(path)
        if path == STDIN or not folder.is_dir():
            files.append(path)  # a missing file is reported when it is read
            continue
        found = sorted(
            str(child)
            for child in folder.rglob("*")
            if child.is_file() and not any(part.startswith(".") for part in child.relative_to(folder).parts)
        )
        skipped = [name for name in found if detect.by_extension(name) is None]
        if skipped:
            log.warning(
                "not reading %d file(s) in %s whose extension is not an input format: %s "
                "(name a file to read it anyway)",
                len(skipped),
                path,
                ", ".join(skipped),
            )
        files.extend(name for name in found if detect.by_extension(name) is not None)
    return files


def check_options(options: IngestOptions) -> None:
    """Raise ConfigError for an option no reader can honour."""
    if options.format not in FORMATS:
        raise ConfigError(f"unknown input format {options.format!r}; use one of {', '.join(FORMATS)}")
    unknown = sorted(set(options.columns) - set(FIELDS))
    if unknown:
        raise ConfigError(f"unknown field(s) {', '.join(unknown)} in --column; use {', '.join(FIELDS)}")
    if options.published is not None:
        try:
            dt.date.fromisoformat(options.published)
        except ValueError as exc:
            raise ConfigError(f"--published {options.published!r} is not a date; use YYYY-MM-DD") from exc


def read_inputs(
    paths: Iterable[str],
    options: IngestOptions = DEFAULT_OPTIONS,
    *,
    stdin: TextIO | None = None,
    on_file: Callable[[str], None] | None = None,
) -> IngestResult:
    """Articles of every input (duplicates merged) and a rejection for each thing that could not be read."""
    check_options(options)
    articles: list[Article] = []
    rejections: list[Rejection] = []
    for path in iter_files(paths):
        items = read_one(path, options, stdin=stdin)
        for item in items or [reject("no articles found in this file", path)]:
            if isinstance(item, Article):
                articles.append(item)
            else:
                rejections.append(item)
        if on_file is not None:
            on_file(path)
    log.info("read %d articles, %d rejections", len(articles), len(rejections))
    return IngestResult(articles=tuple(deduplicate(articles)), rejections=tuple(rejections))


def read_one(path: str, options: IngestOptions, *, stdin: TextIO | None = None) -> list[Item]:
    """Articles and rejections of one input; never raises for a bad file."""
    name = STDIN_NAME if path == STDIN else path
    try:
        if path == STDIN:
            return _read_stdin(stdin or sys.stdin, options)
        return read_bytes(Path(path).read_bytes(), path, options)
    except InputError as exc:
        return [reject(exc.reason, exc.path, exc.line)]
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return [reject(f"cannot read this file ({reason}); check the path and permissions", name)]
    except Exception as exc:
        # The stage boundary: a parser bug on one file must not stop the others.
        log.exception("%s: unexpected error while reading", name)
        return [
            reject(f"unexpected error while reading ({type(exc).__name__}: {exc}); please report it", name)
        ]


def _read_stdin(stream: TextIO, options: IngestOptions) -> list[Item]:
    if options.format == "warc":
        raise InputError("WARC cannot be read from standard input; pass the file path", path=STDIN_NAME)
    try:
        text = stream.read()
    except UnicodeDecodeError as exc:
        raise InputError(
            f"standard input is not valid UTF-8 ({exc.reason} at byte {exc.start}); re-encode it to UTF-8",
            path=STDIN_NAME,
        ) from exc
    check_not_empty(text.encode("utf-8"), STDIN_NAME)
    fmt = None if options.format == "auto" else options.format
    return read_text(text, STDIN_NAME, options, fmt)


def read_bytes(data: bytes, path: str, options: IngestOptions) -> list[Item]:
    """Articles of one file's bytes, in the given or detected format."""
    fmt: str | None = options.format
    if fmt == "auto":
        fmt = detect.by_extension(path) or ("warc" if detect.is_warc_bytes(data[:8]) else None)
    if fmt == "warc":
        return read_warc(data, path, options)
    return read_text(decode_text(data, path), path, options, fmt)


def read_text(text: str, path: str, options: IngestOptions, fmt: str | None) -> list[Item]:
    """Articles of decoded text; ``fmt`` None means decide by content, "text" means dump or plain."""
    fmt = fmt or detect.by_content(text, options)
    if fmt == "text":
        fmt = detect.text_kind(text)
    log.debug("%s: reading as %s", path, fmt)
    return _TEXT_READERS[fmt](text, path, options)
