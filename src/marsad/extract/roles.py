"""Who did it to whom: actor1 (agent) and actor2 (target or counterpart) from the parse.

- Active verbs: subject -> actor1, object (or "at/on/against/with X") -> actor2.
- Passives: "was killed in a US strike" -> actor2 the subject, actor1 "US" from the cause noun;
  "detained by security forces" -> actor1 from the "by" phrase.
- Nouns: "the US strike on X", "Israel's raid", "the arrest of two ISIS members", "a meeting with X".
- Coordinated actors become several ActorRefs; "armed members of the al-Nujaba" names al-Nujaba;
  an attack or weapon in subject position ("the rockets hit") is not an actor.
Actors stay as written (``ActorRef(text=...)``); resolution to the KB is the resolve stage's job.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from spacy.tokens import Token

from marsad.extract.lexicon import Lexicon, words
from marsad.extract.phrases import (
    RELATIVE,
    child,
    counted_noun,
    ent_span,
    is_name_appos,
    is_passive,
    np_text,
    people,
    prep_objects,
    subject,
)
from marsad.extract.places_dates import is_country
from marsad.extract.triggers import Trigger

log = logging.getLogger(__name__)

ACTOR_LABELS = frozenset({"GPE", "NORP", "ORG", "PERSON"})
TARGET_PREPS = frozenset({"at", "on", "against", "upon", "toward", "towards"})
WITH_PREPS = frozenset({"with"})
OWNER_PREPS = ("of", "from", "for")
# Things whose owner is the target: "the headquarters in eastern Baghdad of the al-Nujaba militia group".
Resolver = Callable[[Token], str | None]


def _owner(head: Token) -> Token | None:
    """X in "members of X", "spokesperson for X", "the headquarters in eastern Baghdad of X"."""
    for _, obj in prep_objects(head, OWNER_PREPS):
        return obj
    if head.lemma_.lower() in words("owned"):
        for token in head.subtree:
            if token.dep_ == "pobj" and token.head.lower_ == "of" and token.pos_ in ("PROPN", "NOUN"):
                return token
    return None


def _entity_text(token: Token) -> str:
    ent = ent_span(token)
    text = ent.text if ent is not None else np_text(token)
    return text.removeprefix("the ").removeprefix("The ")


def _named_modifier(noun: Token) -> Token | None:
    """The actor named inside an event noun: "US strike", "Israeli raid", "Israel's attack"."""
    for mod in noun.children:
        if mod.dep_ not in ("poss", "compound", "amod", "nmod") or mod.ent_type_ in (
            "DATE",
            "TIME",
            "CARDINAL",
        ):
            continue
        if not (mod.ent_type_ in ACTOR_LABELS or (mod.pos_ == "PROPN" and mod.dep_ != "nmod")):
            continue
        if mod.ent_type_ == "GPE" and not is_country(_entity_text(mod)):
            continue  # "the Baghdad bombing" names a place, not an agent
        return mod
    return None


def actor_text(head: Token, lex: Lexicon, pronoun: Resolver) -> str | None:
    """The actor as written; "members of X" -> X, "Hamas delegation" -> Hamas, pronouns via the tracker."""
    if head.pos_ == "PRON":
        return pronoun(head) if head.lower_ not in RELATIVE else None
    counted = counted_noun(head, lex)
    if counted is not None and counted is not head:  # "Hundreds of students" names students
        return actor_text(counted, lex, pronoun)
    lemma = head.lemma_.lower()
    if lemma in lex.member_words or lemma in words("owned"):
        appos = next((c for c in head.children if is_name_appos(c)), None)
        if appos is not None:
            return np_text(appos)
        owner = _owner(head)
        if owner is not None and owner.pos_ in ("PROPN", "NOUN"):
            return actor_text(owner, lex, pronoun)
        named = next((m for m in head.lefts if m.dep_ == "compound" and m.ent_type_ in ACTOR_LABELS), None)
        if named is not None:
            return _entity_text(named)
    text = np_text(head)
    return text.strip("“”\"' ") or None


def _refs(heads: list[Token], lex: Lexicon, pronoun: Resolver) -> list[str]:
    out: list[str] = []
    for head in heads:
        for part in people(head):
            text = actor_text(part, lex, pronoun)
            if text and text not in out:
                out.append(text)
    return out


def _cause_agent(verb: Token, lex: Lexicon) -> Token | None:
    """ "killed in a US strike", "as a result of brutal American aggression" -> the named agent."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in lex.cause_preps | {"as"}:
            continue
        for noun in prep.subtree:
            if noun.lemma_.lower() in lex.event_words or noun.lemma_.lower() in lex.nouns:
                agent = _named_modifier(noun)
                if agent is not None:
                    return agent
    return None


def _agent_of(noun: Token, lex: Lexicon) -> list[Token]:
    """An event or weapon noun in subject position is not the agent; its named modifier may be."""
    if (
        noun.lemma_.lower() in lex.event_words
        or noun.lemma_.lower() in lex.weapons
        or noun.lemma_.lower() in lex.nouns
    ):
        named = _named_modifier(noun)
        return [named] if named is not None else []
    return [noun]


