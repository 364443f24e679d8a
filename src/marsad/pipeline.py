"""Wiring of the stages: ingest -> nlp -> extract -> resolve -> merge -> store. No logic of its own."""

from __future__ import annotations

import dataclasses
import itertools
import logging
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from typing import TextIO

from marsad import extract, ingest, learn, merge, nlp, resolve
from marsad.merge import incremental
from marsad.records import Article, Event, Mention, Rejection, Toponym
from marsad.store import Store

log = logging.getLogger(__name__)

Progress = Callable[[int], None]

# The learned layer reads the candidate sentences of this many articles in one call, then each article
# is decided with the judgements kept (``learn.Remembering``): the same result as article by article.
# Only the rules' mentions are held across a window, not the parsed documents, so a larger window costs
# little memory; it gives the embedder larger batches of one length, which run faster per sentence.
JUDGE_WINDOW = 512

# spaCy's own default limit: its parser and NER need about 1 GB of memory per 100,000 characters.
DEFAULT_MAX_CHARS = 1_000_000


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class RunOptions:
    """What a run reads and how; every field has a sensible default."""

    ingest: ingest.IngestOptions = dataclasses.field(default_factory=ingest.IngestOptions)
    model: str = nlp.DEFAULT_MODEL
    batch_size: int = 32
    max_chars: int = DEFAULT_MAX_CHARS  # longer texts are rejected, not parsed (--max-chars)
    learned: bool = True  # the learned layer decides event, type and modality (--rules-only: False)


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
    accepted, too_long = split_oversized(ingested.articles, options.max_chars)
    known = {article.id for article in store.articles(article.id for article in accepted)}
    # A run stopped before it finished left articles without mentions or mentions without
    # events: this run analyses that run's articles too, and merges, which completes it.
    stopped = store.unfinished_runs()
    reading = {article.id for article in accepted}
    leftover = [i for run in stopped for i in run.article_ids if i not in reading]
    run_id = uuid.uuid4().hex
    store.begin_run(run_id, [*reading, *dict.fromkeys(leftover)])
    store.add_articles(accepted)
    store.run_stage(run_id, "stored")
    # Analyse the stored articles, not this read of them: the store keeps metadata an earlier,
    # richer read had (a publication date, an outlet), so a rerun without --published or
    # --source re-derives the same dated events instead of undated ones.
    stored = {article.id: article for article in store.articles([*reading, *leftover])}
    resumed, too_long_stored = split_oversized(
        [stored[i] for i in dict.fromkeys(leftover) if i in stored], options.max_chars
    )
    todo = [*(stored.get(article.id, article) for article in accepted), *resumed]
    if on_total is not None:
        on_total(len(todo))
    mentions, rejections = analyse(todo, options, on_article=on_article)
    all_rejections = (*ingested.rejections, *too_long, *too_long_stored, *rejections)
    store.add_rejections(all_rejections)
    indexed = store.merge_index_complete()  # before this run's mentions, which have no keys yet
    store.add_mentions(mentions)
    store.run_stage(run_id, "analysed")
    merge_new(store, [article.id for article in todo], indexed=indexed)
    store.run_stage(run_id, "merged")
    for finished in [*(run.id for run in stopped), run_id]:
        store.run_stage(finished, "finished")
    return RunReport(
        articles=len(accepted),
        new_articles=sum(1 for article in accepted if article.id not in known),
        mentions=len(mentions),
        events=store.count_events(),
        rejections=all_rejections,
        seconds=time.perf_counter() - started,
    )


def split_oversized(articles: Sequence[Article], max_chars: int) -> tuple[list[Article], list[Rejection]]:
    """Articles short enough to parse, and a rejection for each longer one (never stored)."""
    accepted: list[Article] = []
    rejected: list[Rejection] = []
    for article in articles:
        if len(article.body) <= max_chars:
            accepted.append(article)
            continue
        where = article.locations[0] if article.locations else None
        rejected.append(
            Rejection(
                stage="ingest",
                reason=(
                    f"text of {len(article.body):,} characters is over the limit of {max_chars:,}; "
                    "split it into articles, or raise the limit with --max-chars "
                    "(parsing needs about 1 GB of memory per 100,000 characters)"
                ),
                path=where.path if where else None,
                line=where.line if where else None,
                article_id=article.id,
                text=article.title[:200] or None,
            )
        )
    return accepted, rejected


