"""Rules propose, the learned layer decides: each mention's event, type and modality, given what a
sentence model reads in the mention's sentence (a :class:`Judgement`).

The rules found the trigger and filled the arguments; the model, trained on labelled real news, is
better at telling a specific happening from a generic statement, an opinion or a toll, and at the
kind of event a whole sentence reports. Where the model is unsure, the rule stands. Every mention
keeps both readings in its :class:`Decision`, so evaluation can show which one was right more often.

The thresholds below were chosen on the development set (``eval/real``), never on its holdout.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Protocol

from marsad.extract.acled import acled_types, event_type_of, sub_event_types_of
from marsad.plover import plover_family
from marsad.records import Article, Decision, Judgement, Mention, Modality, Rejection

# A mention whose sentence the model gives less than this chance of reporting a specific happening
# is dropped as a non-event (generic statement, opinion, stance, aggregate, trivia). Higher thresholds
# gained precision on the development sets but lost required events and split merged reports.
EVENT_FLOOR = 0.25
# The rule's type stands while the model gives at least KEEP_TYPE chance that the sentence reports an
# event of that type (one sentence can report several: an attack and the arrests after it); otherwise the
# mention is a stray trigger beside the sentence's supported events of another family and is dropped.
# Off (0): on our merge corpus, dropping them let two different happenings of one article merge.
KEEP_TYPE = 0.0
# The model's type replaces the rule's when the model gives the rule's type less than DOUBT_TYPE
# chance of being in the sentence at all and is at least SWITCH_TYPE sure of its own main type: a
# trigger word read in another sense ("Biden attacked Trump" is an accusation, "barrels that released
# a gas" an assault). Conservative on purpose: the development sets are partly training data, and with
# the model trained without them, laxer values lowered type and ACLED accuracy (docs/model.md).
DOUBT_TYPE = 0.02
SWITCH_TYPE = 0.85
# The model's ACLED sub-event type replaces the rule's when the model is this sure and the type fits
# the mention's PLOVER type.
SWITCH_ACLED = 0.60
# Modality and background: the model overrules the rule only when it is this sure.
SWITCH_MODALITY = 0.70
SWITCH_BACKGROUND = 0.70


class SentenceJudge(Protocol):
    """Anything that reads sentences and says what they report: ``marsad.learn``'s model."""

    def judge(self, sentences: Sequence[str]) -> list[Judgement]: ...


def decide(
    mentions: Sequence[Mention], article: Article, judge: SentenceJudge
) -> tuple[list[Mention], list[Rejection]]:
    """The mentions the model keeps, each with its decision, and a rejection for each it drops."""
    spans = [_sentence_span(m) for m in mentions]
    read = dict(zip(dict.fromkeys(spans), judge.judge(sentences(mentions, article)), strict=True))
    supported: dict[tuple[int, int], set[str | None]] = {}  # families the model supports, per sentence
    for mention, span in zip(mentions, spans, strict=True):
        if _supported(mention, read[span]):
            supported.setdefault(span, set()).add(plover_family(mention.plover_type))
    # A sentence whose mentions the rules read as both news and recalled background ("the insurgents
    # involved in Tuesday's attack are killed"): the model reads the sentence, not one mention, so its
    # low background score is about the sentence's news and clears no mention the rules read as recalled.
    told: dict[tuple[int, int], set[bool]] = {}
    kinds: dict[tuple[int, int], list[str]] = {}  # the rules' types, per sentence
    for mention, span in zip(mentions, spans, strict=True):
        told.setdefault(span, set()).add(mention.background)
        kinds.setdefault(span, []).append(mention.plover_type)
    kept: list[Mention] = []
    dropped: list[Rejection] = []
    for mention, span in zip(mentions, spans, strict=True):
        judgement = read[span]
        if judgement.event < EVENT_FLOOR:
            dropped.append(_rejection(mention, judgement, article, span, _NOT_AN_EVENT))
        elif _stray(mention, judgement, supported.get(span, set())):
            dropped.append(_rejection(mention, judgement, article, span, _NOT_THIS_KIND))
        elif _retold(mention, judgement, kinds[span]):
            dropped.append(_rejection(mention, judgement, article, span, _RETOLD))
        else:
            kept.append(apply(mention, judgement, mixed_background=len(told[span]) > 1))
    return kept, dropped


def sentences(mentions: Sequence[Mention], article: Article) -> list[str]:
    """The sentences :func:`decide` asks the judge to read for ``mentions``, in the order it asks: a
    run asks for those of many articles in one call first (``pipeline.analyse``)."""
    return [article.body[s:e] for s, e in dict.fromkeys(_sentence_span(m) for m in mentions)]


def _stray(mention: Mention, judgement: Judgement, families: set[str | None]) -> bool:
    """A trigger the model does not support, beside supported ones of other families only."""
    return (
        bool(families)
        and plover_family(mention.plover_type) not in families
        and not _supported(mention, judgement)
    )


def _retold(mention: Mention, judgement: Judgement, kinds: list[str]) -> bool:
    """A trigger the model would retype to a type another trigger of its sentence already has ("kill ...
    whom they allege are members", "to protest the deployment"): the model doubts the word's own reading
    and the sentence's event of that type is already there, so the mention would only repeat it."""
    new = _type(mention.plover_type, judgement)
    return new != mention.plover_type and new in kinds


