"""Place and date expressions as written, and which trigger each belongs to.

A place is a GPE/LOC/FAC entity in a locative phrase ("in eastern Baghdad", "near Baghdad airport")
or naming an event noun ("a Cairo meeting"). A date is a DATE entity that names a day, month, year or
a relative time ("on Thursday", "earlier Monday", "December 26", "in 2020", "last month"); durations
("months", "daily") are not dates. Resolution to coordinates and ISO dates is the resolve stage's job.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import re

import pycountry
from spacy.tokens import Span, Token

from marsad.extract.lexicon import words
from marsad.extract.phrases import doc_text

log = logging.getLogger(__name__)

LOC_PREPS = frozenset(
    {"in", "at", "near", "outside", "inside", "across", "around", "into", "throughout", "within"}
)
DATE_PREPS = frozenset({"on", "in", "during", "since", "by", "until"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
ARABIC_ARTICLE = re.compile(r"\b(?:al|el|ad|an|ar|as|ash|at|az)-$", re.IGNORECASE)
# A named part of a town: "the al-Wuroud neighbourhood of Damascus", "the Ain al-Asad air base in Anbar".
DISTRICT_HEADS = frozenset(
    {"neighborhood", "neighbourhood", "district", "quarter", "suburb", "camp", "base", "airbase", "village"}
)
# Head nouns kept with the place ("Damascus countryside", "Baghdad airport"); "Qudsaya city" drops "city".
DATE_WORDS = re.compile(
    r"\b(mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
    r"|\b(1[89]|20)\d\d\b|\b(today|yesterday|tonight|ago|last|recent|earlier|past|weekend|overnight)\b",
    re.IGNORECASE,
)
CALENDAR = re.compile(
    r"\b(1[89]|20)\d\d\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(\s+\d{1,2})?\b|\blast\b|\bago\b",
    re.IGNORECASE,
)
YEAR = re.compile(r"\b(1[89]|20)\d\d\b")
# "Oct. 10" and "10 October" alike.
MONTH_DAY = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b",
    re.IGNORECASE,
)
PAST = re.compile(r"\b(last (month|year)|ago|previous (month|year))\b", re.IGNORECASE)


@functools.cache
def is_country(text: str) -> bool:
    """Whether a place name is a country ("US", "Israel"), which as a modifier names an actor."""
    name = text.strip().lower().removeprefix("the ")
    if name in words("country_aliases"):
        return True
    try:
        pycountry.countries.lookup(name)
    except LookupError:
        return False
    return True


@dataclasses.dataclass(frozen=True, slots=True)
class Expr:
    """A place or date expression: its text, character span and parse head."""

    text: str
    start: int
    end: int
    root: Token

    @property
    def is_year_only(self) -> bool:
        return bool(YEAR.search(self.text)) and not MONTH_DAY.search(self.text)

    @property
    def is_month_day(self) -> bool:
        return bool(MONTH_DAY.search(self.text))

    @property
    def is_past(self) -> bool:
        return bool(PAST.search(self.text))


def _with_prep(ent: Span) -> tuple[int, int]:
    root = ent.root
    doc = ent.doc
    if (
        root.dep_ == "pobj"
        and root.head.lower_ in DATE_PREPS
        and ent.start > 0
        and doc[ent.start - 1] == root.head
    ):
        return root.head.idx, ent.end_char
    return ent.start_char, ent.end_char


def _date_ents(sent: Span, ents: list[Span]) -> list[Span]:
    """DATE/TIME entities, with "Sunday" + "night" joined into one."""
    ents = [e for e in ents if e.label_ in ("DATE", "TIME")]
    out: list[Span] = []
    for ent in ents:
        if out and out[-1].end == ent.start:
            out[-1] = sent.doc[out[-1].start : ent.end]
        else:
            out.append(ent)
    return out


def date_exprs(sent: Span, ents: list[Span]) -> list[Expr]:
    """Date expressions of ``sent``; ``ents`` are the sentence's entities (``Span.ents`` scans the doc)."""
    out = []
    for ent in _date_ents(sent, ents):
        if not DATE_WORDS.search(ent.text):
            continue
        start, end = _with_prep(ent)
        text = doc_text(ent.doc)[start:end]
        text = text[:-2] if text.endswith(("'s", "’s")) else text
        out.append(Expr(text, start, start + len(text), ent.root))
    return out


