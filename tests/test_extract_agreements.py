"""Named agreements: an AGREE mention that names a known ceasefire but no party takes the parties the
agreement list (data/agreements.toml) gives, and says so in its claim note."""

from __future__ import annotations

import pytest
from spacy.language import Language

from marsad.extract import extract
from marsad.extract.agreements import load_agreements, named_agreement, words_of
from marsad.records import Article, Mention
from marsad.resolve import load_actor_names
from marsad.resolve.actors import load_kb


def _agree(nlp: Language, text: str, published: str | None = "2026-01-12") -> Mention:
    article = Article(id="a_agree", title="Agreement case", body=text, published=published)
    result = extract(nlp(text), article, actors=load_actor_names())
    found = [m for m in result.mentions if m.plover_type == "AGREE"]
    assert found, f"no AGREE mention in {text!r}"
    return found[0]


def _texts(mention: Mention) -> tuple[list[str], list[str]]:
    return [a.text for a in mention.actor1], [a.text for a in mention.actor2]


@pytest.mark.model
def test_named_ceasefire_takes_its_parties(nlp: Language) -> None:
    mention = _agree(
        nlp, "Egypt is hosting new talks on the Gaza truce agreement, which took effect on 10 October."
    )
    assert _texts(mention) == (["Hamas"], ["Israel"])
    note = mention.claims[0].note
    assert "agreement list" in note and "Gaza ceasefire of 10 October 2025" in note


@pytest.mark.model
def test_ceasefire_in_a_place_and_an_older_agreement(nlp: Language) -> None:
    text = "The ceasefire in Lebanon, which began on 27 November, has largely held."
    mention = _agree(nlp, text, "2025-02-01")
    assert _texts(mention) == (["Hezbollah"], ["Israel"])
    assert "Lebanon ceasefire of 27 November 2024" in mention.claims[0].note


@pytest.mark.model
def test_parties_named_in_the_clause_win(nlp: Language) -> None:
    mention = _agree(nlp, "Qatar and Egypt agreed on a plan to extend the Gaza ceasefire.")
    actor1, actor2 = _texts(mention)
    assert "Hamas" not in actor1 + actor2 and "Israel" not in actor1 + actor2
    assert "agreement list" not in mention.claims[0].note


@pytest.mark.model
def test_no_fill_before_the_agreement_existed_or_for_an_unnamed_truce(nlp: Language) -> None:
    before = _agree(nlp, "The ceasefire in Lebanon, which began on 27 November, is fragile.", "2023-05-01")
    assert _texts(before) == ([], [])
    unnamed = _agree(nlp, "The truce, which took effect on Sunday, has largely held.")
    assert _texts(unnamed) == ([], [])


@pytest.mark.model
def test_without_an_article_date_parties_fill_only_when_every_candidate_agrees(nlp: Language) -> None:
    mention = _agree(nlp, "The Gaza ceasefire deal, signed on 10 October, has stalled.", None)
    assert _texts(mention) == (["Hamas"], ["Israel"])


def test_latest_agreement_begun_by_the_date_is_meant() -> None:
    words = words_of("the Gaza ceasefire")
    assert [a.name for a in named_agreement(words, "2025-02-10")] == ["Gaza ceasefire of January 2025"]
    assert [a.name for a in named_agreement(words, "2025-06-01")] == ["Gaza ceasefire of January 2025"]
    assert [a.name for a in named_agreement(words, "2026-01-12")] == ["Gaza ceasefire of 10 October 2025"]
    assert named_agreement(words, "2020-01-01") == []
    assert len(named_agreement(words, None)) == 3
    assert named_agreement(words_of("a ceasefire"), "2026-01-12") == []


def test_every_party_is_a_kb_actor() -> None:
    kb = load_kb()
    for agreement in load_agreements():
        assert agreement.valid_to is None or agreement.valid_from <= agreement.valid_to, agreement.name
        for party in agreement.parties:
            ref = kb.resolve(party, on=agreement.valid_from)
            assert ref.resolved, f"{agreement.name}: {party!r} is not in the actor KB"
