"""Score a system's events against a gold standard: :func:`evaluate` -> :class:`EvalReport`."""

from __future__ import annotations

import dataclasses
import logging
from collections import Counter
from collections.abc import Mapping, Sequence

from marsad.errors import GoldError
from marsad.evaluate import compare
from marsad.evaluate.checks import FIELDS, Check, check_pair
from marsad.evaluate.compare import SameActor
from marsad.evaluate.gold import Gold, GoldEvent
from marsad.evaluate.match import Pair, match_events
from marsad.evaluate.traps import TrapResult, score_traps
from marsad.records import Article, Event, Mention

log = logging.getLogger(__name__)

NONE_LABEL = "(none)"


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Score:
    """n correct out of n scored; ``value`` is None when nothing was scored."""

    correct: int
    total: int

    @property
    def value(self) -> float | None:
        return _ratio(self.correct, self.total)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Detection:
    """Event detection. Optional gold events add to recall only when found."""

    tp: int  # matched system events
    fp: int  # system events matched to no gold event
    fn: int  # required gold events not found
    required_found: int
    required_total: int
    optional_found: int
    optional_total: int

    @property
    def precision(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        return _ratio(self.required_found + self.optional_found, self.required_total + self.optional_found)

    @property
    def recall_required(self) -> float | None:
        return _ratio(self.required_found, self.required_total)

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None if p is None or r is None else 0.0
        return 2 * p * r / (p + r)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class LabelScores:
    """A label field over matched gold events that code it: accuracy, weighted F1, confusion."""

    field: str
    accuracy: Score
    weighted_f1: float | None
    confusion: tuple[tuple[str, str, int], ...]  # (gold label, system label, count), sorted


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class EventResult:
    gold_id: str
    article: int
    required: bool
    found: bool
    system_id: str | None = None
    match_score: float | None = None
    checks: tuple[Check, ...] = ()

    @property
    def wrong(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if not c.correct)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Unmatched:
    """A system event no gold event claimed (a false positive)."""

    system_id: str
    plover_type: str
    actors: str
    articles: tuple[int, ...]  # 1-based article numbers


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class EvalReport:
    gold_path: str
    gold_format: str
    gold_digest: str
    n_articles: int
    n_system_events: int  # system events from the gold's articles
    detection: Detection
    fields: dict[str, Score]  # in checks.FIELDS order
    labels: tuple[LabelScores, ...]
    events: tuple[EventResult, ...]  # in gold order
    unmatched: tuple[Unmatched, ...]
    warnings: tuple[str, ...] = ()
    traps: tuple[TrapResult, ...] = ()  # the gold's marked non-events, and which were coded anyway


def evaluate(
    gold: Gold,
    articles: Sequence[Article],
    events: Sequence[Event],
    *,
    same_actor: SameActor | None = None,
    mentions: Mapping[str, Mention] | None = None,
) -> EvalReport:
    """Score ``events`` (marsad's output) against ``gold``.

    ``articles`` are the input articles in input order: gold article n is
    ``articles[n - 1]``. Only system events from those first n articles are scored.
    ``mentions`` (by id) tell which sentences each event was read from, so that false
    events can be traced to the gold's marked non-events; without them no trap is taken.
    """
    same = same_actor or compare.default_same_actor
    warnings = _check_articles(gold, articles)
    numbers = {a.id: n for n, a in enumerate(articles[: gold.n_articles], start=1)}
    scoped = [e for e in events if any(aid in numbers for aid in e.article_ids)]
    article_ids = [articles[g.article - 1].id for g in gold.events]
    pairs = match_events(gold.events, article_ids, scoped, same)
    results = _results(gold.events, scoped, pairs, same)
    matched = {p.system for p in pairs}
    false_events = [e for si, e in enumerate(scoped) if si not in matched]
    unmatched = tuple(_unmatched(e, numbers) for e in false_events)
    traps = score_traps(gold.not_events, articles, false_events, mentions or {})
    return EvalReport(
        gold_path=gold.path,
        gold_format=gold.format,
        gold_digest=gold.digest,
        n_articles=gold.n_articles,
        n_system_events=len(scoped),
        detection=_detection(gold.events, results, len(unmatched)),
        fields=_field_scores(results),
        labels=_label_scores([(gold.events[p.gold], scoped[p.system]) for p in pairs]),
        events=tuple(results),
        unmatched=unmatched,
        warnings=tuple(warnings),
        traps=traps,
    )


def _results(
    golds: Sequence[GoldEvent], scoped: Sequence[Event], pairs: Sequence[Pair], same: SameActor
) -> list[EventResult]:
    by_gold = {p.gold: p for p in pairs}
    results: list[EventResult] = []
    for gi, g in enumerate(golds):
        pair = by_gold.get(gi)
        if pair is None:
            results.append(EventResult(gold_id=g.id, article=g.article, required=g.required, found=False))
            continue
        e = scoped[pair.system]
        checks = check_pair(g, e, same)
        results.append(
            EventResult(
                gold_id=g.id,
                article=g.article,
                required=g.required,
                found=True,
                system_id=e.id,
                match_score=pair.score,
                checks=checks,
            )
        )
    return results


def _check_articles(gold: Gold, articles: Sequence[Article]) -> list[str]:
    if len(articles) < gold.n_articles:
        raise GoldError(
            f"{gold.path}: the gold refers to {gold.n_articles} articles but the input has {len(articles)}; "
            "evaluate against the input the gold was written for"
        )
    warnings: list[str] = []
    if len(articles) > gold.n_articles:
        warnings.append(
            f"the input has {len(articles)} articles; only the first {gold.n_articles} are scored"
        )
    for n, title in enumerate(gold.titles, start=1):
        if title and compare.normalise(title) != compare.normalise(articles[n - 1].title):
            warnings.append(
                f"article {n}: gold title {title!r} differs from input title {articles[n - 1].title!r}"
            )
    for warning in warnings:
        log.warning("%s: %s", gold.path, warning)
    return warnings


def _unmatched(event: Event, numbers: dict[str, int]) -> Unmatched:
    actors = " → ".join("; ".join(a.label for a in side) or "?" for side in (event.actor1, event.actor2))
    articles = tuple(sorted(numbers[a] for a in event.article_ids if a in numbers))
    return Unmatched(system_id=event.id, plover_type=event.plover_type, actors=actors, articles=articles)


def _detection(golds: Sequence[GoldEvent], results: Sequence[EventResult], fp: int) -> Detection:
    required_total = sum(g.required for g in golds)
    required_found = sum(r.found and r.required for r in results)
    optional_found = sum(r.found and not r.required for r in results)
    return Detection(
        tp=required_found + optional_found,
        fp=fp,
        fn=required_total - required_found,
        required_found=required_found,
        required_total=required_total,
        optional_found=optional_found,
        optional_total=len(golds) - required_total,
    )


def _field_scores(results: Sequence[EventResult]) -> dict[str, Score]:
    correct: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for result in results:
        for check in result.checks:
            total[check.field] += 1
            correct[check.field] += check.correct
    return {f: Score(correct=correct[f], total=total[f]) for f in FIELDS}


def _label_scores(pairs: Sequence[tuple[GoldEvent, Event]]) -> tuple[LabelScores, ...]:
    out: list[LabelScores] = []
    for field in ("plover_type", "acled_event_type", "acled_sub_event_type"):
        labels = [
            (str(getattr(g, field)), str(getattr(e, field) or NONE_LABEL))
            for g, e in pairs
            if getattr(g, field)
        ]
        out.append(label_scores(field, labels))
    return tuple(out)


def label_scores(field: str, labels: Sequence[tuple[str, str]]) -> LabelScores:
    """Accuracy, support-weighted F1 and confusion over (gold, system) label pairs."""
    confusion = Counter(labels)
    gold_counts = Counter(g for g, _ in labels)
    system_counts = Counter(s for _, s in labels)
    weighted = 0.0
    for label, support in gold_counts.items():
        tp = confusion[(label, label)]
        precision = tp / system_counts[label] if system_counts[label] else 0.0
        recall = tp / support
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        weighted += f1 * support
    correct = sum(n for (g, s), n in confusion.items() if g == s)
    return LabelScores(
        field=field,
        accuracy=Score(correct=correct, total=len(labels)),
        weighted_f1=weighted / len(labels) if labels else None,
        confusion=tuple(sorted((g, s, n) for (g, s), n in confusion.items())),
    )
