"""Render an :class:`EvalReport` as JSON-ready dict or Markdown; check it against floors."""

from __future__ import annotations

import logging
from typing import Any

from marsad.evaluate import traps
from marsad.evaluate.scores import EvalReport, EventResult, LabelScores, Score

log = logging.getLogger(__name__)

DIGITS = 4  # rounding of scores in JSON, so reports are byte-stable


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, DIGITS)


def _score(score: Score) -> dict[str, Any]:
    return {"value": _round(score.value), "correct": score.correct, "total": score.total}


def metrics(report: EvalReport) -> dict[str, float | None]:
    """The flat name -> value table that floors are pinned against."""
    d = report.detection
    flat: dict[str, float | None] = {
        "event_precision": _round(d.precision),
        "event_recall": _round(d.recall),
        "event_recall_required": _round(d.recall_required),
        "event_f1": _round(d.f1),
    }
    flat.update({name: _round(score.value) for name, score in report.fields.items()})
    flat.update({f"{ls.field}_weighted_f1": _round(ls.weighted_f1) for ls in report.labels})
    if report.traps:
        flat["not_events_avoided"] = _round(traps.avoided_share(report.traps))
    return flat


def _labels(ls: LabelScores) -> dict[str, Any]:
    return {
        "accuracy": _score(ls.accuracy),
        "weighted_f1": _round(ls.weighted_f1),
        "confusion": [{"gold": g, "system": s, "count": n} for g, s, n in ls.confusion],
    }


def _event(r: EventResult) -> dict[str, Any]:
    return {
        "id": r.gold_id,
        "article": r.article,
        "status": "required" if r.required else "optional",
        "found": r.found,
        "system_id": r.system_id,
        "match_score": r.match_score,
        "checks": [
            {"field": c.field, "correct": c.correct, "gold": c.gold, "system": c.system} for c in r.checks
        ],
        "wrong": sorted({c.field for c in r.wrong}),
    }


def report_json(report: EvalReport, *, summary_only: bool = False) -> dict[str, Any]:
    """The whole report as plain JSON-ready data (dump with ``sort_keys=True``).

    ``summary_only`` leaves out everything about single gold events (which event, which field, which
    words): for a holdout, whose scores are published but whose cases nobody should tune on.
    """
    whole = _report_json(report)
    if summary_only:
        for key in ("events", "unmatched", "not_events", "warnings"):
            whole.pop(key)
        for labels in whole["labels"].values():
            labels.pop("confusion")
    return whole


def _report_json(report: EvalReport) -> dict[str, Any]:
    d = report.detection
    return {
        "gold": {
            "path": report.gold_path,
            "format": report.gold_format,
            "digest": report.gold_digest,
            "articles": report.n_articles,
        },
        "metrics": metrics(report),
        "detection": {
            "tp": d.tp,
            "fp": d.fp,
            "fn": d.fn,
            "required_found": d.required_found,
            "required_total": d.required_total,
            "optional_found": d.optional_found,
            "optional_total": d.optional_total,
            "system_events": report.n_system_events,
            "precision": _round(d.precision),
            "recall": _round(d.recall),
            "recall_required": _round(d.recall_required),
            "f1": _round(d.f1),
        },
        "fields": {name: _score(score) for name, score in report.fields.items()},
        "labels": {ls.field: _labels(ls) for ls in report.labels},
        "events": [_event(r) for r in report.events],
        "unmatched": [
            {
                "system_id": u.system_id,
                "plover_type": u.plover_type,
                "actors": u.actors,
                "articles": list(u.articles),
            }
            for u in report.unmatched
        ],
        "traps": {
            "located": sum(t.located for t in report.traps),
            "taken": sum(t.taken for t in report.traps),
            "by_reason": {why: {"located": n, "taken": k} for why, n, k in traps.by_reason(report.traps)},
        },
        "not_events": [
            {
                "article": t.article,
                "text": t.text,
                "why": t.why,
                "located": t.located,
                "taken_by": list(t.taken_by),
            }
            for t in report.traps
        ],
        "warnings": list(report.warnings),
    }


def floors_check(report_json: dict[str, Any], floors: dict[str, Any]) -> list[str]:
    """The floors a report falls below, as messages; empty when every floor holds.

    ``floors`` maps metric names (keys of ``report_json["metrics"]``) to minimum values,
    either directly or under a ``"floors"`` key next to an optional ``"gold_digest"``,
    which must then equal the report's gold digest (the floors were set on that gold).
    A metric that is missing or has nothing scored (null) violates its floor.
    """
    table = floors.get("floors", floors) if isinstance(floors.get("floors"), dict) else floors
    values = report_json.get("metrics", {})
    violations: list[str] = []
    digest = floors.get("gold_digest")
    if isinstance(digest, str) and digest != report_json.get("gold", {}).get("digest"):
        violations.append("gold_digest: the gold file changed since the floors were pinned; re-pin them")
    for name, floor in sorted(table.items()):
        if name == "gold_digest":
            continue
        if isinstance(floor, bool) or not isinstance(floor, int | float):
            violations.append(f"{name}: floor {floor!r} is not a number")
        elif name not in values:
            violations.append(f"{name}: no such metric in the report (known: {', '.join(sorted(values))})")
        elif values[name] is None:
            violations.append(f"{name}: nothing was scored, below floor {floor:.3f}")
        elif values[name] < floor:
            violations.append(f"{name}: {values[name]:.3f} is below floor {floor:.3f}")
    return violations
