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
    # however the default is spelled: a second spelling once built (and held) a second model
    assert marsad_nlp.load(marsad_nlp.DEFAULT_MODEL) is nlp
    assert marsad_nlp.load(model=marsad_nlp.DEFAULT_MODEL, source=None) is nlp
    assert nlp.pipe_names.index("entity_ruler") < nlp.pipe_names.index("ner")


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "entity", "label"),
    [
        ("Fighters of Harakat al-Nujaba were seen in the city.", "Harakat al-Nujaba", "ORG"),
        ("Displaced families sheltered in Bureij.", "Bureij", "GPE"),
        ("The envoy met Kurdish leaders in Erbil.", "Erbil", "GPE"),
        ("Armed members of the al-Nujaba arrested a man.", "al-Nujaba", "ORG"),
        # A name holding "and" is one place, not two joined by the conjunction.
        ("Gunmen ambushed a patrol in Sistan and Baluchestan province.", "Sistan and Baluchestan", "GPE"),
        ("Floods cut the roads across Trinidad and Tobago.", "Trinidad and Tobago", "GPE"),
    ],
)
def test_curated_entities(nlp: Language, text: str, entity: str, label: str) -> None:
    ents = {(e.text, e.label_) for e in nlp(text).ents}
    assert (entity, label) in ents


class _InventedKB:
    """A stand-in actor KB with one organisation nobody has heard of."""

    def patterns(self) -> list[dict[str, str]]:
        return [
            {"label": "ORG", "pattern": "Katibat al-Nahr al-Azraq", "id": "blue-river"},
            {"label": "ORG", "pattern": "Bureij", "id": "a-clash-with-the-curated-file"},
        ]


def test_ruler_patterns_add_the_source_after_the_curated_file() -> None:
    patterns = marsad_nlp.ruler_patterns(_InventedKB())
    assert {"label": "ORG", "pattern": "Katibat al-Nahr al-Azraq", "id": "blue-river"} in patterns
    # The curated file wins where both name the same text.
    assert [p["label"] for p in patterns if p["pattern"] == "Bureij"] == ["GPE"]


def test_packaged_kb_patterns_reach_the_ruler() -> None:
    from marsad.resolve import entity_patterns
    from marsad.resolve.actors import load_kb

    demonyms = {p["pattern"] for p in load_kb().patterns() if p["label"] == "NORP"}
    kb_orgs = {
        p["pattern"]
        for p in load_kb().patterns()
        if p["label"] == "ORG" and " " in p["pattern"] and p["pattern"].split()[0] not in demonyms
    }
    fed = {p["pattern"] for p in entity_patterns().patterns()}
    curated = {p["pattern"] for p in marsad_nlp.entity_patterns()}
    assert len(kb_orgs - curated) > 500
    assert kb_orgs <= fed
    # States are left to the model (a ruler match on a capital would cut "Washington, D.C."), and so
    # are bodies named by a demonym, which the model reads as NORP + noun.
    assert all(p["label"] in {"ORG", "PERSON"} for p in entity_patterns().patterns())
    assert "Iraqi police" not in fed and "Houthi" not in fed


@pytest.mark.model
def test_load_feeds_the_ruler_from_the_packaged_kb(nlp: Language) -> None:
    ruler = nlp.get_pipe("entity_ruler")
    assert len(ruler) > len(marsad_nlp.entity_patterns()) + 500  # type: ignore[arg-type]


@pytest.mark.model
def test_an_actor_of_the_source_is_an_entity() -> None:
    language = marsad_nlp.load(marsad_nlp.DEFAULT_MODEL, _InventedKB())
    doc = language("Gunmen of Katibat al-Nahr al-Azraq stormed a checkpoint near the river.")
    ents = {(e.text, e.label_, e.ent_id_) for e in doc.ents}
    assert ("Katibat al-Nahr al-Azraq", "ORG", "blue-river") in ents


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("Rebels seized a mine in the east of the Democratic Republic of the Congo on Monday.", "Congo"),
        ("Police raided a warehouse in Santa Cruz de la Sierra on Friday.", "Santa Cruz de la Sierra"),
    ],
)
def test_a_name_cut_short_after_a_joining_word_is_made_whole(nlp: Language, text: str, entity: str) -> None:
    ents = [e.text for e in nlp(text).ents]
    assert any(e.endswith(entity) for e in ents)
    assert not any(e.split()[-1].lower() in marsad_nlp.NAME_JOINERS for e in ents)


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Rebels seized Lubero, North Kivu, Democratic Republic of the Congo, on Friday.",
        "Troops deployed to Bangui, Central African Republic, after the attack.",
    ],
)
def test_a_country_name_of_several_words_is_one_place_wherever_it_stands(nlp: Language, text: str) -> None:
    names = {ent.text for ent in nlp(text).ents if ent.label_ in ("GPE", "LOC")}
    assert names & set(marsad_nlp.multiword_country_names()), names


@pytest.mark.model
def test_a_longer_name_holding_a_country_name_is_kept_whole(nlp: Language) -> None:
    ents = {ent.text for ent in nlp("The United States Navy said a drone was shot down.").ents}
    assert any(name.endswith("United States Navy") for name in ents), ents
