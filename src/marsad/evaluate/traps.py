"""Marked non-events: did marsad code an event out of words that report none?

The gold lists sentences that look like events but are not (generic statements, opinion, stances,
aggregate tolls, negations, hypotheticals, trivia). A trap is *taken* when a system event that matches
no gold event was read from a sentence that overlaps the marked words. Precision counts every false
event already; this says which kinds of text produce them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from marsad.evaluate.gold import NOT_EVENT_REASONS, GoldNotEvent
from marsad.records import Article, Event, Mention


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class TrapResult:
    article: int
    text: str
    why: str
    located: bool  # the marked words were found in the article's body
    taken_by: tuple[str, ...] = ()  # ids of false system events read from these words

    @property
    def taken(self) -> bool:
        return bool(self.taken_by)


def score_traps(
    not_events: Sequence[GoldNotEvent],
    articles: Sequence[Article],
    false_events: Sequence[Event],
    mentions: Mapping[str, Mention],
) -> tuple[TrapResult, ...]:
    """One result per marked non-event; ``false_events`` are the system events matching no gold event."""
    spans = _event_spans(false_events, mentions)
    results = []
    for trap in not_events:
        article = articles[trap.article - 1] if trap.article <= len(articles) else None
        start = article.body.find(trap.text) if article else -1
        if article is None or start < 0:
            results.append(TrapResult(article=trap.article, text=trap.text, why=trap.why, located=False))
            continue
        end = start + len(trap.text)
        taken = tuple(
            event_id
            for event_id, event_spans in spans.items()
            if any(aid == article.id and s < end and start < e for aid, s, e in event_spans)
        )
        results.append(
            TrapResult(article=trap.article, text=trap.text, why=trap.why, located=True, taken_by=taken)
        )
    return tuple(results)


def _event_spans(
    events: Sequence[Event], mentions: Mapping[str, Mention]
) -> dict[str, list[tuple[str, int, int]]]:
    """Per event, the (article, start, end) of the sentences its mentions were read from."""
    spans: dict[str, list[tuple[str, int, int]]] = {}
    for event in events:
        for mention_id in event.mention_ids:
            mention = mentions.get(mention_id)
            if mention is None:
                continue
            evidence = mention.evidence
            start = evidence.start if evidence.sentence_start is None else evidence.sentence_start
            end = evidence.end if evidence.sentence_end is None else evidence.sentence_end
            spans.setdefault(event.id, []).append((mention.article_id, start, end))
    return spans


def avoided_share(results: Sequence[TrapResult]) -> float | None:
    """The share of located traps that produced no false event (None when none is located)."""
    located = [r for r in results if r.located]
    return sum(not r.taken for r in located) / len(located) if located else None


def by_reason(results: Sequence[TrapResult]) -> list[tuple[str, int, int]]:
    """(reason, traps located, traps taken) for every reason that has traps, in the guidelines' order."""
    rows = []
    for why in NOT_EVENT_REASONS:
        located = [r for r in results if r.why == why and r.located]
        if located:
            rows.append((why, len(located), sum(r.taken for r in located)))
    return rows
