"""Small helpers over the dependency parse: noun-phrase text, subjects, objects, passives.

All functions take spaCy tokens and return tokens or (start, end) character offsets into the
doc text, which is ``Article.body``; they never re-tokenise or run regexes over the text.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from marsad.extract.lexicon import Lexicon, words

log = logging.getLogger(__name__)

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
OBJECTS = frozenset({"dobj", "obj", "attr_obj"})
LEFT_NP = frozenset(
    {"compound", "amod", "nmod", "flat", "nummod", "quantmod", "poss", "case", "punct", "npadvmod"}
)
SKIP_EDGE = frozenset({"DET", "PUNCT", "CCONJ", "SPACE"})
KEPT_DETS = frozenset({"both", "all"})  # "Both governments" is two actors, not one
PRONOUN_DETS = frozenset({"its", "his", "her", "their", "our", "my", "your"})
RELATIVE = frozenset({"which", "that", "who", "whom", "whose"})
CLAUSE_LINKS = frozenset({"xcomp", "advcl", "conj", "ccomp", "relcl", "acl", "pcomp"})


def doc_text(doc: Doc) -> str:
    """The document text; ``Doc.text`` rebuilds it from every token on each call, so it is kept."""
    text = doc.user_data.get("marsad.text")
    if not isinstance(text, str):
        text = doc.text
        doc.user_data["marsad.text"] = text
    return text


def span_text(span: Span) -> str:
    """``span.text`` cut from the kept document text (``Span.text`` joins its tokens on each call)."""
    return doc_text(span.doc)[span.start_char : span.end_char]


def root_of(token: Token) -> Token:
    """The root of the token's sentence (``Token.sent`` walks the whole document)."""
    while token.head.i != token.i:
        token = token.head
    return token


def np_bounds(head: Token, *, keep_of: bool = False) -> tuple[int, int]:
    """Character span of the noun phrase headed by ``head``: left modifiers + head (+ "of X" when asked).

    Determiners, quotes and possessive pronouns at the left edge are dropped ("the al-Nujaba" keeps
    "al-Nujaba"; "his aide" keeps "aide"), as are relative clauses and other right modifiers.
    """
    left = [
        t
        for t in head.lefts
        if (t.dep_ in LEFT_NP or t.lower_ in KEPT_DETS) and t.ent_type_ not in ("DATE", "TIME")
    ]
    start_tok = min((t.left_edge for t in left), key=lambda t: t.i, default=head)
    end_tok = head
    if keep_of:
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ in ("of", "from") and any(True for _ in child.children):
                end_tok = child.right_edge
    doc = head.doc
    i = start_tok.i
    while i < head.i and (_skippable(doc[i])):
        i += 1
    j = end_tok.i
    while j > head.i and doc[j].pos_ in SKIP_EDGE:
        j -= 1
    return doc[i].idx, doc[j].idx + len(doc[j].text)


def _skippable(token: Token) -> bool:
    if token.pos_ in SKIP_EDGE:
        return token.lower_ not in KEPT_DETS
    return token.lower_ in PRONOUN_DETS or token.dep_ == "case"


def np_text(head: Token, *, keep_of: bool = False) -> str:
    start, end = np_bounds(head, keep_of=keep_of)
    return doc_text(head.doc)[start:end]


def conjuncts(head: Token) -> list[Token]:
    """The head and the nouns coordinated with it ("Soleimani and al-Muhandis")."""
    return [head, *(t for t in head.conjuncts if t.i > head.i and t.pos_ in ("NOUN", "PROPN", "PRON", "NUM"))]


def child(token: Token, deps: frozenset[str] | set[str] | tuple[str, ...]) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def children_of(token: Token, dep: str) -> Iterator[Token]:
    return (c for c in token.children if c.dep_ == dep)


def prep_objects(
    token: Token, preps: frozenset[str] | set[str] | tuple[str, ...]
) -> Iterator[tuple[str, Token]]:
    """(preposition, object) pairs under ``token``: "fired at X" -> ("at", X)."""
    for prep in token.children:
        if prep.dep_ in ("prep", "agent") and prep.lower_ in preps:
            for obj in prep.children:
                if obj.dep_ in ("pobj", "pcomp"):
                    yield prep.lower_, obj


