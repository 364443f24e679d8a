"""Training the merge scorer (``marsad.learn.pairs``) from our gold clusters, inside ``marsad train``.

Examples. Each training corpus (a folder with its manifest and gold clusters, :data:`CORPORA`) is run
through the pipeline into a temporary store, as ``marsad eval-merge`` runs it. Every pair of reports of two
different articles that the merge's blocking compares and that no veto rules out (``compare.conflict``) is
an example: one happening when the gold reports both articles in one cluster, two happenings when both
articles are in the gold and never reported together; pairs with an article the gold does not list, or
that names the event only in passing, are left out. Each corpus weighs the same in the fit, and within a
corpus the two kinds weigh the same, so a large corpus or a common kind does not drown the rest.

Threshold. Cross-validation across corpora: for each corpus, a scorer fitted on the others merges it,
and its pairwise F1 (over articles, as ``eval-merge`` scores it) is computed at every threshold of
:data:`THRESHOLDS`; a merged near-miss pair costs as much as a wrongly joined pair. The threshold with the
best mean over the corpora wins; the committed scorer is then fitted on every corpus.

Holdouts (``eval/dedup-holdout``, ``eval/real-merge-holdout``) are never read.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from marsad.learn.heads import Array
from marsad.learn.pairs import FEATURES, PairModel, features, fit, save
from marsad.merge.compare import Profile
from marsad.records import Article, Mention

# (name, folder, gold clusters), relative to the repository root: the development merge corpora.
CORPORA: tuple[tuple[str, str, str], ...] = (
    ("examples", "examples", "examples/gold-clusters.json"),
    ("dedup", "eval/dedup", "eval/dedup/gold-clusters.json"),
    ("real-merge", "eval/real-merge", "eval/real-merge/gold-clusters.json"),
)
STRENGTH = 1.0  # scikit-learn's C
NEAR_COST = 3  # wrongly joined pairs a merged near miss counts as in the cross-validation
NEAR_WEIGHT = 3.0  # a pair of reports of a gold near miss weighs this many others
THRESHOLDS = tuple(round(0.05 * k, 2) for k in range(2, 20))  # 0.10 .. 0.95

Progress = Callable[[str], None]
Loader = Callable[[Path], tuple[dict[str, Article], list[Mention]]]


@dataclasses.dataclass(frozen=True, slots=True)
class Corpus:
    """One training corpus, run and compared."""

    name: str
    root: Path
    clusters: list[dict[str, Any]]
    near_misses: list[dict[str, str]]
    articles: dict[str, Article]
    mentions: list[Mention]
    article_ids: dict[tuple[str, str], str]
    rows: Array  # one feature row per example pair
    gold_sha256: str  # of its gold clusters file
    labels: list[bool]
    near: list[bool]  # the pair tells the two sides of a gold near miss (two happenings that look alike)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class PairReport:
    examples: dict[str, tuple[int, int]]  # corpus -> (one happening, two happenings)
    threshold: float
    cross_validation: dict[str, dict[str, float]]  # threshold -> corpus -> F1 (and "mean")
    weights_sha256: str
    directory: Path


def run_corpus(root: Path) -> tuple[dict[str, Article], list[Mention]]:
    """The articles and mentions of the corpus in ``root`` (merged by the hand points meanwhile: the scorer
    being trained may not exist yet, and mentions do not depend on the merge)."""
    from marsad import evaluation_run
    from marsad.merge import scorer

    with scorer.using(None):
        articles, mentions, _ = evaluation_run.run_corpus(root)
    return articles, mentions


def read_corpus(name: str, root: Path, clusters_path: Path, load: Loader = run_corpus) -> Corpus:
    """Run a corpus and collect its example pairs."""
    from marsad import merge
    from marsad.evaluate import clusters as gold_clusters
    from marsad.evaluation_run import article_keys
    from marsad.merge.cluster import _pairs
    from marsad.merge.compare import conflict

    if "holdout" in str(root) or "holdout" in str(clusters_path):
        raise ValueError(f"{root}: a holdout is never trained on")
    clusters = gold_clusters.load_clusters(clusters_path)
    articles, mentions = load(root)
    article_ids = article_keys(articles.values(), root)
    profiles = merge.prepare(mentions, articles)
    label = _Labeller(clusters, gold_clusters.load_near_misses(clusters_path), article_ids, articles)
    rows, labels, near = [], [], []
    for i, j in sorted(_pairs(profiles)):
        a, b = profiles[i], profiles[j]
        if a.article_id == b.article_id or conflict(a, b) is not None:
            continue
        found = label(a, b)
        if found is None:
            continue
        rows.append(features(a, b))
        labels.append(found[0])
        near.append(found[1])
    matrix = np.vstack(rows) if rows else np.zeros((0, len(FEATURES)), dtype=np.float32)
    return Corpus(
        name=name,
        root=root,
        clusters=clusters,
        near_misses=gold_clusters.load_near_misses(clusters_path),
        articles=articles,
        mentions=mentions,
        article_ids=article_ids,
        rows=matrix,
        gold_sha256=gold_digest(clusters_path),
        labels=labels,
        near=near,
    )


class _Labeller:
    """One happening (True), two (False) or unknown (None) for a pair of reports of two articles.

    The gold names articles, not sentences, and an article may report several gold events. A report is
    attributed to the gold events its sentence carries distinctive description words of (as ``eval-merge``
    finds near misses): two reports of articles that report one gold event together are one happening when
    each article reports that event only, or when both sentences tell it; two reports whose sentences tell
    different events, or of articles that never report an event together, are two."""

    def __init__(
        self,
        clusters: Sequence[Mapping[str, Any]],
        near_misses: Sequence[Mapping[str, Any]],
        article_ids: Mapping[tuple[str, str], str],
        articles: Mapping[str, Article],
    ) -> None:
        from marsad.evaluate import clusters as gold_clusters

        self.articles = articles
        self.neutral = gold_clusters.neutral_pairs(clusters, article_ids)
        self.events: dict[str, set[str]] = {}  # article -> gold events it reports
        self.listed: set[str] = set()
        for cluster in clusters:
            for member in cluster["mentions"]:
                article = article_ids[gold_clusters.member_key(member)]
                self.listed.add(article)
                if member.get("role", gold_clusters.REPORT) == gold_clusters.REPORT:
                    self.events.setdefault(article, set()).add(str(cluster.get("id")))
        self.words = gold_clusters._description_words(clusters)
        self.near = {frozenset((str(p["a"]), str(p["b"]))) for p in near_misses if "file" not in p}

    def told(self, report: Profile) -> set[str]:
        """The gold events of its article that the report's sentence tells (distinctive words: at least
        two, and three times as many as of any other event of the article)."""
        from marsad import merge
        from marsad.evaluate import clusters as gold_clusters

        events = self.events.get(report.article_id, set())
        found = gold_clusters._words(merge.mention_sentence(report.mention, self.articles))
        hits = {e: len(found & self.words.get(e, frozenset())) for e in events}
        return {
            e
            for e, n in hits.items()
            if n >= gold_clusters.NEAR_MISS_MIN_WORDS
            and all(n >= 3 * m for other, m in hits.items() if other != e)
        }

    def __call__(self, a: Profile, b: Profile) -> tuple[bool, bool] | None:
        """(one happening?, a near miss?) or None when the gold does not say."""
        pair = frozenset((a.article_id, b.article_id))
        if pair in self.neutral or not pair <= self.listed:
            return None
        events_a, events_b = self.events.get(a.article_id, set()), self.events.get(b.article_id, set())
        told_a, told_b = self.told(a), self.told(b)
        near = any(frozenset((x, y)) in self.near for x in told_a for y in told_b)
        if not events_a & events_b:
            return False, near
        if len(events_a) == 1 and len(events_b) == 1:
            return True, False
        if told_a & told_b & events_a & events_b:
            return True, False
        if told_a and told_b and not told_a & told_b:
            return False, near
        return None


def gold_digest(path: Path) -> str:
    """SHA-256 of a gold clusters file: the committed scorer records it, so a stale scorer shows."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _weights(corpora: Sequence[Corpus]) -> list[float]:
    """Each corpus weighs the same in all, half for each kind of pair; the mean weight is 1 (so that
    ``STRENGTH`` means what it means without weights)."""
    share = sum(len(c.labels) for c in corpora) / (2 * len(corpora))
    out: list[float] = []
    for corpus in corpora:
        count = {kind: sum(1 for label in corpus.labels if label is kind) for kind in (True, False)}
        out.extend(
            share / count[label] * (NEAR_WEIGHT if near else 1.0)
            for label, near in zip(corpus.labels, corpus.near, strict=True)
        )
    return out


