"""Roles read from the clause around the trigger (issue 17): a reciprocal object ("blame each other"), the
author of a document a participle hangs on ("issues a statement condemning"), the people hurt at a protest
told with the attack, the forces that arrest at a protest, the subject of a gerund after "after", the name
beside its description, a member "of" its mission, the state a ban on goods targets, and the Myanmar
military's own name. The sentences are our own."""

from __future__ import annotations

import pytest

from marsad import pipeline
from marsad.records import Article, Event, Mention

SENTENCES = {
    "reciprocal": "The Sudanese army and the Rapid Support Forces blame each other for shelling a market.",
    "statement": "The European Union issues a statement condemning the rocket attacks on Erbil.",
    "resolution": "The Arab League adopts a resolution demanding an end to the siege of El Fasher.",
    "hurt": "Four people are killed in a knife attack during a demonstration in Lyon, France.",
    "arrests": "Sixty people are arrested in Belgrade, Serbia, during a protest for jailed students.",
    "gerund": "Iran frees a tanker and its crew after seizing it in the Gulf of Oman.",
    "described": "Palestinian militant group Hamas calls for Egypt to open the Rafah crossing.",
    "peacekeeper": "A Ghanaian peacekeeper of the UNIFIL mission is wounded by gunfire near Tyre.",
    "ban": "Slovenia announces a ban on shipments of weapons to Israel.",
    "tatmadaw": "The Tatmadaw bombs a monastery in Sagaing Region, Myanmar, killing twelve villagers.",
}


@pytest.fixture(scope="module")
def runs() -> dict[str, tuple[list[Mention], list[Event]]]:
    articles = [
        Article(id=f"a-clauses-{key}", title="Our test article", body=body, published="2026-02-10")
        for key, body in SENTENCES.items()
    ]
    mentions, events = pipeline.events_for(articles)
    return {
        key: (
            [m for m in mentions if m.article_id == article.id],
            [e for e in events if article.id in e.article_ids],
        )
        for key, article in zip(SENTENCES, articles, strict=True)
    }


def _event(runs: dict[str, tuple[list[Mention], list[Event]]], key: str, plover: str) -> Event:
    return next(e for e in runs[key][1] if e.plover_type == plover)


def _labels(event: Event, role: str) -> list[str]:
    return [a.label for a in getattr(event, role)]


def test_each_side_of_a_reciprocal_blame_is_one_actor(
    runs: dict[str, tuple[list[Mention], list[Event]]],
) -> None:
    blame = _event(runs, "reciprocal", "ACCUSE")
    assert _labels(blame, "actor1") == ["Military Forces of Sudan"]
    assert _labels(blame, "actor2") == ["Rapid Support Forces"]
    assert "each other" in (blame.actor2[0].clue or "")


@pytest.mark.parametrize(
    ("key", "plover", "author"),
    [
        ("statement", "ACCUSE", "European Union"),
        ("resolution", "REQUEST", "Arab League"),
    ],
)
def test_a_document_says_what_its_issuer_says(
    runs: dict[str, tuple[list[Mention], list[Event]]], key: str, plover: str, author: str
) -> None:
    assert author in _labels(_event(runs, key, plover), "actor1")


def test_people_killed_at_a_demonstration_are_its_protesters(
    runs: dict[str, tuple[list[Mention], list[Event]]],
) -> None:
    attack = _event(runs, "hurt", "ASSAULT")
    assert _labels(attack, "actor2") == ["Protesters (France)"]


def test_the_police_arresting_at_a_protest_are_its_counterpart(
    runs: dict[str, tuple[list[Mention], list[Event]]],
) -> None:
    protest = _event(runs, "arrests", "PROTEST")
    assert "Police Forces of Serbia" in _labels(protest, "actor2")


def test_the_tatmadaw_is_the_military_of_myanmar(runs: dict[str, tuple[list[Mention], list[Event]]]) -> None:
    assert _labels(_event(runs, "tatmadaw", "ASSAULT"), "actor1") == ["Military Forces of Myanmar"]


def test_a_gerund_after_a_preposition_shares_the_verbs_subject(
    runs: dict[str, tuple[list[Mention], list[Event]]],
) -> None:
    seizure = next(m for m in runs["gerund"][0] if m.trigger == "seizing")
    assert [a.text for a in seizure.actor1] == ["Iran"]


def test_the_name_after_its_description_is_the_actor(
    runs: dict[str, tuple[list[Mention], list[Event]]],
) -> None:
    assert _labels(_event(runs, "described", "REQUEST"), "actor1") == ["Hamas"]


def test_a_peacekeeper_of_a_mission_is_the_mission(
    runs: dict[str, tuple[list[Mention], list[Event]]],
) -> None:
    wounded = _event(runs, "peacekeeper", "ASSAULT")
    assert _labels(wounded, "actor2") == ["United Nations Interim Force in Lebanon"]


def test_a_ban_on_goods_targets_where_they_go(runs: dict[str, tuple[list[Mention], list[Event]]]) -> None:
    ban = _event(runs, "ban", "SANCTION")
    assert _labels(ban, "actor2") == ["Government of Israel"]
