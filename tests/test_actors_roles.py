"""Role-aware actor resolution (marsad.resolve.kb_roles): what an actor is, given the event it acts in."""

from __future__ import annotations

import pytest
from spacy.language import Language

from marsad.extract import extract
from marsad.records import ActorRef, Article, Mention
from marsad.resolve import load_actor_names
from marsad.resolve.actors import KnowledgeBase, load_kb
from marsad.resolve.kb_roles import is_people, surname_person


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def label(
    kb: KnowledgeBase,
    text: str,
    plover: str,
    role: str = "actor1",
    *,
    on: str = "2026-01-10",
    cc: str | None = "IQ",
) -> str:
    return kb.resolve_in_role(
        ActorRef(text=text), role=role, plover_type=plover, on=on, country_hint=cc
    ).label


# A bare state name or demonym is the organ that acted: ACLED's convention.
@pytest.mark.parametrize(
    ("text", "plover", "role", "expected"),
    [
        ("Israeli", "ASSAULT", "actor1", "Military Forces of Israel"),
        ("US", "ASSAULT", "actor1", "Military Forces of the United States"),
        ("Washington", "ASSAULT", "actor1", "Military Forces of the United States"),
        ("Turkey", "MOBILIZE", "actor1", "Military Forces of Turkey"),
        ("Iran", "COERCE", "actor1", "Police Forces of Iran"),
        ("Egypt", "CONSULT", "actor1", "Government of Egypt"),
        ("Cairo", "CONSULT", "actor2", "Government of Egypt"),
        ("Ireland", "CONSULT", "actor2", "Government of Ireland"),
        ("Iran", "ACCUSE", "actor1", "Government of Iran"),
        ("Jordan", "REQUEST", "actor1", "Government of Jordan"),
        ("Qatar", "AGREE", "actor1", "Government of Qatar"),
        # A demand or a refusal is addressed to a government.
        ("Iraq", "REQUEST", "actor2", "Government of Iraq"),
        ("Egypt", "REJECT", "actor2", "Government of Egypt"),
        # The accused or threatened state is its Government, an attacked one its Military Forces: ACLED
        # never codes a bare country as an actor (nor does either gold set).
        ("Israel", "ACCUSE", "actor2", "Government of Israel"),
        ("United States", "THREATEN", "actor2", "Government of the United States"),
        ("Iranian", "ACCUSE", "actor2", "Government of Iran"),
        ("Iran", "ASSAULT", "actor2", "Military Forces of Iran"),
        ("the Kremlin", "ACCUSE", "actor2", "Government of Russia"),
        ("Damascus", "THREATEN", "actor2", "Government of Syria (2024-)"),
    ],
)
def test_state_stands_for_the_organ_that_acted(
    kb: KnowledgeBase, text: str, plover: str, role: str, expected: str
) -> None:
    assert label(kb, text, plover, role) == expected


def test_dated_state_bodies_follow_the_event_date(kb: KnowledgeBase) -> None:
    assert label(kb, "Syria", "COERCE", on="2026-01-10", cc="SY") == "Police Forces of Syria (2024-)"
    assert label(kb, "Syria", "COERCE", on="2019-05-01", cc="SY") == "Police Forces of Syria (2000-2024)"
    assert label(kb, "Syrian", "ASSAULT", on="2026-01-10", cc="SY") == "Military Forces of Syria (2024-)"
    assert label(kb, "Damascus", "CONSULT", on="2023-03-01", cc="SY") == "Government of Syria (2000-2024)"


def test_forces_abroad_are_external(kb: KnowledgeBase) -> None:
    ref = kb.resolve_in_role(ActorRef(text="US"), role="actor1", plover_type="ASSAULT", country_hint="IQ")
    assert (ref.label, ref.actor_type) == ("Military Forces of the United States", "External/Other forces")


def test_security_forces_arresting_are_police(kb: KnowledgeBase) -> None:
    assert label(kb, "security forces", "COERCE") == "Police Forces of Iraq"
    assert label(kb, "Syrian security and intelligence forces", "COERCE", cc="SY") == (
        "Police Forces of Syria (2024-)"
    )
    assert label(kb, "security forces", "ASSAULT") == "Military Forces of Iraq"
    assert label(kb, "the army", "COERCE") == "Military Forces of Iraq"


