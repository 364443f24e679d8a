"""The pipeline's wiring: progress callbacks and what a run reports."""

from __future__ import annotations

from pathlib import Path

from marsad import pipeline
from marsad.store import open_store

FIXTURES = Path(__file__).parent / "fixtures" / "cli"


def test_run_reports_progress_and_counts() -> None:
    files: list[str] = []
    totals: list[int] = []
    done: list[int] = []
    with open_store(":memory:") as store:
        report = pipeline.run(
            [str(FIXTURES / "tigris-dump.txt"), str(FIXTURES / "beirut.jsonl")], store,
            on_file=files.append, on_total=totals.append, on_article=done.append,
        )  # fmt: skip
        assert report.events == store.count_events()
    assert files == [str(FIXTURES / "tigris-dump.txt"), str(FIXTURES / "beirut.jsonl")]
    assert totals == [3] and sum(done) == 3
    assert report.articles == report.new_articles == 3
    assert report.mentions > 0
    assert all(rejection.stage != "ingest" for rejection in report.rejections)
