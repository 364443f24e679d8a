"""Who says so: the source of every statement, and pronouns resolved to earlier speakers.

Patterns: "X said (that) ...", "..., X said", "\"...,\" said X", "X told <outlet> that ...",
"according to X", "In a statement, it said", and quoted sentences that continue the last speaker's
quote in the same paragraph. The speaker's organisation is read from an apposition ("Major General
Patrick Ryder, a Pentagon spokesperson" -> Pentagon), a "spokesperson for X" phrase, or the source itself
when it is an organisation; an unnamed source with no organisation of its own is the named outlet's it
spoke to ("Informed sources told Asharq Al-Awsat" -> Asharq Al-Awsat). "Citing X, they said" notes
"citing X". A statement with no source is the outlet's own (``source="article"``).
"""

from __future__ import annotations

import dataclasses
import logging

from spacy.tokens import Span, Token

from marsad.extract.lexicon import Lexicon, words
from marsad.extract.phrases import (
    child,
    conjuncts,
    doc_text,
    ent_span,
    in_subtree,
    np_text,
    prep_objects,
    span_text,
)

log = logging.getLogger(__name__)

QUOTES = ('"', "“", "”", "'", "‘")
OUTLET_SOURCE = "article"
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    text: str
    kind: str
    org: str | None = None
    note: str = ""
    verb: int | None = None  # token index of the speech verb; None: the whole sentence
    subject: tuple[int, int] | None = None  # token range of the source phrase


def _phrase(head: Token) -> str:
    """The source as written, with its determiner and coordinated heads, without right modifiers."""
    parts = conjuncts(head)
    doc = head.doc
    start = head.left_edge.i
    end = parts[-1].i
    return doc[start : end + 1].text.strip("“”\"' ,")


def _modifier_text(head: Token) -> str | None:
    mods = [
        t
        for t in head.lefts
        if t.dep_ in ("compound", "nmod") or (t.dep_ == "amod" and t.ent_type_ == "NORP")
    ]
    if not mods:
        return None
    doc = head.doc
    return doc[min(t.left_edge.i for t in mods) : head.i].text or None


def _org_of(head: Token, lex: Lexicon) -> str | None:
    """The organisation a source speaks for: the org itself ("the Gaza health ministry"), an apposition
    ("Patrick Ryder, a Pentagon spokesperson"), or "a spokesman for X"."""
    if head.ent_type_ == "ORG" and (ent := ent_span(head)) is not None:
        return ent.text.removeprefix("the ").removeprefix("The ")
    if head.lemma_.lower() in words("org_heads"):
        return np_text(head)
    speakers = lex.source_words["spokesperson"] | lex.person_words
    for noun in (child(head, ("appos",)), head):
        if noun is None or noun.lemma_.lower() not in speakers:
            continue
        for _, obj in prep_objects(noun, ("for", "of")):
            org = next((ent_span(t) for t in obj.subtree if t.ent_type_ == "ORG"), None)
            return org.text if org is not None else head.doc[obj.left_edge.i : obj.i + 1].text
        named = [
            t for t in noun.lefts if t.dep_ == "compound" and (t.ent_type_ == "ORG" or t.pos_ == "PROPN")
        ]
        if named:
            return head.doc[named[0].left_edge.i : named[-1].i + 1].text
    return None


def _proper_tail(head: Token) -> str | None:
    """The name that ends a described source: "the state-owned news agency Fars" -> "Fars"."""
    if head.pos_ != "PROPN":
        return None
    start = head.i
    while start > 0 and head.doc[start - 1].pos_ == "PROPN" and head.doc[start - 1].head.i in (head.i, start):
        start -= 1
    return head.doc[start : head.i + 1].text


def classify(head: Token, lex: Lexicon) -> tuple[str, str | None]:
    """(source_kind, source_org) of a source phrase headed by ``head``."""
    kinds = lex.source_words
    lemma = head.lemma_.lower()
    appos = child(head, ("appos",))
    appos_lemma = appos.lemma_.lower() if appos is not None else ""
    phrase = _phrase(head).lower().removeprefix("the ")
    if lemma in kinds["anonymous"]:
        return "anonymous", _modifier_text(head)
    if lemma in kinds["witness"]:
        return "witness", None
    if lemma in kinds["spokesperson"] or appos_lemma in kinds["spokesperson"]:
        return "spokesperson", _org_of(head, lex)
    name = _proper_tail(head)
    descriptor = phrase.removesuffix(name.lower()).strip() if name else ""
    described = any(descriptor.endswith(m) for m in kinds["media"]) if descriptor else False
    if phrase in kinds["media"] or lemma in kinds["media"] or described:
        return "media", name or phrase  # "the news agency Fars" is Fars
    if head.ent_type_ in ("ORG", "PERSON", "GPE", "NORP") or lemma in kinds["official"]:
        return "official", _org_of(head, lex)
    return "other", None


