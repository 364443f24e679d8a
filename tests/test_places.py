"""Place resolution: homonyms by context, transliterations, qualifiers, precision, caching."""

from __future__ import annotations

import math
import os
import time
from pathlib import Path

import pytest

from marsad.resolve import gazetteer_build
from marsad.resolve.gazetteer_index import Index, MappedMinorTowns, MinorTowns, write_minor
from marsad.resolve.gazetteer_names import loose_key, name_key, split_qualifiers
from marsad.resolve.places import WATER_KINDS, Gazetteer, load_gazetteer


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # One folder per test session (shared with test_resolve), empty at the start: a fresh install.
    return tmp_path_factory.getbasetemp() / "gazetteer-cache"


@pytest.fixture(scope="session")
def gazetteer(cache_dir: Path) -> Gazetteer:
    # Built from an empty cache directory, as on a fresh install.
    return load_gazetteer(cache_dir)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


def test_cache_is_written_and_reloaded_not_rebuilt(gazetteer: Gazetteer, cache_dir: Path) -> None:
    # How fast it reloads is a bench figure (`make bench`: KB + gazetteer load), not a timed test.
    files = list(cache_dir.glob("gazetteer-*.pickle"))
    assert len(files) == 1
    written = files[0].stat().st_mtime_ns
    index = gazetteer_build.load_index(cache_dir)
    assert len(index.places) > 10_000
    assert files[0].stat().st_mtime_ns == written


def test_cache_dir_follows_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MARSAD_CACHE", str(tmp_path / "here"))
    assert gazetteer_build.cache_dir() == tmp_path / "here"
    assert gazetteer_build.cache_dir(tmp_path) == tmp_path


def test_corrupt_cache_is_rebuilt(cache_dir: Path, tmp_path: Path, gazetteer: Gazetteer) -> None:
    source = next(cache_dir.glob("gazetteer-*.pickle"))
    broken = tmp_path / source.name
    broken.write_bytes(b"not a pickle")
    stale = tmp_path / "gazetteer-0000000000000000.pickle"
    stale.write_bytes(b"old")
    long_ago = time.time() - 3 * 86_400
    os.utime(stale, (long_ago, long_ago))  # unread and unwritten for days: left by older data files
    # Another work tree with other data files uses a cache of its own beside ours: removing it would
    # take the small towns from under a run of it that maps them later, mid-way through its articles.
    in_use = [tmp_path / "gazetteer-1111111111111111.pickle", tmp_path / "minor-1111111111111111.bin"]
    for path in in_use:
        path.write_bytes(b"in use")
    index = gazetteer_build.load_index(tmp_path)
    assert index.exact_matches("Baghdad")
    assert not stale.exists()  # stale one removed
    assert all(path.exists() for path in in_use)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("al-Bureij", "bureij"),
        ("El Bureij", "bureij"),
        ("Qudsayya", "qudsaya"),
        ("Qadsayyā", "qadsaya"),
        ("Ḩimş", "hims"),
        ("Deir ez-Zor", "deir zor"),
        ("Aleppo", "alepo"),
        ("Alexandria", "alexandria"),
    ],
)
def test_name_key(text: str, key: str) -> None:
    assert name_key(text) == key


def test_loose_key_merges_transliterations() -> None:
    assert loose_key("Deir al-Zour") == loose_key("Deir ez-Zor")
    assert loose_key("Qalqilya") == loose_key("Kalkilya")


@pytest.mark.parametrize(
    ("text", "core", "hint"),
    [
        ("eastern Baghdad", "Baghdad", "part"),
        ("near Homs", "Homs", "near"),
        ("the outskirts of Aleppo", "Aleppo", "near"),
        ("Latakia countryside", "Latakia", "region"),
        ("Bureij refugee camp", "Bureij", "camp"),
        ("Wadi al-Dhahab neighborhood of Homs", "Wadi al-Dhahab", "district"),
        ("north of the Litani River", "the Litani River", "near"),
    ],
)
def test_split_qualifiers(text: str, core: str, hint: str) -> None:
    readings = split_qualifiers(text)
    assert readings[0].core == text
    assert any(r.core == core and r.hint == hint for r in readings)


