"""A random sample of stored events in a compact reading form, to audit precision by hand.

An analyst (or a developer) reads each sampled event beside the sentence it came from and marks it right or
wrong: forty events take minutes, and the share that is right estimates the precision of the whole store.
The sample is seeded, so two people can review the same events.
"""

from __future__ import annotations

import dataclasses
import json
import random
import textwrap
from collections.abc import Sequence

from marsad.output import actors_text, event_flags, figure_text
from marsad.records import Article, Claim, Event, Mention
from marsad.store import EventQuery, Store

EVIDENCE_WIDTH = 100
MAX_EVIDENCE = 3  # sentences shown per event; the rest are counted


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    """One sentence an event was read from, with the article it sits in."""

    sentence: str
    title: str
    source: str | None
    published: str | None
    url: str | None


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class ReviewItem:
    event: Event
    evidence: tuple[Evidence, ...]


def sample(events: Sequence[Event], size: int, seed: int) -> list[Event]:
    """``size`` events drawn at random with ``seed``; the same store and seed give the same sample."""
    ordered = sorted(events, key=lambda event: event.id)  # independent of the store's row order
    return random.Random(seed).sample(ordered, min(size, len(ordered)))


def review_sample(store: Store, query: EventQuery, size: int, seed: int) -> list[ReviewItem]:
    """Draw the sample and gather each event's evidence sentences from its articles."""
    chosen = sample(store.events(query), size, seed)
    article_ids = {article_id for event in chosen for article_id in event.article_ids}
    articles = {article.id: article for article in store.articles(article_ids)}
    mentions = {mention.id: mention for mention in store.mentions(article_ids)}
    return [ReviewItem(event=event, evidence=_evidence(event, mentions, articles)) for event in chosen]


def _evidence(
    event: Event, mentions: dict[str, Mention], articles: dict[str, Article]
) -> tuple[Evidence, ...]:
    found: dict[str, Evidence] = {}
    for mention_id in event.mention_ids:
        mention = mentions.get(mention_id)
        article = articles.get(mention.article_id) if mention else None
        if mention is None or article is None:
            continue
        sentence = sentence_of(mention, article)
        found.setdefault(
            sentence,
            Evidence(
                sentence=sentence,
                title=article.title,
                source=article.source,
                published=article.published,
                url=article.url,
            ),
        )
    return tuple(found.values())


def sentence_of(mention: Mention, article: Article) -> str:
    """The whole sentence that holds a mention's evidence (the evidence span itself when unknown)."""
    evidence = mention.evidence
    if evidence.sentence_start is None or evidence.sentence_end is None:
        return " ".join(evidence.text.split())
    return " ".join(article.body[evidence.sentence_start : evidence.sentence_end].split())


def claim_text(claim: Claim) -> str:
    figures = ", ".join(f"{figure.kind.value} {_bounds(figure.low, figure.high)}" for figure in claim.figures)
    said = "; ".join(part for part in (figures, claim.note) if part)
    return f"{claim.source}: {said}" if said else claim.source


def _bounds(low: int | None, high: int | None) -> str:
    if low is not None and high is None:
        return f"at least {low}"
    return figure_text(low, high) or "?"


def place_text(event: Event) -> str:
    place = event.place
    if place is None:
        return "-"
    parts = [place.name or place.text, place.admin1, place.country]
    where = ", ".join(dict.fromkeys(part for part in parts if part))
    if place.latitude is not None and place.longitude is not None:
        where += f" ({place.latitude:.2f}, {place.longitude:.2f})"
    if place.name:
        return where
    if place.country:  # a country is never a point (ACLED geo precision 3 at most)
        return f"{where} [country only: {place.text!r}]"
    return f"{where} [unresolved: {place.text!r}]"


def _type(event: Event) -> str:
    plover = event.plover_type + (f"/{event.plover_mode}" if event.plover_mode else "")
    acled = ": ".join(part for part in (event.acled_event_type, event.acled_sub_event_type) if part)
    return f"{plover} · {acled}" if acled else plover


def _figures(event: Event) -> str:
    parts = []
    killed = figure_text(event.fatalities_low, event.fatalities_high)
    if killed:
        parts.append(f"killed {killed}")
    if event.injured is not None:
        parts.append(f"injured {event.injured}")
    if event.arrested is not None:
        parts.append(f"arrested {event.arrested}")
    return ", ".join(parts) or "-"


def render_text(items: Sequence[ReviewItem]) -> str:
    """The reading form: a block per event, numbered, with its evidence quoted."""
    if not items:
        return "no events match; widen the filters or run `marsad run` first\n"
    blocks = [_block(i, len(items), item) for i, item in enumerate(items, start=1)]
    return "\n\n".join(blocks) + "\n"


def _block(number: int, total: int, item: ReviewItem) -> str:
    event = item.event
    date = event.date.date or "?"
    date += f" ({event.date.precision.value})" if event.date.date else ""
    flags = event_flags(event)
    lines = [
        f"[{number}/{total}] {_type(event)}   {date}" + (f"   [{flags}]" if flags else ""),
        f"  actors:   {actors_text(event.actor1) or '-'}  ->  {actors_text(event.actor2) or '-'}",
        f"  place:    {place_text(event)}",
        f"  figures:  {_figures(event)}",
    ]
    lines += [f"  claim:    {claim_text(claim)}" for claim in dict.fromkeys(event.claims)]
    for evidence in item.evidence[:MAX_EVIDENCE]:
        origin = ", ".join(part for part in (evidence.source, evidence.published) if part)
        lines.append(f"  from:     {evidence.title!r}" + (f" ({origin})" if origin else ""))
        wrapped = textwrap.wrap(evidence.sentence, EVIDENCE_WIDTH) or [""]
        lines += [f"    > {line}" for line in wrapped]
    if len(item.evidence) > MAX_EVIDENCE:
        lines.append(f"  ... and {len(item.evidence) - MAX_EVIDENCE} more sentences")
    lines.append(f"  id:       {event.id}")
    return "\n".join(lines)


def render_jsonl(items: Sequence[ReviewItem]) -> str:
    """One JSON object per sampled event, for tools (and for a verdict column added by the reviewer)."""
    return "".join(json.dumps(_row(item), ensure_ascii=False, sort_keys=True) + "\n" for item in items)


def _row(item: ReviewItem) -> dict[str, object]:
    event = item.event
    place = event.place
    return {
        "id": event.id,
        "plover_type": event.plover_type,
        "plover_mode": event.plover_mode,
        "acled_event_type": event.acled_event_type,
        "acled_sub_event_type": event.acled_sub_event_type,
        "actor1": [actor.label for actor in event.actor1],
        "actor2": [actor.label for actor in event.actor2],
        "place": None
        if place is None
        else {
            "text": place.text,
            "name": place.name,
            "admin1": place.admin1,
            "country": place.country,
            "latitude": place.latitude,
            "longitude": place.longitude,
        },
        "date": event.date.date,
        "date_precision": event.date.precision.value,
        "modality": event.modality.value,
        "background": event.background,
        "fatalities_low": event.fatalities_low,
        "fatalities_high": event.fatalities_high,
        "injured": event.injured,
        "arrested": event.arrested,
        "claims": [claim_text(claim) for claim in dict.fromkeys(event.claims)],
        "evidence": [dataclasses.asdict(evidence) for evidence in item.evidence],
    }
