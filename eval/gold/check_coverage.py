"""Print how many gold events and articles cover each ACLED sub-event type and PLOVER type.

Run from the repository root: ``python eval/gold/check_coverage.py [eval/gold/gold.json]``.
It loads the file with ``marsad.evaluate.load_gold`` first, so a malformed gold file fails here too.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from marsad.evaluate import load_gold
from marsad.evaluate.ontology import ACLED_SUB_EVENT_TYPES, PLOVER_FAMILIES

MIN_ACLED_ARTICLES = 3
MIN_PLOVER_ARTICLES = 4


def _is_core(event: dict[str, Any]) -> bool:
    """A required event that happened at the article's time (not background, not planned)."""
    required = event.get("status", "required") == "required"
    return required and not event.get("background") and not event.get("planned")


def _empty() -> dict[str, set[Any]]:
    return {"all": set(), "core": set(), "articles": set()}


def _tally(events: list[dict[str, Any]], key: tuple[str, str]) -> dict[str, dict[str, set[Any]]]:
    """Per label: all event ids, ids of core events (see _is_core), article numbers."""
    out: dict[str, dict[str, set[Any]]] = defaultdict(_empty)
    for event in events:
        label = event.get(key[0], {}).get(key[1])
        if not label:
            continue
        row = out[label]
        row["all"].add(event["id"])
        row["articles"].add(event["article"])
        if _is_core(event):
            row["core"].add(event["id"])
    return out


def _table(title: str, labels: list[str], tally: dict[str, dict[str, set[Any]]], floor: int) -> list[str]:
    lines = [f"| {title} | events | required current | articles |", "|---|---|---|---|"]
    short: list[str] = []
    for label in labels:
        row = tally.get(label, _empty())
        mark = "" if len(row["articles"]) >= floor else " **(below floor)**"
        lines.append(f"| {label} | {len(row['all'])} | {len(row['core'])} | {len(row['articles'])}{mark} |")
        if len(row["articles"]) < floor:
            short.append(label)
    return lines + [""] + ([f"below {floor} articles: {', '.join(short)}", ""] if short else [])


def main(path: str = "eval/gold/gold.json") -> int:
    gold = load_gold(path)
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    events = data["events"]
    required = sum(1 for e in events if e.get("status", "required") == "required")
    lines = [
        f"{gold.n_articles} articles, {len(gold.events)} gold events ({required} required, "
        f"{len(gold.events) - required} optional), "
        f"{sum(1 for e in events if e.get('background'))} background, "
        f"{sum(1 for e in events if e.get('planned'))} planned, {len(data.get('not_events', []))} not_events",
        "",
    ]
    acled_labels = [sub for subs in ACLED_SUB_EVENT_TYPES.values() for sub in subs]
    acled = _tally(events, ("acled", "sub_event_type"))
    lines += _table("ACLED sub-event type", acled_labels, acled, MIN_ACLED_ARTICLES)
    plover = _tally(events, ("plover", "type"))
    lines += _table("PLOVER type", list(PLOVER_FAMILIES), plover, MIN_PLOVER_ARTICLES)
    sys.stdout.write("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:2]))
