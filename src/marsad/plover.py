"""PLOVER's 16 event types and their quad-class families (PLOVER manual v0.8): fixed by the codebook, shared
by the stages that compare types (extract decides with them, evaluate matches with them)."""

from __future__ import annotations

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


def plover_family(plover_type: str | None) -> str | None:
    """The quad-class family of a PLOVER type, or None when unknown."""
    if not plover_type:
        return None
    return PLOVER_FAMILIES.get(plover_type.upper())
