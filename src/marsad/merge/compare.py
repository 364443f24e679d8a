"""Pairwise comparison of mentions: hard conflicts (never merge) and a score (how alike).

Each feature (actors, place, date) compares to a :class:`Relation`:

- ``SAME``: both sides known and they agree (same label, same town, same day);
- ``NEAR``: both known and compatible but not identical (town within 25 km, a town inside
  a region, a day inside a week);
- ``UNKNOWN``: one side is missing, so nothing can be said;
- ``MISMATCH``: both known, different, but unresolved text, so they might still agree
  (actors: both sides unresolved; an unresolved name against a resolved actor is ``UNKNOWN``);
- ``CLASH``: both known and resolved and they disagree: never merge.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import math
from collections import defaultdict
from collections.abc import Sequence
from enum import Enum

from marsad.merge import clues
from marsad.records import ActorRef, DateRef, FigureKind, Mention, PlaceRef, Precision

log = logging.getLogger(__name__)

Window = tuple[dt.date, dt.date]  # first and last day
Count = tuple[
    FigureKind, int, int | None
]  # a count of the killed or injured: kind, low, high (None: "at least")
_COUNTED = (FigureKind.KILLED, FigureKind.INJURED)

norm = clues.norm  # re-exported: build and figures compare names with it

NEAR_KM = 25.0  # UCDP where_prec 2: "within ~25 km of a known point"
# Types whose two roles may be swapped between reports ("A met B" == "B met A").
SYMMETRIC_TYPES = frozenset({"CONSULT", "COOPERATE", "AGREE"})
# Types whose modes may differ between reports of one happening (a "strike" and a "drone attack").
MODE_FREE_TYPES = frozenset({"ASSAULT", "PROTEST"})
# ACLED's catch-all crowds: "Protesters (Iran)" names a crowd, not an organisation.
CROWD_TYPES = ("Protesters", "Rioters")
# PLOVER sectors of state organs: two organs of one state in one role are not a contradiction.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class Relation(Enum):
    SAME = "same"
    NEAR = "near"
    UNKNOWN = "unknown"
    MISMATCH = "mismatch"
    CLASH = "clash"


@dataclasses.dataclass(frozen=True, slots=True)
class Role:
    """The actors in one role of a mention, as sets of comparable keys."""

    keys: frozenset[str]  # identities of the actors (see actor_keys)
    aliases: frozenset[str]  # the words used for resolved actors, matched against unresolved ones
    resolved: frozenset[str]  # names of the actors the KB resolved
    heads: frozenset[str]  # head words of unresolved descriptions ("port" of "the Red Sea port")
    kinds: frozenset[str]  # target classes of those head words ("ship" for "vessel" and "tanker")
    named: bool  # some unresolved words are a proper name ("Kalliopi Dawn"), not a description
    parents: frozenset[str]  # umbrella organisations ("Popular Mobilization Forces")
    states: frozenset[str]  # countries whose state organs (government, army, police) act here
    civilians: bool  # every resolved actor is civilians ("Civilians (Iraq)")
    civilian_countries: frozenset[str]  # the countries of its civilians
    all_state: bool  # every resolved actor is an organ of a state (its army, police, government)


@dataclasses.dataclass(frozen=True, slots=True)
class Profile:
    """What the comparison needs from one mention, computed once."""

    mention: Mention
    article_id: str
    family: str
    actor1: Role
    actor2: Role
    parties: Role | None  # in a clash, the armed actors of both roles as one side-less set; else None
    window: tuple[dt.date, dt.date] | None  # the days the report may mean, for blocking (a superset)
    # Undated reports only: the days around their article's publication that they may tell of.
    news: tuple[dt.date, dt.date] | None
    core: tuple[dt.date, dt.date] | None  # the days it says
    loose: tuple[dt.date, dt.date] | None  # ``core`` widened by its tolerance (``date_tolerance``)
    # Its sentence counts its day in a run of days ("the second consecutive night"): it tells that day only,
    # so no tolerance applies between it and another article's report (``date_relation``).
    counts_day: bool
    date_words: str  # unresolved date expression, normalised ("monday")
    place_key: str  # place name (else text), normalised
    casualties: frozenset[str]
    # Its counts of the killed and the injured as (kind, low, high), high None for "at least"; a report that
    # counts nothing takes the counts of its sentence's reports of its type (``with_sentence_counts``).
    counts: tuple[Count, ...]
    tokens: frozenset[str]  # spelling keys of the sentence's words (see ``spelling_key``)
    summary: bool  # sums up several happenings ("in two separate attacks") or points back to another
    recalled: bool  # told inside a clause that points back to it ("..., a day after he was shot dead")
    # Re-tells a known happening as someone's deed ("a suspect of the shooting is charged") and names no day:
    # compared as undated, within ``retold_days`` before its article (``news``).
    retold: bool
    published: str  # its article's publication date ("" when unknown): which of two reports came later
    updates: bool  # its sentence tells a count that rose or was revised ("the death toll rises to 20")
    separate: bool  # its sentence opens another happening ("Separately, ...")
    start: int  # where its evidence starts in the article
    sentence_start: int  # where its sentence starts
    period: int | None  # time of day (index into the rules' periods), when one is named
    ordinal: str  # "first", "second": which of an article's attacks this report counts
    headline: frozenset[str]  # spelling keys of the article's headline words that may tell events apart
    # Classes of what its own clause says was hit ("vehicle", "shelter"); else what its headline says
    # was hit, when the headline tells one attack on one kind of target ("Strike on home kills six").
    targets: frozenset[str]
    # Names nothing of its own: no date words or time, no actor the KB knows, no target or weapon, and a
    # place its sentence does not name ("The Health Ministry said three people were wounded"). Its day and
    # town are its article's, so across articles it is weak evidence of which happening it tells.
    bare: bool
    headline_place: bool  # its article's headline names its place: it likely tells the article's event
    # Recalled background that is no re-telling: the extractor's background flag, cleared when the report
    # names a happening the news follows up ("charged with murder for a mass shooting in October", "accused
    # of the bombing"): a follow-up tells the happening it names, however the extractor filed the act judged.
    background: bool


def family(mention: Mention) -> str:
    """The type family: the PLOVER type (modes are compared separately)."""
    return mention.plover_type.upper()


def actor_keys(ref: ActorRef) -> frozenset[str]:
    """The identity of an actor: its KB names when resolved, else the words used.

    The words of a resolved actor are not part of its identity: "the group" may be any group.
    The parent is left out too: sibling factions share it.
    """
    if is_resolved(ref):
        return frozenset(k for k in (clues.norm(ref.label), clues.norm(ref.name), ref.actor_id or "") if k)
    return frozenset(k for k in (clues.norm(ref.text),) if k)


def is_resolved(ref: ActorRef) -> bool:
    return ref.resolved or ref.actor_id is not None


def _role(refs: tuple[ActorRef, ...]) -> Role:
    named = [ref for ref in refs if is_resolved(ref) and not _crowd(ref)]
    described = [ref for ref in refs if ref not in named]
    return Role(
        keys=frozenset(k for ref in refs for k in _identity(ref)),
        aliases=frozenset(clues.norm(ref.text) for ref in named if clues.norm(ref.text)),
        heads=frozenset(h for ref in described if (h := clues.head(ref.text))),
        kinds=frozenset(k for ref in described if (k := clues.head_class(ref.text))),
        named=any(clues.is_name(ref.text) for ref in described),
        resolved=frozenset(k for ref in named for k in actor_keys(ref)),
        parents=frozenset(clues.norm(ref.parent) for ref in refs if ref.parent),
        states=frozenset(ref.country for ref in refs if ref.country and _is_state(ref)),
        civilians=any(is_resolved(r) for r in refs) and all(_is_civilian(r) for r in refs if is_resolved(r)),
        civilian_countries=frozenset(r.country for r in refs if r.country and _is_civilian(r)),
        all_state=all(_is_state(r) and r.country for r in refs if is_resolved(r)),
    )


def _identity(ref: ActorRef) -> frozenset[str]:
    """``actor_keys``, except for a crowd ("Protesters (Iran)") read from a description: its head word
    is its identity ("farmers" and "retired workers" are two crowds)."""
    if is_resolved(ref) and _crowd(ref) and (head := clues.head(ref.text)):
        return frozenset({head})
    return actor_keys(ref)


def _parties(mention: Mention) -> Role:
    """The armed actors of a clash, whatever their role: civilians caught in it are no side."""
    return _role(
        tuple(r for r in (*mention.actor1, *mention.actor2) if not (is_resolved(r) and _is_civilian(r)))
    )


def _crowd(ref: ActorRef) -> bool:
    """ACLED's catch-all protesters or rioters of a country: a crowd, not an organisation, so two
    of them never clash; their descriptions tell them apart."""
    return ref.actor_type in CROWD_TYPES or ref.label.startswith(tuple(f"{t} (" for t in CROWD_TYPES))


def _is_civilian(ref: ActorRef) -> bool:
    return ref.actor_type == "Civilians" or ref.label.startswith("Civilians")


def _is_state(ref: ActorRef) -> bool:
    return ref.actor_type == "State forces" or (ref.sector or "") in STATE_SECTORS


def profile(mention: Mention, sentence: str, published: str | None = None, headline: str = "") -> Profile:
    """What the comparison needs from ``mention``; ``sentence`` holds it, ``published`` and ``headline``
    are its article's publication date and title."""
    ev = mention.evidence
    offset = None if ev.sentence_start is None else ev.start - ev.sentence_start
    own, reference = clues.own_clause(sentence, offset)
    recalled = clues.days_before(sentence, offset) if reference else None
    shift = _recall_shift(mention.date, own, recalled)
    core = _shifted(core_window(mention.date), shift)
    said = _as_said(mention.date, sentence)
    before, after = date_tolerance(said, published)
    retells = clues.retells(sentence, offset) or clues.retold_by_lead(sentence, offset, mention.trigger)
    retold = _retold_window(mention.date, published) if retells else None
    if retold is not None:
        core = None  # the article's day is when it was told, not when it happened
    counted = clues.ordinal(ev.text) or clues.ordinal(own)
    return Profile(
        mention=mention,
        article_id=mention.article_id,
        family=family(mention),
        actor1=_role(mention.actor1),
        actor2=_role(mention.actor2),
        parties=_parties(mention) if clues.tells_clash(own) else None,
        window=None if retold is not None else _shifted(date_window(said), shift),
        news=retold or (news_window(published) if core is None else None),
        core=core,
        loose=None if core is None else (core[0] - before * _ONE_DAY, core[1] + after * _ONE_DAY),
        counts_day=clues.counts_day(own),
        date_words=_date_words(mention.date.text),
        place_key=place_key(mention.place) if mention.place else "",
        casualties=frozenset(clues.norm(name) for name in mention.named_casualties if clues.norm(name)),
        counts=_counts(mention),
        tokens=clues.tokens(own),
        summary=(reference and recalled is None) or clues.sums_up(own, headline),
        recalled=recalled is not None,
        retold=retold is not None,
        published=(published or "")[:10],
        updates=clues.updates_toll(sentence),
        separate=clues.opens_another(sentence) or counted not in ("", "first"),
        start=ev.start,
        sentence_start=ev.start if ev.sentence_start is None else ev.sentence_start,
        period=clues.time_of_day(f"{said.text or ''} {ev.text}", own),
        ordinal=counted,
        headline=clues.headline_tokens(headline)
        - clues.rules().generic_headline
        - {clues.singular(k) for k in _place_keys(mention.place)},
        targets=clues.target_classes(own) or clues.headline_target(headline),
        bare=_bare(mention, sentence, own),
        headline_place=mention.place is not None
        and _names_place(clues.tokens(clues.headline_main(headline)), mention.place),
        background=mention.background and not retells,
    )


