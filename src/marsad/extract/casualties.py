"""What happened to whom and with what: roles, casualty and arrest figures, named victims, weapons.

Called by :mod:`marsad.extract.build` for each trigger; see :mod:`marsad.extract.figures` for how
numbers and vague quantities are counted.
"""

from __future__ import annotations

import dataclasses
import logging

from spacy.tokens import Span, Token

from marsad.extract import figures as fig
from marsad.extract import roles
from marsad.extract.lexicon import Lexicon, TriggerSpec, words
from marsad.extract.phrases import child, doc_text, in_subtree, is_passive, np_bounds, people
from marsad.extract.triggers import Trigger
from marsad.records import Figure, FigureKind

log = logging.getLogger(__name__)


@dataclasses.dataclass(slots=True)
class Found:
    agents: list[Token]
    targets: list[Token]
    victims: dict[FigureKind, list[Token]]
    speaker_agent: str | None = None


def spec_of(token: Token, lex: Lexicon) -> TriggerSpec | None:
    table = lex.nouns if token.pos_ in ("NOUN", "PROPN") else lex.verbs
    return table.get(token.lemma_.lower())


def patients(token: Token, spec: TriggerSpec, sent: Span) -> list[Token]:
    """Who a casualty/arrest word counts: object, passive subject, "of X", or the subject of "die"."""
    if token.pos_ in ("NOUN", "PROPN"):
        return [
            o
            for c in token.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for o in c.children
            if o.dep_ == "pobj"
        ]
    if spec.subject_patient:
        subj = child(token, ("nsubj",))
        return [subj] if subj is not None else []
    if is_passive(token):
        subj = child(token, ("nsubjpass",))
        if subj is not None:
            return [subj]
        if token.dep_ in ("acl", "relcl"):
            return [token.head]
        # A misparse leaves the passive subject on a neighbouring verb: take the nearest subject before it.
        left = [t for t in sent if t.i < token.i and t.dep_ in ("nsubj", "nsubjpass") and t.pos_ != "PRON"]
        return left[-1:]
    if token.dep_ == "conj" and token.tag_ == "VBN" and is_passive(token.head):
        # "Twelve people were killed and 27 injured": the second participle shares the passive, and the
        # parser takes its count for an active subject
        subj = child(token, ("nsubj",))
        if subj is not None:
            return [subj]
    obj = child(token, ("dobj",))
    return [obj] if obj is not None else []


def read_roles(trig: Trigger, lex: Lexicon) -> Found:
    agents, targets = roles.noun_roles(trig, lex) if trig.is_noun else roles.verb_roles(trig, lex)
    victims: dict[FigureKind, list[Token]] = {}
    for token in [trig.token, *trig.folded]:
        spec = spec_of(token, lex)
        if spec is None:
            continue
        if token is not trig.token:
            sub = Trigger(token=token, sent=trig.sent, spec=spec, type=spec.type, mode=spec.mode)
            extra_a, extra_t = roles.noun_roles(sub, lex) if sub.is_noun else roles.verb_roles(sub, lex)
            if sub.is_noun:  # "the US strike killed": the noun names the agent; a relative's antecedent never
                agents = agents or extra_a
            targets = targets + [t for t in extra_t if t not in targets]
        figure = spec.figure or ("killed" if any(c.lower_ in words("dead") for c in token.children) else None)
        fatal = figure is None and _fatal(token)
        figure = figure or ("killed" if fatal else None)
        if figure:  # "shot dead three farmers" counts the dead
            counted = [p for p in patients(token, spec, trig.sent) if not _no_person(p, lex)]
            if fatal:  # "the fatal shooting of John Carter": people only, never "of the embassy"
                counted = [p for p in counted if _is_people(p, lex)]
            victims.setdefault(FigureKind(figure), []).extend(counted)
    # "clashed on the outskirts of Shuqra": where it happened, not what was hit
    targets = [t for t in targets if t.lower_ not in words("location_nouns")]
    return Found(agents, targets, victims)


def _fatal(token: Token) -> bool:
    """An attack noun said to be fatal ("the fatal stabbing of a teenager"): it killed whom it names."""
    return token.pos_ == "NOUN" and any(
        c.dep_ == "amod" and c.lemma_.lower() in words("fatal") for c in token.children
    )


def _is_people(head: Token, lex: Lexicon) -> bool:
    """A named person, counted people or a word for people ("a teenager", "three farmers")."""
    return (
        head.ent_type_ == "PERSON"
        or any(c.dep_ == "nummod" for c in head.children)
        or head.lemma_.lower() in lex.person_words | lex.civilian_words
    )


