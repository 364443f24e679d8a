"""States worldwide in the actor KB, generated from data/actors/countries.tsv; outlets' spellings of IS."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from marsad.resolve.actors import DATA_DIR, load_kb

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Greek police", "Police Forces of Greece"),
        ("the Serbian government", "Government of Serbia"),
        ("Polish troops", "Military Forces of Poland"),
        ("Filipino soldiers", "Military Forces of the Philippines"),
        ("the Chilean army", "Military Forces of Chile"),
        ("Nigerian police", "Police Forces of Nigeria"),
        ("Isis", "Islamic State"),
        ("Isil", "Islamic State"),
    ],
)
def test_states_of_the_world_and_group_spellings_resolve(text: str, label: str) -> None:
    ref = load_kb().resolve(text)
    assert ref.resolved and ref.label == label, ref


def test_a_lowercase_word_is_still_not_an_acronym() -> None:
    assert not load_kb().resolve("is").resolved


def test_generated_states_keep_the_ids_of_other_actors() -> None:
    kb = load_kb()
    assert [a.id for a in kb.lookup("Greece")] == ["gr"]
    # A code taken by another actor ("au" is the African Union) gives the state another id.
    assert kb.get("au") is not None and kb.get("au").kind == "organisation"  # type: ignore[union-attr]
    australia = kb.lookup("Australia")
    assert [a.kind for a in australia] == ["state"]


def test_generated_file_matches_the_country_list(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("gen_states", ROOT / "scripts" / "gen_states.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["gen_states"] = module
    spec.loader.exec_module(module)
    module.TARGET = tmp_path / "states_world.jsonl"
    module.main()
    committed = (DATA_DIR / "states_world.jsonl").read_text(encoding="utf-8")
    assert module.TARGET.read_text(encoding="utf-8") == committed, "rerun python scripts/gen_states.py"
