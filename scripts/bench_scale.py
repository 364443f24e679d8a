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

from marsad import nlp, pipeline, resolve
from marsad.scale import engine, tasks
from marsad.store import open_store

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import corpus  # noqa: E402 - bench/corpus.py, found through the path above


def run_local(path: str, db: str) -> dict[str, Any]:
    started = time.perf_counter()
    nlp.load()
    resolve.load_resolver()
    loaded = time.perf_counter() - started
    with open_store(db) as store:
        started = time.perf_counter()
        report = pipeline.run([path], store)
        seconds = time.perf_counter() - started
    return _result(report, seconds, loaded)


def run_dask(path: str, db: str, workers: int) -> dict[str, Any]:
    dask = engine._distributed()
    started = time.perf_counter()
    with dask.LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None) as cluster:
        with dask.Client(cluster) as client:
            client.run(tasks.warm, pipeline.RunOptions())  # models load once per worker, off the clock
        loaded = time.perf_counter() - started
        started = time.perf_counter()
        report = engine.run_distributed([path], db, scheduler=cluster.scheduler_address)
        seconds = time.perf_counter() - started
    return _result(report, seconds, loaded)


def _result(report: pipeline.RunReport, seconds: float, startup: float) -> dict[str, Any]:
    return {
        "articles": report.articles,
        "mentions": report.mentions,
        "events": report.events,
        "seconds": round(seconds, 2),
        "articles_per_second": round(report.articles / seconds, 1),
        "startup_seconds": round(startup, 2),
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
        }
    text = json.dumps(results, indent=2)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":  # Dask's worker processes re-import this module: the guard is required
    main()
