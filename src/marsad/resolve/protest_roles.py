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
from marsad.records import ActorRef, Mention
from marsad.resolve.kb_roles import is_people

# PLOVER sectors of the forces that police or break up a protest.
_FORCE_SECTORS = frozenset({"COP", "MIL", "SPY"})
_GENERIC_TYPES = frozenset({"Protesters", "Rioters"})
_DURING = ("during", "at", "amid", "amidst")  # "arrested during a protest": the rest happened at it
CLUE_AGENT = "a protest's agent is its Protesters (ACLED)"
CLUE_FORCES = "security forces at a protest: its counterpart"
CLUE_MISSION = "a protest at a foreign state's mission is against that state"
CLUE_CROWD_HIT = "people hurt at the protest told with the attack"
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


def hurt_at_protest(mentions: list[Mention], body: str) -> list[Mention]:
    """ "Three people are killed as security forces open fire during protests", "six are injured in a
    stabbing during a demonstration": the people an attack hurts, in the sentence of a protest it happened
    at (:func:`_during`), are that protest's Protesters (or Rioters), as ACLED codes force against
    protesters and attacks on a demonstration; not when the crowd is the attack's own author."""
    crowds: dict[int, ActorRef] = {}
    for mention in _during(mentions, body):
        found = [*mention.actor1, *((mention.unnamed_actor1,) if mention.unnamed_actor1 else ())]
        crowd = next((a for a in found if a.resolved and a.actor_type in _GENERIC_TYPES), None)
        if crowd is not None:
            crowds.setdefault(_sentence(mention), crowd)
    out: list[Mention] = []
    for mention in mentions:
        crowd = crowds.get(_sentence(mention)) if mention.plover_type == "ASSAULT" else None
        if crowd is None or any(a.actor_type in _GENERIC_TYPES for a in mention.actor1):
            out.append(mention)
            continue
        actor2 = tuple(
            dataclasses.replace(crowd, text=a.text, clue=a.clue_then(CLUE_CROWD_HIT))
            if a.resolved and a.actor_type == "Civilians" and a.country == crowd.country and is_people(a.text)
            else a
            for a in mention.actor2
        )
        out.append(dataclasses.replace(mention, actor2=actor2) if actor2 != mention.actor2 else mention)
    return out


def forces_at_protest(mentions: list[Mention], body: str) -> list[Mention]:
    """ "474 people are arrested during a protest": the state forces that arrest or attack in the sentence
    of a protest they happened at (:func:`_during`), when it names no counterpart, are its actor 2 (ACLED:
    the forces that intervened), an arrest's unnamed agent (the police of the country) included. An arrest
    that set off the protest ("protests erupt after the arrest of X") is no intervention."""
    forces: dict[int, ActorRef] = {}
    for mention in mentions:
        if mention.plover_type not in ("COERCE", "ASSAULT"):
            continue
        named = [a for a in mention.actor1 if not a.fragment]
        found = named or ([mention.unnamed_actor1] if mention.unnamed_actor1 is not None else [])
        force = next((a for a in found if a.resolved and a.sector in _FORCE_SECTORS), None)
        if force is not None:
            forces.setdefault(_sentence(mention), force)
    at = {id(m) for m in _during(mentions, body)}
    out: list[Mention] = []
    for mention in mentions:
        force = forces.get(_sentence(mention)) if id(mention) in at else None
        if force is None or any(not a.fragment for a in mention.actor2):
            out.append(mention)
            continue
        actor2 = (*mention.actor2, dataclasses.replace(force, clue=force.clue_then(CLUE_FORCES)))
        out.append(dataclasses.replace(mention, actor2=actor2))
    return out


def _during(mentions: list[Mention], body: str) -> list[Mention]:
    """The protests that the rest of their sentence happened at: "during a protest", "at a rally", "amid
    nationwide demonstrations" (a ``_DURING`` word before the trigger, at most three words apart)."""
    found = []
    for mention in mentions:
        evidence = mention.evidence
        if mention.plover_type != "PROTEST" or evidence.sentence_start is None:
            continue
        sentence = body[evidence.sentence_start : evidence.sentence_end]
        pattern = rf"\b(?:{'|'.join(_DURING)})\s+(?:[\w'’-]+\s+){{0,3}}{re.escape(mention.trigger)}\b"
        if re.search(pattern, sentence, flags=re.IGNORECASE):
            found.append(mention)
    return found


def _sentence(mention: Mention) -> int:
    evidence = mention.evidence
    return evidence.sentence_start if evidence.sentence_start is not None else evidence.start


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
