"""Incremental merge: a run re-merges only the events its new mentions can touch, with exactly the
events a merge of every stored mention gives.

Why it is exact. :func:`marsad.merge.cluster.cluster` joins reports only along direct links
(``cluster.may_link``: one block, no conflict, and across articles a score of at least
``CROSS_ARTICLE_MIN``); the cannot-link check and the ambiguity guard only read reports already
linked to the pair. So the merge of a set of mentions is the union of the merges of its
*components*: the groups of reports that chains of such links hold together. A report's profile
(its window may come from another report of its sentence, of any type) is computed over its whole
article, as a full merge computes it. A run therefore

1. takes as *seeds* the mentions of the articles it analysed, and the mentions of every stored
   event that holds one of them (a re-analysed article may have changed);
2. grows them into whole components: the stored mentions each report may be compared with come
   from the store's merge index (``Store.merge_candidates``, by block, date window, country and
   place), and those it may link with join, until nothing new comes;
3. merges those mentions (in canonical order, as a full merge would), replaces the stored events
   that hold any of them, and stores their merge keys.

Every event outside the components is unchanged by construction, and every event inside is what a
full merge gives, whatever the order of the runs: ``tests/test_merge_incremental.py`` checks it
over random orders and batch splits. ``marsad remerge`` (``pipeline.remerge``) still rebuilds
everything, for when the rules or the models change.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Protocol

from marsad.merge.cluster import canonical_key, may_link, region_of
from marsad.merge.compare import Profile
from marsad.records import Article, Event, Mention, MergeKey

log = logging.getLogger(__name__)

MergeFn = Callable[[Sequence[Profile], Mapping[str, Article]], list[Event]]


class MergeSource(Protocol):
    """What the incremental merge reads from a store (both stores implement it)."""

    def articles(self, ids: Iterable[str] | None = None) -> list[Article]: ...

    def mentions(self, article_ids: Iterable[str] | None = None) -> list[Mention]: ...

    def merge_candidates(self, keys: Sequence[MergeKey]) -> dict[str, list[tuple[str, str]]]: ...

    def events_of_mentions(self, mention_ids: Iterable[str]) -> dict[str, list[tuple[str, str]]]: ...


@dataclasses.dataclass(frozen=True, slots=True)
class Remerge:
    """What an incremental merge changes in the store."""

    removed: tuple[str, ...]  # ids of the stored events it replaces
    events: list[Event]  # the events of the re-merged components
    keys: list[MergeKey]  # merge keys of every mention it re-merged
    mentions: int  # mentions re-merged (the seeds and the components they grew into)


def merge_key(p: Profile) -> MergeKey:
    """Where a prepared report sits for blocking: its block, place and date window (or, undated, the
    news window of its article)."""
    window = p.window if p.window is not None else p.news
    place = p.mention.place
    span = (window[1] - window[0]).days if window is not None else 0
    return MergeKey(
        mention_id=p.mention.id,
        article_id=p.article_id,
        block=f"{p.family}|{p.mention.modality.value}|{int(p.background)}",
        country=(place.country or None) if place is not None else None,
        region=region_of(p),
        place_key=p.place_key,
        dated=p.window is not None,
        first_day=window[0].isoformat() if window is not None else None,
        last_day=window[1].isoformat() if window is not None else None,
        bucket=max(span, 0).bit_length(),
    )


def plan(store: MergeSource, touched: Collection[str], merge_fn: MergeFn | None = None) -> Remerge:
    """The change an incremental merge makes after new mentions of the articles ``touched`` were stored."""
    from marsad.merge import merge_profiles  # the package imports this module

    found = _Profiles(store)
    found.load(touched)
    seeds = {p.mention.id for p in found.profiles(touched)}
    affected: set[str] = set()
    frontier = seeds
    removed: dict[str, list[tuple[str, str]]] = {}
    while frontier:
        affected |= frontier
        frontier = _linked(store, found, frontier, affected)
        if not frontier:
            # The stored events of these mentions must lie inside their components: those of a
            # changed report, or of a store merged by other rules, may not; they join, whole.
            removed = store.events_of_mentions(affected)
            outside = [(m, a) for pairs in removed.values() for m, a in pairs if m not in affected]
            found.load(a for _, a in outside)
            frontier = {m for m, _ in outside if m in found.by_mention}
    profiles = sorted(
        (found.by_mention[m] for m in affected), key=lambda p: canonical_key(p.mention, found.articles)
    )
    articles = {a: found.articles[a] for a in {p.article_id for p in profiles} if a in found.articles}
    events = (merge_fn or merge_profiles)(profiles, articles)
    log.debug("incremental merge: %d seeds, %d mentions, %d events", len(seeds), len(affected), len(events))
    return Remerge(
        removed=tuple(sorted(removed)),
        events=events,
        keys=[merge_key(p) for p in profiles],
        mentions=len(affected),
    )


def _linked(store: MergeSource, found: _Profiles, frontier: set[str], affected: set[str]) -> set[str]:
    """Mentions outside ``affected`` that some report of ``frontier`` may link with."""
    probes = [found.by_mention[m] for m in sorted(frontier)]
    candidates = store.merge_candidates([merge_key(p) for p in probes])
    found.load({a for pairs in candidates.values() for m, a in pairs if m not in affected})
    linked: set[str] = set()
    for p in probes:
        across = (found.by_mention.get(m) for m, _ in candidates.get(p.mention.id, ()))
        for other in (*found.by_article.get(p.article_id, ()), *across):
            if other is None or other.mention.id in affected or other.mention.id in linked:
                continue
            if may_link(p, other):
                linked.add(other.mention.id)
    return linked


class _Profiles:
    """Prepared profiles of whole stored articles, loaded once each."""

    def __init__(self, store: MergeSource) -> None:
        self.store = store
        self.articles: dict[str, Article] = {}
        self.by_article: dict[str, list[Profile]] = {}
        self.by_mention: dict[str, Profile] = {}

    def load(self, article_ids: Iterable[str]) -> None:
        from marsad.merge import prepare

        wanted = sorted(set(article_ids) - self.by_article.keys())
        if not wanted:
            return
        self.articles.update((a.id, a) for a in self.store.articles(wanted))
        mentions: dict[str, list[Mention]] = {a: [] for a in wanted}
        for mention in self.store.mentions(wanted):
            mentions.setdefault(mention.article_id, []).append(mention)
        for article_id, found in mentions.items():
            # One article at a time: a report's profile depends only on its own article's reports.
            article = self.articles.get(article_id)
            profiles = prepare(found, {article_id: article} if article is not None else {})
            self.by_article[article_id] = profiles
            self.by_mention.update((p.mention.id, p) for p in profiles)

    def profiles(self, article_ids: Iterable[str]) -> list[Profile]:
        return [p for a in sorted(article_ids) for p in self.by_article.get(a, ())]
