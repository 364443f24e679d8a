"""An article's geography: its main town for mentions naming none, and towns over demonyms for the country.

Every article here is ours, a few sentences long, with real places and invented events.
"""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import pytest
from spacy.language import Language

from marsad.extract import extract
from marsad.records import ActorRef, Article, Evidence, Mention, Paragraph, PlaceRef
from marsad.resolve import Resolver, load_actor_names
from marsad.resolve.gazetteer_context import Geography, read_geography
from marsad.resolve.gazetteer_names import split_qualifiers
from marsad.resolve.places import Gazetteer, load_gazetteer


@pytest.fixture(scope="module")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    # The session's gazetteer folder (see test_places), empty when the session starts.
    cache: Path = tmp_path_factory.getbasetemp() / "gazetteer-cache"
    return load_gazetteer(cache)


@pytest.fixture(scope="module")
def resolver(gazetteer: Gazetteer) -> Resolver:
    return Resolver(gazetteer)


def article(title: str, *paragraphs: str) -> Article:
    body = "\n\n".join(paragraphs)
    spans, start = [], 0
    for text in paragraphs:
        spans.append(Paragraph(start=start, end=start + len(text)))
        start += len(text) + 2
    return Article(id="a_" + str(abs(hash(body)) % 10**8), title=title, body=body, paragraphs=tuple(spans))


def mention(art: Article, sentence: str, place: str | None = None) -> Mention:
    """A mention whose evidence is ``sentence`` (which must be in the body), naming ``place``."""
    start = art.body.index(sentence)
    end = start + len(sentence)
    evidence = Evidence(
        article_id=art.id, start=start, end=end, text=sentence, sentence_start=start, sentence_end=end
    )
    return Mention(
        id=f"m_{start}",
        article_id=art.id,
        plover_type="ASSAULT",
        place=PlaceRef(text=place) if place else None,
        evidence=evidence,
    )


def place_of(resolver: Resolver, art: Article, sentence: str, place: str | None = None) -> PlaceRef | None:
    return resolver.resolve_all([mention(art, sentence, place)], art)[0].place


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


BAGHDAD = article(
    "Drone strike kills militia commander in eastern Baghdad",
    "A drone fired two rockets at a militia headquarters in eastern Baghdad on Thursday, police said.",
    "The rockets hit a vehicle in the compound and killed four people. Health sources confirmed the toll.",
    "Iraqi officials condemned the strike. The government said it would respond.",
)


# --- 1. A mention with no town takes the article's main town --------------------------------------------


def test_placeless_mention_takes_the_main_town(resolver: Resolver) -> None:
    place = place_of(resolver, BAGHDAD, "The rockets hit a vehicle in the compound and killed four people.")
    assert place is not None and place.name == "Baghdad" and place.admin1 == "Baghdad"
    assert place.country == "IQ" and place.resolved


def test_main_town_is_within_25_km_of_the_city(resolver: Resolver) -> None:
    place = place_of(resolver, BAGHDAD, "Health sources confirmed the toll.")
    assert place is not None and place.latitude is not None and place.longitude is not None
    assert km(place.latitude, place.longitude, 33.34, 44.40) < 25


def test_main_town_elsewhere_has_precision_2(resolver: Resolver) -> None:
    place = place_of(resolver, BAGHDAD, "The government said it would respond.")
    assert place is not None and place.geo_precision == 2


def test_main_town_in_own_sentence_has_precision_1(resolver: Resolver) -> None:
    art = article("Blast", "Police in Basra said a bomb killed two men on Sunday.")
    place = place_of(resolver, art, "Police in Basra said a bomb killed two men on Sunday.")
    assert place is not None and place.name == "Basra" and place.geo_precision == 1


def test_country_only_place_takes_the_main_town(resolver: Resolver) -> None:
    place = place_of(resolver, BAGHDAD, "Iraqi officials condemned the strike.", place="Iraq")
    assert place is not None and place.name == "Baghdad" and place.geo_precision == 2


def test_main_town_text_is_the_articles_spelling(resolver: Resolver) -> None:
    art = article("Drone strike in Kobani", "A drone hit a car on Sunday, killing three fighters.")
    place = place_of(resolver, art, "A drone hit a car on Sunday, killing three fighters.")
    assert place is not None and place.text == "Kobani" and place.country == "SY"


