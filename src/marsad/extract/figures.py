"""Counting people and naming weapons.

Numbers come in digits ("18", "2,500") or words ("four", "twenty-five", "a dozen", "two dozen", "half a
million"). Ranges give both bounds: "20 to 25", "10-15", "two or three", "between 10 and 15". Vague
quantities are an honest low bound, never an exact figure (values in ``data/lexicon.toml`` ``[figures]``):

- "several", "a few", "many", a bare plural ("killed civilians") -> at least 3 (ACLED's codebook)
- a plural of a unit is at least two of it: "dozens" -> 24, "scores" -> 40, "hundreds" -> 200
- "casualties" alone -> 0 killed (ACLED records no fatality it cannot count)

"at least N" / "more than N" give a lower bound (``Figure(low=N, high=None)``); "up to N" / "nearly N"
an upper bound (``Figure(low=None, high=N)``), which counts as unknown in an event's fatalities; an exact
figure has ``low == high``.
A singular victim ("a pedestrian", "his aide", a named person) counts 1; collective nouns ("an armed
group") leave the count unknown. "also killed one other member" counts the other plus the one already
named (2), since "also ... other" says someone else died too.
"""

from __future__ import annotations

import dataclasses
import logging
import re

from spacy.tokens import Token

from marsad.extract.lexicon import Lexicon
from marsad.extract.phrases import doc_text, np_bounds, people
from marsad.records import Figure, FigureKind

log = logging.getLogger(__name__)

UNITS = {
    w: n
    for n, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
TENS = {
    w: 10 * n
    for n, w in enumerate(
        ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    )
    if n > 1
}
SCALES = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 1_000_000}
RANGE_WORDS = frozenset({"to", "or", "–"})  # "20 to 25", "two or three", "10–15"
# Words that belong to a written number besides the numerals: "half a million", "a dozen", "20 to 25".
NUMBER_GLUE = frozenset({"-", "–", "and", "to", "or", "a", "an", "half", "dozen"})
DIGITS = re.compile(r"^\d{1,3}(,\d{3})*$|^\d+$")
SINGLE_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "himself", "herself"})


@dataclasses.dataclass(frozen=True, slots=True)
class Count:
    low: int | None
    high: int | None
    start: int  # character span of the counted phrase
    end: int


def parse_number(words: list[str]) -> int | None:
    """Value of a number written in digits or words: ["twenty", "-", "five"] -> 25, ["half", "a",
    "million"] -> 500000, ["a", "dozen"] -> 12; None if not a number."""
    total, current, seen, half = 0, 0, False, False
    for raw in words:
        word = raw.lower().strip(",")
        if word in ("-", "and", "a", "an"):
            continue
        if word == "half":
            half = True
            continue
        if DIGITS.match(word):
            current += int(word.replace(",", ""))
        elif word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word in SCALES:
            current = SCALES[word] // 2 if half and not current else max(current, 1) * SCALES[word]
            half = False
            if SCALES[word] >= 1000:
                total, current = total + current, 0
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_range(words: list[str]) -> tuple[int, int] | None:
    """Bounds of a range written as people write one: "20 to 25", "10-15", "two or three", "between 10
    and 15" (the caller passes "between" first); None when the words are one number or none."""
    lowered = [w.lower() for w in words]
    between = bool(lowered) and lowered[0] == "between"
    if between:
        words, lowered = words[1:], lowered[1:]
    for i, word in enumerate(lowered):
        digits_around = 0 < i < len(words) - 1 and words[i - 1][-1:].isdigit() and words[i + 1][:1].isdigit()
        if word in RANGE_WORDS or (word == "and" and between) or (word == "-" and digits_around):
            low, high = parse_number(words[:i]), parse_number(words[i + 1 :])
            if low is not None and high is not None:
                return min(low, high), max(low, high)
    return None


def _bound(token: Token, lex: Lexicon) -> tuple[str | None, int]:
    """'lower'/'upper' when a bound phrase ends right before ``token``, with its first token index."""
    doc = token.doc
    for size in (3, 2, 1):
        start = token.i - size
        if start < 0:
            continue
        words = " ".join(t.lower_ for t in doc[start : token.i])
        if words in lex.lower_bound:
            return "lower", start
        if words in lex.upper_bound:
            return "upper", start
    return None, token.i


def _number_tokens(num: Token) -> list[Token]:
    parts = [t for t in num.subtree if t.pos_ == "NUM" or t.lower_ in NUMBER_GLUE]
    while parts and parts[0].lower_ in RANGE_WORDS | {"-", "–", "and"}:
        parts = parts[1:]  # glue before the first numeral belongs to something else
    return parts or [num]


