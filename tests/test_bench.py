"""Smoke test of the benchmark's corpus generator and report on ~20 articles. Nothing here is timed."""

from __future__ import annotations

import datetime as dt
import itertools
import math
import random
import sys
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from marsad import ingest

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402
import measure  # noqa: E402
import report  # noqa: E402
import run  # noqa: E402


@pytest.fixture(scope="module")
def variation() -> corpus.Variation:
    return corpus.load_variation()


@pytest.fixture(scope="module")
def articles(variation: corpus.Variation) -> list[Any]:
    return corpus.generate(20, seed=3, variation=variation)


def test_generated_articles_are_distinct_and_deterministic(
    articles: list[Any], variation: corpus.Variation
) -> None:
    assert len({a.id for a in articles}) == 20
    again = corpus.generate(10, seed=3, variation=variation)
    assert [a.id for a in again] == [a.id for a in articles[:10]]  # a smaller corpus is a prefix
    assert [a.id for a in corpus.generate(10, seed=4, variation=variation)] != [a.id for a in again]


def test_generated_articles_vary_the_samples(articles: list[Any], variation: corpus.Variation) -> None:
    sample_bodies = {s.body for s in variation.samples}
    assert not any(a.body in sample_bodies for a in articles)
    # The reports of one story share its date (the corpus reads like a feed: 20 articles are a few days).
    stories = list(itertools.takewhile(lambda s: s.first < 20, corpus.stories(3, variation)))
    assert {a.published for a in articles} == {s.published for s in stories}
    assert len({(s.sample.id, s.published) for s in stories}) == len(stories) > 4
    assert all("2025-01-01" <= a.published <= "2026-12-31" for a in articles)
    assert {a.source for a in articles} <= set(variation.outlets)
    assert len({a.source for a in articles}) > 3
    # Article sizes stay those of news reports: the samples' order of magnitude, not stacked copies.
    assert all(40 <= len(a.body.split()) <= 800 for a in articles)


def test_jsonl_corpus_survives_ingest_with_the_same_ids(articles: list[Any], tmp_path: Path) -> None:
    path = corpus.write_jsonl(articles, tmp_path / "corpus.jsonl")
    read = ingest.read_inputs([str(path)], ingest.IngestOptions())
    assert not read.rejections
    # No generated article is merged into another as a near-duplicate.
    assert [a.id for a in read.articles] == [a.id for a in articles]
    assert [a.published for a in read.articles] == [a.published for a in articles]


def test_stories_are_small_and_distinct_as_the_corpus_grows(variation: corpus.Variation) -> None:
    # A bigger corpus tells more happenings, not more reports of the same ones (issue 7: the merge's
    # cost per article depends on how many reports tell one event).
    found = list(itertools.takewhile(lambda s: s.first < 8000, corpus.stories(7, variation)))
    assert max(s.size for s in found) <= max(corpus.STORY_SIZES)
    assert 2 <= sum(s.size for s in found) / len(found) <= 4
    assert [s.first for s in found[1:]] == [s.first + s.size for s in found[:-1]]
    by_sample: dict[str, set[str]] = {}
    for story in found:
        by_sample.setdefault(story.sample.id, set()).add(story.published)
    per_sample = len(found) // len(variation.samples)
    assert all(len(dates) >= per_sample for dates in by_sample.values())  # one week per story of a sample
    assert all("2025-01-01" <= s.published <= "2026-12-31" for s in found)
    # A feed: a bigger corpus covers a longer period at the same density (8,000 articles: about 2 years).
    weeks = [dt.date.fromisoformat(s.published).isocalendar()[:2] for s in found]
    assert len(set(weeks)) >= 100
    assert max(weeks.count(week) for week in set(weeks)) <= 2 * corpus.STORIES_PER_WEEK
    assert all(s.shift.days % 7 == 0 for s in found)  # weekday names in the text stay right


def test_reports_of_one_story_share_towns_and_date(variation: corpus.Variation) -> None:
    articles = corpus.generate(12, seed=3, variation=variation)
    story = next(s for s in corpus.stories(3, variation) if s.size >= 2)
    reports = articles[story.first : story.first + min(story.size, 12 - story.first)]
    assert len({a.published for a in reports}) == 1
    moved = {new for old, new in story.swaps.items() if old in story.sample.title}
    assert all(town in a.title for a in reports for town in moved)


def test_absolute_dates_move_with_the_story_and_keep_their_form() -> None:
    text = "Since the November 2024 ceasefire and the December 26 bombing, on 3 March 2025 and since March."
    moved = corpus.shift_dates(text, dt.timedelta(weeks=10), dt.date(2026, 1, 12))
    assert moved == (
        "Since the January 2025 ceasefire and the March 6 bombing, on 12 May 2025 and since May."
    )
    assert corpus.shift_dates("On May 3 we may go.", dt.timedelta(days=7), dt.date(2025, 6, 1)) == (
        "On May 10 we may go."
    )
    assert corpus.shift_dates(text, dt.timedelta(0), dt.date(2026, 1, 12)) == text


