"""Codebook tests for marsad.extract: one sentence of ours in, the expected fact out.

The cases live in tests/fixtures/extract/codebook.jsonl (see its header for the keys).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from marsad.extract import ExtractResult, extract
from marsad.records import Article, Mention
from marsad.resolve import load_actor_names

CASES_FILE = Path(__file__).parent / "fixtures" / "extract" / "codebook.jsonl"


def _cases() -> list[dict[str, Any]]:
    lines = CASES_FILE.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip() and not line.startswith("//")]


CASES = _cases()


def run(nlp: Language, text: str) -> tuple[Article, ExtractResult]:
    article = Article(id="a_codebook", title="Codebook case", body=text)
    return article, extract(nlp(text), article, actors=load_actor_names())


def _pick(result: ExtractResult, expect: dict[str, Any]) -> Mention:
    candidates = [m for m in result.mentions if m.plover_type == expect["type"]]
    if "trigger" in expect:
        candidates = [m for m in candidates if m.trigger == expect["trigger"]]
    found = [(m.plover_type, m.trigger) for m in result.mentions]
    assert candidates, f"no {expect['type']} mention (trigger {expect.get('trigger')}); found {found}"
    return candidates[0]


def _texts(refs: tuple[Any, ...]) -> list[str]:
    return [r.text.lower() for r in refs]


def _check_actors(mention: Mention, expect: dict[str, Any]) -> None:
    for role in ("actor1", "actor2"):
        for text in expect.get(role, []):
            assert text.lower() in _texts(getattr(mention, role)), (
                f"{role} {text!r} not in {getattr(mention, role)}"
            )
        for text in expect.get(f"not_{role}", []):
            assert text.lower() not in _texts(getattr(mention, role)), (
                f"{role} {text!r} must not be an actor: {getattr(mention, role)}"
            )


def _check_figures(mention: Mention, expect: dict[str, Any]) -> None:
    for kind, (low, high) in expect.get("figures", {}).items():
        figures = [f for f in mention.figures if f.kind.value == kind]
        assert figures, f"no {kind} figure in {mention.figures}"
        assert (figures[0].low, figures[0].high) == (low, high), figures[0]
        claim_figures = [f for c in mention.claims for f in c.figures if f.kind.value == kind]
        assert claim_figures, "every figure is also a claim"


def _check_claim(mention: Mention, expect: dict[str, Any]) -> None:
    claim = mention.claims[0]
    if "source" in expect:
        assert claim.source == expect["source"]
    if "source_kind" in expect:
        assert claim.source_kind == expect["source_kind"]
    if "source_org" in expect:
        assert claim.source_org == expect["source_org"]


def _check_scalars(mention: Mention, expect: dict[str, Any]) -> None:
    if "mode" in expect:
        assert mention.plover_mode == expect["mode"]
    if "acled" in expect:
        assert [mention.acled_event_type, mention.acled_sub_event_type] == expect["acled"]
    if "modality" in expect:
        assert mention.modality.value == expect["modality"]
    if "background" in expect:
        assert mention.background is expect["background"]
    if "date" in expect:
        assert mention.date.text == expect["date"]
    if "place" in expect and expect["place"] is None:
        assert mention.place is None, mention.place  # a place the event came from is not its place
    elif "place" in expect:
        assert mention.place is not None and mention.place.text == expect["place"], mention.place
    for weapon in expect.get("weapons", []):
        assert any(weapon.lower() in w.lower() for w in mention.weapons), mention.weapons
    for name in expect.get("named", []):
        assert name in mention.named_casualties, mention.named_casualties


def _check_evidence(article: Article, result: ExtractResult) -> None:
    for mention in result.mentions:
        ev = mention.evidence
        assert ev.text == article.body[ev.start : ev.end]
        assert ev.sentence_start is not None and ev.sentence_end is not None
        assert ev.sentence_start <= ev.start <= ev.end <= ev.sentence_end
        for claim in mention.claims:
            assert claim.evidence is not None
            assert claim.evidence.text == article.body[claim.evidence.start : claim.evidence.end]


@pytest.mark.model
@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_codebook(nlp: Language, case: dict[str, Any]) -> None:
    article, result = run(nlp, case["text"])
    expect = case["expect"]
    _check_evidence(article, result)
    if expect.get("no_event"):
        assert not result.mentions, [(m.plover_type, m.trigger) for m in result.mentions]
    if "no_type" in expect:
        assert not [m for m in result.mentions if m.plover_type == expect["no_type"]]
    for trigger in expect.get("no_trigger", []):
        assert not [m for m in result.mentions if m.trigger == trigger], trigger
    if "rejected" in expect:
        assert any(expect["rejected"] in r.reason and r.stage == "extract" for r in result.rejections)
    if "type" not in expect:
        return
    mention = _pick(result, expect)
    _check_actors(mention, expect)
    _check_figures(mention, expect)
    _check_claim(mention, expect)
    _check_scalars(mention, expect)


def test_codebook_covers_every_plover_type() -> None:
    types = {c["expect"].get("type") for c in CASES}
    plover = (
        "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN PROTEST SANCTION"
    )
    assert set(f"{plover} MOBILIZE COERCE ASSAULT".split()) <= types


def test_codebook_has_enough_cases() -> None:
    assert len(CASES) >= 200
