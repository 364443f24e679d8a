"""Codebook constants the evaluation needs: PLOVER types and families, ACLED types.

These are fixed by the PLOVER manual (v0.8) and the ACLED codebook (Table 2), not
tunable data, so they live here rather than in ``marsad/data``.
"""

from __future__ import annotations

from marsad import acled
from marsad.plover import PLOVER_FAMILIES, plover_family  # re-exported: evaluation reads them here

__all__ = [
    "ACLED_COUNTRY_ALIASES",
    "ACLED_SUB_EVENT_TYPES",
    "PLOVER_FAMILIES",
    "acled_family",
    "plover_family",
]

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


def acled_family(event_type: str | None, sub_event_type: str | None) -> str | None:
    """The PLOVER family an ACLED type pair falls in, or None when it cannot be said."""
    if event_type in _ACLED_EVENT_FAMILY:
        return _ACLED_EVENT_FAMILY[event_type]
    if sub_event_type:
        return _ACLED_SUB_EVENT_FAMILY.get(sub_event_type)
    return None