def _supported(mention: Mention, judgement: Judgement) -> bool:
    """Whether the model reads an event of the mention's type in its sentence. When it reads one kind
    of event there and the rules found that kind plus one of another family (a word of violence in a
    sentence about a meeting), the other trigger was a stray word: that mention goes, the sentence's
    events stay. Within one family (an abduction read as an arrest) the rule's reading stands: there the
    model's distinctions follow its labels' conventions more than the text."""
    return dict(judgement.present).get(mention.plover_type, 1.0) >= KEEP_TYPE


def apply(mention: Mention, judgement: Judgement, *, mixed_background: bool = False) -> Mention:
    """``mention`` with the model's reading applied where it is sure, and a :class:`Decision` saying so.
    ``mixed_background``: the rules read other mentions of its sentence otherwise, so the model's score
    for the whole sentence may set the background flag but not clear the rule's."""
    changed: list[str] = []
    plover = _type(mention.plover_type, judgement)
    mode, event_type, sub_type = mention.plover_mode, mention.acled_event_type, mention.acled_sub_event_type
    if plover != mention.plover_type:
        changed.append("plover_type")
        mode = None  # the rule's mode belongs to the rule's type
        event_type, sub_type = acled_types(plover, None, weapons=mention.weapons)
    model_sub = _acled(plover, judgement)
    if model_sub is not None and model_sub != sub_type:
        changed.append("acled")
        event_type, sub_type = event_type_of(model_sub), model_sub
    modality = _modality(mention.modality, plover, judgement)
    if modality is not mention.modality:
        changed.append("modality")
    background = (mention.background and mixed_background) or _background(mention.background, judgement)
    if background != mention.background:
        changed.append("background")
    decision = Decision(
        decided_by="model" if changed else "both" if _agrees(mention, judgement) else "rules",
        rule_type=mention.plover_type,
        rule_acled=mention.acled_sub_event_type,
        rule_modality=mention.modality.value,
        rule_background=mention.background,
        model_event=round(judgement.event, 4),
        model_type=judgement.types[0][0] if judgement.types else None,
        model_type_score=round(judgement.types[0][1], 4) if judgement.types else None,
        model_acled=(judgement.acled[0][0] or None) if judgement.acled else None,
        model_modality=judgement.modality[0][0] if judgement.modality else None,
        model_background=round(judgement.background, 4),
        changed=tuple(changed),
    )
    return dataclasses.replace(
        mention,
        plover_type=plover,
        plover_mode=mode,
        acled_event_type=event_type,
        acled_sub_event_type=sub_type,
        modality=modality,
        background=background,
        decision=decision,
    )


def _type(rule_type: str, judgement: Judgement) -> str:
    """The model's main type when it is sure of it and doubts the rule's; else the rule's."""
    present = dict(judgement.present)
    if not judgement.types or present.get(rule_type, 0.0) >= DOUBT_TYPE:
        return rule_type
    best, score = judgement.types[0]
    return best if score >= SWITCH_TYPE else rule_type


def _acled(plover: str, judgement: Judgement) -> str | None:
    """The model's sub-event type when it is sure of it and the PLOVER type allows it."""
    if not judgement.acled:
        return None
    best, score = judgement.acled[0]
    if not best or score < SWITCH_ACLED or best not in sub_event_types_of(plover):
        return None
    return best


def _modality(rule: Modality, plover: str, judgement: Judgement) -> Modality:
    """Asserted <-> planned when the model is sure. Negated, conditional and hypothetical readings are
    the rules' (the model never saw those as events); a threat is a THREATEN event, decided by type."""
    if rule not in (Modality.ASSERTED, Modality.PLANNED) or not judgement.modality:
        return rule
    best, score = judgement.modality[0]
    if score < SWITCH_MODALITY or best not in (Modality.ASSERTED, Modality.PLANNED):
        return rule
    return Modality(best)


def _background(rule: bool, judgement: Judgement) -> bool:
    if not rule and judgement.background >= SWITCH_BACKGROUND:
        return True
    if rule and judgement.background <= 1.0 - SWITCH_BACKGROUND:
        return False
    return rule


def _agrees(mention: Mention, judgement: Judgement) -> bool:
    return bool(judgement.types) and judgement.types[0][0] == mention.plover_type


def _sentence_span(mention: Mention) -> tuple[int, int]:
    evidence = mention.evidence
    if evidence.sentence_start is not None and evidence.sentence_end is not None:
        return evidence.sentence_start, evidence.sentence_end
    return evidence.start, evidence.end


_NOT_AN_EVENT = "not a specific event: the learned layer gives the sentence {event:.2f}"
_RETOLD = (
    "no {type} in this sentence: the learned layer gives it {present:.2f}, and the event it reads there"
    " is another mention's"
)
_NOT_THIS_KIND = (
    "no {type} in this sentence: the learned layer gives it {present:.2f} beside its other events"
)


def _rejection(
    mention: Mention, judgement: Judgement, article: Article, span: tuple[int, int], why: str
) -> Rejection:
    present = dict(judgement.present).get(mention.plover_type, 0.0)
    reason = why.format(event=judgement.event, type=mention.plover_type, present=present)
    return Rejection(
        stage="extract",
        reason=f"{reason} (the rules read a {mention.plover_type} in {mention.trigger!r})",
        article_id=article.id,
        text=article.body[span[0] : span[1]][:300],
    )
