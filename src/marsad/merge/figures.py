"""Claims and figures of one event: every claim kept, low/high/best derived.

Rules (see docs/merge.md):

- every claim of every mention is kept; a mention with figures or weapons but no claim gives
  a claim in the outlet's name, so no number is without a source;
- identical claims (same source, figures, weapons and evidence span) are kept once;
- ``low`` is the smallest low of any claim, ``high`` the largest high (a claim's low when it has
  no high, e.g. "at least two");
- ``best`` follows ACLED's conservative rule: the lowest reported figure, until a higher one is
  corroborated by at least two distinct sources; then the highest corroborated figure.
  Injured and arrested counts take ``best`` by the same rule.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from marsad.merge.compare import norm
from marsad.records import Article, Claim, Figure, FigureKind, Mention

log = logging.getLogger(__name__)

UNKNOWN_OUTLET = "unknown"
ARTICLE_VOICE = "article"
_NUMBER = re.compile(
    r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|"
    r"dozens?|several|scores|a few|many|both|pair|couple)\b",
    re.IGNORECASE,
)  # the source extraction gives a statement that names none
CORROBORATION = 2  # distinct sources needed before a higher figure replaces the lowest


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Range:
    """Bounds and best estimate of one kind of figure over all claims."""

    low: int | None = None
    high: int | None = None
    best: int | None = None


def outlet(mention: Mention, articles: Mapping[str, Article]) -> str:
    article = articles.get(mention.article_id)
    return (article.source if article else None) or UNKNOWN_OUTLET


def _in_outlet_voice(claim: Claim, mention: Mention, articles: Mapping[str, Article]) -> Claim:
    """An unattributed statement (extraction's source "article") is the outlet's: name the outlet."""
    if claim.source != ARTICLE_VOICE:
        return claim
    return dataclasses.replace(claim, source=outlet(mention, articles), source_kind="outlet")


def collect_claims(mentions: Sequence[Mention], articles: Mapping[str, Article]) -> tuple[Claim, ...]:
    """Every distinct claim of the mentions, in mention order."""
    seen: set[tuple[object, ...]] = set()
    out: list[Claim] = []
    for mention in mentions:
        for claim in _claims_of(mention, articles):
            key = _claim_key(claim)
            if key not in seen:
                seen.add(key)
                out.append(claim)
    return tuple(out)


def _claims_of(mention: Mention, articles: Mapping[str, Article]) -> tuple[Claim, ...]:
    if mention.claims:
        return tuple(_in_outlet_voice(claim, mention, articles) for claim in mention.claims)
    if not mention.figures and not mention.weapons:
        return ()
    # The article states it in its own voice: the outlet is the source.
    return (
        Claim(
            source=outlet(mention, articles),
            source_kind="outlet",
            figures=mention.figures,
            weapons=mention.weapons,
            evidence=mention.evidence,
        ),
    )


def _claim_key(claim: Claim) -> tuple[object, ...]:
    ev = claim.evidence
    span = (ev.article_id, ev.start, ev.end) if ev else None
    figures = tuple((f.kind.value, f.low, f.high) for f in claim.figures)
    return (norm(claim.source), figures, tuple(sorted(claim.weapons)), span, claim.note)


# Words that say how a source spoke, not who it is: "police sources" and "the police" are one source.
_SOURCE_NOISE = frozenset(
    {"source", "sources", "official", "officials", "spokesman", "spokesperson", "statement"}
)


def source_key(claim: Claim) -> str:
    """Who stands behind a claim: the organisation when known, else the source as named."""
    if claim.source_org:
        return norm(claim.source_org)
    words = norm(claim.source).split()
    kept = [w for w in words if w not in _SOURCE_NOISE]
    return " ".join(kept or words)


def claim_sources(claims: Iterable[Claim]) -> tuple[str, ...]:
    """Distinct claim sources (normalised), sorted."""
    return tuple(sorted({source_key(c) for c in claims if source_key(c)}))


def figure_range(claims: Iterable[Claim], kind: FigureKind) -> Range:
    """Low, high and ACLED-conservative best of one kind of figure.

    A figure read from described victims with no number ("its deputy head had been killed", "al-Saidi
    and his aide") counts people the source names, not the toll it reports: it bounds the toll from
    below, so it lowers the range only when no source gives a number.
    """
    totals: list[int] = []
    partial: list[int] = []
    highs: list[int] = []
    sources_by_value: dict[int, set[str]] = defaultdict(set)
    for claim in claims:
        for figure in claim.figures:
            if figure.kind is not kind or figure.low is None:
                continue
            (totals if _is_total(figure) else partial).append(figure.low)
            highs.append(figure.high if figure.high is not None else figure.low)
            sources_by_value[figure.low].add(source_key(claim))
    lows = totals or partial
    if not lows:
        return Range()
    corroborated = [v for v, who in sources_by_value.items() if len(who) >= CORROBORATION]
    best = max(corroborated) if corroborated and max(corroborated) > min(lows) else min(lows)
    return Range(low=min(lows), high=max(highs), best=best)


def _is_total(figure: Figure) -> bool:
    """Whether the figure's words give a number (a toll), not only described people."""
    return bool(_NUMBER.search(figure.text or "0"))  # no words kept: trust the number


def describe(rng: Range, noun: str) -> str:
    """'2-4 killed (best 2)' or '7 injured'; empty when unknown."""
    if rng.low is None:
        return ""
    span = str(rng.low) if rng.low == rng.high else f"{rng.low}-{rng.high}"
    best = f" (best {rng.best})" if rng.low != rng.high else ""
    return f"{span} {noun}{best}"
