"""Who claimed it: a named perpetrator carried to the attacks whose own sentence names none.

News names an attack's author apart from the attack: "Twin bombings struck the cathedral. ... The
Islamic State later claimed responsibility." The first sentence gives the attack no agent; ACLED codes
the group that claimed it. This module reads the responsibility statements of an article

- "X claimed (or accepted, admitted) responsibility (for the attacks)",
- "the attack was claimed by X",
- "the blast was blamed on X", "an attack attributed (ascribed) to X" (agentless: said of the attack,
  not one party's accusation, which stays an ACCUSE event and a source, :mod:`marsad.extract.blame`),

and gives their claimant as actor 1 to the article's asserted attacks that name no agent of their own
(none, or only unnamed attackers: "gunmen stormed the hotel", ``unidentified_heads``).
Evidence is required: the claimant is a name (an entity, a proper noun, or a pronoun the article's
speakers resolve), one claimant only in the article, no statement that the attack went unclaimed ("no
group has claimed responsibility"), and the claimant is not what the attack hit. The words are data
(``responsibility_verbs``, ``responsibility_nouns``, ``blamed_on_verbs`` in ``data/lexicon.toml``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from spacy.tokens import Span, Token

from marsad.actor_words import lexicon as actor_lexicon
from marsad.extract.lexicon import Lexicon, load_lexicon, words
from marsad.extract.modality import NEGATORS
from marsad.extract.phrases import doc_text, np_bounds
from marsad.records import ActorRef, Mention, Modality

CLAIMED = "claimed responsibility"
ATTRIBUTED = "attack attributed to it"
_NAME_LABELS = frozenset({"ORG", "NORP", "PERSON", "GPE"})
# modality's negating determiners and pronouns, plus the adverbs a parse may not mark "neg"
_NEGATORS = NEGATORS | {"not", "never"}
_MAYBE = frozenset({"may", "might", "could", "would"})

Pronoun = Callable[[Token], str | None]


@dataclasses.dataclass(frozen=True, slots=True)
class Responsibility:
    """One statement that someone did an attack: the claimant as written, or None when it says nobody did."""

    claimant: str | None
    clue: str


def statements(sent: Span, lex: Lexicon, pronoun: Pronoun) -> list[Responsibility]:
    """The responsibility statements of one sentence."""
    out: list[Responsibility] = []
    for verb in sent:
        if verb.tag_ == "NNS":
            headline = _headline_claim(verb, pronoun)
            if headline is not None:
                out.append(headline)
            continue
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        lemma = verb.lemma_.lower()
        if lemma in words("responsibility_verbs"):
            found = _claim(verb, lex, pronoun)
        elif lemma in words("blamed_on_verbs"):
            found = _attribution(verb, lex)
        else:
            continue
        if found is not None:
            out.append(found)
    return out


def _claim(verb: Token, lex: Lexicon, pronoun: Pronoun) -> Responsibility | None:
    """ "X claimed responsibility", "the attack was claimed by X", "no group has claimed responsibility"."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if any(o.lemma_.lower() in words("responsibility_nouns") for o in objects) and subject is not None:
        if not _for_an_attack(objects):
            return None  # "claimed credit for the ceasefire": no attack's author
        if _negated(verb) or _negated(subject):
            return Responsibility(None, CLAIMED)
        if _hedged(verb):
            return None
        return _named(subject, pronoun, CLAIMED)
    passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if passive is None or not _is_attack(passive, lex):
        return None
    if _negated(verb):
        return Responsibility(None, CLAIMED)
    by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    if by is None or _hedged(verb):
        return None
    return _named(by, pronoun, CLAIMED)


def _headline_claim(word: Token, pronoun: Pronoun) -> Responsibility | None:
    """ "Al-Shabaab claims responsibility for the attack": terse news in the present tense, which the small
    parser reads as one noun phrase ("claims" a plural noun compounded to "responsibility"). The claimant is
    the name compounded before the verb."""
    noun = word.head
    if (
        word.lemma_.lower() not in words("responsibility_verbs")
        or word.dep_ != "compound"
        or noun.lemma_.lower() not in words("responsibility_nouns")
        or not _for_an_attack([noun])
    ):
        return None
    before = [c for c in noun.children if c.dep_ == "compound" and c.i < word.i and c.pos_ == "PROPN"]
    if not before or _negated(noun):
        return None
    return _named(before[-1], pronoun, CLAIMED)


