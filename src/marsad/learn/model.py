"""The committed sentence model: load it, check it, and read sentences with it.

Files (in ``marsad/learn/model/``, written by ``marsad train``): ``weights.npz`` (the vocabulary, its IDF
weights and every head's arrays) and ``meta.json`` (the heads' classes, the embedder, the training data's
digest, and the weights file's SHA-256, which is checked on load).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import io
import json
import zipfile
from collections import OrderedDict
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from marsad.errors import ConfigError
from marsad.learn import embed, words
from marsad.learn.heads import Array, Head
from marsad.records import Judgement, Scores

WEIGHTS = "weights.npz"
META = "meta.json"
HEADS = ("event", "type", "types", "modality", "background", "acled")
MULTILABEL = frozenset({"types"})
REBUILD = "rebuild it with `marsad train` (or `make train`)"


class ModelError(ConfigError):
    """The model files are missing, corrupt, or from an incompatible version."""


@dataclasses.dataclass(frozen=True)
class SentenceModel:
    """Word features + sentence embedding -> one :class:`Judgement` per sentence."""

    vocabulary: tuple[str, ...]
    idf: Array
    heads: dict[str, Head]
    meta: dict[str, Any]

    @functools.cached_property
    def _index(self) -> dict[str, int]:
        return {term: i for i, term in enumerate(self.vocabulary)}

    def features(self, sentences: Sequence[str]) -> Array:
        return features(sentences, self._index, self.idf)

    def judge(self, sentences: Sequence[str]) -> list[Judgement]:
        """What the model reads in each sentence, in order."""
        if not sentences:
            return []
        rows = self.features(sentences)
        probs = {name: head.probabilities(rows) for name, head in self.heads.items()}
        return [_judgement(self.heads, probs, i) for i in range(len(sentences))]


class Remembering:
    """A judge that keeps the judgements of the last ``size`` distinct sentences it read, by text, and
    reads every sentence it has not kept in one call to ``model``: a run asks it for the candidate
    sentences of many articles at once (bigger batches embed faster), then for each article's, which it
    then holds; a sentence told again (a repeated paragraph, a syndicated report) is read once. Exact:
    the model reads each sentence alone (``embed.embed``), so a kept judgement is the one it would give."""

    def __init__(self, model: SentenceModel, size: int = 4096) -> None:
        self.model = model
        self.size = size
        self.kept: OrderedDict[str, Judgement] = OrderedDict()
        self.read = 0  # sentences the model read
        self.asked = 0  # sentences asked for

    def judge(self, sentences: Sequence[str]) -> list[Judgement]:
        self.asked += len(sentences)
        new = [text for text in dict.fromkeys(sentences) if text not in self.kept]
        found = dict(zip(new, self.model.judge(new), strict=True))
        self.read += len(new)
        out = []
        for text in sentences:
            judgement = found[text] if text in found else self.kept[text]
            self.kept[text] = judgement
            self.kept.move_to_end(text)
            out.append(judgement)
        while len(self.kept) > self.size:
            self.kept.popitem(last=False)
        return out


def features(sentences: Sequence[str], index: dict[str, int], idf: Array, *, training: bool = False) -> Array:
    """The model's input rows: the sentence embedding beside the word features. Each row depends on
    its sentence alone (``embed.embed``); ``training`` embeds as ``marsad train`` always has
    (``embed.embed_for_training``), so the committed model stays byte-reproducible."""
    vectors = embed.embed_for_training(sentences) if training else embed.embed(sentences)
    return np.hstack([vectors, words.vectorise(sentences, index, idf)])


def _judgement(heads: dict[str, Head], probs: dict[str, Array], row: int) -> Judgement:
    def ranked(name: str) -> Scores:
        pairs = zip(heads[name].classes, (float(p) for p in probs[name][row]), strict=True)
        return tuple(sorted(pairs, key=lambda pair: (-pair[1], pair[0])))

    def positive(name: str) -> float:
        classes = heads[name].classes
        return float(probs[name][row][classes.index("True")]) if "True" in classes else 0.0

    return Judgement(
        event=positive("event"),
        types=ranked("type"),
        present=ranked("types"),
        modality=ranked("modality"),
        background=positive("background"),
        acled=ranked("acled"),
    )


def packaged_dir() -> Path:
    return Path(str(resources.files("marsad.learn").joinpath("model")))


@functools.cache
def load(directory: str | None = None) -> SentenceModel:
    """The model in ``directory`` (default: the packaged one), read once per process."""
    _one_blas_thread()
    folder = Path(directory) if directory else packaged_dir()
    blob, meta = read_checked(folder, WEIGHTS, META, missing=f"the learned model is missing from {folder}")
    try:
        return _read(blob, meta)
    except (KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise ModelError(f"{folder / WEIGHTS} cannot be read ({exc}); {REBUILD}") from exc


def read_checked(
    folder: Path, weights: str, meta: str, *, missing: str, otherwise: str = ""
) -> tuple[bytes, dict[str, Any]]:
    """The weights file's bytes and the meta file's JSON object of a model in ``folder``, after checking
    that both exist and that the weights' SHA-256 is the one the meta file records; ``missing`` opens
    the message when a file is absent, and ``otherwise`` ends it. Every failure is a
    :class:`ModelError` saying how to rebuild."""
    weights_path, meta_path = folder / weights, folder / meta
    if not weights_path.is_file() or not meta_path.is_file():
        raise ModelError(f"{missing} ({weights}, {meta}); {REBUILD}{otherwise}")
    blob = weights_path.read_bytes()
    try:
        document = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"{meta_path} is not valid JSON ({exc}); {REBUILD}") from exc
    if not isinstance(document, dict) or hashlib.sha256(blob).hexdigest() != document.get("weights_sha256"):
        raise ModelError(f"{weights_path} does not match {meta} (corrupt or edited); {REBUILD}")
    return blob, document


def _one_blas_thread() -> None:
    """The heads' products are small (a few sentences by 12,000 features): a BLAS thread pool spends
    more time waking and spinning than multiplying, and on a busy machine a spinning pool made them
    twenty times slower (seen in the bench). marsad scales by processes, as torch does here (embed.py)."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")


