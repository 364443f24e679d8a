"""Build one :class:`Event` from the mentions of one cluster (given in canonical order)."""

from __future__ import annotations

import dataclasses
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TypeVar

from marsad import acled
from marsad.merge.compare import SYMMETRIC_TYPES, actor_keys, norm, place_key
from marsad.merge.figures import Range, claim_sources, collect_claims, describe, figure_range, outlet
from marsad.records import (
    ActorRef,
    Article,
    DateRef,
    Event,
    FigureKind,
    Mention,
    PlaceRef,
    Precision,
    content_id,
)
from marsad.sanity import killed_needs_review, review_flags

log = logging.getLogger(__name__)

EVENT_ID_PREFIX = "ev-"

T = TypeVar("T")
_PRECISION_ORDER = (Precision.DAY, Precision.WEEK, Precision.MONTH, Precision.YEAR, Precision.UNKNOWN)


def event_id(founder: Mention) -> str:
    """An event is named after its founding mention (the first in canonical order)."""
    return content_id("event", founder.id, prefix=EVENT_ID_PREFIX)


def build_event(mentions: Sequence[Mention], articles: Mapping[str, Article]) -> Event:
    founder = mentions[0]
    claims = collect_claims(mentions, articles)
    killed = figure_range(claims, FigureKind.KILLED)
    mode = _most_common(m.plover_mode for m in mentions)
    acled_type, acled_sub = _acled([m for m in mentions if m.plover_mode == mode] or mentions)
    roles = _oriented_roles(mentions)
    event = Event(
        id=event_id(founder),
        plover_type=founder.plover_type,
        plover_mode=mode,
        acled_event_type=acled_type,
        acled_sub_event_type=acled_sub,
        actor1=_actors(_named(role1) for role1, _role2 in roles) or _unnamed_actor1(mentions, mode),
        actor2=_actors(_named(role2) for _role1, role2 in roles) or _unnamed_actor2(mentions, mode),
        place=_place(mentions),
        date=_date(mentions),
        fatalities_low=killed.low,
        fatalities_high=killed.high,
        # A toll no single event carries is kept for review but not counted (marsad.sanity).
        fatalities_best=None if killed_needs_review(killed.low, killed.high) else killed.best,
        injured=figure_range(claims, FigureKind.INJURED).best,
        arrested=figure_range(claims, FigureKind.ARRESTED).best,
        weapons=_union(w for m in mentions for w in (*m.weapons, *_claim_weapons(m))),
        named_casualties=_union(n for m in mentions for n in m.named_casualties),
        claims=claims,
        modality=founder.modality,
        background=founder.background,
        mention_ids=tuple(sorted({m.id for m in mentions})),
        article_ids=tuple(sorted({m.article_id for m in mentions})),
        sources=tuple(sorted({outlet(m, articles) for m in mentions})),
    )
    return _with_notes(event)


def _named(refs: tuple[ActorRef, ...]) -> tuple[ActorRef, ...]:
    """A role's actors without the common-noun fragments that name nobody ("the group")."""
    return tuple(ref for ref in refs if not ref.fragment)


def _unnamed_actor1(mentions: Sequence[Mention], mode: str | None) -> tuple[ActorRef, ...]:
    """ACLED's actor 1 for an event none of whose reports names an agent (Protesters (X) for a protest),
    as the resolve stage gave it; the reports of the event's mode first."""
    return _first_unnamed([m.unnamed_actor1 for m in _mode_first(mentions, mode)])


def _unnamed_actor2(mentions: Sequence[Mention], mode: str | None) -> tuple[ActorRef, ...]:
    """ACLED's actor 2 for an event none of whose reports names a target (the Government of X for a
    protest, Civilians (X) for violence against civilians); the reports of the event's mode first."""
    return _first_unnamed([m.unnamed_actor2 for m in _mode_first(mentions, mode)])


def _mode_first(mentions: Sequence[Mention], mode: str | None) -> list[Mention]:
    return [m for m in mentions if m.plover_mode == mode] + [m for m in mentions if m.plover_mode != mode]


def _first_unnamed(refs: Sequence[ActorRef | None]) -> tuple[ActorRef, ...]:
    return next(((ref,) for ref in refs if ref is not None), ())


def _claim_weapons(mention: Mention) -> tuple[str, ...]:
    return tuple(w for claim in mention.claims for w in claim.weapons)


def _most_common(values: Iterable[str | None]) -> str | None:
    """The most frequent set value; ties go to the first seen (canonical order)."""
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    return max(counts, key=lambda v: counts[v])  # Counter keeps first-seen order; max keeps the first tie


def _acled(mentions: Sequence[Mention]) -> tuple[str | None, str | None]:
    """ACLED's higher type wins among the given reports (the caller passes those of the event's mode,
    since a report that names no weapon, "the strike killed two", reads as a clash)."""
    pairs = {(m.acled_event_type, m.acled_sub_event_type) for m in mentions if m.acled_event_type}
    if not pairs:
        return None, None
    return min(pairs, key=_acled_rank)


