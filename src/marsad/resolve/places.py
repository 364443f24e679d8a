"""Toponym resolution: a place text and its article's context -> :class:`PlaceRef`.

"eastern Baghdad" -> Baghdad (geo_precision 1), "near Homs" -> Homs (2),
"Damascus countryside" -> Rif Dimashq (3), "Iraq" -> country only (no point).
The index covers the world (``gazetteer_build``); MENA entries still win close calls.
Homonyms ("Tripoli": Lebanon or Libya) are decided by the countries the
article names, then by population; curated places beat package data.
Seas, gulfs and straits ("the Red Sea") lie in no country. A spelling-tolerant
match is a guess: it must lie in one of the article's countries and, for a
town, in a province the article names.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from marsad.records import PlaceRef
from marsad.resolve.gazetteer_build import load_index, read_data_tsv
from marsad.resolve.gazetteer_index import MENA, Index, Place
from marsad.resolve.gazetteer_names import Qualified, container, name_key, split_qualifiers

log = logging.getLogger(__name__)

__all__ = ["Gazetteer", "Place", "load_gazetteer"]

# The Levant, Iraq, Egypt, Yemen, Iran and Saudi Arabia: marsad's core area wins ties within MENA.
_CORE = frozenset({"IQ", "SY", "LB", "PS", "IL", "JO", "EG", "YE", "IR", "SA"})
_BARE_DIRECTIONS = frozenset(
    {"north", "south", "east", "west", "center", "centre", "central", "middle", "the south"}
)
_ADMIN_KINDS = frozenset({"admin1", "admin2"})
_NEVER_SCENES = frozenset({"continent"})  # too wide to be where an event happened
_WIDE_KINDS = frozenset({"country", "continent"})  # placed at a centre only when read as a toponym
_NAMED_AREAS = frozenset({"admin1", "admin2", "region"})
# Seas, gulfs and straits lie in no country (their country is empty): a report placed at sea is
# neither in Egypt's Red Sea governorate nor in any shore state.
WATER_KINDS = frozenset({"sea", "gulf", "strait"})
_REGION_KINDS = frozenset({"admin1", "admin2", "region", "river", "country", "continent"}) | WATER_KINDS
_METROPOLIS = 1_000_000
_WELL_KNOWN = 100_000
_RIVAL_SHARE = 10  # a namesake outside MENA counts as a rival when at least a tenth of the largest
_SAME_PLACE_KM = 25.0  # two entries this close (a town and its province) are one reading, not rivals
_NEAR_TOWN_KM = 50.0  # a quarter or suburb "of" a town lies within this distance of it
_MEMO_SIZE = 100_000  # phrases remembered by the country look-up before it starts afresh
_CAPITALISED_RUN = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:of\s+|al-|el-)?[A-Z][\w'’-]*)*")


class Gazetteer:
    """Look-ups and context-aware resolution over a built :class:`Index`."""

    def __init__(self, index: Index) -> None:
        self._index = index
        self._country_codes: dict[str, str | None] = {}  # phrase -> country; articles repeat their words
        # (place text, context countries) -> its admin1 read alone: every name of an article is read
        # against all the others, so the same pairs come back for each of them.
        self._admin1_memo: dict[tuple[str, tuple[str, ...]], tuple[str, str] | None] = {}
        # Territory -> (the country ACLED codes it under, its admin1 name there): data/place_territories.tsv
        self._territories = {
            row["iso2"]: (row["under"], row["admin1"]) for row in read_data_tsv("place_territories.tsv")
        }

    def lookup(self, text: str) -> list[Place]:
        """Every candidate for ``text`` under any reading (exact keys first, then loose keys)."""
        found: list[Place] = []
        for reading in split_qualifiers(text):
            found.extend(p for p in self._index.exact_matches(reading.core) if p not in found)
        if not found:
            for reading in split_qualifiers(text):
                found.extend(p for p in self._index.loose_matches(reading.core) if p not in found)
        return found

    def resolve(
        self,
        text: str,
        *,
        context_countries: Sequence[str] = (),
        context_places: Sequence[str] = (),
        toponym: bool = False,
        keep: Callable[[Place], bool] | None = None,
        strict: bool = False,
        minor_countries: Sequence[str] | None = None,
    ) -> PlaceRef:
        """The best reading of ``text`` given the article's countries and other place names.

        An event's place (the default) is never a continent, and a country is never a point. A
        ``toponym`` is any place name read for geoparsing: continents count, and a country or a
        continent is placed at its centre. ``keep`` says which entries the text elsewhere allows
        ("Midland, Michigan": only a Midland in Michigan): the others yield to them, and when none is
        allowed the name stays unplaced if ``strict`` ("Badhan in the Sanaag region": no Badhan abroad).
        A name the main index lacks may be a small town or another spelling of a town in one of
        ``minor_countries`` (by default ``context_countries``): every country the article names, where
        ``context_countries`` may hold only those strong enough to lend their namesakes. A spelling-tolerant
        match must lie in one of them too: a story on Sudan takes no Saudi town by a near spelling.
        """
        if name_key(text) in _BARE_DIRECTIONS:
            return PlaceRef(text=text)  # "South" alone names no place
        context_admin1 = self._context_admin1(context_places, context_countries)
        holder = self._container(text, context_countries)
        named = context_countries if minor_countries is None else minor_countries  # every country named

        def minor_matches(core: str) -> list[Place]:
            return self._index.minor_matches(core, named)

        # Own and alternate names of the index; then small towns and other spellings of towns in the
        # article's countries ("Zvanivka" in a story on Ukraine); then spelling-tolerant keys.
        for matcher in (self._index.exact_matches, minor_matches, self._index.loose_matches):
            for reading in split_qualifiers(text):
                candidates = matcher(reading.core)
                if not toponym and any(p.kind in _NEVER_SCENES for p in candidates):
                    return PlaceRef(text=text)  # "Africa": the continent, never Mahdia, once called so
                guess = matcher == self._index.loose_matches
                if guess:  # a spelling guess lies in a country the article names at all, strong or not
                    candidates = _plausible_loose(candidates, named, context_admin1)
                allowed = [p for p in candidates if keep(p)] if keep is not None else []
                if keep is not None and candidates and not allowed and (strict or guess):
                    # The text puts it elsewhere: no namesake abroad, nor a near spelling of one.
                    return PlaceRef(text=text)
                # Where the text says where, a district there counts too.
                candidates = allowed or _plausible_districts(candidates, context_countries)
                if matcher == self._index.exact_matches:
                    candidates = _not_eclipsed(candidates, self._index.primary_matches(reading.core))
                inside = [p for p in candidates if _inside(p, holder)] if holder is not None else candidates
                if inside:
                    towns = frozenset(f"{p.country}/{p.admin1}" for p in inside if p.kind == "city")
                    scored = sorted(
                        inside,
                        key=lambda p: _score(p, reading, context_countries, context_admin1, towns),
                        reverse=True,
                    )
                    scored = _country_before_namesake_town(scored, reading, holder)
                    best = _city_state(scored[0], inside, reading)
                    clue = _clue(scored, reading, context_countries, context_admin1, towns)
                    if holder is not None and len(inside) < len(candidates):
                        clue = "containment"
                    if allowed:
                        clue = "containment in the text"
                    if guess:
                        clue = f"spelling variant; {clue}"
                    elif matcher is minor_matches:
                        clue = f"small town or other spelling in the article's country; {clue}"
                    ref = self._place_ref(text, best, reading.hint, area_point=toponym)
                    return dataclasses.replace(ref, clue=clue) if ref.country or ref.resolved else ref
        log.debug("no gazetteer entry for %r", text)
        return PlaceRef(text=text)

    def _container(self, text: str, countries: Sequence[str]) -> Place | None:
        """The best entry for the place the text says holds the named one ("X of Y", "X, Y", "X in Y")."""
        outer = container(text)
        if outer is None:
            return None
        candidates = [
            p for reading in split_qualifiers(outer) for p in self._index.exact_matches(reading.core)
        ]
        if not candidates:
            return None
        # A container is an area: "in Anbar" is the province, not a village called Anbar.
        return max(candidates, key=lambda p: _score(p, Qualified(outer, "region"), countries, set()))

    def best(
        self, text: str, context_countries: Sequence[str] = (), *, loose: bool = True
    ) -> tuple[Place, str] | None:
        """The best gazetteer entry for ``text`` and the qualifier hint of its reading, or None.

        ``loose=False`` skips spelling-tolerant keys: for words that may not be place names at all.
        """
        if self._country_code(text):
            return None  # a country or a demonym ("Palestinian"), never a town
        matchers = (
            (self._index.exact_matches, self._index.loose_matches) if loose else (self._index.exact_matches,)
        )
        for matcher in matchers:
            for reading in split_qualifiers(text):
                candidates = matcher(reading.core)
                if candidates:
                    best = max(candidates, key=lambda p: _score(p, reading, context_countries, set()))
                    return best, reading.hint
        return None

    def place_ref(self, text: str, place: Place, hint: str = "") -> PlaceRef:
        """The :class:`PlaceRef` of ``place`` as named by ``text``."""
        return self._place_ref(text, place, hint)

    def is_well_known(self, text: str) -> bool:
        """Whether ``text`` is the own name of a country, a continent, a division or a town of 100,000
        or more: a name sure enough to be a place even where the tagger read a person or a group."""
        return any(
            p.kind in _WIDE_KINDS | _ADMIN_KINDS or p.population >= _WELL_KNOWN
            for p in self._index.primary_matches(text)
        )

    def never_a_place(self, text: str) -> bool:
        """Whether ``text`` is listed in data/not_places.tsv: a seat of government standing for the
        government ("the Kremlin", "Downing Street"), a people or faith ("Kurdish")."""
        return any(name_key(reading.core) in self._index.not_places for reading in split_qualifiers(text)[:2])

    def as_coded(self, ref: PlaceRef) -> PlaceRef:
        """An event place as ACLED codes it: a place in a territory coded under another country (Hong
        Kong, Macau) is in that country, with the territory as its admin1; other places are unchanged."""
        coded = self._territories.get(ref.country or "")
        if coded is None:
            return ref
        under, admin1 = coded
        return dataclasses.replace(
            ref,
            country=under,
            country_name=self.country_name(under),
            admin1=admin1,
            admin2=ref.admin2 or (ref.admin1 if ref.admin1 != admin1 else None),
        )

    def country_ref(self, code: str, clue: str) -> PlaceRef:
        """The place standing for a country as a whole: its city for a city state (Hong Kong,
        Singapore), a point; else the country alone, never a point."""
        name = self.country_name(code)
        if name:
            city = self.resolve(name)
            if city.country == code and city.latitude is not None and city.geo_precision == 1:
                return dataclasses.replace(city, clue=clue)
        return PlaceRef(text=name or code, country=code, country_name=name, clue=clue)

    def same_admin1(self, one: str, other: str, country: str | None = None) -> bool:
        """Whether two names denote one first-level division by the gazetteer: ``one`` names (by its own
        name, an alternate or a loose spelling) a division whose output name is ``other`` ("Taiz" and
        "Taizz", "Flanders" and "Flemish"), or ``one`` is the seat of a city region named ``other``
        ("N'Djamena" and "Ville de Ndjamena"). ``country`` (ISO alpha-2), when given, must agree."""
        wanted = name_key(other)
        if not wanted:
            return False
        for place in self.lookup(one):
            if (country and place.country != country) or not place.admin1 or name_key(place.admin1) != wanted:
                continue
            if place.kind == "admin1":
                return True
            if place.kind == "city" and name_key(place.name) in wanted.split():
                return True
        return False

    def is_own_name(self, text: str) -> bool:
        """Whether ``text`` is some place's own name or code ("NSW"), not only an alternate name."""
        return bool(self._index.primary_matches(text) or self._index.code_matches(text))

    def is_homonym(self, text: str) -> bool:
        """Whether ``text`` names places in more than one country ("Tripoli", "Rafah").

        A small namesake far from the region does not count: Damascus, Maryland leaves Damascus one city.
        """
        places = [p for p in self.lookup(text) if p.kind != "country" and p.country]
        largest = max((p.population for p in places), default=0)
        rivals = [p for p in places if p.country in MENA or p.population * _RIVAL_SHARE >= largest]
        return len({p.country for p in rivals}) > 1

    def country_terms(self, text: str) -> list[tuple[str, bool]]:
        """(country, is_demonym) for every country name or demonym in running text ("Iraqi police")."""
        found: list[tuple[str, bool]] = []
        for match in _CAPITALISED_RUN.finditer(text):
            words = match.group().split()
            for size in range(min(len(words), 4), 0, -1):
                for start in range(len(words) - size + 1):
                    phrase = " ".join(words[start : start + size])
                    code = self._country_code(phrase)
                    if code:
                        key = name_key(re.sub(r"['’]s$", "", phrase))
                        found.append((code, key in self._index.demonyms))
        return found

    def resolve_article_countries(self, place_texts: Iterable[str], text: str = "") -> list[str]:
        """Countries an article is about, most relevant first, from its place names and its text."""
        return [code for code, _ in self.weigh_article_countries(place_texts, text)]

    def weigh_article_countries(self, place_texts: Iterable[str], text: str = "") -> list[tuple[str, float]]:
        """(country, weight) pairs, heaviest first: places count 2 (a homonym 0.5), names and demonyms 1."""
        weights = self._place_weights(place_texts)
        for code, count in self._text_counts(text).items():
            weights[code] += count
        for code in weights:
            if code not in MENA:
                weights[code] *= 0.5  # outside powers are named often but rarely the scene
        return sorted(weights.items(), key=lambda item: (-item[1], item[0]))

    def countries_in_text(self, text: str) -> list[str]:
        """Countries named in running text by name or demonym ("Iraqi police" -> IQ), most frequent first."""
        counts = self._text_counts(text)
        return [code for code, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]

    def _place_weights(self, place_texts: Iterable[str]) -> defaultdict[str, float]:
        weights: defaultdict[str, float] = defaultdict(float)
        for text in place_texts:
            candidates = self.lookup(text)
            if candidates and not max(candidates, key=_prior).country:
                continue  # a sea or a gulf: the scene of no country
            countries = {p.country for p in candidates if p.country}
            if any(p.kind == "country" for p in candidates[:1]):
                weights[candidates[0].country] += 2
            elif len(countries) == 1:
                weights[countries.pop()] += 2
            elif candidates:
                weights[max(candidates, key=_prior).country] += 0.5  # a homonym says little
        return weights

    def _text_counts(self, text: str) -> Counter[str]:
        counts: Counter[str] = Counter()
        for match in _CAPITALISED_RUN.finditer(text):
            words = match.group().split()
            for size in range(min(len(words), 4), 0, -1):
                for start in range(len(words) - size + 1):
                    code = self._country_code(" ".join(words[start : start + size]))
                    if code:
                        counts[code] += 1
        return counts

    def country_name(self, code: str) -> str | None:
        return self._index.country_names.get(code)

    def _country_code(self, phrase: str) -> str | None:
        if phrase not in self._country_codes:
            if len(self._country_codes) > _MEMO_SIZE:
                self._country_codes.clear()
            self._country_codes[phrase] = self._read_country_code(phrase)
        return self._country_codes[phrase]

    def _read_country_code(self, phrase: str) -> str | None:
        phrase = re.sub(r"['’]s$", "", phrase)  # "Iraq's"
        key = name_key(phrase)
        if key in self._index.demonyms:
            return self._index.demonyms[key]
        for place in self._index.exact_matches(phrase):
            if place.kind == "country":
                return place.country
        return None

    def _context_admin1(self, places: Sequence[str], countries: Sequence[str]) -> set[tuple[str, str]]:
        """(country, admin1) of the other places, each read on its own, to favour nearby homonyms."""
        found: set[tuple[str, str]] = set()
        key = tuple(countries)
        for text in places:
            if (text, key) not in self._admin1_memo:
                if len(self._admin1_memo) >= _MEMO_SIZE:
                    self._admin1_memo.clear()
                self._admin1_memo[text, key] = self._admin1_alone(text, countries)
            admin1 = self._admin1_memo[text, key]
            if admin1 is not None:
                found.add(admin1)
        return found

    def _admin1_alone(self, text: str, countries: Sequence[str]) -> tuple[str, str] | None:
        """(country, admin1) of the best reading of ``text`` on its own, if it has an admin1."""
        for reading in split_qualifiers(text)[:1]:
            candidates = self._index.exact_matches(reading.core)
            if candidates:
                best = max(candidates, key=lambda p: _score(p, reading, countries, set()))
                if best.admin1:
                    return best.country, best.admin1
        return None

    def _place_ref(self, text: str, place: Place, hint: str, *, area_point: bool = False) -> PlaceRef:
        country_name = self.country_name(place.country) if place.country else None
        if not area_point and (place.kind in _WIDE_KINDS or place.latitude is None):
            # Country only: never a point that looks exact.
            return PlaceRef(text=text, country=place.country or None, country_name=country_name)
        latitude, longitude = (place.latitude, place.longitude)
        if area_point and place.centre is not None:
            latitude, longitude = place.centre
        return PlaceRef(
            text=text,
            # A division or region is named as such ("Rif Dimashq"); its point is its main town.
            name=place.name if place.kind in _NAMED_AREAS | _WIDE_KINDS else place.location,
            admin1=place.admin1,
            admin2=place.admin2,
            country=place.country or None,  # empty for a sea
            country_name=country_name,
            latitude=latitude,
            longitude=longitude,
            geo_precision=_precision(place, hint),
            geonameid=place.geonameid,
            resolved=True,
        )