def _targets(verb: Token, plover_type: str, lex: Lexicon) -> list[Token]:
    obj = child(verb, ("dobj", "obj"))
    if (
        obj is not None
        and obj.lemma_.lower() not in lex.weapons
        and obj.lemma_.lower() not in ("revenge", "fire")
    ):
        return [obj]
    preps = WITH_PREPS if plover_type in ("CONSULT", "AGREE", "COOPERATE") else TARGET_PREPS | WITH_PREPS
    return [o for _, o in prep_objects(verb, preps) if o.ent_type_ not in ("DATE", "TIME")]


def verb_roles(trig: Trigger, lex: Lexicon) -> tuple[list[Token], list[Token]]:
    """(agents, targets) of a verb trigger, as head tokens."""
    verb = trig.token
    if trig.spec.subject_patient:
        subj = subject(verb)
        agent = _cause_agent(verb, lex)
        return ([agent] if agent else []), ([subj] if subj else [])
    if is_passive(verb):
        patient = child(verb, ("nsubjpass",)) or (verb.head if verb.dep_ in ("acl", "relcl") else None)
        agents = [o for p, o in prep_objects(verb, ("by",)) if p == "by"]
        if not agents and (agent := _cause_agent(verb, lex)) is not None:
            agents = [agent]
        return [a for ag in agents for a in _agent_of(ag, lex)], ([patient] if patient is not None else [])
    subj = subject(verb)
    agents = _agent_of(subj, lex) if subj is not None else []
    targets = _targets(verb, trig.type, lex)
    if (
        not targets
        and (ccomp := child(verb, ("ccomp",))) is not None
        and (inner := subject(ccomp)) is not None
    ):
        targets = [inner]  # "demanded that parliament hold ..."
    return agents, targets


def noun_roles(trig: Trigger, lex: Lexicon) -> tuple[list[Token], list[Token]]:
    """(agents, targets) of a noun trigger: "the US strike on X", "arrest of X", "meeting with X"."""
    noun = trig.token
    agents = [o for p, o in prep_objects(noun, ("by",))]
    preps = WITH_PREPS if trig.type in ("CONSULT", "AGREE", "COOPERATE") else TARGET_PREPS | WITH_PREPS
    targets = [o for _, o in prep_objects(noun, preps) if o.ent_type_ not in ("DATE", "TIME")]
    patient = next((o for p, o in prep_objects(noun, ("of",)) if p == "of"), None)
    if patient is None:  # "the killing on Thursday of a militia leader": "of" hangs on the date
        dates = [o for _, o in prep_objects(noun, ("on", "in")) if o.ent_type_ == "DATE"]
        patient = next((o for d in dates for p, o in prep_objects(d, ("of",))), None)
    if patient is not None and trig.type not in ("CONSULT", "AGREE"):
        targets = targets or [patient]
    elif patient is not None and patient.pos_ in ("PROPN",) and trig.type == "CONSULT":
        agents = agents or [patient]
    named = _named_modifier(noun)
    if (
        named is not None
        and not agents
        and (trig.type not in ("CONSULT", "AGREE") or named.ent_type_ != "GPE")
    ):
        agents = [named]
    return agents, targets


def climb_agent(noun: Token, lex: Lexicon, stop: set[int]) -> tuple[Token | None, Token | None]:
    """(agent, speech verb): the subject of the verb governing a noun trigger ("stressed, during a meeting").

    Stops at a speech verb and returns it, so the caller can fall back to the speaker; stops at another
    trigger (its subject is that event's actor, not this one's); passes over participles ("operations
    carried out ...") whose "subject" is the noun they describe.
    """
    current = noun
    for _ in range(8):
        if current.head.i == current.i:
            return None, None
        current = current.head
        if current.i in stop:
            return None, None
        if current.pos_ not in ("VERB", "AUX") or current.dep_ in ("acl", "relcl"):
            continue
        if current.lemma_.lower() in lex.speech_verbs:
            return None, current
        subj = subject(current)
        if subj is None or subj.i == noun.i or subj.lower_ in RELATIVE:
            continue
        lemma = subj.lemma_.lower()
        if lemma not in lex.event_words and lemma not in lex.nouns:
            return subj, None
    return None, None


def counterpart_fallback(trig: Trigger) -> Token | None:
    """A CONSULT host's guest when the parse misses the object ("received ... on Monday ambassadors")."""
    for token in trig.sent[trig.token.i - trig.sent.start + 1 :]:
        if token.lemma_.lower() in words("counterparts") and token.pos_ in ("NOUN", "PROPN"):
            return token
    return None


def refs(heads: list[Token], lex: Lexicon, pronoun: Resolver) -> list[str]:
    """Actor texts for these heads, coordinated actors split, duplicates dropped."""
    return _refs(
        [h for h in heads if h.lemma_.lower() not in words("inanimate") or _owner(h) is not None],
        lex,
        pronoun,
    )


def drop_events(heads: list[Token], lex: Lexicon) -> list[Token]:
    """Targets that are events ("hosting consultations", "urged the withdrawal") are not actors."""
    return [h for h in heads if h.lemma_.lower() not in lex.nouns and h.lemma_.lower() not in lex.event_words]


def is_civilian(texts: list[str], heads: list[Token], lex: Lexicon) -> bool:
    words = {h.lemma_.lower() for h in heads} | {w.lower() for t in texts for w in t.split()}
    return bool(words & lex.civilian_words) or any("civilian" in w for w in words)
