"""Cross-article merging, scored end to end: which articles report the same event.

Gold: a clusters file (``examples/gold-clusters.json``): for each real-world event, the articles that report
it, named by file and exact title, or, in a JSON Lines file whose records carry an ``id`` (titles of
Portal:Current events items are category paths, shared by many items), by file and that id. System:
marsad's events, each with the articles it came from.

Scores are pairwise over articles: a gold pair is two articles that report the same gold event; a system
pair is two articles joined in one system event (occurred, not recalled background). Recall is the share
of gold pairs that some system event joins; precision is the share of system pairs that are gold pairs.
Pairs with an article that mentions the event only in passing (a role other than "report") are neutral:
joining them is neither required nor wrong, so they are left out of the system pairs.
Precision is a lower bound: two articles that both report a minor event the gold does not list (a
condemnation both mention, say) count against it.

B-cubed is computed on the same links, per article: an article's system set is itself and the articles
some system event joins it to, its gold set likewise; precision and recall average the overlap over the
articles that take part in a gold or a system pair.

Near misses (``near_misses`` in the gold: pairs of different events of one place, day and kind) are
checked on mentions, because both events are often told in the same articles: a pair counts as merged
when one system event holds a mention whose sentence carries words of one event's description only
(say "tent", "Mawasi") and another mention whose sentence carries words of the other's only
("motorcycle", "Suheila"), each from an article that reports that event. Words both descriptions share
say nothing and are ignored. Docs: docs/evaluation.md.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from marsad.errors import GoldError
from marsad.merge.clues import spelling_key
from marsad.records import Event, Modality

REPORT = "report"
NEAR_MISS_MIN_WORDS = 2  # distinctive description words a sentence needs to tell one event of a near miss
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


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


def load_near_misses(path: str | Path) -> list[dict[str, str]]:
    """The gold's near-miss pairs (``{"a": id, "b": id, "why": ...}``); none when the file lists none."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    pairs = data.get("near_misses", []) if isinstance(data, dict) else []
    if not isinstance(pairs, list) or not all(isinstance(p, dict) and "a" in p and "b" in p for p in pairs):
        raise GoldError(f"{path}: 'near_misses' must be a list of objects with 'a' and 'b'")
    return pairs


def member_key(member: Mapping[str, Any]) -> tuple[str, str]:
    """How a cluster member names its article: (file, exact title), or (file, "#" + record id)."""
    if "title" not in member:
        return str(member["file"]), f"#{member.get('corpus_id', member.get('id'))}"
    return str(member["file"]), str(member["title"])


def gold_pairs(
    clusters: Sequence[Mapping[str, Any]], article_ids: Mapping[tuple[str, str], str]
) -> set[frozenset[str]]:
    """Pairs of article ids that report the same gold event (role "report" only)."""
    pairs: set[frozenset[str]] = set()
    for cluster in clusters:
        members = sorted(
            {article_ids[member_key(m)] for m in cluster["mentions"] if m.get("role", REPORT) == REPORT}
        )
        pairs.update(frozenset(pair) for pair in itertools.combinations(members, 2))
    return pairs


def neutral_pairs(
    clusters: Sequence[Mapping[str, Any]], article_ids: Mapping[tuple[str, str], str]
) -> set[frozenset[str]]:
    """Pairs the score ignores: an article that mentions a gold event only in passing (or as planned)
    may or may not be joined to that event's reports; either is right."""
    pairs: set[frozenset[str]] = set()
    for cluster in clusters:
        roles = [(article_ids[member_key(m)], m.get("role", REPORT)) for m in cluster["mentions"]]
        for (a, role_a), (b, role_b) in itertools.combinations(roles, 2):
            if a != b and (role_a != REPORT or role_b != REPORT):
                pairs.add(frozenset((a, b)))
    return pairs - gold_pairs(clusters, article_ids)


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
        ": ".join(member_key(m))
        for cluster in clusters
        for m in cluster["mentions"]
        if member_key(m) not in article_ids
    )


