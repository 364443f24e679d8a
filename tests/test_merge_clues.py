"""Merge rules for one event told by many reports (issue #5): date tolerance, places of one district,
summaries and sentences that open another happening, times of day, counted attacks, spellings."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from marsad import merge
from marsad.merge import clues
from marsad.merge.compare import Relation, date_relation, place_relation, profile, role_relation
from marsad.records import ActorRef, Article, DateRef, Evidence, Mention, PlaceRef, Precision

ISRAEL = ActorRef(text="Israeli", name="Military Forces of Israel", actor_id="isr", resolved=True)
KHAN_YUNIS = PlaceRef(
    text="Khan Younis", name="Khan Yunis", admin1="Gaza Strip", admin2="Khan Yunis", country="PS",
    latitude=31.340, longitude=34.306, geo_precision=1, resolved=True,
)  # fmt: skip
MAWASI = PlaceRef(
    text="Mawasi", name="Al Mawasi", admin1="Gaza Strip", admin2="Khan Yunis", country="PS",
    latitude=31.350, longitude=34.270, geo_precision=1, resolved=True,
)  # fmt: skip
BANI_SUHEILA = PlaceRef(
    text="Bani Suheila", name="Bani Suhayla", admin1="Gaza Strip", admin2="Khan Yunis", country="PS",
    latitude=31.343, longitude=34.323, geo_precision=1, resolved=True,
)  # fmt: skip
HODEIDAH = PlaceRef(
    text="Hodeidah", name="Al Hudaydah", admin1="Al Hudaydah", country="YE", latitude=14.80, longitude=42.95,
    geo_precision=1, resolved=True,
)  # fmt: skip
RAS_ISA = PlaceRef(
    text="Ras Issa", name="Ras Isa", admin1="Al Hudaydah", country="YE", latitude=15.25, longitude=42.60,
    geo_precision=1, resolved=True,
)  # fmt: skip
SUNDAY = DateRef(text="on Sunday", date="2026-01-11", precision=Precision.DAY)
BODY = "x" * 2000


def article(aid: str, published: str = "2026-01-12", title: str = "t", body: str = BODY) -> Article:
    return Article(id=aid, title=title, body=body, source=f"outlet {aid}", published=published)


ARTICLES = {"a1": article("a1"), "a2": article("a2"), "a3": article("a3", published="2026-01-13")}


def mk(mid: str, article_id: str = "a1", text: str = "", start: int = 0, **fields: Any) -> Mention:
    """An Israeli strike in Khan Younis on Sunday 11 January, told by ``text`` at ``start``."""
    text = text or f"An Israeli strike hit Khan Younis, report {mid}."
    evidence = Evidence(
        article_id=article_id, start=start, end=start + len(text), text=text,
        sentence_start=start, sentence_end=start + len(text),
    )  # fmt: skip
    defaults: dict[str, Any] = {
        "plover_type": "ASSAULT",
        "actor1": (ISRAEL,),
        "place": KHAN_YUNIS,
        "date": SUNDAY,
    }
    return Mention(id=mid, article_id=article_id, evidence=evidence, **{**defaults, **fields})


def articles_with(*mentions: Mention) -> dict[str, Article]:
    """The articles of ``mentions``, whose bodies hold each mention's text at its offset."""
    bodies: dict[str, list[str]] = {aid: list(a.body) for aid, a in ARTICLES.items()}
    for m in mentions:
        bodies[m.article_id][m.evidence.start : m.evidence.end] = list(m.evidence.text)
    return {aid: dataclasses.replace(ARTICLES[aid], body="".join(chars)) for aid, chars in bodies.items()}


def events(*mentions: Mention) -> list[tuple[str, ...]]:
    return sorted(e.mention_ids for e in merge.merge(mentions, articles_with(*mentions)))


# Dates


