"""Clues from the words of a report that the structured fields miss: spelling keys of names, the
clause that tells the report, summaries of several happenings, times of day, counted attacks and
what was hit. Word lists live in ``data/merge_rules.toml``; docs/merge.md explains each rule.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import tomllib
from importlib import resources

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_STOP_WORDS = (
    "the a an of in on at to and or for by with from that this was were is are has have had "
    "said says its their his her it as after before into over which who"
)
_STOP = frozenset(_STOP_WORDS.split())
# The pure text functions below are cached: merge compares every pair of candidate reports, so it asks
# for the keys of the same names, places and headlines many times over. Words and names are few; whole
# clauses are many and rarely asked for again after their article's reports, so they get a smaller cache.
_CACHE_SIZE = 65536
_TEXT_CACHE_SIZE = 16384


@dataclasses.dataclass(frozen=True, slots=True)
class Rules:
    """The merge's word lists (``data/merge_rules.toml``)."""

    loose_date_words: frozenset[str]
    summary: tuple[re.Pattern[str], ...]
    # Clauses that point back to an earlier happening, with the days (fewest, most) that it lies
    # before the sentence's day, or None when the clause does not say ("in retaliation for").
    reference: tuple[tuple[re.Pattern[str], tuple[int, int] | None], ...]
    roundup_headline: tuple[re.Pattern[str], ...]
    plural_attacks: frozenset[str]
    separate: re.Pattern[str]
    generic_heads: frozenset[str]
    periods: tuple[tuple[re.Pattern[str], frozenset[int]], ...]  # words and clock hours per period
    ordinal: re.Pattern[str]
    generic_headline: frozenset[str]  # spelling keys of headline words that tell no event apart
    attack_words: frozenset[str]
    clash_words: frozenset[str]
    headline_casualty_words: frozenset[str]
    target_class: dict[str, str]  # target word -> its class ("vehicle", "dwelling", ...)
    undated_news_days: int  # how far from its publication an undated report may lie
    retold: tuple[re.Pattern[str], ...]  # cues of a report that re-tells a known happening
    retold_days: int  # how long before its publication a re-told happening may lie
    retold_leads: tuple[
        re.Pattern[str], ...
    ]  # words right before an event noun that re-tell a known happening
    toll_update: re.Pattern[str]  # words of a count that rose or was revised
    series_day: re.Pattern[str]  # a day counted in a run of days ("the second consecutive night")


@functools.cache
def rules() -> Rules:
    text = resources.files("marsad.data").joinpath("merge_rules.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    return Rules(
        loose_date_words=frozenset(data["loose_date_words"]),
        summary=tuple(re.compile(pattern, re.IGNORECASE) for pattern in data["summary_patterns"]),
        reference=tuple(
            (re.compile(c["pattern"], re.IGNORECASE), _days(c.get("days_before")))
            for c in data["reference_clauses"]
        ),
        separate=re.compile(data["separate_openers"], re.IGNORECASE),
        roundup_headline=tuple(re.compile(p, re.IGNORECASE) for p in data["roundup_headline_patterns"]),
        plural_attacks=frozenset(data["plural_attack_nouns"]),
        generic_heads=frozenset(data["generic_target_heads"]),
        periods=tuple(
            (
                re.compile(r"\b(" + "|".join(map(re.escape, p["words"])) + r")\b", re.IGNORECASE),
                frozenset(p["hours"]),
            )
            for p in data["time_periods"]
        ),
        ordinal=re.compile(data["ordinal_pattern"], re.IGNORECASE),
        generic_headline=frozenset(singular(spelling_key(w)) for w in data["generic_headline_words"]),
        attack_words=frozenset(data["attack_words"]),
        clash_words=frozenset(data["clash_words"]),
        headline_casualty_words=frozenset(data["headline_casualty_words"]),
        target_class={word: name for name, words in data["target_classes"].items() for word in words},
        undated_news_days=int(data["undated_news_days"]),
        retold=tuple(re.compile(pattern, re.IGNORECASE) for pattern in data["retold_patterns"]),
        retold_days=int(data["retold_days"]),
        retold_leads=tuple(re.compile(pattern, re.IGNORECASE) for pattern in data["retold_lead_patterns"]),
        toll_update=re.compile(data["toll_update_pattern"], re.IGNORECASE),
        series_day=re.compile(data["series_day_pattern"], re.IGNORECASE),
    )


