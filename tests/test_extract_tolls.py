"""Tolls told without a casualty verb (extract/tolls.py) and sources chosen by the verb that governs the
figure (claims.source_for). The sentences are ours."""

from __future__ import annotations

from spacy.language import Language

from marsad.extract import extract
from marsad.records import Article, Claim, FigureKind, Mention
from marsad.resolve import load_actor_names


def _mentions(nlp: Language, body: str) -> list[Mention]:
    article = Article(id="a_tolls", title="Tolls", body=body, published="2024-03-10")
    return list(extract(nlp(body), article, actors=load_actor_names()).mentions)


def _attacks(nlp: Language, body: str) -> list[Mention]:
    return [m for m in _mentions(nlp, body) if m.plover_type == "ASSAULT"]


def _told(mentions: list[Mention], kind: FigureKind = FigureKind.KILLED) -> list[tuple[str, int | None]]:
    claims: list[Claim] = [c for m in mentions for c in m.claims]
    return [(c.source, f.low) for c in claims for f in c.figures if f.kind is kind]


def test_a_result_state_in_the_attacks_clause_counts_its_dead(nlp: Language) -> None:
    body = "A bomb exploded at a bus station in Centralia on Tuesday, leaving seven dead and 20 injured."
    attacks = _attacks(nlp, body)
    assert ("article", 7) in _told(attacks)
    assert ("article", 20) in _told(attacks, FigureKind.INJURED)


def test_a_relative_clause_on_the_only_attack_counts_its_dead(nlp: Language) -> None:
    body = "The first attack was at the old mosque in Rivertown, which left at least 30 worshippers dead."
    figures = [f for m in _attacks(nlp, body) for f in m.figures if f.kind is FigureKind.KILLED]
    assert [(f.low, f.high) for f in figures] == [(30, None)]


def test_a_toll_sentence_joins_the_attack_just_told_with_its_source(nlp: Language) -> None:
    body = "A bomb exploded at a bus station in Centralia on Tuesday. The toll rose to 31, officials said."
    attacks = _attacks(nlp, body)
    assert len(attacks) == 1
    assert ("officials", 31) in _told(attacks)


def test_a_victim_pronounced_dead_later_is_the_attacks_toll(nlp: Language) -> None:
    body = "A reporter was shot in his car in Harbourtown on Monday. He was later pronounced dead."
    assert ("article", 1) in _told(_attacks(nlp, body))


def test_a_fatal_attack_on_a_named_person_killed_him(nlp: Language) -> None:
    body = "The fatal police shooting of John Carter sparked protests in Springfield on Friday."
    figures = [f for m in _attacks(nlp, body) for f in m.figures if f.kind is FigureKind.KILLED]
    assert [(f.low, f.high) for f in figures] == [(1, 1)]


def test_a_conflict_or_period_toll_joins_no_attack(nlp: Language) -> None:
    body = (
        "Gunmen attacked a checkpoint in Ruralia on Monday. "
        "The war has left more than 500,000 people dead. The fighting since 2011 has left 300,000 dead."
    )
    assert _told(_attacks(nlp, body)) == []


def test_a_toll_far_from_any_attack_is_nobodys(nlp: Language) -> None:
    body = "Ministers met in Lakeside on Monday to discuss the budget.\n\nThe rebels claimed 40 were dead."
    assert _told(_mentions(nlp, body)) == []


def test_each_figure_is_claimed_by_the_verb_that_governs_it(nlp: Language) -> None:
    body = (
        "Militants stormed a village in the north on Saturday. "
        "The army said twelve soldiers died, while the rebels claimed 40 were dead."
    )
    told = _told(_attacks(nlp, body))
    assert ("the rebels", 40) in told
    assert all(source != "The army" for source, value in told if value == 40)


def test_a_subject_that_names_no_one_is_no_source(nlp: Language) -> None:
    body = (
        "A car bomb exploded outside a hotel in Westport on Sunday, killing three guards. "
        "No group has claimed the attack."
    )
    sources = {c.source for m in _mentions(nlp, body) for c in m.claims}
    assert not any(s.lower().startswith("no ") for s in sources)


def test_a_named_source_speaking_of_the_attack_is_a_source_on_it(nlp: Language) -> None:
    body = (
        "Gunmen stormed a police post in Hillside on Sunday, killing four officers. "
        "The attack lasted an hour, a spokesperson for the Hillside police said."
    )
    attacks = _attacks(nlp, body)
    assert any("spokesperson" in c.source for m in attacks for c in m.claims)


def test_the_time_of_a_named_day_dates_the_attack_before_a_later_toll(nlp: Language) -> None:
    body = (
        "On Saturday morning, a gunman shot shoppers at a store in Elton, with the death toll rising "
        "to 22 people on Monday, officials said."
    )
    shot = [m for m in _attacks(nlp, body) if m.trigger == "shot"]
    assert shot and shot[0].date.text is not None and "Saturday" in shot[0].date.text


def test_each_count_of_a_result_takes_its_own_state(nlp: Language) -> None:
    body = "A bomb went off in a market in Hilltown on Friday, leaving nine people dead and 31 wounded."
    attacks = _attacks(nlp, body)
    assert ("article", 9) in _told(attacks)
    assert ("article", 31) in _told(attacks, FigureKind.INJURED)


def test_an_earlier_toll_since_replaced_is_not_counted(nlp: Language) -> None:
    body = (
        "Two bombs struck a church in Seaview on Sunday, killing at least 20 people. "
        "Police revised downwards an earlier toll of 27 dead."
    )
    assert all(value != 27 for _, value in _told(_attacks(nlp, body)))
