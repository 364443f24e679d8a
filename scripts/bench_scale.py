"""Throughput of ``marsad run --engine dask`` on this machine: local engine, 1 and 2 Dask workers.

    python scripts/bench_scale.py [--articles 400] [--out bench/scale.json]

The corpus is bench/corpus.py's varied articles (distinct after ingest's deduplication), written
as one JSON Lines file. Each engine runs the whole path (ingest, analysis, store, merge) into a
fresh SQLite store; the Dask clusters are started and their workers' models loaded before the
clock starts, and that start-up is reported apart. Run it on a quiet machine: two cores shared
with anything else make the figures meaningless.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from marsad import ingest, nlp, pipeline, resolve
from marsad.records import to_json
from marsad.scale import engine, tasks
from marsad.store import open_store

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import corpus  # noqa: E402 - bench/corpus.py, found through the path above


def run_local(path: str, db: str) -> dict[str, Any]:
    """``pipeline.run``'s steps, timed apart."""
    options = pipeline.RunOptions()
    started = time.perf_counter()
    nlp.load()
    resolve.load_resolver()
    times: dict[str, float] = {"startup": time.perf_counter() - started}
    with open_store(db) as store:
        started = time.perf_counter()
        read = ingest.read_inputs([path])
        store.add_articles(read.articles)
        times["ingest"] = _lap(started)
        mentions, rejections = pipeline.analyse(read.articles, options)
        store.add_rejections((*read.rejections, *rejections))
        store.add_mentions(mentions)
        times["analysis"] = _lap(started) - times["ingest"]
        events = pipeline.remerge(store)
        times["merge"] = _lap(started) - times["ingest"] - times["analysis"]
    return _result(len(read.articles), len(mentions), len(events), times)


def run_dask(path: str, db: str, workers: int) -> dict[str, Any]:
    """``run_distributed``'s steps on a fresh LocalCluster whose workers loaded their models first."""
    dask = engine._distributed()
    options = pipeline.RunOptions()
    started = time.perf_counter()
    with (
        dask.LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None) as cluster,
        dask.Client(cluster) as client,
        open_store(db) as store,
    ):
        client.run(tasks.warm, options)  # models load once per worker, off the clock
        times: dict[str, float] = {"startup": time.perf_counter() - started}
        started = time.perf_counter()
        articles, rejections = engine.ingest_files(client, [path], options, None)
        store.add_rejections(rejections)
        times["ingest"] = _lap(started)
        mentions, _ = engine.analyse_articles(client, store, articles, options)
        times["analysis"] = _lap(started) - times["ingest"]
        events = engine.merge_store(client, store)
        times["merge"] = _lap(started) - times["ingest"] - times["analysis"]
    return _result(len(articles), mentions, len(events), times)


def _lap(started: float) -> float:
    return time.perf_counter() - started


def _events(db: str) -> tuple[str, ...]:
    with open_store(db) as store:
        return tuple(sorted(to_json(event) for event in store.events()))


def _result(articles: int, mentions: int, events: int, times: dict[str, float]) -> dict[str, Any]:
    total = times["ingest"] + times["analysis"] + times["merge"]
    return {
        "articles": articles,
        "mentions": mentions,
        "events": events,
        "seconds": round(total, 2),
        "articles_per_second": round(articles / total, 1),
        "analysis_articles_per_second": round(articles / times["analysis"], 1),
        **{f"{step}_seconds": round(value, 2) for step, value in times.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = str(corpus.write_jsonl(corpus.generate(args.articles), Path(folder) / "corpus.jsonl"))
        results = {
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "load": os.getloadavg()},
            "local": run_local(path, f"{folder}/local.db"),
            "dask_1_worker": run_dask(path, f"{folder}/d1.db", 1),
            "dask_2_workers": run_dask(path, f"{folder}/d2.db", 2),
            # The output equivalence, at this scale: the same events, figures and claims.
            "identical_events": len({_events(f"{folder}/{name}.db") for name in ("local", "d1", "d2")}) == 1,
        }
    text = json.dumps(results, indent=2)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":  # Dask's worker processes re-import this module: the guard is required
    main()
