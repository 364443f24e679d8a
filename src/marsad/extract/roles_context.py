"""Roles read beyond the trigger's own clause.

- A measure opposed ("rejected the army's plan", "opposed efforts to ...") targets its owner: the actor
  named with it, the owner named with the same measure earlier ("Egypt's plan ... rejected the plan"),
  else a government (resolution reads it in the event's country); a bare "the plan" with no owner
  anywhere stays without a target rather than guess.
- A statement on an act ("welcomed the agreement between A and B", "rejected a government demand",
  "condemned the lawsuit filed by X") targets the act's author named with it (:func:`act_author`).
- An attack noun under an involvement word ("members accused of involvement in the bombing") was
  carried out by those members.
- An arrest whose patient is no actor ("a valuable catch was detained") takes the group the next
  sentence places the detainee in ("He was a key figure in the X cell").
- A group noun ("ambassadors of the quintet") whose members the next sentence lists ("The quintet
  includes A, B and C") stands for those members.
- A host's guest named as arriving ("hosting talks after the arrival of a delegation") is a visitor.
The word lists are data (``[words]`` in data/lexicon.toml: policies, involvement, affiliates,
membership_verbs, visits, acts).
"""

from __future__ import annotations

import logging

from spacy.tokens import Span, Token

from marsad.extract.lexicon import Lexicon, words
from marsad.extract.phrases import child, conjuncts, prep_objects
from marsad.extract.roles import Resolver, between, can_act, refs

log = logging.getLogger(__name__)


def policy_owner(heads: list[Token], lex: Lexicon, pronoun: Resolver) -> str | None:
    """Whom opposing "the government's plan" or "efforts to start the disarmament plan" opposes.

    A measure (data: ``policies``) belongs to the actor named with it ("the army's plan", "efforts by
    the cabinet"); one nobody is named for is a government's, and the article's government is meant
    (resolution reads "government" in the event's country).
    """
    for head in heads:
        measures = [t for t in head.subtree if t.lemma_.lower() in words("policies") and t.pos_ == "NOUN"]
        if not measures or measures[0].i != head.i:
            continue
        for measure in measures:
            if (named := _measure_owner(measure, lex, pronoun)) is not None:
                return named
        if not _refers_back(head):
            return "government"
        # "Israel rejected the plan" after "Egypt's plan for Gaza": the owner named with it before
        earlier = [t for t in head.doc[: head.sent.start] if t.lemma_ == head.lemma_ and t.pos_ == "NOUN"]
        return next((o for t in reversed(earlier) if (o := _measure_owner(t, lex, pronoun))), None)
    return None


def act_author(noun: Token, lex: Lexicon, pronoun: Resolver) -> str | None:
    """The author an act noun names with it: "X's decision", "the move by X", "a lawsuit filed by X",
    "the agreement between A and B" (A, the first side), "a government demand" (a modifier that can act).
    None when the phrase names nobody ("the move"): the article's earlier events may say who."""
    heads = [c for c in noun.children if c.dep_ == "poss"]
    heads += [o for p, o in prep_objects(noun, ("by",)) if p == "by"]
    heads += [
        o
        for part in noun.children
        if part.dep_ in ("acl", "relcl") and part.tag_ == "VBN"
        for p, o in prep_objects(part, ("by",))
        if p == "by"
    ]
    heads += between(noun)[0]
    heads += [
        m
        for m in noun.children
        if m.dep_ in ("compound", "amod", "nmod") and m.ent_type_ not in ("DATE", "TIME", "CARDINAL")
    ]
    texts = refs([h for h in heads if can_act(h, lex)], lex, pronoun)
    return texts[0] if texts else None


def _measure_owner(measure: Token, lex: Lexicon, pronoun: Resolver) -> str | None:
    """The actor named with a measure: "the army's plan", "efforts by the cabinet", "the plan of X"."""
    owners = [c for c in measure.children if c.dep_ == "poss"]
    owners += [o for p, o in prep_objects(measure, ("by", "of")) if p == "by" or can_act(o, lex)]
    texts = refs([o for o in owners if can_act(o, lex)], lex, pronoun)
    return texts[0] if texts else None


def _refers_back(head: Token) -> bool:
    """ "the plan", "this decision" alone: a measure named before, whose owner this clause does not say."""
    dets = [c for c in head.children if c.dep_ == "det"]
    described = [c for c in head.children if c.dep_ not in ("det", "punct")]
    return bool(dets) and (dets[0].lower_ in ("this", "that", "these", "those") or not described)


def implicated(noun: Token, lex: Lexicon) -> Token | None:
    """The perpetrators named by an accusation: "ISIS members accused of involvement in the bombing"
    -> ISIS members. An attack noun under an involvement word (data: ``involvement``) was carried out
    by the people an accusing verb (data: ``accusing``) says it of, the nearest actor above it;
    "cleared of involvement" accuses nobody."""
    prep = noun.head
    if prep.dep_ != "prep" or prep.head.lemma_.lower() not in words("involvement"):
        return None
    accused = False
    for above in prep.head.ancestors:
        accused = accused or above.lemma_.lower() in words("accusing")
        if above.pos_ in ("NOUN", "PROPN", "PRON"):  # the first phrase up: "members" (accused of ...)
            return above if accused and above.pos_ != "PRON" and can_act(above, lex) else None
    return None


def described_affiliation(sent: Span, lex: Lexicon) -> Token | None:
    """The group a detainee is said to belong to in the sentence after an arrest with no named
    patient ("a valuable catch was detained ... He was a key figure in the X cell" -> the X cell)."""
    for token in sent:
        if token.dep_ != "attr" or token.head.lemma_ != "be":
            continue
        subj = child(token.head, ("nsubj",))
        if subj is None or subj.lower_ not in ("he", "she", "they"):
            continue
        if token.lemma_.lower() not in lex.member_words | words("affiliates"):
            continue
        for _, obj in prep_objects(token, ("in", "of")):
            if can_act(obj, lex):
                return obj
    return None


def listed_members(head: Token, lex: Lexicon, *, sites: bool = False) -> list[str]:
    """The members of a group noun listed in the next sentence: "ambassadors of the quintet committee.
    The quintet includes Saudi Ambassador X, French Ambassador Y ..." -> the ambassadors by name.
    Only members that can act count (``sites``: or places hit, for an attack's targets)."""
    doc = head.doc
    if head.pos_ != "NOUN" or head.ent_type_ or head.sent.end >= len(doc):
        return []
    names = {head.lemma_.lower()} | {
        t.lemma_.lower() for _, obj in prep_objects(head, ("of",)) for t in obj.subtree if t.pos_ != "DET"
    }
    for verb in doc[head.sent.end].sent:
        subj = child(verb, ("nsubj",)) if verb.lemma_.lower() in words("membership_verbs") else None
        obj = child(verb, ("dobj",))
        if subj is None or obj is None or subj.lemma_.lower() not in names:
            continue
        return [_member_text(part) for part in conjuncts(obj) if can_act(part, lex, sites=sites)]
    return []


def _member_text(part: Token) -> str:
    """One listed member with its modifiers, without the members coordinated after it."""
    skip = {t.i for c in part.children if c.dep_ in ("conj", "cc", "punct") for t in c.subtree}
    kept = [t.i for t in part.subtree if t.i not in skip]
    return part.doc[min(kept) : max(kept) + 1].text.removeprefix("the ").removeprefix("The ")


def arriving(guest: Token) -> bool:
    """Whether a guest is named as arriving: "the arrival of a delegation", "a visit by the envoy"."""
    return any(a.lemma_.lower() in words("visits") and a.pos_ == "NOUN" for a in guest.ancestors)