def _country_before_namesake_town(
    scored: list[Place], reading: Qualified, holder: Place | None
) -> list[Place]:
    """A country's own name names the country, not a town or district that bears it ("China" beside
    Mexico is not China, Nuevo Leon), unless the text puts the town somewhere ("China, Texas"). A
    province may still beat it: "Georgia" beside "Atlanta" is the state."""
    if holder is not None or scored[0].kind not in ("city", "admin2"):
        return scored
    key = name_key(reading.core)
    country = next((p for p in scored if p.kind == "country" and name_key(p.name) == key), None)
    return scored if country is None else [country, *(p for p in scored if p is not country)]


def _city_state(best: Place, candidates: Sequence[Place], reading: Qualified) -> Place:
    """A country that is one city ("Hong Kong", "Singapore") is placed at that city, with a point."""
    if best.kind != "country":
        return best
    cities = [
        p
        for p in candidates
        if p.kind == "city"
        and p.country == best.country
        and p.population >= _METROPOLIS
        and name_key(p.name) == name_key(reading.core)
    ]
    return max(cities, key=lambda p: p.population) if cities else best


def _inside(place: Place, holder: Place) -> bool:
    """Whether ``place`` may lie within ``holder``: in its country, and near it when it is a town (a
    neighbourhood "of Damascus" may lie over the governorate line, in the Damascus countryside)."""
    if place == holder or not holder.country:
        return True
    if place.country != holder.country:
        return False
    if holder.kind != "city" or None in (place.latitude, place.longitude, holder.latitude, holder.longitude):
        return True
    return _km(place, holder) <= _NEAR_TOWN_KM


