"""Name keys for the gazetteer: one spelling-tolerant key per place name.

News transliterates Arabic names many ways ("Qudsaya", "Qudsayya", "Qadsayyā";
"al-Bureij", "Bureij", "El Bureij"). Two keys absorb most of that:

* :func:`name_key` strips diacritics, case, punctuation and the Arabic article
  (al-/el-/ash-/ad-/...), and collapses doubled letters.
* :func:`loose_key` also drops inner vowels and merges letters that
  transliterations swap (q/k, ou/u, e/a), for a second, riskier look-up that
  only MENA places are indexed under.

:func:`split_qualifiers` peels the words around a name that change what the
name means for ACLED ("near Homs", "eastern Baghdad", "Latakia countryside").
"""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata

# Arabic definite article as transliterated; "al" must be followed by a
# separator so that "Alexandria" or "Aleppo" keep their first letters.
_ARTICLE = re.compile(r"\b(?:al|el|ul|ash|as|ad|adh|an|ar|at|ath|az|ed|es|et|er|ez|en)[\s-]+(?=\w)")
_APOSTROPHES = re.compile(r"[\u2018\u2019\u02bb\u02bc\u02be\u02bf\u2032'`´ʿʾ‘’]")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_DOUBLED = re.compile(r"(.)\1+")
_SPECIAL = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ß": "ss", "æ": "ae", "œ": "oe"})


def fold(text: str) -> str:
    """ASCII-fold: strip diacritics and typographic apostrophes, keep case."""
    text = _APOSTROPHES.sub("", text.translate(_SPECIAL))
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=65536)  # a pure function of the text; place names repeat across articles
def name_key(text: str) -> str:
    """The exact look-up key of a name: folded, lower case, no article, no doubled letters."""
    text = fold(text).lower()
    text = _ARTICLE.sub("", text)
    text = _NON_WORD.sub(" ", text).strip()
    return _DOUBLED.sub(r"\1", text)


_LOOSE_SWAPS = (("ou", "u"), ("oo", "u"), ("ee", "i"), ("dh", "d"), ("th", "t"), ("kh", "k"), ("q", "k"))
_INNER_VOWELS = re.compile(r"(?<=[a-z])[aeiouy]+")


def loose_key(text: str) -> str:
    """A coarser key: :func:`name_key` with inner vowels dropped and common swaps merged."""
    key = name_key(text)
    for old, new in _LOOSE_SWAPS:
        key = key.replace(old, new)
    key = key.replace("-", " ")
    key = _INNER_VOWELS.sub("", key)
    key = _DOUBLED.sub(r"\1", key)
    return key.replace(" ", "")


GENERIC_WORDS = frozenset(
    {"governorate", "province", "region", "district", "state", "emirate", "municipality", "wilaya",
     "gouvernorat", "muhafazat", "baladiyat", "qada", "nahiya", "subdistrict", "camp", "crossing",
     "city", "town", "village", "countryside", "river", "airport", "base", "neighborhood", "neighbourhood"}
)  # fmt: skip


def has_generic_word(text: str) -> bool:
    """Whether a name holds a word like "district" or "camp" that loose keys would blur."""
    return not GENERIC_WORDS.isdisjoint(name_key(text).split())


def is_junk_alias(alias: str) -> bool:
    """Alternate names not worth indexing: codes ("BEY"), romanised-without-vowels ("rfh"), non-Latin."""
    stripped = alias.strip()
    if len(stripped) < 3:
        return True
    if stripped.isupper() and len(stripped) <= 4:
        return True  # IATA/ICAO airport codes
    if stripped.islower() and stripped.isascii():
        return True  # GeoNames' automatic romanisations of Arabic script
    folded = fold(stripped)
    return not folded.isascii()


@dataclasses.dataclass(frozen=True, slots=True)
class Qualified:
    """A place text split into the name and what the words around it imply."""

    core: str  # the name to look up
    hint: str = ""  # "", "part", "near", "region", "district", "camp", "crossing"


