"""The Dask engine: the same corpus run locally and on a 2-worker LocalCluster gives the same store,
also into PostgreSQL, also when a worker is killed mid-run or the run is interrupted and resumed."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from marsad import pipeline
from marsad.records import Article, to_json
from marsad.scale import article_partitions, run_distributed
from marsad.store import Store, open_store
from test_store_postgres import pg_url  # noqa: F401 - the PostgreSQL fixture, for the test that uses it

if os.environ.get("CI", "").lower() == "true":
    import distributed  # CI installs the `scale` extra: a missing Dask is a failure there
else:
    distributed = pytest.importorskip("distributed")

pytestmark = [pytest.mark.model, pytest.mark.slow]

CORPUS = [str(Path(__file__).parent.parent / "examples")]

Snapshot = dict[str, Any]


def snapshot(store: Store) -> Snapshot:
    """Everything a run leaves in the store, independent of write order."""
    return {
        "counts": store.counts(),
        "articles": sorted(to_json(a) for a in store.articles()),
        "mentions": sorted(to_json(m) for m in store.mentions()),
        "events": sorted(to_json(e) for e in store.events()),
        "rejections": sorted(to_json(r) for r in store.rejections()),
    }


@pytest.fixture(scope="module")
def local_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[pipeline.RunReport, Snapshot]:
    with open_store(tmp_path_factory.mktemp("local") / "local.db") as store:
        report = pipeline.run(CORPUS, store)
        return report, snapshot(store)


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    """A 2-worker LocalCluster shared by the tests that need one running (startup costs seconds)."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as running:
        yield running


def _same_report(report: pipeline.RunReport, expected: pipeline.RunReport) -> None:
    assert (report.articles, report.new_articles, report.mentions, report.events) == (
        expected.articles,
        expected.new_articles,
        expected.mentions,
        expected.events,
    )
    assert sorted(map(to_json, report.rejections)) == sorted(map(to_json, expected.rejections))


def test_a_local_2_worker_cluster_gives_the_local_run(
    tmp_path: Path, local_run: tuple[pipeline.RunReport, Snapshot]
) -> None:
    db = str(tmp_path / "dask.db")
    report = run_distributed(CORPUS, db, scheduler=None, workers=2)
    _same_report(report, local_run[0])
    with open_store(db) as store:
        assert snapshot(store) == local_run[1]
        assert store.counts()["events"] > 100


def test_a_cluster_writing_to_postgresql_gives_the_local_run(
    pg_url: str,  # noqa: F811 - the fixture imported above
    cluster: Any,
    local_run: tuple[pipeline.RunReport, Snapshot],
) -> None:
    report = run_distributed(CORPUS, pg_url, scheduler=cluster.scheduler_address, partition_size=4)
    _same_report(report, local_run[0])
    with open_store(pg_url) as store:
        assert snapshot(store) == local_run[1]


def _worker_pids(client: Any) -> dict[str, int]:
    return dict(client.run(os.getpid))


def test_a_worker_killed_mid_run_loses_and_doubles_nothing(
    tmp_path: Path, cluster: Any, local_run: tuple[pipeline.RunReport, Snapshot]
) -> None:
    db = str(tmp_path / "killed.db")
    with distributed.Client(cluster.scheduler_address) as client:
        before = _worker_pids(client)
        victim = sorted(before.values())[0]
        killed: list[int] = []

        def kill_once(done: int, total: int) -> None:
            if not killed and done >= 1:
                os.kill(victim, signal.SIGKILL)
                killed.append(victim)
                assert done < total, "the run ended before the kill: use smaller partitions"

        report = run_distributed(
            CORPUS, db, scheduler=cluster.scheduler_address, partition_size=2, on_partition=kill_once
        )
        assert killed == [victim]
        client.wait_for_workers(2, timeout=60)  # the nanny restarts it
        assert victim not in _worker_pids(client).values()
    _same_report(report, local_run[0])
    with open_store(db) as store:
        assert snapshot(store) == local_run[1]


def test_an_interrupted_run_resumes_where_it_stopped(
    tmp_path: Path, cluster: Any, local_run: tuple[pipeline.RunReport, Snapshot]
) -> None:
    db = str(tmp_path / "resumed.db")

    def interrupt(done: int, total: int) -> None:
        if done == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_distributed(
            CORPUS, db, scheduler=cluster.scheduler_address, partition_size=4, on_partition=interrupt
        )
    with open_store(db) as store:
        done_before = store.counts()["articles"]
    assert 0 < done_before < local_run[0].articles

    analysed: list[int] = []
    report = run_distributed(CORPUS, db, scheduler=cluster.scheduler_address, on_article=analysed.append)
    assert sum(analysed) == local_run[0].articles - done_before  # the stored ones are not redone
    assert report.events == local_run[0].events
    with open_store(db) as store:
        assert snapshot(store) == local_run[1]

    analysed.clear()
    again = run_distributed(CORPUS, db, scheduler=cluster.scheduler_address, on_article=analysed.append)
    assert analysed == [] and again.new_articles == 0
    with open_store(db) as store:
        assert snapshot(store) == local_run[1]