def _km(one: Place, other: Place) -> float:
    lat1, lon1 = math.radians(one.latitude or 0.0), math.radians(one.longitude or 0.0)
    lat2, lon2 = math.radians(other.latitude or 0.0), math.radians(other.longitude or 0.0)
    a = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def _not_eclipsed(candidates: list[Place], primary: Sequence[Place]) -> list[Place]:
    """Candidates without the ones named so only by an alternate name while a place ten times larger,
    and well known, bears it as its own: "Baghdad" is the capital, not an Iranian village once called
    so, whichever countries the article names."""
    largest = max((p.population for p in primary), default=0)
    if largest < _WELL_KNOWN:
        return candidates
    return [p for p in candidates if p in primary or p.curated or p.population * _RIVAL_SHARE >= largest]


def _plausible_loose(
    candidates: list[Place], countries: Sequence[str], context_admin1: set[tuple[str, str]]
) -> list[Place]:
    """Spelling-tolerant matches the article supports. A loose key ("Shuqra" ~ "Shaqra") is a guess:
    it must lie in one of the article's countries, and a town must lie in a province the article
    names when it names any of that country. With no known country every candidate stays."""
    if not countries:
        return candidates
    return [p for p in candidates if p.country in countries and _in_named_province(p, context_admin1)]