def _acled_rank(pair: tuple[str | None, str | None]) -> tuple[int, int, str, str]:
    event_type, sub = pair
    for t_rank, (name, subs) in enumerate(acled.hierarchy()):
        if name == event_type:
            s_rank = subs.index(sub) if sub in subs else len(subs)
            return t_rank, s_rank, event_type or "", sub or ""
    return len(acled.hierarchy()), 0, event_type or "", sub or ""


Roles = tuple[tuple[ActorRef, ...], tuple[ActorRef, ...]]


def _oriented_roles(mentions: Sequence[Mention]) -> list[Roles]:
    """Each mention's (actor1, actor2); for symmetric types ("A met B" == "B met A"), a mention's
    roles are swapped when that agrees better with the roles seen so far (canonical order)."""
    if mentions[0].plover_type.upper() not in SYMMETRIC_TYPES:
        return [(m.actor1, m.actor2) for m in mentions]
    seen1: set[str] = set()
    seen2: set[str] = set()
    out: list[Roles] = []
    for m in mentions:
        keys1 = {k for ref in m.actor1 for k in actor_keys(ref)}
        keys2 = {k for ref in m.actor2 for k in actor_keys(ref)}
        straight = len(keys1 & seen1) + len(keys2 & seen2)
        swapped = len(keys1 & seen2) + len(keys2 & seen1)
        if swapped > straight:
            m_roles: Roles = (m.actor2, m.actor1)
            keys1, keys2 = keys2, keys1
        else:
            m_roles = (m.actor1, m.actor2)
        out.append(m_roles)
        seen1 |= keys1
        seen2 |= keys2
    return out


def _actors(roles: Iterable[tuple[ActorRef, ...]]) -> tuple[ActorRef, ...]:
    """Union by label. Unresolved names are dropped when the role has resolved ones.

    Order: most often named first, then by label; the representative of a label is its
    most complete reference (resolved first, then most fields set, then first seen).
    """
    refs = [ref for role in roles for ref in role]
    if any(ref.resolved for ref in refs):
        refs = [ref for ref in refs if ref.resolved]
    by_label: dict[str, list[ActorRef]] = {}
    for ref in refs:
        by_label.setdefault(norm(ref.label), []).append(ref)
    ranked = sorted(by_label.items(), key=lambda item: (-len(item[1]), item[0]))
    return tuple(_best(group, _actor_completeness) for _label, group in ranked)


def _actor_completeness(ref: ActorRef) -> int:
    filled = sum(v is not None for v in (ref.name, ref.actor_id, ref.org, ref.country))
    return int(ref.resolved) * 100 + filled


def _best(group: Sequence[T], merit: Callable[[T], int]) -> T:
    top = max(merit(item) for item in group)
    return next(item for item in group if merit(item) == top)


def _place(mentions: Sequence[Mention]) -> PlaceRef | None:
    """The most precise resolved place: lowest geo_precision, then most often named, then first."""
    places = [m.place for m in mentions if m.place is not None and place_key(m.place)]
    if not places:
        return None
    counts = Counter(place_key(p) for p in places)

    def rank(p: PlaceRef) -> tuple[int, int, int]:
        precision = p.geo_precision if p.geo_precision is not None else 4
        return (0 if p.resolved else 1, precision, -counts[place_key(p)])

    top = min(rank(p) for p in places)
    return next(p for p in places if rank(p) == top)


def _date(mentions: Sequence[Mention]) -> DateRef:
    """The most precise resolved date, the earliest on ties; else the first date expression."""
    dated = [m.date for m in mentions if m.date.date]
    if dated:
        return min(dated, key=lambda d: (_PRECISION_ORDER.index(d.precision), d.date or "", d.text or ""))
    return next((m.date for m in mentions if m.date.text), DateRef())


def _union(values: Iterable[str]) -> tuple[str, ...]:
    """Distinct strings (case-insensitive, first spelling kept), sorted."""
    seen: dict[str, str] = {}
    for value in values:
        seen.setdefault(norm(value), value)
    return tuple(seen[k] for k in sorted(seen) if k)


def _with_notes(event: Event) -> Event:
    return dataclasses.replace(event, notes=notes(event))


def notes(event: Event) -> str:
    """A short ACLED-style summary: when, who, what, where, how many, who says so."""
    when = event.date.date or event.date.text or "On an unknown date"
    who = "; ".join(a.label for a in event.actor1) or "Unidentified actor"
    what = event.plover_type + (f" ({event.plover_mode})" if event.plover_mode else "")
    whom = "; ".join(a.label for a in event.actor2)
    where = f" in {event.place.name or event.place.text}" if event.place else ""
    parts = [f"{when}: {who} {what}{' ' + whom if whom else ''}{where}."]
    killed = describe(_range(event), "killed")
    if killed:
        parts.append(f"{killed}.")
    if event.modality.value != "asserted" or event.background:
        parts.append(f"[{event.modality.value}{', background' if event.background else ''}]")
    for flag in review_flags(event):
        parts.append(f"[review: {flag}; best figure withheld]")
    parts.append(
        f"{len(event.mention_ids)} mentions, {len(event.article_ids)} articles, "
        f"{len(event.sources)} outlets, {len(claim_sources(event.claims))} claim sources."
    )
    return " ".join(parts)


def _range(event: Event) -> Range:
    return Range(low=event.fatalities_low, high=event.fatalities_high, best=event.fatalities_best)
