"""Roles decided with evidence: who acted and who was acted on, read from the grammar, and the clue that
decided it kept on the actor (``ActorRef.clue``, shown by ``marsad events --explain``).

The sentences are ours.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from marsad.extract import extract
from marsad.output import actor_explanation
from marsad.records import ActorRef, Article, Event, Mention
from marsad.resolve import load_actor_names
from marsad.resolve.actors import KnowledgeBase, load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def _mention(nlp: Language, text: str, plover: str) -> Mention:
    article = Article(id="a_evidence", title="Evidence case", body=text, published="2025-06-01")
    result = extract(nlp(text), article, actors=load_actor_names())
    found = [m for m in result.mentions if m.plover_type == plover]
    assert found, text
    return found[0]


def _read(kb: KnowledgeBase, mention: Mention, role: str, cc: str = "SY") -> list[ActorRef]:
    return [
        kb.resolve_in_role(r, role=role, plover_type=mention.plover_type, on="2025-06-01", country_hint=cc)
        for r in getattr(mention, role)
    ]


def _clues(mention: Mention, role: str) -> dict[str, str | None]:
    return {ref.text: ref.clue for ref in getattr(mention, role)}


@pytest.mark.model
def test_passive_by_phrase_names_the_agent_and_the_subject_the_patient(nlp: Language) -> None:
    mention = _mention(nlp, "The aid convoy was ambushed by Hezbollah fighters outside Qusayr.", "ASSAULT")
    assert _clues(mention, "actor1") == {"Hezbollah": "passive by-phrase"}
    assert _clues(mention, "actor2") == {"aid convoy": "passive subject"}


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Nine guards died in the raid, reportedly carried out by the Taliban.",
        "The bombing, claimed by the Taliban, killed nine guards.",
        "Nine guards were killed in an ambush, later blamed on the Taliban.",
    ],
)
def test_a_participle_on_the_event_names_its_doer(nlp: Language, text: str) -> None:
    mention = _mention(nlp, text, "ASSAULT")
    assert [ref.text for ref in mention.actor1] == ["Taliban"]


@pytest.mark.model
def test_forces_loyal_to_a_group_act_for_that_group(nlp: Language, kb: KnowledgeBase) -> None:
    mention = _mention(
        nlp, "A checkpoint near Raqqa was stormed by fighters loyal to the Islamic State.", "ASSAULT"
    )
    assert [ref.label for ref in _read(kb, mention, "actor1")] == ["Islamic State"]
    assert "loyal to" in (mention.actor1[0].clue or "")


@pytest.mark.model
def test_a_states_forces_are_its_military(nlp: Language, kb: KnowledgeBase) -> None:
    mention = _mention(nlp, "Turkey's forces shelled Kurdish positions near Afrin.", "ASSAULT")
    assert [ref.label for ref in _read(kb, mention, "actor1")] == ["Military Forces of Turkey"]


@pytest.mark.model
def test_a_possessive_in_front_of_the_event_noun_is_its_agent(nlp: Language) -> None:
    mention = _mention(nlp, "Israel's raid on Jenin killed two men.", "ASSAULT")
    assert _clues(mention, "actor1") == {"Israel": "subject, possessive"}


@pytest.mark.model
def test_an_apposition_names_the_group_a_person_acts_for(nlp: Language, kb: KnowledgeBase) -> None:
    mention = _mention(
        nlp, "Karim Haddad, a commander of Hezbollah, was killed by an Israeli drone.", "ASSAULT"
    )
    assert [ref.label for ref in _read(kb, mention, "actor2", "LB")] == ["Hezbollah"]
    assert _clues(mention, "actor2") == {"Hezbollah": "passive subject, apposition"}
    assert [ref.label for ref in _read(kb, mention, "actor1", "LB")] == ["Military Forces of Israel"]


@pytest.mark.model
def test_the_speaker_is_not_the_agent_of_what_he_reports(nlp: Language) -> None:
    mention = _mention(nlp, "A police spokesman said gunmen attacked a bakery in Mosul.", "ASSAULT")
    assert [ref.text for ref in mention.actor1] == ["gunmen"]
    assert all("spokesman" not in ref.text for ref in (*mention.actor1, *mention.actor2))


@pytest.mark.model
def test_capitals_and_seats_of_power_are_governments(nlp: Language, kb: KnowledgeBase) -> None:
    mention = _mention(nlp, "The Kremlin accused Washington of provoking the crisis.", "ACCUSE")
    actor1, actor2 = _read(kb, mention, "actor1"), _read(kb, mention, "actor2")
    assert [ref.label for ref in actor1] == ["Government of Russia"]
    assert [ref.label for ref in actor2] == ["Government of the United States"]
    assert [ref.clue for ref in (*actor1, *actor2)] == ["metonym", "metonym"]


@pytest.mark.model
def test_coordinated_agents_are_each_an_actor(nlp: Language) -> None:
    mention = _mention(nlp, "Iraqi police and Kurdish fighters arrested three suspects in Kirkuk.", "COERCE")
    assert _clues(mention, "actor1") == {
        "Iraqi police": "subject",
        "Kurdish fighters": "subject + coordination",
    }


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "plover", "patient", "clue"),
    [
        ("Germany halted arms exports to Israel on Friday.", "SANCTION", "Israel", "'to' phrase"),
        ("The foreign minister demanded an apology from Turkey.", "REQUEST", "Turkey", "'from' phrase"),
        ("Egypt called for Iran to release the tanker.", "REQUEST", "Iran", "clause subject"),
        ("The army recaptured the town from ISIS on Sunday.", "ASSAULT", "ISIS", "'from' phrase"),
        (
            "The rebels said they are withdrawing their fighters from Jordan.",
            "RETREAT",
            "Jordan",
            "'from' phrase",
        ),
    ],
)
def test_a_preposition_the_event_reads_names_the_patient(
    nlp: Language, text: str, plover: str, patient: str, clue: str
) -> None:
    assert _clues(_mention(nlp, text, plover), "actor2") == {patient: clue}


@pytest.mark.parametrize(
    ("text", "plover", "expected", "clue"),
    [
        ("Iran", "ACCUSE", "Government of Iran", "state name"),
        ("Israel", "ASSAULT", "Military Forces of Israel", "state name"),
        ("the White House", "THREATEN", "Government of the United States", "metonym"),
        ("Damascus", "REQUEST", "Government of Syria (2024-)", "metonym"),
    ],
)
def test_a_state_as_patient_is_read_as_its_organ(
    kb: KnowledgeBase, text: str, plover: str, expected: str, clue: str
) -> None:
    ref = kb.resolve_in_role(ActorRef(text=text), role="actor2", plover_type=plover, on="2025-06-01")
    assert (ref.label, ref.clue) == (expected, clue)


def test_territories_have_their_own_acled_actors(kb: KnowledgeBase) -> None:
    # ACLED codes Hong Kong's and Puerto Rico's police, protesters and government by the territory's name.
    police = kb.resolve_in_role(
        ActorRef(text="police"), role="actor1", plover_type="COERCE", on="2019-08-01", country_hint="HK"
    )
    assert police.label == "Police Forces of Hong Kong"
    crowd = kb.unnamed_actor("PROTEST", None, on="2019-08-01", country="PR")
    assert crowd is not None and crowd.label == "Protesters (Puerto Rico)"


@pytest.mark.parametrize(
    ("text", "cc", "expected"),
    [
        ("two journalists", "TR", "Journalists (Turkey)"),
        ("an Iraqi reporter", "SY", "Journalists (Iraq)"),
        ("five aid workers", "SD", "Aid Workers (Sudan)"),
        ("four farmers", "SD", "Civilians (Sudan)"),
    ],
)
def test_journalists_and_aid_workers_are_their_own_civilian_groups(
    kb: KnowledgeBase, text: str, cc: str, expected: str
) -> None:
    ref = kb.resolve_in_role(ActorRef(text=text), role="actor2", plover_type="COERCE", country_hint=cc)
    assert (ref.label, ref.actor_type, ref.clue) == (expected, "Civilians", None)


@pytest.mark.model
def test_a_protest_against_a_measure_targets_its_owner(nlp: Language) -> None:
    mention = _mention(
        nlp, "Students protested against the government's new tuition measures in Belgrade.", "PROTEST"
    )
    assert _clues(mention, "actor2") == {"government": "owner of the policy"}


def test_explain_shows_each_actors_clue() -> None:
    event = Event(
        id="ev-1",
        plover_type="ASSAULT",
        actor1=(ActorRef(text="Hezbollah", name="Hezbollah", resolved=True, clue="passive by-phrase"),),
    )
    line = actor_explanation(event)
    assert "“Hezbollah” -> Hezbollah [passive by-phrase]" in line
    assert "actor2 none" in line
