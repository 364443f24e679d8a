"""The worldwide gazetteer and its traps: namesakes, old names, adjectives, seats of government."""

from __future__ import annotations

import pytest

from marsad.resolve.gazetteer_build import world_division_name
from marsad.resolve.gazetteer_names import container
from marsad.resolve.places import Gazetteer, load_gazetteer


@pytest.fixture(scope="session")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    return load_gazetteer(tmp_path_factory.getbasetemp() / "gazetteer-cache")


@pytest.mark.parametrize(
    ("text", "country", "admin1"),
    [
        ("Geneva", "CH", "Geneva"),
        ("Christchurch", "NZ", "Canterbury"),
        ("El Paso", "US", "Texas"),
        ("London", "GB", "England"),
        ("Kabul", "AF", "Kabul"),  # the capital, not a village of the same name
        ("Ghazni", "AF", "Ghazni"),
    ],
)
def test_towns_far_from_the_region_resolve_with_their_province(
    gazetteer: Gazetteer, text: str, country: str, admin1: str
) -> None:
    ref = gazetteer.resolve(text)
    assert (ref.country, ref.admin1) == (country, admin1)
    assert ref.latitude is not None


def test_a_former_name_never_beats_a_town_that_bears_it_today(gazetteer: Gazetteer) -> None:
    # Harare was once called Salisbury; the English cathedral city is called so now.
    ref = gazetteer.resolve("Salisbury")
    assert (ref.name, ref.country) == ("Salisbury", "GB")


@pytest.mark.parametrize("text", ["Kurdish", "Kurds", "Druze", "Shiite", "Arab"])
def test_peoples_and_faiths_are_never_places(gazetteer: Gazetteer, text: str) -> None:
    assert not gazetteer.resolve(text, context_countries=["SY", "IQ"]).resolved
    assert gazetteer.best(text) is None


@pytest.mark.parametrize("text", ["White House", "the White House", "Kremlin", "Pentagon", "Downing Street"])
def test_seats_of_government_stand_for_governments_not_places(gazetteer: Gazetteer, text: str) -> None:
    ref = gazetteer.resolve(text)
    assert not ref.resolved and ref.country is None


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # A made-up quarter inside a real city: the city, never a namesake of the quarter abroad.
        ("the Kalaba quarter of Taiz", "Taizz", "YE"),
        ("the al-Nasr neighborhood of Damascus", "Damascus", "SY"),
        ("Salisbury, Maryland", "Salisbury", "US"),
        ("Tripoli, Libya", "Tripoli", "LY"),
    ],
)
def test_the_named_container_decides(gazetteer: Gazetteer, text: str, name: str, country: str) -> None:
    ref = gazetteer.resolve(text)
    assert (ref.name, ref.country) == (name, country)


def test_a_part_in_a_region_spanning_provinces_is_kept(gazetteer: Gazetteer) -> None:
    ref = gazetteer.resolve("Bint Jbeil in south Lebanon")
    assert ref.country == "LB" and ref.admin1 == "Nabatieh"


def test_container_reads_of_in_and_comma() -> None:
    assert container("the Kalaba quarter of Taiz") == "Taiz"
    assert container("Salisbury, England") == "England"
    assert container("Aleppo") is None


def test_an_english_division_name_is_preferred() -> None:
    assert world_division_name("Pomorskie", ["Pomeranian Voivodeship"]) == "Pomeranian"
    assert world_division_name("Texas", ["Estado de Texas", "State of Texas"]) == "Texas"
    assert world_division_name("Mahārāshtra", ["महाराष्ट्र"]) == "Maharashtra"
    assert world_division_name("California", ["Golden State", "State of California"]) == "California"


def test_a_small_namesake_abroad_makes_no_homonym(gazetteer: Gazetteer) -> None:
    assert not gazetteer.is_homonym("Damascus")  # a small town in the United States also bears it
    assert gazetteer.is_homonym("Tripoli")  # Lebanon and Libya both count


@pytest.mark.parametrize(("text", "country"), [("Hong Kong", "HK"), ("Singapore", "SG")])
def test_a_city_state_gets_its_city_point(gazetteer: Gazetteer, text: str, country: str) -> None:
    ref = gazetteer.resolve(text)
    assert ref.country == country and ref.latitude is not None and ref.geo_precision == 1


@pytest.mark.parametrize("text", ["Kuwait", "Lebanon", "Mexico"])
def test_a_country_named_like_its_capital_stays_a_country(gazetteer: Gazetteer, text: str) -> None:
    assert gazetteer.resolve(text).latitude is None


