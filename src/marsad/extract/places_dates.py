"""Place and date expressions as written, and which trigger each belongs to.

A place is a GPE/LOC/FAC entity in a locative phrase ("in eastern Baghdad", "near Baghdad airport",
"off Hodeidah", "in Iraq's Sinjar district") or naming an event noun ("a Cairo meeting"). A name the
tagger took for a person, group or date is a place too when its frame says so ("near the town of X",
"on the outskirts of X"). A trigger takes a place of its own phrase, preferring one on the trigger or
its object to one inside its subject ("forces in Yemen fired ... in the Red Sea"), and never a place
the event came from or borders on ("fired from a truck near X", "on the border with X").

A date is a DATE entity that names a day, month, year or a relative time ("on Thursday", "earlier
Monday", "December 26", "in 2020", "last month", "this morning", "next week"), or an untagged
"overnight"; durations ("months", "daily") are not dates, nor are words that merely start like a
month ("Mayadeen"). Resolution to coordinates and ISO dates is the resolve stage's job.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import logging
import re

import pycountry
from spacy.tokens import Doc, Span, Token

from marsad.extract.lexicon import words
from marsad.extract.phrases import doc_text
from marsad.records import Toponym

log = logging.getLogger(__name__)

LOC_PREPS = frozenset(
    {"in", "at", "near", "outside", "inside", "across", "around", "into", "throughout", "within", "off"}
)
DATE_PREPS = frozenset({"on", "in", "during", "since", "by", "until"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Labels the tagger gives to unfamiliar town names ("al-Qaim" as a person, "Mayadeen" as a date).
NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "DATE", "WORK_OF_ART", "PRODUCT"})
ARABIC_ARTICLE = re.compile(r"\b(?:al|el|ad|an|ar|as|ash|at|az)-$", re.IGNORECASE)
# A named part of a town: "the al-Wuroud neighbourhood of Damascus", "the Ain al-Asad air base in Anbar".
DISTRICT_HEADS = frozenset(
    {"neighborhood", "neighbourhood", "district", "quarter", "suburb", "camp", "base", "airbase", "village"}
)
# Head nouns kept with the place ("Damascus countryside", "Baghdad airport"); "Qudsaya city" drops "city".
# A month is a month name or its abbreviation, never a word that starts like one ("Mayadeen", "Marib").
MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
DATE_WORDS = re.compile(
    r"\b(mon|tues|wednes|thurs|fri|satur|sun)day\b|\b"
    + MONTH
    + r"|\b(1[89]|20)\d\d\b|\b(today|yesterday|tonight|tomorrow|ago|last|next|recent|earlier|past|weekend"
    r"|overnight)\b|\bthis (morning|afternoon|evening|week|month|year)\b",
    re.IGNORECASE,
)
CALENDAR = re.compile(
    r"\b(1[89]|20)\d\d\b|\b" + MONTH + r"(\s+\d{1,2})?\b|\blast\b|\bago\b",
    re.IGNORECASE,
)
YEAR = re.compile(r"\b(1[89]|20)\d\d\b")
# "Oct. 10" and "10 October" alike.
MONTH_DAY = re.compile(
    r"\b" + MONTH + r"\s+\d{1,2}\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+" + MONTH,
    re.IGNORECASE,
)
# "last January": a named month before the current one is never the news of a dated report
PAST = re.compile(r"\b(last (month|year)|ago|previous (month|year))\b|\blast " + MONTH, re.IGNORECASE)


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
    town: bool = False  # a name read as a place from its frame ("the town of X"), whatever its entity label

    @property
    def rank(self) -> int:
        """Which of a trigger's expressions to prefer: a town or date the tagger knows (0), a name read as
        a town from its frame (1: often a village the gazetteer may not hold), then buildings and regions.
        A time of a named day ("Saturday morning") is as good a date as the day itself."""
        if self.root.ent_type_ in ("GPE", "DATE"):
            return 0
        if self.root.ent_type_ == "TIME" and any(t.ent_type_ == "DATE" for t in self.root.lefts):
            return 0
        return 1 if self.town else 2

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
            continue  # "months", "daily"; and a town the tagger read as a date ("Mayadeen": no month)
        start, end = _with_prep(ent)
        text = doc_text(ent.doc)[start:end]
        text = text[:-2] if text.endswith(("'s", "’s")) else text
        out.append(Expr(text, start, start + len(text), ent.root))
    return sorted([*out, *_untagged_nights(sent, out)], key=lambda e: e.start)


def _untagged_nights(sent: Span, found: list[Expr]) -> list[Expr]:
    """ "bombed the port overnight, media said on Wednesday": an adverb the tagger left out of its dates.

    Without it the attack would borrow the date of the statement."""
    taken = [(e.start, e.end) for e in found]
    return [
        Expr(t.text, t.idx, t.idx + len(t.text), t)
        for t in sent
        if t.lower_ in words("night_adverbs")
        and t.dep_ in ("advmod", "npadvmod")
        and not any(start <= t.idx < end for start, end in taken)
    ]


def _locative(token: Token) -> bool:
    if token.dep_ == "compound" and token.head.lower_ not in words("place_heads") | words("town_heads"):
        return False  # "the al-Nujaba headquarters"
    if token.dep_ == "compound" and any(c.dep_ == "prep" and c.lower_ == "of" for c in token.head.children):
        return False  # "the Wadi al-Dhahab district of Homs": Homs's phrase, widened to the district
    current, below = token, token
    for _ in range(5):
        if current.dep_ == "prep" and current.lower_ in LOC_PREPS:
            return True
        if (
            current.dep_ == "prep"
            and current.lower_ in ("on", "between")
            and below.lemma_.lower() in words("place_frames")
        ):
            return True  # "on the outskirts of Arnoun", "on the road between the town of X and Y"
        if (
            current.dep_ == "prep"
            and current.lower_ in words("target_preps")
            and current.head.lemma_.lower() in words("target_nouns")
        ):
            return True  # "strikes on the Gaza Strip": where the attack fell
        if (
            current.dep_ == "prep"
            and current.lower_ == "of"
            and current.head.lemma_.lower() in words("taken_place_nouns")
        ):
            return True  # "took control of Uvira"
        if (
            current.dep_ not in ("compound", "pobj", "prep", "conj", "appos", "nmod", "amod")
            or current.head == current
        ):
            return False
        if current.dep_ == "prep" and current.lower_ != "of":
            return False
        current, below = current.head, current
    return False


def _modifies_event_noun(root: Token, trigger_nouns: set[int]) -> bool:
    """Whether an adjective modifies an event noun, or the weapon in front of one ("Ukrainian drone
    attack"): it says who acted ("Sidakan district" is a place, its noun no event)."""
    if root.dep_ != "amod" or root.pos_ != "ADJ":
        return False

    def event_noun(token: Token) -> bool:
        return token.i in trigger_nouns or token.lemma_.lower() in words("target_nouns")

    head = root.head
    return event_noun(head) or (head.dep_ == "compound" and event_noun(head.head))


def _taken_or_visited(root: Token) -> bool:
    """Whether a name is what a verb of place takes as its object: "visited Beirut", "captured the town
    of Kurmuk" (the name inside a place frame that is the object)."""
    if (
        root.dep_ == "pobj"
        and root.head.lower_ == "of"
        and root.head.head.lemma_.lower() in words("place_frames")
    ):
        root = root.head.head
    verbs = words("destination_verbs") | words("taking_verbs")
    return root.dep_ == "dobj" and root.head.lemma_.lower() in verbs


def _framed_name(ent: Span) -> bool:
    """ "the town of al-Qaim", "the outskirts of Arnoun", "took control of Kherson": a name the tagger
    took for a person, a group or a date, in a frame that makes it a place."""
    root = ent.root
    while root.dep_ == "conj" and root.head != root:
        root = root.head  # "the outskirts of Yahmor and Arnoun"
    prep = root.head
    return (
        root.dep_ == "pobj"
        and prep.lower_ == "of"
        and prep.head.lemma_.lower() in words("place_frames") | words("taken_place_nouns")
        and ent.label_ in NAME_LABELS
    )


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
    """Places named in ``sent``; ``trigger_nouns`` are token indices of event nouns ("Cairo meeting").

    A place written in a chain of names, each holding the one before ("in Ashford, Kent, England"),
    is the whole chain: the resolve stage reads it as the most specific name it knows, inside the next.
    """
    out: list[Expr] = []
    for ent in ents:
        if any(e.start <= ent.start_char < e.end for e in out):
            continue  # a later link of a chain already taken whole
        framed = ent.label_ not in PLACE_LABELS and _framed_name(ent)
        if ent.label_ not in PLACE_LABELS and not framed:
            continue
        root = ent.root
        if _modifies_event_noun(root, trigger_nouns):
            continue  # "a Ukrainian drone attack": a demonym the tagger called a place names the doer
        naming = root.dep_ == "compound" and root.head.i in trigger_nouns and not is_country(ent.text)
        visited = _taken_or_visited(root)
        if not (naming or visited or _locative(root)):
            continue
        start, end = _chain(ent.doc, *_place_span(ent))
        if doc_text(ent.doc)[start:end].lower().startswith("the "):
            start += 4
        out.append(Expr(doc_text(ent.doc)[start:end], start, end, root, town=framed))
    return out


_CHAIN_JOINERS = frozenset({"de", "del", "la", "of", "the", "al", "el"})
_CHAIN_LINKS = 3  # at most this many names after (or before) the one tagged: "Town, County, State, Country"


def _chain(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The span of a comma chain of names around the place at ``start``-``end``: "Kent, England" after
    "Ashford", "Ashford, Kent," before "England". Each later name must hang on the one before it in the
    parse (an apposition or a conjunct), and a chain that goes on with "and"/"or" is a list ("Homs,
    Hama and Aleppo"), not a chain: then the place stays as it was."""
    first = doc.char_span(start, end, alignment_mode="expand")
    if first is None or not len(first):
        return start, end
    lo, hi = first.start, first.end
    for _ in range(_CHAIN_LINKS):
        name = _name_after(doc, hi)
        if name is None or not _holds(doc, lo, hi, name):
            break
        hi = name[1]
    for _ in range(_CHAIN_LINKS):
        name = _name_before(doc, lo)
        if name is None or _unnamed(doc, *name) or not _holds(doc, name[0], name[1], (lo, hi)):
            break
        lo = name[0]
    if (lo, hi) == (first.start, first.end):
        return start, end
    following = [t.lower_ for t in doc[hi : hi + 2]]
    if following[:1] in (["and"], ["or"]) or following in ([",", "and"], [",", "or"]):
        return start, end  # "Homs, Hama and Aleppo": a list
    if lo > 0 and doc[lo - 1].text == "," and lo < first.start:
        return start, end  # "..., Homs, Hama": a list again
    return min(start, doc[lo].idx), max(end, doc[hi - 1].idx + len(doc[hi - 1].text))


def _name_span(doc: Doc, lo: int, hi: int) -> tuple[int, int] | None:
    while lo < hi and doc[lo].lower_ in _CHAIN_JOINERS:
        lo += 1
    while hi > lo and doc[hi - 1].lower_ in _CHAIN_JOINERS:
        hi -= 1
    return (lo, hi) if lo < hi else None


def _is_name_word(token: Token) -> bool:
    glued = token.text == "-" and not token.whitespace_ and token.i > 0 and not token.nbor(-1).whitespace_
    return token.text[:1].isupper() or token.lower_ in _CHAIN_JOINERS or glued  # "Souss-Massa"


def _name_after(doc: Doc, i: int) -> tuple[int, int] | None:
    """The capitalised name after a comma at token ``i``, as a token range."""
    if i >= len(doc) or doc[i].text != ",":
        return None
    hi = i + 1
    while hi < len(doc) and _is_name_word(doc[hi]) and hi - i <= 6:
        hi += 1
    return _name_span(doc, i + 1, hi)


def _name_before(doc: Doc, i: int) -> tuple[int, int] | None:
    """The capitalised name before a comma at token ``i - 1``, as a token range."""
    if i < 2 or doc[i - 1].text != ",":
        return None
    lo = i - 1
    while lo > 0 and _is_name_word(doc[lo - 1]) and i - lo <= 6:
        lo -= 1
    return _name_span(doc, lo, i - 1)


def _unnamed(doc: Doc, lo: int, hi: int) -> bool:
    """Whether the tagger took the words for a person, a date or a number: no link of a chain."""
    return any(t.ent_type_ in ("PERSON", "DATE", "CARDINAL") for t in doc[lo:hi])


def _holds(doc: Doc, lo: int, hi: int, name: tuple[int, int]) -> bool:
    """Whether the name at ``name`` hangs on the one at ``lo``-``hi`` as a place holding it would:
    "Ashford, Kent" (Kent an apposition or conjunct of Ashford), never a subject ("in Kyiv, Zelensky
    said")."""
    if _unnamed(doc, *name):
        return False
    roots = [t for t in doc[name[0] : name[1]] if not name[0] <= t.head.i < name[1] or t.head.i == t.i]
    return len(roots) == 1 and roots[0].dep_ in ("appos", "conj") and lo <= roots[0].head.i < hi


def toponyms(doc: Doc) -> tuple[Toponym, ...]:
    """Every place name of ``doc`` as written, event place or not: each GPE, LOC and FAC entity, and a
    name the tagger labelled otherwise (a person, a group) that the resolve stage may still know as a
    place ("DRC"), with the leading words of such a name ("U.S." of "U.S. Centers for Disease
    Control"). Spans are without a leading "the" or a trailing possessive; longest first at a start."""
    found: list[Toponym] = []
    for ent in doc.ents:
        guessed = ent.label_ not in PLACE_LABELS
        if guessed and ent.label_ not in NAME_LABELS - {"DATE"}:
            continue
        spans = [(ent.start_char, ent.end_char)]
        if guessed:
            words = [t for t in ent if t.lower_ != "the"]
            leading = list(itertools.takewhile(lambda t: t.text[:1].isupper(), words))[:3]
            spans += [(ent.start_char, t.idx + len(t.text)) for t in reversed(leading) if t.i < ent.end - 1]
        for start, end in spans:
            toponym = _toponym(doc, start, end, label=ent.label_, part=end < ent.end_char)
            if toponym is not None:
                found.append(toponym)
    return tuple(found)


def _toponym(doc: Doc, start: int, end: int, *, label: str, part: bool) -> Toponym | None:
    text = doc_text(doc)[start:end]
    if text.lower().startswith("the "):
        start, text = start + 4, text[4:]
    if text.endswith(("'s", "’s")):
        end, text = end - 2, text[:-2]
    return Toponym(text=text, start=start, end=end, label=label, part=part) if text.strip() else None


def _in_subject(expr: Expr, trigger: Token) -> bool:
    """Whether a place sits in the trigger's subject ("forces in Yemen fired")."""
    current = expr.root
    for _ in range(8):
        if current.head.i == current.i:
            return False
        if current.head.i == trigger.i:
            return current.dep_ in ("nsubj", "nsubjpass")
        current = current.head
    return False


def is_origin(place: Expr, trigger: Token) -> bool:
    """A place the trigger's event came from or borders on, not where it happened: "rockets were
    launched from a truck near the town of X", "near Qaim on the border with X"."""
    current = place.root
    for _ in range(8):
        if current.i == trigger.i or current.head.i == current.i:
            return False
        if current.dep_ == "prep" and current.lower_ == "from":
            return True
        if current.dep_ == "prep" and current.lower_ == "with" and current.head.lemma_.lower() == "border":
            return True
        current = current.head
    return False


def is_statement_place(place: Expr, trigger: Token, speech: frozenset[str]) -> bool:
    """A place of the statement that reports the trigger's event, not of the event: "officials in Cairo
    said the ferry sank off Crete", "the minister told reporters in Paris that troops had entered X".
    The event happened where it happened, not where it was announced."""
    current = place.root
    for _ in range(8):
        if current.i == trigger.i or current.head.i == current.i:
            return False
        current = current.head
        if current.i == trigger.i:
            return False
        if current.pos_ in ("VERB", "AUX") and current.lemma_.lower() in speech:
            return trigger in current.subtree
    return False


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
        # "Houthi forces in Yemen fired ... in the Red Sea": where the event happened, not where its actor is
        return min(own, key=lambda e: (_in_subject(e, trigger), e.rank, abs(e.root.i - trigger.i)))
    free = [e for e in exprs if e.start not in taken]
    return min(free, key=lambda e: (e.rank, abs(e.root.i - trigger.i)), default=None)
