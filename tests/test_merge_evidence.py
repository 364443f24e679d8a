"""Merge rules of issue #5, second round: seas, recalled happenings, clashes, headlines, bare reports
and the day a sentence says (docs/merge.md)."""

from __future__ import annotations

import dataclasses
from typing import Any

from marsad.merge import clues
from marsad.merge.compare import (
    Profile,
    Relation,
    actor_relations,
    conflict,
    date_relation,
    place_relation,
    profile,
    role_relation,
    score,
    with_sentence_dates,
)
from marsad.records import ActorRef, DateRef, Evidence, Mention, PlaceRef, Precision

HODEIDAH = PlaceRef(
    text="Hodeidah", name="Al Hudaydah", admin1="Al Hudaydah", country="YE", latitude=14.80, longitude=42.95,
    geo_precision=1, resolved=True,
)  # fmt: skip
MOCHA = PlaceRef(
    text="Mokha", name="Mocha", admin1="Taizz", country="YE", latitude=13.32, longitude=43.25,
    geo_precision=1, resolved=True,
)  # fmt: skip
BAGHDAD = PlaceRef(
    text="Baghdad", name="Baghdad", admin1="Baghdad", country="IQ", latitude=33.34, longitude=44.40,
    geo_precision=1, resolved=True,
)  # fmt: skip
RED_SEA = PlaceRef(
    text="the Red Sea", name="Red Sea", latitude=20.0, longitude=38.5, geo_precision=3, resolved=True
)
SOUTH_REGION = PlaceRef(
    text="south Lebanon", name="South Lebanon", admin1="South", country="LB", latitude=33.56, longitude=35.37,
    geo_precision=3, resolved=True,
)  # fmt: skip
NABATIEH = PlaceRef(
    text="Nabatieh", name="Nabatiye et Tahta", admin1="Nabatieh", country="LB", latitude=33.38,
    longitude=35.48, geo_precision=1, resolved=True,
)  # fmt: skip
ARMY = ActorRef(text="the army", name="Military Forces of Syria", actor_id="sy-mil", resolved=True)
SDF = ActorRef(text="the SDF", name="Syrian Democratic Forces", actor_id="sdf", resolved=True)
CIVILIANS = ActorRef(text="five people", name="Civilians (Syria)", actor_type="Civilians", resolved=True)
TUESDAY = DateRef(text="on Tuesday", date="2026-07-14", precision=Precision.DAY)
WEDNESDAY = DateRef(text="on Wednesday", date="2026-07-15", precision=Precision.DAY)
DEFAULTED = DateRef(date="2026-07-15", precision=Precision.DAY)  # no date words: the publication day


def mk(mid: str, article_id: str = "a1", text: str = "A strike hit the town.", **fields: Any) -> Mention:
    """A report told by ``text``, a whole sentence at ``start`` (default 0)."""
    start = fields.pop("start", 0)
    evidence = Evidence(
        article_id=article_id, start=start, end=start + len(text), text=text,
        sentence_start=start, sentence_end=start + len(text),
    )  # fmt: skip
    defaults: dict[str, Any] = {"plover_type": "ASSAULT", "place": HODEIDAH, "date": TUESDAY}
    return Mention(id=mid, article_id=article_id, evidence=evidence, **{**defaults, **fields})


def told(mention: Mention, sentence: str = "", published: str = "2026-07-15", headline: str = "") -> Profile:
    return profile(mention, sentence or mention.evidence.text, published, headline)


# Seas


def test_a_sea_never_clashes_with_a_shore_town() -> None:
    """A sea lies in no country: "in the Red Sea" and "off Mokha" may tell one attack on one ship."""
    assert place_relation(RED_SEA, MOCHA) is Relation.UNKNOWN
    assert place_relation(RED_SEA, dataclasses.replace(RED_SEA, text="Red Sea")) is Relation.SAME
    tanker = told(mk("m-1", place=RED_SEA, text="A missile hit a tanker in the Red Sea."))
    off_mocha = told(mk("n-1", "a2", place=MOCHA, text="A tanker was hit west of Mokha."))
    assert conflict(tanker, off_mocha) is None


