"""The learned merge scorer: how likely two reports in different articles tell one happening.

``marsad.merge`` compares two reports on what an analyst compares (type and mode, actors, place, date
window, figures, named victims, wording, headline) and rules out pairs that can never be one happening
(``compare.conflict``: another type, modality or background flag, a summary against a single report, a
clash of place, date or resolved actors). This module turns the comparison of a pair that survives those
vetoes into a feature row and scores it with a logistic regression learned from our gold clusters
(``marsad train``), instead of the hand points of ``compare.score``. The vetoes stay rules: a learned
weight never lets a summary, a background recollection or another type bridge two events.

Files (``marsad/learn/model/merge.npz`` and ``merge.json``, written by ``marsad train``): the weights and
the intercept over :data:`FEATURES`, the merge threshold chosen by cross-validation across the training
corpora, and the weights' SHA-256, checked on load. docs/model.md ("Merge scorer") is the card.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import io
import json
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from marsad.learn.heads import Array
from marsad.learn.model import REBUILD, ModelError, packaged_dir, read_checked
from marsad.merge import clues, compare
from marsad.merge.cluster import CROSS_ARTICLE_MIN
from marsad.merge.compare import Profile, Relation
from marsad.plover import plover_family

WEIGHTS = "merge.npz"
META = "merge.json"
FORMAT = 1

_RELATIONS = (Relation.SAME, Relation.NEAR, Relation.MISMATCH)  # UNKNOWN is the baseline (all zeros)
_VERBAL = frozenset({"verbal cooperation", "verbal conflict"})

# One name per column of :func:`features`, in order.
FEATURES: tuple[str, ...] = (
    *(f"date_{r.value}" for r in (Relation.SAME, Relation.NEAR)),
    *(f"place_{r.value}" for r in _RELATIONS),
    *(f"actor1_{r.value}" for r in _RELATIONS),
    *(f"actor2_{r.value}" for r in _RELATIONS),
    "named_victims",  # a named casualty in both
    "words",  # Jaccard overlap of the two clauses' spelling keys
    "headline_words",  # telling headline words shared (0, 1/3, 2/3, 1 for three or more)
    "headline_event",  # both tell their headline's event, at one place on one day
    "bare",  # one names nothing of its own (its day and town are its article's)
    "other_targets",  # both name what was hit, and the kinds differ
    "same_kind",  # the same ACLED sub-event type, mode or weapon
    "other_kind",  # both have an ACLED sub-event type (or a mode), and they differ
    "other_weapons",  # both name weapons, and none is shared
    "both_dated",  # both name a day
    "verbal",  # a statement, demand, accusation or other verbal act (PLOVER's verbal quad classes)
    "hand_points",  # the hand scorer's points (``compare.score``) over its bar: the baseline, as a signal
    "other_toll",  # counts of the dead or injured that cannot be one number, not told as a toll that rose
    "retold",  # one re-tells a known happening and names no day (compared as undated, a year back)
)


def features(a: Profile, b: Profile) -> Array:
    """The feature row of two reports of different articles that do not conflict."""
    date = compare.date_relation(a, b)
    place = compare.report_place_relation(a, b)
    actor1, actor2 = compare.actor_relations(a, b)
    agree = (Relation.SAME, Relation.NEAR)
    shared_headline = len(a.headline & b.headline)
    row = [
        *(float(date is r) for r in (Relation.SAME, Relation.NEAR)),
        *(float(place is r) for r in _RELATIONS),
        *(float(actor1 is r) for r in _RELATIONS),
        *(float(actor2 is r) for r in _RELATIONS),
        float(bool(a.casualties & b.casualties)),
        _jaccard(a.tokens, b.tokens),
        min(shared_headline, 3) / 3.0,
        float(a.headline_place and b.headline_place and date in agree and place in agree),
        float(a.bare or b.bare),
        float(bool(a.targets and b.targets and not a.targets & b.targets)),
        float(compare.kind_points(a.mention, b.mention) > 0),
        float(
            _differ(a.mention.acled_sub_event_type, b.mention.acled_sub_event_type)
            or _differ(a.mention.plover_mode, b.mention.plover_mode)
        ),
        float(bool(wa := _weapons(a)) and bool(wb := _weapons(b)) and not wa & wb),
        float(bool(a.date_words and b.date_words)),
        float(plover_family(a.family) in _VERBAL),
        compare.score(a, b) / CROSS_ARTICLE_MIN,
        float(compare.other_toll(a, b)),
        float(a.retold or b.retold),
    ]
    return np.asarray(row, dtype=np.float32)


def _differ(a: str | None, b: str | None) -> bool:
    return bool(a and b and a != b)


def _weapons(report: Profile) -> frozenset[str]:
    """Telling words of the weapons a report names ("Katyusha", "drone"), as ``compare`` reads them."""
    generic = clues.rules().generic_headline
    return frozenset(w for text in report.mention.weapons for w in clues.headline_tokens(text)) - generic


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


@dataclasses.dataclass(frozen=True)
class PairModel:
    """Logistic regression over :data:`FEATURES`; two reports may link when :meth:`probability` reaches
    ``threshold``."""

    coef: Array  # one weight per feature
    intercept: float
    threshold: float
    meta: dict[str, Any]

    def probability(self, a: Profile, b: Profile) -> float:
        return self.probabilities(features(a, b)[None, :])[0]

    def probabilities(self, rows: Array) -> list[float]:
        logits = rows.astype(np.float64) @ self.coef.astype(np.float64) + self.intercept
        return [float(p) for p in 1.0 / (1.0 + np.exp(-logits))]

    def links(self, a: Profile, b: Profile) -> bool:
        """Whether two non-conflicting reports of different articles score high enough to link."""
        return self.probability(a, b) >= self.threshold


def fit(
    rows: Array, labels: Sequence[bool], weights: Sequence[float], *, strength: float
) -> tuple[Array, float]:
    """Weights and intercept of a logistic regression (lbfgs: deterministic on fixed data)."""
    from sklearn.linear_model import LogisticRegression  # training only

    if len(set(labels)) < 2:
        raise ValueError("the merge scorer needs pairs of both kinds (one happening, two happenings)")
    model = LogisticRegression(C=strength, max_iter=5000)
    model.fit(rows, list(labels), sample_weight=np.asarray(weights, dtype=np.float64))
    return np.asarray(model.coef_[0], dtype=np.float32), float(model.intercept_[0])


@functools.cache
def load(directory: str | None = None) -> PairModel:
    """The merge scorer in ``directory`` (default: the packaged model folder), read once per process."""
    folder = Path(directory) if directory else packaged_dir()
    weights_path, meta_path = folder / WEIGHTS, folder / META
    blob, meta = read_checked(
        folder,
        WEIGHTS,
        META,
        missing=f"the learned merge scorer is missing from {folder}",
        otherwise=", or merge with the hand points (MARSAD_MERGE_SCORER=hand)",
    )
    if meta.get("features") != list(FEATURES):
        raise ModelError(f"{meta_path} was trained on other features than this marsad computes; {REBUILD}")
    try:
        with np.load(io.BytesIO(blob), allow_pickle=False) as arrays:
            coef = np.asarray(arrays["coef"], dtype=np.float32)
            intercept = float(arrays["intercept"][0])
        threshold = float(meta["threshold"])
    except (KeyError, ValueError, TypeError, IndexError, zipfile.BadZipFile) as exc:
        raise ModelError(f"{weights_path} cannot be read ({exc}); {REBUILD}") from exc
    if coef.shape != (len(FEATURES),):
        raise ModelError(f"{weights_path} has {coef.shape} weights, not {len(FEATURES)}; {REBUILD}")
    return PairModel(coef=coef, intercept=intercept, threshold=threshold, meta=meta)


def save(model: PairModel, directory: Path) -> str:
    """Write ``merge.npz`` and ``merge.json`` (byte-identical for identical models); return the SHA-256."""
    from marsad.learn.model import _npz_bytes

    directory.mkdir(parents=True, exist_ok=True)
    blob = _npz_bytes({"coef": model.coef, "intercept": np.asarray([model.intercept], dtype=np.float32)})
    meta = {
        **model.meta,
        "format": FORMAT,
        "features": list(FEATURES),
        "threshold": model.threshold,
        "weights_sha256": hashlib.sha256(blob).hexdigest(),
    }
    (directory / WEIGHTS).write_bytes(blob)
    (directory / META).write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return str(meta["weights_sha256"])
