"""A planned event looks forward from its own date only: the date a statement about it was made
("said on Sunday night that the delegation would ...") is a past date, also for the planned event."""

from __future__ import annotations

import pytest
from spacy.language import Language

from marsad.extract import extract
from marsad.records import Article, Mention, Modality
from marsad.resolve import load_actor_names, load_resolver

MONDAY = "2026-01-12"


def _planned(nlp: Language, text: str) -> Mention:
    article = Article(id="a_dates", title="Statement dates", body=text, published=MONDAY)
    result = extract(nlp(text), article, actors=load_actor_names())
    mentions = load_resolver().resolve_all(result.mentions, article)
    planned = [m for m in mentions if m.modality is Modality.PLANNED]
    assert planned, [(m.plover_type, m.modality) for m in mentions]
    return planned[0]


@pytest.mark.model
def test_statement_date_of_a_planned_meeting_is_the_sunday_before(nlp: Language) -> None:
    mention = _planned(
        nlp,
        "A Hamas official said in a televised interview on Sunday night that the delegation would meet "
        "Egyptian mediators.",
    )
    assert mention.plover_type == "CONSULT"
    assert mention.date.text is not None and mention.date.text.startswith("said")
    assert mention.date.date == "2026-01-11"


@pytest.mark.model
def test_a_planned_meetings_own_date_still_looks_ahead(nlp: Language) -> None:
    text = "The delegation will meet Egyptian mediators in Cairo on Sunday, an official said."
    mention = _planned(nlp, text)
    assert mention.date.text == "on Sunday"
    assert mention.date.date == "2026-01-18"
