"""Field-by-field checks of one matched pair (gold event, system event).

Each check returns a :class:`Check` (correct or not, with both values shown) or
None when the gold does not code that field, so it is not scored.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from marsad.evaluate import compare
from marsad.evaluate.compare import SameActor
from marsad.evaluate.gold import GoldEvent
from marsad.records import ActorRef, Event, FigureKind

LOCATION_KM = 25.0


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Check:
    field: str
    correct: bool
    gold: str
    system: str


def _show(value: object) -> str:
    return "—" if value is None or value == "" else str(value)


def _actors(actors: tuple[ActorRef, ...]) -> str:
    return "; ".join(a.label for a in actors) or "—"


def _label(field: str, gold: str | None, system: str | None) -> Check | None:
    if gold is None:
        return None
    return Check(field=field, correct=gold == system, gold=gold, system=_show(system))


def check_types(g: GoldEvent, e: Event) -> list[Check | None]:
    return [
        _label("plover_type", g.plover_type, e.plover_type.upper() or None),
        _label("acled_event_type", g.acled_event_type, e.acled_event_type),
        _label("acled_sub_event_type", g.acled_sub_event_type, e.acled_sub_event_type),
    ]


def check_actors(g: GoldEvent, e: Event, same_actor: SameActor) -> list[Check | None]:
    out: list[Check | None] = []
    roles = (("actor1", g.actor1, None, e.actor1), ("actor2", g.actor2, g.actor2_parent, e.actor2))
    for field, names, parent, actors in roles:
        if not names:
            out.append(None)
            continue
        accepted = compare.gold_names(names) + compare.gold_names(parent)
        correct = compare.actors_match(accepted, actors, same_actor)
        out.append(Check(field=field, correct=correct, gold=names, system=_actors(actors)))
    return out


def check_place(g: GoldEvent, e: Event) -> list[Check | None]:
    loc, place = g.location, e.place
    out: list[Check | None] = [None, None, None, None]
    if loc.country:
        shown = place and (place.country_name or place.country)
        out[0] = Check(
            field="country",
            correct=compare.country_match(loc.country, place),
            gold=loc.country,
            system=_show(shown),
        )
    if loc.admin1:
        admin1 = place.admin1 if place else None
        out[1] = Check(
            field="admin1",
            correct=compare.admin1_match(loc.admin1, place),
            gold=loc.admin1,
            system=_show(admin1),
        )
    if loc.name:
        names = (place.name, place.text) if place else ()
        out[2] = Check(
            field="location",
            correct=compare.place_name_match(loc.name, *names),
            gold=loc.name,
            system=_show(place and (place.name or place.text)),
        )
    if loc.latitude is not None and loc.longitude is not None:
        km = compare.distance_km(loc.latitude, loc.longitude, place)
        out[3] = Check(
            field="location_25km",
            correct=km is not None and km <= LOCATION_KM,
            gold=f"{loc.latitude:.2f}, {loc.longitude:.2f}",
            system="no coordinates" if km is None else f"{km:.1f} km away",
        )
    return out


def check_date(g: GoldEvent, e: Event) -> list[Check | None]:
    if not g.date:
        return [None, None]
    gold = f"{g.date} ({g.date_precision.value})"
    system = f"{e.date.date} ({e.date.precision.value})" if e.date.date else "—"
    return [
        Check(
            field="date_exact",
            correct=compare.date_exact(g.date, g.date_precision, e.date),
            gold=gold,
            system=system,
        ),
        Check(
            field="date_within",
            correct=compare.date_within(g.date, g.date_precision, e.date),
            gold=gold,
            system=system,
        ),
    ]


def check_fatalities(g: GoldEvent, e: Event) -> list[Check | None]:
    if g.fatalities_best is None:
        return [None, None]
    # marsad leaves fatalities unknown (None) where ACLED writes 0.
    best = e.fatalities_best if e.fatalities_best is not None else e.fatalities_low
    best = best if best is not None else 0
    low = g.fatalities_low if g.fatalities_low is not None else g.fatalities_best
    high = g.fatalities_high if g.fatalities_high is not None else low
    system = f"{best} (low {_show(e.fatalities_low)}, high {_show(e.fatalities_high)})"
    return [
        Check(
            field="fatalities_exact",
            correct=best == g.fatalities_best,
            gold=str(g.fatalities_best),
            system=system,
        ),
        Check(field="fatalities_range", correct=low <= best <= high, gold=f"{low}-{high}", system=system),
    ]


def check_background(g: GoldEvent, e: Event) -> list[Check | None]:
    return [
        Check(
            field="background",
            correct=g.background == e.background,
            gold=str(g.background).lower(),
            system=str(e.background).lower(),
        )
    ]


def check_claims(g: GoldEvent, e: Event) -> list[Check | None]:
    """One check per attributable gold claim, and one per figure a gold claim gives."""
    out: list[Check | None] = []
    system_sources = "; ".join(c.source for c in e.claims) or "—"
    for claim in g.claims:
        parts = compare.gold_source_parts(claim.source)
        if not parts:
            continue  # the article's own voice: nobody to attribute
        found = [c for c in e.claims if compare.claim_matches(parts, c)]
        out.append(
            Check(field="claim_attribution", correct=bool(found), gold=claim.source, system=system_sources)
        )
        for kind, value in ((FigureKind.KILLED, claim.killed), (FigureKind.INJURED, claim.injured)):
            if value is None:
                continue
            figures = "; ".join(
                f.text or f"{f.low}-{f.high}" for c in found for f in c.figures if f.kind is kind
            )
            out.append(
                Check(
                    field="claim_figures",
                    correct=compare.figure_agrees(kind, value, found),
                    gold=f"{claim.source}: {kind.value} {value}",
                    system=figures or "—",
                )
            )
    return out


FIELDS = (
    "plover_type",
    "acled_event_type",
    "acled_sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "location",
    "location_25km",
    "date_exact",
    "date_within",
    "fatalities_exact",
    "fatalities_range",
    "background",
    "claim_attribution",
    "claim_figures",
)


def check_pair(g: GoldEvent, e: Event, same_actor: SameActor) -> tuple[Check, ...]:
    """Every scored check of one matched pair, in :data:`FIELDS` order."""
    groups: list[Callable[[GoldEvent, Event], list[Check | None]]] = [
        check_types,
        lambda g, e: check_actors(g, e, same_actor),
        check_place,
        check_date,
        check_fatalities,
        check_background,
        check_claims,
    ]
    return tuple(c for group in groups for c in group(g, e) if c is not None)
