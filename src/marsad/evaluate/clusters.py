"""Cross-article merging, scored end to end: which articles report the same event.

Gold: a clusters file (``examples/gold-clusters.json``): for each real-world event, the articles that report
it, named by file and exact title. System: marsad's events, each with the articles it came from.

Scores are pairwise over articles: a gold pair is two articles that report the same gold event; a system
pair is two articles joined in one system event (occurred, not recalled background). Recall is the share
of gold pairs that some system event joins; precision is the share of system pairs that are gold pairs.
Precision is a lower bound: two articles that both report a minor event the gold does not list (a
condemnation both mention, say) count against it.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from marsad.errors import GoldError
from marsad.records import Event, Modality

REPORT = "report"


def load_clusters(path: str | Path) -> list[dict[str, Any]]:
    """The clusters of a gold clusters file; GoldError names what is wrong."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise GoldError(f"{path}: cannot read the clusters ({exc})") from exc
    clusters = data.get("clusters") if isinstance(data, dict) else None
    if not isinstance(clusters, list):
        raise GoldError(f"{path}: expected an object with a 'clusters' list")
    for number, cluster in enumerate(clusters, start=1):
        if not isinstance(cluster, dict) or not isinstance(cluster.get("mentions"), list):
            raise GoldError(f"{path}: cluster {number} has no 'mentions' list")
    return clusters


def gold_pairs(
    clusters: Sequence[Mapping[str, Any]], article_ids: Mapping[tuple[str, str], str]
) -> set[frozenset[str]]:
    """Pairs of article ids that report the same gold event (role "report" only)."""
    pairs: set[frozenset[str]] = set()
    for cluster in clusters:
        members = sorted(
            {
                article_ids[(m["file"], m["title"])]
                for m in cluster["mentions"]
                if m.get("role", REPORT) == REPORT
            }
        )
        pairs.update(frozenset(pair) for pair in itertools.combinations(members, 2))
    return pairs


def system_pairs(events: Iterable[Event]) -> set[frozenset[str]]:
    pairs: set[frozenset[str]] = set()
    for event in events:
        if event.background or event.modality is not Modality.ASSERTED:
            continue
        pairs.update(frozenset(pair) for pair in itertools.combinations(sorted(set(event.article_ids)), 2))
    return pairs


def missing_articles(
    clusters: Sequence[Mapping[str, Any]], article_ids: Mapping[tuple[str, str], str]
) -> list[str]:
    return sorted(
        f"{m['file']}: {m['title']}"
        for cluster in clusters
        for m in cluster["mentions"]
        if (m["file"], m["title"]) not in article_ids
    )


def score_article_clusters(
    clusters: Sequence[Mapping[str, Any]], article_ids: Mapping[tuple[str, str], str], events: Iterable[Event]
) -> dict[str, Any]:
    """Pairwise precision, recall and F1 of cross-article merging, with the counts."""
    missing = missing_articles(clusters, article_ids)
    if missing:
        raise GoldError(f"the gold clusters name articles the input does not hold: {'; '.join(missing[:5])}")
    gold = gold_pairs(clusters, article_ids)
    system = system_pairs(events)
    hits = len(gold & system)
    precision = hits / len(system) if system else None
    recall = hits / len(gold) if gold else None
    f1 = 2 * precision * recall / (precision + recall) if precision and recall else None
    return {
        "gold_pairs": len(gold),
        "system_pairs": len(system),
        "joined": hits,
        "pairwise_precision": None if precision is None else round(precision, 4),
        "pairwise_recall": None if recall is None else round(recall, 4),
        "pairwise_f1": None if f1 is None else round(f1, 4),
    }
