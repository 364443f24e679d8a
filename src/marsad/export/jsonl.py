"""Full records: JSON Lines (one event per line) and a JSON array, claims and evidence included."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TextIO

from marsad.records import Event, to_json


def write_jsonl(events: Iterable[Event], fp: TextIO) -> int:
    """One ``records.to_json`` line per event; read back with ``records.from_dict(Event, ...)``."""
    written = 0
    for event in events:
        fp.write(to_json(event))
        fp.write("\n")
        written += 1
    return written


def write_json(events: Iterable[Event], fp: TextIO) -> int:
    """A JSON array of events, one per line, written as it goes (no whole-list copy in memory)."""
    written = 0
    fp.write("[")
    for event in events:
        fp.write(",\n" if written else "\n")
        fp.write(to_json(event))
        written += 1
    fp.write("\n]\n" if written else "]\n")
    return written


def jsonl_chunks(events: Iterable[Event]) -> Iterator[str]:
    """The text of :func:`write_jsonl` a line at a time, reading ``events`` lazily (for streaming)."""
    for event in events:
        yield to_json(event) + "\n"
