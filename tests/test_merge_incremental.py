"""Incremental merge (merge.incremental, pipeline.merge_new): whatever the order of the articles and
however they are split into runs, the store ends with exactly the events a full merge gives."""

from __future__ import annotations

import dataclasses
import itertools
import random
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad import merge, pipeline
from marsad.merge import incremental
from marsad.merge.cluster import _pairs
from marsad.records import Article, Mention, to_json
from marsad.store import Store, open_store
from test_merge_corpus import load_corpus
from test_scale_merge import _copy

Corpus = tuple[list[Mention], dict[str, Article]]


def corpus_with_copies() -> Corpus:
    """The merge corpus and two copies 2 and 9 days later, so windows of different copies overlap."""
    mentions, articles = load_corpus()
    mentions, articles = list(mentions), dict(articles)
    for tag, days in (("~a", 2), ("~b", 9)):
        more, more_articles = _copy(load_corpus(), tag, days)
        mentions += more
        articles.update(more_articles)
    return mentions, articles


CORPUS = corpus_with_copies()


def full_merge(mentions: Sequence[Mention], articles: dict[str, Article]) -> list[str]:
    return sorted(to_json(e) for e in merge.merge(mentions, articles))


def stored_events(store: Store) -> list[str]:
    return sorted(to_json(e) for e in store.events())


def run_in_batches(store: Store, corpus: Corpus, batches: Sequence[Sequence[str]]) -> None:
    """Store and merge the articles batch by batch, as successive `marsad run`s do."""
    mentions, articles = corpus
    for batch in batches:
        store.add_articles(articles[a] for a in batch)
        indexed = store.merge_index_complete()
        store.add_mentions(m for m in mentions if m.article_id in set(batch))
        pipeline.merge_new(store, list(batch), indexed=indexed)


def assert_batches_merge_like_the_whole(
    reports: Sequence[tuple[Article, Mention]], *, orders: int, parts: int
) -> None:
    """Seeded orders and two-batch splits of ``reports`` store the events of one full merge, and the store's
    merge index offers every pair the full merge compares as candidates of each other."""
    articles = {a.id: a for a, _ in reports}
    mentions = [m for _, m in reports]
    full = sorted(to_json(e) for e in merge.merge(mentions, articles))
    profiles = merge.prepare(mentions, articles)
    for seed in range(orders):
        ids = sorted(articles)
        random.Random(seed).shuffle(ids)
        cut = 1 + seed % parts
        with open_store(":memory:") as store:
            run_in_batches(store, (mentions, articles), [ids[:cut], ids[cut:]])
            assert sorted(to_json(e) for e in store.events()) == full
            found = store.merge_candidates([incremental.merge_key(p) for p in profiles])
        for i, j in _pairs(profiles):  # every pair the full merge compares
            assert profiles[j].mention.id in dict(found[profiles[i].mention.id])
            assert profiles[i].mention.id in dict(found[profiles[j].mention.id])


def split(ids: Sequence[str], cuts: Sequence[int]) -> list[list[str]]:
    bounds = sorted({0, len(ids), *(c % (len(ids) + 1) for c in cuts)})
    return [list(ids[a:b]) for a, b in itertools.pairwise(bounds) if b > a]


@settings(max_examples=25, deadline=None)
@given(order=st.randoms(use_true_random=False), cuts=st.lists(st.integers(0, 1000), max_size=12))
def test_any_order_and_batch_split_gives_the_full_merge(order: random.Random, cuts: list[int]) -> None:
    mentions, articles = CORPUS
    ids = sorted(articles)
    order.shuffle(ids)
    with open_store(":memory:") as store:
        run_in_batches(store, CORPUS, split(ids, cuts))
        assert stored_events(store) == full_merge(mentions, articles)
        assert store.merge_index_complete()


def test_one_article_at_a_time_in_publication_order_gives_the_full_merge() -> None:
    mentions, articles = CORPUS
    ids = sorted(articles, key=lambda a: (articles[a].published or "", a))
    with open_store(":memory:") as store:
        run_in_batches(store, CORPUS, [[a] for a in ids])
        assert stored_events(store) == full_merge(mentions, articles)


def test_a_reanalysed_article_whose_report_changed_is_merged_again() -> None:
    """A rerun after the extraction changed may store a mention again, with other fields: its old event
    is re-merged as a whole, with the reports it no longer fits."""
    mentions, articles = CORPUS
    with open_store(":memory:") as store:
        run_in_batches(store, CORPUS, [sorted(articles)])
        event = next(e for e in store.events() if len(e.article_ids) >= 3)
        changed = next(m for m in mentions if m.id == event.mention_ids[0])
        elsewhen = dataclasses.replace(changed.date, date="2020-01-01")
        moved = dataclasses.replace(changed, place=None, date=elsewhen)
        store.add_mentions([moved])
        pipeline.merge_new(store, [moved.article_id], indexed=True)
        now = [moved if m.id == moved.id else m for m in mentions]
        assert stored_events(store) == full_merge(now, articles)


def test_a_new_article_re_merges_only_the_events_it_can_touch() -> None:
    mentions, articles = CORPUS
    ids = sorted(articles)
    last = ids[-1]
    with open_store(":memory:") as store:
        run_in_batches(store, CORPUS, [ids[:-1]])
        store.add_articles([articles[last]])
        store.add_mentions(m for m in mentions if m.article_id == last)
        change = incremental.plan(store, {last})
        assert change.mentions < len(mentions) / 10
        store.update_events(change.removed, change.events, change.keys)
        assert stored_events(store) == full_merge(mentions, articles)


def test_a_store_without_merge_keys_is_merged_whole_once() -> None:
    """A store merged before the index existed has events but no keys: the next run re-merges it all."""
    mentions, articles = CORPUS
    ids = sorted(articles)
    with open_store(":memory:") as store:
        store.add_articles(articles[a] for a in ids[:-1])
        store.add_mentions(m for m in mentions if m.article_id != ids[-1])
        store.replace_events(merge.merge(store.mentions(), articles))  # as a run before the index did
        assert not store.merge_index_complete()
        run_in_batches(store, CORPUS, [ids[-1:]])
        assert store.merge_index_complete()
        assert stored_events(store) == full_merge(mentions, articles)


def test_remerge_rebuilds_events_and_index() -> None:
    _, articles = CORPUS
    with open_store(":memory:") as store:
        run_in_batches(store, CORPUS, split(sorted(articles), [40, 90]))
        before = stored_events(store)
        events = pipeline.remerge(store)
        assert len(events) == len(before)
        assert stored_events(store) == before
        assert store.merge_index_complete()


@pytest.mark.parametrize("batches", [1, 3])
def test_merge_candidates_hold_every_pair_the_merge_compares(batches: int) -> None:
    """The index's answer is a superset of the merge's blocking: every stored mention a report is
    compared with across articles is among its candidates."""
    from marsad.merge.cluster import _pairs

    mentions, articles = CORPUS
    with open_store(":memory:") as store:
        run_in_batches(store, CORPUS, split(sorted(articles), list(range(0, 300, 300 // batches))))
        profiles = merge.prepare(mentions, articles)
        found = store.merge_candidates([incremental.merge_key(p) for p in profiles])
        for i, j in _pairs(profiles):
            a, b = profiles[i], profiles[j]
            if a.article_id != b.article_id:
                assert b.mention.id in dict(found[a.mention.id]), (a.mention.id, b.mention.id)
                assert a.mention.id in dict(found[b.mention.id]), (a.mention.id, b.mention.id)