def score_article_clusters(
    clusters: Sequence[Mapping[str, Any]], article_ids: Mapping[tuple[str, str], str], events: Iterable[Event]
) -> dict[str, Any]:
    """Pairwise precision, recall and F1 of cross-article merging, with the counts."""
    missing = missing_articles(clusters, article_ids)
    if missing:
        raise GoldError(f"the gold clusters name articles the input does not hold: {'; '.join(missing[:5])}")
    gold = gold_pairs(clusters, article_ids)
    system = system_pairs(events) - neutral_pairs(clusters, article_ids)
    hits = len(gold & system)
    precision = hits / len(system) if system else None
    recall = hits / len(gold) if gold else None
    f1 = 2 * precision * recall / (precision + recall) if precision and recall else None
    return {
        "gold_pairs": len(gold),
        "system_pairs": len(system),
        "joined": hits,
        "pairwise_precision": _round(precision),
        "pairwise_recall": _round(recall),
        "pairwise_f1": _round(f1),
        **bcubed(gold, system),
        "missed_pairs": _pair_names(gold - system, article_ids),
        "extra_pairs": _pair_names(system - gold, article_ids),
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _pair_names(pairs: Iterable[frozenset[str]], article_ids: Mapping[tuple[str, str], str]) -> list[str]:
    """Pairs of articles as "file: title || file: title", sorted (for reading a report)."""
    names: dict[str, str] = {}
    for (file, title), article_id in article_ids.items():
        if title.startswith("#") or article_id not in names:  # a record id names one article; a title may not
            names[article_id] = f"{file}: {title}"
    return sorted(" || ".join(sorted(names.get(a, a) for a in pair)) for pair in pairs)


def bcubed(gold: set[frozenset[str]], system: set[frozenset[str]]) -> dict[str, float | None]:
    """B-cubed precision, recall and F1 of the article links (each article against its linked set)."""
    items = {article for pair in gold | system for article in pair}
    if not items:
        return {"bcubed_precision": None, "bcubed_recall": None, "bcubed_f1": None}
    gold_of, system_of = _linked(gold, items), _linked(system, items)
    precision = sum(len(gold_of[i] & system_of[i]) / len(system_of[i]) for i in items) / len(items)
    recall = sum(len(gold_of[i] & system_of[i]) / len(gold_of[i]) for i in items) / len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"bcubed_precision": _round(precision), "bcubed_recall": _round(recall), "bcubed_f1": _round(f1)}


def _linked(pairs: set[frozenset[str]], items: set[str]) -> dict[str, set[str]]:
    linked = {item: {item} for item in items}
    for pair in pairs:
        a, b = sorted(pair)
        linked[a].add(b)
        linked[b].add(a)
    return linked


def near_miss_merges(
    clusters: Sequence[Mapping[str, Any]],
    near_misses: Sequence[Mapping[str, str]],
    events: Iterable[Event],
    mentions: Mapping[str, tuple[str, str]],
    article_ids: Mapping[tuple[str, str], str],
) -> dict[str, Any]:
    """How many gold near-miss pairs some system event merges (see the module docstring).

    ``mentions`` maps a mention id to its article id and the sentence that holds it; ``article_ids``
    maps (file, title) to article ids, as for :func:`score_article_clusters`."""
    by_id = {str(c.get("id")): c for c in clusters}
    words = _description_words(clusters)
    kept = [e for e in events if not e.background and e.modality is Modality.ASSERTED]
    joined = system_pairs(kept)
    merged = []
    for pair in near_misses:
        if "file" in pair:  # items named by record id: merged when one event joins their articles
            if _items_joined(pair, joined, article_ids):
                merged.append(f"{_label(pair['a'])} + {_label(pair['b'])}")
            continue
        a, b = str(pair["a"]), str(pair["b"])
        if a not in by_id or b not in by_id:
            raise GoldError(f"near miss {a} / {b}: no cluster with that id")
        sides = (
            _Side(words[a] - words[b], _articles(by_id[a], article_ids)),
            _Side(words[b] - words[a], _articles(by_id[b], article_ids)),
        )
        if any(_tells_both(event, mentions, sides) for event in kept):
            merged.append(f"{a} + {b}")
    apart = (len(near_misses) - len(merged)) / len(near_misses) if near_misses else None
    return {
        "near_misses": len(near_misses),
        "near_misses_merged": len(merged),
        "near_misses_apart": apart,  # the share kept apart: a score where higher is better, like the others
        "merged_near_misses": merged,
    }


