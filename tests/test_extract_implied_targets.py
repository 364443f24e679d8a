"""Targets the clause implies: ending an arrangement "with X" sanctions X, imposing sanctions "on X"
targets X (``[roles.patient_preps]`` in data/lexicon.toml). The sentences are ours."""

from __future__ import annotations

import pytest
from spacy.language import Language

from marsad.extract import extract
from marsad.records import Article, Mention
from marsad.resolve import load_actor_names


def _mentions(nlp: Language, text: str, plover: str) -> list[Mention]:
    article = Article(id="a_implied", title="Implied target case", body=text, published="2025-05-04")
    result = extract(nlp(text), article, actors=load_actor_names())
    return [m for m in result.mentions if m.plover_type == plover]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Jordan suspends its trade agreement with Syria.", "Syria"),
        ("The cabinet of Chad terminates all defence accords with France.", "France"),
        ("The European Union imposed new sanctions on Belarus on Monday.", "Belarus"),
    ],
)
def test_a_measure_against_a_counterpart_names_it(nlp: Language, text: str, target: str) -> None:
    (sanction, *_) = _mentions(nlp, text, "SANCTION")
    assert [a.text for a in sanction.actor2] == [target]


@pytest.mark.model
def test_a_police_shooting_is_the_polices(nlp: Language) -> None:
    (shooting,) = _mentions(nlp, "Riots followed the fatal police shooting of a teenager in Lyon.", "ASSAULT")
    assert [a.text for a in shooting.actor1] == ["police"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "plover", "target"),
    [
        # the act's author named with the act noun
        (
            "Qatar on Monday welcomed the accord between the Sudanese army and the RSF.",
            "SUPPORT",
            "Sudanese army",
        ),
        (
            "The union rejected on Friday a government demand that its members return to work.",
            "REJECT",
            "government",
        ),
        # "the ...": the agent of the article's last event of that kind, told just before
        (
            "Militiamen stormed a clinic in Goma and detained four nurses.\n\n"
            "The health minister condemned the detentions on Saturday.",
            "ACCUSE",
            "Militiamen",
        ),
        # a bare "the move" told paragraphs later: the act the article leads with
        (
            "Ethiopia pledged on Monday to open the border crossing at Metema.\n\n"
            "Traders gathered at the crossing on Tuesday.\n\n"
            "Crowds returned to the market.\n\n"
            "The Arab League criticized the move on Wednesday.",
            "ACCUSE",
            "Ethiopia",
        ),
    ],
)
def test_a_statement_on_an_act_targets_its_author(nlp: Language, text: str, plover: str, target: str) -> None:
    (statement, *_) = _mentions(nlp, text, plover)
    assert [a.text for a in statement.actor2] == [target]


@pytest.mark.model
def test_a_statement_on_an_act_with_no_author_told_names_no_target(nlp: Language) -> None:
    (statement,) = _mentions(nlp, "The Arab League criticized the move on Wednesday.", "ACCUSE")
    assert statement.actor2 == ()


@pytest.mark.model
def test_a_speaker_blaming_its_own_attack_is_not_its_own_target(nlp: Language) -> None:
    text = (
        "Iranian forces shot down a passenger jet near Tehran on Wednesday. Three days later the government "
        "said it had shot the plane unintentionally, blaming human error for the attack."
    )
    for statement in _mentions(nlp, text, "ACCUSE"):
        assert not {a.text for a in statement.actor2} & {a.text for a in statement.actor1}