def _attribution(verb: Token, lex: Lexicon) -> Responsibility | None:
    """ "the blast was blamed on X", "an attack ascribed to X": said of the attack, by nobody named."""
    if any(c.dep_ in ("nsubj", "agent") for c in verb.children) or _negated(verb) or _hedged(verb):
        return None
    said_of = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if said_of is None and verb.dep_ in ("acl", "relcl"):
        said_of = verb.head  # "another attack ascribed to the Taliban"
    if said_of is None or not _is_attack(said_of, lex):
        return None
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("on", "to"):
            owner = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if owner is not None:
                return _named(owner, None, ATTRIBUTED)
    return None


def _for_an_attack(objects: list[Token]) -> bool:
    """ "responsibility (for the bombing)": what is claimed is an attack, or is not named by a noun."""
    said = [
        o
        for obj in objects
        for prep in obj.children
        if prep.dep_ == "prep" and prep.lower_ == "for"
        for o in prep.children
        if o.dep_ == "pobj"
    ]
    lex = load_lexicon()
    # "for one", "for them": a pronoun or number stands for the attacks told before
    return not said or any(o.pos_ not in ("NOUN", "PROPN") or _is_attack(o, lex) for o in said)


def _is_attack(noun: Token, lex: Lexicon) -> bool:
    """An attack noun, or the noun of an attack verb ("the murder", "the killings")."""
    lemma = noun.lemma_.lower()
    entry = lex.nouns.get(lemma) or lex.verbs.get(lemma)
    return (entry is not None and entry.type == "ASSAULT") or lemma in lex.event_words


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in _NEGATORS for c in token.children) or (
        token.lower_ in _NEGATORS
    )


def _hedged(verb: Token) -> bool:
    """ "X may have claimed": not a claim the text reports as made."""
    return any(c.dep_ == "aux" and c.lower_ in _MAYBE for c in verb.children)


def _named(head: Token, pronoun: Pronoun | None, clue: str) -> Responsibility | None:
    """The claimant as written when the text names it: "the militant organisation, the Islamic State"
    gives the Islamic State; a common noun alone ("militants") names nobody."""
    appos = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    head = appos or head
    if head.pos_ == "PRON":
        text = pronoun(head) if pronoun is not None else None
        return Responsibility(text, clue) if text and text[:1].isupper() else None
    entity = next((e for e in head.doc.ents if e.start <= head.i < e.end), None)
    if entity is not None and entity.label_ in _NAME_LABELS:
        return Responsibility(entity.text.removeprefix("the ").removeprefix("The "), clue)
    if head.pos_ != "PROPN":
        return None
    start, end = np_bounds(head)
    return Responsibility(doc_text(head.doc)[start:end], clue)


def credit_claimed(mentions: Sequence[Mention], found: Sequence[Responsibility]) -> list[Mention]:
    """``mentions`` with the article's one claimant as actor 1 of each asserted attack naming no agent."""
    if not found or any(r.claimant is None for r in found):
        return list(mentions)
    claimants = {r.claimant.casefold(): r for r in found if r.claimant}
    if len(claimants) != 1:
        return list(mentions)  # two groups claim: which attack is whose needs the text, not a guess
    ((folded, claim),) = claimants.items()
    assert claim.claimant is not None
    actor = ActorRef(text=claim.claimant, clue=claim.clue)
    out = []
    for mention in mentions:
        hit = any(folded in target.text.casefold() for target in mention.actor2)
        if (
            mention.plover_type == "ASSAULT"
            and mention.modality is Modality.ASSERTED
            and all(_unnamed(actor) for actor in mention.actor1)
            and not hit
        ):
            mention = dataclasses.replace(mention, actor1=(actor,))
        out.append(mention)
    return out


def _unnamed(actor: ActorRef) -> bool:
    """ "gunmen", "the attackers", "two suicide bombers": an attacker the text does not name."""
    words_ = actor.text.casefold().split()
    return bool(words_) and words_[-1] in actor_lexicon().unidentified_heads