# (text, context countries, expected name, admin1, country, geo_precision)
CASES = [
    ("eastern Baghdad", ["IQ"], "Baghdad", "Baghdad", "IQ", 1),
    ("Baghdad", [], "Baghdad", "Baghdad", "IQ", 1),
    ("the outskirts of Baghdad", ["IQ"], "Baghdad", "Baghdad", "IQ", 2),
    ("near Homs", ["SY"], "Homs", "Homs", "SY", 2),
    ("Homs", ["SY"], "Homs", "Homs", "SY", 1),
    ("Qudsaya", ["SY"], "Qudsaya", "Rif Dimashq", "SY", 1),
    ("Qudsayya", ["SY"], "Qudsaya", "Rif Dimashq", "SY", 1),
    ("al-Wuroud", ["SY"], "Qudsaya", "Rif Dimashq", "SY", 2),
    ("Damascus countryside", ["SY"], "Rif Dimashq", "Rif Dimashq", "SY", 3),
    ("Rif Dimashq", [], "Rif Dimashq", "Rif Dimashq", "SY", 3),
    ("Latakia", ["SY"], "Latakia", "Latakia", "SY", 1),
    ("Lattakia", [], "Latakia", "Latakia", "SY", 1),
    ("Latakia countryside", ["SY"], "Latakia", "Latakia", "SY", 3),
    ("Wadi al-Dhahab", ["SY"], "Homs", "Homs", "SY", 1),
    ("Wadi al-Dhahab neighborhood of Homs", ["SY"], "Homs", "Homs", "SY", 1),
    ("Wadi al-Dhahab district", ["SY"], "Homs", "Homs", "SY", 1),
    ("the Wadi al-Dhahab neighbourhood", ["SY"], "Homs", "Homs", "SY", 1),
    ("Tripoli", ["LB"], "Tripoli", "North", "LB", 1),
    ("Tripoli", ["LY"], "Tripoli", "Tripoli", "LY", 1),
    ("Rafah", ["PS"], "Rafah", "Gaza Strip", "PS", 1),
    ("Rafah", ["EG"], "Rafah", "North Sinai", "EG", 1),
    ("Rafah crossing", [], "Rafah", "Gaza Strip", "PS", 1),
    ("Bureij", [], "Al Bureij", "Gaza Strip", "PS", 1),
    ("Bureij refugee camp", ["PS"], "Al Bureij", "Gaza Strip", "PS", 1),
    ("al-Bureij", [], "Al Bureij", "Gaza Strip", "PS", 1),
    ("Nuseirat", [], "Nuseirat", "Gaza Strip", "PS", 1),
    ("Jenin camp", [], "Jenin Camp", "West Bank", "PS", 1),
    ("Ain al-Hilweh", [], "Ain al Hilweh Camp", "South", "LB", 1),
    ("Gaza Strip", [], "Gaza Strip", "Gaza Strip", "PS", 3),
    ("the Gaza Strip", ["PS"], "Gaza Strip", "Gaza Strip", "PS", 3),
    ("Gaza", ["IQ", "SY", "LB", "PS"], "Gaza Strip", "Gaza Strip", "PS", 3),
    ("Gaza City", ["PS"], "Gaza", "Gaza Strip", "PS", 1),
    ("Damascus Countrysides", ["SY"], "Rif Dimashq", "Rif Dimashq", "SY", 3),
    ("the West Bank", [], "West Bank", "West Bank", "PS", 3),
    ("southern Lebanon", ["LB"], "South Lebanon", "South", "LB", 3),
    ("Jenin", ["PS"], "Janin", "West Bank", "PS", 1),
    ("Mosul Old City", [], "Mosul - Old City", "Nineveh", "IQ", 1),
    ("Sadr City", [], "Baghdad - Sadr City", "Baghdad", "IQ", 1),
    ("the Green Zone", ["IQ"], "Baghdad - Green Zone", "Baghdad", "IQ", 1),
    ("Bab al-Hawa crossing", [], "Bab al Hawa", "Idleb", "SY", 1),
    ("Kerem Shalom", [], "Kerem Shalom", "HaDarom", "IL", 1),
    ("al-Hol camp", [], "Al-Hol Camp", "Al-Hasakeh", "SY", 1),
    ("Tower 22", [], "Tower 22", "Mafraq", "JO", 1),
    ("Dahiyeh", ["LB"], "Beirut - Dahiyeh", "Mount Lebanon", "LB", 1),
    ("Beirut's southern suburbs", ["LB"], "Beirut - Dahiyeh", "Mount Lebanon", "LB", 1),
    ("Euphrates", ["SY"], "Deir ez Zor", "Deir ez Zor", "SY", 3),
    ("north of the Litani River", ["LB"], "Litani River", "South", "LB", 3),
    ("Grand Serail", ["LB"], "Beirut", "Beirut", "LB", 1),
    ("Beirut", [], "Beirut", "Beirut", "LB", 1),
    ("Cairo", [], "Cairo", "Cairo", "EG", 1),
    ("Baghdad International Airport", ["IQ"], "Baghdad International Airport", "Baghdad", "IQ", 1),
    ("Ain al-Asad", [], "Ain al Asad", "Anbar", "IQ", 1),
    ("Deir al-Zour", [], "Deir ez Zor", "Deir ez Zor", "SY", 1),
    ("Falluja", [], "Al Fallujah", "Anbar", "IQ", 1),
    ("Irbil", [], "Erbil", "Erbil", "IQ", 1),
    ("Hama", [], "Hama", "Hama", "SY", 1),
    ("Idlib province", [], "Idleb", "Idleb", "SY", 3),
    ("Khan Younis", [], "Khan Yunis", "Gaza Strip", "PS", 1),
    ("Sidon", ["LB"], "Sidon", "South", "LB", 1),
]


