"""``marsad train``: rebuild the sentence model from the labelled sentences in the repository.

Deterministic: the embeddings of a fixed model, a vocabulary sorted by term, and lbfgs logistic
regression on fixed data give byte-identical files on every run (checked by a test).
"""

from __future__ import annotations

import dataclasses
import platform
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from marsad import acled
from marsad.errors import ConfigError
from marsad.learn import embed, heads, labels, words
from marsad.learn.model import SentenceModel, features, packaged_dir, save

# Inverse regularisation of each head (scikit-learn's C). 4 was best or near best for every head in
# five-fold cross-validation grouped by article on the training sentences (docs/model.md).
STRENGTH = {"event": 4.0, "type": 4.0, "types": 4.0, "modality": 4.0, "background": 4.0, "acled": 4.0}

Progress = Callable[[str], None]


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class TrainReport:
    sentences: int
    events: int
    directory: Path
    counts: dict[str, dict[str, int]]
    weights_sha256: str


def train(
    data: Sequence[Path] | None = None, out: Path | None = None, *, progress: Progress | None = None
) -> TrainReport:
    """Fit every head on ``data`` (default: the packaged training files) and write the model to
    ``out`` (default: the packaged model folder)."""
    say = progress or (lambda _: None)
    paths = list(data) if data is not None else labels.data_files()
    sentences = labels.read(paths, frozenset(acled.sub_event_types()))
    if not sentences:
        named = ", ".join(map(str, paths)) or "no files"
        raise ConfigError(f"no labelled sentences in {named}: nothing to train on")
    say(f"{len(sentences)} labelled sentences from {len(paths)} files")
    terms, idf = words.fit_vocabulary(s.text for s in sentences)
    index = {term: i for i, term in enumerate(terms)}
    idf_array = np.asarray(idf, dtype=np.float32)
    say(f"embedding with {embed.MODEL_NAME} ({len(terms)} word features beside it)")
    rows = features([s.text for s in sentences], index, idf_array, training=True)
    targets = _targets(sentences)
    fitted = {}
    for name, (picked, wanted) in targets.items():
        say(f"fitting the {name} head on {len(picked)} sentences")
        fitted[name] = heads.fit(name, rows[picked], wanted, strength=STRENGTH[name])
    events = [i for i, s in enumerate(sentences) if s.event]
    present = [set(sentences[i].types) for i in events]
    say(f"fitting the types head on {len(events)} sentences")
    fitted["types"] = heads.fit_multilabel("types", rows[events], present, strength=STRENGTH["types"])
    counts = {name: dict(sorted(Counter(wanted).items())) for name, (_, wanted) in targets.items()}
    counts["types"] = dict(sorted(Counter(t for row in present for t in row).items()))
    model = SentenceModel(
        vocabulary=tuple(terms), idf=idf_array, heads=fitted, meta=_meta(paths, sentences, counts)
    )
    folder = out or packaged_dir()
    sha = save(model, folder)
    say(f"wrote {folder}")
    return TrainReport(
        sentences=len(sentences),
        events=sum(s.event for s in sentences),
        directory=folder,
        counts=counts,
        weights_sha256=sha,
    )


def _targets(sentences: Sequence[labels.Labelled]) -> dict[str, tuple[list[int], list[str]]]:
    """Each head's training rows and labels: the event head learns from every sentence, the others
    from the events only (what kind of event is a question only for an event)."""
    every = list(range(len(sentences)))
    events = [i for i, s in enumerate(sentences) if s.event]
    return {
        "event": (every, [str(sentences[i].event) for i in every]),
        "type": (events, [sentences[i].types[0] for i in events]),
        "modality": (events, [str(sentences[i].modality) for i in events]),
        "background": (events, [str(sentences[i].background) for i in events]),
        "acled": (events, [sentences[i].acled or "" for i in events]),
    }


def _meta(
    paths: Sequence[Path], sentences: Sequence[labels.Labelled], counts: dict[str, dict[str, int]]
) -> dict[str, object]:
    import sklearn

    return {
        "format": 1,
        "embedder": {
            "package": embed.MODEL_PACKAGE,
            "model": embed.MODEL_NAME,
            "max_tokens": embed.MAX_TOKENS,
        },
        "training_data": {
            "files": [p.name for p in paths],
            "sha256": labels.digest(paths),
            "sentences": len(sentences),
            "events": sum(s.event for s in sentences),
        },
        "label_counts": counts,
        "strength": STRENGTH,
        "versions": {
            "python": platform.python_version(),
            "numpy": np.__version__,
            "scikit-learn": sklearn.__version__,
        },
    }
