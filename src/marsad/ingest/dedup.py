"""Merge duplicate articles: the same text, or a near-identical re-scrape, is stored once.

Two articles are the same when their title and body match once case, whitespace,
punctuation and quote style are ignored, or when their bodies share at least
``NEAR_DUPLICATE`` of their word 5-shingles (Jaccard). Of each group the copy with
most metadata (captions, date, link), then the smallest id, is kept, so the
choice does not depend on input order; it carries the locations of every copy.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Sequence

from marsad.ingest.base import normalise
from marsad.records import Article

NEAR_DUPLICATE = 0.9  # Jaccard similarity of body shingles above which two articles are one
SHINGLE = 5  # words per shingle: long enough that stock phrases rarely match by chance


def loose_key(article: Article) -> str:
    """Title and body as bare words: what survives a re-scrape with other spacing or quotes."""
    words = re.findall(r"\w+", normalise(f"{article.title}\n{article.body}"))
    return " ".join(words)


def shingles(text: str) -> frozenset[str]:
    words = re.findall(r"\w+", normalise(text))
    return frozenset(" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1))


def _groups(articles: Sequence[Article]) -> list[list[int]]:
    """Indexes of articles that are copies of each other, groups in order of first appearance."""
    parent = list(range(len(articles)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        parent[max(root(i), root(j))] = min(root(i), root(j))

    first_by_key: dict[str, int] = {}
    postings: dict[str, list[int]] = defaultdict(list)
    sets = [shingles(article.body) for article in articles]
    for i, article in enumerate(articles):
        key = loose_key(article)
        if key in first_by_key:
            join(i, first_by_key[key])
        first_by_key.setdefault(key, i)
        for j in _similar(i, sets, postings):
            join(i, j)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(articles)):
        groups[root(i)].append(i)
    return [groups[r] for r in sorted(groups)]


def _similar(i: int, sets: Sequence[frozenset[str]], postings: dict[str, list[int]]) -> list[int]:
    """Earlier articles whose body shingles overlap article ``i``'s by NEAR_DUPLICATE or more (Jaccard)."""
    shared: dict[int, int] = defaultdict(int)
    for shingle in sets[i]:
        for j in postings[shingle]:
            shared[j] += 1
        postings[shingle].append(i)
    return [
        j for j, common in shared.items() if common / (len(sets[i]) + len(sets[j]) - common) >= NEAR_DUPLICATE
    ]


def _preference(article: Article) -> tuple[int, int, int, str]:
    """Sort key of the copy to keep: the richest (captions, date, link), then the smallest id."""
    return (-len(article.captions), article.published is None, article.url is None, article.id)


def _merged(copies: Sequence[Article]) -> Article:
    keep, *others = sorted(copies, key=_preference)
    locations = sorted({loc for a in copies for loc in a.locations}, key=lambda s: (s.path, s.start, s.end))
    # a copy may know what the kept one does not (e.g. a feed entry's date for a dump article)
    source = keep.source or next((a.source for a in others if a.source), None)
    url = keep.url or next((a.url for a in others if a.url), None)
    copies_in_order = (keep, *others)
    dated = next((a for a in copies_in_order if a.published_from == "input"), None)
    dated = dated or next((a for a in copies_in_order if a.published), keep)
    return dataclasses.replace(
        keep,
        source=source,
        url=url,
        published=dated.published,
        published_from=dated.published_from,
        locations=tuple(locations),
    )


def deduplicate(articles: Sequence[Article]) -> list[Article]:
    """One article per group of copies, with all their locations, in order of first appearance."""
    return [_merged([articles[i] for i in group]) for group in _groups(articles)]
