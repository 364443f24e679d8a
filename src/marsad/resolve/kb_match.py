"""Finding the actor inside a longer phrase: "a local commander of the al-Nujaba", "Iraqi police sources".

The whole phrase is tried first. Failing that, every run of up to eight words is tried against the
index, and two compositions are tried as well: a country word plus a generic noun ("Iraqi" + "police",
"the US" + "military") and a country word plus an office ("Lebanese" + "prime minister"). A bare generic
noun ("gunmen", "civilians") resolves only with the event's country as a hint.

The best candidate wins by (tier, full name, words, leftmost). Tiers: a named organisation, person or
composition first; then a bare generic noun with the hint; a country named alone last, so "residents of
Beirut" gives Civilians (Lebanon) and "protesters in Saudi Arabia" Protesters, not the state. Within a
tier a person named by two or more words wins (in "Hamas political bureau member Mohammed Nazzal" the
actor is Nazzal, who acts for Hamas); otherwise the longest match ("Lieutenant Abbas cell" over the
one-word alias "Abbas"), then the leftmost.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from marsad.actor_words import key, lexicon, tokens

if TYPE_CHECKING:
    from marsad.resolve.actors import Actor, KnowledgeBase

MAX_WORDS = 8
GROUP_SLOTS = frozenset({"civilians", "protesters", "rioters", "unidentified", "journalists", "aid_workers"})
# Words a span never starts with: they are covered by the span starting one word later.
_SKIP_START = frozenset({"the", "a", "an", "of", "and", "or", "to", "by", "from", "in", "on", "for", "with"})
_ARTICLES = frozenset({"al", "el", "ul"})
_INDEFINITE = re.compile(r"^(?:a|an)\s+(?=\S)", re.IGNORECASE)

_Score = tuple[int, int, int, int]


def best(kb: KnowledgeBase, text: str, *, on: str | None, country_hint: str | None) -> Actor | None:
    """The actor a phrase names, or None."""
    whole = _INDEFINITE.sub("", text.strip())  # "a man" must not read as "Amman"
    whole_key = key(whole)
    if whole_key and not (kb.is_acronym_key(whole_key) and not whole.replace(".", "").isupper()):
        found = kb.pick(whole_key, whole, on=on, country_hint=country_hint)
        if found is not None:
            return found
    words = tokens(whole)
    if not words:
        return None
    keys = [("" if w.casefold() in _ARTICLES else key(w)) for w in words]
    scored: list[tuple[_Score, Actor]] = []
    for start in range(len(words)):
        if words[start].casefold() in _SKIP_START:
            continue
        for stop in range(start + 1, min(len(words), start + MAX_WORDS) + 1):
            scored.extend(_span(kb, words, keys, start, stop, on=on, country_hint=country_hint))
    if not scored:
        return None
    winner = max(scored, key=lambda item: item[0])[1]
    if country_hint is None and winner.kind == "state" and winner.country:
        # "residents of Beirut": the country named in the phrase stands in for the missing hint.
        return best(kb, text, on=on, country_hint=winner.country)
    return winner


def _span(
    kb: KnowledgeBase, words: list[str], keys: list[str], start: int, stop: int, *,
    on: str | None, country_hint: str | None,
) -> list[tuple[_Score, Actor]]:  # fmt: skip
    size = stop - start
    span_key = "".join(keys[start:stop])
    out: list[tuple[_Score, Actor]] = []
    direct = _direct(kb, words, span_key, start, stop, on=on, country_hint=country_hint)
    if direct is not None:
        out.append(((0 if direct.kind == "state" else 2, _full_name(direct, size), size, -start), direct))
    for split in range(start + 1, stop):
        composed = _compose(kb, words, keys, start, split, stop, on=on, country_hint=country_hint)
        if composed is not None:
            out.append(((2, _full_name(composed, size), size, -start), composed))
    if country_hint and not out and span_key not in lexicon().country_only:
        slot = lexicon().generic.get(span_key)
        bare = kb.generic_actor(country_hint, slot, on=on) if slot else None
        if bare is not None:
            out.append(((1, 0, size, -start), bare))
    return out


def _full_name(actor: Actor, size: int) -> int:
    """1 for a person named by two or more words: such a match beats any organisation in the phrase."""
    return int(actor.kind == "person" and size >= 2)


def _direct(
    kb: KnowledgeBase, words: list[str], span_key: str, start: int, stop: int, *,
    on: str | None, country_hint: str | None,
) -> Actor | None:  # fmt: skip
    if not span_key:
        return None
    if stop - start == 1 and kb.is_acronym_key(span_key) and not words[start].replace(".", "").isupper():
        return None  # "us" and "is" are words, "US" and "IS" are actors
    return kb.pick(span_key, " ".join(words[start:stop]), on=on, country_hint=country_hint)


def _compose(
    kb: KnowledgeBase, words: list[str], keys: list[str], start: int, split: int, stop: int, *,
    on: str | None, country_hint: str | None,
) -> Actor | None:  # fmt: skip
    """Country word(s) then a generic noun or an office: "Iraqi police", "the Lebanese premier"."""
    lex = lexicon()
    rest = "".join(keys[split:stop])
    slot = lex.generic.get(rest)
    title = lex.titles.get(rest)
    if slot is None and title is None:
        return None
    state = _direct(kb, words, "".join(keys[start:split]), start, split, on=on, country_hint=country_hint)
    if state is None or state.kind != "state" or state.country is None:
        return None
    if slot is not None:
        return kb.generic_actor(state.country, slot, on=on)
    return kb.holder(state.country, title, on=on) if title is not None else None