def test_late_sunday_and_monday_from_two_outlets_are_one_day_apart_not_a_clash() -> None:
    late = profile(
        mk("m-1", date=DateRef(text="late Sunday", date="2026-01-11", precision=Precision.DAY)), ""
    )
    monday = profile(
        mk("n-1", "a2", date=DateRef(text="on Monday", date="2026-01-12", precision=Precision.DAY)), ""
    )
    assert date_relation(late, monday) is Relation.NEAR
    sunday = profile(mk("m-2", date=SUNDAY), "")
    assert date_relation(sunday, monday) is Relation.CLASH  # said plainly, a day apart is another day


def test_a_defaulted_publication_day_may_be_the_day_before_across_articles_only() -> None:
    inferred = DateRef(date="2026-01-12", precision=Precision.DAY)  # no date words: the publication day
    other_outlet = profile(mk("n-1", "a2", date=inferred), "", "2026-01-12")
    assert date_relation(profile(mk("m-1"), "", "2026-01-12"), other_outlet) is Relation.NEAR
    same_article = profile(mk("m-2", date=inferred), "", "2026-01-12")
    assert date_relation(profile(mk("m-1"), "", "2026-01-12"), same_article) is Relation.CLASH
    not_defaulted = profile(mk("n-2", "a2", date=inferred), "", "2026-01-13")
    assert date_relation(profile(mk("m-1"), "", "2026-01-12"), not_defaulted) is Relation.CLASH


# Places


def test_two_localities_of_one_district_clash_but_its_seat_stands_for_both() -> None:
    assert place_relation(MAWASI, BANI_SUHEILA) is Relation.CLASH  # 5 km apart, yet two places
    assert place_relation(KHAN_YUNIS, MAWASI) is Relation.NEAR
    assert place_relation(KHAN_YUNIS, BANI_SUHEILA) is Relation.NEAR


def test_a_compass_part_of_a_town_clashes_with_a_place_on_the_other_side() -> None:
    eastern = dataclasses.replace(KHAN_YUNIS, text="eastern Khan Younis")
    western = dataclasses.replace(KHAN_YUNIS, text="western Khan Younis")
    assert place_relation(eastern, MAWASI) is Relation.CLASH  # al-Mawasi lies west of the centre
    assert place_relation(eastern, BANI_SUHEILA) is Relation.NEAR
    assert place_relation(eastern, western) is Relation.CLASH


def test_a_sentence_that_names_both_sites_joins_them() -> None:
    both = "Israeli warplanes struck the port of Hodeidah and the nearby Ras Isa fuel terminal."
    port = mk("m-1", text=both, place=HODEIDAH)
    terminal = mk("m-2", text="Jets hit the Ras Issa oil terminal.", start=200, place=RAS_ISA)
    assert place_relation(HODEIDAH, RAS_ISA) is Relation.CLASH  # 55 km apart
    assert events(port, terminal) == [("m-1", "m-2")]
    elsewhere = mk("m-3", text="Jets hit a fuel depot.", start=400, place=RAS_ISA)
    assert events(mk("m-1", place=HODEIDAH), elsewhere) == [("m-1",), ("m-3",)]


# Actors


def test_unresolved_targets_with_one_head_word_agree() -> None:
    port = profile(mk("m-1", actor2=(ActorRef(text="the port"),)), "")
    red_sea_port = profile(mk("n-1", "a2", actor2=(ActorRef(text="the Red Sea port"),)), "")
    tent = profile(mk("n-2", "a2", actor2=(ActorRef(text="a tent"),)), "")
    assert role_relation(port.actor2, red_sea_port.actor2) is Relation.SAME
    assert role_relation(port.actor2, tent.actor2) is Relation.MISMATCH


def test_two_crowds_are_told_apart_by_who_they_are() -> None:
    def crowd(text: str) -> ActorRef:
        return ActorRef(text=text, name="Protesters (Iran)", actor_type="Protesters", resolved=True)

    farmers, retirees = (
        profile(mk("m-1", actor1=(crowd("farmers"),)), ""),
        profile(mk("n-1", "a2", actor1=(crowd("retired workers"),)), ""),
    )
    more_farmers = profile(mk("n-2", "a2", actor1=(crowd("hundreds of farmers"),)), "")
    assert role_relation(farmers.actor1, retirees.actor1) is Relation.MISMATCH
    assert role_relation(farmers.actor1, more_farmers.actor1) is Relation.SAME