@pytest.mark.parametrize(("text", "countries", "name", "admin1", "country", "precision"), CASES)
def test_resolve(
    gazetteer: Gazetteer,
    text: str,
    countries: list[str],
    name: str,
    admin1: str,
    country: str,
    precision: int,
) -> None:
    place = gazetteer.resolve(text, context_countries=countries)
    assert place.text == text
    assert (place.name, place.admin1, place.country, place.geo_precision) == (
        name,
        admin1,
        country,
        precision,
    )
    assert place.resolved
    assert place.latitude is not None and place.longitude is not None


def test_seed_baghdad_within_25_km(gazetteer: Gazetteer) -> None:
    place = gazetteer.resolve("eastern Baghdad", context_countries=["IQ"])
    assert place.latitude is not None and place.longitude is not None
    assert km(place.latitude, place.longitude, 33.34, 44.40) < 25


def test_seed_qudsaya_near_reference_point(gazetteer: Gazetteer) -> None:
    place = gazetteer.resolve("Qudsaya", context_countries=["SY"])
    assert place.latitude is not None and place.longitude is not None
    assert km(place.latitude, place.longitude, 33.53, 36.23) < 5


@pytest.mark.parametrize("text", ["Iraq", "Lebanon", "Syria", "the United States", "Jordan"])
def test_country_only_is_never_a_point(gazetteer: Gazetteer, text: str) -> None:
    place = gazetteer.resolve(text)
    assert place.country is not None
    assert place.latitude is None and place.longitude is None
    assert place.geo_precision is None
    assert not place.resolved


@pytest.mark.parametrize("text", ["Xyzzyville", "South", "the south", "TT"])
def test_unknown_place_is_kept_unresolved(gazetteer: Gazetteer, text: str) -> None:
    place = gazetteer.resolve(text, context_countries=["LB"])
    assert place.text == text
    assert not place.resolved and place.latitude is None


def test_context_places_pick_homonym_country(gazetteer: Gazetteer) -> None:
    countries = gazetteer.resolve_article_countries(["Beirut", "Sidon", "Tyre", "Tripoli"])
    assert countries[0] == "LB"
    place = gazetteer.resolve("Tripoli", context_countries=countries)
    assert place.country == "LB"