def _no_person(head: Token, lex: Lexicon) -> bool:
    """A patient that is an act, not people: "the airstrike was executed in coordination with the army"
    counts nobody killed (the act was carried out)."""
    return head.lemma_.lower() in lex.event_words


def read_figures(found: Found, trig: Trigger, lex: Lexicon) -> list[Figure]:
    out: list[Figure] = []
    also = any(c.lower_ == "also" for t in [trig.token, *trig.folded] for c in t.children)
    for kind, heads in found.victims.items():
        other = also and any(c.lower_ in ("other", "another") for h in heads for c in h.children)
        figure = fig.count_victims(heads, kind, lex, also_other=other) if heads else None
        if figure is not None:
            out.append(figure)
    return out


def named_casualties(found: Found, sent: Span) -> list[str]:
    names: list[str] = []
    for kind in (FigureKind.KILLED, FigureKind.INJURED):
        for head in found.victims.get(kind, []):
            for part in people(head):
                if part.pos_ == "PROPN" or part.ent_type_ == "PERSON":
                    names.append(doc_text(part.doc)[slice(*np_bounds(part))])
                names.extend(identified_as(part, sent))
    return list(dict.fromkeys(names))


def identified_as(head: Token, sent: Span) -> list[str]:
    """ "its deputy head ..., identified as Abu Taqwa" -> Abu Taqwa (the parse often misplaces the clause)."""
    out: list[str] = []
    for token in sent:
        if token.lower_ == "as" and token.i > head.i and token.head.lemma_.lower() in ("identify", "name"):
            out.extend(doc_text(o.doc)[slice(*np_bounds(o))] for o in token.children if o.dep_ == "pobj")
    return out


def read_weapons(trig: Trigger, triggers: list[Trigger], lex: Lexicon) -> tuple[list[str], list[str]]:
    roots = [trig.token, *trig.folded]
    others = [t.token for t in triggers if t is not trig and t.token not in roots]
    texts: list[str] = []
    lemmas: list[str] = []
    for root in roots:
        for token in root.subtree:
            lemma = fig.weapon_lemma(token, lex)
            if lemma is None or any(in_subtree(token, o) and o.i != root.i for o in others):
                continue
            if lemma not in lemmas:
                lemmas.append(lemma)
                texts.append(fig.weapon_text(token))
    return texts, lemmas


def read_mode(trig: Trigger, lemmas: list[str], lex: Lexicon, targets: list[Token]) -> str | None:
    if trig.type != "ASSAULT":
        return trig.mode
    if trig.mode is None:  # "the US strike targeted X": the folded noun says how
        folded = (spec_of(t, lex) for t in trig.folded)
        trig.mode = next((s.mode for s in folded if s is not None and s.mode), None)
    if any(t.lemma_.lower() in words("protesters") for t in targets):
        return "crowd-control"
    weapon = fig.weapon_mode(lemmas, lex)
    candidates = [m for m in (trig.mode, weapon) if m]
    ranked = [m for m in lex.weapon_order if m in candidates]
    return ranked[0] if ranked else (trig.mode or weapon)


def read_missing(trig: Trigger, triggers: list[Trigger], lex: Lexicon) -> Figure | None:
    """Missing people ("left three others missing", "two fishermen are still missing"), counted once per
    sentence, on its first attack."""
    if next((t for t in triggers if t.type == "ASSAULT"), None) is not trig:
        return None
    for token in trig.sent:
        if token.lower_ != "missing":
            continue
        if token.dep_ == "amod":
            heads = [token.head]
        elif token.dep_ in ("oprd", "acomp", "xcomp", "ccomp"):
            found = child(token.head, ("dobj",)) or child(token.head, ("nsubj", "nsubjpass"))
            heads = [found] if found is not None else []
        else:
            found = child(token, ("nsubj",))
            heads = [found] if found is not None else []
        if heads:
            return fig.count_victims(heads, FigureKind.MISSING, lex)
    return None


def outside_dateline(heads: list[Token], dateline_end: int) -> list[Token]:
    """Drop actors the parser found inside a dateline ("MOSUL, Iraq (Reuters) - Gunmen killed ...")."""
    out = []
    for head in heads:
        if head.idx >= dateline_end:
            out.append(head)
        else:
            out.extend(c for c in head.children if c.dep_ == "appos" and c.idx >= dateline_end)
    return out