def test_title_names_the_town_the_body_does_not(resolver: Resolver) -> None:
    art = article(
        "Rockets hit Ain al-Asad air base", "Three rockets struck the base overnight, officials said."
    )
    place = place_of(resolver, art, "Three rockets struck the base overnight, officials said.")
    assert place is not None and place.name == "Ain al Asad" and place.admin1 == "Anbar"


def test_no_town_named_gives_the_country_only(resolver: Resolver) -> None:
    art = article("Iraqi anger", "Iraqi officials condemned the raid. Iraq said it would file a complaint.")
    place = place_of(resolver, art, "Iraqi officials condemned the raid.")
    assert place is not None and place.country == "IQ"
    assert place.latitude is None and place.geo_precision is None and not place.resolved


def test_no_town_and_no_country_gives_nothing(resolver: Resolver) -> None:
    art = article("Talks", "Officials met envoys to discuss the truce.")
    assert place_of(resolver, art, "Officials met envoys to discuss the truce.") is None


def test_article_spread_over_towns_has_no_main_town(resolver: Resolver) -> None:
    art = article(
        "Security sweep",
        "Police arrested a man in Homs. Police arrested another in Latakia. A third was held in Hama.",
        "The ministry said the operations would go on.",
    )
    place = place_of(resolver, art, "The ministry said the operations would go on.")
    assert place is not None and place.country == "SY" and place.latitude is None


def test_town_of_the_paragraph_beats_a_town_elsewhere(resolver: Resolver) -> None:
    art = article(
        "Clashes",
        "Gunmen attacked a checkpoint in Deir ez-Zor on Monday. Two soldiers were killed.",
        "Separately, protesters gathered in Raqqa.",
    )
    place = place_of(resolver, art, "Two soldiers were killed.")
    assert place is not None and place.text == "Deir ez-Zor" and place.admin1 == "Deir ez Zor"


def test_main_town_must_be_in_the_mentions_country(resolver: Resolver) -> None:
    art = article(
        "Strike in Baghdad",
        "A drone struck a car in Baghdad on Monday. Baghdad police said two men died.",
        "Syria condemned the attack.",
    )
    place = place_of(resolver, art, "Syria condemned the attack.", place="Syria")
    assert place is not None and place.country == "SY" and place.latitude is None


def test_a_town_mention_keeps_its_own_town(resolver: Resolver) -> None:
    place = place_of(resolver, BAGHDAD, "Iraqi officials condemned the strike.", place="Mosul")
    assert place is not None and place.name == "Mosul" and place.geo_precision == 1


def test_an_unknown_place_name_is_kept_as_written(resolver: Resolver) -> None:
    place = place_of(resolver, BAGHDAD, "Iraqi officials condemned the strike.", place="Qaryat Zzyzx")
    assert place is not None and place.text == "Qaryat Zzyzx" and place.name is None


def test_region_takes_a_town_named_in_its_sentence(resolver: Resolver) -> None:
    art = article("Rockets", "Rockets struck the Ain al-Asad air base in Anbar on Tuesday, officials said.")
    place = place_of(resolver, art, art.body, place="Anbar")
    assert place is not None and place.name == "Ain al Asad" and place.geo_precision == 1


def test_region_takes_no_far_town_of_another_division_in_its_sentence(resolver: Resolver) -> None:
    # The town of the sentence lies in another state, far off: the state named stays the place.
    art = article(
        "Campaign trail",
        "After a radio interview in Tucson, Arizona, the senator held a rally in Ohio on Friday.",
    )
    place = place_of(resolver, art, art.body, place="Ohio")
    assert place is not None and place.admin1 == "Ohio" and place.country == "US"


def test_region_takes_a_town_of_it_in_its_paragraph(resolver: Resolver) -> None:
    art = article(
        "Arrests near the capital",
        "Security forces raided homes in the Damascus countryside. Three men were held in Qudsaya.",
    )
    place = place_of(
        resolver, art, "Security forces raided homes in the Damascus countryside.", "Damascus countryside"
    )
    assert place is not None and place.name == "Qudsaya" and place.admin1 == "Rif Dimashq"
    assert place.geo_precision == 2