def test_countries_in_text_counts_names_and_demonyms(gazetteer: Gazetteer) -> None:
    text = "Iraqi police said the strike in Baghdad angered Iraq's government; a Syrian official spoke."
    assert gazetteer.countries_in_text(text)[:2] == ["IQ", "SY"]


def test_lookup_returns_all_homonyms(gazetteer: Gazetteer) -> None:
    countries = {place.country for place in gazetteer.lookup("Tripoli")}
    assert {"LB", "LY"} <= countries


def test_country_name_is_filled(gazetteer: Gazetteer) -> None:
    place = gazetteer.resolve("Homs", context_countries=["SY"])
    assert place.country_name == "Syria"
    assert gazetteer.resolve("Gaza City").country_name == "Palestine"


def test_curated_places_are_consistent(gazetteer: Gazetteer, cache_dir: Path) -> None:
    """Every curated row uses a known admin1 name and lies within 100 km of a town of its country."""
    index = gazetteer_build.load_index(cache_dir)
    admin1 = {(p.country, p.name) for p in index.places if p.kind == "admin1"}
    towns: dict[str, list[tuple[float, float]]] = {}
    for p in index.places:
        if p.kind == "city" and p.latitude is not None and p.longitude is not None:
            towns.setdefault(p.country, []).append((p.latitude, p.longitude))
    curated = [p for p in index.places if p.curated]
    assert len(curated) >= 60
    for place in curated:
        if place.kind in {*WATER_KINDS, "continent"}:
            # Seas, gulfs and straits, and regions wider than a country, lie in no country and no province.
            assert not place.country and place.admin1 is None, place.name
            continue
        assert (place.country, place.admin1) in admin1, f"{place.name}: admin1 {place.admin1!r} unknown"
        assert place.latitude is not None and place.longitude is not None
        lat, lon = place.latitude, place.longitude
        nearest = min(km(lat, lon, t_lat, t_lon) for t_lat, t_lon in towns[place.country])
        assert nearest < 100, f"{place.name}: {nearest:.0f} km from any town of {place.country}"


@pytest.mark.parametrize(
    "text", ["Red Sea", "the Red Sea", "southern Red Sea", "Gulf of Aden", "Bab el-Mandeb"]
)
def test_a_sea_lies_in_no_country(gazetteer: Gazetteer, text: str) -> None:
    """A sea, gulf or strait is resolved but in no country: not Egypt's Red Sea governorate, even in an
    article that names Egypt, and not a shore state."""
    place = gazetteer.resolve(text, context_countries=["EG", "YE"])
    assert place.resolved
    assert place.country is None and place.admin1 is None
    assert place.geo_precision == 3


def test_a_governorate_named_after_a_sea_stays_the_governorate(gazetteer: Gazetteer) -> None:
    place = gazetteer.resolve("Red Sea governorate", context_countries=["EG"])
    assert place.country == "EG"


def test_a_sea_weighs_no_country_of_the_article(gazetteer: Gazetteer) -> None:
    assert gazetteer.weigh_article_countries(["Red Sea", "Hodeidah"]) == [("YE", 2.0)]


def test_a_loose_match_outside_the_article_country_is_refused(gazetteer: Gazetteer) -> None:
    """A spelling-tolerant match is a guess: a Saudi "Shaqra" does not stand for an unknown Yemeni town."""
    place = gazetteer.resolve("Shuqra", context_countries=["YE"], context_places=["Abyan"])
    assert place.country in (None, "YE")
    assert not place.resolved or place.admin1 == "Abyan"


def test_a_loose_match_in_the_article_country_is_kept(gazetteer: Gazetteer) -> None:
    exact = gazetteer.resolve("Mayadin", context_countries=["SY"])
    assert exact.resolved
    loose = gazetteer.resolve("Mayadeen", context_countries=["SY"])
    assert loose.name == exact.name


@pytest.mark.parametrize(
    "text", ["eastern Aleppo countryside", "rural Aleppo", "the eastern countryside of Aleppo"]
)
def test_a_part_of_a_countryside_is_a_region(gazetteer: Gazetteer, text: str) -> None:
    """ "eastern Aleppo countryside" is the province around the city, not a part of the city."""
    place = gazetteer.resolve(text, context_countries=["SY"])
    assert place.admin1 == "Aleppo"
    assert place.geo_precision == 3