def _items_joined(
    pair: Mapping[str, Any], joined: set[frozenset[str]], article_ids: Mapping[tuple[str, str], str]
) -> bool:
    """Whether some system event joins an article of side ``a`` to one of side ``b`` of a near miss
    whose sides are JSON Lines records of ``pair["file"]``, named by id (one id, or a list)."""
    sides = []
    for side in (pair["a"], pair["b"]):
        ids = side if isinstance(side, list) else [side]
        found = {article_ids.get(member_key({"file": pair["file"], "id": i})) for i in ids}
        sides.append({a for a in found if a})
    return any(frozenset((x, y)) in joined for x in sides[0] for y in sides[1] if x != y)


def _label(side: Any) -> str:
    return "/".join(map(str, side)) if isinstance(side, list) else str(side)


@dataclasses.dataclass(frozen=True, slots=True)
class _Side:
    words: frozenset[str]  # words only this event's description has
    articles: frozenset[str]  # the articles that report it


def _articles(cluster: Mapping[str, Any], article_ids: Mapping[tuple[str, str], str]) -> frozenset[str]:
    """The articles that report a cluster's event (a passing mention may well name the other one too)."""
    found = (article_ids.get(member_key(m)) for m in cluster["mentions"] if m.get("role", REPORT) == REPORT)
    return frozenset(a for a in found if a)


def _description_words(clusters: Sequence[Mapping[str, Any]]) -> dict[str, frozenset[str]]:
    """Each cluster's distinctive description words: spelling keys found in at most two descriptions
    ("tent", "Mawasi"), not the words every strike has ("killed", "Israeli"). Cluster ids are removed
    first: a description may name its near miss."""
    ids = [str(c.get("id")) for c in clusters]
    texts = {}
    for cluster_id, cluster in zip(ids, clusters, strict=True):
        text = str(cluster.get("description", ""))
        for other in ids:
            text = text.replace(other, " ")
        texts[cluster_id] = _words(text)
    counts = Counter(word for found in texts.values() for word in found)
    return {cluster_id: frozenset(w for w in found if counts[w] <= 2) for cluster_id, found in texts.items()}


def _words(text: str) -> frozenset[str]:
    return frozenset(
        spelling_key(w) for w in _WORD.findall(text.casefold()) if len(w) > 2 and not w.isdigit()
    )


def _tells_both(event: Event, mentions: Mapping[str, tuple[str, str]], sides: tuple[_Side, _Side]) -> bool:
    """Whether ``event`` holds a mention that tells side one and another that tells side two, each
    from an article of that side."""
    told = set()
    for mention_id in event.mention_ids:
        article, sentence = mentions.get(mention_id, ("", ""))
        side = _told_side(_words(sentence), sides)
        if side is not None and article in sides[side].articles:
            told.add(side)
    return len(told) == 2


def _told_side(found: frozenset[str], sides: tuple[_Side, _Side]) -> int | None:
    """The side a sentence tells: at least two of its distinctive words, and three times as many as
    of the other side's (a roundup sentence that tells both tells neither)."""
    hits = [len(found & side.words) for side in sides]
    for side, other in ((0, 1), (1, 0)):
        if hits[side] >= NEAR_MISS_MIN_WORDS and hits[side] >= 3 * hits[other]:
            return side
    return None
