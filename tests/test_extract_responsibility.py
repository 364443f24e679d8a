"""An attack's author named in another sentence: a responsibility claim ("X claimed responsibility"), a
passive claim ("the attack was claimed by X") or an agentless attribution ("the blast was blamed on X")
gives the claimant to the article's attacks that name no agent (extract/responsibility.py).

The sentences are ours.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from marsad.extract import extract
from marsad.records import Article, Mention
from marsad.resolve import load_actor_names


def _attacks(nlp: Language, text: str) -> list[Mention]:
    article = Article(id="a_claimed", title="Claim case", body=text, published="2024-03-02")
    result = extract(nlp(text), article, actors=load_actor_names())
    return [m for m in result.mentions if m.plover_type == "ASSAULT"]


def _agents(mention: Mention) -> dict[str, str | None]:
    return {ref.text: ref.clue for ref in mention.actor1}


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "claimant", "clue"),
    [
        (
            "A car bomb exploded outside a police station in Kirkuk on Friday. "
            "The Islamic State claimed responsibility for the bombing.",
            "Islamic State",
            "claimed responsibility",
        ),
        (
            "Two rockets struck an army base near Marib on Monday. "
            "The attack was claimed by the Houthi movement.",
            "Houthi movement",
            "claimed responsibility",
        ),
        (
            "A suicide bomber blew himself up at a checkpoint in Mogadishu. "
            "The blast was blamed on al-Shabaab.",
            "al-Shabaab",
            "attack attributed to it",
        ),
        (
            "Gunmen opened fire on a convoy near Jalalabad, killing four guards. "
            "The militant group, the Taliban, later claimed responsibility.",
            "Taliban",
            "claimed responsibility",
        ),
    ],
)
def test_the_claimant_becomes_the_attacker(nlp: Language, text: str, claimant: str, clue: str) -> None:
    attacks = _attacks(nlp, text)
    assert attacks, text
    assert all(_agents(m) == {claimant: clue} for m in attacks)


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        # nobody claimed it: an accusation is not a claim
        "A car bomb exploded outside a police station in Kirkuk. No group has claimed responsibility, "
        "although officials blamed the Islamic State.",
        # two claimants: which attack is whose is not guessed
        "A car bomb exploded in Kirkuk and a roadside bomb hit a patrol near Mosul. "
        "The Islamic State claimed responsibility for one, and Ansar al-Sunna claimed responsibility too.",
        # credit for something that is no attack
        "A car bomb exploded outside a police station in Kirkuk. "
        "Governor Rakan Saeed claimed credit for the new curfew.",
        # a common noun names nobody
        "A car bomb exploded outside a police station in Kirkuk. Militants claimed responsibility.",
    ],
)
def test_no_claimant_is_carried_without_evidence(nlp: Language, text: str) -> None:
    for mention in _attacks(nlp, text):
        assert not any(
            ref.clue in ("claimed responsibility", "attack attributed to it") for ref in mention.actor1
        )


@pytest.mark.model
def test_an_attacker_named_in_its_own_sentence_is_kept(nlp: Language) -> None:
    text = (
        "Turkish jets bombed a village near Qamishli on Tuesday. "
        "Separately, a bomb exploded in Afrin. The Kurdistan Workers' Party claimed responsibility."
    )
    attacks = _attacks(nlp, text)
    bombed = next(m for m in attacks if m.trigger == "bombed")
    assert "claimed responsibility" not in _agents(bombed).values()


@pytest.mark.model
def test_the_claimant_is_never_what_the_attack_hit(nlp: Language) -> None:
    text = (
        "Israeli aircraft later struck Hamas positions in Gaza after a rocket attack. "
        "Hamas claimed responsibility for the rocket fire."
    )
    for mention in _attacks(nlp, text):
        if any("Hamas" in ref.text for ref in mention.actor2):
            assert "claimed responsibility" not in _agents(mention).values()


@pytest.mark.model
def test_a_claim_told_in_the_present_tense_names_the_attacker(nlp: Language) -> None:
    # terse news: the parser reads "claims" as a plural noun compounded to "responsibility"
    text = "Boko Haram claims responsibility for an attack on a barracks near Maiduguri that killed six men."
    attacks = _attacks(nlp, text)
    assert attacks
    assert all(_agents(m) == {"Boko Haram": "claimed responsibility"} for m in attacks)
