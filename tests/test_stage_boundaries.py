"""The layout shows the pipeline: a stage talks to another through what it is handed, never by importing
its internals. Extract in particular is handed the actor KB (``actors=``) and asks it questions."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from spacy.language import Language

from marsad.extract import ActorNames, extract, propose
from marsad.records import Article
from marsad.resolve import load_actor_names

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "marsad"
# Which other stages each pipeline stage may import. merge reads its learned pair scorer from learn, where
# every learned part lives with its data and card.
MAY_IMPORT = {"ingest": set(), "extract": set(), "resolve": set(), "merge": {"learn"}}
STAGES = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}


def _stages_imported(stage: str) -> set[str]:
    found: set[str] = set()
    for path in (PACKAGE / stage).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            names += [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            found |= {n.split(".")[1] for n in names if n.startswith("marsad.") and n.count(".") >= 1}
    return (found & STAGES) - {stage}


@pytest.mark.parametrize("stage", sorted(MAY_IMPORT))
def test_a_stage_imports_no_other_stage(stage: str) -> None:
    assert _stages_imported(stage) <= MAY_IMPORT[stage]


class _Recording:
    """The real KB, noting each question extract asks of it."""

    def __init__(self, names: ActorNames) -> None:
        self.names = names
        self.asked: list[tuple[str, str]] = []

    def knows(self, text: str) -> bool:
        self.asked.append(("knows", text))
        return self.names.knows(text)

    def kind_of(self, text: str) -> str | None:
        self.asked.append(("kind_of", text))
        return self.names.kind_of(text)

    def organisation_of(self, person: str, *, on: str | None) -> str | None:
        self.asked.append(("organisation_of", person))
        return self.names.organisation_of(person, on=on)


TEXT = (
    "Israeli forces raided the town of Qabatiya on Monday. Troops arrested three men, the Palestinian "
    "Health Ministry said. Defence Minister Yoav Gallant said the raid would go on."
)


def test_extract_asks_the_kb_it_is_handed(nlp: Language) -> None:
    article = Article(id="a_kb", title="Raid", body=TEXT, published="2024-05-06")
    recording = _Recording(load_actor_names())
    asked = extract(nlp(TEXT), article, actors=recording)
    assert recording.asked  # the rules' questions went to the KB handed in
    assert asked == extract(nlp(TEXT), article, actors=load_actor_names())


def test_extract_without_a_kb_says_how_to_hand_one(nlp: Language) -> None:
    from marsad.extract.anaphora import refer_back

    with pytest.raises(RuntimeError, match="pass actors="):
        refer_back("troops", {})
    assert propose(nlp(TEXT), Article(id="a", title="", body=TEXT), actors=load_actor_names()).mentions