def _locative(token: Token) -> bool:
    if token.dep_ == "compound" and token.head.lower_ not in words("place_heads") | words("town_heads"):
        return False  # "the al-Nujaba headquarters", "the Wadi al-Dhahab district of Homs"
    current = token
    for _ in range(5):
        if current.dep_ == "prep" and current.lower_ in LOC_PREPS:
            return True
        if (
            current.dep_ not in ("compound", "pobj", "prep", "conj", "appos", "nmod", "amod")
            or current.head == current
        ):
            return False
        if current.dep_ == "prep" and current.lower_ != "of":
            return False
        current = current.head
    return False


def _place_span(ent: Span) -> tuple[int, int]:
    doc = ent.doc
    start, end = ent.start_char, ent.end_char
    if ent.start > 0 and doc[ent.start - 1].lower_ in words("directions"):
        start = doc[ent.start - 1].idx
    start = _district_start(ent, start)
    root = ent.root
    if root.dep_ == "compound" and root.head.lower_ in words("place_heads") and root.head.i == ent.end:
        end = root.head.idx + len(root.head.text)
    return start, end


def _district_start(ent: Span, start: int) -> int:
    """Where "the al-Wuroud neighbourhood of Damascus" starts: the most specific place is its first name.

    The gazetteer then tries the neighbourhood before the city ("Ain al-Asad" before "Anbar").
    """
    root = ent.root
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ not in ("of", "in") or prep.i < ent.start - 1:
        return start
    noun = prep.head
    if noun.lower_ not in DISTRICT_HEADS or noun.i >= ent.start:
        return start
    names = [t for t in noun.lefts if t.dep_ in ("compound", "nmod", "amod") and t.text[:1].isupper()]
    if not names:
        return start
    first = names[0].left_edge.idx
    article = ARABIC_ARTICLE.search(ent.doc.text[max(0, first - 4) : first])
    return min(start, first - len(article.group()) if article else first)


def place_exprs(ents: list[Span], trigger_nouns: set[int]) -> list[Expr]:
    """Places named in ``sent``; ``trigger_nouns`` are token indices of event nouns ("Cairo meeting")."""
    out = []
    for ent in ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        root = ent.root
        naming = root.dep_ == "compound" and root.head.i in trigger_nouns and not is_country(ent.text)
        visited = root.dep_ == "dobj" and root.head.lemma_.lower() in words("destination_verbs")
        if not (naming or visited or _locative(root)):
            continue
        start, end = _place_span(ent)
        if doc_text(ent.doc)[start:end].lower().startswith("the "):
            start += 4
        out.append(Expr(doc_text(ent.doc)[start:end], start, end, root))
    return out


def statement_date(date: Expr, trigger: Token, speech: frozenset[str]) -> Expr | None:
    """``date`` widened to the speech verb it dates, when it dates the statement that reports ``trigger``.

    "X said in televised remarks Sunday night that the delegation would meet": Sunday night is when X
    spoke, not when the meeting will be. The widened text ("said in televised remarks Sunday night")
    lets the date resolver see a statement's date, which never lies after the report that quotes it.
    None when the date is not the statement's.
    """
    current = date.root
    for _ in range(6):
        if current.head.i == current.i or current.i == trigger.i:
            return None
        current = current.head
        if current.pos_ in ("VERB", "AUX") and current.lemma_.lower() in speech:
            break
    else:
        return None
    if current.i == trigger.i or trigger not in current.subtree:
        return None
    doc = date.root.doc
    verb_start, verb_end = current.idx, current.idx + len(current.text)
    start, end = min(date.start, verb_start), max(date.end, verb_end)
    return Expr(doc_text(doc)[start:end], start, end, date.root)


def pick(exprs: list[Expr], trigger: Token, own: list[Expr], taken: set[int]) -> Expr | None:
    """The expression for ``trigger``: one in its own phrase, else the nearest one no other trigger owns.

    Among a trigger's own places a town (GPE) beats a building ("at the Grand Serail in Beirut").
    """
    if own:
        return min(own, key=lambda e: (e.root.ent_type_ not in ("GPE", "DATE"), abs(e.root.i - trigger.i)))
    free = [e for e in exprs if e.start not in taken]
    return min(
        free, key=lambda e: (e.root.ent_type_ not in ("GPE", "DATE"), abs(e.root.i - trigger.i)), default=None
    )