def _retold_window(date: DateRef, published: str | None) -> Window | None:
    """The days a re-told happening may lie in (``retold_days`` up to its article's publication), when its
    report names no day of its own and took the article's; else None (its own day stands)."""
    if clues.norm(date.text) or date.precision is not Precision.DAY or not date.date or not published:
        return None
    if date.date[:10] != published[:10]:
        return None
    try:
        day = dt.date.fromisoformat(published[:10])
    except ValueError:
        return None
    return day - clues.rules().retold_days * _ONE_DAY, day


def _as_said(date: DateRef, sentence: str) -> DateRef:
    """The date with the loose word the sentence puts right before its words: an expression read as
    "on Tuesday" from "late on Tuesday" is a loose day all the same."""
    if not date.text or (at := sentence.find(date.text)) <= 0:
        return date
    before = sentence[:at].split()[-1:]
    if before and clues.loose_words(before[0]) and not clues.loose_words(date.text):
        return dataclasses.replace(date, text=f"{before[0]} {date.text}")
    return date


def _recall_shift(date: DateRef, own: str, recalled: tuple[int, int] | None) -> tuple[int, int]:
    """Days (fewest, most) a report's happening lies before its resolved day. A report inside a clause
    that points back ("mourners buried him on Saturday, a day after he was shot dead") took the
    sentence's day, so its happening lies that many days earlier; unless its own clause says its day."""
    if recalled is None:
        return 0, 0
    words = _date_words(date.text)
    if words and f" {words} " in f" {clues.norm(own)} ":
        return 0, 0
    return recalled