@pytest.mark.parametrize(
    "text",
    [
        "man",
        "a man",
        "A man",
        "victim",
        "two people",
        "civil society activist",
        "liquor shop owner",
        "pedestrian",
        "passer-by",
        "three shepherds",
        "a farmer",
        "worshippers",
        "the driver",
        "a doctor",
        "two students",
        "his family",
        "displaced",
    ],
)
def test_people_by_common_noun_are_civilians_of_the_event_country(kb: KnowledgeBase, text: str) -> None:
    assert label(kb, text, "ASSAULT", "actor2") == "Civilians (Iraq)"
    assert label(kb, text, "COERCE", "actor2", cc="SY") == "Civilians (Syria)"


def test_civilians_need_a_country(kb: KnowledgeBase) -> None:
    ref = kb.resolve_in_role(ActorRef(text="a man"), role="actor2", plover_type="ASSAULT", country_hint=None)
    assert not ref.resolved


def test_nationality_of_the_people_wins_over_the_event_country(kb: KnowledgeBase) -> None:
    assert label(kb, "an Iraqi doctor", "ASSAULT", "actor2", cc="SY") == "Civilians (Iraq)"
    # journalists are ACLED's own group of civilians, of their nationality too
    assert label(kb, "an Iraqi journalist", "ASSAULT", "actor2", cc="SY") == "Journalists (Iraq)"
    assert label(kb, "five Palestinians", "ASSAULT", "actor2", cc="IL") == "Civilians (Palestine)"


def test_armed_or_official_people_are_not_civilians(kb: KnowledgeBase) -> None:
    assert label(kb, "Iraqi soldiers", "ASSAULT", "actor2") == "Military Forces of Iraq"
    assert label(kb, "gunmen", "ASSAULT", "actor2") == "Unidentified Armed Group (Iraq)"
    assert label(kb, "a militia commander", "ASSAULT", "actor2") != "Civilians (Iraq)"
    assert not is_people("two militants")
    assert not is_people("security guard")


def test_people_as_agents_of_a_protest_are_protesters(kb: KnowledgeBase) -> None:
    assert label(kb, "students", "PROTEST") == "Protesters (Iraq)"
    assert label(kb, "residents", "PROTEST", cc="LB") == "Protesters (Lebanon)"
    assert label(kb, "one protester", "ASSAULT", "actor2") == "Protesters (Iraq)"


def test_attacked_homes_and_mosques_are_civilians(kb: KnowledgeBase) -> None:
    assert label(kb, "mosque", "ASSAULT", "actor2", cc="SY") == "Civilians (Syria)"
    assert label(kb, "a house", "ASSAULT", "actor2") == "Civilians (Iraq)"
    assert label(kb, "airport", "ASSAULT", "actor2") == "airport"  # who runs it is not said


def test_a_man_is_not_amman(kb: KnowledgeBase) -> None:
    assert not kb.resolve("a man").resolved
    assert not kb.resolve("A man").resolved
    assert kb.resolve("Amman").label == "Jordan"


def test_parliament_acts_for_its_government(kb: KnowledgeBase) -> None:
    assert label(kb, "parliament", "REQUEST", "actor2") == "Government of Iraq"
    assert label(kb, "the Lebanese parliament", "REJECT") == "Government of Lebanon"


def test_surname_alone_names_the_person_of_the_event_country(kb: KnowledgeBase) -> None:
    assert label(kb, "Salam", "CONSULT", cc="LB", on="2026-01-12") == "Government of Lebanon"
    assert label(kb, "Salam", "CONSULT", cc="IQ") == "Salam"  # no Iraqi Salam: nothing guessed
    assert surname_person(kb, "Salam", None) is None
    assert surname_person(kb, "salam", "LB") is None  # a word, not a name


def _mention(nlp: Language, text: str, plover: str, trigger: str | None = None) -> Mention:
    article = Article(id="a_roles", title="Roles case", body=text)
    found = [
        m
        for m in extract(nlp(text), article, actors=load_actor_names()).mentions
        if m.plover_type == plover and (trigger is None or m.trigger == trigger)
    ]
    assert found, text
    return found[0]


