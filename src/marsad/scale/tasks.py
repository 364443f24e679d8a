"""What runs on a Dask worker: read files, analyse a partition of articles, merge a partition.

Plain module-level functions over picklable records. Heavy state (the spaCy pipeline, the
actor KB, the gazetteer, a PostgreSQL connection) is built once per worker process: ``nlp.load``
and ``resolve.load_resolver``'s parts are cached per process, and :func:`_store` caches the
store per URL.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
from collections.abc import Sequence

from marsad import pipeline
from marsad.ingest.base import Item, reject

__all__ = ["Analysed", "analyse", "merge_part", "read_files", "reject", "warm", "write_partition"]
from marsad.ingest.reader import read_one
from marsad.records import Article, Event, Mention, Rejection
from marsad.scale.merging import Partition, merge_partition
from marsad.store import Store, open_store

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Analysed:
    """One partition's results; ``mentions`` is empty when the worker wrote them to the store itself."""

    article_ids: tuple[str, ...]
    mentions: tuple[Mention, ...]
    mention_count: int
    rejections: tuple[Rejection, ...]
    written: bool


def read_files(paths: Sequence[str], options: pipeline.RunOptions) -> list[list[Item]]:
    """The items of each file, as ``ingest.read_inputs`` reads them before deduplication."""
    found: list[list[Item]] = []
    for path in paths:
        items = read_one(path, options.ingest)
        found.append(items or [reject("no articles found in this file", path)])
    return found


def analyse(articles: Sequence[Article], options: pipeline.RunOptions, sink: str | None) -> Analysed:
    """Parse, extract and resolve ``articles``; with a ``sink`` URL, also write the results there."""
    mentions, rejections = pipeline.analyse(articles, options)
    ids = tuple(article.id for article in articles)
    if sink is None:
        return Analysed(
            article_ids=ids,
            mentions=tuple(mentions),
            mention_count=len(mentions),
            rejections=tuple(rejections),
            written=False,
        )
    write_partition(_store(sink), articles, mentions, rejections)
    return Analysed(
        article_ids=ids, mentions=(), mention_count=len(mentions), rejections=tuple(rejections), written=True
    )


def write_partition(
    store: Store, articles: Sequence[Article], mentions: Sequence[Mention], rejections: Sequence[Rejection]
) -> None:
    """Store one partition's results, articles last: a stored article is an analysed one (resume)."""
    store.add_rejections(rejections)
    store.add_mentions(mentions)
    store.add_articles(articles)


def merge_part(partition: Partition) -> list[Event]:
    return merge_partition(partition)


def warm(options: pipeline.RunOptions) -> int:
    """Load the spaCy pipeline, KB and gazetteer on this worker (once per process)."""
    pipeline.analyse([], options)
    return 1


@functools.cache
def _store(url: str) -> Store:
    # One connection per worker process, kept for the worker's life: cheaper than one per task.
    return open_store(url)