# Regions


def test_a_region_is_not_near_a_town_by_the_distance_to_its_middle() -> None:
    """A region's point is its middle: 22 km from it says nothing about a town of another province."""
    assert place_relation(SOUTH_REGION, NABATIEH) is not Relation.NEAR


# Reports inside a clause that points back


def test_a_report_a_day_before_its_sentence_is_dated_a_day_earlier() -> None:
    sentence = "Mourners buried him on Wednesday, a day after he was shot dead by settlers."
    recalled = mk("m-1", text=sentence, date=WEDNESDAY)
    inside = dataclasses.replace(
        recalled, evidence=dataclasses.replace(recalled.evidence, start=sentence.index("he was"))
    )
    report = told(inside, sentence)
    assert report.recalled and not report.summary
    fresh = told(mk("n-1", "a2", text="Settlers shot a man dead on Tuesday."))
    assert date_relation(report, fresh) is Relation.SAME


def test_a_recalled_report_never_joins_its_own_article_s_report() -> None:
    sentence = "Jets struck the port on Wednesday, hours after rockets were fired at a warship."
    outer = told(mk("m-1", text=sentence, date=WEDNESDAY), sentence)
    mention = mk("m-2", text=sentence, date=WEDNESDAY)
    inner = told(
        dataclasses.replace(
            mention, evidence=dataclasses.replace(mention.evidence, start=sentence.index("rockets"))
        ),
        sentence,
    )
    assert inner.recalled and not outer.recalled
    assert conflict(outer, inner) == "reference"


def test_a_clause_that_gives_no_time_keeps_its_report_a_summary() -> None:
    sentence = "Jets struck the port, in retaliation for rockets fired at a warship."
    assert clues.days_before(sentence, sentence.index("rockets")) is None
    assert clues.own_clause(sentence, sentence.index("rockets"))[1]


def test_a_reference_that_opens_the_sentence_leaves_the_main_clause_its_own() -> None:
    sentence = "Hours after the raids, the Houthis fired a missile toward Israel."
    clause, is_reference = clues.own_clause(sentence, sentence.index("the Houthis"))
    assert not is_reference and "Houthis" in clause and "raids" not in clause
    assert clues.days_before(sentence, sentence.index("raids")) == (0, 1)


def test_shortly_after_a_clock_time_is_no_reference() -> None:
    sentence = "Shortly after 7 pm, jets struck a metal hangar."
    assert clues.own_clause(sentence, sentence.index("jets")) == (sentence, False)
    assert clues.opens_another(sentence)  # but it opens another happening of its article


# Clashes


def test_in_a_clash_either_side_may_be_named_first() -> None:
    """ "Clashes between the army and the SDF killed five" against "the SDF attacked army positions":
    the roles are swapped and civilians are no side, yet they tell one battle."""
    clash = told(mk("m-1", text="Clashes between the army and the SDF killed five people.",
                    actor1=(SDF,), actor2=(CIVILIANS, SDF)))  # fmt: skip
    attack = told(mk("n-1", "a2", text="The SDF attacked army positions.", actor1=(SDF,), actor2=(ARMY,)))
    assert actor_relations(clash, attack)[0] is Relation.SAME
    assert conflict(clash, attack) is None
    shelling = told(mk("n-2", "a2", text="The SDF shelled homes.", actor1=(SDF,), actor2=(CIVILIANS,)))
    army = told(mk("n-3", "a3", text="The army shelled homes.", actor1=(ARMY,), actor2=(CIVILIANS,)))
    assert conflict(shelling, army) == "actors"  # no clash words: the roles count


# Dates


def test_a_loose_word_before_the_date_words_makes_the_day_loose() -> None:
    """The date read as "on Tuesday" from "late on Tuesday" may be another outlet's Wednesday."""
    late = told(mk("m-1", text="Jets struck the port late on Tuesday."))
    wednesday = told(mk("n-1", "a2", date=WEDNESDAY, text="Jets bombed the port on Wednesday."))
    assert date_relation(late, wednesday) is Relation.NEAR
    plain = told(mk("m-2", text="Jets struck the port on Tuesday."))
    assert date_relation(plain, wednesday) is Relation.CLASH


