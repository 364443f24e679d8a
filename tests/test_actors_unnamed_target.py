"""ACLED's actor 2 when the text names no target (issue 17): a protest is against its country's
government, violence against civilians hits the Civilians of the event's country, excessive force hits
its Protesters; a named target always wins. Sentences are our own."""

from __future__ import annotations

import pytest

from marsad import pipeline
from marsad.records import Article, Event
from marsad.resolve.actors import KnowledgeBase, load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


@pytest.mark.parametrize(
    ("plover", "mode", "acled_type", "expected"),
    [
        ("PROTEST", "demo", "Protests", "Government of Poland"),
        ("ASSAULT", "stabbing", "Violence against civilians", "Civilians (Poland)"),
        ("ASSAULT", "firearms", "Protests", "Protesters (Poland)"),
        ("ASSAULT", "aerial", "Battles", None),  # a clash's other side is not guessed
        ("CONSULT", None, None, None),
    ],
)
def test_the_target_of_an_event_nobody_is_named_as(
    kb: KnowledgeBase, plover: str, mode: str | None, acled_type: str | None, expected: str | None
) -> None:
    found = kb.unnamed_actor(
        plover, mode, on="2025-06-01", country="PL", role="actor2", acled_type=acled_type
    )
    assert (found.label if found else None) == expected


def events_of(body: str) -> list[Event]:
    article = Article(id="a-unnamed-target", title="Our test article", body=body, published="2026-02-10")
    _mentions, events = pipeline.events_for([article])
    return events


def test_a_protest_naming_no_target_is_against_the_government() -> None:
    events = events_of("Thousands of people protested in Basra on Monday over power cuts.")
    protest = next(e for e in events if e.plover_type == "PROTEST")
    assert [a.label for a in protest.actor2] == ["Government of Iraq"]
    assert [a.label for a in protest.actor1] == ["Protesters (Iraq)"]


def test_a_named_target_is_kept_over_the_default() -> None:
    events = events_of(
        "Hundreds of students protested against the Kurdistan Regional Government in Erbil on Monday."
    )
    protest = next(e for e in events if e.plover_type == "PROTEST")
    assert "Government of Iraq" not in [a.label for a in protest.actor2]
