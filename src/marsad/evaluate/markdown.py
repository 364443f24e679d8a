"""Markdown rendering of an :class:`EvalReport`: summary tables, then every gold event."""

from __future__ import annotations

from marsad.evaluate import traps
from marsad.evaluate.scores import EvalReport, EventResult, LabelScores, Score


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _counts(score: Score) -> str:
    return f"{score.correct} / {score.total}"


def _detection(report: EvalReport) -> list[str]:
    d = report.detection
    return [
        "## Event detection",
        "",
        "| metric | value | counts |",
        "|---|---|---|",
        f"| precision | {_fmt(d.precision)} | {d.tp} matched of {d.tp + d.fp} system events "
        f"({d.fp} unmatched) |",
        f"| recall | {_fmt(d.recall)} | {d.tp} found of {d.required_total + d.optional_found} "
        f"(required + optional found); {d.fn} required missed |",
        f"| recall, required only | {_fmt(d.recall_required)} | {d.required_found} / {d.required_total} |",
        f"| F1 | {_fmt(d.f1)} | |",
        "",
        f"Optional gold events found: {d.optional_found} of {d.optional_total} (credit only; never a miss).",
        "",
    ]


def _traps(report: EvalReport) -> list[str]:
    if not report.traps:
        return []
    lines = [
        "## Marked non-events",
        "",
        "Words the gold marks as looking like an event but reporting none; *taken* means a false "
        "system event was read from them.",
        "",
        "| why | marked | taken |",
        "|---|---|---|",
    ]
    lines += [f"| {why} | {located} | {taken} |" for why, located, taken in traps.by_reason(report.traps)]
    missing = sum(not t.located for t in report.traps)
    if missing:
        lines += ["", f"{missing} marked non-events were not found in their article's text (check the gold)."]
    return [*lines, ""]


def _fields(report: EvalReport) -> list[str]:
    lines = ["## Fields of matched events", "", "| field | accuracy | correct / scored |", "|---|---|---|"]
    for name, score in report.fields.items():
        lines.append(f"| {name} | {_fmt(score.value)} | {_counts(score)} |")
    return [*lines, ""]


def _labels(ls: LabelScores) -> list[str]:
    lines = [
        f"### {ls.field}",
        "",
        f"Accuracy {_fmt(ls.accuracy.value)} ({_counts(ls.accuracy)}), weighted F1 {_fmt(ls.weighted_f1)}.",
        "",
    ]
    if not ls.confusion:
        return lines
    columns = sorted({s for _, s, _ in ls.confusion})
    lines.append("| gold \\ system | " + " | ".join(_cell(c) for c in columns) + " |")
    lines.append("|---" * (len(columns) + 1) + "|")
    counts = {(g, s): n for g, s, n in ls.confusion}
    for gold in sorted({g for g, _, _ in ls.confusion}):
        row = [str(counts.get((gold, c), "")) for c in columns]
        lines.append(f"| {_cell(gold)} | " + " | ".join(row) + " |")
    return [*lines, ""]


def _event(r: EventResult) -> str:
    status = "required" if r.required else "optional"
    head = f"- **{r.gold_id}** (article {r.article}, {status}):"
    if not r.found:
        return f"{head} {'MISSED' if r.required else 'not found (optional)'}"
    line = f"{head} found as `{r.system_id}` (match score {r.match_score:g})"
    if not r.wrong:
        return f"{line}; all {len(r.checks)} checked fields right"
    wrong = "; ".join(f"{c.field} (gold {c.gold!r}, system {c.system!r})" for c in r.wrong)
    return f"{line}; wrong: {wrong}"


def report_markdown(report: EvalReport, *, summary_only: bool = False) -> str:
    """The report as Markdown: detection, fields, label confusions, each gold event, false positives.

    ``summary_only`` stops after the field scores: nothing about single events (for a holdout).
    """
    if summary_only:
        return "\n".join(
            ["# marsad evaluation (summary)", "", *_detection(report), *_traps(report), *_fields(report)]
        )
    lines = [
        "# marsad evaluation",
        "",
        f"Gold: `{report.gold_path}` ({report.gold_format}, {report.n_articles} articles, "
        f"sha256 {report.gold_digest[:12] or 'n/a'}); {report.n_system_events} system events scored.",
        "",
        *_detection(report),
        *_traps(report),
        *_fields(report),
        "## Labels of matched events",
        "",
    ]
    for ls in report.labels:
        lines.extend(_labels(ls))
    lines += ["## Gold events", "", *(_event(r) for r in report.events), ""]
    lines += ["## System events matching no gold event", ""]
    lines += [
        f"- `{u.system_id}` {u.plover_type}: {u.actors} (article {', '.join(map(str, u.articles))})"
        for u in report.unmatched
    ] or ["None."]
    if report.warnings:
        lines += ["", "## Warnings", "", *(f"- {w}" for w in report.warnings)]
    return "\n".join(lines) + "\n"