def _days(pair: list[int] | None) -> tuple[int, int] | None:
    return None if pair is None else (int(pair[0]), int(pair[1]))


@functools.lru_cache(maxsize=_CACHE_SIZE)
def norm(text: str | None) -> str:
    """Casefolded words without punctuation or a leading article: the key to compare names."""
    if not text:
        return ""
    words = _WORD.findall(text.casefold())
    if words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def head(text: str | None) -> str:
    """The head word of a description ("the nearby Ras Isa fuel terminal" -> "terminal"), unless generic
    or the description is a name ("Kalliopi Dawn" names a ship; its last word is no kind of thing)."""
    words = norm(text).split()
    if not words or words[-1] in rules().generic_heads or len(words[-1]) < 3 or is_name(text):
        return ""
    return spelling_key(words[-1])


def head_class(text: str | None) -> str:
    """The target class of a description's head word ("ship" for "the vessel" and "a tanker"), or ""."""
    words = norm(text).split()
    if not words or is_name(text):
        return ""
    return rules().target_class.get(words[-1], "")


def is_name(text: str | None) -> bool:
    """Whether a description is a proper name: every word capitalised, after a leading article."""
    words = _WORD.findall(text or "")
    if words and words[0].casefold() in ("the", "a", "an"):
        words = words[1:]
    return bool(words) and all(w[0].isupper() for w in words)


@functools.lru_cache(maxsize=_CACHE_SIZE)
def spelling_key(word: str) -> str:
    """A key that transliterations of one name share: Khurmala/Khormala, Maqsoud/Maksoud/Maqsud,
    Hodeidah/Hudaydah/Hodeida, Mayadin/Mayadeen. The first letter, then consonants only, ``q`` as
    ``k``, doubled letters once, no final ``h``."""
    word = word.casefold().replace("q", "k")
    if not word:
        return ""
    key = word[0] + re.sub(r"[aeiouy]", "", word[1:])
    key = re.sub(r"(.)\1+", r"\1", key)
    return key[:-1] if len(key) > 2 and key.endswith("h") else key


_TARGET_REACH = 6  # words between an attack word and what it hit ("targeted a man riding a motorcycle")


def target_classes(text: str) -> frozenset[str]:
    """Classes of the targets a clause says were hit: the first target word within reach after each
    attack word ("fired a missile at a car"), or before "was hit" ("the car was hit")."""
    words = [w.casefold() for w in _WORD.findall(text)]
    found = set()
    for i, word in enumerate(words):
        if word in rules().attack_words:
            after = (rules().target_class.get(w) for w in words[i + 1 : i + 1 + _TARGET_REACH])
            if (hit := next((c for c in after if c), None)) is not None:
                found.add(hit)
        elif word in ("was", "were") and i + 1 < len(words) and words[i + 1] in rules().attack_words:
            before = (rules().target_class.get(w) for w in reversed(words[max(0, i - 2) : i]))
            if (hit := next((c for c in before if c), None)) is not None:
                found.add(hit)
    return frozenset(found)


_HEADLINE_TAIL = re.compile(
    r"\s(?:after|following|amid|as|in\s+response\s+to|in\s+retaliation\s+for)\s", re.IGNORECASE
)


def headline_main(headline: str) -> str:
    """The part of a headline that tells its own event: "Air defenses down drone over Camp Victory" of
    "... after Green Zone rocket fire" (what follows "after", "amid", "as" is another happening)."""
    match = _HEADLINE_TAIL.search(headline)
    if match is None:
        return headline
    head = headline[: match.start()]
    # "Toll rises after Israeli raids on Hodeida port": a part that names nothing tells no event.
    return head if any(w[0].isupper() for w in _WORD.findall(head)[1:]) else headline


