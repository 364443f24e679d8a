"""The people arrested, read by their ties ("suspected of links to" a named armed group) or by the
article's protest (issue 17, ACLED's practice). Sentences are our own."""

from __future__ import annotations

from marsad import pipeline
from marsad.records import Article, Event
from marsad.resolve.arrested import CLUE_CROWD, CLUE_SUSPECT, CLUE_TIES


def arrests_in(body: str) -> Event:
    article = Article(id="a-arrested", title="Our test article", body=body, published="2026-02-10")
    _mentions, events = pipeline.events_for([article])
    return next(e for e in events if e.plover_type == "COERCE")


def test_people_arrested_for_links_to_an_armed_group_are_that_group() -> None:
    event = arrests_in("Jordanian police arrested nine people on Sunday on suspicion of links to Hezbollah.")
    (target,) = event.actor2
    assert target.label == "Hezbollah"
    assert target.text == "nine people"  # as written
    assert target.clue is not None and CLUE_TIES in target.clue


def test_a_state_after_the_cue_is_no_armed_group() -> None:
    event = arrests_in("Police in Amman arrested four men on Sunday suspected of ties to Syria.")
    assert [a.label for a in event.actor2] == ["Civilians (Jordan)"]


def test_people_arrested_where_the_article_has_a_protest_are_its_protesters() -> None:
    event = arrests_in(
        "Hundreds of farmers protested in Mosul on Monday over water shortages. "
        "Police said they arrested twelve people."
    )
    (target,) = event.actor2
    assert target.label == "Protesters (Iraq)"
    assert target.clue is not None and CLUE_CROWD in target.clue


def test_a_named_person_arrested_at_a_protest_stays_themselves() -> None:
    event = arrests_in(
        "Hundreds of farmers protested in Mosul on Monday over water shortages. "
        "Police arrested the union leader Karim Jabbar."
    )
    assert "Protesters (Iraq)" not in [a.label for a in event.actor2]


def test_suspects_arrested_after_an_attack_are_its_author() -> None:
    event = arrests_in(
        "A bomb exploded at a market in Kirkuk on Friday, killing five people. "
        "Police later arrested two suspects."
    )
    (target,) = event.actor2
    assert target.label == "Unidentified Armed Group (Iraq)"
    assert target.text == "two suspects"
    assert target.clue is not None and CLUE_SUSPECT in target.clue


def test_suspects_of_a_claimed_attack_are_the_claimant() -> None:
    event = arrests_in(
        "A car bomb exploded near a checkpoint in Kirkuk on Friday, killing five soldiers. "
        "The Islamic State claimed responsibility. Police arrested three suspects on Saturday."
    )
    assert [a.label for a in event.actor2] == ["Islamic State"]


def test_people_arrested_with_no_attack_in_the_article_stay_civilians() -> None:
    event = arrests_in("Police arrested two suspects in Kirkuk on Friday over a land dispute.")
    assert not any(a.clue and CLUE_SUSPECT in a.clue for a in event.actor2)


def test_many_people_arrested_are_not_read_as_the_attacker() -> None:
    event = arrests_in(
        "A bomb exploded at a market in Kirkuk on Friday, killing five people. "
        "Police arrested forty people in raids across the city."
    )
    assert [a.label for a in event.actor2] == ["Civilians (Iraq)"]
