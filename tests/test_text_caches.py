"""The cached text helpers (issue #7, throughput): a cached answer is never shared with a caller that may
change it, and the cheap text of a span is the text spaCy gives."""

from __future__ import annotations

from spacy.language import Language

from marsad.extract.phrases import span_text
from marsad.merge import clues
from marsad.resolve.gazetteer_names import Qualified, split_qualifiers


def test_periods_cannot_be_changed_by_a_caller() -> None:
    first = clues.periods("The strike came in the evening, at 7 pm.")
    assert first
    assert isinstance(first, frozenset)  # the cached answer is shared, so no caller may change it
    assert clues.periods("The strike came in the evening, at 7 pm.") == first
    assert clues.period("in the evening") == clues.period("in the evening") is not None


def test_split_qualifiers_gives_each_caller_its_own_list() -> None:
    readings = split_qualifiers("the outskirts of eastern Homs")
    assert Qualified("Homs", "part") in readings
    readings.clear()
    assert split_qualifiers("the outskirts of eastern Homs")[0] == Qualified("the outskirts of eastern Homs")
    assert Qualified("Homs", "part") in split_qualifiers("the outskirts of eastern Homs")


def test_span_text_is_the_span_text(nlp: Language) -> None:
    doc = nlp("Gunmen attacked a checkpoint near Kirkuk on Monday.\n\nTwo soldiers died, police said. ")
    spans = [*doc.sents, *doc.ents, doc[2:5]]
    assert spans
    assert [span_text(span) for span in spans] == [span.text for span in spans]