def headline_target(headline: str) -> frozenset[str]:
    """What a headline says was hit, when it tells one attack on one kind of target: an article is about
    its headline's event, so a report of it that names no target of its own hit that target. A
    headline counting several attacks ("Two strikes hit ...") or several kinds of target tells none."""
    if any(pattern.search(headline) for pattern in rules().roundup_headline):
        return frozenset()
    violent = [
        part for part in re.split(r"[,;:]", headline) if target_classes(part) or _tells_casualties(part)
    ]
    if len(violent) != 1:
        return frozenset()  # "Drone kills two on the road, warplanes hit a hangar": two happenings
    found = target_classes(violent[0])
    return found if len(found) == 1 else frozenset()


def _tells_casualties(text: str) -> bool:
    return any(word.casefold() in rules().headline_casualty_words for word in _WORD.findall(text))


def tells_clash(clause: str) -> bool:
    """Whether a clause tells an armed clash ("clashes between A and B"), whose sides have no order."""
    return any(word.casefold() in rules().clash_words for word in _WORD.findall(clause))


def sums_up(clause: str, headline: str) -> bool:
    """Whether a clause sums up several happenings: "in two separate attacks", or, under a headline
    that counts several ("Two Israeli strikes in Khan Yunis kill six"), a plural attack noun."""
    if any(pattern.search(clause) for pattern in rules().summary):
        return True
    if not any(pattern.search(headline) for pattern in rules().roundup_headline):
        return False
    return any(word.casefold() in rules().plural_attacks for word in _WORD.findall(clause))


def own_clause(sentence: str, offset: int | None) -> tuple[str, bool]:
    """The part of ``sentence`` that tells the report at ``offset``, and whether that part only points
    back to another happening ("..., hours after an overnight strike on a house in Abasan")."""
    clause, inside, _days = _reference(sentence, offset)
    return clause, inside


_RETOLD_REACH = 30  # characters into a report's evidence that a retold cue may start ("main perpetrator who")


def retells(sentence: str, offset: int | None) -> bool:
    """Whether the report at ``offset`` re-tells a happening as the deed of someone the sentence is about
    ("a suspect of the mass shooting ...", "... after he killed two officers"): a cue of
    ``retold_patterns`` that ends at or after the report's start and starts within its first words."""
    if offset is None:
        return False
    for pattern in rules().retold:
        for match in pattern.finditer(sentence):
            if match.start() <= offset + _RETOLD_REACH and match.end() >= offset - 1:
                return True
    return False


_TRIGGER_REACH = 40  # characters into a report's evidence its trigger word may start ("recent car explosion")


def retold_by_lead(sentence: str, offset: int | None, trigger: str) -> bool:
    """Whether the report at ``offset`` names its happening by a noun that the words before it mark as
    known ("the recent car explosion", "charged with murder for a mass shooting that ..."): a pattern of
    ``retold_lead_patterns`` that ends right before the report's trigger word."""
    if offset is None or not trigger:
        return False
    at = sentence.lower().find(trigger.lower(), offset, offset + _TRIGGER_REACH + len(trigger))
    if at < 0:
        return False
    before = sentence[:at]
    return any(pattern.search(before) for pattern in rules().retold_leads)


def updates_toll(sentence: str) -> bool:
    """Whether the sentence tells a count that rose or was revised ("the death toll rises to 20")."""
    return rules().toll_update.search(sentence) is not None


def counts_day(sentence: str) -> bool:
    """Whether the sentence counts its day in a run of days ("the second consecutive night of disorder"):
    it tells that day's happening, not the day before's."""
    return rules().series_day.search(sentence) is not None


def days_before(sentence: str, offset: int | None) -> tuple[int, int] | None:
    """For a report inside a clause that points back ("..., a day after settlers shot him"): how many
    days (fewest, most) before the sentence's day it happened; None when the clause does not say,
    or when the report is not inside such a clause."""
    return _reference(sentence, offset)[2]


def _reference(sentence: str, offset: int | None) -> tuple[str, bool, tuple[int, int] | None]:
    """``own_clause``'s clause and whether the report is inside a reference clause, with that clause's
    days before (see ``days_before``)."""
    if offset is None:
        return sentence, False, None
    for pattern, days in rules().reference:
        match = pattern.search(sentence)
        if match is None or _TIME_AFTER.match(sentence, match.end()):
            continue  # "shortly after 7 pm" names a time, not another happening
        if offset >= match.end():
            opening = _opening_clause_end(sentence, match)
            if opening is not None and offset >= opening:
                # "Hours after the raids, the Houthis fired ...": the report is the main clause.
                return sentence[opening:], False, None
            return sentence[match.end() : opening], True, days
        if offset < match.start():
            return sentence[: match.start()], False, None
    return sentence, False, None


