"""Parquet via pyarrow: the flat marsad columns, typed, plus every claim as a JSON column."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Mapping
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from marsad.export.flat import BOOL_COLUMNS, FLAT_COLUMNS, FLOAT_COLUMNS, INT_COLUMNS, claims_json, flat_row
from marsad.records import Article, Event


def schema() -> pa.Schema:
    """Column types: counts are int64, coordinates float64, ``background`` bool, the rest strings."""
    fields = [pa.field(name, _type(name)) for name in FLAT_COLUMNS]
    return pa.schema([*fields, pa.field("claims_json", pa.string())])


def _type(name: str) -> pa.DataType:
    if name in INT_COLUMNS:
        return pa.int64()
    if name in FLOAT_COLUMNS:
        return pa.float64()
    if name in BOOL_COLUMNS:
        return pa.bool_()
    return pa.string()


def write_parquet(
    events: Iterable[Event],
    target: str | IO[bytes],
    *,
    articles: Mapping[str, Article] | None = None,
) -> int:
    """Write one row per event to a path or a binary file; return rows written."""
    rows: list[dict[str, Any]] = []
    for event in events:
        row = flat_row(event, articles=articles)
        row["claims_json"] = claims_json(event)
        rows.append(row)
    table = pa.Table.from_pylist(rows, schema=schema())
    pq.write_table(table, target)
    return len(rows)


class _Sink(io.RawIOBase):
    """A write-only file that hands over what was written since the last :meth:`take`."""

    def __init__(self) -> None:
        super().__init__()
        self._parts: list[bytes] = []
        self._position = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self._parts.append(chunk)
        self._position += len(chunk)
        return len(chunk)

    def tell(self) -> int:
        return self._position

    def take(self) -> bytes:
        taken, self._parts = b"".join(self._parts), []
        return taken


def parquet_chunks(
    events: Iterable[Event], *, articles: Mapping[str, Article] | None = None, batch: int = 500
) -> Iterator[bytes]:
    """The bytes of :func:`write_parquet`, one row group of ``batch`` events at a time (for streaming)."""
    sink = _Sink()
    with pq.ParquetWriter(sink, schema()) as writer:
        rows: list[dict[str, Any]] = []
        for event in events:
            row = flat_row(event, articles=articles)
            row["claims_json"] = claims_json(event)
            rows.append(row)
            if len(rows) >= batch:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema()))
                rows = []
                yield sink.take()
        if rows:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema()))
    yield sink.take()
