"""Word and word-pair features of a sentence: a TF-IDF vocabulary learned from the training sentences.

Embeddings carry the sense of a sentence; the words carry what embeddings blur (a negation, "will",
"since 2011", a trigger word). The vocabulary and its weights are part of the model files.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import numpy.typing as npt

TOKEN = re.compile(r"[a-z]+(?:['’][a-z]+)?|\d+")
MIN_DOCUMENTS = 2  # a word seen in one training sentence says more about that sentence than about news


def tokens(text: str) -> list[str]:
    """Lowercased words (digits collapse to one token), then adjacent pairs."""
    words = ["0" if w.isdigit() else w for w in TOKEN.findall(text.lower())]
    return [*words, *(f"{a} {b}" for a, b in itertools.pairwise(words))]


def fit_vocabulary(texts: Iterable[str]) -> tuple[list[str], list[float]]:
    """Terms seen in at least MIN_DOCUMENTS texts, sorted, with smoothed IDF weights."""
    seen: Counter[str] = Counter()
    total = 0
    for text in texts:
        seen.update(set(tokens(text)))
        total += 1
    terms = sorted(term for term, count in seen.items() if count >= MIN_DOCUMENTS)
    return terms, [math.log((1 + total) / (1 + seen[t])) + 1.0 for t in terms]


def vectorise(
    texts: Sequence[str], index: Mapping[str, int], idf: npt.NDArray[np.float32]
) -> npt.NDArray[np.float32]:
    """Dense rows of sublinear TF-IDF, unit length (training sets are small enough for dense)."""
    out = np.zeros((len(texts), len(index)), dtype=np.float32)
    for row, text in enumerate(texts):
        for term, count in Counter(tokens(text)).items():
            column = index.get(term)
            if column is not None:
                out[row, column] = (1.0 + math.log(count)) * idf[column]
        norm = float(np.linalg.norm(out[row]))
        if norm:
            out[row] /= norm
    return out