def fit_model(corpora: Sequence[Corpus], threshold: float, meta: Mapping[str, Any]) -> PairModel:
    rows = np.vstack([c.rows for c in corpora])
    labels = [label for c in corpora for label in c.labels]
    coef, intercept = fit(rows, labels, _weights(corpora), strength=STRENGTH)
    return PairModel(coef=coef, intercept=intercept, threshold=threshold, meta=dict(meta))


def merge_score(corpus: Corpus, model: PairModel | None) -> dict[str, Any]:
    """``eval-merge``'s scores of ``corpus`` merged with ``model`` (None: the hand points)."""
    from marsad import merge
    from marsad.evaluate import clusters as gold_clusters
    from marsad.merge import scorer

    with scorer.using(model):
        events = merge.merge(corpus.mentions, corpus.articles)
    told = {m.id: (m.article_id, merge.mention_sentence(m, corpus.articles)) for m in corpus.mentions}
    scores = gold_clusters.score_article_clusters(corpus.clusters, corpus.article_ids, events)
    scores.update(
        gold_clusters.near_miss_merges(corpus.clusters, corpus.near_misses, events, told, corpus.article_ids)
    )
    return scores


def cost_f1(scores: Mapping[str, Any]) -> float:
    """Pairwise F1 over articles where each merged near-miss pair counts as :data:`NEAR_COST` more wrongly
    joined pairs (the floors allow none on our written corpora)."""
    joined, system, gold = scores["joined"], scores["system_pairs"], scores["gold_pairs"]
    system += NEAR_COST * scores.get("near_misses_merged", 0)
    if not gold:
        return 1.0 if not system else 0.0
    precision = joined / system if system else 1.0
    recall = joined / gold
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def cross_validate(corpora: Sequence[Corpus]) -> dict[str, dict[str, float]]:
    """Threshold -> held-out corpus -> ``cost_f1`` of a scorer fitted on the other corpora (and "mean")."""
    table: dict[str, dict[str, float]] = {f"{t:.2f}": {} for t in THRESHOLDS}
    for held in corpora:
        others = [c for c in corpora if c is not held]
        model = fit_model(others, 0.5, {})
        for t in THRESHOLDS:
            scored = merge_score(held, dataclasses.replace(model, threshold=t))
            table[f"{t:.2f}"][held.name] = round(cost_f1(scored), 4)
    for row in table.values():
        row["mean"] = round(float(np.mean([row[c.name] for c in corpora])), 4)
    return table


