"""marsad.nlp: the pipeline is built once, with curated entity patterns before ner."""

from __future__ import annotations

import pytest
from spacy.language import Language

from marsad import nlp as marsad_nlp

LABELS = {"ORG", "GPE", "LOC", "FAC", "PERSON", "NORP"}


def test_patterns_are_well_formed() -> None:
    patterns = marsad_nlp.entity_patterns()
    assert patterns
    assert all(p["label"] in LABELS and p["pattern"] for p in patterns)
    texts = [p["pattern"] for p in patterns]
    assert len(texts) == len(set(texts)), "a pattern is listed twice"


@pytest.mark.model
def test_load_is_cached(nlp: Language) -> None:
    assert marsad_nlp.load() is nlp
    assert nlp.pipe_names.index("entity_ruler") < nlp.pipe_names.index("ner")


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "entity", "label"),
    [
        ("Fighters of Harakat al-Nujaba were seen in the city.", "Harakat al-Nujaba", "ORG"),
        ("Displaced families sheltered in Bureij.", "Bureij", "GPE"),
        ("The envoy met Kurdish leaders in Erbil.", "Erbil", "GPE"),
        ("Armed members of the al-Nujaba arrested a man.", "al-Nujaba", "ORG"),
    ],
)
def test_curated_entities(nlp: Language, text: str, entity: str, label: str) -> None:
    ents = {(e.text, e.label_) for e in nlp(text).ents}
    assert (entity, label) in ents
