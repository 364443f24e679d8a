"""Merge by partitions that cannot share an event, with the same result as one global merge.

``merge.merge`` only ever links two mentions that its blocking compares (same PLOVER type,
modality and background; date windows that overlap, or one of them undated) and that do not
clash on country. Every later decision (the ambiguity guard, the cannot-link check when two
clusters join) only looks at mentions already linked to the pair. So the mentions split into
*components* of the "may be compared and may agree" relation, and merging each component on
its own gives exactly the events of the global merge. The relation here is deliberately
coarser than the merge's (it ignores modes, actors and places finer than the country), which
can only make components larger, never split a real event.

Components are found without comparing pairs:

- **block**: ``(type, modality, background)``; nothing crosses blocks;
- **country**: a mention whose place names a country only meets mentions of that country, or
  mentions without one (those act as wildcards across the countries of their block);
- **date window**: within one block and country, windows that overlap chain into one interval
  (a sort and a sweep: "windows with overlap handled" exactly, with no fixed edges);
  an undated mention joins everything of its block and country. The windows are the ones the
  merge compares (``merge.prepare``): widened by a loose word before the date ("late on
  Tuesday"), moved back for a recalled happening ("a day after he was shot dead"), or taken from
  the sentence for a report that names no day. Reading them from the mention's date alone split
  real components on real text (2026-12: a Dask run of 249 articles stored 1,989 events, a local
  run 1,990);
- **article**: every mention of an article is in the component of the others, because a report's
  window may come from another report of its sentence, of any type: a partition must hold the
  whole article for its worker to compute the same windows.

Components are then packed into a few partitions (largest first), merged separately (on Dask
workers, or in-process), and the events are put back in the global merge's order (by the
canonical key of each event's founding mention).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence

from marsad import merge
from marsad.merge.cluster import CanonicalKey, canonical_key
from marsad.merge.compare import Profile, place_key
from marsad.records import Article, Event, Mention

log = logging.getLogger(__name__)

Block = tuple[str, str, bool]
Partition = tuple[list[Profile], dict[str, Article]]  # prepared profiles, with their articles
MergeFn = Callable[[Sequence[Partition]], list[list[Event]]]


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)

    def chain(self, items: Sequence[int]) -> None:
        for a, b in itertools.pairwise(items):
            self.union(a, b)


def country_of(mention: Mention) -> str | None:
    """The country the merge would compare (``place_relation`` clashes only when both places have a
    name and a country); None is a wildcard."""
    place = mention.place
    if place is None or not place.country or not place_key(place):
        return None
    return place.country


def components(mentions: Sequence[Mention], articles: Mapping[str, Article]) -> list[list[int]]:
    """Groups of indices into ``mentions`` (distinct, with their whole articles) that no merge link can
    cross, each sorted, in order."""
    prepared = {p.mention.id: p for p in merge.prepare(mentions, articles)}
    return profile_components([prepared[m.id] for m in mentions])


def profile_components(profiles: Sequence[Profile]) -> list[list[int]]:
    """Groups of indices into prepared ``profiles`` that no merge link can cross, each sorted, in order."""
    found = _UnionFind(len(profiles))
    blocks: dict[Block, list[int]] = defaultdict(list)
    for i, p in enumerate(profiles):
        blocks[(p.family, p.mention.modality.value, p.mention.background)].append(i)
    for members in blocks.values():
        _join_block(found, profiles, members)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(profiles)):
        groups[found.find(i)].append(i)
    return [groups[root] for root in sorted(groups)]


def _join_block(found: _UnionFind, profiles: Sequence[Profile], members: list[int]) -> None:
    by_country: dict[str | None, list[int]] = defaultdict(list)
    for i in members:
        by_country[country_of(profiles[i].mention)].append(i)
    wildcards = by_country.pop(None, [])
    known = {country: items for country, items in by_country.items() if country is not None}
    if not known:
        _join_windows(found, profiles, wildcards)
        return
    for country in sorted(known):
        _join_windows(found, profiles, known[country] + wildcards)


def _join_windows(found: _UnionFind, profiles: Sequence[Profile], members: list[int]) -> None:
    """Union the members whose date windows chain; an undated member joins them all."""
    windows: list[tuple[dt.date, dt.date, int]] = []
    undated: list[int] = []
    for i in members:
        window = profiles[i].window
        if window is None:
            undated.append(i)
        else:
            windows.append((window[0], window[1], i))
    if undated:
        found.chain(members)
        return
    windows.sort()
    run: list[int] = []
    end: dt.date | None = None
    for start, stop, i in windows:
        if end is not None and start > end:
            found.chain(run)
            run = []
            end = None
        run.append(i)
        end = stop if end is None else max(end, stop)
    found.chain(run)


def partitions(mentions: Iterable[Mention], articles: Mapping[str, Article], count: int) -> list[Partition]:
    """At most ``count`` partitions of whole components, balanced by mention count, deterministic."""
    return profile_partitions(merge.prepare(mentions, articles), articles, count)


def profile_partitions(
    profiles: Sequence[Profile], articles: Mapping[str, Article], count: int
) -> list[Partition]:
    """:func:`partitions` of prepared profiles (in canonical order)."""
    groups = profile_components(profiles)
    bins: list[list[int]] = [[] for _ in range(max(1, min(count, len(groups))))]
    for group in sorted(groups, key=lambda g: (-len(g), g[0])):
        smallest = min(range(len(bins)), key=lambda b: (len(bins[b]), b))
        bins[smallest].extend(group)
    result: list[Partition] = []
    for members in bins:
        if not members:
            continue
        chosen = [profiles[i] for i in sorted(members)]
        needed = {p.article_id: articles[p.article_id] for p in chosen if p.article_id in articles}
        result.append((chosen, needed))
    log.debug("%d mentions, %d components, %d partitions", len(profiles), len(groups), len(result))
    return result


def merge_partition(partition: Partition) -> list[Event]:
    profiles, articles = partition
    return merge.merge_profiles(profiles, articles)


def _local_map(parts: Sequence[Partition]) -> list[list[Event]]:
    return [merge_partition(part) for part in parts]


def merge_partitioned(
    mentions: Iterable[Mention],
    articles: Mapping[str, Article],
    *,
    count: int = 8,
    map_partitions: MergeFn = _local_map,
) -> list[Event]:
    """``merge.merge(mentions, articles)`` computed by partition; ``map_partitions`` may run them remotely."""
    return merge_profiles_partitioned(
        merge.prepare(mentions, articles), articles, count=count, map_partitions=map_partitions
    )


def merge_profiles_partitioned(
    profiles: Sequence[Profile],
    articles: Mapping[str, Article],
    *,
    count: int = 8,
    map_partitions: MergeFn = _local_map,
) -> list[Event]:
    """``merge.merge_profiles(profiles, articles)`` computed by partition."""
    parts = profile_partitions(profiles, articles, count)
    events = [event for found in map_partitions(parts) for event in found]
    return order_events(events, {p.mention.id: p.mention for p in profiles}, articles)


def order_events(
    events: Sequence[Event], mentions: Mapping[str, Mention], articles: Mapping[str, Article]
) -> list[Event]:
    """Events in the global merge's order: by the canonical key of their founding mention."""

    def founder(event: Event) -> CanonicalKey:
        keys = [canonical_key(mentions[i], articles) for i in event.mention_ids if i in mentions]
        return min(keys) if keys else ("", "", 0, 0, event.id)

    return sorted(events, key=founder)


def stable_bucket(key: str, count: int) -> int:
    """A bucket in ``range(count)`` for ``key`` that is the same on every machine and run."""
    return int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:8], 16) % max(1, count)
