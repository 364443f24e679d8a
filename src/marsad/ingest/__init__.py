"""Ingest: read news files of any supported format into clean, deduplicated Articles.

One module per format: ``dump`` (raw scraper dumps), ``plain``, ``tabular`` (JSON
Lines, CSV), ``html``, ``feeds`` (RSS/Atom), ``warc``; ``detect`` picks the format,
``dedup`` merges copies, ``reader`` ties them together.

>>> from marsad.ingest import article_id
>>> article_id("A  Title", "Body") == article_id("a title", "body ")
True
"""

from __future__ import annotations

from marsad.ingest.base import IngestOptions, IngestResult, article_id
from marsad.ingest.reader import iter_files, read_inputs

__all__ = ["IngestOptions", "IngestResult", "article_id", "iter_files", "read_inputs"]
