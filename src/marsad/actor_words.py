"""Actor words and names as text: normalisation, tokens, type guesses, the actor lexicon.

Shared by extract (which words can name an actor) and resolve (the knowledge base's keys), so
neither stage reaches into the other.

Two spellings of one name must give one key: "Abou Taqwa" and "Abu Taqwa", "Kais al-Khazali" and
"Qais al Khazali", "Hizbullah" and "Hezbollah". :func:`normalise` does this with a few general letter
rules plus a table of word variants kept in ``data/actors/lexicon.json`` (data, so an analyst can extend it).
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

from marsad.errors import ConfigError

LEXICON_PATH = Path(__file__).resolve().parent / "data" / "actors" / "lexicon.json"

_YEARS = re.compile(r"\(\s*\d{4}\s*-\s*(?:\d{4})?\s*\)")  # ACLED's "(2000-2024)" / "(2024-)"
_APOSTROPHES = re.compile(r"['’‘`´ʿʾ]")
_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")
# Arabic article in its usual romanisations: "al-", "el-", "al ", and the assimilated "ash-", "ad-", ...
# (only when hyphenated, so English "as" or "an" survive).
_ARTICLE = re.compile(r"\b(?:al|el|ul)(?:-|\s+)(?=\w)")
_SUN_ARTICLE = re.compile(r"\b(?:ad|adh|an|ar|as|ash|at|ath|az|ed|en|er|es|esh|et|ez)-(?=\w)")
_NON_WORD = re.compile(r"[\W_]+")
_DOUBLE = re.compile(r"(.)\1+")
_ABD = re.compile(r"^abd(?:el|ul|al|oul)$|^abd(?:el|ul|al|oul)?(?=\w)")


@dataclasses.dataclass(frozen=True, slots=True)
class Lexicon:
    """The word lists of ``lexicon.json``, compiled."""

    token_variants: dict[str, str]
    generic: dict[str, str]  # normalised phrase key -> slot ("military", "police", ...)
    country_only: frozenset[str]  # generic keys that need a country word ("drones", "the state")
    titles: dict[str, str]  # normalised phrase key -> canonical role title
    type_hints: tuple[tuple[re.Pattern[str], str], ...]
    civilian_nouns: frozenset[str] = frozenset()  # casefolded words: "man", "shepherds", "owner"
    actor_heads: frozenset[str] = frozenset()  # casefolded head words of common-noun actors
    role_slots: dict[str, dict[str, str]] = dataclasses.field(default_factory=dict)  # role -> type -> slot
    coerce_police_words: frozenset[str] = frozenset()
    target_sites: frozenset[str] = frozenset()  # places and vehicles kept as an attack's target
    civilian_sites: frozenset[str] = frozenset()  # of which an attack on them hits Civilians
    anaphoric_heads: dict[str, str] = dataclasses.field(default_factory=dict)  # "troops" -> "military"
    owner_verbs: frozenset[str] = frozenset()  # "a base used by X": lemmas naming a thing's owner
    government_titles: frozenset[str] = frozenset()  # "Electricity Minister X": the Government
    unnamed_actor1: dict[str, str] = dataclasses.field(default_factory=dict)  # "TYPE" or "TYPE/mode" -> slot
    unnamed_actor2: dict[str, str] = dataclasses.field(default_factory=dict)  # also "TYPE/ACLED event type"
    affiliation_cues: tuple[str, ...] = ()  # "links to", "suspicion of belonging to": the arrested's group
    unidentified_heads: frozenset[str] = frozenset()  # "gunman", "assailants": an Unidentified Armed Group
    suspect_heads: frozenset[str] = frozenset()  # "suspects", "the accused": arrested as the attack's author
    mission_words: frozenset[str] = frozenset()  # "embassy", "consulate": a protest there targets its state
    opposition_words: frozenset[str] = frozenset()  # "opposition", "dissidents": not the state
    civilian_groups: dict[str, str] = dataclasses.field(default_factory=dict)  # "aid workers" -> slot


@functools.cache
def lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    """Read and compile the lexicon file (once per path)."""
    try:
        raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ConfigError(
            f"{path}: cannot read the actor lexicon ({exc}); restore it from the package"
        ) from exc
    variants = {_fold(k): _fold(v) for k, v in raw.get("token_variants", {}).items()}
    generic: dict[str, str] = {}
    titles: dict[str, str] = {}
    hints: list[tuple[re.Pattern[str], str]] = []
    base = Lexicon(variants, generic, frozenset(), titles, ())
    for slot, phrases in raw.get("generic", {}).items():
        for phrase in phrases:
            generic.setdefault(_key_with(base, phrase), slot)
    for phrase, title in raw.get("titles", {}).items():
        titles[_key_with(base, phrase)] = title
    for pattern, actor_type in raw.get("type_hints", []):
        hints.append((re.compile(pattern), actor_type))
    country_only = frozenset(_key_with(base, phrase) for phrase in raw.get("country_only", []))
    return Lexicon(
        variants,
        generic,
        country_only,
        titles,
        tuple(hints),
        civilian_nouns=_folded(raw.get("civilian_nouns", [])),
        actor_heads=_folded(raw.get("actor_heads", [])),
        role_slots={role: dict(slots) for role, slots in raw.get("role_slots", {}).items()},
        coerce_police_words=_folded(raw.get("coerce_police_words", [])),
        target_sites=_folded(raw.get("target_sites", [])),
        civilian_sites=_folded(raw.get("civilian_sites", [])),
        anaphoric_heads={_fold(k): v for k, v in raw.get("anaphoric_heads", {}).items()},
        owner_verbs=_folded(raw.get("owner_verbs", [])),
        government_titles=_folded(raw.get("government_titles", [])),
        unnamed_actor1=dict(raw.get("unnamed_actor1", {})),
        unnamed_actor2=dict(raw.get("unnamed_actor2", {})),
        affiliation_cues=tuple(raw.get("affiliation_cues", [])),
        unidentified_heads=_folded(raw.get("unidentified_heads", [])),
        suspect_heads=_folded(raw.get("suspect_heads", [])),
        mission_words=_folded(raw.get("mission_words", [])),
        opposition_words=_folded(raw.get("opposition_words", [])),
        civilian_groups={
            _fold(phrase): slot
            for slot, phrases in raw.get("civilian_groups", {}).items()
            for phrase in phrases
        },
    )


def _folded(items: list[str]) -> frozenset[str]:
    return frozenset(_fold(item) for item in items)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _letters(token: str) -> str:
    """General transliteration rules: q/k, ou/u, ee/i, doubled letters."""
    token = token.replace("q", "k").replace("ou", "u").replace("ee", "i")
    return _DOUBLE.sub(r"\1", token)


def _word(lex: Lexicon, token: str) -> str:
    token = lex.token_variants.get(token, token)
    token = _ABD.sub("abd", token)
    return _letters(token)


def _normalise_with(lex: Lexicon, name: str) -> str:
    bare = name.strip().replace(".", "")
    if bare.isalpha() and bare.isupper() and len(bare) <= 6:
        return _fold(bare)  # an acronym: "SAA" and "SSA" must stay apart, so no letter rules
    text = _fold(name)
    text = _YEARS.sub(" ", text)
    text = _POSSESSIVE.sub("", text)
    # Variant keys may hold apostrophes ("kata'ib"), so look words up before apostrophes go.
    words = [lex.token_variants.get(w, w) for w in text.split()]
    text = _APOSTROPHES.sub("", " ".join(words))
    text = _ARTICLE.sub("", text)
    text = _SUN_ARTICLE.sub("", text)
    tokens = _NON_WORD.sub(" ", text).split()
    if len(tokens) > 1 and tokens[0] == "the":
        tokens = tokens[1:]
    return " ".join(_word(lex, t) for t in tokens)


def _key_with(lex: Lexicon, name: str) -> str:
    return _normalise_with(lex, name).replace(" ", "")


def normalise(name: str) -> str:
    """Comparable form of a name: casefolded, no diacritics, one spelling per word.

    >>> normalise("Abou Taqwa") == normalise("Abu Taqwa")
    True
    >>> normalise("Qais al-Khazali")
    'kais khazali'
    >>> normalise("the Hizbullah")
    'hezbolah'
    """
    return _normalise_cached(name)


@functools.lru_cache(maxsize=65536)  # pure in the name (the lexicon is package data); names repeat a lot
def _normalise_cached(name: str) -> str:
    return _normalise_with(lexicon(), name)


def key(name: str) -> str:
    """Index key of a name: :func:`normalise` without spaces ("Abdul Rahman" == "Abdulrahman")."""
    return _normalise_cached(name).replace(" ", "")  # as ``_key_with(lexicon(), name)``, cached


_TOKEN_EDGE = re.compile(r"^[^\w]+|[^\w.]+$")


def tokens(text: str) -> list[str]:
    """Words of an actor phrase, without edge punctuation or possessive 's.

    Hyphenated words stay whole, so "US-led" never matches "US".
    """
    words = []
    for raw in re.split(r"[\s,;:()\[\]/\"“”]+", text):
        word = _POSSESSIVE.sub("", raw)
        word = _TOKEN_EDGE.sub("", word)
        if word:
            words.append(word)
    return words


def guess_type(text: str) -> str | None:
    """ACLED actor type for a name the KB does not know, from its words; None when nothing fits.

    Unidentified gunmen and militants get "Political militia", the type of ACLED's
    "Unidentified Armed Group (Country)".

    >>> guess_type("unidentified gunmen")
    'Political militia'
    >>> guess_type("hundreds of demonstrators")
    'Protesters'
    """
    folded = _fold(text)
    for pattern, actor_type in lexicon().type_hints:
        if pattern.search(folded):
            return actor_type
    return None
