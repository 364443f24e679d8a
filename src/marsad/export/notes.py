"""A one-sentence summary of an event, in the manner of ACLED's ``notes`` column.

"On 4 January 2024, Military Forces of the United States attacked Harakat al-Nujaba
(Air/drone strike) in Baghdad, Iraq; 2 to 4 reported killed (2 recorded), 7 injured."
"""

from __future__ import annotations

import datetime as dt

from marsad.records import Event, Precision

# PLOVER type -> (verb with a target, verb without one).
_VERBS: dict[str, tuple[str, str]] = {
    "ASSAULT": ("attacked", "carried out an attack"),
    "FIGHT": ("clashed with", "fought"),
    "COERCE": ("coerced", "took coercive action"),
    "PROTEST": ("protested against", "protested"),
    "THREATEN": ("threatened", "issued threats"),
    "CONSULT": ("met", "held talks"),
    "AGREE": ("reached an agreement with", "reached an agreement"),
    "SUPPORT": ("supported", "expressed support"),
    "AID": ("gave aid to", "gave aid"),
    "DEMAND": ("made demands of", "made demands"),
    "REQUEST": ("asked", "made a request"),
    "ACCUSE": ("accused", "made accusations"),
    "REJECT": ("rejected", "rejected a proposal"),
    "CONCEDE": ("made concessions to", "made concessions"),
    "RETREAT": ("withdrew from", "withdrew"),
    "MOBILIZE": ("mobilized against", "mobilized"),
    "SANCTION": ("sanctioned", "imposed sanctions"),
}
# Month names in code, not strftime's %B, which follows the process locale.
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MODE_VERBS: dict[str, tuple[str, str]] = {"arrest": ("arrested", "made arrests")}


def summary(event: Event, *, country: str = "") -> str:
    """One sentence: when, who did what to whom, where, and the figures.

    The event's own ``notes`` (merge's working summary) are left to the other exports.
    """
    actor1 = event.actor1[0].label if event.actor1 else "Unidentified actors"
    target = event.actor2[0].label if event.actor2 else ""
    with_target, alone = _MODE_VERBS.get(event.plover_mode or "") or _VERBS.get(
        event.plover_type,
        (f"acted ({event.plover_type.lower()}) towards", f"acted ({event.plover_type.lower()})"),
    )
    clause = f"{actor1} {with_target} {target}" if target else f"{actor1} {alone}"
    if event.acled_sub_event_type:
        clause += f" ({event.acled_sub_event_type})"
    return f"{_when(event)}, {clause}{_where(event, country)}{_figures(event)}."


def _when(event: Event) -> str:
    date, precision = event.date.date, event.date.precision
    if not date:
        return "On an unknown date"
    if precision is Precision.YEAR or len(date) == 4:
        return f"In {date[:4]}"
    try:
        day = dt.date.fromisoformat(date[:10])
    except ValueError:
        return f"On {date}"
    month = f"{_MONTHS[day.month - 1]} {day.year}"
    if precision is Precision.MONTH:
        return f"In {month}"
    if precision is Precision.WEEK:
        return f"In the week of {day.day} {month}"
    return f"On {day.day} {month}"


def _where(event: Event, country: str) -> str:
    place = event.place
    if place is None:
        return ""
    parts = [place.name or place.text, place.admin1, country or place.country_name or place.country]
    unique = {part.casefold(): part for part in reversed(parts) if part}  # "south Lebanon, South Lebanon"
    return " in " + ", ".join(reversed(unique.values())) if unique else ""


def _figures(event: Event) -> str:
    parts: list[str] = []
    low, high, best = event.fatalities_low, event.fatalities_high, event.fatalities_best
    if low is not None and high is not None and low != high:
        parts.append(f"{low} to {high} reported killed ({best if best is not None else low} recorded)")
    elif low is not None and high is None:
        parts.append(f"at least {low} reported killed")
    elif best or low:
        parts.append(f"{best if best is not None else low} reported killed")
    if event.injured:
        parts.append(f"{event.injured} injured")
    if event.arrested:
        parts.append(f"{event.arrested} arrested")
    return "; " + ", ".join(parts) if parts else ""
