"""Group marsad's errors on a gold set by cause, with counts, so the next work goes where the errors are.

    python scripts/error_analysis.py eval/real/gold.json eval/real/articles.jsonl > analysis.md

Never run it on the holdout: its point is to show single errors, which is what tuning reads.

False events (system events matching no gold event) are put in the first class that fits:
1. read from words the gold marks as a non-event (by the mark's reason: aggregate, stance, ...);
2. not asserted (planned, threatened, negated, hypothetical, conditional) or flagged background;
3. a second event of the same type in an article where that type was already matched (a split);
4. in an article where a gold event of another type was missed (probably that event, mistyped);
5. anything else (an event the gold does not code at all).
Required misses are grouped by the gold type and by whether marsad found anything in that article;
wrong fields of matched events by what the system gave (nothing, or something else).
"""

from __future__ import annotations

import collections
import sys
from collections.abc import Sequence

from marsad import evaluate, evaluation_run
from marsad.evaluate.scores import EvalReport
from marsad.records import Event, Modality


def main(argv: Sequence[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    gold_path, input_path = argv
    scored = evaluation_run.score_inputs(gold_path, [input_path])
    numbers = {article.id: n for n, article in enumerate(scored.articles, start=1)}
    report, gold = scored.report, scored.gold
    print(
        "\n".join(
            false_events(report, scored.events, gold, numbers) + misses(report, gold) + field_errors(report)
        )
    )
    return 0


def false_events(
    report: EvalReport, events: Sequence[Event], gold: evaluate.Gold, numbers: dict[str, int]
) -> list[str]:
    by_id = {event.id: event for event in events}
    trap_of = {event_id: trap.why for trap in report.traps for event_id in trap.taken_by}
    matched_types = {(r.article, by_id[r.system_id].plover_type) for r in report.events if r.system_id}
    missed_articles = {r.article for r in report.events if not r.found}
    causes: collections.Counter[str] = collections.Counter()
    for unmatched in report.unmatched:
        event = by_id[unmatched.system_id]
        article = min(numbers[a] for a in event.article_ids if a in numbers)
        if event.id in trap_of:
            cause = f"on a marked non-event: {trap_of[event.id]}"
        elif event.modality is not Modality.ASSERTED:
            cause = f"not asserted: {event.modality.value}"
        elif event.background:
            cause = "background the gold does not code"
        elif (article, event.plover_type) in matched_types:
            cause = "a second reading of a matched event (split)"
        elif article in missed_articles:
            cause = "beside a missed gold event (probably that event, mistyped or with other actors)"
        else:
            cause = "an event the gold does not code (read the sentence)"
        causes[cause] += 1
    lines = [f"### False events: {len(report.unmatched)} of {report.n_system_events} system events", ""]
    return [*lines, *_table(("cause", "events"), causes), ""]


def misses(report: EvalReport, gold: evaluate.Gold) -> list[str]:
    found_articles = {r.article for r in report.events if r.found}
    by_type: collections.Counter[str] = collections.Counter()
    by_context: collections.Counter[str] = collections.Counter()
    for result, event in zip(report.events, gold.events, strict=True):
        if result.found or not result.required:
            continue
        by_type[event.plover_type or "?"] += 1
        if result.article in found_articles:
            by_context["another event of the article was found"] += 1
        else:
            by_context["nothing of the article was found"] += 1
    total = sum(by_type.values())
    lines = [f"### Required gold events missed: {total}", ""]
    lines += [*_table(("PLOVER type", "missed"), by_type), ""]
    return [*lines, *_table(("context", "missed"), by_context), ""]


def field_errors(report: EvalReport) -> list[str]:
    wrong: collections.Counter[tuple[str, str]] = collections.Counter()
    for result in report.events:
        for check in result.wrong:
            wrong[(check.field, "nothing given" if check.system == "—" else "a wrong value")] += 1
    rows = sorted(
        {field for field, _ in wrong},
        key=lambda f: -(wrong[(f, "nothing given")] + wrong[(f, "a wrong value")]),
    )
    lines = [
        "### Wrong fields of matched events",
        "",
        "| field | nothing given | a wrong value |",
        "|---|---|---|",
    ]
    lines += [f"| {f} | {wrong[(f, 'nothing given')]} | {wrong[(f, 'a wrong value')]} |" for f in rows]
    return [*lines, ""]


def _table(header: tuple[str, str], counts: collections.Counter[str]) -> list[str]:
    lines = [f"| {header[0]} | {header[1]} |", "|---|---|"]
    return lines + [f"| {name} | {count} |" for name, count in counts.most_common()]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