def _shifted(window: Window | None, shift: tuple[int, int]) -> Window | None:
    if window is None or shift == (0, 0):
        return window
    return window[0] - shift[1] * _ONE_DAY, window[1] - shift[0] * _ONE_DAY


def _bare(mention: Mention, sentence: str, own: str) -> bool:
    if clues.norm(mention.date.text) or clues.target_classes(own) or mention.weapons or clues.periods(own):
        return False  # its own day, target, weapon ("three Katyusha rockets") or time ("before 11 pm")
    if any(is_resolved(ref) and not _is_civilian(ref) for ref in (*mention.actor1, *mention.actor2)):
        return False
    return mention.place is None or not _names_place(clues.tokens(sentence), mention.place)


def with_sentence_dates(profiles: Sequence[Profile]) -> list[Profile]:
    """The profiles, where a report with no date words takes the day its sentence says: one sentence
    tells one time, so in "Late on Monday, the Houthis fired two missiles, which were both shot down"
    the shooting down is Monday's, not the publication day the resolver defaulted it to. Only when
    the sentence's dated reports agree on one day; recalled and background reports neither give nor
    take one. ``profiles`` keep their order."""
    said: dict[tuple[str, int], set[Window | None]] = defaultdict(set)
    donors: dict[tuple[str, int], Profile] = {}
    for p in profiles:
        if p.date_words and not p.recalled and _said_day(p):
            key = (p.article_id, p.sentence_start)
            said[key].add(p.core)
            donors.setdefault(key, p)
    _carry_to_bare_sentences(profiles, said, donors)
    found = []
    for p in profiles:
        key = (p.article_id, p.sentence_start)
        donor = donors.get(key)
        keeps_own = p.date_words or p.recalled or p.retold or p.mention.background
        if keeps_own or donor is None or len(said[key]) != 1:
            found.append(p)
            continue
        found.append(
            dataclasses.replace(
                p,
                core=donor.core,
                loose=donor.loose,
                window=donor.window,
                news=donor.news,
                date_words=donor.date_words,
            )
        )
    return found


