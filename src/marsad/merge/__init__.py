"""Merge stage: mentions of the same happening become one :class:`Event`.

Entry point: :func:`merge` (``merge(mentions, articles) -> list[Event]``). It is a pure
function of the *set* of mentions, so results never depend on input order or on how the input
was split into runs. A run re-merges only the events its new mentions can touch
(:mod:`marsad.merge.incremental`), with the events a merge of every stored mention would give.
Rules and where they differ from ACLED: docs/merge.md.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence

from marsad.merge.build import build_event, event_id
from marsad.merge.cluster import canonical_key, cluster
from marsad.merge.compare import Profile, profile, with_sentence_counts, with_sentence_dates
from marsad.merge.figures import claim_sources
from marsad.merge.score import score_clusters
from marsad.records import Article, Event, Mention, to_json

log = logging.getLogger(__name__)

__all__ = [
    "claim_sources",
    "event_id",
    "mention_sentence",
    "merge",
    "merge_profiles",
    "prepare",
    "score_clusters",
    "unique_mentions",
]


def merge(mentions: Iterable[Mention], articles: Mapping[str, Article]) -> list[Event]:
    """Cluster mentions into events (in the order of their founding mentions)."""
    return merge_profiles(prepare(mentions, articles), articles)


def prepare(mentions: Iterable[Mention], articles: Mapping[str, Article]) -> list[Profile]:
    """What the comparison needs from each distinct mention, in canonical order, with the days that
    bare reports take from their sentence (``compare.with_sentence_dates``) and the counts reports that
    count nothing take from it (``compare.with_sentence_counts``); both read only the mentions of one
    article: profiles of whole articles are the same in any company)."""
    ordered = sorted(unique_mentions(mentions), key=lambda m: canonical_key(m, articles))
    return with_sentence_counts(with_sentence_dates([_profile(m, articles) for m in ordered]))


def merge_profiles(profiles: Sequence[Profile], articles: Mapping[str, Article]) -> list[Event]:
    """Cluster prepared profiles (:func:`prepare`, or a subset of them kept in order) into events."""
    groups = cluster(profiles)
    events = [build_event([profiles[i].mention for i in group], articles) for group in groups]
    log.debug("merged %d mentions into %d events", len(profiles), len(events))
    return events


def unique_mentions(mentions: Iterable[Mention]) -> list[Mention]:
    """One mention per id; if two differ under one id, the smaller serialisation wins (deterministic)."""
    by_id: dict[str, Mention] = {}
    for mention in mentions:
        kept = by_id.get(mention.id)
        if kept is None or (kept != mention and to_json(mention) < to_json(kept)):
            by_id[mention.id] = mention
    return list(by_id.values())


def _profile(mention: Mention, articles: Mapping[str, Article]) -> Profile:
    article = articles.get(mention.article_id)
    published, title = (article.published, article.title) if article else (None, "")
    return profile(mention, mention_sentence(mention, articles), published, title or "")


def mention_sentence(mention: Mention, articles: Mapping[str, Article]) -> str:
    """The sentence holding the mention (for text similarity), else the evidence span."""
    ev = mention.evidence
    article = articles.get(mention.article_id)
    if article and ev.sentence_start is not None and ev.sentence_end is not None:
        return article.body[ev.sentence_start : ev.sentence_end]
    return ev.text
