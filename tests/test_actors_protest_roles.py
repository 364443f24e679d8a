"""A protest's actor 1 is the Protesters of its country whoever the text names; the forces that break it
up are its actor 2 (issue 17, ACLED's convention); and "X launched an assault": X is its agent.
Sentences are our own."""

from __future__ import annotations

from marsad import pipeline
from marsad.records import ActorRef, Article, Event
from marsad.resolve.protest_roles import CLUE_AGENT, CLUE_FORCES, CLUE_MISSION, mission_state, protest_roles

PROTESTERS = ActorRef(
    text="Protesters (Iraq)", name="Protesters (Iraq)", actor_type="Protesters", resolved=True
)
POLICE = ActorRef(
    text="police", name="Police Forces of Iraq", sector="COP", actor_type="State forces", resolved=True
)
PARTY = ActorRef(
    text="Sadrist supporters", name="Sadrist Movement", actor_type="Political militia", resolved=True
)


def test_a_named_group_at_a_protest_is_coded_as_its_protesters() -> None:
    actor1, actor2 = protest_roles((PARTY,), (), lambda: PROTESTERS)
    assert [a.label for a in actor1] == ["Protesters (Iraq)"]
    assert actor1[0].text == "Sadrist supporters"  # what the text said is kept
    assert actor1[0].clue == CLUE_AGENT
    assert actor2 == ()


def test_police_read_as_a_protests_agent_become_its_counterpart() -> None:
    actor1, actor2 = protest_roles((POLICE,), (), lambda: PROTESTERS)
    assert [a.label for a in actor1] == ["Protesters (Iraq)"]
    assert [a.label for a in actor2] == ["Police Forces of Iraq"]
    assert actor2[0].clue == CLUE_FORCES


def test_protesters_already_found_are_left_alone() -> None:
    assert protest_roles((PROTESTERS,), (), lambda: None) == ((PROTESTERS,), ())


def protest_of(body: str) -> Event:
    article = Article(id="a-protest-roles", title="Our test article", body=body, published="2026-02-10")
    _mentions, events = pipeline.events_for([article])
    return next(e for e in events if e.plover_type == "PROTEST")


def test_a_sit_in_broken_up_by_police_in_the_pipeline() -> None:
    event = protest_of("Police in Basra used tear gas on Monday to break up a sit-in by unpaid teachers.")
    assert [a.label for a in event.actor1] == ["Protesters (Iraq)"]
    assert "Police Forces of Iraq" in [a.label for a in event.actor2]


def test_the_subject_of_launch_is_the_attacks_agent() -> None:
    body = "Russian forces launched a ground assault near Pokrovsk on Monday, officials said."
    article = Article(id="a-light-verb", title="Our test article", body=body, published="2026-02-10")
    _mentions, events = pipeline.events_for([article])
    attack = next(e for e in events if e.plover_type == "ASSAULT")
    assert [a.label for a in attack.actor1] == ["Military Forces of Russia"]


def _protest(body: str) -> Event:
    article = Article(id="a-mission", title="Our protest article", body=body, published="2026-02-10")
    _mentions, events = pipeline.events_for([article])
    return next(e for e in events if e.plover_type == "PROTEST")


def test_a_protest_at_a_foreign_embassy_is_against_that_state() -> None:
    event = _protest("Hundreds of students protested outside the Iranian embassy in London on Sunday.")
    assert [a.label for a in event.actor1] == ["Protesters (United Kingdom)"]
    assert [a.label for a in event.actor2] == ["Government of Iran"]
    assert event.actor2[0].clue == CLUE_MISSION


def test_a_protest_with_no_mission_named_is_against_its_own_government() -> None:
    event = _protest("Hundreds of students protested in London on Sunday against tuition fees.")
    assert [a.label for a in event.actor2] == ["Government of the United Kingdom"]


def test_mission_state_reads_each_way_of_naming_a_mission() -> None:
    codes = {"Israeli": "IL", "Israel": "IL", "US": "US", "Turkey": "TR"}
    assert mission_state("They rallied at the Israeli embassy.", codes.get) == "IL"
    assert mission_state("They rallied outside the Embassy of Israel.", codes.get) == "IL"
    assert mission_state("They rallied outside the US Embassy.", codes.get) == "US"
    assert mission_state("They marched from Turkey's consulate to the US embassy.", codes.get) is None
    assert mission_state("They rallied outside parliament.", codes.get) is None
