"""The learned merge scorer (marsad.learn.pairs): its interface, its training, its vetoes, its files' errors,
and that the incremental merge stays exact with it."""

from __future__ import annotations

import dataclasses
import itertools
import random
import shutil
from pathlib import Path

import numpy as np
import pytest

from marsad import merge
from marsad.errors import ConfigError
from marsad.learn import pairs, pairs_train
from marsad.learn.model import ModelError
from marsad.merge import scorer
from marsad.merge.cluster import _pairs
from marsad.merge.compare import conflict
from marsad.records import to_json
from marsad.store import open_store
from test_merge_corpus import load_corpus
from test_merge_incremental import CORPUS, full_merge, run_in_batches, split, stored_events

ROOT = Path(__file__).resolve().parents[1]


def _model(intercept: float, threshold: float = 0.5) -> pairs.PairModel:
    """A scorer that weighs nothing but its intercept: it links every pair, or none."""
    coef = np.zeros(len(pairs.FEATURES), dtype=np.float32)
    return pairs.PairModel(coef=coef, intercept=intercept, threshold=threshold, meta={})


def _tiny_corpus(name: str, seed: int) -> pairs_train.Corpus:
    """Feature rows where the same day and place tell one happening, with some noise; no texts."""
    rng = random.Random(seed)
    rows, labels = [], []
    for _ in range(60):
        row = np.asarray([rng.random() < 0.5 for _ in pairs.FEATURES], dtype=np.float32)
        same = bool(row[0] and row[2]) if rng.random() < 0.9 else not (row[0] and row[2])
        rows.append(row)
        labels.append(same)
    return pairs_train.Corpus(
        name=name,
        root=Path(name),
        clusters=[],
        near_misses=[],
        articles={},
        mentions=[],
        article_ids={},
        rows=np.vstack(rows),
        gold_sha256="",
        labels=labels,
        near=[False] * len(labels),
    )


def test_training_is_deterministic_and_its_scorer_loads(tmp_path: Path) -> None:
    corpora = [_tiny_corpus("one", 1), _tiny_corpus("two", 2)]
    first = pairs_train.train_on(corpora, tmp_path / "a")
    second = pairs_train.train_on(corpora, tmp_path / "b")
    assert first.weights_sha256 == second.weights_sha256
    for name in (pairs.WEIGHTS, pairs.META):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    model = pairs.load(str(tmp_path / "a"))
    assert model.threshold == first.threshold
    weights = dict(zip(pairs.FEATURES, model.coef, strict=True))
    assert weights["date_same"] > 0 and weights["place_same"] > 0  # what the tiny set teaches
    assert set(model.meta["cross_validation"]) == {f"{t:.2f}" for t in pairs_train.THRESHOLDS}


def test_the_scorer_reads_two_reports_and_says_whether_they_may_link() -> None:
    mentions, articles = load_corpus()
    profiles = merge.prepare(mentions, articles)
    a, b = next(
        (profiles[i], profiles[j])
        for i, j in sorted(_pairs(profiles))
        if profiles[i].article_id != profiles[j].article_id and conflict(profiles[i], profiles[j]) is None
    )
    row = pairs.features(a, b)
    assert row.shape == (len(pairs.FEATURES),) and row.dtype == np.float32
    assert 0.0 <= pairs.load().probability(a, b) <= 1.0
    assert _model(20.0).links(a, b) and not _model(-20.0).links(a, b)


def test_no_learned_weight_bridges_what_the_rules_veto() -> None:
    """A scorer that would link any two reports still never joins a pair ``compare.conflict`` rules out
    (another type, modality or background flag, a summary against a single report, a clash)."""
    mentions, articles = load_corpus()
    with scorer.using(_model(20.0)):
        events = merge.merge(mentions, articles)
    profiles = {p.mention.id: p for p in merge.prepare(mentions, articles)}
    for event in events:
        for x, y in itertools.combinations(event.mention_ids, 2):
            assert conflict(profiles[x], profiles[y]) is None
    with scorer.using(_model(-20.0)):
        apart = merge.merge(mentions, articles)
    assert all(len(set(e.article_ids)) == 1 for e in apart)  # nothing links across articles


def test_the_hand_points_stay_selectable(monkeypatch: pytest.MonkeyPatch) -> None:
    mentions, articles = load_corpus()
    monkeypatch.setenv(scorer.ENV, "hand")
    assert scorer.name() == "hand"
    by_hand = sorted(to_json(e) for e in merge.merge(mentions, articles))
    with scorer.using(None):
        assert sorted(to_json(e) for e in merge.merge(mentions, articles)) == by_hand
    monkeypatch.setenv(scorer.ENV, "learned")
    assert scorer.name() == "learned"
    monkeypatch.setenv(scorer.ENV, "points")
    with pytest.raises(ConfigError, match="hand"):
        scorer.name()


@pytest.mark.parametrize("seed", range(4))
def test_incremental_merge_is_exact_with_the_learned_scorer(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(scorer.ENV, "learned")
    mentions, articles = CORPUS
    ids = sorted(articles)
    order = random.Random(seed)
    order.shuffle(ids)
    cuts = [order.randrange(len(ids) + 1) for _ in range(order.randrange(1, 8))]
    with open_store(":memory:") as store:
        run_in_batches(store, CORPUS, split(ids, cuts))
        assert stored_events(store) == full_merge(mentions, articles)


def test_a_missing_scorer_says_how_to_rebuild_it(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match=r"missing.*marsad train.*MARSAD_MERGE_SCORER=hand"):
        pairs.load(str(tmp_path))


def test_a_corrupt_scorer_says_how_to_rebuild_it(tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    folder.mkdir()
    for name in (pairs.WEIGHTS, pairs.META):
        shutil.copy(pairs.packaged_dir() / name, folder / name)
    weights = folder / pairs.WEIGHTS
    weights.write_bytes(weights.read_bytes()[:-10])
    with pytest.raises(ModelError, match=r"corrupt.*marsad train"):
        pairs.load(str(folder))
    (folder / pairs.META).write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError, match=r"not valid JSON.*marsad train"):
        pairs.load(str(folder))


def test_a_scorer_of_other_features_is_refused(tmp_path: Path) -> None:
    model = dataclasses.replace(_model(0.0), coef=np.zeros(3, dtype=np.float32))
    pairs.save(model, tmp_path)
    with pytest.raises(ModelError, match=r"weights.*marsad train"):
        pairs.load(str(tmp_path))


def test_the_packaged_scorer_was_trained_on_the_development_corpora_only() -> None:
    model = pairs.load()
    assert set(model.meta["training_data"]) == {name for name, _, _ in pairs_train.CORPORA}
    for name, _, clusters in pairs_train.CORPORA:  # editing the gold without `marsad train` shows here
        assert model.meta["training_data"][name]["gold_sha256"] == pairs_train.gold_digest(ROOT / clusters)
    assert 0.0 < model.threshold < 1.0
    assert not any("holdout" in folder for _, folder, _ in pairs_train.CORPORA)
    with pytest.raises(ValueError, match="holdout"):
        pairs_train.read_corpus(
            "h", Path("eval/dedup-holdout"), Path("eval/dedup-holdout/gold-clusters.json")
        )
