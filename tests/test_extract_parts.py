"""Unit tests for extract's parts: number words, vague quantities, lexicon integrity, speed."""

from __future__ import annotations

import time

import pytest
from spacy.language import Language

from marsad.extract import extract
from marsad.extract.figures import parse_number
from marsad.extract.lexicon import PLOVER_TYPES, load_lexicon
from marsad.records import Article
from marsad.resolve import load_actor_names


@pytest.mark.parametrize(
    ("words", "value"),
    [
        (["four"], 4),
        (["18"], 18),
        (["2,500"], 2500),
        (["twenty", "-", "five"], 25),
        (["one", "hundred"], 100),
        (["a", "hundred"], 100),
        (["three", "thousand"], 3000),
        (["dozens"], None),
        (["several"], None),
    ],
)
def test_parse_number(words: list[str], value: int | None) -> None:
    assert parse_number(words) == value


def test_vague_quantities_are_honest_low_bounds() -> None:
    vague = load_lexicon().vague
    assert vague["several"] == vague["a few"] == 3  # ACLED's codebook
    # a plural of a unit is at least two of it (docs/annotation.md)
    assert vague["dozens"] == 24
    assert vague["scores"] == 40
    assert vague["hundreds"] == 200


def test_lexicon_covers_every_plover_type() -> None:
    lex = load_lexicon()
    types = {s.type for s in lex.verbs.values()} | {s.type for s in lex.nouns.values()}
    assert types == PLOVER_TYPES


def test_weapon_modes_are_ranked() -> None:
    lex = load_lexicon()
    assert set(lex.weapons.values()) <= set(lex.weapon_order)
    assert lex.weapon_order.index("aerial") < lex.weapon_order.index("heavy-weapons")


@pytest.mark.model
def test_rejections_name_the_stage_and_article(nlp: Language) -> None:
    text = "Militants have attacked the base more than 50 times this year."
    article = Article(id="a_agg", title="t", body=text)
    result = extract(nlp(text), article, actors=load_actor_names())
    assert not result.mentions
    assert result.rejections[0].stage == "extract"
    assert result.rejections[0].article_id == "a_agg"
    assert result.rejections[0].text == text


@pytest.mark.model
def test_mention_ids_are_stable(nlp: Language) -> None:
    text = "Gunmen killed two policemen in Mosul on Monday."
    article = Article(id="a_ids", title="t", body=text)
    first = extract(nlp(text), article, actors=load_actor_names())
    second = extract(nlp(text), article, actors=load_actor_names())
    assert [m.id for m in first.mentions] == [m.id for m in second.mentions]
    assert first.mentions[0].id.startswith("m_")


@pytest.mark.model
def test_extraction_costs_less_than_the_parse(nlp: Language) -> None:
    sentences = [
        "Gunmen killed three farmers near Kirkuk on Tuesday, police sources said.",
        "The foreign minister met his Turkish counterpart in Ankara.",
        "Security forces arrested 14 students in Amman, the ministry said.",
        "A drone fired two missiles at a truck near Raqqa, killing four people.",
        "The economy grew by four percent last year, officials said.",
    ]
    text = "\n\n".join(sentences * 40)
    article = Article(id="a_speed", title="t", body=text)
    start = time.perf_counter()
    doc = nlp(text)
    parse = time.perf_counter() - start
    start = time.perf_counter()
    result = extract(doc, article, actors=load_actor_names())
    work = time.perf_counter() - start
    assert len(result.mentions) >= 160
    assert work < parse, f"extract took {work:.3f}s, the parse {parse:.3f}s"


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    ["", "\n\n", '"', "“”", "Killed.", "1,000,000 killed", 'He said: "', "BAGHDAD -", "By", "at least"],
)
def test_odd_inputs_do_not_break_extraction(nlp: Language, text: str) -> None:
    article = Article(id="a_odd", title="t", body=text)
    result = extract(nlp(text), article, actors=load_actor_names())
    for mention in result.mentions:
        assert mention.evidence.text == text[mention.evidence.start : mention.evidence.end]


@pytest.mark.model
def test_paragraphs_from_the_article_are_used(nlp: Language) -> None:
    from marsad.records import Paragraph

    text = "Gunmen attacked a checkpoint in Kirkuk.\n\nThey killed two soldiers."
    article = Article(
        id="a_para",
        title="t",
        body=text,
        paragraphs=(Paragraph(start=0, end=39), Paragraph(start=41, end=66)),
    )
    result = extract(nlp(text), article, actors=load_actor_names())
    killed = [m for m in result.mentions if m.trigger == "killed"]
    assert killed and killed[0].actor1[0].text == "Gunmen"
    assert killed[0].place is None  # a new paragraph does not inherit the last one's place


def test_a_year_range_in_a_date_does_not_break_background_detection(nlp: Language) -> None:
    body = "A mine left over from the 2019-2020 war exploded near Sirte on Tuesday, killing a shepherd."
    article = Article(id="a_range", title="Mine blast", body=body, published="2025-05-01")
    result = extract(nlp(body), article, actors=load_actor_names())
    assert any(m.plover_type == "ASSAULT" for m in result.mentions)