def _labels(kb: KnowledgeBase, mention: Mention, role: str, on: str, cc: str) -> list[str]:
    refs = getattr(mention, role)
    return [
        kb.resolve_in_role(r, role=role, plover_type=mention.plover_type, on=on, country_hint=cc).label
        for r in refs
    ]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "plover", "trigger", "cc", "actor1", "actor2"),
    [
        (
            "Israeli jets struck a house in Khan Younis, killing a woman and her two children.",
            "ASSAULT", "struck", "PS", ["Military Forces of Israel"], ["Civilians (Palestine)"],
        ),
        (
            "Syrian police arrested three men in Latakia on Saturday.",
            "COERCE", None, "SY", ["Police Forces of Syria (2024-)"], ["Civilians (Syria)"],
        ),
        (
            "Egypt's foreign minister met his Irish counterpart in Cairo on Sunday.",
            "CONSULT", None, "EG", ["Government of Egypt"], ["Government of Ireland"],
        ),
        (
            "A Turkish drone killed two people near Sinjar.",
            "ASSAULT", None, "IQ", ["Military Forces of Turkey"], ["Civilians (Iraq)"],
        ),
        (
            "Gunmen attacked a liquor shop owner in Baghdad on Friday.",
            "ASSAULT", None, "IQ", ["Unidentified Armed Group (Iraq)"], ["Civilians (Iraq)"],
        ),
        (
            "Security forces detained a doctor at a checkpoint near Hama.",
            "COERCE", None, "SY", ["Police Forces of Syria (2024-)"], ["Civilians (Syria)"],
        ),
        (
            "Israeli fire killed a fisherman off the coast of Gaza.",
            "ASSAULT", None, "PS", ["Military Forces of Israel"], ["Civilians (Palestine)"],
        ),
    ],
)  # fmt: skip
def test_sentence_to_acled_actors(
    nlp: Language,
    kb: KnowledgeBase,
    text: str,
    plover: str,
    trigger: str | None,
    cc: str,
    actor1: list[str],
    actor2: list[str],
) -> None:
    mention = _mention(nlp, text, plover, trigger)
    assert set(actor1) <= set(_labels(kb, mention, "actor1", "2026-01-10", cc))
    assert set(actor2) <= set(_labels(kb, mention, "actor2", "2026-01-10", cc))


def test_a_group_of_a_country_is_not_its_state_organ(kb: KnowledgeBase) -> None:
    militia = kb.resolve_in_role(
        ActorRef(text="Iraqi militia commanders"), role="actor1", plover_type="THREATEN"
    )
    assert (militia.resolved, militia.actor_type) == (False, "Political militia")
    assert label(kb, "Syrian rebels", "ASSAULT") == "Syrian rebels"
    assert label(kb, "Iraqi Kurdish protesters", "ACCUSE") != "Government of Iraq"
    assert label(kb, "Irish counterpart", "CONSULT", "actor2") == "Government of Ireland"


def test_capitals_speak_for_their_state(kb: KnowledgeBase) -> None:
    assert label(kb, "Baghdad", "ACCUSE") == "Government of Iraq"
    assert label(kb, "Tehran", "THREATEN") == "Government of Iran"


def test_clerics_and_shops_attacked_are_civilians(kb: KnowledgeBase) -> None:
    assert label(kb, "cleric", "ASSAULT", "actor2") == "Civilians (Iraq)"
    assert label(kb, "liquor store", "ASSAULT", "actor2") == "Civilians (Iraq)"
    assert label(kb, "merchant ships", "ASSAULT", "actor2") == "merchant ships"  # ships are no people


def test_unknown_ministers_are_the_event_countrys_government(kb: KnowledgeBase) -> None:
    assert label(kb, "Electricity Minister Ziad Ali Fadel", "CONSULT") == "Government of Iraq"
    assert label(kb, "the provincial governor", "REQUEST", cc="SY") == "Government of Syria (2024-)"
    assert not kb.resolve_in_role(
        ActorRef(text="the minister"), role="actor1", plover_type="CONSULT"
    ).resolved


def test_bare_nouns_refer_back_to_the_actor_named_before() -> None:
    from marsad.extract.actor_names import asking
    from marsad.extract.anaphora import refer_back, remember

    antecedents: dict[str, str] = {}
    with asking(load_kb()):
        for named in ("Israeli forces", "Syria's Interior Ministry", "Iraq", "security forces"):
            remember(named, antecedents)
        assert refer_back("troops", antecedents) == "Israeli forces"
        assert refer_back("the ministry", antecedents) == "Syria's Interior Ministry"
        assert refer_back("the movement", antecedents) == "the movement"  # none named before
        assert refer_back("Hezbollah", antecedents) == "Hezbollah"  # a name refers to itself


def test_arrests_by_the_authorities_are_the_polices() -> None:
    kb = load_kb()
    ref = kb.resolve_in_role(
        ActorRef(text="Kuwaiti authorities"),
        role="actor1",
        plover_type="COERCE",
        on="2025-01-01",
        country_hint="KW",
    )
    assert ref.label == "Police Forces of Kuwait"
    talks = kb.resolve_in_role(
        ActorRef(text="Kuwaiti authorities"),
        role="actor1",
        plover_type="CONSULT",
        on="2025-01-01",
        country_hint="KW",
    )
    assert talks.label == "Government of Kuwait"
