"""Re-told happenings: a report that tells a known happening as someone's deed ("the suspect of the
shooting ...") and names no day of its own took its article's day; it is compared as undated, within a
year before its article, and blocked with the reports of its country (merge.compare, merge.cluster)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from builders import sentence_evidence
from marsad import merge
from marsad.merge import clues
from marsad.merge.cluster import _pairs
from marsad.merge.compare import profile
from marsad.records import (
    ActorRef,
    Article,
    DateRef,
    Mention,
    PlaceRef,
    Precision,
)
from test_merge_incremental import assert_batches_merge_like_the_whole

TOWN = PlaceRef(
    text="Eastford",
    name="Eastford",
    country="ZZ",
    country_name="Zedland",
    admin1="North Province",
    latitude=10.0,
    longitude=20.0,
    geo_precision=1,
    resolved=True,
)
COUNTRY = PlaceRef(text="Zedland", name="Zedland", country="ZZ", country_name="Zedland", resolved=True)
CIVILIANS = ActorRef(
    text="three people",
    name="Civilians (Zedland)",
    actor_id="zz-civilians",
    actor_type="Civilians",
    country="ZZ",
    resolved=True,
)


def _report(
    article: str, body: str, told: str, *, published: str, place: PlaceRef | None, said: str | None = None
) -> tuple[Article, Mention]:
    evidence = sentence_evidence(article, body, told)
    day = said or published
    mention = Mention(
        id=f"{article}-1",
        article_id=article,
        plover_type="ASSAULT",
        plover_mode="firearms",
        actor2=(CIVILIANS,),
        place=place,
        date=DateRef(text=None if said is None else "on Friday", date=day, precision=Precision.DAY),
        evidence=evidence,
    )
    return Article(id=article, title="", body=body, source="Test Wire", published=published), mention


SHOOTING = _report(
    "a-shooting",
    "A gunman shot three people dead in a shooting at a cafe in Eastford on Friday.",
    "gunman shot three people dead in a shooting at a cafe in Eastford",
    published="2025-03-01",
    place=TOWN,
)
SENTENCED = _report(
    "b-sentenced",
    "The suspect of the shooting at a cafe in Eastford that killed three people is sentenced to life.",
    "shooting at a cafe in Eastford that killed three people",
    published="2025-09-10",
    place=TOWN,
)
IDENTIFIED = _report(
    "c-identified",
    "Police name the man who shot three people at a cafe, after he killed them in a shooting in Zedland.",
    "he killed them in a shooting in Zedland",
    published="2025-06-20",
    place=COUNTRY,
)
ANOTHER = _report(
    "d-another",
    "A gunman shot three people dead in a shooting at a cafe in Eastford.",
    "gunman shot three people dead in a shooting at a cafe in Eastford",
    published="2025-09-10",
    place=TOWN,
)


def _events(*reports: tuple[Article, Mention]) -> list[set[str]]:
    articles = {a.id: a for a, _ in reports}
    found = merge.merge([m for _, m in reports], articles)
    return sorted((set(e.article_ids) for e in found), key=sorted)


def test_a_deed_of_someone_the_sentence_is_about_is_a_retold_cue() -> None:
    sentence = "The surviving gunman of the attack on the market is charged with murder."
    assert clues.retells(sentence, sentence.index("attack"))
    sentence = "Officers shot the man after he stabbed two guards."
    assert clues.retells(sentence, sentence.index("he stabbed"))
    sentence = "Police name the main perpetrator who assassinated the mayor."
    assert clues.retells(sentence, sentence.index("main perpetrator"))
    sentence = "Two people are killed in a shooting at a market; the gunman of the group fled."
    assert not clues.retells(sentence, sentence.index("Two people"))
    assert not clues.retells(sentence, None)


def test_a_retold_report_without_a_day_of_its_own_lies_within_a_year_before_its_article() -> None:
    article, mention = SENTENCED
    found = profile(mention, article.body, article.published)
    assert found.retold and found.window is None and found.core is None
    published = dt.date(2025, 9, 10)
    assert found.news == (published - dt.timedelta(days=clues.rules().retold_days), published)


def test_a_retold_report_that_names_its_day_keeps_it() -> None:
    article, mention = _report(
        "e-dated",
        "The suspect of the shooting at a cafe in Eastford on Friday is charged.",
        "shooting at a cafe in Eastford on Friday",
        published="2025-03-03",
        place=TOWN,
        said="2025-02-28",
    )
    found = profile(mention, article.body, article.published)
    assert not found.retold
    assert found.core == (dt.date(2025, 2, 28), dt.date(2025, 2, 28))


def test_a_follow_up_months_later_joins_the_happening_it_retells() -> None:
    assert _events(SHOOTING, SENTENCED) == [{"a-shooting", "b-sentenced"}]


def test_a_new_happening_months_later_stays_apart() -> None:
    assert _events(SHOOTING, ANOTHER) == [{"a-shooting"}, {"d-another"}]


def test_a_retold_report_never_joins_a_happening_after_its_article() -> None:
    article, mention = SENTENCED
    early = Article(id=article.id, title="", body=article.body, source=article.source, published="2025-02-01")
    moved = dataclasses.replace(mention, date=DateRef(date="2025-02-01", precision=Precision.DAY))
    assert _events(SHOOTING, (early, moved)) == [{"a-shooting"}, {"b-sentenced"}]


def test_a_country_level_undated_report_is_compared_with_the_reports_of_its_country_before_it() -> None:
    """Told at country level only, it meets the town's report months before it; not the one after it."""
    reports = [SHOOTING, IDENTIFIED, ANOTHER]
    articles = {a.id: a for a, _ in reports}
    profiles = merge.prepare([m for _, m in reports], articles)
    at = {p.article_id: i for i, p in enumerate(profiles)}
    pairs = {frozenset((profiles[i].article_id, profiles[j].article_id)) for i, j in _pairs(profiles)}
    assert pairs == {frozenset(("a-shooting", "c-identified"))}
    assert profiles[at["c-identified"]].retold


def test_incremental_merge_with_retold_reports_equals_the_full_merge() -> None:
    assert_batches_merge_like_the_whole([SHOOTING, SENTENCED, IDENTIFIED, ANOTHER], orders=6, parts=3)