def test_region_stays_a_region_when_its_town_is_far_away(resolver: Resolver) -> None:
    art = article(
        "Arrests near the capital",
        "Security forces raided homes in the Damascus countryside.",
        "In an earlier operation, three men were held in Qudsaya.",
    )
    place = place_of(
        resolver, art, art.paragraphs and art.body[: art.paragraphs[0].end], "Damascus countryside"
    )
    assert place is not None and place.name == "Rif Dimashq" and place.geo_precision == 3


def test_south_lebanon_with_bint_jbeil_in_the_sentence(resolver: Resolver) -> None:
    art = article("Strike", "An Israeli drone hit a car in Bint Jbeil in south Lebanon, killing two men.")
    place = place_of(resolver, art, art.body, place="south Lebanon")
    assert place is not None and place.text == "Bint Jbeil" and place.admin1 == "Nabatieh"


# --- 2. Towns outweigh demonyms and actor names in the country decision ---------------------------------


def test_israeli_strike_on_damascus_is_in_syria(resolver: Resolver) -> None:
    art = article(
        "Israeli strike hits Syrian capital",
        "An Israeli strike on Damascus killed two people on Monday. Israeli officials declined to comment.",
        "Israel has carried out many such strikes.",
    )
    place = place_of(resolver, art, "Israel has carried out many such strikes.")
    assert place is not None and place.country == "SY" and place.name == "Damascus"


def test_israeli_raid_in_quneitra_is_in_syria(resolver: Resolver) -> None:
    art = article(
        "Israeli forces raid village",
        "Israeli troops entered a village near Quneitra overnight and detained two men. "
        "Israel said they were suspects. The Israeli army gave no details.",
    )
    place = place_of(resolver, art, "The Israeli army gave no details.")
    assert place is not None and place.country == "SY" and place.admin1 == "Quneitra"


def test_turkish_drone_near_makhmour_is_in_iraq(resolver: Resolver) -> None:
    art = article(
        "Turkish drone strike",
        "A Turkish drone struck a car near Makhmour on Sunday, killing three. Turkey said it hit militants. "
        "The Turkish defence ministry gave no names.",
    )
    place = place_of(resolver, art, "The Turkish defence ministry gave no names.")
    assert place is not None and place.country == "IQ" and place.text == "Makhmour"


def test_turkish_strike_on_kobani_is_in_syria(resolver: Resolver) -> None:
    art = article(
        "Turkish jets strike Kurdish town",
        "Turkish jets struck positions in Kobani on Friday. "
        "Turkey and Turkish officials called it self-defence.",
    )
    geography = read_geography(resolver.gazetteer, art)
    assert geography.main_country == "SY"


def test_libyan_towns_decide_tripoli_without_naming_libya(gazetteer: Gazetteer) -> None:
    art = article("Clashes", "Rival groups clashed in Tripoli. Fighting also spread to Zawiya and Misrata.")
    geography = read_geography(gazetteer, art)
    assert geography.main_country == "LY"
    assert {s.ref.country for s in geography.towns} == {"LY"}


def test_lebanese_towns_decide_tripoli(gazetteer: Gazetteer) -> None:
    art = article("Clashes", "Gunmen clashed in Tripoli. The army deployed in Sidon and Tyre as well.")
    geography = read_geography(gazetteer, art)
    assert geography.main_country == "LB"


def test_demonyms_alone_weigh_less_than_a_country_name(gazetteer: Gazetteer) -> None:
    art = article("Talks", "Israeli envoys arrived for talks on Lebanon.")
    geography = read_geography(gazetteer, art)
    assert geography.countries[0][0] == "LB"


def test_outside_powers_weigh_half(gazetteer: Gazetteer) -> None:
    art = article("Visit", "The United States and the United States envoy praised Jordan.")
    assert read_geography(gazetteer, art).countries[0][0] == "JO"


# --- What the scan takes for a town, and what it does not -------------------------------------------------


def towns(gazetteer: Gazetteer, title: str, body: str) -> list[str]:
    return [s.ref.text for s in read_geography(gazetteer, article(title, body)).towns]