def test_a_report_with_no_date_words_takes_its_sentence_s_day() -> None:
    sentence = "Late on Tuesday the group fired two missiles, which were both shot down."
    fired = mk("m-1", text=sentence)
    shot = mk("m-2", text=sentence, date=DEFAULTED)
    profiles = with_sentence_dates([told(fired), told(shot)])
    assert profiles[1].core == profiles[0].core
    elsewhere = mk("m-3", text="Both were shot down.", start=200, date=DEFAULTED)
    assert with_sentence_dates([told(fired), told(elsewhere)])[1].core == told(elsewhere).core


# Targets and headlines


def test_descriptions_of_one_kind_of_target_agree() -> None:
    ship = told(mk("m-1", actor2=(ActorRef(text="the ship"),)))
    tanker = told(mk("n-1", "a2", actor2=(ActorRef(text="an oil tanker"),)))
    named = told(mk("n-2", "a2", actor2=(ActorRef(text="Kalliopi Dawn"),)))
    assert role_relation(ship.actor2, tanker.actor2) is Relation.SAME
    assert role_relation(ship.actor2, named.actor2) is not Relation.MISMATCH  # a name is no description


def test_a_report_naming_no_target_takes_its_headline_s() -> None:
    home = told(mk("m-1", text="Six people were killed."), headline="Israeli strike on home kills six")
    car = told(mk("n-1", "a2", text="The car was hit near the hospital."), headline="Drone kills two")
    assert home.targets == {"dwelling"} and car.targets == {"vehicle"}
    two = told(
        mk("m-2", text="Two were killed."), headline="Drone kills two on the road, warplanes hit hangar"
    )
    assert two.targets == frozenset()  # a headline of two happenings


def test_headline_words_count_singular_and_plural_alike() -> None:
    assert clues.headline_tokens("Houthis fire rockets") == clues.headline_tokens("Houthi rocket fire")


def test_headlines_naming_both_reports_places_add_evidence() -> None:
    """Two reports of one day at one place, each its headline's event, are likelier one happening; a
    place named after "after" in a headline is another happening's."""
    a = told(mk("m-1", place=BAGHDAD), headline="Rockets hit Baghdad")
    b = told(mk("n-1", "a2", place=BAGHDAD), headline="Baghdad rocket attack wounds two")
    c = told(mk("n-2", "a3", place=BAGHDAD), headline="Drone downed over Camp Victory after Baghdad rockets")
    assert a.headline_place and b.headline_place and not c.headline_place
    assert (
        clues.headline_main("Toll rises after raids on Hodeida port")
        == "Toll rises after raids on Hodeida port"
    )


def test_a_bare_report_is_weaker_evidence_across_articles() -> None:
    """ "Three people were wounded" says no day, place, actor or target of its own: what it shares with
    another outlet's report is its article's, so it counts a point less."""
    bare = told(mk("m-1", text="Three people were wounded.", date=DEFAULTED), published="2026-07-15")
    said = told(mk("m-2", text="Jets struck Hodeidah port on Wednesday.", date=WEDNESDAY))
    assert bare.bare and not said.bare
    other = told(mk("n-1", "a2", text="Jets hit Hodeidah port on Wednesday.", date=WEDNESDAY))
    assert score(bare, other) < score(said, other)


def test_two_spellings_of_an_unknown_place_are_one_place() -> None:
    yohmor = PlaceRef(text="Yohmor al-Shaqif")
    yahmor = PlaceRef(text="Yahmor al-Shqif")
    assert place_relation(yohmor, yahmor) is Relation.SAME
    assert place_relation(yohmor, PlaceRef(text="Arnoun")) is not Relation.SAME


def test_a_country_says_nothing_against_an_unknown_village() -> None:
    iraq = PlaceRef(text="Iraq", country="IQ", country_name="Iraq")
    assert place_relation(PlaceRef(text="Kfar Rumman"), iraq) is Relation.UNKNOWN
    assert place_relation(BAGHDAD, iraq) is Relation.NEAR


