"""The words between place names relate them: containment vetoes namesakes elsewhere, lists share a kind."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest

from marsad.records import Article, Evidence, Mention, PlaceRef, Toponym
from marsad.resolve import Resolver, place_relations
from marsad.resolve.places import Gazetteer, load_gazetteer


@pytest.fixture(scope="module")
def resolver(tmp_path_factory: pytest.TempPathFactory) -> Resolver:
    gazetteer: Gazetteer = load_gazetteer(tmp_path_factory.getbasetemp() / "gazetteer-cache")
    return Resolver(gazetteer)


def _placed(resolver: Resolver, text: str, names: Sequence[str]) -> dict[int, Toponym]:
    toponyms: list[Toponym] = []
    for name in names:
        for match in re.finditer(re.escape(name), text):
            if not any(t.start <= match.start() < t.end for t in toponyms):
                toponyms.append(Toponym(text=name, start=match.start(), end=match.end()))
    placed = resolver.resolve_toponyms(toponyms, Article(id="a", title="", body=text))
    return {t.start: t for t in placed}


def _spans(text: str, names: Sequence[str]) -> list[tuple[int, int]]:
    return sorted((text.index(name), text.index(name) + len(name)) for name in names)


def test_words_between_names_say_which_holds_which() -> None:
    text = "near Eyl in the Nugaal region of Somalia, and in Beledweyne, Hiran; the Idlib town of Binnish"
    spans = _spans(text, ["Eyl", "Nugaal", "Somalia", "Beledweyne", "Hiran", "Idlib", "Binnish"])
    found = {(h.inner, h.outer, h.said) for h in place_relations.holders(text, spans)}
    assert (0, 1, True) in found  # Eyl in the Nugaal region
    assert (1, 2, True) in found  # the Nugaal region of Somalia
    assert (3, 4, False) in found  # Beledweyne, Hiran: a comma may also join a list
    assert (6, 5, True) in found  # the Idlib town of Binnish: the town lies in Idlib
    assert (2, 3, False) not in found


def test_lists_are_runs_of_names_joined_by_commas_and_and() -> None:
    text = "in Oslo, Bergen and Tromso; later Kiel"
    spans = _spans(text, ["Oslo", "Bergen", "Tromso", "Kiel"])
    assert place_relations.lists(text, spans) == [[0, 1, 2]]


def test_a_town_and_its_province_after_a_comma_keep_the_namesake_there(resolver: Resolver) -> None:
    text = "A tornado hit Midland, Michigan overnight, and shelters in Midland filled by noon."
    placed = _placed(resolver, text, ["Midland", "Michigan"])
    assert {t.place.admin1 for t in placed.values() if t.text == "Midland" and t.place} == {"Michigan"}


def test_a_town_said_to_lie_in_a_region_never_goes_abroad(resolver: Resolver) -> None:
    text = "Fighters took over Badhan in the Sanaag region of Puntland on Friday."
    placed = _placed(resolver, text, ["Badhan", "Sanaag", "Puntland"])
    assert all(t.place and t.place.country == "SO" for t in placed.values())


def test_a_list_of_provinces_reads_its_odd_item_as_a_province(resolver: Resolver) -> None:
    text = "Inspectors visited farms in Nova Scotia, Manitoba, Alberta and New Brunswick this week."
    placed = _placed(resolver, text, ["Nova Scotia", "Manitoba", "Alberta", "New Brunswick"])
    brunswick = placed[text.index("New Brunswick")].place
    assert brunswick is not None and brunswick.country == "CA"


def test_a_list_of_countries_is_not_a_town_and_its_country(resolver: Resolver) -> None:
    text = "Envoys from Jordan, Baghdad, Iran and Turkey met on Monday."
    placed = _placed(resolver, text, ["Jordan", "Baghdad", "Iran", "Turkey"])
    baghdad = placed[text.index("Baghdad")].place
    assert baghdad is not None and baghdad.country == "IQ"


def test_a_capital_beats_a_village_that_bears_its_name_only_as_an_alternate(resolver: Resolver) -> None:
    # The article names Iran, which must not pull "Baghdad" to an Iranian village once called so.
    text = "Iran sent a delegation to Baghdad after talks in Tehran."
    placed = _placed(resolver, text, ["Iran", "Baghdad", "Tehran"])
    baghdad = placed[text.index("Baghdad")].place
    assert baghdad is not None and baghdad.country == "IQ"


def test_regions_wider_than_a_country_are_placed_but_never_an_event_place(resolver: Resolver) -> None:
    text = "Prices rose across the Middle East and in East Africa."
    placed = _placed(resolver, text, ["Middle East", "East Africa"])
    middle = placed[text.index("Middle East")].place
    assert middle is not None and middle.name == "Middle East" and middle.country is None
    assert resolver.gazetteer.resolve("Middle East").latitude is None  # too wide to be a scene


def _event_place(resolver: Resolver, body: str, place: str) -> PlaceRef | None:
    article = Article(id="e", title="", body=body)
    evidence = Evidence(article_id="e", start=0, end=5, text=body[:5])
    found = Mention(
        id="e-1", article_id="e", plover_type="ASSAULT", place=PlaceRef(text=place), evidence=evidence
    )
    return resolver.resolve_all([found], article)[0].place


def test_an_event_place_written_inside_a_country_is_the_namesake_there(resolver: Resolver) -> None:
    body = "A car bomb went off in Santo Domingo, Ecuador on Friday, killing four people."
    place = _event_place(resolver, body, "Santo Domingo")
    assert place is not None and place.country == "EC"
    assert place.clue == "containment in the text"


def test_a_passing_mention_of_a_far_country_pulls_no_namesake(resolver: Resolver) -> None:
    body = "Gunmen attacked a church in Alexandria on Sunday, police said. The United States condemned it."
    place = _event_place(resolver, body, "Alexandria")
    assert place is not None and place.country == "EG"


def test_an_unknown_village_written_inside_a_province_takes_the_province(resolver: Resolver) -> None:
    # "Wad Zarqoun" is invented: no gazetteer holds it, but the text says where it lies.
    body = "Shelling hit a market in Wad Zarqoun, Gezira State, Sudan on Monday, killing nine people."
    place = _event_place(resolver, body, "Wad Zarqoun")
    assert place is not None and place.country == "SD"
    assert place.admin1 == "Gezira"
    assert place.clue is not None and "Gezira State" in place.clue


def test_a_near_spelling_abroad_yields_to_the_province_the_text_names(resolver: Resolver) -> None:
    # A spelling-tolerant key of "Shuqeiri" reaches Saudi towns; the text puts it in Sudan.
    body = (
        "A drone struck a clinic in Shuqeiri, White Nile State, Sudan, killing six. "
        "Saudi Arabia condemned it."
    )
    place = _event_place(resolver, body, "Shuqeiri")
    assert place is not None and place.country == "SD"
    assert place.admin1 == "White Nile"


def test_a_name_followed_by_a_division_word_is_the_division(resolver: Resolver) -> None:
    text = "Inspectors traced the sick cattle to a Washington state ranch and to a dairy in Ottawa."
    placed = _placed(resolver, text, ["Washington", "Ottawa"])
    washington = placed[text.index("Washington")].place
    assert washington is not None and washington.admin1 == "Washington"
    # Without the word, the capital: the larger namesake.
    text = "Inspectors met officials in Washington and in Ottawa."
    washington = _placed(resolver, text, ["Washington", "Ottawa"])[text.index("Washington")].place
    assert washington is not None and washington.admin1 == "District of Columbia"