def _numeric(num: Token, head: Token, lex: Lexicon) -> Count | None:
    parts = _number_tokens(num)
    words = [t.text for t in parts]
    before = head.doc[parts[0].i - 1] if parts[0].i > 0 else None
    if before is not None and before.lower_ == "between":
        words = [before.text, *words]
    bounds = parse_range(words)
    value = bounds[0] if bounds else parse_number(words)
    if value is None:
        return None
    bound, first = _bound(before if before is not None and before.lower_ == "between" else parts[0], lex)
    start = head.doc[min(first, parts[0].i)].idx
    _, end = np_bounds(head)
    if bounds is not None:  # "20 to 25", "at least 12 to 15": the range itself
        return Count(bounds[0], bounds[1], start, end)
    if bound == "lower":
        return Count(value, None, start, end)
    if bound == "upper":
        return Count(None, value, start, end)
    return Count(value, value, start, end)


def _vague(head: Token, lex: Lexicon) -> int | None:
    if head.lower_ in lex.vague:
        return lex.vague[head.lower_]  # "dozens of people", "dozens died", "several were wounded"
    for mod in head.children:
        if mod.dep_ in ("amod", "det", "nummod", "quantmod") and mod.lower_ in lex.vague:
            return lex.vague[mod.lower_]
    return None


def count_np(head: Token, lex: Lexicon) -> Count | None:
    """How many people the noun phrase headed by ``head`` counts (one conjunct only)."""
    start, end = np_bounds(head)
    if head.lower_ in ("nobody", "none") or any(c.dep_ == "det" and c.lower_ == "no" for c in head.children):
        return Count(0, 0, head.left_edge.idx, end)  # "No civilians were harmed"
    if head.pos_ == "NUM":  # "one of his aides"
        return _numeric(head, head, lex)
    num = next((c for c in head.children if c.dep_ == "nummod"), None)
    if num is not None:
        return _numeric(num, head, lex)
    vague = _vague(head, lex)
    if vague is not None:
        if head.lower_ in lex.vague:
            pobj = next((g for c in head.children if c.lower_ == "of" for g in c.children), None)
            end = np_bounds(pobj)[1] if pobj is not None else end
        return Count(vague, None, start, end)
    if head.pos_ == "PRON":
        # "police shot him dead", "she died in hospital": one person; "they", "it", "others" stay unknown
        return Count(1, 1, start, end) if head.lower_ in SINGLE_PERSON_PRONOUNS else None
    if head.lemma_.lower() in lex.collective:  # "an armed group": people, but how many is unknown
        return Count(None, None, start, end)
    if head.tag_ in ("NNS", "NNPS"):
        plural = lex.vague.get("several", 3)
        return Count(plural, None, start, end)
    return Count(1, 1, start, end)


def count_victims(
    heads: list[Token], kind: FigureKind, lex: Lexicon, *, also_other: bool = False
) -> Figure | None:
    """One figure summing coordinated victims ("al-Saidi and his aide" -> 2)."""
    counts = [c for head in heads for part in people(head) if (c := count_np(part, lex)) is not None]
    if not counts:
        return None
    low = None if any(c.low is None for c in counts) else sum(c.low or 0 for c in counts)
    high = None if any(c.high is None for c in counts) else sum(c.high or 0 for c in counts)
    if also_other:
        low = None if low is None else low + 1
        high = None if high is None else high + 1
    if low is not None and high is not None and counts[0].high is None:
        high = None
    doc = heads[0].doc
    text = doc_text(doc)[min(c.start for c in counts) : max(c.end for c in counts)]
    return Figure(kind=kind, low=low, high=high, text=text)


def weapon_mode(lemmas: list[str], lex: Lexicon) -> str | None:
    """The PLOVER ASSAULT mode the named weapons imply; the strongest in [weapon_modes] wins."""
    modes = {lex.weapons[w] for w in lemmas if w in lex.weapons}
    return next((m for m in lex.weapon_order if m in modes), None)


def weapon_lemma(token: Token, lex: Lexicon) -> str | None:
    """The weapon word this token names, if any ("car bomb" and "suicide bomber" as two-word weapons)."""
    lemma = token.lemma_.lower()
    prev = token.doc[token.i - 1].lower_ if token.i > 0 else ""
    if f"{prev} {lemma}" in lex.weapons:
        return f"{prev} {lemma}"
    if lemma in lex.weapons and token.pos_ in ("NOUN", "PROPN", "ADJ"):
        return lemma
    return None


def weapon_text(token: Token) -> str:
    """The weapon as written with its count: "four missiles", "at least two rockets", "drone"."""
    start, end = np_bounds(token)
    doc = token.doc
    first = doc.char_span(start, end, alignment_mode="expand")
    if first is not None and len(first) and first[0].i > 0:
        for size in (2, 1):
            lo = first[0].i - size
            if lo >= 0 and " ".join(t.lower_ for t in doc[lo : first[0].i]) in (
                "at least",
                "up to",
                "more than",
            ):
                start = doc[lo].idx
                break
    return doc_text(doc)[start:end]