_DIRECTION = (
    r"(?:north|south|east|west|central|middle|upper|lower)(?:ern)?(?:[\s-](?:north|south|east|west)(?:ern)?)?"
)
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"^(?:the\s+)?(?:outskirts|vicinity|environs|edge|periphery)\s+of\s+(?P<core>.+)$", re.I),
        "near",
    ),
    (re.compile(r"^(?:near|nearby|around|outside|close\s+to|just\s+outside)\s+(?P<core>.+)$", re.I), "near"),
    (
        re.compile(
            rf"^(?:\w+\s+)?(?:kilometres|kilometers|km|miles)?\s*{_DIRECTION}\s+of\s+(?P<core>.+)$", re.I
        ),
        "near",
    ),
    (re.compile(r"^(?:the\s+)?countryside\s+of\s+(?P<core>.+)$", re.I), "region"),
    (re.compile(r"^(?:the\s+)?rural\s+(?P<core>.+)$", re.I), "region"),  # "rural Damascus"
    (re.compile(r"^(?P<core>.+?)(?:'s)?\s+(?:outskirts|suburbs|environs|area|vicinity)$", re.I), "near"),
    (
        re.compile(
            # the words of the divisions of many countries: "Plateau State", "Kabare Territory",
            # "Kherson Oblast", "Bo District" (an admin2, read as a region where it is one)
            r"^(?P<core>.+?)(?:'s)?\s+(?:countryside|province|governorate|region|countrysides|state|territory"
            r"|county|oblast|prefecture|chiefdom|department|raion|municipality)$",
            re.I,
        ),
        "region",
    ),
    (re.compile(r"^(?:the\s+)?(?:province|governorate|region)\s+of\s+(?P<core>.+)$", re.I), "region"),
    # "Wadi al-Dhahab district" is a city district; an admin2 "district" still reads as a region.
    (re.compile(r"^(?:the\s+)?(?P<core>.+?)\s+(?:district|neighbou?rhood|quarter)$", re.I), "district"),
    (re.compile(rf"^(?:the\s+)?{_DIRECTION}\s+(?:part\s+of\s+|parts\s+of\s+)?(?P<core>.+)$", re.I), "part"),
    (re.compile(r"^(?:the\s+)?(?P<core>.+?)\s+(?:refugee\s+camp|camp)$", re.I), "camp"),
    (
        re.compile(r"^(?:the\s+)?(?P<core>.+?)\s+(?:border\s+crossing|crossing|crossing\s+point)$", re.I),
        "crossing",
    ),
    (re.compile(r"^(?:the\s+)?(?P<core>.+?)\s+(?:city|town|village)$", re.I), ""),
    (re.compile(r"^(?:the\s+)?(?P<core>.+?)\s+(?:port|harbou?r)$", re.I), ""),  # "Chabahar Port": the town
)
_DISTRICT_OF = re.compile(
    r"^(?:the\s+)?(?P<part>.+?)\s+(?:neighbou?rhood|district|quarter|area|suburb|camp|refugee\s+camp"
    r"|(?:air\s+)?base|airbase|airport|village|town)\s+"
    r"(?:of|in)\s+(?P<core>.+)$",
    re.I,
)

_WITHIN = re.compile(r"^(?:the\s+)?(?P<part>[A-Z].+?)(?:\s+in|,)\s+(?P<core>(?:the\s+)?[A-Za-z].+)$")


def container(text: str) -> str | None:
    """The place that holds the named one: "Kalaba neighbourhood of Taiz" -> "Taiz", "Bint Jbeil in
    south Lebanon" -> "south Lebanon", "Salisbury, England" -> "England"; None when none is named."""
    text = re.sub(r"\s+", " ", text).strip(" ,.;:'’")
    match = _DISTRICT_OF.match(text) or _WITHIN.match(text)
    return match["core"] if match else None


def split_qualifiers(text: str) -> list[Qualified]:
    """Readings of a place text, most literal first: the whole text, then with qualifiers peeled."""
    return list(_readings(text))  # a fresh list: callers may change theirs, never the cached one


@functools.lru_cache(maxsize=65536)  # a pure function of the text; towns are looked up many times an article
def _readings(text: str) -> tuple[Qualified, ...]:
    text = re.sub(r"\s+", " ", text).strip(" ,.;:'’")
    text = re.sub(r"(?i)\bcountrysides\b", "countryside", text)  # "Latakia, Damascus Countrysides"
    readings = [Qualified(text)]
    if text.lower().startswith("the "):
        readings.append(Qualified(text[4:]))
    district = _DISTRICT_OF.match(text)
    if district:
        readings.append(Qualified(district["part"], "district"))
        readings.append(Qualified(district["core"], "district"))
    within = _WITHIN.match(text)
    if within and not district:
        # "Bint Jbeil in south Lebanon": the most specific place first, then the area around it.
        readings.extend(_readings(within["part"]))
        readings.extend(_readings(within["core"]))
    for pattern, hint in _PATTERNS:
        match = pattern.match(text)
        if match and match["core"].strip():
            readings.append(Qualified(match["core"].strip(), hint))
            # Qualifiers stack: "the outskirts of eastern Homs".
            # A part of a region is still a region: "eastern Aleppo countryside" is no part of the city.
            readings.extend(
                Qualified(inner.core, hint if hint == "region" else inner.hint or hint)
                for inner in _readings(match["core"])[1:]
            )
    return tuple(_unique(readings))


def _unique(readings: list[Qualified]) -> list[Qualified]:
    seen: set[str] = set()
    unique: list[Qualified] = []
    for reading in readings:
        key = name_key(reading.core)
        if key and key not in seen:
            seen.add(key)
            unique.append(reading)
    return unique
