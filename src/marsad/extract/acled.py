"""PLOVER type/mode -> ACLED event_type/sub_event_type, from ``data/plover_acled.toml``.

The rules are ordered by ACLED's hierarchy (codebook Table 2); the first matching rule wins.
:func:`precedence` ranks sub-event types so that merge can pick the higher one when mentions disagree.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
from collections.abc import Collection

from marsad import acled as ontology
from marsad.errors import ConfigError
from marsad.extract.lexicon import PLOVER_TYPES, read_data

log = logging.getLogger(__name__)

MAPPING_FILE = "plover_acled.toml"


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Rule:
    plover: str
    event_type: str
    sub_event_type: str
    modes: frozenset[str] | None = None
    weapons: frozenset[str] | None = None
    hints: frozenset[str] | None = None
    actor2_civilian: bool | None = None
    actor1_state: bool | None = None


def _opt_set(raw: dict[str, object], key: str) -> frozenset[str] | None:
    value = raw.get(key)
    return None if value is None else frozenset(str(v) for v in value)  # type: ignore[attr-defined]


@functools.cache
def _mapping() -> tuple[tuple[Rule, ...], dict[str, int]]:
    raw = read_data(MAPPING_FILE)
    rules = []
    for number, item in enumerate(raw.get("rule", []), start=1):
        if item.get("plover") not in PLOVER_TYPES:
            raise ConfigError(
                f"data/{MAPPING_FILE}: rule {number}: unknown PLOVER type {item.get('plover')!r}"
            )
        rules.append(
            Rule(
                plover=item["plover"],
                event_type=item["event_type"],
                sub_event_type=item["sub_event_type"],
                modes=_opt_set(item, "modes"),
                weapons=_opt_set(item, "weapons"),
                hints=_opt_set(item, "hints"),
                actor2_civilian=item.get("actor2_civilian"),
                actor1_state=item.get("actor1_state"),
            )
        )
    ranks = {name: rank for rank, name in enumerate(ontology.sub_event_types())}
    unknown = {r.sub_event_type for r in rules} - ranks.keys()
    if unknown:
        raise ConfigError(f"data/{MAPPING_FILE}: not ACLED sub-event types: {sorted(unknown)}")
    return tuple(rules), ranks


def _matches(
    rule: Rule,
    mode: str,
    actor2_civilian: bool,
    actor1_state: bool | None,
    weapons: frozenset[str],
    hints: frozenset[str],
) -> bool:
    if rule.modes is not None and mode not in rule.modes:
        return False
    if rule.weapons is not None and not rule.weapons & weapons:
        return False
    if rule.hints is not None and not rule.hints & hints:
        return False
    if rule.actor2_civilian is not None and rule.actor2_civilian != actor2_civilian:
        return False
    return rule.actor1_state is None or rule.actor1_state == actor1_state


def acled_types(
    plover_type: str,
    mode: str | None,
    *,
    actor2_civilian: bool = False,
    actor1_state: bool | None = None,
    weapons: Collection[str] = (),
    hints: Collection[str] = (),
) -> tuple[str | None, str | None]:
    """ACLED (event_type, sub_event_type) for a PLOVER type and mode, or (None, None).

    ``actor1_state`` is None when the agent's kind is not known yet (before resolution): rules that
    need it then fall through to ACLED's default reading (an arrest is coded as Arrests).

    >>> acled_types("ASSAULT", "aerial")
    ('Explosions/Remote violence', 'Air/drone strike')
    >>> acled_types("COERCE", "arrest", actor1_state=False)
    ('Violence against civilians', 'Abduction/forced disappearance')
    >>> acled_types("CONSULT", None)
    (None, None)
    """
    rules, _ = _mapping()
    words = frozenset(w.lower() for w in weapons)
    flags = frozenset(hints)
    for rule in rules:
        if rule.plover == plover_type and _matches(
            rule, mode or "", actor2_civilian, actor1_state, words, flags
        ):
            return rule.event_type, rule.sub_event_type
    return None, None


def precedence(sub_event_type: str | None) -> int:
    """Rank of an ACLED sub-event type in ACLED's hierarchy (0 is highest; unknown ranks last)."""
    _, ranks = _mapping()
    return ranks.get(sub_event_type or "", len(ranks))


def sub_event_types() -> tuple[str, ...]:
    """All 25 ACLED sub-event types, highest in the hierarchy first."""
    _, ranks = _mapping()
    return tuple(sorted(ranks, key=ranks.__getitem__))


@functools.cache
def sub_event_types_of(plover_type: str) -> frozenset[str]:
    """The ACLED sub-event types a PLOVER type can map to (every rule of ``plover_acled.toml`` for it)."""
    rules, _ = _mapping()
    return frozenset(rule.sub_event_type for rule in rules if rule.plover == plover_type)


@functools.cache
def event_type_of(sub_event_type: str) -> str | None:
    """The ACLED event type a sub-event type belongs to."""
    return next((event for event, subs in ontology.hierarchy() if sub_event_type in subs), None)
