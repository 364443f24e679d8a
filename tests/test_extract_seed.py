"""The seed dump from ../shared, read without the ingest stage: every required event of the analyst's
reading must be found (skipped when ../shared is absent, as it is for a fresh user).

Run ``python tests/fixtures/extract/run_seed.py <seed>`` to print every mention.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language

from marsad.extract import ExtractResult, extract
from marsad.records import Article, Claim, Mention, content_id
from marsad.resolve import load_actor_names

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "extract"))
from seed_split import split_seed

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_a3f4366af1a88a72.txt"
US = ("us", "american", "pentagon", "us military", "washington", "united states")

pytestmark = [
    pytest.mark.model,
    pytest.mark.skipif(not SEED.exists(), reason="../shared seed not present"),
]


@pytest.fixture(scope="module")
def seed(nlp: Language) -> list[tuple[Article, ExtractResult]]:
    out = []
    for title, body in split_seed(SEED):
        article = Article(id=content_id(title, body, prefix="a_"), title=title, body=body)
        out.append((article, extract(nlp(body), article, actors=load_actor_names())))
    return out


def _actor(mention: Mention, role: str, words: tuple[str, ...]) -> bool:
    texts = [a.text.lower() for a in getattr(mention, role)]
    return any(w in t for t in texts for w in words)


def _find(result: ExtractResult, test: Callable[[Mention], bool]) -> list[Mention]:
    return [m for m in result.mentions if test(m)]


def _claims(result: ExtractResult) -> list[Claim]:
    return [c for m in result.mentions if m.plover_type == "ASSAULT" and not m.background for c in m.claims]


def _killed(claim: Claim) -> tuple[int | None, int | None] | None:
    return next(((f.low, f.high) for f in claim.figures if f.kind.value == "killed"), None)


def test_evidence_and_captions(seed: list[tuple[Article, ExtractResult]]) -> None:
    assert len(seed) == 4
    for article, result in seed:
        for m in result.mentions:
            assert m.evidence.text == article.body[m.evidence.start : m.evidence.end]
            assert "ambulance is parked" not in m.evidence.text


def test_1a_the_strike(seed: list[tuple[Article, ExtractResult]]) -> None:
    _, result = seed[0]
    strike = _find(
        result, lambda m: m.plover_type == "ASSAULT" and not m.background and _actor(m, "actor1", US)
    )
    assert any(_actor(m, "actor2", ("nujaba", "al-saidi")) for m in strike)
    assert any(m.acled_sub_event_type == "Air/drone strike" for m in strike)
    claims = _claims(result)
    ryder = [c for c in claims if "Ryder" in c.source and c.source_org == "Pentagon"]
    assert any(_killed(c) == (2, 2) for c in ryder)
    assert any(c.source == "Police and militia sources" and _killed(c) == (4, 4) for c in claims)
    informed = [c for c in claims if c.source == "Informed sources"]
    assert any(
        _killed(c) == (2, 2) and any(f.kind.value == "injured" and f.low == 7 for f in c.figures)
        for c in informed
    )
    assert any("four missiles" in c.weapons for c in informed)
    witnesses = [c for c in claims if c.source == "Iraqi police sources and witnesses"]
    assert any("at least two rockets" in c.weapons and "drone" in c.weapons for c in witnesses)
    pmf = _find(result, lambda m: any("Popular Mobilization" in c.source for c in m.claims))
    assert any("Abu Taqwa" in m.named_casualties for m in pmf)
    assert any("Mushtaq Taleb al-Saidi" in m.named_casualties for m in result.mentions)
    assert any("aggregate" in r.reason and "100 times" in (r.text or "") for r in result.rejections)


def test_1b_1c_1d(seed: list[tuple[Article, ExtractResult]]) -> None:
    _, result = seed[0]
    assert _find(result, lambda m: m.plover_type == "COERCE" and _actor(m, "actor1", ("nujaba",)))
    threats = _find(result, lambda m: m.plover_type == "THREATEN" and _actor(m, "actor1", ("nujaba",)))
    assert threats and all(m.modality.value == "threatened" for m in threats)
    assert any(_actor(m, "actor2", US) for m in threats)
    accuse = _find(
        result, lambda m: m.plover_type == "ACCUSE" and _actor(m, "actor1", ("iraqi foreign ministry",))
    )
    assert any(_actor(m, "actor2", US) for m in accuse)


def test_1g_recalled_2020_killing(seed: list[tuple[Article, ExtractResult]]) -> None:
    _, result = seed[0]
    found = _find(result, lambda m: m.plover_type == "ASSAULT" and m.background and m.date.text == "in 2020")
    assert found and _actor(found[0], "actor1", US) and _actor(found[0], "actor2", ("soleimani",))


def test_article_2_arrests_and_bombing(seed: list[tuple[Article, ExtractResult]]) -> None:
    _, result = seed[1]
    coerce = [m for m in result.mentions if m.plover_type == "COERCE" and m.plover_mode == "arrest"]
    arrested = {m.place.text if m.place else None: [f.low for f in m.figures] for m in coerce}
    assert any(_actor(m, "actor2", ("isis",)) and [f.low for f in m.figures] == [2] for m in coerce)  # 2a
    assert any(
        m.date.text == "earlier Monday" and m.place and m.place.text == "Latakia" for m in coerce
    )  # 2b
    assert arrested.get("Qudsaya") == [3]  # 2c
    bombing = _find(
        result, lambda m: m.plover_type == "ASSAULT" and m.background and m.date.text == "December 26"
    )
    assert bombing, "2d"
    figures = {(f.kind.value, f.low, f.high) for f in bombing[0].figures}
    assert {("killed", 8, 8), ("injured", 18, 18)} <= figures


def test_article_3_talks_and_ceasefire(seed: list[tuple[Article, ExtractResult]]) -> None:
    _, result = seed[2]
    assert _find(result, lambda m: m.plover_type == "CONSULT" and _actor(m, "actor1", ("hamas",)))  # 3a
    assert _find(result, lambda m: m.plover_type == "CONSULT" and _actor(m, "actor1", ("abdelatty",)))  # 3b
    truce = _find(result, lambda m: m.plover_type == "AGREE" and m.background)
    assert truce and truce[0].date.text == "on Oct. 10"  # 3d


def test_article_4_meeting_and_rejection(seed: list[tuple[Article, ExtractResult]]) -> None:
    _, result = seed[3]
    meeting = _find(result, lambda m: m.plover_type == "CONSULT" and _actor(m, "actor1", ("salam",)))
    assert meeting and _actor(meeting[0], "actor2", ("ambassador",)) and meeting[0].place is not None
    assert meeting[0].place.text == "Beirut"
    assert _find(result, lambda m: m.plover_type == "REJECT" and _actor(m, "actor1", ("hezbollah",)))
