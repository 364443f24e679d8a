"""Wiring of the stages: ingest -> nlp -> extract -> resolve -> merge -> store. No logic of its own."""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable, Iterable, Sequence
from typing import TextIO

from marsad import extract, ingest, merge, nlp, resolve
from marsad.records import Article, Event, Mention, Rejection
from marsad.store import Store

log = logging.getLogger(__name__)

Progress = Callable[[int], None]


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class RunOptions:
    """What a run reads and how; every field has a sensible default."""

    ingest: ingest.IngestOptions = dataclasses.field(default_factory=ingest.IngestOptions)
    model: str = nlp.DEFAULT_MODEL
    batch_size: int = 32


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class RunReport:
    """What a run did, for the summary line and the exit code."""

    articles: int  # distinct articles read in this run
    new_articles: int  # of which not in the store before
    mentions: int
    events: int  # events in the store after the run
    rejections: tuple[Rejection, ...]
    seconds: float


def run(
    paths: Sequence[str],
    store: Store,
    options: RunOptions | None = None,
    *,
    stdin: TextIO | None = None,
    on_file: Callable[[str], None] | None = None,
    on_article: Progress | None = None,
    on_total: Progress | None = None,
) -> RunReport:
    """Read ``paths``, extract and resolve events, merge them with the store's, and save everything.

    ``on_file`` is called with each file as it is read, ``on_total`` once with the number of articles
    to analyse, and ``on_article`` after each one (for a progress bar).
    """
    options = options or RunOptions()
    started = time.perf_counter()
    ingested = ingest.read_inputs(paths, options.ingest, stdin=stdin, on_file=on_file)
    if on_total is not None:
        on_total(len(ingested.articles))
    known = {article.id for article in store.articles(article.id for article in ingested.articles)}
    store.add_articles(ingested.articles)
    mentions, rejections = analyse(ingested.articles, options, on_article=on_article)
    all_rejections = (*ingested.rejections, *rejections)
    store.add_rejections(all_rejections)
    store.add_mentions(mentions)
    events = remerge(store)
    return RunReport(
        articles=len(ingested.articles),
        new_articles=sum(1 for article in ingested.articles if article.id not in known),
        mentions=len(mentions),
        events=len(events),
        rejections=all_rejections,
        seconds=time.perf_counter() - started,
    )


def analyse(
    articles: Sequence[Article], options: RunOptions, *, on_article: Progress | None = None
) -> tuple[list[Mention], list[Rejection]]:
    """Parse, extract and resolve every article; mentions and rejections in article order."""
    language = nlp.load(options.model)
    resolver = resolve.load_resolver()
    mentions: list[Mention] = []
    rejections: list[Rejection] = []
    docs = language.pipe((article.body for article in articles), batch_size=options.batch_size)
    for article, doc in zip(articles, docs, strict=True):
        result = extract.extract(doc, article)
        mentions.extend(resolver.resolve_all(result.mentions, article))
        rejections.extend(result.rejections)
        if on_article is not None:
            on_article(1)
    return mentions, rejections


def remerge(store: Store) -> list[Event]:
    """Re-derive all events from every stored mention, so reruns and new reports stay consistent."""
    articles = {article.id: article for article in store.articles()}
    events = merge.merge(store.mentions(), articles)
    store.replace_events(events)
    return events


def events_for(articles: Iterable[Article], options: RunOptions | None = None) -> list[Event]:
    """Run the analysis on in-memory articles without a store (evaluation, tests)."""
    articles = list(articles)
    mentions, _ = analyse(articles, options or RunOptions())
    return merge.merge(mentions, {article.id: article for article in articles})