def test_a_demonym_is_never_a_town(gazetteer: Gazetteer) -> None:
    assert towns(gazetteer, "Talks", "Egyptian and Palestinian officials met Israeli envoys.") == []


def test_a_generic_word_in_a_title_is_not_a_town(gazetteer: Gazetteer) -> None:
    assert towns(gazetteer, "Airstrikes Kill Militants in Anbar's Wadi Houran", "Jets struck caves.") == []


def test_a_big_foreign_city_needs_a_locative_cue(gazetteer: Gazetteer) -> None:
    assert towns(gazetteer, "Talks", "Washington blamed the militia for the attack.") == []
    assert towns(gazetteer, "Talks", "Envoys met in Washington on Monday.") == ["Washington"]


def test_a_weapon_named_after_a_city_is_not_a_town(gazetteer: Gazetteer) -> None:
    assert towns(gazetteer, "Riot", "Youths threw stones and Molotov cocktails at police.") == []


def test_a_big_regional_town_counts_without_a_cue(gazetteer: Gazetteer) -> None:
    assert towns(gazetteer, "Blast", "Homs police said a bomb went off.") == ["Homs"]


def test_a_possessive_splits_country_and_town(gazetteer: Gazetteer) -> None:
    assert towns(gazetteer, "Strike", "Jets hit south Lebanon's Bint Jbeil on Monday.") == ["Bint Jbeil"]


def test_a_cued_title_town_counts(gazetteer: Gazetteer) -> None:
    geography = read_geography(gazetteer, article("Bomb kills two in Kirkuk", "Police gave no details."))
    assert [(s.ref.name, s.start) for s in geography.towns] == [("Kirkuk", -1)]


def test_an_uncued_title_word_counts_only_when_the_body_names_it(gazetteer: Gazetteer) -> None:
    assert towns(gazetteer, "Basra Protest Turns Violent", "Crowds gathered on Sunday.") == []
    assert towns(gazetteer, "Basra Protest Turns Violent", "Crowds gathered in Basra.") == ["Basra", "Basra"]


def test_geography_without_towns_has_no_main_town(gazetteer: Gazetteer) -> None:
    art = article("Talks", "Officials met.")
    geography = read_geography(gazetteer, art)
    assert isinstance(geography, Geography) and geography.towns == ()
    assert geography.main_town(mention(art, "Officials met."), country=None) is None


# --- 3. The most specific place wins inside one mention's text -------------------------------------------


def test_base_in_province_resolves_to_the_base(gazetteer: Gazetteer) -> None:
    place = gazetteer.resolve("Ain al-Asad air base in Anbar")
    assert place.name == "Ain al Asad" and place.admin1 == "Anbar" and place.geo_precision == 1


def test_town_in_region_resolves_to_the_town(gazetteer: Gazetteer) -> None:
    place = gazetteer.resolve("Bint Jbeil in south Lebanon")
    assert place.country == "LB" and place.admin1 == "Nabatieh" and place.geo_precision == 1


def test_neighbourhood_of_a_city_resolves_to_the_neighbourhood(gazetteer: Gazetteer) -> None:
    place = gazetteer.resolve("al-Wuroud neighbourhood of Damascus")
    assert place.name == "Qudsaya" and place.admin1 == "Rif Dimashq"


def test_unknown_landmark_in_a_city_resolves_to_the_city(gazetteer: Gazetteer) -> None:
    place = gazetteer.resolve("Grand Serail in Beirut")
    assert place.name == "Beirut" and place.country == "LB"


def test_split_qualifiers_reads_the_inner_place_first() -> None:
    readings = [r.core for r in split_qualifiers("Bint Jbeil in south Lebanon")]
    assert readings.index("Bint Jbeil") < readings.index("south Lebanon")


def test_split_qualifiers_reads_a_base_in_a_province() -> None:
    readings = [r.core for r in split_qualifiers("Ain al-Asad air base in Anbar")]
    assert readings[1:] == ["Ain al-Asad", "Anbar"]


# --- Gazetteer helpers the geography relies on ------------------------------------------------------------


def test_best_refuses_countries_and_demonyms(gazetteer: Gazetteer) -> None:
    assert gazetteer.best("Palestinian") is None and gazetteer.best("Iraq") is None
    found = gazetteer.best("Kirkuk")
    assert found is not None and found[0].country == "IQ"