@dataclasses.dataclass(slots=True)
class SourceTracker:
    """Remembers earlier subjects so that "he said", "they confirmed", "it added" find their speaker."""

    lex: Lexicon
    person: str | None = None
    plural: Source | None = None
    org: Source | None = None
    person_source: Source | None = None
    quote_speaker: tuple[int, Source] | None = None  # (paragraph, speaker)

    def pronoun(self, token: Token) -> str | None:
        """The actor a pronoun names: the speaker of this sentence ("the military said it had targeted"),
        else an earlier subject."""
        clause = token.head
        if token.dep_ in ("nsubj", "nsubjpass") and clause.dep_ == "ccomp":
            speaker = child(clause.head, ("nsubj",))
            if speaker is None and clause.head.dep_ in ("advcl", "xcomp"):
                # "Hezbollah claimed the attack, saying it had targeted ...": "saying" speaks for Hezbollah
                speaker = child(clause.head.head, ("nsubj",))
            said = clause.head.lemma_.lower() in self.lex.speech_verbs
            if said and speaker is not None and speaker.pos_ != "PRON":
                return np_text(speaker)
        source = self.pronoun_source(token)
        return source.text if source is not None else self.person if token.lower_ in PERSON_PRONOUNS else None

    def pronoun_source(self, token: Token) -> Source | None:
        word = token.lower_
        if word in PERSON_PRONOUNS:
            return self.person_source
        if word in ("they", "them"):
            return self.plural
        if word == "it":
            return self.org
        return None

    def _make(self, head: Token, verb: Token | None, note: str = "") -> Source | None:
        if head.pos_ == "PRON":
            found = self.pronoun_source(head)
            if found is None:
                return None
            return dataclasses.replace(found, verb=verb.i if verb is not None else None, note=note)
        if head.lemma_.lower() in self.lex.event_words or _nobody(head):
            return None
        if head.lemma_.lower() in words("report_nouns"):
            # "another report from the Mexican government said": the government says so
            issuer = next((o for _, o in prep_objects(head, ("from", "by", "of")) if o.pos_ != "PRON"), None)
            head = issuer if issuer is not None else head
        kind, org = classify(head, self.lex)
        span = (head.left_edge.i, conjuncts(head)[-1].i)
        return Source(
            text=self._named(head),
            kind=kind,
            org=org,
            note=note,
            verb=verb.i if verb is not None else None,
            subject=span,
        )

    def _named(self, head: Token) -> str:
        """The source as written; a title heading a named person is that person ("Leader of the Hikma
        movement Ammar al-Hakim" -> "Hikma movement Ammar al-Hakim", not "Leader")."""
        if head.lemma_.lower() in self.lex.person_words and head.ent_type_ != "PERSON":
            person = _person_in(head)
            if person is not None and person.i != head.i:
                return np_text(person)
        return _phrase(head)

    def speaker(self, trigger: Token) -> Source | None:
        """The subject of a statement event ("the ministry condemned ...") as the source of what it says."""
        subj = _named_subject(trigger)
        return self._make(subj, trigger) if subj is not None else None

    def sources(self, sent: Span, paragraph: int, para_start: int) -> list[Source]:
        """Every source named in ``sent`` (speech verbs, "according to"), or the continued quote's speaker."""
        found: list[Source] = []
        for token in sent:
            if (
                token.lower_ == "according"
                and (
                    obj := next(
                        (
                            g
                            for c in token.children
                            if c.lower_ == "to"
                            for g in c.children
                            if g.dep_ == "pobj"
                        ),
                        None,
                    )
                )
                is not None
            ):
                if (src := self._make(obj, None)) is not None:
                    found.append(src)
            elif token.pos_ == "VERB" and token.lemma_.lower() in self.lex.speech_verbs:
                subj = _named_subject(token)
                if subj is None:
                    continue
                told = child(token, ("dobj",)) if token.lemma_.lower() == "tell" else None
                note = f"told {told.doc[told.left_edge.i : told.i + 1].text}" if told is not None else ""
                note = "; ".join(x for x in (note, _cited(token)) if x)
                if (src := self._make(subj, token, note)) is not None:
                    found.append(_vouched(src, told))
        if (
            not found
            and self.quote_speaker
            and self.quote_speaker[0] == paragraph
            and _in_quote(sent, para_start)
        ):
            found.append(dataclasses.replace(self.quote_speaker[1], verb=None))
        elif found and _quoted(span_text(sent)):
            self.quote_speaker = (paragraph, found[-1])
        return found

    def update(self, sent: Span, found: list[Source]) -> None:
        """Remember this sentence's subjects and speakers as antecedents for later pronouns."""
        done: set[str] = set()  # the first (main-clause) subject of each kind wins
        for src in found:
            if src.kind in ("anonymous", "witness") or src.text.lower().endswith("s"):
                self.plural = src
                done.add("plural")
        for token in sent:
            if token.dep_ in ("nsubj", "nsubjpass") and token.pos_ != "PRON":
                self._remember(token, done)

    def _org_like(self, token: Token) -> bool:
        if token.tag_ in ("NNS", "NNPS"):
            return False
        return token.ent_type_ == "ORG" or token.lemma_.lower() in self.lex.source_words["official"]

    def _remember(self, token: Token, done: set[str]) -> None:
        lemma = token.lemma_.lower()
        person = _person_in(token)
        if "person" not in done and (
            person is not None or (lemma in self.lex.person_words and token.tag_ == "NN")
        ):
            done.add("person")
            self.person = np_text(person) if person is not None else _phrase(token)
            made = self._make(token, None)
            self.person_source = dataclasses.replace(made, text=self.person) if made else None
        elif person is None and "org" not in done and self._org_like(token):
            done.add("org")
            self.org = self._make(token, None)
        if "plural" not in done and token.tag_ in ("NNS", "NNPS") and lemma not in self.lex.event_words:
            done.add("plural")
            self.plural = self._make(token, None)


