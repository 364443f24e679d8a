"""Who was arrested, the ACLED way, when the text says only "16 people" or "dozens of men".

Read alone, people by a common noun are Civilians of the event's country. Two things in the article say
more, and ACLED codes by them:

- the arrested are described by their ties: "people suspected of links to Hezbollah", "men on suspicion
  of belonging to the Islamic State" are that armed group (the cue words are ``affiliation_cues`` in
  data/actors/lexicon.json, the group must be a non-state armed actor of the KB);
- the arrests come in an article about a protest or a riot: the people arrested are its Protesters or
  Rioters (Rioters when the article has any).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Sequence
from typing import Protocol

from marsad.records import ActorRef, Article, Mention
from marsad.resolve.kb_roles import is_people
from marsad.resolve.kb_text import lexicon

# ACLED inter types of the non-state armed actors an arrested person may be said to belong to.
_ARMED_TYPES = frozenset({"Rebel group", "Political militia", "Identity militia"})
_CROWD_TYPES = ("Rioters", "Protesters")  # in order of preference
CLUE_TIES = "arrested for ties to a named group"
CLUE_CROWD = "arrested at the article's protest"
_NAME = r"(?:the\s+)?((?:[A-Z][\w'’-]*|al-\w+|of|the)(?:\s+(?:[A-Z][\w'’-]*|al-\w+|of|the))*)"


class _Reader(Protocol):
    def resolve(self, text: str, *, on: str | None = None, country_hint: str | None = None) -> ActorRef: ...


def _is_crowd_of_people(ref: ActorRef) -> bool:
    return ref.actor_type == "Civilians" and is_people(ref.text)


def arrested_as(mentions: Sequence[Mention], article: Article, kb: _Reader) -> list[Mention]:
    """The article's mentions with the people arrested read by their ties or by the article's protest."""
    crowds = [a for m in mentions for a in m.actor1 if a.resolved and a.actor_type in _CROWD_TYPES]
    out: list[Mention] = []
    for mention in mentions:
        if mention.plover_type != "COERCE" or not mention.actor2:
            out.append(mention)
            continue
        actor2 = tuple(_read(ref, mention, article, kb, crowds) for ref in mention.actor2)
        out.append(dataclasses.replace(mention, actor2=actor2) if actor2 != mention.actor2 else mention)
    return out


def _read(ref: ActorRef, mention: Mention, article: Article, kb: _Reader, crowds: list[ActorRef]) -> ActorRef:
    if not _is_crowd_of_people(ref):
        return ref
    group = _tied_group(ref, mention, article, kb)
    if group is not None:
        return dataclasses.replace(group, text=ref.text, clue=ref.clue_then(CLUE_TIES))
    same_country = [c for c in crowds if c.country == ref.country]
    for crowd_type in _CROWD_TYPES:
        crowd = next((c for c in same_country if c.actor_type == crowd_type), None)
        if crowd is not None:
            return dataclasses.replace(crowd, text=ref.text, clue=ref.clue_then(CLUE_CROWD))
    return ref


@functools.cache
def _cue_pattern() -> re.Pattern[str] | None:
    """A cue of ties ("suspected of links to") and the name after it; None when the lexicon has no cue."""
    cues = "|".join(re.escape(cue) for cue in sorted(lexicon().affiliation_cues, key=len, reverse=True))
    return re.compile(rf"\b(?:{cues})\s+{_NAME}", flags=re.IGNORECASE) if cues else None


def _tied_group(ref: ActorRef, mention: Mention, article: Article, kb: _Reader) -> ActorRef | None:
    """The armed group a cue after the arrested phrase names in the same sentence."""
    evidence = mention.evidence
    if evidence.sentence_start is None or evidence.sentence_end is None:
        return None
    sentence = article.body[evidence.sentence_start : evidence.sentence_end]
    at = sentence.find(ref.text)
    if at < 0:
        return None
    tail = sentence[at + len(ref.text) :]
    pattern = _cue_pattern()
    if pattern is None:
        return None
    for match in pattern.finditer(tail):
        name = match.group(1).strip()
        name = re.sub(r"\s+(?:of|the)$", "", name)
        found = kb.resolve(name, on=mention.date.date, country_hint=ref.country)
        if found.resolved and found.actor_type in _ARMED_TYPES:
            return found
    return None
