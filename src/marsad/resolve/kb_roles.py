"""Role-aware actor resolution: what an actor stands for given the event it takes part in.

A name alone does not say which ACLED actor is meant; the event does. ACLED codes the organ that acted:

- a bare state name or demonym ("US strike", "Israeli jets" already compose) in an attack is the state's
  Military Forces, in an arrest its Police Forces, in diplomacy (meetings, accusations, requests) its
  Government. The slot per PLOVER type and role is data (``role_slots`` in ``data/actors/lexicon.json``);
  dated bodies ("Police Forces of Syria (2024-)") are chosen for the event date;
- an arrest by "security forces" or "the authorities" is the police's work, not the army's or the
  government's (``coerce_police_words``);
- people described by a common noun ("a man", "two shepherds", "a liquor shop owner") are Civilians of
  the event's country when they are the target, Protesters when they are the agent of a protest
  (``civilian_nouns``);
- a cell of a KB group ("Lieutenant Abbas cell", parent Coastal Shield Brigade) acts for that group: its
  ``org`` (the label) is the group, its ``name`` stays the cell's;
- unnamed attackers ("a gunman", "the assailants", "a man" who stabs) are the Unidentified Armed Group of
  the event's country (``unidentified_heads``); rioters and protesters named by a common noun are its
  Rioters and Protesters;
- a phrase on the other side of a state ("Syrian opposition leaders", ``opposition_words``) is never that
  state or one of its bodies.

A common-noun fragment that none of this reads ("the group", "families" with no country, "Both sides")
is no actor name: :func:`is_fragment` tells the resolver to leave it out of the event.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
from typing import TYPE_CHECKING

import pycountry

from marsad.actor_words import guess_type, key, lexicon, tokens
from marsad.records import ActorRef

if TYPE_CHECKING:
    from marsad.resolve.actors import Actor, KnowledgeBase

log = logging.getLogger(__name__)

ROLES = ("actor1", "actor2")
_PERSON_TYPES = frozenset({None, "Civilians"})  # guesses that leave a common noun a civilian
_GROUP_TYPES = frozenset({"Political militia", "Rebel group", "Identity militia"})
_STATE_TYPES = frozenset({None, "State forces"})  # guesses that leave a state phrase the state's
# Heads of a KB name that make it a part acting for its parent group (closed class: not data).
_SUBUNIT_HEADS = frozenset({"cell", "cells"})
# A person's name: up to four words, capitalised or particles ("Nabil al-Quaety" is tokenised whole).
_NAME_WORDS = 4
_NAME_PARTICLES = frozenset({"al", "bin", "ibn", "bint", "abu", "de", "da", "van", "von", "la", "le", "el"})
_VICTIM_TYPES = frozenset({"ASSAULT", "COERCE"})
_PEOPLE_SECTORS = frozenset({"CVL", "OPP", "UAF"})  # ACLED's groups of people: civilians, crowds, gunmen
# Words that open a common-noun phrase, capitalised when they start a sentence ("Both sides", "The office").
_OPENERS = frozenset(
    {
        *("a", "an", "the", "both", "each", "every", "all", "some", "many", "several", "most", "few"),
        *("other", "others", "another", "these", "those", "this", "that", "such", "any", "no"),
        *("its", "their", "his", "her", "our", "my", "your", "one", "two", "three", "four", "five"),
        *("six", "seven", "eight", "nine", "ten", "dozens", "hundreds", "thousands", "at", "least"),
        *("more", "than", "about", "nearly", "around", "over"),
    }
)


def resolve_in_role(
    kb: KnowledgeBase,
    actor: ActorRef,
    *,
    role: str,
    plover_type: str | None,
    on: str | None,
    country_hint: str | None,
) -> ActorRef:
    """``actor`` resolved as ``role`` ("actor1" or "actor2") of an event of ``plover_type``."""
    ref = actor if actor.resolved else kb.resolve(actor.text, on=on, country_hint=country_hint)
    if not ref.resolved and (person := surname_person(kb, ref.text, country_hint)) is not None:
        ref = kb.as_ref(ref.text, person, on=on, country_hint=country_hint)
    if _armed_group_of_a_state(kb, ref) or _other_side_of_a_state(kb, ref):
        return ActorRef(text=ref.text, resolved=False, actor_type=guess_type(ref.text))
    ref = _cell_of_group(kb, ref, on=on, country_hint=country_hint)
    for rule in (_people, _state_organ, _coerce_police, _official, _unnamed):
        found = rule(kb, ref, role=role, plover_type=plover_type, on=on, country_hint=country_hint)
        if found is not None:
            break
    else:
        found = ref
    found = _violent_protesters(kb, found, role=role, plover_type=plover_type, on=on)
    clue = _state_clue(kb, ref, found)
    return dataclasses.replace(found, clue=clue) if clue else found


def _violent_protesters(
    kb: KnowledgeBase, ref: ActorRef, *, role: str, plover_type: str | None, on: str | None
) -> ActorRef:
    """Protesters who attack are Rioters (ACLED: a demonstration that turns violent is a riot)."""
    actor = kb.get(ref.actor_id) if ref.resolved and ref.actor_id else None
    if role != "actor1" or plover_type != "ASSAULT" or actor is None or actor.generic != "protesters":
        return ref
    if actor.country is None or (rioters := kb.generic_actor(actor.country, "rioters", on=on)) is None:
        return ref
    return kb.as_ref(ref.text, rioters, on=on, country_hint=actor.country)


def _armed_group_of_a_state(kb: KnowledgeBase, ref: ActorRef) -> bool:
    """ "Iraqi militia commanders", "Syrian rebels": a group named by its country is not that state."""
    actor = kb.get(ref.actor_id) if ref.resolved and ref.actor_id else None
    return (
        actor is not None
        and actor.kind == "state"
        and guess_type(ref.text) in _GROUP_TYPES
        and not kb.lookup(ref.text)
    )


def _other_side_of_a_state(kb: KnowledgeBase, ref: ActorRef) -> bool:
    """ "Syrian opposition leaders", "Iranian dissidents": the country's word names its state's opponents."""
    actor = kb.get(ref.actor_id) if ref.resolved and ref.actor_id else None
    if actor is None or actor.country is None or not (actor.kind == "state" or actor.type == "State forces"):
        return False
    words = {w.casefold() for w in tokens(ref.text)}
    return bool(words & lexicon().opposition_words) and not kb.lookup(ref.text)


def _cell_of_group(kb: KnowledgeBase, ref: ActorRef, *, on: str | None, country_hint: str | None) -> ActorRef:
    """A cell of a group acts for the group: ACLED codes "the Lieutenant Abbas cell" of the Coastal
    Shield Brigade as the Brigade (the cell's own name stays in ``name``)."""
    actor = kb.get(ref.actor_id) if ref.resolved and ref.actor_id else None
    if actor is None or actor.kind == "person" or actor.parent is None:
        return ref
    words = tokens(actor.name)
    parent = kb.get(actor.parent)
    if not words or words[-1].casefold() not in _SUBUNIT_HEADS or parent is None:
        return ref
    group = kb.as_ref(ref.text, parent, on=on, country_hint=country_hint)
    return ActorRef(
        text=ref.text, name=actor.name, actor_id=actor.id, org=group.org, parent=group.parent,
        actor_type=group.actor_type, sector=group.sector, country=group.country, resolved=True,
    )  # fmt: skip


def _generic_ref(
    kb: KnowledgeBase, text: str, country: str, slot: str, *, on: str | None, country_hint: str | None
) -> ActorRef | None:
    body = kb.generic_actor(country, slot, on=on)
    return kb.as_ref(text, body, on=on, country_hint=country_hint) if body is not None else None


def _state_organ(
    kb: KnowledgeBase, ref: ActorRef, *, role: str, plover_type: str | None, on: str | None,
    country_hint: str | None,
) -> ActorRef | None:  # fmt: skip
    """ "US" in a strike -> Military Forces of the United States; "Egypt" in a meeting -> its Government."""
    if not ref.resolved or ref.actor_id is None or plover_type is None:
        return None
    actor = kb.get(ref.actor_id)
    if actor is None or actor.kind != "state" or actor.country is None:
        return None
    slot = lexicon().role_slots.get(role, {}).get(plover_type)
    if slot is None or guess_type(ref.text) not in _STATE_TYPES:
        return None  # "Iraqi militia commanders" name a militia of Iraq, not its state
    return _generic_ref(kb, ref.text, actor.country, slot, on=on, country_hint=country_hint)


def _state_clue(kb: KnowledgeBase, read: ActorRef, found: ActorRef) -> str | None:
    """How a name standing for a state body was read: "state name" ("Iran" blamed -> its Government),
    "metonym" for a capital or seat of power ("Damascus", "the White House", "the Kremlin")."""
    actor = kb.get(read.actor_id) if read.resolved and read.actor_id else None
    if actor is None or not (actor.kind == "state" or actor.generic == "government") or not found.resolved:
        return None
    if found.sector in _PEOPLE_SECTORS:
        return None  # "an Iraqi journalist": the people's nationality, no state standing for anyone
    state = kb.get(actor.parent) if actor.kind != "state" and actor.parent else actor
    words = tokens(read.text)
    if words and words[0].casefold() == "the":
        words = words[1:]
    own = {key(state.name), *(key(d) for d in state.demonyms)} if state is not None else set()
    named = key(" ".join(words)) in own or _pycountry_name(" ".join(words))
    if named or any(key(w) in own or _pycountry_name(w) for w in words):
        return "state name" if actor.kind == "state" else None  # "Iran", "Iranian", "the Iranian government"
    if not words or not words[0][:1].isupper():
        return None  # "the government" read with the event's country
    return "metonym"


@functools.cache
def _pycountry_name(text: str) -> bool:
    try:
        pycountry.countries.lookup(text)
    except LookupError:
        return False
    return True


def _coerce_police(
    kb: KnowledgeBase, ref: ActorRef, *, role: str, plover_type: str | None, on: str | None,
    country_hint: str | None,
) -> ActorRef | None:  # fmt: skip
    """ "Security forces detained ..." -> the police: arrests are police work unless the army is named."""
    if role != "actor1" or plover_type != "COERCE" or not ref.resolved or ref.actor_id is None:
        return None
    actor = kb.get(ref.actor_id)
    if actor is None or actor.generic not in ("military", "intelligence", "government") or not actor.country:
        return None
    words = {w.casefold() for w in tokens(ref.text)}
    if not words & lexicon().coerce_police_words:
        return None
    return _generic_ref(kb, ref.text, actor.country, "police", on=on, country_hint=country_hint)


def _official(
    kb: KnowledgeBase, ref: ActorRef, *, role: str, plover_type: str | None, on: str | None,
    country_hint: str | None,
) -> ActorRef | None:  # fmt: skip
    """An unknown minister or governor ("Electricity Minister X"): the event country's Government."""
    if ref.resolved or country_hint is None:
        return None
    words = {w.casefold() for w in tokens(ref.text)}
    if not words & lexicon().government_titles:
        return None
    return _generic_ref(kb, ref.text, country_hint, "government", on=on, country_hint=country_hint)


def _unnamed(
    kb: KnowledgeBase, ref: ActorRef, *, role: str, plover_type: str | None, on: str | None,
    country_hint: str | None,
) -> ActorRef | None:  # fmt: skip
    """Unnamed attackers, rioters and protesters: ACLED's group actors of the event's country.

    "a gunman", "the assailants", "armed bandits" -> Unidentified Armed Group (<country>); so is "a man"
    who stabs or shoots (the attacker of an assault nobody names), and a lone attacker named but of no
    group the KB knows ("Jane Roe stabbed ..."); "an angry mob" -> Rioters (<country>).
    """
    if ref.resolved or country_hint is None or not (is_fragment(ref.text) or _unknown_person(ref)):
        return None
    lex, head = lexicon(), _head(ref.text)
    actor_type = guess_type(ref.text)
    armed = head in lex.unidentified_heads or key(ref.text) in {key(h) for h in lex.unidentified_heads}
    attacker = role == "actor1" and plover_type == "ASSAULT" and head in lex.civilian_nouns
    if armed or attacker or (role == "actor1" and plover_type == "ASSAULT" and _unknown_person(ref)):
        slot = "unidentified"
    elif actor_type in ("Rioters", "Protesters"):
        slot = actor_type.casefold()
    else:
        return None
    return _generic_ref(kb, ref.text, country_hint, slot, on=on, country_hint=country_hint)


def _head(text: str) -> str:
    """The head word of a phrase, casefolded: "residents of X" -> residents; "armed bandits" -> bandits."""
    words = [w.casefold() for w in tokens(text)]
    if not words:
        return ""
    return words[words.index("of") - 1] if "of" in words[1:] else words[-1]


def is_fragment(text: str) -> bool:
    """Whether an actor phrase is a common-noun fragment, which names nobody: "the group", "families",
    "Both sides", "25 others", "pro". A phrase with a capitalised word past its opening words
    ("Syrian opposition leaders", "Ohio man James Fields") names or places someone and is not one.
    """
    words = tokens(text)
    if not words:
        return True
    vocab = lexicon().civilian_nouns | lexicon().actor_heads | lexicon().unidentified_heads
    for position, word in enumerate(words):
        if not word[:1].isupper():
            continue
        folded = word.casefold()
        if folded in _OPENERS or (position == 0 and folded in vocab):
            continue  # "The office", "Protesters" opening a sentence
        return False
    return True


def is_people(text: str) -> bool:
    """Whether a phrase describes ordinary people: "a man", "two shepherds", "the liquor shop owner"."""
    words = [w.casefold() for w in tokens(text)]
    if not words:
        return False
    # The head: "residents of X" -> residents; "merchant ships" -> ships, which are no people.
    head = words[words.index("of") - 1] if "of" in words[1:] else words[-1]
    return head in lexicon().civilian_nouns and guess_type(text) in _PERSON_TYPES


def _people(
    kb: KnowledgeBase, ref: ActorRef, *, role: str, plover_type: str | None, on: str | None,
    country_hint: str | None,
) -> ActorRef | None:  # fmt: skip
    """People by a common noun: Civilians of the country as targets, Protesters as a protest's agents."""
    if role == "actor2":
        slot = "civilians"
    elif plover_type == "PROTEST":
        slot = "protesters"
    else:
        return None
    country = country_hint
    if ref.resolved:
        actor = kb.get(ref.actor_id) if ref.actor_id else None
        if actor is not None and actor.generic == "civilians" and actor.country:
            return _generic_ref(kb, ref.text, actor.country, slot, on=on, country_hint=country_hint)
        if actor is None or actor.kind != "state":
            return None  # a named actor or a group: "Nujaba members", "Iraqi soldiers"
        country = actor.country  # "an Iraqi journalist": the journalist's country
    elif (nationals := _nationals(kb, ref.text)) is not None:
        return _generic_ref(kb, ref.text, nationals, slot, on=on, country_hint=country_hint)
    if country is None or not (
        is_people(ref.text)
        or _civilian_site(ref.text, role, plover_type)
        or _named_victim(ref, role, plover_type)
    ):
        return None
    if slot == "civilians" and (group := _civilian_group(ref.text)) is not None:
        slot = group  # "two journalists" -> Journalists (Turkey)
    return _generic_ref(kb, ref.text, country, slot, on=on, country_hint=country_hint)


def _civilian_group(text: str) -> str | None:
    """ACLED's group of civilians a target phrase names by its last words ("five aid workers")."""
    words = [w.casefold() for w in tokens(text)]
    groups = lexicon().civilian_groups
    return groups.get(" ".join(words[-2:])) or (groups.get(words[-1]) if words else None)


def _named_victim(ref: ActorRef, role: str, plover_type: str | None) -> bool:
    """Someone the KB does not know, named as the one attacked or arrested ("Jane Roe was stabbed"):
    ACLED codes an individual of no known group as Civilians of the event's country."""
    return role == "actor2" and plover_type in _VICTIM_TYPES and _unknown_person(ref)


def _unknown_person(ref: ActorRef) -> bool:
    """A name of up to four capitalised words the KB does not know and no word types ("Jane Roe"); a
    named building or site ("Erbil International Airport") is a place that was hit, not a person."""
    if ref.resolved or guess_type(ref.text):
        return False
    words = tokens(ref.text)
    if words and words[-1].casefold() in lexicon().target_sites:
        return False
    parts = [part for word in words for part in word.split("-")]
    return 0 < len(words) <= _NAME_WORDS and all(
        part.casefold() in _NAME_PARTICLES or (part[:1].isupper() and part[1:].islower() and part.isalpha())
        for part in parts
    )


def _civilian_site(text: str, role: str, plover_type: str | None) -> bool:
    """An attack on a home, mosque, market or village hits civilians (ACLED codes Civilians)."""
    words = tokens(text)
    return (
        role == "actor2"
        and plover_type == "ASSAULT"
        and bool(words)
        and words[-1].casefold() in lexicon().civilian_sites
    )


def _nationals(kb: KnowledgeBase, text: str) -> str | None:
    """The country of people named by a plural demonym: "five Palestinians", "Iraqis" -> PS, IQ."""
    words = tokens(text)
    if not words or not words[-1][:1].isupper() or not words[-1].endswith("s"):
        return None
    singular = words[-1][:-1]
    for actor in kb.lookup(singular):
        if actor.kind == "state" and singular.casefold() in (d.casefold() for d in actor.demonyms):
            return actor.country
    return None


def surname_person(kb: KnowledgeBase, text: str, country: str | None) -> Actor | None:
    """A person named by surname alone ("Salam received ..."), when one KB person of the event's
    country has it. Articles name someone in full once and by surname after; with no country, or
    two people of that country sharing the surname, nothing is guessed.
    """
    words = tokens(text)
    if country is None or len(words) != 1 or not words[0][:1].isupper() or words[0].isupper():
        return None
    found = _surnames(kb).get((country, key(words[0])), ())
    return found[0] if len(found) == 1 else None


@functools.cache
def _surnames(kb: KnowledgeBase) -> dict[tuple[str, str], tuple[Actor, ...]]:
    index: dict[tuple[str, str], tuple[Actor, ...]] = {}
    for actor in kb:
        if actor.kind != "person" or actor.country is None:
            continue
        names = tokens(actor.name)
        if len(names) < 2:
            continue
        slot = (actor.country, key(names[-1]))
        index[slot] = (*index.get(slot, ()), actor)
    return index
