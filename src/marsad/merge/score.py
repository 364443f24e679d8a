"""Scores of a clustering against gold clusters: pairwise and B-cubed precision/recall/F1."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping

from marsad.records import Event

Gold = Mapping[str, Iterable[str]] | Iterable[Iterable[str]]


def score_clusters(events: Iterable[Event], gold: Gold) -> dict[str, float]:
    """Compare the events' mention clusters with gold clusters of mention ids.

    Only mentions named in the gold count; a gold mention that no event holds counts as a
    singleton. Returns ``pairwise_precision``, ``pairwise_recall``, ``pairwise_f1``,
    ``bcubed_precision``, ``bcubed_recall``, ``bcubed_f1`` and the sizes ``mentions``,
    ``gold_clusters``, ``predicted_clusters``.
    """
    gold_of = _assign(gold.values() if isinstance(gold, Mapping) else gold)
    pred_groups = [[m for m in event.mention_ids if m in gold_of] for event in events]
    pred_of = _assign(group for group in pred_groups if group)
    for mention in gold_of:
        pred_of.setdefault(mention, f"singleton:{mention}")
    result = {**_pairwise(pred_of, gold_of), **_bcubed(pred_of, gold_of)}
    result["mentions"] = float(len(gold_of))
    result["gold_clusters"] = float(len(set(gold_of.values())))
    result["predicted_clusters"] = float(len(set(pred_of.values())))
    return result


def _assign(groups: Iterable[Iterable[str]]) -> dict[str, str]:
    """Mention id -> cluster label (the group's smallest id)."""
    out: dict[str, str] = {}
    for group in groups:
        members = sorted(set(group))
        for mention in members:
            out[mention] = members[0] if members else ""
    return out


def _pairs(assignment: Mapping[str, str]) -> set[tuple[str, str]]:
    by_label: dict[str, list[str]] = {}
    for mention, label in assignment.items():
        by_label.setdefault(label, []).append(mention)
    return {pair for members in by_label.values() for pair in itertools.combinations(sorted(members), 2)}


def _prf(prefix: str, precision: float, recall: float) -> dict[str, float]:
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {f"{prefix}_precision": precision, f"{prefix}_recall": recall, f"{prefix}_f1": f1}


def _pairwise(pred: Mapping[str, str], gold: Mapping[str, str]) -> dict[str, float]:
    pred_pairs, gold_pairs = _pairs(pred), _pairs(gold)
    both = len(pred_pairs & gold_pairs)
    precision = both / len(pred_pairs) if pred_pairs else 1.0
    recall = both / len(gold_pairs) if gold_pairs else 1.0
    return _prf("pairwise", precision, recall)


def _bcubed(pred: Mapping[str, str], gold: Mapping[str, str]) -> dict[str, float]:
    pred_members: dict[str, set[str]] = {}
    gold_members: dict[str, set[str]] = {}
    for mention in gold:
        pred_members.setdefault(pred[mention], set()).add(mention)
        gold_members.setdefault(gold[mention], set()).add(mention)
    if not gold:
        return _prf("bcubed", 1.0, 1.0)
    p_sum = r_sum = 0.0
    for mention in gold:
        mine, truth = pred_members[pred[mention]], gold_members[gold[mention]]
        overlap = len(mine & truth)
        p_sum += overlap / len(mine)
        r_sum += overlap / len(truth)
    return _prf("bcubed", p_sum / len(gold), r_sum / len(gold))
