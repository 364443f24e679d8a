"""Pin evaluation floors from a `marsad eval --json` report.

    python scripts/pin_floors.py eval/report.json eval/floors.json

Each floor is the score less a margin of 0.02 (one event more or less moves a score on our gold set by
about 0.005), rounded down to two decimals. A floor is never lowered (the old one is kept) unless
--allow-lower is given; lowering one needs a reason in CHANGELOG.md.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

MARGIN = 0.02


def pinned(value: float) -> float:
    return max(0.0, math.floor((value - MARGIN) * 100) / 100)


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__)
        return 2
    report = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    target = Path(argv[1])
    old = json.loads(target.read_text(encoding="utf-8")).get("floors", {}) if target.exists() else {}
    floors = {name: pinned(value) for name, value in sorted(report["metrics"].items()) if value is not None}
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
