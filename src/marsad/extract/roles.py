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

import functools
import logging
from collections.abc import Callable

from spacy.tokens import Token

from marsad.actor_words import key, tokens
from marsad.actor_words import lexicon as actor_lexicon
from marsad.extract.actor_names import actor_names
from marsad.extract.lexicon import Lexicon, words
from marsad.extract.phrases import (
    RELATIVE,
    child,
    conjuncts,
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
RECIPROCAL_CLUE = "'each other'"  # the clue of an actor2 read from a reciprocal ("blame each other")
# Things whose owner is the target: "the headquarters in eastern Baghdad of the al-Nujaba militia group".
Resolver = Callable[[Token], str | None]


def _owner(head: Token) -> Token | None:
    """X in "members of X", "spokesperson for X", "the headquarters in eastern Baghdad of X"."""
    for _, obj in prep_objects(head, OWNER_PREPS):
        return obj
    for acl in head.children:  # "a base used by X", "a warehouse belonging to X", "a checkpoint run by X"
        if acl.dep_ == "acl" and acl.lemma_.lower() in actor_lexicon().owner_verbs:
            for _, obj in prep_objects(acl, ("by", "to", "with")):
                return obj
    if head.lemma_.lower() in words("owned"):
        for token in head.subtree:  # the subtree holds the head itself: "one of their positions"
            if token is head:
                continue
            if (
                token.dep_ == "pobj"
                and token.head.lower_ == "of"
                and token.pos_ in ("PROPN", "NOUN")
                and token.head.head.lower_ not in words("directions") | words("place_frames")
            ):
                return token  # not "a house in Abasan, east of Khan Yunis": that names where
    return None


def _entity_text(token: Token) -> str:
    ent = ent_span(token)
    text = ent.text if ent is not None else np_text(token)
    return text.removeprefix("the ").removeprefix("The ")


def _named_modifier(noun: Token, *, inner: bool = True) -> Token | None:
    """The actor named inside an event noun: "US strike", "Israeli raid", "Israel's attack", and in front of
    the weapon that names the attack ("Russian drone strikes", "an Israeli missile attack")."""
    for mod in noun.children:
        if inner and mod.dep_ == "compound" and mod.pos_ == "NOUN":
            named = _named_modifier(mod, inner=False)
            if named is not None and named.dep_ == "amod":
                return named
        if mod.dep_ not in ("poss", "compound", "amod", "nmod") or mod.ent_type_ in (
            "DATE",
            "TIME",
            "CARDINAL",
        ):
            continue
        if not (mod.ent_type_ in ACTOR_LABELS or (mod.pos_ == "PROPN" and mod.dep_ != "nmod")):
            continue
        if mod.ent_type_ == "GPE" and mod.pos_ != "ADJ" and not is_country(_entity_text(mod)):
            continue  # "the Baghdad bombing" names a place, not an agent; "a Ukrainian attack" an agent
        return mod
    return None


def _organ_modifier(noun: Token) -> Token | None:
    """A state organ named by a common noun in front of the event noun: "a police shooting of X" is
    the police's (data: ``agent_modifiers``); the country comes with resolution."""
    return next(
        (m for m in noun.children if m.dep_ == "compound" and m.lemma_.lower() in words("agent_modifiers")),
        None,
    )


def actor_text(head: Token, lex: Lexicon, pronoun: Resolver) -> str | None:
    """The actor as written; "members of X" -> X, "Hamas delegation" -> Hamas, pronouns via the tracker."""
    if head.pos_ == "PRON":
        return pronoun(head) if head.lower_ not in RELATIVE else None
    counted = counted_noun(head, lex)
    if counted is not None and counted is not head:  # "Hundreds of students" names students
        return actor_text(counted, lex, pronoun)
    lemma = head.lemma_.lower()
    if lemma in actor_lexicon().target_sites and lemma not in lex.member_words | words("owned"):
        # "depots of Hezbollah" names Hezbollah; "the town of Tarmiyah" names no actor.
        owner = _owner(head)
        is_named = owner is not None and (
            owner.ent_type_ in ACTOR_LABELS or owner.lemma_.lower() in _actor_vocab()
        )
        if owner is not None and is_named and can_act(owner, lex):
            return actor_text(owner, lex, pronoun)
    elif lemma in lex.member_words or lemma in words("owned"):
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


def _refs(
    heads: list[Token], lex: Lexicon, pronoun: Resolver, *, modifier: bool = True, sites: bool = False
) -> list[tuple[str, Token, str | None]]:
    """(text, head, how the text was found past the head: "loyal to", "apposition" or None)."""
    out: list[tuple[str, Token, str | None]] = []
    for head in heads:
        for part in people(head):
            if not can_act(part, lex, sites=sites):
                # "Israeli fire", "the American presence": not an actor, but its named modifier is.
                fallback = modifier and part.pos_ == "NOUN" and part.lemma_.lower() not in lex.weapons
                named = _named_modifier(part) if fallback else None
                if named is None:
                    continue
                part = named
            text, via = None, None
            if (affiliation := _affiliation(part, lex)) is not None:
                text = actor_text(affiliation[0], lex, pronoun)
                via = affiliation[1] if text else None
            text = text or actor_text(part, lex, pronoun)
            if text and text not in (t for t, _, _ in out):
                out.append((text, part, via))
    return out


def _named(token: Token) -> bool:
    return token.ent_type_ in ACTOR_LABELS or token.pos_ == "PROPN"


def _affiliation(head: Token, lex: Lexicon) -> tuple[Token, str] | None:
    """The group a phrase says its people act for: "forces loyal to X", "gunmen affiliated with X"
    (``[words] loyalty``); "Y, a spokesman for X", "Y, the al-Qaeda commander" (an apposition whose
    head is a member word and whose group is named) -> X."""
    for mod in head.children:
        if mod.dep_ in ("amod", "acl") and mod.lemma_.lower() in words("loyalty"):
            for _, obj in prep_objects(mod, ("to", "with")):
                if _named(obj):
                    return obj, f"'{mod.lower_} {next(mod.children).lower_}'"
    if actor_names().knows(_entity_text(head)):
        return None  # a person the KB knows acts for the body it gives on the event's date
    for appos in head.children:
        if appos.dep_ != "appos" or appos.lemma_.lower() not in lex.member_words:
            continue
        owner = _owner(appos)
        if owner is not None and _named(owner):
            return owner, "apposition"
        group = [m for m in appos.lefts if m.dep_ in ("compound", "amod", "nmod") and _named(m)]
        if group and group[-1].ent_type_ != "PERSON":
            return group[-1], "apposition"
    return None


def role_clue(head: Token, trigger: Token) -> str:
    """The grammar that gave ``head`` its role for ``trigger``: "subject", "passive subject", "object",
    "passive by-phrase", "possessive" ("Israel's raid"), "modifier" ("US strike"), "'from' phrase",
    "apposition"; "+ coordination" for a second coordinated actor; "clause" when the head sits further
    off (a cause noun, a "when" clause, the subject of the governing verb)."""
    first = head
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    suffix = " + coordination" if first.i != head.i else ""
    if first.dep_ == "appos":
        return "apposition" + suffix
    if first.dep_ in ("poss", "compound", "amod", "nmod") and first.head.i not in (trigger.i, first.i):
        # "killed by an Israeli drone": the owner named in front of the phrase that holds the role
        return f"{role_clue(first.head, trigger)}, {'possessive' if first.dep_ == 'poss' else 'modifier'}"
    node, prep = first, None
    for _ in range(4):
        if node.head.i in (trigger.i, node.i) or node.dep_ in ("poss", "compound", "amod", "nmod"):
            break
        if node.dep_ in ("prep", "agent") and prep is None:
            prep = node.lower_
        node = node.head
    if node.head.i != trigger.i:
        clue = "clause"
    elif prep is not None and node.dep_ in ("dobj", "obj"):
        clue = f"'{prep}' phrase"  # "halted arms exports to X"
    elif node.dep_ == "poss":
        clue = "possessive"
    elif node.dep_ in ("compound", "amod", "nmod"):
        clue = "modifier"
    elif node.dep_ in ("nsubj", "csubj"):
        clue = "subject"
    elif node.dep_ == "nsubjpass":
        clue = "passive subject"
    elif node.dep_ in ("dobj", "obj", "dative"):
        clue = "object"
    elif node.dep_ == "agent" or (node.dep_ == "prep" and node.lower_ == "by"):
        clue = "passive by-phrase" if trigger.pos_ in ("VERB", "AUX") else "by-phrase"
    elif node.dep_ == "prep":
        clue = f"'{node.lower_}' phrase"
    elif node.dep_ in ("acl", "advcl", "relcl") and node.tag_ == "VBN":
        clue = f"participle '{prep}' phrase" if prep else "participle"  # "the attack, claimed by X"
    elif node.dep_ in ("advcl", "xcomp", "ccomp"):
        clue = "clause subject"
    else:
        clue = node.dep_ or "clause"
    return clue + suffix


def clued_refs(
    heads: list[Token],
    trigger: Token,
    lex: Lexicon,
    pronoun: Resolver,
    *,
    modifier: bool = True,
    sites: bool = False,
) -> list[tuple[str, str]]:
    """(text, clue) of :func:`refs`, with the grammar that decided each role (:func:`role_clue`)."""
    return [
        (text, role_clue(part, trigger) + (f", {via}" if via else ""))
        for text, part, via in _refs(_animate(heads), lex, pronoun, modifier=modifier, sites=sites)
    ]


def _cause_agent(verb: Token, lex: Lexicon) -> Token | None:
    """ "killed in a US strike", "as a result of brutal American aggression" -> the named agent. The cause
    may hang off a coordinated casualty verb: "three are killed and four injured during Israeli strikes"."""
    preps = [c for head in (verb, *_conj_verbs(verb)) for c in head.children]
    for prep in preps:
        if prep.dep_ != "prep" or prep.lower_ not in lex.cause_preps | {"as"}:
            continue
        for noun in prep.subtree:
            if noun.lemma_.lower() in lex.event_words or noun.lemma_.lower() in lex.nouns:
                agent = _named_modifier(noun)
                if agent is not None:
                    return agent
    return None


def _conj_verbs(verb: Token) -> list[Token]:
    """The verbs coordinated with ``verb`` ("killed and injured"), each one's cause also being its own."""
    return [c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]


def _when_agent(verb: Token, lex: Lexicon) -> Token | None:
    """ "seven people were killed when an Israeli warplane bombed a house": the attacker of the clause
    that says how the casualties came about is the agent of the casualty verb (one event)."""
    for head in (verb, *(c for c in verb.children if c.dep_ == "conj")):
        for clause in head.children:
            if clause.dep_ != "advcl" or not any(c.lower_ in ("when", "as") for c in clause.children):
                continue
            spec = lex.verbs.get(clause.lemma_.lower())
            doer = subject(clause) if spec is not None and spec.type == "ASSAULT" else None
            if doer is not None and doer.pos_ != "PRON":
                return doer
    return None


def _done_by(head: Token) -> list[Token]:
    """The doer a participle on the event names: "the attack, reportedly conducted by X", "the bombing,
    claimed by X", "another attack ascribed to X" (``[words] done_by`` and ``ascribed_to``)."""
    found: list[Token] = []
    for part in head.children:
        if part.dep_ not in ("acl", "advcl", "relcl") or part.tag_ != "VBN":
            continue
        lemma = part.lemma_.lower()
        if lemma in words("done_by") or lemma in words("ascribed_to"):
            preps = ("by", "to", "on") if lemma in words("ascribed_to") else ("by",)
            found += [o for _, o in prep_objects(part, preps) if o.ent_type_ not in ("DATE", "TIME")]
    return found


def _light_verb_agent(noun: Token) -> Token | None:
    """ "Israeli jets carried out a series of strikes": the subject of a verb that only says the attack
    happened is the attack's agent."""
    current = noun
    if current.dep_ == "pobj" and current.head.lower_ == "of":
        current = current.head.head  # "a series of strikes", "a wave of raids"
    verb = current.head
    if current.dep_ not in ("dobj", "obj") or verb.lemma_.lower() not in words("light_verbs"):
        return None
    return subject(verb)


def _agent_of(noun: Token, lex: Lexicon) -> list[Token]:
    """An event or weapon noun in subject position is not the agent; its named modifier may be."""
    if noun.lemma_.lower() in _actor_vocab():
        return [noun]  # "a sniper", "the bomber": people, though the weapon list names them
    if (
        noun.lemma_.lower() in lex.event_words
        or noun.lemma_.lower() in lex.weapons
        or noun.lemma_.lower() in lex.nouns
    ):
        named = _named_modifier(noun) or _believed_owner(noun)
        return [named] if named is not None else _done_by(noun)  # "the attack, claimed by X, killed"
    return [noun]


def _document_author(noun: Token) -> list[Token]:
    """ "X issues a statement condemning Y", "the council votes for a resolution calling for Z": whoever
    issues the document (``[words] documents``) a participle hangs on says what the participle says: the
    subject of the issuing verb (``[words] issuing``), else the name on the document ("a UN statement")."""
    if noun.lemma_.lower() not in words("documents"):
        return []
    verb = next((a for a in noun.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is not None and verb.lemma_.lower() in words("issuing"):
        doer = subject(verb)
        if doer is not None and doer.i != noun.i and doer.lemma_.lower() not in words("documents"):
            return [doer]
    named = _named_modifier(noun)
    return [named] if named is not None else []


def _believed_owner(noun: Token) -> Token | None:
    """ "a drone believed to be Turkish", "aircraft thought to be Israeli": whose the weapon is said to be."""
    for acl in noun.children:
        if acl.dep_ != "acl" or acl.lemma_.lower() not in words("attribution_verbs"):
            continue
        for be in acl.children:
            if be.dep_ == "xcomp" and be.lemma_ == "be":
                found = next((c for c in be.children if c.dep_ in ("acomp", "attr")), None)
                if found is not None and (found.ent_type_ in ("NORP", "GPE", "ORG") or found.pos_ == "PROPN"):
                    return found
    return None


def _targets(verb: Token, plover_type: str, lex: Lexicon, hint: str | None = None) -> list[Token]:
    obj = child(verb, ("dobj", "obj"))
    if obj is not None and plover_type in ("MOBILIZE", "RETREAT") and _own_forces(obj):
        obj = None  # "Turkey deployed troops", "withdrew its fighters": the forces are the actor's own
    if obj is None or not can_act(obj, lex):
        named = _prep_patients(verb, obj, plover_type, hint, lex)
        if named:
            return named  # "demanded an explanation from X", "captured the town from X"
    if (
        obj is not None
        and obj.lemma_.lower() not in lex.weapons
        and obj.lemma_.lower() not in ("revenge", "fire")
        and obj.lemma_.lower() not in words("taken_place_nouns")  # "took control of X": X is a place
        and not _place_taken(verb, obj)  # "captured the town of Kurmuk": a place, whoever held it
        and (
            can_act(obj, lex, sites=plover_type == "ASSAULT")
            or not [o for _, o in prep_objects(verb, TARGET_PREPS) if o.ent_type_ not in ("DATE", "TIME")]
        )
    ):
        return [obj]  # else "fired tear gas at protesters": the object is what was fired
    preps = WITH_PREPS if plover_type in ("CONSULT", "AGREE", "COOPERATE") else TARGET_PREPS | WITH_PREPS
    return [o for _, o in prep_objects(verb, preps) if o.ent_type_ not in ("DATE", "TIME")]


def _place_taken(verb: Token, obj: Token) -> bool:
    """Whether the object of a verb of place ("captured", "seized") is a place: a place noun ("the
    town") or a town's name, never a country, which stands for its state ("invaded Ukraine")."""
    if verb.lemma_.lower() not in words("taking_verbs"):
        return False
    place_noun = obj.lemma_.lower() in words("place_frames") | words("town_heads") | words("place_heads")
    return place_noun or (obj.ent_type_ in ("GPE", "LOC", "FAC") and not is_country(obj.text))


def _prep_patients(
    verb: Token, obj: Token | None, plover_type: str, hint: str | None, lex: Lexicon
) -> list[Token]:
    """The patient after a preposition the event type reads (data: ``[roles.patient_preps]``), on the
    verb or on its object: "halted arms shipments to X", "demanded an explanation from X", "withdrew
    its fighters from X"; and "calls for X to stop", whose X is the subject of the infinitive."""
    preps = lex.patient_preps.get(plover_type, frozenset()) | lex.patient_preps.get(hint or "", frozenset())
    if not preps:
        return []
    heads = [verb] if obj is None else [verb, obj]
    found = [o for head in heads for _, o in prep_objects(head, preps) if o.ent_type_ not in ("DATE", "TIME")]
    for clause in verb.children:
        if clause.dep_ in ("advcl", "xcomp", "ccomp") and any(
            c.dep_ == "mark" and c.lower_ in preps for c in clause.children
        ):
            inner = subject(clause)
            if inner is not None:
                found.append(inner)
    return [o for o in found if can_act(o, lex)]


def reciprocal(heads: list[Token]) -> list[Token]:
    """The heads saying each side acted on the other: "each other", "one another" (``[words] reciprocal``)."""
    return [
        h
        for h in heads
        if h.lower_ in words("reciprocal") and h.i > 0 and h.nbor(-1).lower_ in ("each", "one")
    ]


def destination(head: Token, lex: Lexicon) -> Token | None:
    """ "a ban on ships carrying weapons to Israel", "lifted its restrictions on arms exports to Israel": a
    measure on goods targets the named state or group they go to, when the goods themselves cannot act."""
    if can_act(head, lex):
        return None
    for token in head.subtree:
        if token.dep_ == "pobj" and token.head.lower_ == "to" and token.ent_type_ in ("GPE", "ORG"):
            return token
    return None


def between(noun: Token) -> tuple[list[Token], list[Token]]:
    """ "clashes between the army and the SDF": ([army], [SDF]), ACLED's actor1 and actor2."""
    for _, obj in prep_objects(noun, ("between",)):
        sides = conjuncts(obj)
        if len(sides) > 1:
            return sides[:1], sides[1:]
    return [], []


def _own_forces(noun: Token) -> bool:
    """ "troops", "additional forces", "reinforcements": the forces a mobilizing actor sends."""
    heads = actor_lexicon().anaphoric_heads
    named = any(t.ent_type_ in ACTOR_LABELS for t in noun.subtree)
    own = any(c.dep_ == "poss" and c.pos_ == "PRON" for c in noun.children)  # "its fighters"
    return not named and (
        own or heads.get(noun.lower_) == "military" or noun.lemma_.lower() == "reinforcement"
    )


def verb_roles(trig: Trigger, lex: Lexicon) -> tuple[list[Token], list[Token]]:
    """(agents, targets) of a verb trigger, as head tokens."""
    verb = trig.token
    if trig.spec.subject_patient:
        subj = subject(verb)
        agent = _cause_agent(verb, lex)
        return ([agent] if agent else _done_by(verb)), ([subj] if subj else [])
    if is_passive(verb):
        patient = child(verb, ("nsubjpass",)) or (verb.head if verb.dep_ in ("acl", "relcl") else None)
        agents = [o for p, o in prep_objects(verb, ("by",)) if p == "by"] or _done_by(verb)
        if not agents and (agent := _cause_agent(verb, lex)) is not None:
            agents = [agent]
        if not agents and (doer := _when_agent(verb, lex)) is not None:
            agents = [doer]
        if not agents and trig.type == "MOBILIZE" and patient is not None:
            return [patient], []  # "troops were deployed to the border": the forces sent are the actor
        return [a for ag in agents for a in _agent_of(ag, lex)], ([patient] if patient is not None else [])
    subj = subject(verb)
    agents = _agent_of(subj, lex) if subj is not None else []
    if subj is not None and verb.dep_ == "acl" and subj.i == verb.head.i:
        agents = _document_author(subj) or agents  # "X issues a statement condemning Y"
    targets = _targets(verb, trig.type, lex, trig.spec.hint)
    if not agents and subj is not None and (sides := between(subj))[0]:
        agents, targets = sides[0], sides[1] + targets  # "clashes between the army and the SDF killed"
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
    agents = [o for p, o in prep_objects(noun, ("by",))] or _done_by(noun)
    preps = WITH_PREPS if trig.type in ("CONSULT", "AGREE", "COOPERATE") else TARGET_PREPS | WITH_PREPS
    targets = [o for _, o in prep_objects(noun, preps) if o.ent_type_ not in ("DATE", "TIME")]
    if not agents and (sides := between(noun))[0]:
        agents, targets = sides[0], sides[1] + targets
    if not agents and (doer := _light_verb_agent(noun)) is not None:
        agents = _agent_of(doer, lex)
    patient = next((o for p, o in prep_objects(noun, ("of",)) if p == "of"), None)
    if patient is None:  # "the killing on Thursday of a militia leader": "of" hangs on the date
        dates = [o for _, o in prep_objects(noun, ("on", "in")) if o.ent_type_ == "DATE"]
        patient = next((o for d in dates for p, o in prep_objects(d, ("of",))), None)
    if patient is not None and trig.type not in ("CONSULT", "AGREE"):
        targets = targets or [patient]
    elif patient is not None and patient.pos_ in ("PROPN",) and trig.type == "CONSULT":
        agents = agents or [patient]
    named = _named_modifier(noun) or _organ_modifier(noun)
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


def refs(
    heads: list[Token], lex: Lexicon, pronoun: Resolver, *, modifier: bool = True, sites: bool = False
) -> list[str]:
    """Actor texts for these heads, coordinated actors split, duplicates dropped.

    A head that cannot act is dropped; with ``modifier``, the actor named in front of it is taken
    instead ("Israeli fire" -> Israeli). Targets of attacks pass ``modifier=False`` ("Israeli ships"
    hit are not Israel) and ``sites=True`` (the mosque or truck hit stays as the target).
    """
    return [text for text, _, _ in _refs(_animate(heads), lex, pronoun, modifier=modifier, sites=sites)]


def _animate(heads: list[Token]) -> list[Token]:
    """Heads that may name an actor: not a thing ("the building"), unless an owner is named with it."""
    return [h for h in heads if h.lemma_.lower() not in words("inanimate") or _owner(h) is not None]


def can_act(head: Token, lex: Lexicon, depth: int = 0, *, sites: bool = False) -> bool:
    """Whether a phrase can be an actor: a person, group, organisation or state, never an object.

    Positive rule: a pronoun, a named person/organisation/state/nationality, an unlabelled proper
    name, a common noun whose head is a human or organisation word (data: ``civilian_nouns`` and
    ``actor_heads`` in data/actors/lexicon.json), a thing owned by an actor ("the headquarters of X"),
    or a phrase the actor KB knows ("the occupation", "Iraqi air force F-16s"). With ``sites`` (the
    target of an attack), a place, building or vehicle hit ("the mosque", "a truck", "an army site") is
    kept too. Everything else is dropped: "rockets", "the car", "efforts", "a valuable catch".
    """
    if head.pos_ == "PRON":
        return True
    counted = counted_noun(head, lex)
    if counted is not None and counted is not head and depth < 3:
        return can_act(counted, lex, depth + 1, sites=sites)
    if any(c.dep_ == "det" and c.lower_ == "no" for c in head.children):
        return False  # "no casualties", "no group"
    if head.ent_type_ == "GPE":  # a capital hit ("rockets at Baghdad") is a place, not its state
        return is_country(_entity_text(head)) if sites else _actor_place(head)
    lemma, vocab = head.lemma_.lower(), _actor_vocab()
    if head.ent_type_ in ACTOR_LABELS or (sites and {lemma, head.lower_} & actor_lexicon().target_sites):
        return True
    last = np_text(head).lower().rsplit(" ", 1)[-1]  # "passer-by" is parsed as "by" with a compound
    if not head.ent_type_ and (
        {lemma, head.lower_, last} & vocab or lemma in lex.member_words | lex.person_words
    ):
        return True
    if lemma in lex.weapons or head.lower_.removesuffix("s") in lex.weapons:
        return False  # a weapon ("drones", "rockets") is never an actor, least of all as a target
    held = lemma in words("owned") or lemma in words("inanimate") or sites
    if held and depth < 3 and _owned_by_actor(head, lex, vocab, depth):
        return True  # "the headquarters of X", "army positions", "a former army air defence site"
    if head.pos_ == "PROPN" and not head.ent_type_:
        return True
    return _known_to_kb(np_text(head))


def _actor_place(head: Token) -> bool:
    """A country or a capital standing for its state ("Cairo hosted"), not a town raided or hit."""
    text = _entity_text(head)
    return is_country(text) or actor_names().knows(text)


def _owned_by_actor(head: Token, lex: Lexicon, vocab: frozenset[str], depth: int) -> bool:
    """ "the headquarters of the Nujaba", "army positions", "a militia checkpoint": the owner is the actor."""
    owner = _owner(head)
    if owner is not None and owner.i != head.i:
        return can_act(owner, lex, depth + 1)
    return any(
        m.ent_type_ in ACTOR_LABELS
        or m.lemma_.lower() in vocab
        or m.lower_ in vocab
        or m.lemma_.lower() in lex.state_words
        for m in head.subtree
        if m.i < head.i
    )


@functools.cache
def _actor_vocab() -> frozenset[str]:
    lexicon = actor_lexicon()
    return lexicon.civilian_nouns | lexicon.actor_heads


def _known_to_kb(text: str) -> bool:
    """A phrase the KB names as an actor (not merely a country inside it), or one holding a generic
    actor word ("air force cadets", "Iraqi air force F-16s") that resolution reads with a country."""
    names = actor_names()
    if names.knows(text) or names.kind_of(text) not in (None, "state"):
        return True
    lexicon, parts = actor_lexicon(), [key(w) for w in tokens(text)]
    runs = {"".join(parts[i : i + n]) for n in (1, 2, 3) for i in range(len(parts) - n + 1)}
    return any(run in lexicon.generic and run not in lexicon.country_only for run in runs)


def drop_events(heads: list[Token], lex: Lexicon) -> list[Token]:
    """Targets that are events ("hosting consultations", "urged the withdrawal") are not actors."""
    return [h for h in heads if h.lemma_.lower() not in lex.nouns and h.lemma_.lower() not in lex.event_words]


def is_civilian(texts: list[str], heads: list[Token], lex: Lexicon) -> bool:
    words = {h.lemma_.lower() for h in heads} | {w.lower() for t in texts for w in t.split()}
    return bool(words & lex.civilian_words) or any("civilian" in w for w in words)