@pytest.mark.parametrize(
    "text",
    [
        "Officials in Cairo said gunmen killed two guards in Arish.",
        "The minister told reporters in Paris that Turkish troops had shelled villages in northern Syria.",
    ],
)
def test_the_place_where_an_event_was_announced_is_not_its_place(nlp: Language, text: str) -> None:
    article = Article(id="said", title="", body=text)
    mentions = extract(nlp(text), article, actors=load_actor_names()).mentions
    places = {m.place.text for m in mentions if m.place is not None}
    assert not places & {"Cairo", "Paris"}


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # A comma chain of names is one place, for the resolve stage to read inside out.
        (
            "A drone struck a market in Pokrovsk, Donetsk Oblast, Ukraine.",
            "Pokrovsk, Donetsk Oblast, Ukraine",
        ),
        # A list is not a chain, and neither is the subject of the next clause.
        ("Gunmen attacked a checkpoint in Homs, Hama and Idlib on Monday.", "Homs"),
        ("Rebels attacked an army base in Kharkiv, Zelensky said.", "Kharkiv"),
    ],
)
def test_a_chain_of_place_names_is_one_place(nlp: Language, text: str, place: str) -> None:
    article = Article(id="chain", title="", body=text)
    mentions = extract(nlp(text), article, actors=load_actor_names()).mentions
    assert [m.place.text for m in mentions if m.place is not None] == [place]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # Where an attack falls is its place: "on", "against" or "of" after an attack noun.
        ("Two farmers were wounded in an air raid on Aleppo.", "Aleppo"),
        ("Three shepherds died in the shelling of Kherson.", "Kherson"),
        ("A week-long bombardment of Mosul left 30 dead.", "Mosul"),
    ],
)
def test_the_target_of_an_attack_noun_is_the_place(nlp: Language, text: str, place: str) -> None:
    article = Article(id="target", title="", body=text)
    mentions = extract(nlp(text), article, actors=load_actor_names()).mentions
    assert place in {m.place.text for m in mentions if m.place is not None}


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # What is captured or taken control of is where the event happens.
        ("Rebels captured Ndzemshwai after two days of fighting.", "Ndzemshwai"),
        ("The militia took control of Kaborivka on Sunday.", "Kaborivka"),
        ("Militiamen captured the town of Ndzemshwai at dawn.", "Ndzemshwai"),
        (
            "Insurgents seized Uvira, South Kivu, Democratic Republic of the Congo.",
            "Uvira, South Kivu, Democratic Republic of the Congo",
        ),
    ],
)
def test_the_place_taken_is_the_place(nlp: Language, text: str, place: str) -> None:
    article = Article(id="taken", title="", body=text)
    mentions = extract(nlp(text), article, actors=load_actor_names()).mentions
    assert place in {m.place.text for m in mentions if m.place is not None}


def test_a_place_taken_is_never_the_target_and_a_coalition_is_its_members(nlp: Language) -> None:
    text = "A coalition of Rapid Support Forces fighters captured the town of Ndzemshwai."
    article = Article(id="coalition", title="", body=text)
    mentions = extract(nlp(text), article, actors=load_actor_names()).mentions
    assert mentions and all(not m.actor2 for m in mentions), [m.actor2 for m in mentions]
    assert any("Rapid Support Forces" in a.text for m in mentions for a in m.actor1)


def test_a_cause_listed_after_others_lends_the_killing_its_place(nlp: Language) -> None:
    # The last of several coordinated causes carries the place: it is the killing's place too.
    text = "Nine villagers were killed by artillery, airstrikes and drone strikes in the Idlib countryside."
    article = Article(id="causes", title="", body=text)
    mentions = extract(nlp(text), article, actors=load_actor_names()).mentions
    killed = [m for m in mentions if m.trigger == "killed"]
    assert killed and killed[0].place is not None
    assert killed[0].place.text == "Idlib countryside"


def test_a_wave_of_strikes_lends_the_killing_its_place(nlp: Language) -> None:
    text = "Five fishermen were killed in a wave of naval strikes off northern Gaza."
    article = Article(id="wave", title="", body=text)
    mentions = extract(nlp(text), article, actors=load_actor_names()).mentions
    killed = [m for m in mentions if m.trigger == "killed"]
    assert killed and killed[0].place is not None
    assert "Gaza" in killed[0].place.text


@pytest.mark.parametrize(
    ("text", "agent", "place"),
    [
        # The demonym in front of the weapon that names the attack is its doer, never its place.
        ("Two farmers are killed in Russian drone strikes near Kupiansk.", "Russian", "Kupiansk"),
        ("Nine are killed in a Ukrainian drone attack on a market in Oleshky.", "Ukrainian", "Oleshky"),
    ],
)
def test_the_demonym_before_a_weapon_names_the_doer_not_the_place(
    nlp: Language, text: str, agent: str, place: str
) -> None:
    article = Article(id="weapon", title="", body=text)
    mentions = extract(nlp(text), article, actors=load_actor_names()).mentions
    assert any(a.text == agent for m in mentions for a in m.actor1), [m.actor1 for m in mentions]
    assert {m.place.text for m in mentions if m.place is not None} == {place}