def test_towns_are_swapped_within_their_country(variation: corpus.Variation) -> None:
    text = "Strikes hit Nabatieh and Khan Younis; Basra was calm."
    swaps = corpus._town_swaps(text, random.Random(1), variation)
    assert set(swaps) == {"Nabatieh", "Khan Younis", "Basra"}
    assert all(variation.country_of[new] == variation.country_of[old] for old, new in swaps.items())


def test_numbers_change_counts_but_keep_dates_years_and_times() -> None:
    text = "On March 3, 2025 at 10:30, 12 people and Two soldiers were killed among 1,200 troops."
    changed = corpus._numbers(text, random.Random(5))
    assert changed.startswith("On March 3, 2025 at 10:30, ")
    assert "1,200 troops" in changed
    assert changed.split()[6].isdigit()  # "12" stays a number in digits
    assert changed.split()[9] in {
        word.capitalize() for word in corpus._WORDS
    }  # "Two" stays a capitalised word


@pytest.mark.model
def test_measurements_and_report_on_a_small_corpus(
    nlp: Language, articles: list[Any], tmp_path: Path
) -> None:
    files = run.write_corpus(tmp_path, [10, 20], seed=3)
    assert files[20].read_text(encoding="utf-8").count("\n") == 20
    params: dict[str, Any] = {"corpus": str(files[20]), "batch_size": 8}
    bare = measure.task_bare(params)
    one = measure.task_pipeline({**params, "workers": 1})
    two = measure.task_pipeline({**params, "workers": 2})
    curve = measure.task_curve(
        {"sizes": [10, 20], "files": {str(n): str(p) for n, p in files.items()}, "batch_size": 8}
    )
    assert bare["articles"] == one["articles"] == 20
    assert one["mentions"] == two["mentions"] > 0  # chunked workers find what one process finds
    assert one["events"] == two["events"] > 0
    assert [p["articles"] for p in curve["points"]] == [10, 20]
    assert curve["points"][-1]["mentions"] == one["mentions"]
    results = {
        "articles": 20,
        "seed": 3,
        "bare": bare,
        "pipelines": {"1": one, "2": two},
        "curve": curve,
        "load": {"import_s": 0.0, "nlp_s": 0.3, "kb_gazetteer_s": 0.2},
        "machine": report.machine(run.model_meta(bare["pipes"])),
        "wall_s": 60.0,
    }
    text = report.render(results)
    for heading in (
        "## Machine",
        "## Targets",
        "## Throughput",
        "## Time per stage",
        "## Cost curve",
        "## Loading",
    ):
        assert heading in text
    found = {check.name: check for check in report.checks(results)}
    ratio = (one["articles"] / report.pipeline_seconds(one)) / (bare["articles"] / bare["parse_s"])
    assert math.isclose(float(found["pipeline / bare-parse throughput"].value), round(ratio, 2))
    assert found["KB + gazetteer load (fresh process, after first run)"].ok
    assert bare["toponyms"] > 0 and bare["places_s"] > 0
    assert any(name.startswith("place resolution / bare parse") for name in found)


def test_checks_fail_when_a_target_is_missed() -> None:
    stages = ("store_articles_s", "store_mentions_s", "store_read_s", "merge_s", "store_events_s")
    run_figures = {"workers": 1, "articles": 10, "words": 1000, "ingest_s": 1.0, "analyse_s": 9.0}
    run_figures |= dict.fromkeys(stages, 0.0) | {"peak_rss_mib": 3000.0, "child_peak_rss_mib": 0.0}
    results = {
        "bare": {"articles": 10, "parse_s": 1.0},
        "pipelines": {"1": run_figures},
        "load": {"kb_gazetteer_s": 2.5},
        "wall_s": 1000.0,
    }
    failed = {check.name for check in report.checks(results) if not check.ok}
    assert failed == {
        "pipeline / bare-parse throughput",
        "peak RSS (worst pipeline run)",
        "articles/s per core (1 worker)",
        "KB + gazetteer load (fresh process, after first run)",
        "whole `make bench` wall time",
    }


def test_place_resolution_is_checked_as_a_share_of_the_parse() -> None:
    run_figures = {"workers": 1, "articles": 10, "ingest_s": 0.1, "analyse_s": 0.5, "peak_rss_mib": 100.0}
    run_figures |= dict.fromkeys(("store_articles_s", "store_mentions_s", "store_read_s"), 0.0)
    run_figures |= {"merge_s": 0.0, "store_events_s": 0.0, "child_peak_rss_mib": 0.0}
    for places_s, ok in ((0.05, True), (0.2, False)):
        bare = {"articles": 10, "parse_s": 1.0, "places_s": places_s, "toponyms": 40}
        results = {"bare": bare, "pipelines": {"1": run_figures}, "load": {"kb_gazetteer_s": 0.5}}
        share = next(c for c in report.checks(results) if c.name.startswith("place resolution"))
        assert share.ok is ok and share.name.endswith("(40 place names)")