def _plausible_districts(candidates: list[Place], countries: Sequence[str]) -> list[Place]:
    """A district or county outside the region (admin2) counts only in a country the article is about:
    the world holds tens of thousands of them, and "Victoria Park" in Hong Kong is no Australian one."""
    return [p for p in candidates if p.kind != "admin2" or p.country in MENA or p.country in countries]


def _in_named_province(place: Place, context_admin1: set[tuple[str, str]]) -> bool:
    provinces = {admin1 for country, admin1 in context_admin1 if country == place.country}
    return place.kind != "city" or not provinces or place.admin1 in provinces


def _prior(place: Place) -> float:
    """Context-free plausibility: curated and MENA entries first, then population."""
    return sum(_prior_parts(place).values())


def _prior_parts(place: Place) -> dict[str, float]:
    # Curated entries were added because news uses them that way ("Gaza" = the Strip).
    # A city of millions, or a capital, is what a bare name means anywhere: "Kabul" is Afghanistan's
    # capital, not the Galilee village of that name; "Washington" is the city, not the state.
    metropolis = (place.population >= _METROPOLIS or place.capital) and place.country not in MENA
    return {
        "curated place": 40.0 if place.curated else 0.0,
        "region of interest": (10.0 if place.country in MENA else 0.0)
        + (5.0 if place.country in _CORE else 0.0),
        "population": (12.0 if metropolis else 0.0) + 4.0 * math.log10(place.population + 1),
    }


