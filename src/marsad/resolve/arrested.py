"""Who was arrested, the ACLED way, when the text says only "16 people" or "dozens of men".

Read alone, people by a common noun are Civilians of the event's country. Two things in the article say
more, and ACLED codes by them:

- the arrested are described by their ties: "people suspected of links to Hezbollah", "men on suspicion
  of belonging to the Islamic State" are that armed group (the cue words are ``affiliation_cues`` in
  data/actors/lexicon.json, the group must be a non-state armed actor of the KB);
- the arrested are the suspects of the article's attack: "two suspects", "the gunman" (``suspect_heads``,
  ``unidentified_heads``), or one person arrested in the sentence that tells the attack ("a man was
  arrested after the mayor was stabbed"), when the article's attacks have one armed author (a named
  group, or the Unidentified Armed Group of the arrest's country): ACLED codes them as that author;
- the arrests come in an article about a protest or a riot: the people arrested are its Protesters or
  Rioters (Rioters when the article has any).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Sequence
from typing import Protocol

from marsad.actor_words import lexicon, tokens
from marsad.records import ActorRef, Article, Mention, Modality
from marsad.resolve.kb_roles import is_people

# ACLED inter types of the non-state armed actors an arrested person may be said to belong to.
_ARMED_TYPES = frozenset({"Rebel group", "Political militia", "Identity militia"})
_CROWD_TYPES = ("Rioters", "Protesters")  # in order of preference
CLUE_TIES = "arrested for ties to a named group"
CLUE_CROWD = "arrested at the article's protest"
CLUE_SUSPECT = "arrested as the author of the article's attack"
_ONE_PERSON = frozenset({"a", "an", "one", "the"})
_PLURALS = frozenset({"men", "women", "people", "children", "youth"})
_NAME = r"(?:the\s+)?((?:[A-Z][\w'’-]*|al-\w+|of|the)(?:\s+(?:[A-Z][\w'’-]*|al-\w+|of|the))*)"


class _Reader(Protocol):
    def resolve(self, text: str, *, on: str | None = None, country_hint: str | None = None) -> ActorRef: ...


def _is_crowd_of_people(ref: ActorRef) -> bool:
    return ref.actor_type == "Civilians" and is_people(ref.text)


def arrested_as(mentions: Sequence[Mention], article: Article, kb: _Reader) -> list[Mention]:
    """The article's mentions with the people arrested read by their ties or by the article's protest."""
    crowds = [a for m in mentions for a in m.actor1 if a.resolved and a.actor_type in _CROWD_TYPES]
    author = _attack_author(mentions)
    attack_sentences = {
        m.evidence.sentence_start for m in mentions if m.plover_type == "ASSAULT" and author is not None
    }
    out: list[Mention] = []
    for mention in mentions:
        if mention.plover_type != "COERCE" or not mention.actor2:
            out.append(mention)
            continue
        told_with_attack = mention.evidence.sentence_start in attack_sentences
        actor2 = tuple(
            _as_author(ref, author, told_with_attack) or _read(ref, mention, article, kb, crowds)
            for ref in mention.actor2
        )
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


def _attack_author(mentions: Sequence[Mention]) -> ActorRef | None:
    """The one armed author of the article's asserted attacks (named, else the unnamed actor), if one."""
    authors: dict[str, ActorRef] = {}
    for mention in mentions:
        if mention.plover_type != "ASSAULT" or mention.modality is not Modality.ASSERTED:
            continue
        named = [a for a in mention.actor1 if not a.fragment]
        if not named and mention.unnamed_actor1 is not None:
            named = [mention.unnamed_actor1]
        for actor in named:
            if actor.resolved and actor.actor_type in _ARMED_TYPES:
                authors.setdefault(actor.label, actor)
            elif actor.resolved:
                return None  # a state's forces attacked too: whose suspects they are is not said
    return next(iter(authors.values())) if len(authors) == 1 else None


def _as_author(ref: ActorRef, author: ActorRef | None, told_with_attack: bool) -> ActorRef | None:
    """``author`` for the arrested suspects of its attack, with the clue; None when ``ref`` is not them."""
    if author is None or (ref.resolved and ref.actor_type not in (None, "Civilians")):
        return None
    if author.country and ref.country and author.country != ref.country:
        return None
    words = [w.casefold() for w in tokens(ref.text)]
    if not words:
        return None
    lex = lexicon()
    suspect = words[-1] in lex.suspect_heads or words[-1] in lex.unidentified_heads
    one_person = (
        told_with_attack
        and is_people(ref.text)
        and len(words) <= 2
        and (len(words) == 1 or words[0] in _ONE_PERSON)
        and not words[-1].endswith("s")
        and words[-1] not in _PLURALS
    )
    if not (suspect or one_person):
        return None
    return dataclasses.replace(author, text=ref.text, clue=ref.clue_then(CLUE_SUSPECT))


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
