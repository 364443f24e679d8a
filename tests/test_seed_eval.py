"""The real seed against the analyst's reading, end to end through `marsad eval`.

Optional: ../shared is not part of a fresh clone, so these skip when it is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad import evaluation_run

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seeds" / "000_a3f4366af1a88a72.txt"
GOLD = SHARED / "gold" / "seed-events.json"

pytestmark = pytest.mark.skipif(not (SEED.exists() and GOLD.exists()), reason="../shared is not here")


@pytest.fixture(scope="module")
def scores() -> dict[str, object]:
    return evaluation_run.run_eval(str(GOLD), [str(SEED)], published="2026-01-12").scores


def test_every_required_seed_event_is_found(scores: dict[str, object]) -> None:
    metrics = scores["metrics"]
    assert isinstance(metrics, dict)
    assert metrics["event_recall_required"] == 1.0


def test_background_events_are_flagged(scores: dict[str, object]) -> None:
    events = {event["id"]: event for event in scores["events"]}  # type: ignore[attr-defined]
    for gold_id in ("1g", "2d", "3d"):
        assert events[gold_id]["found"], gold_id
        (check,) = [c for c in events[gold_id]["checks"] if c["field"] == "background"]
        assert check["correct"], gold_id
    dates = {c["field"]: c for c in events["1g"]["checks"]}
    assert dates["date_exact"]["system"] == "2020 (year)", "a recalled event keeps its own date"


def test_floors_are_checked(tmp_path: Path) -> None:
    result = evaluation_run.run_eval(str(GOLD), [str(SEED)], published="2026-01-12")
    strict = tmp_path / "floors.json"
    strict.write_text(json.dumps({"floors": {"event_recall_required": 1.0, "event_precision": 1.01}}))
    assert evaluation_run.check_floors(result, str(strict)) == [
        f"event_precision: {result.scores['metrics']['event_precision']:.3f} is below floor 1.010"  # type: ignore[index]
    ]
