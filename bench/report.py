"""Figures from the measurements, the targets of issue 7 with pass/fail, and the Markdown report."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import os
import platform
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

Result = dict[str, Any]

GIB = 1024.0  # MiB per GiB

# Issue 7 and issue 4 targets.
TARGET_RATIO = 0.6  # pipeline throughput / bare-parse throughput
TARGET_REAL_RATIO = 0.5  # the same on real news (issue 13: the learned layer included)
TARGET_RSS_MIB = 2 * GIB
TARGET_PER_CORE = 5.0  # articles/s per core
TARGET_LOAD_S = 2.0  # actor KB + gazetteer load after the first run
TARGET_WALL_S = 15 * 60.0  # the whole `make bench`
TARGET_LINEAR = 1.25  # per-article cost at the largest size / at the smallest: "near linear"
TARGET_PLACES_SHARE = 0.10  # place resolution / bare spaCy parse (issue 14)


@dataclasses.dataclass(frozen=True, slots=True)
class Check:
    name: str
    value: str
    target: str
    ok: bool


def pipeline_seconds(run: Result) -> float:
    """Whole-path seconds of a pipeline run, model loading excluded (the bare parse excludes it too)."""
    keys = ("ingest_s", "store_articles_s", "analyse_s", "store_mentions_s", "store_read_s", "merge_s")
    return float(sum(run[key] for key in keys) + run["store_events_s"])


def peak_mib(run: Result) -> float:
    """A run's peak memory: its own peak RSS, or with workers the peak summed PSS of the process tree.

    Summing each forked worker's peak RSS would count the model pages they share with the parent once per
    process, and add peaks that never coincide (the parent peaks in merge, after the workers are gone).
    """
    own = float(run["peak_rss_mib"])
    if run["workers"] <= 1:
        return own
    if "tree_pss_peak_mib" not in run:
        return own + int(run["workers"]) * float(run["child_peak_rss_mib"])
    return max(own, float(run["tree_pss_peak_mib"]))


def rate(count: float, seconds: float) -> float:
    return count / seconds if seconds > 0 else math.inf


def exponent(points: Sequence[Result], key: str) -> float:
    """Growth exponent b of ``cost ~ n**b`` between the smallest and the largest size (1 = linear)."""
    first, last = points[0], points[-1]
    if first[key] <= 0 or last["articles"] == first["articles"]:
        return math.nan
    return math.log(float(last[key]) / first[key]) / math.log(float(last["articles"]) / first["articles"])


def curve_total(point: Result) -> float:
    keys = ("ingest_s", "analyse_s", "store_writes_s", "store_read_s", "merge_s", "store_events_s")
    return float(sum(point[key] for key in keys))


def per_article_growth(points: Sequence[Result], key: str | None = None) -> float:
    """Per-article cost at the largest size divided by that at the smallest."""

    def cost(point: Result) -> float:
        return (curve_total(point) if key is None else float(point[key])) / float(point["articles"])

    return cost(points[-1]) / cost(points[0]) if cost(points[0]) > 0 else math.nan


def _real_text_checks(results: Result) -> list[Check]:
    real = results.get("real")
    if not real:
        return []
    bare, run = real["bare"], real["pipeline"]
    ratio = rate(run["articles"], pipeline_seconds(run)) / rate(bare["articles"], bare["parse_s"])
    name = f"real text ({real['corpus']}): pipeline / bare parse"
    return [Check(name, f"{ratio:.2f}", f">= {TARGET_REAL_RATIO}", ratio >= TARGET_REAL_RATIO)]


def checks(results: Result) -> list[Check]:
    bare, one = results["bare"], results["pipelines"]["1"]
    ratio = rate(one["articles"], pipeline_seconds(one)) / rate(bare["articles"], bare["parse_s"])
    rss = max(peak_mib(run) for run in results["pipelines"].values())
    per_core = rate(one["articles"], pipeline_seconds(one))
    found = [
        Check(
            "pipeline / bare-parse throughput", f"{ratio:.2f}", f">= {TARGET_RATIO}", ratio >= TARGET_RATIO
        ),
        *_real_text_checks(results),
        Check("peak RSS (worst pipeline run)", f"{rss:.0f} MiB", "<= 2048 MiB", rss <= TARGET_RSS_MIB),
        Check(
            "articles/s per core (1 worker)",
            f"{per_core:.1f}",
            f">= {TARGET_PER_CORE}",
            per_core >= TARGET_PER_CORE,
        ),
        Check(
            "KB + gazetteer load (fresh process, after first run)",
            f"{results['load']['kb_gazetteer_s']:.2f} s",
            f"< {TARGET_LOAD_S} s",
            results["load"]["kb_gazetteer_s"] < TARGET_LOAD_S,
        ),
    ]
    if "places_s" in bare and bare["parse_s"] > 0:
        share = bare["places_s"] / bare["parse_s"]
        found.append(
            Check(
                f"place resolution / bare parse ({bare['toponyms']} place names)",
                f"{share:.1%}",
                f"< {TARGET_PLACES_SHARE:.0%}",
                share < TARGET_PLACES_SHARE,
            )
        )
    found += curve_checks(results.get("curve", {}).get("points", []))
    if "wall_s" in results:
        wall = results["wall_s"]
        found.append(
            Check("whole `make bench` wall time", f"{wall / 60:.1f} min", "< 15 min", wall < TARGET_WALL_S)
        )
    return found


def curve_checks(points: Sequence[Result]) -> list[Check]:
    """Near-linear cost: per-article cost at the largest size vs the smallest, whole path and merge."""
    if len(points) < 2:
        return []
    span = f"{points[-1]['articles']} vs {points[0]['articles']}"
    growth = per_article_growth(points)
    # A quadratic stage gives x(8k/1k) = x8 per article; merge gets the same slack as the whole path.
    whole = Check(
        f"cost per article, {span}", f"x{growth:.2f}", f"<= x{TARGET_LINEAR}", growth <= TARGET_LINEAR
    )
    return [whole, merge_check(points)]


def merge_check(points: Sequence[Result]) -> Check:
    """Near-linear merge: its per-article cost at the largest size vs the smallest."""
    growth = per_article_growth(points, "merge_s")
    name = f"merge cost per article, {points[-1]['articles']} vs {points[0]['articles']}"
    return Check(name, f"x{growth:.2f}", f"<= x{TARGET_LINEAR}", growth <= TARGET_LINEAR)


def merge_table(points: Sequence[Result]) -> str:
    """``run.py --merge-only``: merge time by corpus size, with how many articles tell each event."""
    header = ("articles", "mentions", "events", "articles per event", "largest event (articles)")
    header += ("merge s", "merge s per 1k articles")
    rows = [
        (
            p["articles"],
            p["mentions"],
            p["events"],
            f"{p['articles_per_event']:.2f}",
            p["largest_event_articles"],
            f"{p['merge_s']:.2f}",
            f"{1000 * p['merge_s'] / p['articles']:.2f}",
        )
        for p in points
    ]
    note = (
        f"\nGrowth exponent of merge (cost ~ n^b): b = {exponent(points, 'merge_s'):.2f}\n" if points else ""
    )
    return _table(header, rows) + note


def machine(model_meta: Result) -> Result:
    """What the figures were measured on."""
    cpu = next(
        (line.split(":", 1)[1].strip() for line in _lines("/proc/cpuinfo") if line.startswith("model name")),
        platform.processor() or "unknown",
    )
    mem_kib = next(
        (int(line.split()[1]) for line in _lines("/proc/meminfo") if line.startswith("MemTotal")), 0
    )
    return {
        "cpu": cpu,
        "cores": len(os.sched_getaffinity(0)),
        "ram_gib": round(mem_kib / 1024 / 1024, 1),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": _commit(),
        **model_meta,
    }


def _lines(path: str) -> list[str]:
    try:
        return Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return []


def _commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True, timeout=10
        )
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return out.stdout.strip() + (" (uncommitted changes)" if dirty.stdout.strip() else "")


def render(results: Result) -> str:
    """The Markdown report: machine, targets, then every figure."""
    curve = results.get("curve", {})
    parts = [
        "# marsad throughput benchmark\n",
        "Written by `make bench` (`bench/run.py`); see bench/README.md for what is measured and how.\n",
        _machine_table(results["machine"], results),
        _checks_table(checks(results)),
        _throughput_table(results),
        _stages_table(results),
        _curve_table(curve.get("points", []), curve.get("reused_articles", 0)),
        _load_table(results["load"]),
    ]
    return "\n".join(part for part in parts if part)


def _table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _machine_table(info: Result, results: Result) -> str:
    rows = [
        ("CPU", info["cpu"]),
        ("cores available", info["cores"]),
        ("RAM", f"{info['ram_gib']} GiB"),
        ("OS", info["os"]),
        ("Python", info["python"]),
        ("spaCy", info["spacy"]),
        ("model", f"{info['model']} {info['model_version']} (pipes: {', '.join(info['pipes'])})"),
        ("marsad", f"{info['marsad']} at {info['commit']}"),
        ("date", info["date"]),
        ("corpus", f"{results['articles']} articles generated from examples/ (seed {results['seed']})"),
        ("threads", "BLAS/OpenMP pinned to 1 thread per process (OMP/OPENBLAS/MKL_NUM_THREADS=1)"),
        (
            "load average (1 min) at start / end",
            " / ".join(f"{x:.2f}" for x in results.get("load_average", [])),
        ),
    ]
    return "## Machine\n\n" + _table(("", ""), rows)


def _checks_table(found: Sequence[Check]) -> str:
    rows = [(c.name, c.value, c.target, "pass" if c.ok else "**FAIL**") for c in found]
    return "## Targets\n\n" + _table(("figure", "measured", "target", ""), rows)


def _throughput_table(results: Result) -> str:
    bare = results["bare"]
    rows: list[tuple[object, ...]] = [
        (
            "bare spaCy parse (same model + entity ruler)",
            1,
            bare["articles"],
            f"{bare['parse_s']:.1f}",
            f"{rate(bare['articles'], bare['parse_s']):.1f}",
            f"{rate(bare['words'], bare['parse_s']):.0f}",
            "1.00",
            f"{bare['peak_rss_mib']:.0f}",
        )
    ]
    base = rate(bare["articles"], bare["parse_s"])
    rows += [_run_row(run, base) for _, run in sorted(results["pipelines"].items(), key=lambda i: int(i[0]))]
    note = (
        "\nModel loading is excluded from both (it is timed apart under *Loading*). "
        "The bare parse reads the bodies straight from the JSONL file; "
        "the pipeline reads the same file through `marsad.ingest`.\n"
    )
    table = _table(_THROUGHPUT_HEADER, rows)
    return "## Throughput (same text, same run)\n\n" + table + note + _workers_note(results)


_THROUGHPUT_HEADER = (
    "run",
    "workers",
    "articles",
    "seconds",
    "articles/s",
    "words/s",
    "vs bare parse",
    "peak RSS MiB",
)
_CURVE_HEADER = (
    "articles", "words", "mentions", "events", "ingest s", "analyse s", "merge s", "store s", "total s",
    "s per 1k articles", "merge s per 1k",
)  # fmt: skip


def _run_row(run: Result, base: float) -> tuple[object, ...]:
    seconds = pipeline_seconds(run)
    rss = f"{peak_mib(run):.0f}"
    if run["workers"] > 1:
        rss += f" (own {run['peak_rss_mib']:.0f}; each worker {run['child_peak_rss_mib']:.0f})"
    workers = run["workers"]
    return (
        f"whole pipeline, JSONL file to events ({workers} worker{'s' if workers > 1 else ''})",
        workers,
        run["articles"],
        f"{seconds:.1f}",
        f"{rate(run['articles'], seconds):.1f}",
        f"{rate(run['words'], seconds):.0f}",
        f"{rate(run['articles'], seconds) / base:.2f}",
        rss,
    )


def _curve_row(p: Result) -> tuple[object, ...]:
    total = curve_total(p)
    return (
        p["articles"],
        p["words"],
        p["mentions"],
        p["events"],
        f"{p['ingest_s']:.2f}",
        f"{p['analyse_s']:.1f}",
        f"{p['merge_s']:.2f}",
        f"{p['store_writes_s'] + p['store_read_s'] + p['store_events_s']:.2f}",
        f"{total:.1f}",
        f"{1000 * total / p['articles']:.1f}",
        f"{1000 * p['merge_s'] / p['articles']:.2f}",
    )


def _workers_note(results: Result) -> str:
    runs = results["pipelines"]
    if "1" not in runs or len(runs) < 2:
        return ""
    one = pipeline_seconds(runs["1"])
    lines = []
    for workers, run in sorted(runs.items(), key=lambda item: int(item[0])):
        if workers == "1":
            continue
        whole, analyse = one / pipeline_seconds(run), runs["1"]["analyse_s"] / run["analyse_s"]
        lines.append(f"- {workers} workers vs 1: whole path x{whole:.2f}, analyse stage x{analyse:.2f}")
    return "\n" + "\n".join(lines) + "\n"


def _stages_table(results: Result) -> str:
    stages = (
        "load_s",
        "ingest_s",
        "store_articles_s",
        "analyse_s",
        "store_mentions_s",
        "store_read_s",
        "merge_s",
        "store_events_s",
    )
    runs = sorted(results["pipelines"].items(), key=lambda item: int(item[0]))
    rows = [(stage.removesuffix("_s"), *(f"{run[stage]:.2f}" for _, run in runs)) for stage in stages]
    rows.append(("(mentions / events)", *(f"{run['mentions']} / {run['events']}" for _, run in runs)))
    rows.append(("CPU seconds (all processes)", *(f"{run['cpu_s']:.1f}" for _, run in runs)))
    for stage in ("ingest", "analyse", "merge"):
        row = (f"{run.get('rss_after', {}).get(stage, math.nan):.0f}" for _, run in runs)
        rows.append((f"peak RSS of the main process after {stage} (MiB)", *row))
    header = ("stage (seconds)", *(f"{w} worker{'s' if int(w) > 1 else ''}" for w, _ in runs))
    return "## Time per stage\n\n" + _table(header, rows)


def _curve_table(points: Sequence[Result], reused: int = 0) -> str:
    if not points:
        return ""
    rows = [_curve_row(point) for point in points]
    note = (
        "\nGrowth exponent (cost ~ n^b, smallest to largest): "
        f"whole path b = {exponent(_totals(points), 't'):.2f}, "
        f"merge b = {exponent(points, 'merge_s'):.2f}, ingest b = {exponent(points, 'ingest_s'):.2f} "
        "(1 = linear, 2 = quadratic). Analyse time at n is the time spent on the first n articles "
        "of one pass over the largest corpus (analyse keeps no state across articles); "
        "ingest, store and merge run once per size.\n"
    )
    if reused:
        note += (
            f"The first {reused} articles were analysed by the 1-worker pipeline run above (same articles, "
            "same options, so the same mentions); their analyse times are that run's.\n"
        )
    return "## Cost curve (1 worker)\n\n" + _table(_CURVE_HEADER, rows) + note


def _totals(points: Sequence[Result]) -> list[Result]:
    return [{"articles": p["articles"], "t": curve_total(p)} for p in points]


def _load_table(load: Result) -> str:
    rows = [
        ("import marsad + actor KB module", f"{load['import_s']:.2f}"),
        ("spaCy model + entity ruler (`marsad.nlp.load`)", f"{load['nlp_s']:.2f}"),
        ("actor KB + gazetteer (`marsad.resolve.load_resolver`)", f"{load['kb_gazetteer_s']:.2f}"),
    ]
    first = load.get("first_kb_gazetteer_s")
    if first is not None:
        rows.append(("same, first run of the bench (may build the gazetteer cache)", f"{first:.2f}"))
    return "## Loading (fresh process, after the first run)\n\n" + _table(("what", "seconds"), rows)
