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
import re
from enum import Enum

from marsad.records import ActorRef, DateRef, Mention, PlaceRef, Precision

log = logging.getLogger(__name__)

NEAR_KM = 25.0  # UCDP where_prec 2: "within ~25 km of a known point"
# Types whose two roles may be swapped between reports ("A met B" == "B met A").
SYMMETRIC_TYPES = frozenset({"CONSULT", "COOPERATE", "AGREE"})
# Types whose modes may differ between reports of one happening (a "strike" and a "drone attack").
MODE_FREE_TYPES = frozenset({"ASSAULT", "PROTEST"})
# PLOVER sectors of state organs: two organs of one state in one role are not a contradiction.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_STOP_WORDS = (
    "the a an of in on at to and or for by with from that this was were is are has have had "
    "said says its their his her it as after before into over which who"
)
_STOP = frozenset(_STOP_WORDS.split())


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
    parents: frozenset[str]  # umbrella organisations ("Popular Mobilization Forces")
    states: frozenset[str]  # countries whose state organs (government, army, police) act here
    civilians: bool  # every resolved actor is civilians ("Civilians (Iraq)")


@dataclasses.dataclass(frozen=True, slots=True)
class Profile:
    """What the comparison needs from one mention, computed once."""

    mention: Mention
    article_id: str
    family: str
    actor1: Role
    actor2: Role
    window: tuple[dt.date, dt.date] | None
    date_words: str  # unresolved date expression, normalised ("monday")
    place_key: str  # place name (else text), normalised
    casualties: frozenset[str]
    tokens: frozenset[str]


def norm(text: str | None) -> str:
    """Casefolded words without punctuation or a leading article: the key to compare names."""
    if not text:
        return ""
    words = _WORD.findall(text.casefold())
    if words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def family(mention: Mention) -> str:
    """The type family: the PLOVER type (modes are compared separately)."""
    return mention.plover_type.upper()


def actor_keys(ref: ActorRef) -> frozenset[str]:
    """The identity of an actor: its KB names when resolved, else the words used.

    The words of a resolved actor are not part of its identity: "the group" may be any group.
    The parent is left out too: sibling factions share it.
    """
    if is_resolved(ref):
        return frozenset(k for k in (norm(ref.label), norm(ref.name), ref.actor_id or "") if k)
    return frozenset(k for k in (norm(ref.text),) if k)


def is_resolved(ref: ActorRef) -> bool:
    return ref.resolved or ref.actor_id is not None


def _role(refs: tuple[ActorRef, ...]) -> Role:
    return Role(
        keys=frozenset(k for ref in refs for k in actor_keys(ref)),
        aliases=frozenset(norm(ref.text) for ref in refs if is_resolved(ref) and norm(ref.text)),
        resolved=frozenset(k for ref in refs if is_resolved(ref) for k in actor_keys(ref)),
        parents=frozenset(norm(ref.parent) for ref in refs if ref.parent),
        states=frozenset(ref.country for ref in refs if ref.country and _is_state(ref)),
        civilians=any(is_resolved(r) for r in refs) and all(_is_civilian(r) for r in refs if is_resolved(r)),
    )


def _is_civilian(ref: ActorRef) -> bool:
    return ref.actor_type == "Civilians" or ref.label.startswith("Civilians")


def _is_state(ref: ActorRef) -> bool:
    return ref.actor_type == "State forces" or (ref.sector or "") in STATE_SECTORS


def profile(mention: Mention, sentence: str) -> Profile:
    return Profile(
        mention=mention,
        article_id=mention.article_id,
        family=family(mention),
        actor1=_role(mention.actor1),
        actor2=_role(mention.actor2),
        window=date_window(mention.date),
        date_words=_date_words(mention.date.text),
        place_key=place_key(mention.place) if mention.place else "",
        casualties=frozenset(norm(name) for name in mention.named_casualties if norm(name)),
        tokens=frozenset(w for w in _WORD.findall(sentence.casefold()) if len(w) > 2 and w not in _STOP),
    )


def date_window(ref: DateRef) -> tuple[dt.date, dt.date] | None:
    """The days a resolved date may cover (ACLED: week and month dates sit at the midpoint)."""
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
    wa, wb = a.window, b.window
    if wa is not None and wb is not None:
        if wa[1] < wb[0] or wb[1] < wa[0]:
            return Relation.CLASH
        return Relation.SAME if wa == wb and wa[0] == wa[1] else Relation.NEAR
    return _text_date_relation(a.date_words, b.date_words)


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
    return " ".join(w for w in norm(text).split() if w not in _DATE_FILLER)


def place_key(place: PlaceRef) -> str:
    return norm(place.name) or norm(place.text)