def _score(
    place: Place,
    reading: Qualified,
    countries: Sequence[str],
    context_admin1: set[tuple[str, str]],
    towns: frozenset[str] | None = None,
) -> float:
    return sum(_score_parts(place, reading, countries, context_admin1, towns).values())


def _score_parts(
    place: Place,
    reading: Qualified,
    countries: Sequence[str],
    context_admin1: set[tuple[str, str]],
    towns: frozenset[str] | None = None,
) -> dict[str, float]:
    """The evidence for ``place`` as the reading of ``reading``, by clue (see :func:`_clue`).

    ``towns`` are the "country/admin1" of every town bearing the name, when known: a division yields
    to a namesake town within it ("Homs" is the city), not to one elsewhere ("Georgia" beside
    "Atlanta" is the state, not the country; "Oregon" is not Oregon, Ohio)."""
    parts = _prior_parts(place)
    same_article = 0.0
    if place.country in countries:
        same_article += 30.0 - 2.0 * min(list(countries).index(place.country), 5)
    if (place.country, place.admin1 or "") in context_admin1:
        same_article += 5.0
    parts["same article"] = same_article
    parts["own name"] = 3.0 if name_key(place.name) == name_key(reading.core) else 0.0  # not an alternate
    feature = 0.0
    if place.kind in WATER_KINDS and reading.hint != "region":
        # A sea is in no country, so it gets the bonus of a country in context: "the Red Sea" is the
        # sea, not Egypt's Red Sea governorate, unless the text says "governorate".
        feature += 30.0
    if place.kind in _WIDE_KINDS:
        feature += 40.0  # "Jordan", "Lebanon": the country, not a village of that name
    elif place.kind in _ADMIN_KINDS and reading.hint == "region":
        feature += 20.0
    elif place.kind in _ADMIN_KINDS and (towns is None or f"{place.country}/{place.admin1}" in towns):
        feature -= 15.0  # "Homs" is the city unless the text says "province"/"countryside"
    parts["feature class"] = feature
    return parts


