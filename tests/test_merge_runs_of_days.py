"""Merge rules of issue 18 for follow-up days and statements: a report that counts its day in a run of days
grants no date tolerance, a report that counts nothing takes its sentence's count, two bare reports never
link across articles on their own, and a country's civilians against its own state forces as the target is a
difference of description, not a clash."""

from __future__ import annotations

from typing import Any

from builders import sentence_evidence
from marsad import merge
from marsad.merge.cluster import CROSS_ARTICLE_MIN, may_link
from marsad.merge.compare import Relation, actor_relations, date_relation, other_toll, profile, score
from marsad.records import (
    ActorRef,
    Article,
    DateRef,
    Figure,
    FigureKind,
    Mention,
    PlaceRef,
    Precision,
)

TOWN = PlaceRef(
    text="Larkfield", name="Larkfield", admin1="Westshire", country="GB", latitude=54.1, longitude=-6.2,
    geo_precision=1, resolved=True,
)  # fmt: skip


def _mention(mid: str, article: str, sentence: str, published: str, **fields: Any) -> Mention:
    evidence = sentence_evidence(article, sentence)
    defaults: dict[str, Any] = {
        "plover_type": "ASSAULT",
        "place": TOWN,
        "date": DateRef(date=published, precision=Precision.DAY),  # no date words: the publication day
    }
    return Mention(id=mid, article_id=article, evidence=evidence, **{**defaults, **fields})


def test_a_day_counted_in_a_run_of_days_is_not_the_day_before() -> None:
    first = "Rioters damage two police cars in Larkfield."
    monday = profile(_mention("a-1", "a", first, "2025-06-09"), first, "2025-06-09")
    plain = "Rioters damage more cars in Larkfield."
    tuesday = profile(_mention("b-1", "b", plain, "2025-06-10"), plain, "2025-06-10")
    assert date_relation(monday, tuesday) is Relation.NEAR  # a defaulted day may be the day before
    counted = "The second consecutive night of disorder in Larkfield sees more cars burnt."
    second_night = profile(_mention("c-1", "c", counted, "2025-06-10"), counted, "2025-06-10")
    assert date_relation(monday, second_night) is Relation.CLASH
    assert date_relation(second_night, monday) is Relation.CLASH
    same_night = profile(_mention("d-1", "d", plain, "2025-06-10"), plain, "2025-06-10")
    assert date_relation(second_night, same_night) is Relation.SAME


def test_a_report_that_counts_nothing_takes_the_count_of_its_sentence() -> None:
    sentence = "Two people are killed in a shooting at a chapel in Larkfield."
    body = sentence + " " * 10
    killed = _mention(
        "b-1", "b", sentence, "2025-08-27", figures=(Figure(kind=FigureKind.KILLED, low=2, high=2),)
    )
    shooting = _mention("b-2", "b", sentence, "2025-08-27", plover_mode="firearms")
    earlier = "One person is killed in a shooting near the motorway in Larkfield."
    other = _mention(
        "a-1", "a", earlier, "2025-08-26", figures=(Figure(kind=FigureKind.KILLED, low=1, high=1),)
    )
    articles = {
        "a": Article(id="a", title="t", body=earlier, published="2025-08-26"),
        "b": Article(id="b", title="t", body=body, published="2025-08-27"),
    }
    profiles = {p.mention.id: p for p in merge.prepare([killed, shooting, other], articles)}
    assert profiles["b-2"].counts == profiles["b-1"].counts
    assert other_toll(profiles["a-1"], profiles["b-2"])


def test_two_bare_reports_do_not_link_across_articles_on_their_own() -> None:
    said = "The incident is being investigated as an act of terrorism."
    articles = {
        aid: Article(id=aid, title="Terrorism > bridge collapses", body=said, published=day)
        for aid, day in (("a", "2025-05-31"), ("b", "2025-06-01"))
    }
    probes = [
        _mention(
            f"{aid}-1", aid, said, article.published or "", plover_type="ACCUSE", plover_mode="investigate"
        )
        for aid, article in articles.items()
    ]
    first, second = merge.prepare(probes, articles)
    assert first.bare and second.bare
    assert not may_link(first, second)
    assert score(first, second) >= CROSS_ARTICLE_MIN  # alike enough, but only through what the articles gave
    assert len(merge.merge(probes, articles)) == 2


def test_a_countrys_civilians_and_its_own_forces_as_target_differ_without_clashing() -> None:
    civilians = ActorRef(
        text="people", name="Civilians (Ukraine)", actor_type="Civilians", country="UA", resolved=True
    )
    army = ActorRef(
        text="a military gathering", name="Military Forces of Ukraine", actor_type="State forces",
        sector="MIL", country="UA", resolved=True,
    )  # fmt: skip
    foreign = ActorRef(
        text="soldiers", name="Military Forces of Russia", actor_type="State forces", sector="MIL",
        country="RU", resolved=True,
    )  # fmt: skip
    killed = "Missiles strike the centre of Larkfield, killing 35 people."
    aimed = "The ministry says the strike targeted a military gathering."
    one = profile(_mention("a-1", "a", killed, "2025-04-13", actor2=(civilians,)), killed, "2025-04-13")
    other = profile(_mention("b-1", "b", aimed, "2025-04-13", actor2=(army,)), aimed, "2025-04-13")
    assert actor_relations(one, other)[1] is Relation.MISMATCH
    third = profile(_mention("c-1", "c", aimed, "2025-04-13", actor2=(foreign,)), aimed, "2025-04-13")
    assert actor_relations(one, third)[1] is Relation.CLASH
