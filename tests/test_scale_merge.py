"""Merge by partitions (marsad.scale.merging) gives exactly the global merge's events, in its order."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad import merge
from marsad.records import Article, DateRef, Event, Mention, PlaceRef, to_json
from marsad.scale import components, merge_partitioned, partitions
from marsad.scale.merging import country_of
from test_merge_corpus import load_corpus, load_gold

Corpus = tuple[list[Mention], dict[str, Article]]


def _json(events: list[Event]) -> list[str]:
    return [to_json(event) for event in events]


def _shift(date: DateRef, days: int) -> DateRef:
    if not date.date or len(date.date) < 10:
        return date
    moved = dt.date.fromisoformat(date.date[:10]) + dt.timedelta(days=days)
    return dataclasses.replace(date, date=moved.isoformat())


def _copy(corpus: Corpus, tag: str, days: int, *, drop_countries: bool = False) -> Corpus:
    """The corpus under new ids, ``days`` later; optionally with country-less places (wildcards)."""
    mentions, articles = corpus
    moved_articles = {
        f"{key}{tag}": dataclasses.replace(
            article,
            id=f"{key}{tag}",
            published=_shift(DateRef(date=article.published), days).date if article.published else None,
        )
        for key, article in articles.items()
    }
    moved: list[Mention] = []
    for m in mentions:
        place = m.place
        if drop_countries and place is not None:
            place = PlaceRef(text=place.text)
        moved.append(
            dataclasses.replace(
                m,
                id=f"{m.id}{tag}",
                article_id=f"{m.article_id}{tag}",
                evidence=dataclasses.replace(m.evidence, article_id=f"{m.article_id}{tag}"),
                date=_shift(m.date, days),
                place=place,
            )
        )
    return moved, moved_articles


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus()


@pytest.fixture(scope="module")
def big(corpus: Corpus) -> Corpus:
    """Six copies 3 to 40 days apart (windows that chain across copies), one with no countries."""
    mentions, articles = list(corpus[0]), dict(corpus[1])
    for k, days in enumerate((3, 9, 17, 26, 40)):
        more, more_articles = _copy(corpus, f"~{k}", days, drop_countries=k == 2)
        mentions += more
        articles.update(more_articles)
    return mentions, articles


@pytest.mark.parametrize("count", [1, 2, 3, 8, 100])
def test_partitioned_merge_equals_global_merge(corpus: Corpus, count: int) -> None:
    mentions, articles = corpus
    assert _json(merge_partitioned(mentions, articles, count=count)) == _json(merge.merge(mentions, articles))


@pytest.mark.parametrize("count", [2, 5, 16])
def test_partitioned_merge_equals_global_merge_on_overlapping_copies(big: Corpus, count: int) -> None:
    mentions, articles = big
    expected = _json(merge.merge(mentions, articles))
    assert _json(merge_partitioned(mentions, articles, count=count)) == expected
    shuffled = random.Random(count).sample(mentions, len(mentions))
    assert _json(merge_partitioned(shuffled, articles, count=count)) == expected


def test_partitions_are_disjoint_cover_everything_and_balance(big: Corpus) -> None:
    mentions, articles = big
    parts = partitions(mentions, articles, 4)
    assert len(parts) == 4
    seen = [p.mention.id for part, _ in parts for p in part]
    assert sorted(seen) == sorted(m.id for m in mentions)
    largest = max(len(group) for group in components(mentions, articles))
    # Whole components, packed largest first into the emptiest partition (LPT's bound).
    assert max(len(part) for part, _ in parts) <= len(mentions) / 4 + largest
    for part, needed in parts:
        assert set(needed) == {p.article_id for p in part}


def test_components_split_the_corpus_and_keep_gold_events_whole(corpus: Corpus) -> None:
    mentions, articles = corpus
    groups = components(mentions, articles)
    assert len(groups) > 5  # types, modalities, countries and dates really split the work
    component_of = {mentions[i].id: n for n, group in enumerate(groups) for i in group}
    for cluster in load_gold().values():
        assert len({component_of[mention_id] for mention_id in cluster}) == 1, cluster


def _in_article_of_its_own(mention: Mention, articles: dict[str, Article]) -> Mention:
    """The mention, alone in a copy of its article: another article's report of the same thing."""
    copy = f"{mention.article_id}:{mention.id}"
    articles[copy] = dataclasses.replace(articles[mention.article_id], id=copy)
    return dataclasses.replace(
        mention, article_id=copy, evidence=dataclasses.replace(mention.evidence, article_id=copy)
    )


def test_a_mention_without_country_joins_the_countries_it_may_meet(corpus: Corpus) -> None:
    mentions, known = corpus
    articles = dict(known)
    with_country = next(m for m in mentions if country_of(m) is not None)
    twin = dataclasses.replace(with_country, id="twin", place=PlaceRef(text="somewhere"))
    other = dataclasses.replace(
        with_country, id="other", place=dataclasses.replace(with_country.place, country="ZZ")
    )
    twin, other = (_in_article_of_its_own(m, articles) for m in (twin, other))
    assert country_of(twin) is None
    groups = components([with_country, other, twin], articles)
    assert groups == [[0, 1, 2]]  # the wildcard bridges both countries
    assert components([with_country, other], articles) == [[0], [1]]


def test_a_partition_merges_with_the_days_its_reports_take_from_other_reports() -> None:
    """A report may take its day from another report of its sentence, of another type: partitions carry
    profiles prepared over whole articles, so a worker gives it the day a global merge gives it."""
    mentions, articles = load_corpus()
    for part, needed in partitions(mentions, articles, 6):
        whole = {p.mention.id: p for p in merge.prepare(mentions, articles)}
        assert all(p == whole[p.mention.id] for p in part)
        assert set(needed) == {p.article_id for p in part}


@settings(max_examples=30, deadline=None)
@given(st.data())
def test_any_subset_merges_the_same_by_partitions(data: st.DataObject) -> None:
    mentions, articles = load_corpus()
    chosen = data.draw(st.lists(st.sampled_from(mentions), max_size=40, unique_by=lambda m: m.id))
    count = data.draw(st.integers(1, 6))
    expected = _json(merge.merge(chosen, articles))
    assert _json(merge_partitioned(chosen, articles, count=count)) == expected
