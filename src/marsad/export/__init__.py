"""Exports: write events as ACLED-compatible CSV, marsad CSV, JSON Lines, JSON, GeoJSON or Parquet.

>>> import io
>>> write([], io.StringIO(), "jsonl")
0

docs/export.md describes every format and, for ACLED CSV, how each column is filled.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, TextIO

from marsad.errors import ConfigError
from marsad.export.acled_csv import ACLED_COLUMNS, acled_row, is_acled_event, write_acled_csv
from marsad.export.flat import FLAT_COLUMNS, flat_row, write_flat_csv
from marsad.export.geojson import write_geojson
from marsad.export.jsonl import write_json, write_jsonl
from marsad.records import Article, Event

log = logging.getLogger(__name__)

FORMATS = ("acled-csv", "csv", "jsonl", "json", "geojson", "parquet")

__all__ = [
    "ACLED_COLUMNS",
    "FLAT_COLUMNS",
    "FORMATS",
    "acled_row",
    "flat_row",
    "is_acled_event",
    "write",
]

Target = str | os.PathLike[str] | IO[str] | IO[bytes]


def write(
    events: Iterable[Event],
    fp_or_path: Target,
    fmt: str,
    *,
    articles: Mapping[str, Article] | None = None,
    timestamp: int | None = None,
) -> int:
    """Write ``events`` in format ``fmt`` to a path or an open file; return rows written.

    Text formats need a text file (``sys.stdout`` works); Parquet needs a path or a
    binary file (for ``sys.stdout`` its ``.buffer`` is used). ``articles`` fills
    sources and URLs the events lack. ``timestamp`` is ACLED's ``timestamp`` column
    (default: now). Rows ACLED CSV or GeoJSON cannot hold are skipped and logged.
    """
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        return _write_parquet(events, fp_or_path, articles=articles)
    with _text_target(fp_or_path) as fp:
        if fmt == "acled-csv":
            return write_acled_csv(events, fp, articles=articles, timestamp=timestamp)
        if fmt == "csv":
            return write_flat_csv(events, fp, articles=articles)
        if fmt == "geojson":
            return write_geojson(events, fp, articles=articles)
        if fmt == "json":
            return write_json(events, fp)
        return write_jsonl(events, fp)


@contextlib.contextmanager
def _text_target(target: Target) -> Iterator[TextIO]:
    if not isinstance(target, str | os.PathLike):
        if isinstance(target, io.BufferedIOBase | io.RawIOBase):
            raise ConfigError("text exports need a text file; open it with mode 'w' or pass a path")
        yield target  # type: ignore[misc]
        return
    try:
        fp = Path(target).open("w", encoding="utf-8", newline="")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise ConfigError(
            f"{os.fspath(target)}: cannot write the export ({exc}); check the folder exists"
        ) from exc
    with fp:
        yield fp


def _write_parquet(events: Iterable[Event], target: Target, *, articles: Mapping[str, Article] | None) -> int:
    # pyarrow is imported only here: it is large, and most exports do not need it.
    from marsad.export.parquet import write_parquet

    binary: Any = target
    if isinstance(target, str | os.PathLike):
        binary = os.fspath(target)
    elif isinstance(target, io.TextIOBase):
        binary = getattr(target, "buffer", None)
        if binary is None:
            raise ConfigError("parquet is binary: pass a file path or a file opened with mode 'wb'")
    try:
        return write_parquet(events, binary, articles=articles)
    except OSError as exc:
        raise ConfigError(
            f"{target}: cannot write the parquet export ({exc}); check the folder exists"
        ) from exc