def place_relation(a: PlaceRef | None, b: PlaceRef | None) -> Relation:
    if a is None or b is None or not place_key(a) or not place_key(b):
        return Relation.UNKNOWN
    if a.country and b.country and a.country != b.country:
        return Relation.CLASH
    ka, kb = place_key(a), place_key(b)
    if ka == kb:
        return Relation.SAME
    if _country_only(a) or _country_only(b):
        return Relation.NEAR  # same country (checked above) and nothing finer on one side
    distance = km(a, b)
    if distance is not None and distance <= NEAR_KM:
        return Relation.NEAR
    if _inside(a, b) or _inside(b, a):
        return Relation.NEAR
    if place_resolved(a) and place_resolved(b):
        return Relation.CLASH
    return Relation.MISMATCH  # "Palestine Street" may well be in Baghdad


def _place_relation(a: Profile, b: Profile) -> Relation:
    """``place_relation`` with a shortcut for the common case of one place name."""
    pa, pb = a.mention.place, b.mention.place
    if a.place_key and a.place_key == b.place_key and pa and pb and (pa.country == pb.country):
        return Relation.SAME
    return place_relation(pa, pb)


def place_resolved(place: PlaceRef) -> bool:
    return place.resolved or place.name is not None or place.latitude is not None


def _country_only(place: PlaceRef) -> bool:
    """A place known only as a country ("Lebanon"): ACLED records no such location."""
    if not place.country or place.admin1 or place.latitude is not None:
        return False
    return not place.name or norm(place.name) in (norm(place.country_name), norm(place.country))


def _inside(small: PlaceRef, big: PlaceRef) -> bool:
    """``small`` lies in ``big``: "eastern Baghdad" in "Baghdad", or a town in its region (precision 3)."""
    ks, kb = place_key(small), place_key(big)
    if f" {kb} " in f" {norm(small.text)} " or f" {kb} " in f" {ks} ":
        return True
    is_region = big.geo_precision == 3 or (big.latitude is None and big.geo_precision is None)
    if not is_region:
        return False
    if kb in (norm(small.admin1), norm(small.admin2)):
        return True
    return bool(big.admin1) and norm(big.admin1) == norm(small.admin1)


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
    if a.resolved or b.resolved:
        # Words the KB does not know ("a drone", "a reporter for a daily") say little against a KB actor.
        return Relation.UNKNOWN
    return Relation.MISMATCH  # two different descriptions: "a weapons depot", "a market"


def actor_relations(a: Profile, b: Profile) -> tuple[Relation, Relation]:
    """Relations of (actor1, actor2); symmetric types may match with the roles swapped."""
    straight = (role_relation(a.actor1, b.actor1), _target_relation(a, b))
    if a.family not in SYMMETRIC_TYPES or Relation.CLASH not in straight:
        return straight
    swapped = (role_relation(a.actor1, b.actor2), role_relation(a.actor2, b.actor1))
    return swapped if Relation.CLASH not in swapped else straight


def _target_relation(a: Profile, b: Profile) -> Relation:
    """The actor2 relation. Within one article, civilians against an armed target is no clash:
    "killed four people" in a police account is the same strike as the headline's militia leader
    (ACLED, too, adds civilians killed in a battle to that battle)."""
    relation = role_relation(a.actor2, b.actor2)
    same_article = a.article_id == b.article_id
    if relation is Relation.CLASH and same_article and a.actor2.civilians != b.actor2.civilians:
        return Relation.MISMATCH
    return relation


def modes_agree(a: Mention, b: Mention) -> bool:
    if family(a) in MODE_FREE_TYPES or not a.plover_mode or not b.plover_mode:
        return True
    return a.plover_mode == b.plover_mode


def conflict(a: Profile, b: Profile) -> str | None:
    """Why two mentions can never be one event, or None when they may be."""
    ma, mb = a.mention, b.mention
    if a.family != b.family or not modes_agree(ma, mb):
        return "type"
    if ma.modality != mb.modality or ma.background != mb.background:
        return "modality"
    if _place_relation(a, b) is Relation.CLASH:
        return "place"
    if date_relation(a, b) is Relation.CLASH:
        return "date"
    if Relation.CLASH in actor_relations(a, b):
        return "actors"
    return None


_DATE_POINTS = {Relation.SAME: 2, Relation.NEAR: 1}
_PLACE_POINTS = {Relation.SAME: 2, Relation.NEAR: 1, Relation.MISMATCH: -1}
_ACTOR_POINTS = {Relation.SAME: 1, Relation.MISMATCH: -2}


def score(a: Profile, b: Profile) -> int:
    """How strongly two compatible mentions look like one happening (integer points)."""
    points = _DATE_POINTS.get(date_relation(a, b), 0)
    points += _PLACE_POINTS.get(_place_relation(a, b), 0)
    points += sum(_ACTOR_POINTS.get(rel, 0) for rel in actor_relations(a, b))
    if a.casualties & b.casualties:
        points += 2
    points += _text_points(a.tokens, b.tokens)
    return points


def _text_points(a: frozenset[str], b: frozenset[str]) -> int:
    if not a or not b:
        return 0
    jaccard = len(a & b) / len(a | b)
    return 2 if jaccard >= 0.5 else 1 if jaccard >= 0.25 else 0
