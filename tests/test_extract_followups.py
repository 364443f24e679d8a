"""Follow-up reports that name a known happening by a noun (issue 18): the attack a legal charge names,
a definite attack noun with a place of its own in an article that tells no attack before it, and an
attack that another attack's participants are known by (recalled, with its own day), hijackings. Our own
sentences."""

from __future__ import annotations

import pytest
from spacy.language import Language

from marsad.extract import extract
from marsad.merge import clues
from marsad.records import Article, Mention
from marsad.resolve import load_actor_names

pytestmark = pytest.mark.model


def _mentions(nlp: Language, text: str) -> list[Mention]:
    article = Article(id="a_followup", title="", body=text, published="2026-03-06")
    return list(extract(nlp(text), article, actors=load_actor_names()).mentions)


def _attacks(nlp: Language, text: str) -> list[Mention]:
    return [m for m in _mentions(nlp, text) if m.plover_type == "ASSAULT"]


def test_the_attack_a_charge_names_is_a_report_of_it(nlp: Language) -> None:
    text = "A court indicts Tom Reed, the perpetrator of the fatal stabbing of a nurse in a park in Leeds."
    assert [m.trigger for m in _attacks(nlp, text)] == ["stabbing"]


def test_a_verb_stays_the_content_of_a_charge(nlp: Language) -> None:
    assert not _attacks(nlp, "Prosecutors charged two men with attacking a guard at the depot.")


def test_a_definite_attack_noun_with_its_own_place_is_kept_in_a_follow_up(nlp: Language) -> None:
    text = "Investigators say the recent car explosion in Lahore was caused by a suicide bomber."
    assert [m.trigger for m in _attacks(nlp, text)] == ["explosion"]


def test_after_an_attack_the_article_told_the_same_words_point_back_to_it(nlp: Language) -> None:
    text = (
        "A car bomb exploded outside a market in Lahore on Monday, killing five people. "
        "Investigators say the recent car explosion in Lahore was caused by a suicide bomber."
    )
    assert len(_attacks(nlp, text)) == 1


def test_the_attack_the_targets_of_an_operation_are_known_by_is_recalled(nlp: Language) -> None:
    text = (
        "All the gunmen involved in the attack on a police post in Lahore on Monday are killed "
        "in a raid by the army."
    )
    attacks = {m.trigger: m for m in _attacks(nlp, text)}
    assert attacks["attack"].background and attacks["attack"].date.text == "on Monday"
    assert not attacks["killed"].background and attacks["killed"].date.text != "on Monday"


@pytest.mark.parametrize(
    ("sentence", "report", "trigger", "retold"),
    [
        (
            "Police say the recent car explosion near the mosque was a suicide attack.",
            "recent",
            "explosion",
            True,
        ),
        ("A man is charged with murder for a mass shooting that killed four.", "mass", "shooting", True),
        ("A man is charged with murder for a mass shooting that killed four.", "man", "charged", False),
        ("Gunmen attacked the recent arrivals at the camp.", "Gunmen", "attacked", False),
    ],
)
def test_words_before_an_event_noun_tell_a_known_happening(
    sentence: str, report: str, trigger: str, retold: bool
) -> None:
    assert clues.retold_by_lead(sentence, sentence.index(report), trigger) is retold


def test_a_hijacking_is_an_abduction_told_as_a_verb_or_a_noun(nlp: Language) -> None:
    told = _attacks(nlp, "A passenger ferry is hijacked by gunmen off the coast near Kismayo.")
    recalled = _attacks(nlp, "Troops free the crew of a ferry from yesterday's hijacking near Kismayo.")
    assert [(m.trigger, m.plover_mode) for m in told] == [("hijacked", "abduct")]
    assert [(m.trigger, m.plover_mode) for m in recalled] == [("hijacking", "abduct")]
