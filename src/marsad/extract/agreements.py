"""The parties of named agreements ("the Gaza ceasefire"), from ``data/agreements.toml``.

An analyst reading "the Gaza ceasefire agreement, which entered into force on Oct. 10" codes Hamas and
Israel although the sentence names neither: the agreement names its parties. The build step asks
:func:`parties_named` only for an AGREE mention whose own clause gave no actor, so the list never
overrides what the text says; the claim note records that the actors came from the list.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import re
import tomllib
from importlib import resources
from typing import Any

from spacy.tokens import Token

from marsad.errors import ConfigError

log = logging.getLogger(__name__)

AGREEMENTS_FILE = "agreements.toml"
_WORD = re.compile(r"[a-z0-9]+")
_IGNORED = frozenset({"the", "a", "an"})
_ISO = re.compile(r"\d{4}-\d\d-\d\d")
# Right-hand modifiers that belong to an agreement's name: "the ceasefire in Gaza", "the truce between ...".
_NAME_PREPS = frozenset({"in", "for", "on", "over", "between", "with"})


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Agreement:
    """One named agreement and its parties (actor1, actor2)."""

    name: str
    patterns: tuple[tuple[str, ...], ...]
    parties: tuple[str, str]
    valid_from: str
    valid_to: str | None = None


def words_of(text: str) -> tuple[str, ...]:
    """Lower-case words of ``text`` without articles: "the Israel-Hamas truce" -> (israel, hamas, truce)."""
    return tuple(w for w in _WORD.findall(text.lower().replace("’", "'")) if w not in _IGNORED)


def _contains(words: tuple[str, ...], pattern: tuple[str, ...]) -> bool:
    size = len(pattern)
    return any(words[i : i + size] == pattern for i in range(len(words) - size + 1))


def _entry(raw: dict[str, Any]) -> Agreement:
    name = raw.get("name")
    patterns = raw.get("patterns")
    parties = raw.get("parties")
    valid_from, valid_to = raw.get("valid_from"), raw.get("valid_to")
    if not isinstance(name, str) or not name:
        raise ConfigError(f"{AGREEMENTS_FILE}: an [[agreement]] has no name")
    if not isinstance(patterns, list) or not patterns or not all(isinstance(p, str) for p in patterns):
        raise ConfigError(f"{AGREEMENTS_FILE}: {name}: patterns must be a non-empty list of strings")
    if not isinstance(parties, list) or len(parties) != 2 or not all(isinstance(p, str) for p in parties):
        raise ConfigError(f"{AGREEMENTS_FILE}: {name}: parties must be two actor names")
    for value in (valid_from, valid_to):
        if value is not None and not (isinstance(value, str) and _ISO.fullmatch(value)):
            raise ConfigError(f"{AGREEMENTS_FILE}: {name}: dates must be YYYY-MM-DD, not {value!r}")
    if valid_from is None:
        raise ConfigError(f"{AGREEMENTS_FILE}: {name}: valid_from is required")
    return Agreement(
        name=name,
        patterns=tuple(words_of(p) for p in patterns),
        parties=(parties[0], parties[1]),
        valid_from=valid_from,
        valid_to=valid_to,
    )


@functools.cache
def load_agreements() -> tuple[Agreement, ...]:
    """The packaged agreement list (read once per process)."""
    text = resources.files("marsad.data").joinpath(AGREEMENTS_FILE).read_text(encoding="utf-8")
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{AGREEMENTS_FILE}: not valid TOML ({exc})") from exc
    return tuple(_entry(item) for item in raw.get("agreement", []))


def phrase_words(token: Token) -> tuple[str, ...]:
    """The words of the phrase a trigger noun heads: its left modifiers (dates too: "the November 27
    ceasefire"), itself, and the prepositions that name it ("the truce in Yemen"); never a relative
    clause ("..., which entered into force on Oct. 10")."""
    doc = token.doc
    end = token.i
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in _NAME_PREPS:
            end = max(end, child.right_edge.i)
    return words_of(doc[token.left_edge.i : end + 1].text)


def named_agreement(
    words: tuple[str, ...], on: str | None, agreements: tuple[Agreement, ...] | None = None
) -> list[Agreement]:
    """The agreement(s) ``words`` name, as of the ISO date ``on`` (the article's).

    With a date: the latest agreement begun by then (one entry, or none). Without one: every matching
    entry, so that the caller fills parties only when they all agree.
    """
    found = [a for a in agreements or load_agreements() if any(_contains(words, p) for p in a.patterns)]
    if on is None:
        return found
    begun = [a for a in found if a.valid_from <= on[:10]]
    return [max(begun, key=lambda a: a.valid_from)] if begun else []


def _named_phrases(token: Token) -> list[tuple[str, ...]]:
    """A noun trigger's own phrase; a verb's objects ("agreed to a truce in Yemen")."""
    if token.pos_ in ("NOUN", "PROPN"):
        return [phrase_words(token)]
    objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    objects += [g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return [phrase_words(o) for o in objects if o.pos_ in ("NOUN", "PROPN")]


def parties_named(token: Token, on: str | None) -> Agreement | None:
    """The agreement whose parties an actor-less AGREE trigger ``token`` implies, if its phrase names one."""
    found = [a for words in _named_phrases(token) for a in named_agreement(words, on)]
    if not found or len({a.parties for a in found}) != 1:
        return None
    if on is not None:
        return found[-1]
    # No article date: the parties agree, the agreement itself may be any of them.
    return dataclasses.replace(found[-1], name=" or ".join(a.name for a in found))