def _read(blob: bytes, meta: dict[str, Any]) -> SentenceModel:
    with np.load(io.BytesIO(blob), allow_pickle=False) as arrays:
        heads = {
            name: Head(
                name=name,
                classes=tuple(meta["heads"][name]),
                coef=arrays[f"{name}.coef"],
                intercept=arrays[f"{name}.intercept"],
                multilabel=name in MULTILABEL,
            )
            for name in HEADS
        }
        return SentenceModel(
            vocabulary=tuple(str(t) for t in arrays["vocabulary"]),
            idf=arrays["idf"],
            heads=heads,
            meta=meta,
        )


def save(model: SentenceModel, directory: Path) -> str:
    """Write ``weights.npz`` and ``meta.json`` (byte-identical for identical models); return the
    weights' SHA-256."""
    directory.mkdir(parents=True, exist_ok=True)
    arrays: dict[str, Any] = {"vocabulary": np.array(model.vocabulary, dtype=str), "idf": model.idf}
    for name, head in model.heads.items():
        arrays[f"{name}.coef"] = head.coef
        arrays[f"{name}.intercept"] = head.intercept
    blob = _npz_bytes(arrays)
    meta = {
        **model.meta,
        "heads": {name: list(head.classes) for name, head in model.heads.items()},
        "weights_sha256": hashlib.sha256(blob).hexdigest(),
    }
    (directory / WEIGHTS).write_bytes(blob)
    (directory / META).write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return str(meta["weights_sha256"])


def _npz_bytes(arrays: dict[str, Any]) -> bytes:
    """An .npz written with fixed entry times, so the same arrays always give the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(arrays):
            entry = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.asarray(arrays[name]), allow_pickle=False)
            archive.writestr(entry, buffer.getvalue())
    return out.getvalue()