def _named_subject(verb: Token) -> Token | None:
    """The subject of ``verb``. The parser splits some subjects in two: "Leader of the Hikma movement
    Ammar al-Hakim", "Palestinian militant group Hamas", "the news agency Petra"; the named one speaks
    (a person first, then an organisation or country)."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    named = [c for c in subjects if c.ent_type_ == "PERSON"] + [
        c for c in subjects if c.ent_type_ in ("ORG", "NORP", "GPE")
    ]
    return named[0] if named else subjects[0] if subjects else None


def _nobody(head: Token) -> bool:
    """ "No group has claimed the attack", "nobody said": a subject that names no one is no source."""
    return head.lower_ in ("nobody", "none") or any(
        c.dep_ == "det" and c.lower_ == "no" for c in head.children
    )


def _quoted(text: str) -> bool:
    return any(q in text for q in QUOTES)


def _cited(verb: Token) -> str:
    """Whom a source passes on: "Citing hospital staff, they said", "Basing its information on X"."""
    for clause in verb.children:
        if clause.dep_ != "advcl" or clause.lemma_.lower() not in words("citing"):
            continue
        obj = child(clause, ("dobj",))
        if obj is not None and clause.lemma_.lower() == "base":  # "basing its information from X"
            obj = next((o for _, o in prep_objects(obj, ("from", "on")) if o is not None), None)
        if obj is not None:
            return f"citing {obj.doc[obj.left_edge.i : obj.i + 1].text}"
    return ""


def _vouched(src: Source, told: Token | None) -> Source:
    """An unnamed source is known only by the outlet it spoke to: "Informed sources told Asharq
    Al-Awsat" is Asharq Al-Awsat's source, and two outlets' "sources" are different sources."""
    if src.kind != "anonymous" or src.org is not None or told is None:
        return src
    if told.pos_ != "PROPN" and told.ent_type_ not in ("ORG", "PERSON"):
        return src  # "told the newspaper", "told reporters": no outlet named
    outlet = told.doc[told.left_edge.i : told.i + 1].text.removeprefix("the ").removeprefix("The ")
    return dataclasses.replace(src, org=outlet)


def _person_in(subject: Token) -> Token | None:
    """The person a subject phrase names ("Head of the Asaib Ahl al-Haq Kais al-Khazali" -> al-Khazali)."""
    if subject.ent_type_ == "PERSON":
        return subject
    names = [
        t
        for t in subject.subtree
        if t.dep_ not in ("compound", "poss")
        and t.pos_ == "PROPN"
        and t.ent_type_ in ("PERSON", "")
        and not any(a.dep_ in ("relcl", "acl") for a in t.ancestors if a.i > subject.i and a.i < t.i)
    ]
    return names[-1] if names else None


def _in_quote(sent: Span, para_start: int) -> bool:
    """Whether the sentence starts inside a quotation opened earlier in its paragraph."""
    text = doc_text(sent.doc)
    start = sent.start_char
    while start < sent.end_char and (text[start].isspace() or text[start] in QUOTES):
        start += 1
    before = text[para_start:start]
    return sum(before.count(q) for q in ('"', "“", "”")) % 2 == 1


def source_for(trigger: Token, found: list[Source]) -> Source | None:
    """The source whose statement contains ``trigger``; sentence-wide sources apply to every trigger.

    The reporting verb that governs the clause nearest wins, not the first in the sentence: in "the
    army said 12 soldiers died, while the rebels claimed 40 were dead" the 40 is the rebels' claim.
    """
    doc = trigger.doc
    by_verb = {
        src.verb: src
        for src in reversed(found)
        if src.verb is not None
        and src.verb != trigger.i
        and not (src.subject is not None and src.subject[0] <= trigger.i <= src.subject[1])
    }
    for ancestor in trigger.ancestors:  # nearest governing verb first
        if ancestor.i in by_verb:
            return by_verb[ancestor.i]
    for verb_i, src in reversed(by_verb.items()):
        if in_subtree(doc[verb_i], trigger):  # "the strike, which the ministry said killed ..."
            return src
    return next((s for s in found if s.verb is None), None)