def test_without_resume_everything_is_analysed_again(tmp_path: Path, cluster: Any) -> None:
    db = str(tmp_path / "again.db")
    path = str(Path(__file__).parent / "fixtures" / "cli" / "beirut.jsonl")
    first = run_distributed([path], db, scheduler=cluster.scheduler_address)
    analysed: list[int] = []
    started = time.perf_counter()
    again = run_distributed(
        [path], db, scheduler=cluster.scheduler_address, resume=False, on_article=analysed.append
    )
    assert time.perf_counter() - started < 60
    assert sum(analysed) == first.articles == again.articles and again.new_articles == 0
    assert again.mentions == first.mentions and again.events == first.events


def _article(key: str) -> Article:
    return Article(id=key, title=key, body=f"Body of {key}.")


def test_article_partitions_depend_only_on_ids() -> None:
    articles = [_article(f"a{i}") for i in range(50)]
    parts = article_partitions(articles, 8)
    assert 4 <= len(parts) <= 7  # ceil(50 / 8) buckets, some may be empty
    assert sorted(a.id for part in parts for a in part) == sorted(a.id for a in articles)
    reversed_parts = article_partitions(articles[::-1], 8)
    assert sorted(sorted(a.id for a in part) for part in parts) == sorted(
        sorted(a.id for a in part) for part in reversed_parts
    )
    assert article_partitions([], 8) == []


def _loads() -> dict[str, int]:
    from marsad import nlp
    from marsad.resolve import actors, places

    return {
        "spacy": nlp._build.cache_info().misses,
        "kb": actors._load.cache_info().misses,
        "gazetteer": places._load.cache_info().misses,
    }


def test_models_load_once_per_worker(tmp_path: Path, cluster: Any) -> None:
    path = str(Path(__file__).parent / "fixtures" / "cli" / "tigris-dump.txt")
    for run in range(2):
        run_distributed([path], str(tmp_path / f"{run}.db"), scheduler=cluster.scheduler_address)
    with distributed.Client(cluster.scheduler_address) as client:
        loads = client.run(_loads)
    assert max(count for worker in loads.values() for count in worker.values()) == 1, loads


REAL_CORPORA = Path(__file__).parent.parent.parent / "shared" / "corpora"
REAL_PORTAL_ITEMS = 100


@pytest.fixture(scope="module")
def real_text(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Real news (../shared/corpora, CC BY 2.5 Wikinews and CC BY-SA 4.0 Wikipedia contributors): all
    Wikinews conflict articles and the first Portal:Current events items on armed conflicts. On these
    the Dask run once stored events the local run did not (its partitions ignored the days that reports
    take from their sentence)."""
    if not REAL_CORPORA.exists():
        pytest.skip("needs ../shared/corpora")
    lines = (REAL_CORPORA / "wikinews-conflict.jsonl").read_text(encoding="utf-8").splitlines()
    portal = (REAL_CORPORA / "wikipedia-current-events.jsonl").read_text(encoding="utf-8").splitlines()
    lines += [line for line in portal if '"title": "Armed conflicts' in line][:REAL_PORTAL_ITEMS]
    path = tmp_path_factory.mktemp("real") / "real.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_on_real_text_a_cluster_gives_the_local_run(tmp_path: Path, real_text: str) -> None:
    with open_store(tmp_path / "local.db") as store:
        expected_report = pipeline.run([real_text], store)
        expected = snapshot(store)
        mentions, articles = store.mentions(), {a.id: a for a in store.articles()}
    assert expected["counts"]["events"] > 200
    db = str(tmp_path / "dask.db")
    report = run_distributed([real_text], db, scheduler=None, workers=2)
    _same_report(report, expected_report)
    with open_store(db) as store:
        assert snapshot(store) == expected
    from marsad import merge
    from marsad.scale import merge_partitioned

    whole = [to_json(e) for e in merge.merge(mentions, articles)]
    for count in (2, 4, 8):
        assert [to_json(e) for e in merge_partitioned(mentions, articles, count=count)] == whole
