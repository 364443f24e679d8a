"""The merge index (table ``merge_keys``): SQL shared by the SQLite and PostgreSQL stores.

A run finds the stored mentions its new ones may be compared with through this index instead of
reading the whole store (``merge.incremental``). The queries return a superset of the pairs the
merge's blocking compares (``merge/cluster.py``, ``_pairs``):

- a dated report meets the dated reports of its block whose windows overlap its own, of its country
  and region (or wider places of its country, or places of no country): windows are grouped by
  ``bucket`` (the bit length of their length in days), so for each bucket a range of ``first_day``
  bounds the rows read, whatever the size of the store;
- a report with a country meets the reports of its block, country and place whose window (dated) or
  news window (undated) overlaps its own, or that have no news window: the merge compares undated
  reports with the reports of their place;
- an undated report placed only at country level (no region) meets every report of its block and
  country whose window or news window overlaps its news window, and every report with a country meets
  such reports of its country;
- an undated report placed in a region meets every report of its block, country and region whose window
  or news window overlaps its news window, and a dated report of a region meets such undated reports.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from marsad.records import MergeKey

MERGE_KEY_COLUMNS = (
    "mention_id",
    "article_id",
    "block",
    "country",
    "region",
    "place_key",
    "dated",
    "first_day",
    "last_day",
    "bucket",
)
BUCKETS_SQL = "SELECT DISTINCT block, bucket FROM merge_keys WHERE dated = 1"
# The events holding any of some mentions ({ids}: a list of them), with all their mentions and articles.
EVENTS_OF_MENTIONS_SQL = (
    "SELECT DISTINCT em2.event_id, em2.mention_id, m.article_id FROM event_mentions em "
    "JOIN event_mentions em2 ON em2.event_id = em.event_id JOIN mentions m ON m.id = em2.mention_id "
    "WHERE em.mention_id IN ({ids})"
)
COMPLETE_SQL = "SELECT (SELECT count(*) FROM mentions), (SELECT count(*) FROM merge_keys)"

Query = tuple[str, tuple[Any, ...]]


def key_row(key: MergeKey) -> tuple[Any, ...]:
    return (
        key.mention_id,
        key.article_id,
        key.block,
        key.country,
        key.region,
        key.place_key,
        int(key.dated),
        key.first_day,
        key.last_day,
        key.bucket,
    )


def buckets_by_block(found: Iterable[Sequence[Any]]) -> dict[str, list[int]]:
    """The rows of :data:`BUCKETS_SQL` as block -> sorted buckets."""
    buckets: dict[str, list[int]] = defaultdict(list)
    for block, bucket in found:
        buckets[str(block)].append(int(bucket))
    return {block: sorted(found) for block, found in buckets.items()}


def candidate_queries(key: MergeKey, buckets: Sequence[int], mark: str) -> Iterator[Query]:
    """Queries (``mark`` is the driver's placeholder) whose rows, ``(mention_id, article_id)``, hold every
    stored mention the merge may compare with ``key``'s across articles."""
    select = "SELECT mention_id, article_id FROM merge_keys WHERE block = {m}"
    if key.dated and key.first_day and key.last_day:
        first = dt.date.fromisoformat(key.first_day)
        for bucket in buckets:
            earliest = first - dt.timedelta(days=(1 << bucket) - 1)
            sql = select + " AND dated = 1 AND bucket = {m} AND first_day BETWEEN {m} AND {m}"
            sql += " AND last_day >= {m}"
            yield (
                sql.format(m=mark),
                (key.block, bucket, earliest.isoformat(), key.last_day, key.first_day),
            )
    if key.country is None:
        return  # no country: the merge compares it across articles by its window only, or not at all
    sql = select + " AND country = {m} AND place_key = {m}"
    if key.first_day is None or key.last_day is None:
        yield sql.format(m=mark), (key.block, key.country, key.place_key)
        return
    if key.dated:
        sql += " AND dated = 0"  # dated reports of the place were found by their windows above
    sql += " AND (first_day IS NULL OR (first_day <= {m} AND last_day >= {m}))"
    yield sql.format(m=mark), (key.block, key.country, key.place_key, key.last_day, key.first_day)
    if key.region is not None:
        # An undated report placed in a region meets the reports of that region whose days overlap; a dated
        # one, the undated reports there (``cluster._country_pairs``).
        sql = select + " AND country = {m} AND region = {m} AND first_day <= {m} AND last_day >= {m}"
        if key.dated:
            sql += " AND dated = 0"
        yield sql.format(m=mark), (key.block, key.country, key.region, key.last_day, key.first_day)
    # Undated reports placed only at country level meet every report of their country whose days overlap.
    sql = select + " AND country = {m} AND first_day <= {m} AND last_day >= {m}"
    if key.dated or key.region is not None:
        sql += " AND dated = 0 AND region IS NULL"
    yield sql.format(m=mark), (key.block, key.country, key.last_day, key.first_day)