def test_is_homonym(gazetteer: Gazetteer) -> None:
    assert gazetteer.is_homonym("Tripoli") and not gazetteer.is_homonym("Kirkuk")


def test_country_terms_reads_possessives(gazetteer: Gazetteer) -> None:
    assert ("LB", False) in gazetteer.country_terms("Jets hit Lebanon's south.")
    assert ("IQ", True) in gazetteer.country_terms("Iraqi police said.")


# --- Extraction and resolution together -------------------------------------------------------------------


def _resolved(nlp: Language, resolver: Resolver, art: Article) -> list[Mention]:
    return resolver.resolve_all(extract(nlp(art.body), art, actors=load_actor_names()).mentions, art)


def test_pipeline_fills_placeless_mentions_with_the_main_town(nlp: Language, resolver: Resolver) -> None:
    art = article(
        "Drone strike kills commander in eastern Baghdad",
        "A drone fired two rockets at a militia headquarters in eastern Baghdad on Thursday.",
        "Police said the rockets hit a vehicle and killed four people.",
        "Militia members later arrested a man on suspicion of helping the attackers.",
    )
    places = {(m.trigger, m.place.name if m.place else None) for m in _resolved(nlp, resolver, art)}
    assert ("hit", "Baghdad") in places and ("arrested", "Baghdad") in places


def test_pipeline_base_in_province(nlp: Language, resolver: Resolver) -> None:
    art = article("Rockets hit base", "Rockets struck the Ain al-Asad air base in Anbar on Tuesday.")
    [struck] = [m for m in _resolved(nlp, resolver, art) if m.trigger == "struck"]
    assert struck.place is not None and struck.place.name == "Ain al Asad" and struck.place.geo_precision == 1


def test_pipeline_neighbourhood_of_a_city(nlp: Language, resolver: Resolver) -> None:
    art = article("Arrests", "Security forces detained five men in the al-Wuroud neighbourhood of Damascus.")
    [detained] = [m for m in _resolved(nlp, resolver, art) if m.trigger == "detained"]
    assert detained.place is not None and detained.place.admin1 == "Rif Dimashq"


def test_pipeline_attacker_demonym_does_not_set_the_country(nlp: Language, resolver: Resolver) -> None:
    art = article(
        "Israeli jets strike Syria",
        "Israeli jets struck targets near Quneitra overnight, killing two soldiers. "
        "Israel said it hit depots.",
    )
    countries = {m.place.country for m in _resolved(nlp, resolver, art) if m.place is not None}
    assert countries == {"SY"}


def test_a_city_and_its_districts_are_one_scene(resolver: Resolver) -> None:
    art = article(
        "Rockets target Baghdad's Green Zone",
        "Two rockets fell inside the Green Zone overnight. Another hit near Baghdad airport.",
        "Security forces later arrested a suspect. Officials in Mosul said nothing.",
    )
    place = place_of(resolver, art, "Security forces later arrested a suspect.")
    assert place is not None and place.admin1 == "Baghdad" and place.latitude is not None


def test_a_capital_naming_a_government_is_not_a_scene(gazetteer: Gazetteer) -> None:
    body = "Fighters repelled an attack by factions loyal to the Damascus government."
    assert towns(gazetteer, "Clashes", body) == []


def test_a_region_named_with_its_city_name_is_not_a_main_town(resolver: Resolver) -> None:
    art = article("Raids", "Troops raided farms in the Idlib countryside. Two men were detained.")
    place = place_of(resolver, art, "Two men were detained.")
    assert place is not None and place.country == "SY" and place.latitude is None


# --- A government acting at home ---------------------------------------------------------------------------

KABUL_BAN = article(
    "An Afghan carrier is barred",
    "The government said on Monday it had barred a Kabul airline from its airports.",
    "The carrier flies from Kabul to several cities in the region.",
)


def _by_government(plover_type: str, country: str, sentence: str) -> PlaceRef | None:
    government = ActorRef(
        text="government", name=f"Government of {country}", sector="GOV", country=country, resolved=True
    )
    base = mention(KABUL_BAN, sentence)
    acting = dataclasses.replace(base, plover_type=plover_type, actor1=(government,))
    return Resolver(load_gazetteer()).resolve_all([acting], KABUL_BAN)[0].place