# Sentences that tell several happenings


def test_a_summary_of_two_separate_attacks_bridges_nothing() -> None:
    summary = mk(
        "m-1", text="Israeli strikes killed five Palestinians in two separate attacks in Khan Younis."
    )
    tent = mk("m-2", text="An airstrike hit a tent in al-Mawasi.", start=100, place=MAWASI)
    motorcycle = mk("m-3", text="A drone hit a motorcycle in Bani Suheila.", start=200, place=BANI_SUHEILA)
    assert events(summary, tent, motorcycle) == [("m-1",), ("m-2",), ("m-3",)]


def test_a_sentence_that_opens_another_happening_never_joins_what_came_before() -> None:
    tent = mk("m-1", text="Before dawn, an airstrike hit a tent west of the city.")
    toll = mk("m-2", text="Four people were killed, the civil defence said.", start=100, actor1=())
    later = mk(
        "m-3", text="Hours later, a drone fired a missile at a man on a road east of the city.", start=200
    )
    grouped = events(tent, toll, later)
    assert ("m-3",) in grouped
    assert ("m-1", "m-2") in grouped


def test_counted_attacks_in_one_article_stay_apart() -> None:
    first = mk("m-1", text="In the first strike, a drone killed two men.", actor1=())
    second = mk("m-2", text="In the second strike, jets hit a workshop.", start=100, actor1=())
    assert events(first, second) == [("m-1",), ("m-2",)]


def test_morning_and_evening_strikes_of_one_day_stay_apart() -> None:
    morning = mk("m-1", text="A drone struck a car on Sunday morning.")
    evening = mk("n-1", "a2", text="Shortly after 7 pm, jets struck a hangar.")
    assert clues.periods_apart(profile(morning, morning.evidence.text).period, profile(evening, "").period)
    assert len(events(morning, evening)) == 2
    assert not clues.periods_apart(clues.period("late at night"), clues.period("before dawn"))
    assert clues.period("approx. 15:30") == clues.period("in the afternoon")


def test_a_clause_that_points_back_is_a_reference() -> None:
    sentence = (
        "A drone strike on a car killed two men on Tuesday, hours after an overnight strike on a house."
    )
    main, is_reference = clues.own_clause(sentence, 2)
    assert not is_reference and "house" not in main
    tail, is_reference = clues.own_clause(sentence, sentence.index("overnight"))
    assert is_reference and "house" in tail


@pytest.mark.parametrize(
    ("headline", "clause", "sums"),
    [
        ("Two Israeli strikes in Khan Yunis kill six", "Israeli strikes on Khan Yunis killed six", True),
        ("Two Israeli strikes in Khan Yunis kill six", "A strike hit their tent", False),
        ("Israeli strikes kill five", "Israeli strikes killed five people", False),
        ("t", "Rockets hit the Green Zone and a separate attack targeted Victory Base", True),
    ],
)
def test_summaries(headline: str, clause: str, sums: bool) -> None:
    assert clues.sums_up(clause, headline) is sums


# Words


@pytest.mark.parametrize(
    ("a", "b"),
    [("Khurmala", "Khormala"), ("Maqsoud", "Maksoud"), ("Maqsud", "Maksoud"), ("Hodeidah", "Hudaydah"),
     ("Hodeida", "Hodeidah"), ("Mayadin", "Mayadeen")],
)  # fmt: skip
def test_transliterations_share_a_spelling_key(a: str, b: str) -> None:
    assert clues.spelling_key(a) == clues.spelling_key(b)


def test_what_was_hit() -> None:
    assert clues.target_classes("a drone fired a missile at a car near the junction") == {"vehicle"}
    assert clues.target_classes("The car was hit on a street leading to the hospital") == {"vehicle"}
    assert clues.target_classes("an airstrike hit a tent sheltering a family") == {"shelter"}
    assert clues.target_classes("Medics at the hospital said") == frozenset()