_TIME_AFTER = re.compile(
    r"\s*(?:about\s+|around\s+)?(?:\d|midnight|noon|midday|dawn|daybreak|dusk|sunset|sunrise|nightfall)",
    re.IGNORECASE,
)


def _opening_clause_end(sentence: str, match: re.Match[str]) -> int | None:
    """Where a reference clause that opens its sentence ends ("Hours after the raids, ..."): after its
    comma. None when the clause does not open the sentence, or has no comma."""
    if sentence[: match.start()].strip(" \t\n\"'“‘(") or (comma := sentence.find(",", match.end())) < 0:
        return None
    return comma + 1


_CLOCK = re.compile(r"\b(\d{1,2})(?::\d{2})?\s*([ap])\.?\s?m\b\.?", re.IGNORECASE)
_CLOCK_24 = re.compile(r"\b([01]?\d|2[0-3]):[0-5]\d\b(?!\s*[ap]\.?\s?m\b)", re.IGNORECASE)


@functools.lru_cache(maxsize=_TEXT_CACHE_SIZE)
def periods(text: str) -> frozenset[int]:
    """The times of day a text names: words ("evening") and clock times ("7 pm"). Frozen, so that the
    cached answer can be handed to every caller."""
    found = {i for i, (words, _hours) in enumerate(rules().periods) if words.search(text)}
    for hour_text, half in _CLOCK.findall(text):
        hour = int(hour_text) % 12 + (12 if half.casefold() == "p" else 0)
        found.update(i for i, (_words, hours) in enumerate(rules().periods) if hour in hours)
    for hour_text in _CLOCK_24.findall(text):
        found.update(i for i, (_words, hours) in enumerate(rules().periods) if int(hour_text) in hours)
    return frozenset(found)


def period(text: str) -> int | None:
    """The one time of day a text names, or None when it names none or several."""
    found = periods(text)
    return next(iter(found)) if len(found) == 1 else None


def time_of_day(told: str, clause: str) -> int | None:
    """The time of day of a report: from its date words and evidence (``told``) when they name any,
    else from its clause."""
    return period(told) if periods(told) else period(clause)


def opens_another(sentence: str) -> bool:
    """Whether a sentence opens another happening than the ones before it ("Separately, ...")."""
    return bool(rules().separate.search(sentence))


def ordinal(text: str) -> str:
    """ "In the second strike" -> "second"; "" when the text counts no attack, or counts two."""
    found = {match.group(1).casefold() for match in rules().ordinal.finditer(text)}
    return found.pop() if len(found) == 1 else ""


def periods_apart(a: int | None, b: int | None) -> bool:
    """Two times of day two or more steps apart round the clock (morning and evening, not night and dawn)."""
    if a is None or b is None:
        return False
    steps = abs(a - b)
    return min(steps, len(rules().periods) - steps) >= 2


def singular(key: str) -> str:
    """A spelling key without a plural's final "s": "rockets" and "rocket", "Houthis" and "Houthi"."""
    if len(key) <= 3 or not key.endswith("s"):
        return key
    key = key[:-1]
    return (
        key[:-1] if len(key) > 2 and key.endswith("h") else key
    )  # as ``spelling_key``: "Houthis" -> "Houthi"


@functools.lru_cache(maxsize=_TEXT_CACHE_SIZE)
def headline_tokens(text: str) -> frozenset[str]:
    """Spelling keys of a headline's words, singular: headlines say "Rocket fire" and "Rockets"."""
    return frozenset(singular(k) for k in tokens(text))


@functools.lru_cache(maxsize=_TEXT_CACHE_SIZE)
def tokens(text: str) -> frozenset[str]:
    words = _WORD.findall(text.casefold())
    return frozenset(spelling_key(w) for w in words if len(w) > 2 and w not in _STOP)


def loose_words(text: str | None) -> bool:
    padded = f" {norm(text)} "
    return any(f" {word} " in padded for word in rules().loose_date_words)