def test_a_governments_ban_naming_no_place_is_in_its_own_country() -> None:
    place = _by_government("SANCTION", "NO", "The government said on Monday it had barred a Kabul airline")
    assert place is not None and place.country == "NO"
    assert place.clue == "the acting government's country" and place.latitude is None


def test_a_governments_agreement_keeps_the_articles_place() -> None:
    # Talks and deals happen where the parties meet, which is not always at home.
    place = _by_government("AGREE", "NO", "The carrier flies from Kabul to several cities in the region.")
    assert place is not None and place.country == "AF"


def test_a_governments_attack_keeps_the_articles_place() -> None:
    # An assault happens where it hits, not in the attacker's capital.
    place = _by_government("ASSAULT", "NO", "The carrier flies from Kabul to several cities in the region.")
    assert place is not None and place.country == "AF"


def test_a_large_town_of_the_articles_country_is_its_scene_without_a_cue(resolver: Resolver) -> None:
    art = article(
        "Students march across Serbia",
        "Thousands of students marched past the parliament of the Serbian capital Belgrade on Sunday.",
        "Police said the march was peaceful.",
    )
    place = place_of(resolver, art, "Police said the march was peaceful.")
    assert place is not None and place.name == "Belgrade" and place.country == "RS"


def test_a_town_abroad_the_article_does_not_name_needs_a_strong_cue(resolver: Resolver) -> None:
    art = article(
        "Iraqi talks", "Iraqi officials met envoys of Belgrade to discuss trade.", "Nothing was signed."
    )
    place = place_of(resolver, art, "Nothing was signed.")
    assert place is not None and place.country == "IQ" and place.latitude is None


# --- A chain of names, each holding the one before ---------------------------------------------------------


def test_a_chain_of_names_is_placed_at_its_most_specific_known_name(resolver: Resolver) -> None:
    # An invented hamlet the gazetteer does not hold, in a province it does.
    sentence = "Two guards were shot at a depot in Zaborivka, Donetsk Oblast, Ukraine."
    art = article("Depot", sentence)
    place = place_of(resolver, art, sentence, "Zaborivka, Donetsk Oblast, Ukraine")
    assert place is not None and place.country == "UA" and place.admin1 == "Donetsk"
    assert place.geo_precision == 3


def test_a_chain_keeps_its_first_name_when_the_gazetteer_knows_it(resolver: Resolver) -> None:
    sentence = "A bomb went off near a bus station in Sulaymaniyah, Kurdistan Region, Iraq."
    art = article("Bomb", sentence)
    place = place_of(resolver, art, sentence, "Sulaymaniyah, Kurdistan Region, Iraq")
    assert place is not None and place.country == "IQ" and place.name == "Sulaymaniyah"


def test_a_chain_ending_in_a_country_takes_no_namesake_abroad(resolver: Resolver) -> None:
    # "Northwest" alone is a district of Dubai in GeoNames; the chain says the region is in Cameroon.
    sentence = "Gunmen killed six villagers in Bambui, Northwest Region, Cameroon."
    art = article("Shooting", sentence)
    place = place_of(resolver, art, sentence, "Bambui, Northwest Region, Cameroon")
    assert place is not None and place.country == "CM"


@pytest.mark.parametrize(
    ("text", "country", "admin1"),
    [
        ("Kabare Territory", "CD", "South Kivu"),
        ("Kherson Oblast", "UA", "Kherson"),
        ("Plateau State", "NG", "Plateau"),
    ],
)
def test_a_division_word_after_a_name_is_peeled(
    gazetteer: Gazetteer, text: str, country: str, admin1: str
) -> None:
    ref = gazetteer.resolve(text)
    assert (ref.country, ref.admin1) == (country, admin1)


def test_demonyms_of_states_beyond_the_region_count_towards_the_article(gazetteer: Gazetteer) -> None:
    assert ("BJ", True) in gazetteer.country_terms("The Beninese government said soldiers were killed.")
    assert ("NG", True) in gazetteer.country_terms("Nigerian troops repelled the raid.")