def _clue(
    ranked: Sequence[Place],
    reading: Qualified,
    countries: Sequence[str],
    context_admin1: set[tuple[str, str]],
    towns: frozenset[str] | None = None,
) -> str:
    """What set the best candidate (``ranked[0]``) above the first rival elsewhere: the part of the score
    that differs most between them ("same article", "population", "feature class", ...)."""
    best = ranked[0]
    rival = next((p for p in ranked[1:] if p.country != best.country or _km(p, best) > _SAME_PLACE_KM), None)
    if rival is None:
        return "only candidate"
    ours = _score_parts(best, reading, countries, context_admin1, towns)
    theirs = _score_parts(rival, reading, countries, context_admin1, towns)
    return max(ours, key=lambda part: ours[part] - theirs[part])


def _precision(place: Place, hint: str) -> int:
    own = place.precision or 3
    if place.kind in _REGION_KINDS or hint == "region":
        return 3
    if hint in {"near", "crossing"}:
        return max(own, 2)
    return own


@functools.cache
def _load(cache_dir: Path | None) -> Gazetteer:
    return Gazetteer(load_index(cache_dir))


def load_gazetteer(cache_dir: Path | None = None) -> Gazetteer:
    """The gazetteer, built on first use and cached on disk (``gazetteer_build.cache_dir``)."""
    return _load(cache_dir)