def test_civilians_of_a_guessed_country_do_not_clash() -> None:
    """ "Two people" in a village the gazetteer does not know take the article's first country; another
    outlet's "two people" in Lebanon are not a different actor for that."""
    lebanese = ActorRef(text="two people", name="Civilians (Lebanon)", actor_type="Civilians", resolved=True)
    israeli = ActorRef(text="two people", name="Civilians (Israel)", actor_type="Civilians", resolved=True)
    unknown_village = told(mk("m-1", place=PlaceRef(text="Yahmor al-Shqif"), actor2=(israeli,)))
    in_lebanon = told(mk("n-1", "a2", place=NABATIEH, actor2=(lebanese,)))
    assert conflict(unknown_village, in_lebanon) != "actors"
    in_israel = told(mk("n-2", "a3", place=dataclasses.replace(NABATIEH, country="IL"), actor2=(israeli,)))
    assert actor_relations(in_lebanon, in_israel)[1] is Relation.CLASH


def test_a_recalled_happening_gives_its_sentence_no_day() -> None:
    sentence = "The sides have clashed often this year despite an agreement signed in March 2025."
    march = DateRef(text="in March 2025", date="2025-03-15", precision=Precision.MONTH)
    agreement = mk("m-1", text=sentence, background=True, date=march)
    clashed = mk("m-2", text=sentence, date=DEFAULTED)
    assert with_sentence_dates([told(agreement), told(clashed)])[1].core == told(clashed).core


def test_a_bare_sentence_goes_on_with_the_day_of_the_sentence_before() -> None:
    """ "Two drones were launched on Wednesday night. One was shot down." The shooting down names no
    day, actor or target of its own: it is the launch's, not the publication day's."""
    first = "Two drones were launched at the airport late on Tuesday."
    second = "One was shot down and the other crashed."
    launched = mk("m-1", text=first)
    shot = mk("m-2", text=second, start=len(first) + 1, date=DEFAULTED, place=None)
    profiles = with_sentence_dates([told(launched), told(shot)])
    assert profiles[1].core == profiles[0].core
    later = "About 24 hours later, two were shot down."
    separate = mk("m-3", text=later, start=len(first) + 1, date=DEFAULTED, place=None)
    assert clues.opens_another(later)
    assert with_sentence_dates([told(launched), told(separate)])[1].core == told(separate).core
    far = mk("m-4", text=second, start=len(first) + 200, date=DEFAULTED, place=None)
    assert with_sentence_dates([told(launched), told(far)])[1].core == told(far).core


# Undated reports


UNDATED = DateRef()  # a date the resolver could not place


def test_an_undated_report_stays_within_a_month_of_its_article() -> None:
    """Meetings "in Aqaba" with no resolved date, told a year apart, are not one happening."""
    text = "Officials met in Aqaba to discuss the crossing."
    january = told(mk("m-1", "a1", text=text, date=UNDATED), published="2026-01-10")
    february = told(mk("n-1", "a2", text=text, date=UNDATED), published="2026-02-02")
    next_year = told(mk("o-1", "a3", text=text, date=UNDATED), published="2027-01-12")
    assert date_relation(january, february) is not Relation.CLASH
    assert date_relation(january, next_year) is Relation.CLASH
    dated_far = told(mk("p-1", "a4", text=text, date=TUESDAY), published="2026-07-15")
    dated_near = told(
        mk(
            "q-1", "a5", text=text, date=DateRef(text="on Monday", date="2026-01-05", precision=Precision.DAY)
        ),
        published="2026-01-06",
    )
    assert date_relation(january, dated_far) is Relation.CLASH
    assert date_relation(dated_far, january) is Relation.CLASH
    assert date_relation(january, dated_near) is not Relation.CLASH
    unpublished = told(mk("r-1", "a6", text=text, date=UNDATED), published="")
    assert date_relation(unpublished, next_year) is not Relation.CLASH  # nothing says when it was
