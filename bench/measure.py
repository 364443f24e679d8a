"""The measurements, each run in a fresh child process so that its peak RSS is its own.

Each ``task_*`` function returns a JSON-able dict of seconds, counts and memory; ``run.py`` starts
them (``python bench/run.py --child TASK --params JSON``) and reads the dict from the last stdout line.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import multiprocessing
import pickle
import resource
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from memory import PeakSampler

from marsad import extract, ingest, learn, merge, nlp, pipeline, resolve
from marsad.records import Article, Mention, Rejection
from marsad.store import Store, open_store

log = logging.getLogger(__name__)

Result = dict[str, Any]
CHUNKS_PER_WORKER = 8  # several chunks per worker, so a slow chunk does not leave a core idle


@contextmanager
def timed(into: Result, key: str) -> Iterator[None]:
    """Add the wall-clock seconds of the block to ``into[key]``."""
    started = time.perf_counter()
    try:
        yield
    finally:
        into[key] = into.get(key, 0.0) + time.perf_counter() - started


def memory(result: Result) -> Result:
    """Peak RSS (MiB) of this process and of its largest finished child, plus CPU seconds used."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    # ru_maxrss is in KiB on Linux.
    result["peak_rss_mib"] = own.ru_maxrss / 1024
    result["child_peak_rss_mib"] = children.ru_maxrss / 1024
    result["cpu_s"] = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    return result