def with_sentence_counts(profiles: Sequence[Profile]) -> list[Profile]:
    """The profiles, where a report that counts no dead or injured takes the counts its sentence tells of its
    type: in "Two people are killed and 18 injured in a mass shooting at the church", the shooting is the
    one that killed two. Only when the sentence's reports of that type agree on one count for each kind;
    recalled, background and summing-up reports neither give nor take one. ``profiles`` keep their order."""
    told: dict[tuple[str, int, str], set[tuple[Count, ...]]] = defaultdict(set)
    for p in profiles:
        if p.counts and not (p.recalled or p.summary or p.mention.background):
            told[(p.article_id, p.sentence_start, p.family)].add(p.counts)
    found = []
    for p in profiles:
        counts = told.get((p.article_id, p.sentence_start, p.family), set())
        if p.counts or p.recalled or p.summary or p.mention.background or len(counts) != 1:
            found.append(p)
        else:
            found.append(dataclasses.replace(p, counts=next(iter(counts))))
    return found


def _carry_to_bare_sentences(
    profiles: Sequence[Profile],
    said: dict[tuple[str, int], set[Window | None]],
    donors: dict[tuple[str, int], Profile],
) -> None:
    """A sentence whose reports are all bare ("One was shot down and the other crashed") goes on with
    the happening of the sentence right before it, and so with its day, unless it opens another
    happening. Sentences are taken in order, so the day carries on through such sentences."""
    sentences: dict[tuple[str, int], list[Profile]] = defaultdict(list)
    for p in profiles:
        sentences[(p.article_id, p.sentence_start)].append(p)
    last: dict[str, tuple[int, int]] = {}  # article -> (start, end) of the sentence before
    for key in sorted(sentences):
        article, start = key
        reports = sentences[key]
        previous = last.get(article)
        end = max((r.mention.evidence.sentence_end or r.start) for r in reports)
        last[article] = (start, end)
        if key in donors or previous is None or start - previous[1] > _ADJACENT:
            continue
        before = (article, previous[0])
        if before in donors and all(r.bare and not r.separate and not r.recalled for r in reports):
            donors[key], said[key] = donors[before], said[before]


_ADJACENT = 3  # characters between two sentences that follow each other (a space, a paragraph break)


def _said_day(report: Profile) -> bool:
    """A day the sentence tells as its own time: not a recalled happening's ("signed in March 2025")."""
    return (
        report.core is not None
        and report.mention.date.precision is Precision.DAY
        and not report.mention.background
    )


def _place_keys(place: PlaceRef | None) -> frozenset[str]:
    if place is None:
        return frozenset()
    return clues.tokens(f"{place.name or ''} {place.text}")


def date_window(ref: DateRef) -> tuple[dt.date, dt.date] | None:
    """The days a report's date may mean, for blocking: its core window (``core_window``) widened
    by the largest tolerance ``date_tolerance`` may grant it (a superset, so that no pair the
    comparison would accept goes uncompared)."""
    core = core_window(ref)
    if core is None or ref.precision is not Precision.DAY:
        return core
    if not clues.norm(ref.text):
        return core[0] - _ONE_DAY, core[1]
    if clues.loose_words(ref.text):
        return core[0] - _ONE_DAY, core[1] + _ONE_DAY
    return core


def date_tolerance(ref: DateRef, published: str | None) -> tuple[int, int]:
    """Days a report's day may be off (before, after). A day with no date words that is the
    publication day was not said but defaulted, and reports come after the event: it may be the
    day before. A day said "late", "overnight" or "at dawn" straddles midnight: a day either way.
    Other days are exact, including a day taken from a neighbouring clause."""
    if ref.precision is not Precision.DAY or not ref.date:
        return 0, 0
    if not clues.norm(ref.text):
        return (1, 0) if published and ref.date[:10] == published[:10] else (0, 0)
    return (1, 1) if clues.loose_words(ref.text) else (0, 0)


_ONE_DAY = dt.timedelta(days=1)


def core_window(ref: DateRef) -> tuple[dt.date, dt.date] | None:
    """The days a resolved date covers (ACLED: week and month dates sit at the midpoint)."""
    if not ref.date:
        return None
    try:
        if len(ref.date) == 4:
            year = int(ref.date)
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        day = dt.date.fromisoformat(ref.date[:10])
    except ValueError:
        log.warning("unreadable date %r in a mention; compared as unknown", ref.date)
        return None
    if ref.precision is Precision.WEEK:
        return day - dt.timedelta(days=3), day + dt.timedelta(days=3)
    if ref.precision is Precision.MONTH:
        first = day.replace(day=1)
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        return first, last
    if ref.precision is Precision.YEAR:
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    return day, day


def date_relation(a: Profile, b: Profile) -> Relation:
    """SAME: one day; NEAR: overlapping windows, or, across articles, one report's loose day next to
    the other's; CLASH: apart even with the tolerance. A tolerance is one report's, not the sum of
    two: "late Sunday" and an inferred Tuesday are two days apart. Within one article the dates
    come from one writer and one resolution, so a day apart stays apart. A report that counts its day
    in a run of days ("the second consecutive night of riots") grants no tolerance: each day of the
    run is an event (ACLED's unit is one day)."""
    ca, cb = a.core, b.core
    if ca is not None and cb is not None and a.loose is not None and b.loose is not None:
        if _overlap(ca, cb):
            return Relation.SAME if ca == cb and ca[0] == ca[1] else Relation.NEAR
        if a.counts_day or b.counts_day:
            return Relation.CLASH  # one day of a run of days: the day before or after is another event
        if a.article_id != b.article_id and (_overlap(a.loose, cb) or _overlap(ca, b.loose)):
            return Relation.NEAR
        return Relation.CLASH
    if news_apart(a, b):
        return Relation.CLASH
    if _recently_retold(a, b) or _recently_retold(b, a):
        return Relation.NEAR
    return _text_date_relation(a.date_words, b.date_words)


