"""Tolls told without a casualty verb: the state people were left in, and the toll itself.

A trigger counts its own patient ("killed four"); real news often gives the count apart from it:

- a result state: "an assault which left 14 soldiers dead", "exploded, leaving seven dead and 20
  injured", "he was later pronounced dead", "the rebels claimed 40 were dead";
- a toll noun: "with the death toll rising to 22", "the toll rose to 31", "a death toll of 9";
- a death caused: "caused the death of at least 50 people", "claimed the lives of six".

The words are data (``[words]`` ``dead``, ``injured_states``, ``toll_nouns``, ``death_nouns`` and
``death_causes`` in ``data/lexicon.toml``). :func:`sentence_tolls` finds them in a sentence;
:mod:`marsad.extract.build` gives each to the attack whose clause holds it, or, in a sentence that
reports no attack of its own, to the attack the article has just told (with the sentence's source as
the claim's). A toll over a period or a whole conflict ("the war has left 500,000 dead") is never an
event's: :func:`is_aggregate` says so.
"""

from __future__ import annotations

import dataclasses
import logging

from spacy.tokens import Span, Token

from marsad.extract import figures as fig
from marsad.extract.lexicon import Lexicon, words
from marsad.extract.modality import cumulative_reason
from marsad.extract.phrases import child, doc_text, prep_objects
from marsad.records import Figure, FigureKind

log = logging.getLogger(__name__)

TOLL_PREPS = ("to", "at")  # "rose to 31", "stands at 40"


@dataclasses.dataclass(frozen=True, slots=True)
class Toll:
    """One count read from a result state or a toll noun, and the word it hangs from."""

    figure: Figure
    anchor: Token  # the verb or noun the count belongs to: "left", "pronounced", "rising", "toll"


def _kind(token: Token) -> FigureKind | None:
    lemma = token.lemma_.lower()
    if token.lower_ in words("dead") or lemma in words("dead"):
        return FigureKind.KILLED
    if token.lower_ in words("injured_states") or lemma in words("injured_states"):
        return FigureKind.INJURED
    return None


def _state_heads(state: Token) -> tuple[list[Token], Token] | None:
    """Who is left in the state ``state`` names, and the verb it hangs from. In "leaving seven dead and
    20 injured" each count has its own state: "seven dead" is one, "20 injured" the other."""
    verb = state.head
    if state.dep_ == "amod" and verb.pos_ == "NUM" and verb.head.lemma_.lower() == "leave":
        return [verb], verb.head  # the parser hangs "dead" on "seven"
    if state.dep_ == "oprd":  # "left 14 soldiers dead", "was pronounced dead", "found dead"
        counted = child(verb, ("dobj",)) or child(verb, ("nsubjpass",))
        if counted is not None and len(parts := counted.conjuncts) > 0:
            earlier = [p for p in (counted, *parts) if p.i < state.i]
            return ([max(earlier, key=lambda p: p.i)], verb) if earlier else None
        return ([counted], verb) if counted is not None else None
    if state.dep_ == "acomp" and verb.lemma_ == "be":  # "40 were dead"
        counted = child(verb, ("nsubj",))
        if counted is None and verb.dep_ == "ccomp":
            # the parser takes "claimed 40 were dead" as "claimed 40"
            before = child(verb.head, ("dobj",))
            counted = before if before is not None and before.i == verb.i - 1 else None
        return ([counted], verb) if counted is not None else None
    if state.dep_ == "conj" and state.tag_ == "VBN" and state.head.lemma_.lower() == "leave":
        counted = child(state, ("nsubj", "nsubjpass"))  # "leaving seven dead and 20 injured"
        return ([counted], state.head) if counted is not None else None
    return None


def _toll_count(noun: Token) -> tuple[Token, Token] | None:
    """The number a toll noun gives and the word it hangs from: "toll rose to 22", "a toll of 9"."""
    for _, obj in prep_objects(noun, ("of",)):
        return obj, noun
    verb = noun.head
    if noun.dep_ in ("nsubj", "nsubjpass") and verb.pos_ in ("VERB", "AUX"):
        for _, obj in prep_objects(verb, TOLL_PREPS):
            return obj, verb
    return None


def _counted(head: Token, kind: FigureKind, lex: Lexicon) -> Figure | None:
    if head.pos_ == "NUM" and head.conjuncts:  # "seven dead and 20 injured": this number alone
        value = fig.parse_number([head.text])
        return Figure(kind=kind, low=value, high=value, text=head.text) if value is not None else None
    if head.pos_ == "NUM":
        count = fig.count_np(head, lex)
        if count is None or (count.low is None and count.high is None):
            return None
        text = doc_text(head.doc)[count.start : count.end]
        return Figure(kind=kind, low=count.low, high=count.high, text=text)
    return fig.count_victims([head], kind, lex)


def sentence_tolls(sent: Span, lex: Lexicon) -> list[Toll]:
    """Every toll the sentence tells by a state or a toll noun, in sentence order."""
    out: list[Toll] = []
    for token in sent:
        kind = _kind(token)
        if kind is not None and (found := _state_heads(token)) is not None:
            heads, anchor = found
            single = heads[0].conjuncts or heads[0].pos_ == "NUM"
            figure = _counted(heads[0], kind, lex) if single else fig.count_victims(heads, kind, lex)
            if figure is not None and (figure.low is not None or figure.high is not None):
                out.append(Toll(figure, anchor))
            continue
        lemma = token.lemma_.lower()
        if lemma in words("toll_nouns") and token.pos_ == "NOUN":
            if any(c.dep_ == "amod" and c.lower_ in words("superseded") for c in token.children):
                continue  # "an earlier toll of 27": replaced by the toll the text gives now
            read = _toll_count(token)
            if read is not None and (figure := _counted(read[0], FigureKind.KILLED, lex)) is not None:
                out.append(Toll(figure, read[1]))
        elif lemma in words("death_nouns") and token.dep_ == "dobj":
            if token.head.lemma_.lower() not in words("death_causes"):
                continue
            for _, obj in prep_objects(token, ("of",)):
                figure = fig.count_victims([obj], FigureKind.KILLED, lex)
                if figure is not None and figure.low is not None:
                    out.append(Toll(figure, token.head))
    return out


def is_aggregate(toll: Toll) -> bool:
    """A toll over a period or a whole conflict, not one event's: "the war has left 500,000 dead",
    "the toll has risen to 40,000 since October"."""
    anchor = toll.anchor
    verb = anchor if anchor.pos_ in ("VERB", "AUX") else anchor.head
    if cumulative_reason(verb) is not None:
        return True
    subject = child(verb, ("nsubj",))
    if subject is not None and subject.lemma_.lower() in words("conflict_subjects"):
        return True
    return any(t.lower_ == "since" for t in anchor.sent)
