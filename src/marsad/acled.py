"""ACLED's event types and sub-event types, in the codebook's hierarchy order (``data/acled_types.toml``).

Shared by extraction (mapping PLOVER to ACLED), merge (the higher type wins) and evaluation.
"""

from __future__ import annotations

import functools
import tomllib
from importlib import resources

Hierarchy = tuple[tuple[str, tuple[str, ...]], ...]

# ACLED's actor types in inter-code order (1 State forces ... 8 External/Other forces).
ACTOR_TYPES: tuple[str, ...] = (
    "State forces",
    "Rebel group",
    "Political militia",
    "Identity militia",
    "Rioters",
    "Protesters",
    "Civilians",
    "External/Other forces",
)


@functools.cache
def hierarchy() -> Hierarchy:
    """(event_type, its sub-event types), highest first."""
    text = resources.files("marsad.data").joinpath("acled_types.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    return tuple((item["name"], tuple(item["sub_event_types"])) for item in data["event_type"])


def sub_event_types() -> tuple[str, ...]:
    """All 25 sub-event types, highest in the hierarchy first."""
    return tuple(sub for _, subs in hierarchy() for sub in subs)


def event_type_of(sub_event_type: str) -> str | None:
    return next((name for name, subs in hierarchy() if sub_event_type in subs), None)
