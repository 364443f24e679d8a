"""A protest's roles the ACLED way: its actor 1 is always the Protesters (or Rioters) of the event's
country, whoever the text names as its agent.

ACLED never codes a party, a movement or a leader as the actor of a demonstration: "Hezbollah supporters
blocked the airport road" and "the opposition candidate held a rally" are Protesters (Lebanon) and
Protesters (Belarus), the named group being at most an associated actor. The phrase stays as the actor's
``text`` and the clue says what decided. State forces read as a protest's agent ("police broke up a
sit-in": the parse puts the police in the protest's clause) are the protest's counterpart, its actor 2,
never the protesters.

A protest at a foreign state's diplomatic mission ("a rally outside the Israeli embassy in London",
"protesters gathered at the consulate of Iran") is against that state: its actor 2, when the text names
no other, is the Government of the mission's state, not of the country where the protest took place
(the mission words are ``mission_words`` in data/actors/lexicon.json).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable

from marsad.actor_words import lexicon
from marsad.records import ActorRef

# PLOVER sectors of the forces that police or break up a protest.
_FORCE_SECTORS = frozenset({"COP", "MIL", "SPY"})
_GENERIC_TYPES = frozenset({"Protesters", "Rioters"})
CLUE_AGENT = "a protest's agent is its Protesters (ACLED)"
CLUE_FORCES = "security forces at a protest: its counterpart"
CLUE_MISSION = "a protest at a foreign state's mission is against that state"
_STATE_NAME = r"((?:[A-Z][\w.'’-]*)(?:\s+(?:of\s+)?[A-Z][\w.'’-]*){0,3})"

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


@functools.cache
def _mission_patterns() -> tuple[re.Pattern[str], ...]:
    """ "the Israeli embassy", "Iran's consulate", "the embassy of the United States": the state's name."""
    words = "|".join(re.escape(w) for w in sorted(lexicon().mission_words, key=len, reverse=True))
    if not words:
        return ()
    return (
        re.compile(rf"{_STATE_NAME}(?:'s|’s)?\s+(?i:{words})\b"),
        re.compile(rf"\b(?:{words})\s+of\s+(?:the\s+)?{_STATE_NAME}", flags=re.IGNORECASE),
    )


def mission_state(sentence: str, state_of: Callable[[str], str | None]) -> str | None:
    """The country (ISO code) whose diplomatic mission ``sentence`` names, when it names one state's;
    ``state_of`` reads a name or demonym as a state's code (None for anything else)."""
    found = {
        code
        for pattern in _mission_patterns()
        for match in pattern.finditer(sentence)
        if (code := _state_named(match.group(1), state_of)) is not None
    }
    return found.pop() if len(found) == 1 else None


def _state_named(name: str, state_of: Callable[[str], str | None]) -> str | None:
    """``name`` read as a state, as written or without a closing full stop or possessive ("Turkey's")."""
    for candidate in (name, name.rstrip("."), re.sub(r"['’]s$", "", name)):
        if (code := state_of(candidate)) is not None:
            return code
    return None
