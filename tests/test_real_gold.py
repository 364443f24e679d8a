"""The real-news gold sets: complete, well formed, licensed, reproducible, and scored by `make eval`."""

from __future__ import annotations

import json
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

from marsad.evaluate import load_gold

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
SETS = {"real": (150, "r"), "real-holdout": (40, "h")}


def articles(name: str) -> list[dict[str, object]]:
    lines = (ROOT / "eval" / name / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


@pytest.mark.parametrize("name", SETS)
def test_each_set_is_big_enough_and_every_text_is_licensed(name: str) -> None:
    least, _ = SETS[name]
    texts = articles(name)
    assert len(texts) >= least
    for text in texts:
        assert text["licence"] in {"CC BY 2.5, Wikinews contributors", "CC BY-SA 4.0, Wikipedia contributors"}
        assert str(text["url"]).startswith("https://en.wiki")
    readme = (ROOT / "eval" / name / "README.md").read_text(encoding="utf-8")
    assert "Wikipedia contributors" in readme and "CC BY-SA 4.0" in readme.replace(
        "Attribution-ShareAlike", ""
    )


def test_the_development_set_holds_every_wikinews_article_and_a_regional_majority() -> None:
    texts = articles("real")
    assert sum(t["source"] == "Wikinews" for t in texts) == 54
    portal = [t for t in texts if t["source"] != "Wikinews"]
    assert len(portal) >= 100
    categories = {str(t["section"]).split(" > ")[0] for t in portal}
    assert len(categories) == 4, "items from every category of the portal"


def test_the_holdout_shares_no_text_with_the_development_set() -> None:
    dev = {t["body"] for t in articles("real")}
    assert not [t for t in articles("real-holdout") if t["body"] in dev]


@pytest.mark.parametrize("name", SETS)
def test_gold_is_well_formed_and_every_marked_non_event_is_in_its_text(name: str) -> None:
    _, prefix = SETS[name]
    texts = articles(name)
    gold = load_gold(ROOT / "eval" / name / "gold.json")
    assert gold.n_articles == len(texts)
    assert [t["title"] for t in texts] == list(gold.titles)
    assert all(event.id.startswith(f"{prefix}{event.article:03d}") for event in gold.events)
    assert sum(event.required for event in gold.events) >= 40
    assert gold.not_events, "the traps are what make false events countable"
    for trap in gold.not_events:
        assert trap.text in str(texts[trap.article - 1]["body"]), trap
    raw = json.loads((ROOT / "eval" / name / "gold.json").read_text(encoding="utf-8"))
    assert {event.get("modality", "asserted") for event in raw["events"]} <= {
        "asserted",
        "planned",
        "threatened",
    }


def test_make_eval_scores_both_real_sets_against_their_floors() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\neval:", 1)[1].split("\n\n", 1)[0]
    assert "eval/real/gold.json" in recipe and "--floors eval/floors-real.json" in recipe
    assert "eval/real-holdout/gold.json" in recipe and "--floors eval/floors-real-holdout.json" in recipe
    assert "--summary-only" in recipe.split("eval/real-holdout/gold.json", 1)[1].split("\n\t$(BIN)", 1)[0]
    for name in ("floors-real.json", "floors-real-holdout.json"):
        floors = json.loads((ROOT / "eval" / name).read_text(encoding="utf-8"))
        assert {"event_f1", "event_precision", "actor1", "location_25km", "not_events_avoided"} <= set(
            floors["floors"]
        )


def test_pinned_floors_leave_one_scored_item_of_room() -> None:
    pin = runpy.run_path(str(ROOT / "scripts" / "pin_floors.py"))["pinned"]
    assert pin(0.5, 10) == 0.4, "one of ten items is 0.1"
    assert pin(0.5, 1000) == 0.48, "never tighter than 0.02"
    assert pin(0.01) == 0.0


@pytest.mark.skipif(not CORPORA.exists(), reason="needs ../shared/corpora")
def test_the_selection_script_rebuilds_the_committed_texts(tmp_path: Path) -> None:
    script = ROOT / "scripts" / "build_real_eval.py"
    subprocess.run([sys.executable, str(script), "--corpora", str(CORPORA)], cwd=tmp_path, check=True)
    for name in SETS:
        rebuilt = (tmp_path / "eval" / name / "articles.jsonl").read_text(encoding="utf-8")
        assert rebuilt == (ROOT / "eval" / name / "articles.jsonl").read_text(encoding="utf-8")
