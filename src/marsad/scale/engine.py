"""``run_distributed``: the pipeline on a Dask cluster, with the same results as ``pipeline.run``.

1. **Ingest**: files are read on the workers (in slices of the sorted file list); the client puts
   the items back in file order and deduplicates them exactly as ``ingest.read_inputs`` does.
2. **Analysis**: articles not yet in the store are split into partitions by a hash of their id;
   each partition is parsed, extracted and resolved on a worker. Its results are stored with the
   articles last, so a stored article is an analysed one: a rerun skips it (resume). With a
   PostgreSQL store the workers write themselves; with SQLite the client writes.
3. **Merge**: as a local run merges (``pipeline.merge_new``): only the events the new articles can
   touch are re-merged, the mentions of those events split into partitions that cannot share an
   event (:mod:`marsad.scale.merging`) and merged on the workers.

A worker that dies loses nothing: Dask recomputes its tasks elsewhere, and every write is an
idempotent upsert by content id.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import math
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, TextIO

from marsad import pipeline
from marsad.errors import ConfigError
from marsad.ingest.dedup import deduplicate
from marsad.ingest.reader import STDIN, check_options, iter_files, read_one
from marsad.merge.compare import Profile
from marsad.records import Article, Event, Rejection
from marsad.scale import tasks
from marsad.scale.merging import Partition, merge_profiles_partitioned, stable_bucket
from marsad.store import Store, open_store
from marsad.store.postgres import is_postgres_url

log = logging.getLogger(__name__)

PARTITION_SIZE = 16  # articles per analysis task: small enough to resume finely, big enough for nlp.pipe
CONNECT_TIMEOUT = "10s"
OnPartition = Callable[[int, int], None]  # (partitions done, partitions in all)


def run_distributed(
    paths: Sequence[str],
    store_url: str,
    options: pipeline.RunOptions | None = None,
    *,
    scheduler: str | None,
    workers: int = 2,
    partition_size: int = PARTITION_SIZE,
    resume: bool = True,
    stdin: TextIO | None = None,
    on_article: pipeline.Progress | None = None,
    on_partition: OnPartition | None = None,
) -> pipeline.RunReport:
    """Run the pipeline on the Dask cluster at ``scheduler`` (or a local one of ``workers`` processes).

    ``store_url`` is a SQLite path or a ``postgresql://`` URL. With ``resume`` (the default)
    articles already in the store are not analysed again; pass False to redo them all.
    """
    options = options or pipeline.RunOptions()
    check_options(options.ingest)
    started = time.perf_counter()
    with open_store(store_url) as store, connect(scheduler, workers) as client:
        read, read_rejections = ingest_files(client, paths, options, stdin)
        ingested, too_long = pipeline.split_oversized(read, options.max_chars)
        ingest_rejections = (*read_rejections, *too_long)
        known = {a.id for a in store.articles(a.id for a in ingested)}
        todo = [a for a in ingested if not (resume and a.id in known)]
        # Articles analysed before: only their metadata and new locations need storing.
        store.add_articles(a for a in ingested if resume and a.id in known)
        store.add_rejections(ingest_rejections)
        sink = store_url if is_postgres_url(store_url) else None
        indexed = store.merge_index_complete()  # before this run's mentions, which have no keys yet
        count, rejections = analyse_articles(
            client,
            store,
            todo,
            options,
            sink=sink,
            size=partition_size,
            on_article=on_article,
            on_partition=on_partition,
        )
        pipeline.merge_new(store, [a.id for a in todo], indexed=indexed, merge_fn=remote_merge(client))
        events = store.count_events()
    return pipeline.RunReport(
        articles=len(ingested),
        new_articles=sum(1 for article in ingested if article.id not in known),
        mentions=count,
        events=events,
        rejections=(*ingest_rejections, *rejections),
        seconds=time.perf_counter() - started,
    )


def _distributed() -> Any:
    """The ``distributed`` module, imported late (the local engine never needs Dask), typed loosely."""
    try:
        return importlib.import_module("distributed")
    except ImportError as exc:
        raise ConfigError(
            "--engine dask needs Dask; install marsad with the `scale` extra (pip install 'marsad[scale]')"
        ) from exc


@contextlib.contextmanager
def connect(scheduler: str | None, workers: int) -> Iterator[Any]:
    """A client of the cluster at ``scheduler``, or of a LocalCluster we start and stop."""
    dask = _distributed()
    if scheduler:
        try:
            client = dask.Client(scheduler, timeout=CONNECT_TIMEOUT)
        except OSError as exc:
            raise ConfigError(
                f"--scheduler {scheduler}: cannot reach the Dask scheduler ({exc}); start one with "
                "`dask scheduler` and check the address (tcp://HOST:8786)"
            ) from exc
        with client:
            yield client
        return
    cluster = dask.LocalCluster(
        n_workers=workers,
        threads_per_worker=1,  # spaCy holds the GIL: processes add throughput, threads do not
        dashboard_address=None,
        processes=True,
        silence_logs=logging.WARNING,
    )
    try:
        with dask.Client(cluster) as client:
            yield client
    finally:
        cluster.close()


def ingest_files(
    client: Any, paths: Sequence[str], options: pipeline.RunOptions, stdin: TextIO | None
) -> tuple[list[Article], list[Rejection]]:
    """Read ``paths`` on the workers: deduplicated articles and rejections, as ``ingest.read_inputs``."""
    files = iter_files(paths)
    remote = [path for path in files if path != STDIN]
    slices = _slices(remote, max(1, len(_workers(client)) * 2))
    futures = [client.submit(tasks.read_files, chunk, options, pure=False) for chunk in slices]
    by_path: dict[str, list[Any]] = {}
    for chunk, future in zip(slices, futures, strict=True):
        by_path.update(zip(chunk, future.result(), strict=True))
    articles: list[Article] = []
    rejections: list[Rejection] = []
    for path in files:
        items = by_path[path] if path != STDIN else read_one(path, options.ingest, stdin=stdin or sys.stdin)
        for item in items or [tasks.reject("no articles found in this file", path)]:
            if isinstance(item, Article):
                articles.append(item)
            else:
                rejections.append(item)
    log.info("read %d articles, %d rejections from %d files", len(articles), len(rejections), len(files))
    return deduplicate(articles), rejections


def _slices(items: Sequence[str], count: int) -> list[list[str]]:
    size = max(1, math.ceil(len(items) / count))
    return [list(items[start : start + size]) for start in range(0, len(items), size)]


def _workers(client: Any) -> dict[str, Any]:
    return dict(client.scheduler_info().get("workers", {}))


def article_partitions(articles: Sequence[Article], size: int) -> list[list[Article]]:
    """Articles split by a hash of their id into about ``len/size`` partitions, in input order within."""
    count = max(1, math.ceil(len(articles) / max(1, size)))
    parts: list[list[Article]] = [[] for _ in range(count)]
    for article in articles:
        parts[stable_bucket(article.id, count)].append(article)
    return [part for part in parts if part]


def analyse_articles(
    client: Any,
    store: Store,
    articles: Sequence[Article],
    options: pipeline.RunOptions,
    *,
    sink: str | None = None,
    size: int = PARTITION_SIZE,
    on_article: pipeline.Progress | None = None,
    on_partition: OnPartition | None = None,
) -> tuple[int, list[Rejection]]:
    """Analyse ``articles`` in partitions on the cluster and store the results as they come in.

    With a ``sink`` (a PostgreSQL URL) the workers store their results; otherwise the client does.
    Returns how many mentions were found, and the analysis rejections.
    """
    parts = article_partitions(articles, size)
    by_ids = {tuple(a.id for a in part): part for part in parts}
    futures = [client.submit(tasks.analyse, part, options, sink, pure=False) for part in parts]
    mentions = 0
    rejections: list[Rejection] = []
    for done, future in enumerate(_distributed().as_completed(futures), start=1):
        result: tasks.Analysed = future.result()
        if not result.written:
            tasks.write_partition(store, by_ids[result.article_ids], result.mentions, result.rejections)
        mentions += result.mention_count
        rejections.extend(result.rejections)
        future.release()
        if on_article is not None:
            on_article(len(result.article_ids))
        if on_partition is not None:
            on_partition(done, len(parts))
    return mentions, rejections


def remote_merge(client: Any) -> Callable[[Sequence[Profile], Mapping[str, Article]], list[Event]]:
    """A merge function (``merge.merge_profiles``'s signature) that merges partition by partition on
    the workers."""

    def remote(parts: Sequence[Partition]) -> list[list[Event]]:
        futures = [client.submit(tasks.merge_part, part, pure=False) for part in parts]
        return [future.result() for future in futures]

    def merge_remotely(profiles: Sequence[Profile], articles: Mapping[str, Article]) -> list[Event]:
        count = max(1, len(_workers(client)) * 2)
        return merge_profiles_partitioned(profiles, articles, count=count, map_partitions=remote)

    return merge_remotely


def merge_store(client: Any, store: Store) -> list[Event]:
    """Re-derive all events from every stored mention, partition by partition on the workers."""
    return pipeline.remerge(store, merge_fn=remote_merge(client))
