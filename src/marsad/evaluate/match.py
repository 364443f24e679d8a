"""Pair gold events with system events.

A system event is a candidate for a gold event when it comes from the gold event's
article and its type is of the same family (PLOVER quad class; for ACLED-only gold,
the same ACLED event type or the family that type falls in). Among candidates, a
score rewards the exact type, each actor role that matches, the background flag,
place and date. Pairs are taken greedily, best score first, ties broken by gold
order then system order, so the result is deterministic; each system event and each
gold event is used once.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence

from marsad.evaluate import compare
from marsad.evaluate.compare import SameActor
from marsad.evaluate.gold import GoldEvent
from marsad.evaluate.ontology import acled_family, plover_family
from marsad.records import Event

log = logging.getLogger(__name__)

W_TYPE = 2.0  # the exact type (PLOVER, or ACLED event type for ACLED-only gold)
W_ACTOR = 1.0  # each role whose actor matches
W_SWAPPED = 0.5  # an actor found in the other role
W_BACKGROUND = 0.5
W_PLACE = 0.25
W_DATE = 0.25


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Pair:
    gold: int  # index into the gold events
    system: int  # index into the system events
    score: float


def same_family(gold: GoldEvent, event: Event) -> bool:
    """Whether the system event's type can be a reading of the gold event at all."""
    if gold.plover_type:
        return plover_family(gold.plover_type) == plover_family(event.plover_type)
    if gold.acled_event_type:
        if event.acled_event_type == gold.acled_event_type:
            return True
        family = acled_family(gold.acled_event_type, gold.acled_sub_event_type)
        return family is None or family == plover_family(event.plover_type)
    return True


def exact_type(gold: GoldEvent, event: Event) -> bool:
    if gold.plover_type:
        return gold.plover_type == event.plover_type.upper()
    return gold.acled_event_type is not None and gold.acled_event_type == event.acled_event_type


def _actor_points(gold: GoldEvent, event: Event, same_actor: SameActor) -> float:
    names1 = compare.gold_names(gold.actor1)
    names2 = compare.gold_names(gold.actor2) + compare.gold_names(gold.actor2_parent)
    direct1 = compare.actors_match(names1, event.actor1, same_actor)
    direct2 = compare.actors_match(names2, event.actor2, same_actor)
    points = W_ACTOR * (direct1 + direct2)
    if not direct1 and compare.actors_match(names1, event.actor2, same_actor):
        points += W_SWAPPED
    if not direct2 and compare.actors_match(names2, event.actor1, same_actor):
        points += W_SWAPPED
    return points


def pair_score(gold: GoldEvent, event: Event, same_actor: SameActor) -> float | None:
    """How well a system event reads a gold event, or None when it cannot be that event."""
    if not same_family(gold, event):
        return None
    typed = exact_type(gold, event)
    actors = _actor_points(gold, event, same_actor)
    if not typed and actors == 0:
        return None  # same family but nothing else in common: a different happening
    score = W_TYPE * typed + actors
    score += W_BACKGROUND * (gold.background == event.background)
    if gold.location.country and compare.country_match(gold.location.country, event.place):
        score += W_PLACE
    if gold.date and compare.date_within(gold.date, gold.date_precision, event.date):
        score += W_DATE
    return score


def match_events(
    gold_events: Sequence[GoldEvent],
    gold_article_ids: Sequence[str | None],
    events: Sequence[Event],
    same_actor: SameActor,
) -> list[Pair]:
    """The chosen pairs, one per matched gold event, in gold order.

    ``gold_article_ids[i]`` is the article id of ``gold_events[i]`` (None when the
    input has no such article, which makes the event a miss).
    """
    pairs: list[Pair] = []
    for gi, (gold, article_id) in enumerate(zip(gold_events, gold_article_ids, strict=True)):
        if article_id is None:
            continue
        for si, event in enumerate(events):
            if article_id in event.article_ids:
                score = pair_score(gold, event, same_actor)
                if score is not None:
                    pairs.append(Pair(gold=gi, system=si, score=score))
    # Required events go first on equal scores: a miss of one costs recall, an optional one does not.
    pairs.sort(key=lambda p: (-p.score, not gold_events[p.gold].required, p.gold, p.system))
    used_gold: set[int] = set()
    used_system: set[int] = set()
    chosen: list[Pair] = []
    for pair in pairs:
        if pair.gold in used_gold or pair.system in used_system:
            continue
        used_gold.add(pair.gold)
        used_system.add(pair.system)
        chosen.append(pair)
    log.debug("matched %d of %d gold events", len(chosen), len(gold_events))
    return sorted(chosen, key=lambda p: p.gold)