def _recently_retold(told: Profile, other: Profile) -> bool:
    """A re-told happening ("the recent car explosion", "the gunman of the attack on the beach is charged")
    against a dated report of the month before the re-telling's article: follow-ups come days or weeks after
    the happening, so that day is as near as an agreeing date says. Further back it is only not excluded."""
    if not told.retold or told.news is None or other.core is None:
        return False
    told_on = told.news[1]
    recent = (told_on - clues.rules().undated_news_days * _ONE_DAY, told_on)
    return _overlap(recent, other.core)


def news_window(published: str | None) -> tuple[dt.date, dt.date] | None:
    """The days an undated report of an article published on ``published`` may tell of."""
    try:
        day = dt.date.fromisoformat((published or "")[:10])
    except ValueError:
        return None
    span = clues.rules().undated_news_days * _ONE_DAY
    return day - span, day + span


def news_apart(a: Profile, b: Profile) -> bool:
    """Whether an undated report of the two lies outside the news window the other's days allow."""
    return _outside_news(a, b) or _outside_news(b, a)


def _outside_news(undated: Profile, other: Profile) -> bool:
    """An undated report against a report known (dated) or published to lie outside its news window."""
    if undated.news is None:
        return False
    known = other.core or other.news
    return known is not None and not _overlap(undated.news, known)