def texts_of(path: Path) -> list[str]:
    """Article bodies straight from the JSON Lines file (no ingest): what the bare parse reads."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line)["body"] for line in handle if line.strip()]


def task_load(params: Result) -> Result:
    """Time the model, the actor KB and the gazetteer loads in this fresh process."""
    result: Result = {}
    with timed(result, "import_s"):
        import marsad.resolve.actors  # noqa: F401 - the import is part of what a run pays
    with timed(result, "nlp_s"):
        nlp.load()
    with timed(result, "kb_gazetteer_s"):
        resolve.load_resolver()
    return memory(result)


def task_bare(params: Result) -> Result:
    """A bare spaCy parse of the corpus bodies with the same pipeline (model and entity ruler)."""
    result: Result = {}
    texts = texts_of(Path(params["corpus"]))
    with timed(result, "load_s"):
        language = nlp.load()
    tokens, found, picking = 0, [], 0.0
    with timed(result, "parse_s"):
        for doc in language.pipe(texts, batch_size=params["batch_size"]):
            tokens += len(doc)
            started = time.perf_counter()
            found.append(extract.toponyms(doc))  # read off the parse for the timing below; not parse time
            picking += time.perf_counter() - started
    result["parse_s"] -= picking
    result.update(articles=len(texts), words=sum(len(text.split()) for text in texts), tokens=tokens)
    result["pipes"] = list(language.pipe_names)
    # Place resolution (issue 14: under 10% of the parse): every place name of every text placed by the
    # gazetteer in its article's context, the resolver loaded beforehand (its load is timed apart).
    resolver = resolve.load_resolver()
    with timed(result, "places_s"):
        for number, (text, toponyms) in enumerate(zip(texts, found, strict=True)):
            resolver.resolve_toponyms(toponyms, Article(id=str(number), title="", body=text))
    result["toponyms"] = sum(len(toponyms) for toponyms in found)
    return memory(result)


def task_pipeline(params: Result) -> Result:
    """The whole path: JSON Lines file -> ingest -> store -> analyse -> mentions -> merge -> events.

    With ``keep`` (a file path) and one worker, the mentions are pickled there, with the analyse time and
    mention count at each of ``prefixes``, so the cost curve need not parse these articles again.
    """
    result: Result = {"workers": params["workers"], "rss_after": {}}
    with PeakSampler() as peak:
        with timed(result, "load_s"):
            nlp.load()
            resolve.load_resolver()
            model = learn.load()
            if params["workers"] <= 1:
                # Imports torch and loads the embedder. Never before forking workers: torch's thread pool
                # does not survive a fork (the children hang), so forked workers load it themselves.
                model.judge(["Loading the sentence model."])
        with timed(result, "ingest_s"):
            read = ingest.read_inputs([params["corpus"]], ingest.IngestOptions())
        articles = read.articles
        _rss_after(result, "ingest")
        with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "bench.db") as store:
            with timed(result, "store_articles_s"):
                store.add_articles(articles)
            mentions, rejections = _analyse_run(articles, params, result)
            _rss_after(result, "analyse")
            with timed(result, "store_mentions_s"):
                store.add_rejections((*read.rejections, *rejections))
                store.add_mentions(mentions)
            result.update(remerge(store, result))
    result["tree_pss_peak_mib"] = peak.mib
    result.update(articles=len(articles), words=sum(len(a.body.split()) for a in articles))
    result.update(mentions=len(mentions), rejections=len(rejections) + len(read.rejections))
    return memory(result)


def _analyse_run(
    articles: Sequence[Article], params: Result, result: Result
) -> tuple[list[Mention], list[Rejection]]:
    if params["workers"] > 1 or not params.get("keep"):
        with timed(result, "analyse_s"):
            return analyse(articles, params["workers"], params["batch_size"])
    stops = sorted({*(n for n in params.get("prefixes", []) if n < len(articles)), len(articles)})
    steps = _analyse_prefixes(articles, stops, params["batch_size"])
    result["analyse_s"] = steps.seconds[len(articles)]
    result["analysed"] = {"path": params["keep"], "seconds": steps.seconds, "mentions": steps.counts}
    with Path(params["keep"]).open("wb") as handle:
        ids = [article.id for article in articles]
        pickle.dump((ids, steps.mentions), handle, protocol=pickle.HIGHEST_PROTOCOL)
    return steps.mentions, steps.rejections


def _rss_after(result: Result, stage: str) -> None:
    result["rss_after"][stage] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def remerge(store: Store, into: Result | None = None) -> Result:
    """``pipeline.remerge`` step by step, so that reading, merging and writing are timed apart."""
    result: Result = {}
    with timed(result, "store_read_s"):
        articles = {article.id: article for article in store.articles()}
        mentions = store.mentions()
    with timed(result, "merge_s"):
        events = merge.merge(mentions, articles)
    if into is not None:
        _rss_after(into, "merge")
    with timed(result, "store_events_s"):
        store.replace_events(events)
    result["events"] = len(events)
    return result


def analyse(
    articles: Sequence[Article], workers: int, batch_size: int
) -> tuple[list[Mention], list[Rejection]]:
    """``pipeline.analyse``, in this process or split into chunks over ``workers`` forked processes."""
    options = pipeline.RunOptions(batch_size=batch_size)
    if workers <= 1:
        return pipeline.analyse(articles, options)
    size = max(1, -(-len(articles) // (workers * CHUNKS_PER_WORKER)))
    chunks = [list(articles[i : i + size]) for i in range(0, len(articles), size)]
    # Forked after the model and resolver are loaded: the workers share them and start at once.
    context = multiprocessing.get_context("fork")
    mentions: list[Mention] = []
    rejections: list[Rejection] = []
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as executor:
        for chunk_mentions, chunk_rejections in executor.map(
            _analyse_chunk, chunks, [batch_size] * len(chunks)
        ):
            mentions.extend(chunk_mentions)
            rejections.extend(chunk_rejections)
    return mentions, rejections


def _analyse_chunk(articles: list[Article], batch_size: int) -> tuple[list[Mention], list[Rejection]]:
    return pipeline.analyse(articles, pipeline.RunOptions(batch_size=batch_size))


def task_curve(params: Result) -> Result:
    """Cost at each corpus size: analyse once over the largest corpus, ingest/store/merge at every size.

    ``analyse`` handles each article alone (no state crosses articles), so its cost at ``n`` articles is
    the time spent on the first ``n`` of them: the largest corpus is parsed once, not once per size, and the
    articles the 1-worker pipeline run already analysed (``analysed``) are not parsed again.
    Ingest (with its deduplication), the store and merge see the whole prefix, so they run once per size.
    """
    sizes: list[int] = sorted(params["sizes"])
    files: dict[str, str] = params["files"]
    nlp.load()
    resolve.load_resolver()
    largest = ingest.read_inputs([files[str(sizes[-1])]], ingest.IngestOptions()).articles
    steps = _analyse_prefixes(largest, sizes, params["batch_size"], earlier=params.get("analysed"))
    points = []
    with PeakSampler() as peak:
        for size in sizes:
            mentions = steps.mentions[: steps.counts[size]]
            point: Result = {"articles": size, "words": sum(len(a.body.split()) for a in largest[:size])}
            point.update(analyse_s=steps.seconds[size], mentions=len(mentions))
            with timed(point, "ingest_s"):
                articles = ingest.read_inputs([files[str(size)]], ingest.IngestOptions()).articles
            point["ingested"] = len(articles)
            with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "curve.db") as store:
                with timed(point, "store_writes_s"):
                    store.add_articles(articles)
                    store.add_mentions(mentions)
                point.update(remerge(store))
            points.append(point)
    return memory({"points": points, "reused_articles": steps.reused, "tree_pss_peak_mib": peak.mib})


@dataclasses.dataclass(slots=True)
class Steps:
    """Mentions of the first articles, in article order; seconds and mention counts at each stop."""

    mentions: list[Mention] = dataclasses.field(default_factory=list)
    rejections: list[Rejection] = dataclasses.field(default_factory=list)
    seconds: dict[int, float] = dataclasses.field(default_factory=dict)
    counts: dict[int, int] = dataclasses.field(default_factory=dict)
    reused: int = 0  # articles analysed by an earlier run


def _analyse_prefixes(
    articles: Sequence[Article], stops: Sequence[int], batch_size: int, *, earlier: Result | None = None
) -> Steps:
    """Analyse ``articles`` in one pass, noting cumulative seconds and mentions at each stop."""
    steps, done, seconds = Steps(), 0, 0.0
    if earlier and _same_articles(earlier["path"], articles):
        with Path(earlier["path"]).open("rb") as handle:
            steps.mentions = pickle.load(handle)[1]
        steps.seconds = {int(n): s for n, s in earlier["seconds"].items()}
        steps.counts = {int(n): c for n, c in earlier["mentions"].items()}
        done = steps.reused = max(steps.seconds)
        seconds = steps.seconds[done]
    for stop in stops:
        if stop <= done:
            continue
        started = time.perf_counter()
        found, rejected = pipeline.analyse(articles[done:stop], pipeline.RunOptions(batch_size=batch_size))
        seconds += time.perf_counter() - started
        steps.mentions += found
        steps.rejections += rejected
        steps.seconds[stop], steps.counts[stop], done = seconds, len(steps.mentions), stop
    return steps


def _same_articles(path: str, articles: Sequence[Article]) -> bool:
    """Whether the earlier run analysed the first articles of ``articles`` (else the curve parses them)."""
    with Path(path).open("rb") as handle:
        ids: list[str] = pickle.load(handle)[0]
    return [article.id for article in articles[: len(ids)]] == ids


def task_merge(params: Result) -> Result:
    """Merge alone at each size (``--merge-only``): analyse the largest corpus once, or read its mentions
    from ``mentions`` (a pickle written by an earlier run on the same articles), then merge each prefix."""
    sizes: list[int] = sorted(params["sizes"])
    articles = ingest.read_inputs([params["corpus"]], ingest.IngestOptions()).articles
    cache = Path(params["mentions"]) if params.get("mentions") else None
    if cache is not None and cache.exists() and _same_articles(str(cache), articles):
        with cache.open("rb") as handle:
            mentions: list[Mention] = pickle.load(handle)[1]
    else:
        mentions = analyse(articles, 1, params["batch_size"])[0]
        if cache is not None:
            with cache.open("wb") as handle:
                ids = [article.id for article in articles]
                pickle.dump((ids, mentions), handle, protocol=pickle.HIGHEST_PROTOCOL)
    repeat = int(params.get("repeat", 1))
    return memory({"points": [merge_point(articles[:size], mentions, repeat) for size in sizes]})


def merge_point(articles: Sequence[Article], mentions: Sequence[Mention], repeat: int = 1) -> Result:
    """Merge the mentions of ``articles``: the fastest of ``repeat`` runs (other work on a shared
    machine only ever slows a run down), and how many reports tell each event."""
    by_id = {article.id: article for article in articles}
    mine = [mention for mention in mentions if mention.article_id in by_id]
    point: Result = {"articles": len(articles), "mentions": len(mine), "repeat": repeat}
    seconds = []
    for _ in range(max(1, repeat)):
        run: Result = {}
        with timed(run, "merge_s"):
            events = merge.merge(mine, by_id)
        seconds.append(run["merge_s"])
    point["merge_s"] = min(seconds)
    told = sorted(len(event.article_ids) for event in events)
    point.update(events=len(events), articles_per_event=sum(told) / max(1, len(told)))
    point.update(largest_event_articles=told[-1] if told else 0)
    return point


TASKS: dict[str, Callable[[Result], Result]] = {
    "load": task_load,
    "bare": task_bare,
    "pipeline": task_pipeline,
    "curve": task_curve,
    "merge": task_merge,
}