def is_passive(verb: Token) -> bool:
    """A passive clause, or a past participle modifying a noun ("a man detained"), unless the parser
    has taken a sentence's main verb for a participle (no finite verb at the root)."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return True
    if verb.tag_ != "VBN" or verb.dep_ not in ("acl", "relcl") or any(c.dep_ == "aux" for c in verb.children):
        return False
    return root_of(verb).pos_ in ("VERB", "AUX")


def subject(verb: Token) -> Token | None:
    """The grammatical subject, inherited through xcomp/advcl/conj ("vowed to take", "hit and killed")."""
    current: Token | None = verb
    for _ in range(6):
        if current is None:
            return None
        found = child(current, SUBJECTS)
        if found is not None:
            found = _name_beside(found)
            if found.lower_ in RELATIVE and current.dep_ == "relcl":
                return current.head
            return found
        if current.dep_ in ("xcomp", "advcl", "conj") and current.head.i != current.i:
            current = current.head
            continue
        if _gerund_after(current):
            current = current.head.head  # "Iran releases the tanker after seizing it": Iran seized it
            continue
        if current.dep_ in ("acl",) and current.head.pos_ in ("NOUN", "PROPN"):
            return current.head
        return None
    return None


NAME_LABELS = frozenset({"ORG", "PERSON", "NORP", "GPE"})


def _name_beside(noun: Token) -> Token:
    """ "Palestinian militant group Hamas calls": the parse makes the name right after the description
    another subject of the verb, or the description's apposition; the name is the one that says who."""
    if noun.pos_ != "NOUN" or noun.i + 1 >= len(noun.doc):
        return noun
    after = noun.doc[noun.i + 1]
    same_role = after.dep_ == noun.dep_ and after.head.i == noun.head.i
    apposed = after.dep_ == "appos" and after.head.i == noun.i
    return after if (same_role or apposed) and after.ent_type_ in NAME_LABELS else noun


def _gerund_after(verb: Token) -> bool:
    """A gerund after a preposition of time or means on a verb ("after seizing", "by firing", "while
    fleeing", ``[words] gerund_preps``): its subject is that verb's; not "condemned X for attacking"."""
    prep = verb.head
    return (
        verb.dep_ == "pcomp"
        and verb.tag_ == "VBG"
        and prep.dep_ == "prep"
        and prep.lower_ in words("gerund_preps")
        and prep.head.pos_ in ("VERB", "AUX")
    )


def counted_noun(head: Token | None, lex: Lexicon) -> Token | None:
    """ "Hundreds of students" -> students: the people a quantity word counts."""
    if head is None or (head.lower_ not in lex.vague and head.pos_ != "NUM"):
        return head
    return next((o for c in head.children if c.lower_ == "of" for o in c.children if o.dep_ == "pobj"), head)


def in_subtree(token: Token, root: Token) -> bool:
    return root.left_edge.i <= token.i <= root.right_edge.i and any(
        a.i == root.i for a in (token, *token.ancestors)
    )


def sentence_bounds(sent: Span) -> tuple[int, int]:
    """Sentence span without trailing whitespace (the parser keeps paragraph breaks in the sentence)."""
    text = span_text(sent)
    start = sent.start_char + (len(text) - len(text.lstrip()))
    end = sent.start_char + len(text.rstrip())
    return start, end


def ent_span(token: Token) -> Span | None:
    """The named entity that holds ``token``, if any."""
    if not token.ent_type_:
        return None
    doc = token.doc
    start = token.i
    while doc[start].ent_iob_ == "I" and start > 0:
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def is_name_appos(token: Token) -> bool:
    """A person's name in apposition to a title ("commander Qassem Soleimani"), not a place or group."""
    return (
        token.dep_ == "appos"
        and token.pos_ == "PROPN"
        and token.ent_type_ not in ("GPE", "NORP", "ORG", "LOC")
    )


def people(head: Token) -> list[Token]:
    """Coordinated people, looking through a title to its name ("commander Qassem Soleimani and ...").

    A bare title coordinated before a name ("and PMF deputy leader Abu Mahdi al-Muhandis") is part of that
    name, not another person.
    """
    appos = next((c for c in head.children if is_name_appos(c)), None)
    base = appos if appos is not None else head
    parts = conjuncts(base)
    if any(p.pos_ == "PROPN" for p in parts[1:]):
        parts = [p for p in parts if p.pos_ != "NOUN" or any(c.dep_ in ("det", "poss") for c in p.children)]
    return parts