def _overlap(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _text_date_relation(ka: str, kb: str) -> Relation:
    """Unresolved date expressions: equal words agree; two different weekdays disagree."""
    if not ka or not kb:
        return Relation.UNKNOWN
    if ka == kb:
        return Relation.NEAR
    days_a = {d for d in _WEEKDAYS if d in ka}
    days_b = {d for d in _WEEKDAYS if d in kb}
    if days_a and days_b and not days_a & days_b:
        return Relation.CLASH
    return Relation.UNKNOWN


_DATE_FILLER = frozenset(
    {"on", "in", "at", "during", "earlier", "early", "late", "later", "this", "the", "of"}
)


def _date_words(text: str | None) -> str:
    """ "earlier on Monday" -> "monday": the words that name the date."""
    return " ".join(w for w in clues.norm(text).split() if w not in _DATE_FILLER)


def place_key(place: PlaceRef) -> str:
    return clues.norm(place.name) or clues.norm(place.text)


def place_relation(a: PlaceRef | None, b: PlaceRef | None) -> Relation:
    if a is None or b is None or not place_key(a) or not place_key(b):
        return Relation.UNKNOWN
    if at_sea(a) or at_sea(b):
        # A sea borders many shores: "the Red Sea" and "off Mocha" may be one attack on one ship.
        return Relation.SAME if place_key(a) == place_key(b) else Relation.UNKNOWN
    if a.country and b.country and a.country != b.country:
        return Relation.CLASH
    if _opposite_sides(a, b) or _opposite_sides(b, a):
        return Relation.CLASH
    if _country_only(a) and _country_only(b):
        return Relation.NEAR  # one country is no spot: "Russia" and "Russia" may be two towns apart
    if place_key(a) == place_key(b) or _spelled_alike(a, b):
        return Relation.SAME
    if _country_only(a) or _country_only(b):
        if not (a.country and b.country):
            return Relation.UNKNOWN  # "Iraq" against a village the gazetteer does not know
        return Relation.NEAR  # same country (checked above) and nothing finer on one side
    if _inside(a, b) or _inside(b, a):
        return Relation.NEAR
    if _distinct_localities(a, b):
        return Relation.CLASH
    distance = km(a, b)
    if distance is not None and distance <= NEAR_KM and not (_region(a) or _region(b)):
        return Relation.NEAR  # a region's point is its middle: only towns are near by distance
    if place_resolved(a) and place_resolved(b):
        return Relation.CLASH
    return Relation.MISMATCH  # "Palestine Street" may well be in Baghdad


# Compass words of a place text ("eastern Khan Younis") and the side of the town they name:
# (axis, sign), with axis 0 for latitude and 1 for longitude.
_SIDES = {
    "north": (0, 1), "northern": (0, 1), "south": (0, -1), "southern": (0, -1),
    "east": (1, 1), "eastern": (1, 1), "west": (1, -1), "western": (1, -1),
}  # fmt: skip
_SIDE_MARGIN = 0.01  # degrees (about 1 km): a place this close to the centre lies on no side


def _opposite_sides(part: PlaceRef, other: PlaceRef) -> bool:
    """ "eastern Khan Younis" against a place west of Khan Younis's centre (al-Mawasi), or against
    "western Khan Younis": two parts of one town that cannot be one spot."""
    side = _side(part)
    if side is None:
        return False
    axis, sign = side
    if place_key(part) == place_key(other):
        return _side(other) == (axis, -sign)
    if part.latitude is None or part.longitude is None or other.latitude is None or other.longitude is None:
        return False
    offset = (other.latitude - part.latitude, other.longitude - part.longitude)[axis]
    return offset * sign < -_SIDE_MARGIN


def _side(place: PlaceRef) -> tuple[int, int] | None:
    found = {_SIDES[w] for w in clues.norm(place.text).split() if w in _SIDES}
    return found.pop() if len(found) == 1 else None


def _distinct_localities(a: PlaceRef, b: PlaceRef) -> bool:
    """Two different named places of one district, neither of them the district's seat: "al-Mawasi"
    and "Bani Suheila" in Khan Younis are two strikes, though 8 km apart. A seat ("Khan Younis")
    may stand for its whole district, so it stays near its localities."""
    if (
        not (place_resolved(a) and place_resolved(b))
        or not a.admin2
        or clues.norm(a.admin2) != clues.norm(b.admin2)
    ):
        return False
    if _is_seat(a) or _is_seat(b) or a.geo_precision not in (1, 2) or b.geo_precision not in (1, 2):
        return False
    return place_key(a) != place_key(b)


def _is_seat(place: PlaceRef) -> bool:
    """A place named after its district or province ("Khan Yunis" in Khan Yunis district)."""
    key = place_key(place)
    return key in (clues.norm(place.admin1), clues.norm(place.admin2))


def report_place_relation(a: Profile, b: Profile) -> Relation:
    """How the places of two reports relate (``place_relation``, with a shortcut for one place name
    each). Places of one province that clash are still NEAR when one report's sentence names both
    ("struck the port of Hodeidah and the nearby Ras Isa terminal"): one raid on two sites of one area."""
    pa, pb = a.mention.place, b.mention.place
    if (
        a.place_key
        and a.place_key == b.place_key
        and pa
        and pb
        and pa.text == pb.text
        and pa.country == pb.country
        and not (_country_only(pa) and _country_only(pb))
    ):
        return Relation.SAME
    relation = place_relation(pa, pb)
    if relation is Relation.NEAR and pa and pb and (_names_finer(a, pa, pb) or _names_finer(b, pb, pa)):
        return Relation.SAME
    if (
        relation is Relation.CLASH
        and pa
        and pb
        and _one_province(pa, pb)
        and (_names_both(a, pa, pb) or _names_both(b, pa, pb))
    ):
        return Relation.NEAR
    return relation


def _names_finer(report: Profile, own: PlaceRef, other: PlaceRef) -> bool:
    """Whether a report placed at ``own`` names ``other``, a nearby place that does not hold ``own``: "at
    Bondi Beach in Sydney" (placed at Sydney) and "the attack on Bondi Beach" name one site. A place that
    holds its own ("near Rafah, Gaza") is only its address."""
    return _names_place(report.tokens, other) and not _inside(own, other)


def _one_province(a: PlaceRef, b: PlaceRef) -> bool:
    return bool(a.admin1) and clues.norm(a.admin1) == clues.norm(b.admin1)


def _names_both(report: Profile, a: PlaceRef, b: PlaceRef) -> bool:
    return _names_place(report.tokens, a) and _names_place(report.tokens, b)


def _names_place(tokens: frozenset[str], place: PlaceRef) -> bool:
    """Whether a sentence (its ``tokens``) names ``place``, in any of its spellings."""
    for name in (place.name, place.text):
        keys = clues.tokens(name or "")
        if keys and keys <= tokens:
            return True
    return False


def at_sea(place: PlaceRef) -> bool:
    """A resolved place in no country: a sea, gulf or strait (the gazetteer gives them no country)."""
    return place_resolved(place) and not place.country and place.latitude is not None


def place_resolved(place: PlaceRef) -> bool:
    return place.resolved or place.name is not None or place.latitude is not None


def _country_only(place: PlaceRef) -> bool:
    """A place known only as a country ("Lebanon"): ACLED records no such location."""
    if not place.country or place.admin1 or place.latitude is not None:
        return False
    return not place.name or clues.norm(place.name) in (
        clues.norm(place.country_name),
        clues.norm(place.country),
    )


def _spelled_alike(a: PlaceRef, b: PlaceRef) -> bool:
    """Two spellings of one name the gazetteer does not know: "Yohmor al-Shaqif" and "Yahmor al-Shqif"."""
    if place_resolved(a) or place_resolved(b):
        return False
    keys_a = [clues.spelling_key(w) for w in place_key(a).split() if w not in _NAME_ARTICLES]
    keys_b = [clues.spelling_key(w) for w in place_key(b).split() if w not in _NAME_ARTICLES]
    return bool(keys_a) and keys_a == keys_b


_NAME_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az"})


def _region(place: PlaceRef) -> bool:
    return place.geo_precision == 3


def _inside(small: PlaceRef, big: PlaceRef) -> bool:
    """``small`` lies in ``big``: "eastern Baghdad" in "Baghdad", or a town in its region (precision 3)."""
    ks, kb = place_key(small), place_key(big)
    if f" {kb} " in f" {clues.norm(small.text)} " or f" {kb} " in f" {ks} ":
        return True
    is_region = big.geo_precision == 3 or (big.latitude is None and big.geo_precision is None)
    if not is_region:
        return False
    if kb in (clues.norm(small.admin1), clues.norm(small.admin2)):
        return True
    return bool(big.admin1) and clues.norm(big.admin1) == clues.norm(small.admin1)


def km(a: PlaceRef, b: PlaceRef) -> float | None:
    """Great-circle distance, or None when a side has no coordinates."""
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def role_relation(a: Role, b: Role) -> Relation:
    """SAME: a shared name, or one is the other's umbrella organisation; NEAR: organs of one state
    (a report's "Washington" is another's "US forces"); CLASH: different resolved actors."""
    if not a.keys or not b.keys:
        return Relation.UNKNOWN
    if a.keys & (b.keys | b.parents | b.aliases) or b.keys & (a.parents | a.aliases):
        return Relation.SAME
    if a.states & b.states:
        return Relation.NEAR
    if a.resolved and b.resolved:
        return Relation.CLASH
    if a.heads & b.heads or a.kinds & b.kinds:
        return Relation.SAME  # "the port" and "the Red Sea port"; "the ship" and "a tanker"
    if a.resolved or b.resolved or a.named or b.named:
        # Words the KB does not know ("a drone", "a reporter for a daily") say little against a KB actor,
        # and a name it does not know ("Kalliopi Dawn") may be any ship, house or man described.
        return Relation.UNKNOWN
    return Relation.MISMATCH  # two different descriptions: "a weapons depot", "a market"


def actor_relations(a: Profile, b: Profile) -> tuple[Relation, Relation]:
    """Relations of (actor1, actor2); symmetric types may match with the roles swapped. When the roles
    clash and either report tells an armed clash, the sides of both are compared as one set instead
    (the first relation): in a clash either side may be named first."""
    straight = (role_relation(a.actor1, b.actor1), _target_relation(a, b))
    if Relation.CLASH in straight and a.family == "ASSAULT" and (a.parties or b.parties) is not None:
        return role_relation(_sides(a), _sides(b)), Relation.UNKNOWN
    if a.family not in SYMMETRIC_TYPES or Relation.CLASH not in straight:
        return straight
    swapped = (role_relation(a.actor1, b.actor2), role_relation(a.actor2, b.actor1))
    return swapped if Relation.CLASH not in swapped else straight


def _sides(report: Profile) -> Role:
    return report.parties if report.parties is not None else _parties(report.mention)


def _target_relation(a: Profile, b: Profile) -> Relation:
    """The actor2 relation. Within one article, civilians against an armed target is no clash:
    "killed four people" in a police account is the same strike as the headline's militia leader
    (ACLED, too, adds civilians killed in a battle to that battle)."""
    relation = role_relation(a.actor2, b.actor2)
    same_article = a.article_id == b.article_id
    if relation is Relation.CLASH and same_article and a.actor2.civilians != b.actor2.civilians:
        return Relation.MISMATCH
    if relation is Relation.CLASH and (
        _people_and_state(a.actor2, b.actor2) or _people_and_state(b.actor2, a.actor2)
    ):
        # A country's civilians against its own state forces: one outlet names whom the strike killed, another
        # whom the attacker says it aimed at ("a military gathering") or the country it struck ("towards
        # Israel"). Two descriptions that differ, not two targets: the pair needs other evidence.
        return Relation.MISMATCH
    if (
        relation is Relation.CLASH
        and a.actor2.civilians
        and b.actor2.civilians
        and not _both_in_countries(a, b)
    ):
        # Civilians of two countries where a report's place is unknown: their country is the
        # resolver's guess from the article ("two people" in an unknown village as "Civilians (Israel)").
        return Relation.UNKNOWN
    return relation


def _people_and_state(people: Role, state: Role) -> bool:
    """Whether ``people`` are civilians of one country and ``state`` only organs of that country's state."""
    return (
        people.civilians
        and len(people.civilian_countries) == 1
        and bool(state.resolved)
        and state.all_state
        and state.states == people.civilian_countries
    )


def _both_in_countries(a: Profile, b: Profile) -> bool:
    pa, pb = a.mention.place, b.mention.place
    return bool(pa and pa.country and pb and pb.country)


def modes_agree(a: Mention, b: Mention) -> bool:
    if family(a) in MODE_FREE_TYPES or not a.plover_mode or not b.plover_mode:
        return True
    return a.plover_mode == b.plover_mode


def conflict(a: Profile, b: Profile) -> str | None:
    """Why two mentions can never be one event, or None when they may be."""
    ma, mb = a.mention, b.mention
    if a.family != b.family or not modes_agree(ma, mb):
        return "type"
    if ma.modality != mb.modality or a.background != b.background:
        return "modality"
    if a.summary != b.summary:
        return "summary"
    if clues.periods_apart(a.period, b.period):
        return "time of day"
    if a.article_id == b.article_id:
        if a.recalled != b.recalled:
            return "reference"  # the happening a clause points back to is not the sentence's own
        if a.ordinal and b.ordinal and a.ordinal != b.ordinal:
            return "ordinal"
        if _opens_after(a, b) or _opens_after(b, a):
            return "separate"
    if report_place_relation(a, b) is Relation.CLASH:
        return "place"
    if date_relation(a, b) is Relation.CLASH:
        return "date"
    if Relation.CLASH in actor_relations(a, b):
        return "actors"
    return None


def _opens_after(later: Profile, earlier: Profile) -> bool:
    """Whether ``later`` opens another happening after ``earlier`` was told ("Separately, ...", "Hours
    later, ...", "In the second strike, ..."); two reports that count the same strike stay together."""
    if not later.separate or earlier.start >= later.sentence_start:
        return False
    return not (later.ordinal and later.ordinal == earlier.ordinal)


_AGREE = frozenset({Relation.SAME, Relation.NEAR})
_DATE_POINTS = {Relation.SAME: 2, Relation.NEAR: 1}
_PLACE_POINTS = {Relation.SAME: 2, Relation.NEAR: 1, Relation.MISMATCH: -1}
_ACTOR_POINTS = {Relation.SAME: 1, Relation.MISMATCH: -2}


def score(a: Profile, b: Profile) -> int:
    """How strongly two compatible mentions look like one happening (integer points)."""
    date, place = date_relation(a, b), report_place_relation(a, b)
    points = 0 if _defaulted_days_apart(a, b) else _DATE_POINTS.get(date, 0)
    points += _PLACE_POINTS.get(place, 0)
    points += sum(_ACTOR_POINTS.get(rel, 0) for rel in actor_relations(a, b))
    if a.casualties & b.casualties:
        points += 2
    points += _text_points(a.tokens, b.tokens)
    if a.article_id != b.article_id:
        if a.bare or b.bare:
            points -= 1  # its day and town are its article's: no evidence of its own
        points += _headline_points(a.headline, b.headline)
        if a.headline_place and b.headline_place and date in _AGREE and place in _AGREE:
            points += 1  # both tell their headline's event, at one place on one day (a conflict is ruled out)
        if a.targets and b.targets and not a.targets & b.targets:
            points -= 2  # "a car" against "a house": as telling as two different target descriptions
        points += kind_points(a.mention, b.mention)
        if other_toll(a, b):
            points -= 2  # "one killed" against "two killed", told as news, not as a toll that rose
    return points


def _defaulted_days_apart(a: Profile, b: Profile) -> bool:
    """Neither report names a day, and the days their articles gave them differ: that they may be one day
    (a report comes the day after) is the tolerance's allowance, not evidence for one happening."""
    if a.date_words or b.date_words or a.core is None or b.core is None or a.core == b.core:
        return False
    return a.core[0] == a.core[1] and b.core[0] == b.core[1] and a.article_id != b.article_id


def other_toll(a: Profile, b: Profile) -> bool:
    """Two reports of different articles that count the killed (or the injured) differently, where the later
    report does not tell its count as a toll that rose ("the death toll rises to 20"): an exact count against
    another, or a count below the other's "at least". Outlets' counts of one happening rarely differ so
    unless the later one updates the earlier."""
    first, later = (a, b) if (a.published, a.article_id) <= (b.published, b.article_id) else (b, a)
    for kind in _COUNTED:
        told_first, told_later = _count(first, kind), _count(later, kind)
        if told_first is None or told_later is None or _counts_agree(told_first, told_later):
            continue
        if later.updates and _at_least(told_later, told_first):
            continue
        return True
    return False


def _count(report: Profile, kind: FigureKind) -> tuple[int, int | None] | None:
    """A report's count of ``kind`` as (low, high), high None for "at least"; else None."""
    for counted, low, high in report.counts:
        if counted is kind:
            return low, high
    return None


def _counts(mention: Mention) -> tuple[Count, ...]:
    """A mention's first count of each kind (killed, injured) it counts."""
    found: dict[FigureKind, Count] = {}
    for figure in mention.figures:
        if figure.kind in _COUNTED and figure.low is not None and figure.kind not in found:
            found[figure.kind] = (figure.kind, figure.low, figure.high)
    return tuple(found[kind] for kind in _COUNTED if kind in found)


def _counts_agree(a: tuple[int, int | None], b: tuple[int, int | None]) -> bool:
    """Whether two counts may be one number: their ranges overlap ("at least" reaches any higher count)."""
    return (a[1] is None or b[0] <= a[1]) and (b[1] is None or a[0] <= b[1])


def _at_least(later: tuple[int, int | None], first: tuple[int, int | None]) -> bool:
    return later[1] is None or later[1] >= first[0]


def kind_points(a: Mention, b: Mention) -> int:
    """+1 when two reports agree on how it was done: the same ACLED sub-event type, the same mode, or
    a shared weapon word ("drone", "rockets")."""
    if a.acled_sub_event_type and a.acled_sub_event_type == b.acled_sub_event_type:
        return 1
    if a.plover_mode and a.plover_mode == b.plover_mode:
        return 1
    weapons_a = {
        w for text in a.weapons for w in clues.headline_tokens(text)
    } - clues.rules().generic_headline
    weapons_b = {
        w for text in b.weapons for w in clues.headline_tokens(text)
    } - clues.rules().generic_headline
    return 1 if weapons_a & weapons_b else 0


def _headline_points(a: frozenset[str], b: frozenset[str]) -> int:
    """Two headlines that share telling words ("Khurmala", "output", "checkpoint", "Katyusha"): +1 for
    two such words, +2 for three or more. Generic words and the place names do not count."""
    shared = len(a & b)
    return 2 if shared >= 3 else 1 if shared >= 2 else 0


def _text_points(a: frozenset[str], b: frozenset[str]) -> int:
    if not a or not b:
        return 0
    jaccard = len(a & b) / len(a | b)
    return 2 if jaccard >= 0.5 else 1 if jaccard >= 0.25 else 0