@pytest.mark.parametrize(
    ("text", "country", "point"),
    [
        ("Oradour-sur-Glane", "FR", (45.93, 1.03)),  # a village of about 2,000 people
        ("Srebrenica", "BA", (44.11, 19.30)),  # a town below 15,000
        ("Kostiantynivka", "UA", (48.53, 37.71)),  # GeoNames' own name is "Kostyantynivka"
    ],
)
def test_a_small_town_or_other_spelling_is_found_in_the_article_country(
    gazetteer: Gazetteer, text: str, country: str, point: tuple[float, float]
) -> None:
    ref = gazetteer.resolve(text, context_countries=[country])
    assert ref.country == country
    assert ref.latitude is not None and ref.longitude is not None
    assert km(ref.latitude, ref.longitude, *point) < 25
    assert ref.clue and ref.clue.startswith("small town or other spelling")


@pytest.mark.parametrize("countries", [[], ["IQ"], ["RU"]])
def test_a_small_town_abroad_is_never_guessed(gazetteer: Gazetteer, countries: list[str]) -> None:
    # Outside the article's countries a name of the minor tier places nothing.
    assert gazetteer.resolve("Oradour-sur-Glane", context_countries=countries).country is None
    assert gazetteer.resolve("Kostiantynivka", context_countries=countries).country is None


def test_minor_countries_widen_only_the_minor_tier(gazetteer: Gazetteer) -> None:
    ref = gazetteer.resolve("Srebrenica", context_countries=["RS"], minor_countries=["RS", "BA"])
    assert ref.country == "BA"
    assert gazetteer.resolve("Baghdad", context_countries=[], minor_countries=["US"]).country == "IQ"


def test_the_minor_tier_is_cached_apart_and_read_on_first_need(cache_dir: Path, gazetteer: Gazetteer) -> None:
    assert len(list(cache_dir.glob("minor-*.bin"))) == 1
    index = gazetteer_build.load_index(cache_dir)
    assert index.minor is None and index.minor_path is not None
    minor = index.minor_towns()
    assert isinstance(minor, MappedMinorTowns) and len(minor) > 100_000
    assert index.minor_matches("Oradour-sur-Glane", ["FR"])


def test_the_mapped_minor_tier_gives_the_places_of_the_built_one(tmp_path: Path) -> None:
    # Invented towns: two share a name, one has no admin codes, one is written in another script.
    rows = [
        ("Lower Fenwick", "GB", "ENG", "J9", 52.1, -1.25, 640, 11),
        ("Fenwick Cross", "GB", "ENG", None, 52.125, -1.5, 90, 12),
        ("Velka Luka", "CZ", None, None, 49.5, 15.0, 1200, 0),
        ("Село Тихе", "UA", "14", "1412", 48.0, 37.0, 300, 14),
    ]
    keys = {"lower fenwick": [0, 1], "fenwick cross": [1], "velka luka": [2], "selo tykhe": [3]}
    built = MinorTowns(rows=rows, keys=keys)
    path = tmp_path / "minor.bin"
    with path.open("wb") as fp:
        write_minor(built, fp)
    mapped = MappedMinorTowns(path)
    assert len(mapped) == 4
    for text in ("Lower Fenwick", "Fenwick Cross", "Velka Luka", "Selo Tykhe", "Fenwick", "Zzz", "", "A"):
        assert mapped.matches(text) == built.matches(text)
    assert [p.admin2 for p in mapped.matches("Lower Fenwick")] == ["J9", None]
    assert mapped.matches("Velka Luka")[0].geonameid is None


def test_an_unreadable_minor_tier_leaves_small_towns_unknown(tmp_path: Path) -> None:
    path = tmp_path / "minor.bin"
    path.write_bytes(b"not a minor tier")
    index = Index()
    index.minor_path = path
    assert index.minor_towns() is None
    assert index.minor_matches("Lower Fenwick", ["GB"]) == []
