"""extract(doc, article): one Mention per event trigger, with roles, figures, claims and evidence.

The work per sentence: find triggers (lexicon + parse), then for each one read its actors, figures,
weapons, place, date, modality and source. Everything is dict lookups on lemmas and walks over the
parse of that sentence, so extraction costs a small fraction of the spaCy parse itself.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from marsad.extract import blame, responsibility
from marsad.extract.actor_names import ActorNames, asking
from marsad.extract.build import ArticleState, attach_tolls, build_mention
from marsad.extract.claims import Source, SourceTracker
from marsad.extract.decide import SentenceJudge, decide
from marsad.extract.lexicon import Lexicon, load_lexicon
from marsad.extract.modality import is_background
from marsad.extract.phrases import doc_text, in_subtree, span_text
from marsad.extract.places_dates import (
    PLACE_LABELS,
    Expr,
    date_exprs,
    is_origin,
    is_statement_place,
    pick,
    place_exprs,
)
from marsad.extract.triggers import Trigger, description_clause, find_triggers, retag_headline_verbs
from marsad.records import Article, Mention, Rejection

log = logging.getLogger(__name__)

HEADING_ENDS = frozenset(".!?:;\"'”’)…")  # a text that ends so is prose, not a list of topics
BYLINE = re.compile(r"^\s*(by|reporting by|editing by|writing by|additional reporting by)\s+[A-Z]", re.I)
DATELINE = re.compile(
    r"^\s*[A-Z][A-Z .,'’-]{2,}(?:,\s*[A-Za-z]{3,9}\.? \d{1,2})?\s*(?:\([^)]{2,40}\))?\s*[-–—]+\s"
)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class ExtractResult:
    mentions: tuple[Mention, ...]
    rejections: tuple[Rejection, ...] = ()


def _paragraph_starts(article: Article) -> list[int]:
    if article.paragraphs:
        return [p.start for p in article.paragraphs]
    starts, pos = [0], article.body.find("\n\n")
    while pos >= 0:
        starts.append(pos + 2)
        pos = article.body.find("\n\n", pos + 2)
    return starts


def extract(
    doc: Doc, article: Article, judge: SentenceJudge | None = None, *, actors: ActorNames
) -> ExtractResult:
    """Mentions (and rejected non-events) of one article; ``doc`` is ``nlp(article.body)``, ``actors``
    the KB to ask (``marsad.resolve.load_actor_names()``).

    With a ``judge`` (the learned layer), the rules' mentions are then decided by it (``decide``).
    """
    proposed = propose(doc, article, actors=actors)
    return proposed if judge is None else decided(proposed, article, judge)


def decided(proposed: ExtractResult, article: Article, judge: SentenceJudge) -> ExtractResult:
    """What the ``judge`` keeps of the rules' mentions (:func:`propose`), and the rejections of both."""
    kept, dropped = decide(proposed.mentions, article, judge)
    return ExtractResult(mentions=tuple(kept), rejections=(*proposed.rejections, *dropped))


def propose(doc: Doc, article: Article, *, actors: ActorNames) -> ExtractResult:
    """The rules' mentions of one article before any judge decides (:func:`extract` without one)."""
    with asking(actors):
        return _propose(doc, article)


def _propose(doc: Doc, article: Article) -> ExtractResult:
    lex = load_lexicon()
    if _topics_only(doc, lex):
        reason = "a list of topics, not a report: the text has no verb"
        rejection = Rejection(stage="extract", reason=reason, article_id=article.id, text=article.body[:300])
        return ExtractResult(mentions=(), rejections=(rejection,))
    year = int(article.published[:4]) if article.published and article.published[:4].isdigit() else None
    state = ArticleState(article, lex, SourceTracker(lex), _paragraph_starts(article), year, list(doc.ents))
    claims: list[responsibility.Responsibility] = []
    for sent in doc.sents:
        if not (text := span_text(sent)).strip() or BYLINE.match(text):
            continue
        para = state.paragraph(_text_start(sent))
        found = state.tracker.sources(sent, para, state.para_starts[para])
        _sentence(sent, para, found, state)
        claims.extend(responsibility.statements(sent, lex, state.tracker.pronoun))
        state.tracker.update(sent, found)
    state.mentions = blame.credit_blame(state.mentions, state.paragraph)
    state.mentions = responsibility.credit_claimed(state.mentions, claims)
    return ExtractResult(mentions=tuple(state.mentions), rejections=tuple(state.rejections))


def _topics_only(doc: Doc, lex: Lexicon) -> bool:
    """ "International sanctions against Iran, Snapback mechanism of sanctions against Iran": a text with
    no verb at all and no closing full stop (a news portal's category path, a list of headings) names
    topics and reports no happening. A headline's present-tense verb the parser took for a noun counts
    as a verb (``retag_headline_verbs``), as does a direct object ("The attack damages 15 homes")."""
    text = doc.text.rstrip()
    if not text or text[-1] in HEADING_ENDS:
        return False
    for sent in doc.sents:
        retag_headline_verbs(sent, lex)
    return not any(t.pos_ in ("VERB", "AUX") or t.dep_ == "dobj" for t in doc)


