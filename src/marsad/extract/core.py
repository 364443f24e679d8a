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

from marsad.extract import blame
from marsad.extract import decide as decide_module
from marsad.extract.build import STATEMENT_TYPES, ArticleState, build_mention
from marsad.extract.claims import Source, SourceTracker
from marsad.extract.decide import RememberingJudge, SentenceJudge, decide, mark_proposed, proposed_type
from marsad.extract.lexicon import TriggerSpec, load_lexicon
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
from marsad.extract.triggers import Trigger, find_triggers
from marsad.records import Article, Mention, Rejection

log = logging.getLogger(__name__)

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


def extract(doc: Doc, article: Article, judge: SentenceJudge | None = None) -> ExtractResult:
    """Mentions (and rejected non-events) of one article; ``doc`` is ``nlp(article.body)``.

    With a ``judge`` (the learned layer), the rules' mentions are then decided by it (``decide``).
    """
    lex = load_lexicon()
    year = int(article.published[:4]) if article.published and article.published[:4].isdigit() else None
    state = ArticleState(article, lex, SourceTracker(lex), _paragraph_starts(article), year, list(doc.ents))
    judge = RememberingJudge(judge) if judge is not None else None
    proposals = _proposals(doc, judge) if judge is not None and decide_module.PROPOSE else {}
    proposed: set[str] = set()
    for sent in doc.sents:
        if not (text := span_text(sent)).strip() or BYLINE.match(text):
            continue
        para = state.paragraph(_text_start(sent))
        found = state.tracker.sources(sent, para, state.para_starts[para])
        proposed |= _sentence(sent, para, found, state, proposals.get(sent.start))
        state.tracker.update(sent, found)
    state.mentions = blame.credit_blame(state.mentions, state.paragraph)
    if judge is None:
        return ExtractResult(mentions=tuple(state.mentions), rejections=tuple(state.rejections))
    kept, dropped = decide(state.mentions, article, judge)
    kept = [mark_proposed(m) if m.id in proposed else m for m in kept]
    return ExtractResult(mentions=tuple(kept), rejections=(*state.rejections, *dropped))


def _proposals(doc: Doc, judge: SentenceJudge) -> dict[int, str]:
    """The PLOVER type the learned layer proposes for each sentence told around a verb (first token ->
    type); headings and captions without a verb propose nothing."""
    sents = [s for s in doc.sents if s.root.pos_ in ("VERB", "AUX") and span_text(s).strip()]
    read = judge.judge([span_text(s) for s in sents])
    return {s.start: kind for s, j in zip(sents, read, strict=True) if (kind := proposed_type(j)) is not None}


def _proposed_trigger(sent: Span, kind: str) -> Trigger:
    """The sentence's main verb standing as the trigger of the event the model proposes: the rules'
    argument finders then read its actors, place, date and figures as for any trigger."""
    root = sent.root
    if kind not in STATEMENT_TYPES and root.lemma_.lower() in load_lexicon().speech_verbs:
        # "the ministry says drones hit the port": the event is what is said, its actors are not the speaker's
        told = [c for c in root.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")]
        root = told[0] if told else root
    return Trigger(
        token=root, sent=sent, spec=TriggerSpec(lemma=root.lemma_.lower(), type=kind), type=kind, mode=None
    )


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


def _owns(trig: Trigger, token: Token, triggers: list[Trigger]) -> bool:
    roots = [trig.token, *trig.folded]
    if not any(in_subtree(token, r) for r in roots):
        return False
    nested = [t.token for t in triggers if t is not trig and any(in_subtree(t.token, r) for r in roots)]
    return not any(in_subtree(token, n) for n in nested)


def _sentence(sent: Span, para: int, found: list[Source], state: ArticleState, kind: str | None) -> set[str]:
    """Build the sentence's mentions; return the ids of those the model proposed (``kind``: the type
    it reads in the sentence, proposed when no rule trigger is of its family)."""
    start = _dateline_end(sent)
    state.dateline_end = start
    triggers = [t for t in find_triggers(sent, state.lex) if t.token.idx >= start]
    extra = None
    if kind is not None and sent.root.idx >= start and not triggers:
        # only where the rules found nothing: beside a rule trigger, the model's other reading was most
        # often that trigger's event told again, with the actors of another clause
        extra = _proposed_trigger(sent, kind)
        triggers.append(extra)
    if not triggers:
        _note_heading_place(sent, para, state)
        return set()
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
    proposed: set[str] = set()
    if extra is not None and chosen_places.get(id(extra)) is None:
        # a proposal whose sentence names no place of its own is too thin to code (no trigger word either)
        triggers.remove(extra)
    for trig in triggers:
        before = len(state.mentions)
        build_mention(
            trig, triggers, chosen_dates.get(id(trig)), chosen_places.get(id(trig)), para, found, state
        )
        if trig is extra and len(state.mentions) > before:
            proposed.add(state.mentions[-1].id)
    return proposed


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
    own = {id(t): [e for e in fit[id(t)] if _owns(t, e.root, triggers)] for t in triggers}
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
