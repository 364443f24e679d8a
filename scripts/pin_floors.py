"""Pin evaluation floors from a `marsad eval --json` report.

    python scripts/pin_floors.py eval/report.json eval/floors.json
    python scripts/pin_floors.py eval/geo-report.json eval/floors-geo.json

Each floor is the score less a margin, rounded down to two decimals. The margin is one scored item's worth
of the score (1 / how many items it was computed over), and at least 0.02: on a small set such as the
real-news holdout, one event more or less moves a score by several points, and a floor tighter than that
only trips on noise. A floor is never lowered (the old one is kept) unless
--allow-lower is given; lowering one needs a reason in CHANGELOG.md.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any

MARGIN = 0.02


def pinned(value: float, scored: int | None = None) -> float:
    margin = max(MARGIN, 1 / scored) if scored else MARGIN
    return max(0.0, math.floor((value - margin) * 100) / 100)


def scored_items(report: dict[str, Any]) -> dict[str, int]:
    """How many items each metric of a `marsad eval --json` report was computed over (a `marsad
    eval-geo --json` report says so itself, under "scored")."""
    if "scored" in report:
        return {name: int(count) for name, count in report["scored"].items()}
    d = report["detection"]
    counts = {
        "event_precision": d["system_events"],
        "event_recall": d["required_total"] + d["optional_found"],
        "event_recall_required": d["required_total"],
        "event_f1": min(d["system_events"], d["required_total"] + d["optional_found"]) or 0,
        "not_events_avoided": report.get("traps", {}).get("located", 0),
    }
    counts |= {name: field["total"] for name, field in report.get("fields", {}).items()}
    for name, labels in report.get("labels", {}).items():
        counts[f"{name}_weighted_f1"] = labels["accuracy"]["total"]
    return counts


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__)
        return 2
    report = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    target = Path(argv[1])
    old = json.loads(target.read_text(encoding="utf-8")).get("floors", {}) if target.exists() else {}
    scored = scored_items(report)
    floors = {
        name: pinned(value, scored.get(name))
        for name, value in sorted(report["metrics"].items())
        # shares only: an error in km has no floor (even a median under 1 km)
        if value is not None and value <= 1 and not name.endswith("_km")
    }
    lowered = [name for name, floor in floors.items() if floor < old.get(name, 0)]
    if lowered and "--allow-lower" not in argv:
        print(
            f"keeping the higher old floors of {', '.join(lowered)} "
            "(--allow-lower lowers them; say why in CHANGELOG.md)"
        )
        floors = {name: max(floor, old.get(name, 0)) for name, floor in floors.items()}
    document = {"gold_digest": report["gold"]["digest"], "margin": MARGIN, "floors": floors}
    target.write_text(json.dumps(document, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(floors)} floors pinned in {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
