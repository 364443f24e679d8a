"""A protest's roles the ACLED way: its actor 1 is always the Protesters (or Rioters) of the event's
country, whoever the text names as its agent.

ACLED never codes a party, a movement or a leader as the actor of a demonstration: "Hezbollah supporters
blocked the airport road" and "the opposition candidate held a rally" are Protesters (Lebanon) and
Protesters (Belarus), the named group being at most an associated actor. The phrase stays as the actor's
``text`` and the clue says what decided. State forces read as a protest's agent ("police broke up a
sit-in": the parse puts the police in the protest's clause) are the protest's counterpart, its actor 2,
never the protesters.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from marsad.records import ActorRef

# PLOVER sectors of the forces that police or break up a protest.
_FORCE_SECTORS = frozenset({"COP", "MIL", "SPY"})
_GENERIC_TYPES = frozenset({"Protesters", "Rioters"})
CLUE_AGENT = "a protest's agent is its Protesters (ACLED)"
CLUE_FORCES = "security forces at a protest: its counterpart"

Unnamed = Callable[[], ActorRef | None]


def protest_roles(
    actor1: tuple[ActorRef, ...], actor2: tuple[ActorRef, ...], generic: Unnamed
) -> tuple[tuple[ActorRef, ...], tuple[ActorRef, ...]]:
    """The roles of a protest: ``generic`` gives the Protesters (or Rioters) of the event's country."""
    named = [a for a in actor1 if not a.fragment]
    if not named or all(a.actor_type in _GENERIC_TYPES for a in named):
        return actor1, actor2
    forces = [a for a in named if a.resolved and a.sector in _FORCE_SECTORS]
    moved = tuple(dataclasses.replace(a, clue=a.clue_then(CLUE_FORCES)) for a in forces if a not in actor2)
    others = [a for a in named if a not in forces]
    protesters = [a for a in others if a.actor_type in _GENERIC_TYPES]
    if not protesters:
        found = generic()
        if found is None:
            return actor1, actor2
        first = others[0] if others else None
        text = first.text if first is not None else found.text
        clue = first.clue_then(CLUE_AGENT) if first is not None else CLUE_AGENT
        protesters = [dataclasses.replace(found, text=text, clue=clue)]
    return tuple(protesters), actor2 + moved