def test_a_country_and_a_continent_are_placed_only_as_toponyms(gazetteer: Gazetteer) -> None:
    # An event is never placed at a country's or a continent's centre; a name read for geoparsing is.
    assert gazetteer.resolve("Kenya").latitude is None
    assert gazetteer.resolve("Africa").country is None and not gazetteer.resolve("Africa").resolved
    assert gazetteer.resolve("Kenya", toponym=True).latitude is not None
    assert gazetteer.resolve("Africa", toponym=True).latitude is not None


def test_a_division_beside_its_towns_is_not_the_country_of_its_name(gazetteer: Gazetteer) -> None:
    ref = gazetteer.resolve("Georgia", context_countries=["US"], toponym=True)
    assert (ref.country, ref.admin1) == ("US", "Georgia")
    assert ref.clue == "same article"


def test_country_names_without_their_article_and_by_their_initials(gazetteer: Gazetteer) -> None:
    assert gazetteer.resolve("Netherlands").country == "NL"
    assert gazetteer.resolve("DRC").country == "CD"
    assert gazetteer.resolve("Democratic Republic of Congo").country == "CD"


def test_every_resolved_place_says_what_decided_it(gazetteer: Gazetteer) -> None:
    assert gazetteer.resolve("Tripoli", context_countries=["LB"]).clue == "same article"
    assert gazetteer.resolve("the al-Nasr neighbourhood of Damascus").clue in {
        "containment",
        "only candidate",
    }
    assert gazetteer.resolve("Nowhereville Xq").clue is None


@pytest.mark.parametrize(
    ("one", "other", "country"),
    [
        ("Taiz", "Taizz", "YE"),  # two transliterations
        ("Flanders", "Flemish", "BE"),  # a name and an adjective form of one region
        ("N'Djamena", "Ville de Ndjamena", "TD"),  # a capital and the city region it makes up
    ],
)
def test_two_names_of_one_province_are_the_same_province(
    gazetteer: Gazetteer, one: str, other: str, country: str
) -> None:
    assert gazetteer.same_admin1(one, other, country)


@pytest.mark.parametrize(
    ("one", "other", "country"),
    [
        ("Aleppo", "Idlib", "SY"),  # neighbours
        ("Damascus", "Rif Dimashq", "SY"),  # a city and the province around it
        ("Taiz", "Taizz", "SY"),  # the right names, the wrong country
    ],
)
def test_different_provinces_stay_different(gazetteer: Gazetteer, one: str, other: str, country: str) -> None:
    assert not gazetteer.same_admin1(one, other, country)


def test_an_event_place_in_hong_kong_is_coded_in_china_as_acled_does(gazetteer: Gazetteer) -> None:
    district = gazetteer.resolve("Tsuen Wan")
    assert district.country == "HK"  # the gazetteer keeps the territory's own code
    coded = gazetteer.as_coded(district)
    assert (coded.country, coded.country_name, coded.admin1) == ("CN", "China", "Hong Kong")
    assert coded.latitude == district.latitude
    london = gazetteer.resolve("London")
    assert gazetteer.as_coded(london) == london


def test_a_country_as_a_whole_is_a_point_only_when_it_is_one_city(gazetteer: Gazetteer) -> None:
    singapore = gazetteer.country_ref("SG", "the article's country")
    assert singapore.latitude is not None and singapore.clue == "the article's country"
    serbia = gazetteer.country_ref("RS", "the article's country")
    assert serbia.latitude is None and serbia.country_name == "Serbia"


def test_a_countrys_own_name_beats_a_town_named_after_it(gazetteer: Gazetteer) -> None:
    # Mexico has a town called China: a story about Mexico that names China still means the country.
    ref = gazetteer.resolve("China", context_countries=["MX"], toponym=True)
    assert ref.country == "CN"


def test_a_port_named_after_its_town_is_the_town(gazetteer: Gazetteer) -> None:
    place = gazetteer.resolve("the Chabahar port")
    assert place.name == "Chabahar" and place.country == "IR"
    assert gazetteer.resolve("Port Sudan").country == "SD"  # a town whose name starts with "Port"


def test_a_division_takes_its_official_english_name_over_a_loose_one() -> None:
    aliases = ["Pomorze vaivadija", "Pomerania Province", "Pomeranian Voivodeship"]
    assert world_division_name("Pomorskie", aliases) == "Pomeranian"
    assert world_division_name("Somewhere", ["Northland Province"]) == "Northland"


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        ("Belgrade", "Belgrade"),  # the City of Belgrade, not "Central Serbia"
        ("Novi Sad", "South Backa"),
        ("Kragujevac", "Sumadija"),
    ],
)
def test_where_the_first_level_is_split_a_town_takes_its_district(
    gazetteer: Gazetteer, text: str, admin1: str
) -> None:
    ref = gazetteer.resolve(text)
    assert (ref.country, ref.admin1) == ("RS", admin1)
