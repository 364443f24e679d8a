"""Codebook constants the evaluation needs: PLOVER types and families, ACLED types.

These are fixed by the PLOVER manual (v0.8) and the ACLED codebook (Table 2), not
tunable data, so they live here rather than in ``marsad/data``.
"""

from __future__ import annotations

from marsad import acled

# PLOVER's 16 event types grouped by quad class. Matching a gold event to a system
# event requires the same family: a COERCE read as an ASSAULT is the same happening
# with a wrong type, a CONSULT read as an ASSAULT is not.
PLOVER_FAMILIES: dict[str, str] = {
    "AGREE": "verbal cooperation",
    "CONSULT": "verbal cooperation",
    "SUPPORT": "verbal cooperation",
    "CONCEDE": "verbal cooperation",
    "COOPERATE": "material cooperation",
    "AID": "material cooperation",
    "RETREAT": "material cooperation",
    "REQUEST": "verbal conflict",
    "ACCUSE": "verbal conflict",
    "REJECT": "verbal conflict",
    "THREATEN": "verbal conflict",
    "PROTEST": "material conflict",
    "SANCTION": "material conflict",
    "MOBILIZE": "material conflict",
    "COERCE": "material conflict",
    "ASSAULT": "material conflict",
}

ACLED_SUB_EVENT_TYPES: dict[str, tuple[str, ...]] = dict(acled.hierarchy())

# The PLOVER family an ACLED-only gold event (CSV gold) belongs to. Strategic
# developments spread over families, so they go by sub-event type; "Other" has none.
_ACLED_EVENT_FAMILY: dict[str, str] = {
    "Battles": "material conflict",
    "Protests": "material conflict",
    "Riots": "material conflict",
    "Explosions/Remote violence": "material conflict",
    "Violence against civilians": "material conflict",
}
_ACLED_SUB_EVENT_FAMILY: dict[str, str] = {
    "Agreement": "verbal cooperation",
    "Arrests": "material conflict",
    "Change to group/activity": "material conflict",
    "Disrupted weapons use": "material conflict",
    "Headquarters or base established": "material conflict",
    "Looting/property destruction": "material conflict",
    "Non-violent transfer of territory": "material cooperation",
}

# ACLED country names that GeoNames spells differently (ACLED name -> ISO alpha-2).
ACLED_COUNTRY_ALIASES: dict[str, str] = {
    "palestine": "PS",
    "turkiye": "TR",
    "democratic republic of congo": "CD",
    "republic of congo": "CG",
    "ivory coast": "CI",
    "north macedonia": "MK",
    "eswatini": "SZ",
    "czech republic": "CZ",
}


def plover_family(plover_type: str | None) -> str | None:
    """The quad-class family of a PLOVER type, or None when unknown."""
    if not plover_type:
        return None
    return PLOVER_FAMILIES.get(plover_type.upper())


def acled_family(event_type: str | None, sub_event_type: str | None) -> str | None:
    """The PLOVER family an ACLED type pair falls in, or None when it cannot be said."""
    if event_type in _ACLED_EVENT_FAMILY:
        return _ACLED_EVENT_FAMILY[event_type]
    if sub_event_type:
        return _ACLED_SUB_EVENT_FAMILY.get(sub_event_type)
    return None
