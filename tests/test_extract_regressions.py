"""Sentences that once broke extraction outright (crashes, endless loops), kept so they never do again."""

from __future__ import annotations

import pytest
from spacy.language import Language

from marsad.extract import extract
from marsad.records import Article
from marsad.resolve import load_actor_names


@pytest.mark.model
def test_an_owned_target_inside_an_of_phrase_does_not_own_itself(nlp: Language) -> None:
    """In "one of their positions", "positions" is the object of "of" and in its own subtree; reading it as
    its own owner recursed without end."""
    text = (
        "Four members of Iraq's Popular Mobilization Forces were killed and six wounded in an airstrike "
        "on one of their positions near the town of Qaim late on Tuesday, the PMF said."
    )
    article = Article(id="a_owned", title="Owned", body=text, published="2026-07-15")
    mentions = extract(nlp(text), article, actors=load_actor_names()).mentions
    assert any(m.plover_type == "ASSAULT" for m in mentions)