def _text_start(sent: Span) -> int:
    """Where the sentence's words begin: a closing quote or paragraph break may lead the parser's sentence."""
    text, start = doc_text(sent.doc), sent.start_char
    while start < sent.end_char - 1 and (text[start].isspace() or text[start] in "\"“”'’"):
        start += 1
    return start


def _dateline_end(sent: Span) -> int:
    match = (
        DATELINE.match(span_text(sent))
        if sent.start_char == 0 or doc_text(sent.doc)[sent.start_char - 1] == "\n"
        else None
    )
    return sent.start_char + match.end() if match else sent.start_char


def _clauses(triggers: list[Trigger]) -> dict[int, Token]:
    """Each trigger's widest phrase: an event noun's participle or relative clause (``description_clause``),
    else the trigger itself; by ``id`` of the trigger."""
    indices = {t.token.i for t in triggers}
    return {id(t): description_clause(t.token, indices) if t.is_noun else t.token for t in triggers}


def _owns(trig: Trigger, token: Token, triggers: list[Trigger], clauses: dict[int, Token]) -> bool:
    """Whether ``token`` is in the trigger's own phrase: under it (or a word folded into it), not under a
    trigger nested in it. An event noun's phrase takes in the participle or relative clause it sits in
    ("insurgents involved in the attack in Orakzai on Tuesday ... are killed": Tuesday is the attack's);
    ``clauses`` are those phrases (:func:`_clauses`)."""

    def phrase(t: Trigger) -> Token:
        clause = clauses[id(t)]
        return (
            t.token if clause is not t.token and in_subtree(trig.token, clause) and t is not trig else clause
        )

    roots = [trig.token, *trig.folded, phrase(trig)]
    if not any(in_subtree(token, r) for r in roots):
        return False
    nested = [phrase(t) for t in triggers if t is not trig and any(in_subtree(t.token, r) for r in roots)]
    return not any(in_subtree(token, n) for n in nested)


def _sentence(sent: Span, para: int, found: list[Source], state: ArticleState) -> None:
    start = _dateline_end(sent)
    state.dateline_end = start
    triggers = [t for t in find_triggers(sent, state.lex) if t.token.idx >= start]
    if not any(t.type == "ASSAULT" for t in triggers):
        attach_tolls(sent, para, found, state)  # "The death toll rose to 31, officials said."
    if not triggers:
        _note_heading_place(sent, para, state)
        return
    nouns = {t.token.i for t in triggers if t.is_noun}
    state.trigger_tokens = {t.token.i for t in triggers}
    ents = state.ents_in(sent)
    dates = [d for d in date_exprs(sent, ents) if d.start >= start]
    places = [p for p in place_exprs(ents, nouns) if p.start >= start]
    chosen_dates = _assign(
        triggers, dates, first=lambda t: is_background(t.token, None, own_date=False, published_year=None)
    )
    speech = state.lex.speech_verbs

    def statement_only(place: Expr, trig: Token) -> bool:
        # The place of the statement gives way to a place of the event; alone, it is the best clue left
        # ("a medical source in Jaafar said the hospital received five bodies").
        return is_statement_place(place, trig, speech) and any(
            not is_statement_place(other, trig, speech) and not is_origin(other, trig)
            for other in places
            if other is not place
        )

    chosen_places = _assign(
        triggers, places, first=lambda t: False, skip=lambda e, t: is_origin(e, t) or statement_only(e, t)
    )
    for trig in triggers:
        build_mention(
            trig, triggers, chosen_dates.get(id(trig)), chosen_places.get(id(trig)), para, found, state
        )


def _note_heading_place(sent: Span, para: int, state: ArticleState) -> None:
    """ "Abasan al-Kabira, Khan Younis governorate, approx. 02:10.": the verbless heading of a log entry
    names where the entry's events happened; its first name stands for the paragraph's place."""
    opens = state.paragraph(sent.start_char) == para and _text_start(sent) == state.para_starts[para]
    if para in state.places or not opens or any(t.pos_ in ("VERB", "AUX") for t in sent):
        return
    ents = state.ents_in(sent)
    if not any(e.label_ in PLACE_LABELS for e in ents):
        return
    first = next(e for e in ents if e.label_ in PLACE_LABELS | {"PERSON"})
    state.places[para] = first.text


def _assign(
    triggers: list[Trigger],
    exprs: list[Expr],
    first: Callable[[Trigger], bool],
    skip: Callable[[Expr, Token], bool] = lambda e, t: False,
) -> dict[int, tuple[Expr, bool]]:
    """Each trigger's expression and whether it sits in the trigger's own phrase; ``skip`` names the
    expressions that never belong to a trigger (a place it came from)."""
    fit = {id(t): [e for e in exprs if not skip(e, t.token)] for t in triggers}
    clauses = _clauses(triggers)
    own = {id(t): [e for e in fit[id(t)] if _owns(t, e.root, triggers, clauses)] for t in triggers}
    taken = {e.start for t in triggers for e in own[id(t)]}
    out: dict[int, tuple[Expr, bool]] = {}
    order = sorted(triggers, key=lambda t: not first(t))
    for trig in order:
        chosen = pick(fit[id(trig)], trig.token, own[id(trig)], taken - {e.start for e in own[id(trig)]})
        if chosen is not None:
            out[id(trig)] = (chosen, bool(own[id(trig)]))
            if first(trig):
                taken.add(chosen.start)
    return out