def best_threshold(table: Mapping[str, Mapping[str, float]]) -> float:
    """The threshold of the best mean; on a tie, the highest (the stricter merge)."""
    return max((row["mean"], float(t)) for t, row in table.items())[1]


def corpora_present(root: Path) -> bool:
    """Whether every training corpus of :data:`CORPORA` is under ``root`` (the repository's root)."""
    return all((root / clusters).is_file() for _, _, clusters in CORPORA)


def train_pairs(
    root: Path, out: Path, *, progress: Progress | None = None, load: Loader = run_corpus
) -> PairReport:
    """Fit the merge scorer on the corpora of :data:`CORPORA` under ``root`` and write it to ``out``."""
    say = progress or (lambda _: None)
    corpora = []
    for name, folder, clusters in CORPORA:
        say(f"merge scorer: running {folder} for its example pairs")
        corpora.append(read_corpus(name, root / folder, root / clusters, load))
    return train_on(corpora, out, progress=say)


def train_on(corpora: Sequence[Corpus], out: Path, *, progress: Progress | None = None) -> PairReport:
    say = progress or (lambda _: None)
    examples = {c.name: (sum(c.labels), len(c.labels) - sum(c.labels)) for c in corpora}
    say(f"merge scorer: example pairs (one happening, two) {examples}")
    table = cross_validate(corpora) if len(corpora) > 1 else {}
    threshold = best_threshold(table) if table else 0.5
    say(f"merge scorer: threshold {threshold:.2f} by cross-validation across corpora")
    meta = {
        "training_data": {
            c.name: {"one": examples[c.name][0], "two": examples[c.name][1], "gold_sha256": c.gold_sha256}
            for c in corpora
        },
        "strength": STRENGTH,
        "cross_validation": table,
        "weights": {},
    }
    model = fit_model(corpora, threshold, meta)
    model.meta["weights"] = {
        name: round(float(w), 4)
        for name, w in itertools.chain(
            zip(FEATURES, model.coef, strict=True), [("intercept", model.intercept)]
        )
    }
    sha = save(model, out)
    say(f"wrote the merge scorer to {out}")
    return PairReport(
        examples=examples, threshold=threshold, cross_validation=table, weights_sha256=sha, directory=out
    )