def analyse(
    articles: Sequence[Article], options: RunOptions, *, on_article: Progress | None = None
) -> tuple[list[Mention], list[Rejection]]:
    """Parse, extract and resolve every article; mentions and rejections in article order."""
    language = nlp.load(options.model)
    language.max_length = max(language.max_length, options.max_chars + 1)
    resolver = resolve.load_resolver()
    names = resolve.load_actor_names()  # what extract asks of the KB (the resolver's own)
    # Room for every distinct candidate sentence of a window (real news has about ten an article).
    judge = learn.Remembering(learn.load(), size=16 * JUDGE_WINDOW) if options.learned else None
    mentions: list[Mention] = []
    rejections: list[Rejection] = []
    docs = language.pipe((article.body for article in articles), batch_size=options.batch_size)
    pairs = zip(articles, docs, strict=True)
    while proposed := [
        (article, extract.propose(doc, article, actors=names))
        for article, doc in itertools.islice(pairs, JUDGE_WINDOW)
    ]:
        if judge is not None:  # the window's sentences in one call: bigger batches embed faster
            judge.judge([text for a, found in proposed for text in extract.sentences(found.mentions, a)])
        for article, result in proposed:
            if judge is not None:
                result = extract.decided(result, article, judge)
            mentions.extend(resolver.resolve_all(result.mentions, article))
            rejections.extend(result.rejections)
            if on_article is not None:
                on_article(1)
    return mentions, rejections


def merge_new(
    store: Store, article_ids: Sequence[str], *, indexed: bool, merge_fn: incremental.MergeFn | None = None
) -> None:
    """Merge the mentions of newly analysed articles into the stored events: only the events they can
    touch are re-merged (``merge.incremental``), with the result a full re-merge would give. A store
    whose merge index is incomplete (``indexed`` false: merged before the index existed, or a run
    stopped before merging) is re-merged whole, which completes the index."""
    if not indexed:
        remerge(store, merge_fn=merge_fn)
        return
    change = incremental.plan(store, set(article_ids), merge_fn)
    store.update_events(change.removed, change.events, change.keys)
    log.info(
        "merged %d articles: %d mentions re-merged into %d events, replacing %d",
        len(article_ids),
        change.mentions,
        len(change.events),
        len(change.removed),
    )


def remerge(store: Store, *, merge_fn: incremental.MergeFn | None = None) -> list[Event]:
    """Re-derive all events from every stored mention and rebuild the merge index (``marsad remerge``:
    after the merge rules or the models changed)."""
    articles = {article.id: article for article in store.articles()}
    profiles = merge.prepare(store.mentions(), articles)
    events = (merge_fn or merge.merge_profiles)(profiles, articles)
    store.replace_events(events, [incremental.merge_key(p) for p in profiles])
    return events


def events_for(
    articles: Iterable[Article], options: RunOptions | None = None
) -> tuple[list[Mention], list[Event]]:
    """Run the analysis on in-memory articles without a store (evaluation, tests): the mentions, which
    say which sentence each event was read from, and the events merged from them."""
    articles = list(articles)
    mentions, _ = analyse(articles, options or RunOptions())
    return mentions, merge.merge(mentions, {article.id: article for article in articles})


def toponyms_for(articles: Iterable[Article], options: RunOptions | None = None) -> list[list[Toponym]]:
    """Every place name of each article that the resolve stage places, event place or not, in article
    order (geoparsing evaluation: ``marsad eval-geo``)."""
    options = options or RunOptions()
    articles = list(articles)
    language = nlp.load(options.model)
    resolver = resolve.load_resolver()
    docs = language.pipe((article.body for article in articles), batch_size=options.batch_size)
    return [
        resolver.resolve_toponyms(extract.toponyms(doc), article)
        for article, doc in zip(articles, docs, strict=True)
    ]
