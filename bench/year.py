"""A year of daily runs into one store (issue 18): does a day's run cost the same on day 365 as on day 1?

Generates a feed of ``--days`` x ``--per-day`` articles (bench/corpus.py, with the density set so that
the feed covers the days: stories of 1-8 reports, towns and weeks redrawn), cuts it in publication
order into ``--days`` daily batches, and runs ``pipeline.run`` on each batch into one SQLite store, in
one process (the model and KB are loaded before day 1, as a long-lived daily job has them). Records
each day's wall-clock seconds, and of those the merge's (``pipeline.merge_new``: the incremental
merge, its lookups in the store and its writes). Writes a Markdown report and the raw figures.

    python bench/year.py                        # 365 days x 100 articles (the issue's year)
    python bench/year.py --per-day 10           # the same year at a tenth of the volume (make bench-year)
    python bench/year.py --days 10 --per-day 10 # a quick check

The targets: the last day costs at most 1.5x the first (each taken as the median of the five days
around it, as other work on a shared machine slows single days down; the single days are reported
too), and the year's total is linear in the articles (the last tenth of the days costs at most 1.5x
the first tenth).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus

from marsad import pipeline
from marsad.store import open_store

HERE = Path(__file__).resolve().parent
MEAN_STORY_SIZE = sum(corpus.STORY_SIZES) / len(corpus.STORY_SIZES)
RATIO_TARGET = 1.5
WINDOW = 5  # days around a reported day whose median stands for it

Result = dict[str, Any]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--days", type=int, default=365, help="daily runs (default 365)")
    parser.add_argument("--per-day", type=int, default=100, help="articles a day (default 100)")
    parser.add_argument("--seed", type=int, default=7, help="corpus seed (default 7)")
    parser.add_argument("--out", type=Path, default=HERE / "year.md", help="report (default bench/year.md)")
    return parser.parse_args(argv)


def say(message: str) -> None:
    sys.stderr.write(f"[year {time.strftime('%H:%M:%S')}] {message}\n")
    sys.stderr.flush()


def daily_batches(days: int, per_day: int, seed: int) -> list[list[Any]]:
    """The feed, in publication order, cut into ``days`` batches of ``per_day`` articles."""
    per_week = max(1, round(per_day * 7 / MEAN_STORY_SIZE))
    articles = corpus.generate(days * per_day, seed=seed, per_week=per_week)
    articles.sort(key=lambda a: (a.published or "", a.id))
    return [articles[day * per_day : (day + 1) * per_day] for day in range(days)]


def run_year(batches: list[list[Any]], folder: Path) -> list[Result]:
    merge_seconds: list[float] = []
    merge_new = pipeline.merge_new

    def timed_merge(*args: Any, **kwargs: Any) -> None:
        started = time.perf_counter()
        merge_new(*args, **kwargs)
        merge_seconds.append(time.perf_counter() - started)

    pipeline.merge_new = timed_merge
    pipeline.analyse([], pipeline.RunOptions())  # load the model, KB and gazetteer before day 1
    days: list[Result] = []
    with open_store(folder / "year.db") as store:
        for number, batch in enumerate(batches, start=1):
            path = corpus.write_jsonl(batch, folder / "day.jsonl")
            started = time.perf_counter()
            report = pipeline.run([str(path)], store)
            seconds = time.perf_counter() - started
            counts = store.counts()
            days.append(
                {
                    "day": number,
                    "published": batch[0].published if batch else None,
                    "articles": report.articles,
                    "seconds": seconds,
                    "merge_s": merge_seconds[-1],
                    "stored_articles": counts["articles"],
                    "stored_mentions": counts["mentions"],
                    "stored_events": counts["events"],
                }
            )
            if number == 1 or number % 30 == 0 or number == len(batches):
                say(
                    f"day {number}: {seconds:.2f} s (merge {merge_seconds[-1]:.2f} s), "
                    f"{counts['articles']} articles, {counts['events']} events stored"
                )
    pipeline.merge_new = merge_new
    return days


def around(days: list[Result], day: int, key: str) -> float:
    """The median of ``key`` over the :data:`WINDOW` days nearest ``day`` (1-based)."""
    low = max(0, min(day - 1 - WINDOW // 2, len(days) - WINDOW))
    return float(statistics.median(d[key] for d in days[low : low + WINDOW]))


def summary(days: list[Result], args: argparse.Namespace) -> Result:
    marks = sorted({1, min(180, len(days)), len(days)})
    tenth = max(1, len(days) // 10)
    first_tenth = sum(d["seconds"] for d in days[:tenth])
    last_tenth = sum(d["seconds"] for d in days[-tenth:])
    result: Result = {
        "days": len(days),
        "per_day": args.per_day,
        "seed": args.seed,
        "articles": sum(d["articles"] for d in days),
        "total_s": sum(d["seconds"] for d in days),
        "merge_total_s": sum(d["merge_s"] for d in days),
        "marks": {
            str(day): {
                "seconds": days[day - 1]["seconds"],
                "merge_s": days[day - 1]["merge_s"],
                "median_seconds": around(days, day, "seconds"),
                "median_merge_s": around(days, day, "merge_s"),
                "stored_articles": days[day - 1]["stored_articles"],
                "stored_events": days[day - 1]["stored_events"],
            }
            for day in marks
        },
        "tenths_ratio": last_tenth / first_tenth if first_tenth else None,
        "load_average": os.getloadavg()[0],
    }
    first, last = result["marks"]["1"], result["marks"][str(len(days))]
    result["last_over_first"] = last["median_seconds"] / first["median_seconds"]
    result["last_over_first_single"] = last["seconds"] / first["seconds"]
    return result


def render(result: Result) -> str:
    lines = [
        "# A year of daily runs",
        "",
        f"`python bench/year.py --days {result['days']} --per-day {result['per_day']}`: "
        f"{result['days']} daily runs of {result['per_day']} generated articles into one SQLite store "
        f"({result['articles']:,} articles in all), each a whole `pipeline.run` (ingest, analysis, "
        "incremental merge, store). A day's cost is the median of the five days around it "
        f"(single days in brackets; load average {result['load_average']:.1f} at the end).",
        "",
        "| day | stored articles | stored events | run s | of which merge s |",
        "|---|---|---|---|---|",
    ]
    for day, mark in result["marks"].items():
        lines.append(
            f"| {day} | {mark['stored_articles']:,} | {mark['stored_events']:,} | "
            f"{mark['median_seconds']:.2f} ({mark['seconds']:.2f}) | "
            f"{mark['median_merge_s']:.3f} ({mark['merge_s']:.3f}) |"
        )
    ok = result["last_over_first"] <= RATIO_TARGET
    linear = result["tenths_ratio"] is not None and result["tenths_ratio"] <= RATIO_TARGET
    lines += [
        "",
        f"Total: {result['total_s'] / 60:.1f} min for the year, "
        f"of which merge {result['merge_total_s']:.0f} s.",
        "",
        f"- {'pass' if ok else 'FAIL'}: the last day costs {result['last_over_first']:.2f}x the first "
        f"(single days: {result['last_over_first_single']:.2f}x; target at most {RATIO_TARGET}x).",
        f"- {'pass' if linear else 'FAIL'}: the last tenth of the days costs "
        f"{result['tenths_ratio']:.2f}x the first tenth (linear total; target at most {RATIO_TARGET}x).",
        "",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    say(f"generating {args.days} x {args.per_day} articles")
    batches = daily_batches(args.days, args.per_day, args.seed)
    say(f"generated in {time.perf_counter() - started:.0f} s; running the days")
    with tempfile.TemporaryDirectory(prefix="marsad-year-") as folder:
        days = run_year(batches, Path(folder))
    result = summary(days, args)
    result["wall_s"] = time.perf_counter() - started
    args.out.write_text(render(result), encoding="utf-8")
    args.out.with_suffix(".json").write_text(
        json.dumps({**result, "daily": days}, indent=2) + "\n", encoding="utf-8"
    )
    ratio, minutes = result["last_over_first"], result["wall_s"] / 60
    say(f"last day {ratio:.2f}x the first; wrote {args.out} in {minutes:.1f} min")
    return 0 if result["last_over_first"] <= RATIO_TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
