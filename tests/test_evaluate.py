"""Scoring system events against gold: matching, every score, reports and floors."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from marsad.errors import GoldError
from marsad.evaluate import (
    EvalReport,
    default_same_actor,
    evaluate,
    floors_check,
    gold_articles,
    load_gold,
    report_json,
    report_markdown,
)
from marsad.evaluate.compare import claim_matches, gold_source_parts, haversine_km
from marsad.records import (
    ActorRef,
    Article,
    Claim,
    DateRef,
    Event,
    Figure,
    FigureKind,
    PlaceRef,
    Precision,
)

FIXTURES = Path(__file__).parent / "fixtures" / "evaluate"
GOLD = load_gold(FIXTURES / "two-articles.gold.json")
ARTICLES = [
    Article(id="art1", title="Drone Strike Kills Militia Commander in Eastern Baghdad", body="..."),
    Article(id="art2", title="Syrian Police Detain Two Suspects over Homs Mosque Bombing", body="..."),
]
BAGHDAD = PlaceRef(
    text="eastern Baghdad",
    name="Baghdad",
    admin1="Mayorality of Baghdad",
    country="IQ",
    country_name="Iraq",
    latitude=33.35,
    longitude=44.42,
)
HOMS = PlaceRef(
    text="Homs", name="Homs", admin1="Homs Governorate", country="SY", latitude=34.73, longitude=36.72
)
JAN4 = DateRef(text="on Thursday", date="2024-01-04", precision=Precision.DAY)


def actor(text: str, name: str | None = None) -> ActorRef:
    return ActorRef(text=text, name=name or text, resolved=True)


def perfect_events() -> list[Event]:
    """System events that read the fixture gold exactly."""
    strike = Event(
        id="e_strike",
        plover_type="ASSAULT",
        acled_event_type="Explosions/Remote violence",
        acled_sub_event_type="Air/drone strike",
        actor1=(actor("US forces", "Military Forces of the United States"),),
        actor2=(actor("al-Nujaba", "Harakat al-Nujaba"),),
        place=BAGHDAD,
        date=JAN4,
        fatalities_low=2,
        fatalities_high=4,
        fatalities_best=2,
        article_ids=("art1",),
        claims=(
            Claim(
                source="Major General Patrick Ryder",
                source_org="Pentagon",
                figures=(Figure(kind=FigureKind.KILLED, low=2, high=2, text="two"),),
            ),
            Claim(
                source="Police sources",
                figures=(
                    Figure(kind=FigureKind.KILLED, low=4, high=4),
                    Figure(kind=FigureKind.INJURED, low=7, high=7),
                ),
            ),
        ),
    )
    accuse = Event(
        id="e_accuse",
        plover_type="ACCUSE",
        actor1=(actor("Iraqi government", "Government of Iraq"),),
        actor2=(actor("United States"),),
        place=BAGHDAD,
        date=JAN4,
        article_ids=("art1",),
    )
    arrest = Event(
        id="e_arrest",
        plover_type="COERCE",
        acled_event_type="Strategic developments",
        acled_sub_event_type="Arrests",
        actor1=(actor("Syrian police", "Police Forces of Syria"),),
        actor2=(actor("two men", "Civilians (Syria)"),),
        place=HOMS,
        article_ids=("art2",),
        claims=(Claim(source="the Interior Ministry"),),
    )
    bombing = Event(
        id="e_bombing",
        plover_type="ASSAULT",
        acled_event_type="Explosions/Remote violence",
        acled_sub_event_type="Remote explosive/landmine/IED",
        actor1=(actor("Unidentified Armed Group (Syria)"),),
        actor2=(actor("worshippers", "Civilians (Syria)"),),
        place=HOMS,
        background=True,
        fatalities_low=8,
        fatalities_high=8,
        fatalities_best=8,
        article_ids=("art2",),
        claims=(
            Claim(
                source="Interior Minister Anas Khattab",
                figures=(Figure(kind=FigureKind.KILLED, low=8, high=8),),
            ),
        ),
    )
    return [strike, accuse, arrest, bombing]


def run(events: list[Event], same_actor: Callable[[str, str], bool] | None = None) -> EvalReport:
    return evaluate(GOLD, ARTICLES, events, same_actor=same_actor)


def replace(events: list[Event], event_id: str, **changes: Any) -> list[Event]:
    return [dataclasses.replace(e, **changes) if e.id == event_id else e for e in events]


def test_perfect_match_scores_one_everywhere() -> None:
    report = run(perfect_events())
    d = report.detection
    assert (d.tp, d.fp, d.fn) == (4, 0, 0)
    assert d.precision == d.recall == d.recall_required == d.f1 == 1.0
    for name, score in report.fields.items():
        assert score.total > 0, name
        assert score.value == 1.0, (name, score)
    assert report.fields["claim_attribution"].total == 4  # "article" claims are not attributable
    assert report.fields["claim_figures"].total == 4  # killed 2; killed 4, injured 7; killed 8
    assert report.fields["date_exact"].total == 2  # date_rel events are not date-scored
    assert all(ls.accuracy.value == 1.0 and ls.weighted_f1 == 1.0 for ls in report.labels)
    assert [r.system_id for r in report.events] == ["e_strike", "e_accuse", "e_arrest", "e_bombing"]
    assert report.warnings == ()


def test_missed_required_event_is_a_false_negative() -> None:
    report = run([e for e in perfect_events() if e.id != "e_bombing"])
    d = report.detection
    assert (d.tp, d.fp, d.fn) == (3, 0, 1)
    assert d.recall_required == pytest.approx(2 / 3)
    assert d.recall == pytest.approx(3 / 4)
    assert [r.gold_id for r in report.events if not r.found] == ["2b"]


def test_optional_event_counts_only_when_found() -> None:
    report = run([e for e in perfect_events() if e.id != "e_accuse"])
    d = report.detection
    assert (d.tp, d.fp, d.fn) == (3, 0, 0)
    assert d.recall == 1.0 and d.optional_found == 0 and d.optional_total == 1
    assert "not found (optional)" in report_markdown(report)


def test_unmatched_system_event_is_a_false_positive() -> None:
    extra = Event(id="e_extra", plover_type="CONSULT", actor1=(actor("Hamas"),), article_ids=("art2",))
    report = run([*perfect_events(), extra])
    d = report.detection
    assert (d.tp, d.fp, d.fn) == (4, 1, 0)
    assert d.precision == pytest.approx(0.8)
    assert [u.system_id for u in report.unmatched] == ["e_extra"]
    assert report.unmatched[0].articles == (2,)


def test_wrong_type_in_same_family_still_matches() -> None:
    report = run(replace(perfect_events(), "e_strike", plover_type="COERCE"))
    assert report.detection.tp == 4
    assert report.fields["plover_type"].correct == 3
    plover = report.labels[0]
    assert ("ASSAULT", "COERCE", 1) in plover.confusion
    wrong = report.events[0].wrong
    assert [c.field for c in wrong] == ["plover_type"]


def test_type_of_another_family_does_not_match() -> None:
    report = run(replace(perfect_events(), "e_strike", plover_type="CONSULT"))
    d = report.detection
    assert (d.tp, d.fp, d.fn) == (3, 1, 1)
    assert not report.events[0].found


def test_acled_sub_event_type_errors_show_in_confusion() -> None:
    report = run(
        replace(perfect_events(), "e_strike", acled_sub_event_type="Shelling/artillery/missile attack")
    )
    sub = next(ls for ls in report.labels if ls.field == "acled_sub_event_type")
    assert sub.accuracy.correct == 2 and sub.accuracy.total == 3
    assert ("Air/drone strike", "Shelling/artillery/missile attack", 1) in sub.confusion
    assert sub.weighted_f1 is not None and sub.weighted_f1 < 1.0


def test_actor_alias_match_uses_same_actor() -> None:
    events = replace(perfect_events(), "e_strike", actor2=(ActorRef(text="Abou Taqwa's movement"),))
    plain = run(events)
    assert plain.events[0].found  # the exact type and actor1 still pair it
    assert [c.field for c in plain.events[0].wrong] == ["actor2"]

    aliases = {"abou taqwa's movement": "harakat al-nujaba"}

    def same_actor(a: str, b: str) -> bool:
        return aliases.get(a.lower(), a.lower()) == b.lower()

    report = run(events, same_actor=same_actor)
    assert report.events[0].found
    assert report.fields["actor2"].value == 1.0


def test_actor2_parent_and_alternatives_are_accepted() -> None:
    events = replace(perfect_events(), "e_strike", actor2=(actor("PMF", "Popular Mobilization Forces"),))
    assert run(events).fields["actor2"].value == 1.0


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Harakat al-Nujaba", "harakat al nujaba", True),
        ("al-Nujaba", "Harakat al-Nujaba", True),
        ("United States", "Military Forces of the United States", True),
        ("Police", "Police Forces of Syria", False),
        ("Hamas", "Hezbollah", False),
        ("", "Hamas", False),
    ],
)
def test_default_same_actor(a: str, b: str, same: bool) -> None:
    assert default_same_actor(a, b) is same


@pytest.mark.parametrize(
    ("best", "exact", "in_range"), [(2, True, True), (3, False, True), (5, False, False)]
)
def test_fatalities_exact_and_in_range(best: int, exact: bool, in_range: bool) -> None:
    report = run(replace(perfect_events(), "e_strike", fatalities_best=best))
    checks = {c.field: c.correct for c in report.events[0].checks}
    assert checks["fatalities_exact"] is exact
    assert checks["fatalities_range"] is in_range


@pytest.mark.parametrize(("lat", "lon", "within"), [(33.34, 44.60, True), (33.34, 44.70, False)])
def test_location_within_25_km(lat: float, lon: float, within: bool) -> None:
    place = dataclasses.replace(BAGHDAD, latitude=lat, longitude=lon)
    report = run(replace(perfect_events(), "e_strike", place=place))
    checks = {c.field: c.correct for c in report.events[0].checks}
    assert checks["location_25km"] is within


def test_place_without_coordinates_fails_the_distance_check() -> None:
    place = dataclasses.replace(BAGHDAD, latitude=None, longitude=None)
    report = run(replace(perfect_events(), "e_strike", place=place))
    check = next(c for c in report.events[0].checks if c.field == "location_25km")
    assert not check.correct and check.system == "no coordinates"


def test_haversine_one_degree_of_latitude() -> None:
    assert haversine_km(33.0, 44.0, 34.0, 44.0) == pytest.approx(111.2, abs=0.1)


@pytest.mark.parametrize(
    ("date", "precision", "exact", "within"),
    [
        ("2024-01-04", Precision.DAY, True, True),
        ("2024-01-05", Precision.DAY, False, False),
        ("2024-01-06", Precision.WEEK, False, True),
        ("2024-01", Precision.MONTH, False, True),
        ("2023-12-31", Precision.WEEK, False, False),
        (None, Precision.UNKNOWN, False, False),
    ],
)
def test_date_exact_and_within_precision(
    date: str | None, precision: Precision, exact: bool, within: bool
) -> None:
    report = run(replace(perfect_events(), "e_strike", date=DateRef(date=date, precision=precision)))
    checks = {c.field: c.correct for c in report.events[0].checks}
    assert (checks["date_exact"], checks["date_within"]) == (exact, within)


def test_claim_attribution_and_figures() -> None:
    claims = (
        Claim(source="Patrick Ryder", figures=(Figure(kind=FigureKind.KILLED, low=3, high=3),)),
        Claim(source="Iraqi officials"),
    )
    report = run(replace(perfect_events(), "e_strike", claims=claims))
    checks = [(c.field, c.correct) for c in report.events[0].checks if c.field.startswith("claim")]
    assert checks == [
        ("claim_attribution", True),  # Ryder, by name
        ("claim_figures", False),  # he said 2, the system read 3
        ("claim_attribution", False),  # "Iraqi officials" are not the police sources
        ("claim_figures", False),
        ("claim_figures", False),
    ]


def test_background_flag_is_scored() -> None:
    report = run(replace(perfect_events(), "e_bombing", background=False))
    assert report.events[3].found
    assert report.fields["background"].correct == 3


def test_a_system_event_counts_once() -> None:
    # Two identical readings of the strike: one matches, the other is a false positive.
    strike = perfect_events()[0]
    twin = dataclasses.replace(strike, id="e_twin")
    report = run([strike, twin])
    assert report.detection.tp == 1 and report.detection.fp == 1
    assert report.events[0].system_id == "e_strike"  # ties go to the earlier system event


def test_matching_is_deterministic_and_prefers_best_score() -> None:
    weak = dataclasses.replace(perfect_events()[0], id="e_weak", actor1=(), actor2=())
    events = [weak, *perfect_events()]
    first, second = run(events), run(list(events))
    assert report_json(first) == report_json(second)
    assert first.events[0].system_id == "e_strike"
    assert [u.system_id for u in first.unmatched] == ["e_weak"]


def test_events_of_other_articles_are_not_scored() -> None:
    other = Article(id="art3", title="Unrelated", body="...")
    stray = Event(id="e_stray", plover_type="PROTEST", article_ids=("art3",))
    report = evaluate(GOLD, [*ARTICLES, other], [*perfect_events(), stray])
    assert report.detection.fp == 0 and report.n_system_events == 4
    assert any("only the first 2 are scored" in w for w in report.warnings)


def test_too_few_articles_is_a_gold_error() -> None:
    with pytest.raises(GoldError, match="refers to 2 articles but the input has 1"):
        evaluate(GOLD, ARTICLES[:1], perfect_events())


def test_title_mismatch_is_warned() -> None:
    swapped = [ARTICLES[1], ARTICLES[0]]
    report = evaluate(GOLD, swapped, [])
    assert len(report.warnings) == 2 and "gold title" in report.warnings[0]
    assert report.detection.fn == 3 and report.detection.precision is None


def test_csv_gold_end_to_end() -> None:
    gold = load_gold(FIXTURES / "three-rows.csv")
    articles = gold_articles(gold)
    assert articles is not None
    rafah = PlaceRef(
        text="Rafah", name="Rafah", admin1="Gaza Strip", country="PS", latitude=31.29, longitude=34.25
    )
    istanbul = PlaceRef(
        text="Istanbul", name="Istanbul", admin1="Istanbul", country="TR", latitude=41.0, longitude=28.96
    )
    events = [
        Event(
            id="s1",
            plover_type="ASSAULT",
            acled_event_type="Explosions/Remote violence",
            acled_sub_event_type="Air/drone strike",
            actor1=(actor("Israeli aircraft", "Military Forces of Israel"),),
            actor2=(actor("three people", "Civilians (Palestine)"),),
            place=rafah,
            date=DateRef(date="2024-02-13", precision=Precision.DAY),
            fatalities_best=3,
            article_ids=(articles[0].id,),
        ),
        Event(
            id="s3",
            plover_type="COERCE",
            acled_event_type="Strategic developments",
            acled_sub_event_type="Arrests",
            actor1=(actor("Turkish police", "Police Forces of Turkey"),),
            actor2=(actor("Islamic State"),),
            place=istanbul,
            date=DateRef(date="2024-02-14", precision=Precision.DAY),
            article_ids=(articles[2].id,),
        ),
    ]
    report = evaluate(gold, articles, events)
    d = report.detection
    assert (d.tp, d.fp, d.fn) == (2, 0, 1)  # the Amman protest is missed
    assert report.fields["country"].value == 1.0  # "Palestine" vs PS, "Turkey" vs TR
    assert report.fields["fatalities_exact"].value == 1.0  # marsad's unknown reads as ACLED's 0
    assert report.fields["location_25km"].value == 1.0
    assert report.fields["acled_event_type"].value == 1.0
    assert report.fields["plover_type"].total == 0


def test_report_json_is_stable_and_complete() -> None:
    report = run(replace(perfect_events(), "e_strike", plover_type="COERCE"))
    data = report_json(report)
    text = json.dumps(data, sort_keys=True)
    assert json.loads(text) == data
    assert data["metrics"]["event_f1"] == 1.0
    assert data["metrics"]["plover_type"] == 0.75
    assert data["fields"]["plover_type"] == {"value": 0.75, "correct": 3, "total": 4}
    assert data["detection"]["tp"] == 4
    assert data["events"][0]["wrong"] == ["plover_type"]
    assert data["labels"]["plover_type"]["confusion"][0] == {"gold": "ACCUSE", "system": "ACCUSE", "count": 1}


def test_report_markdown_has_tables_and_event_list() -> None:
    events = replace([e for e in perfect_events() if e.id != "e_bombing"], "e_strike", fatalities_best=9)
    text = report_markdown(run(events))
    assert "| precision | 1.000 |" in text
    assert "| fatalities_exact | 0.000 | 0 / 1 |" in text
    assert "- **2b** (article 2, required): MISSED" in text
    assert "wrong: fatalities_exact (gold '2'" in text
    assert "| gold \\ system |" in text


def test_floors_check() -> None:
    data = report_json(run([e for e in perfect_events() if e.id != "e_bombing"]))
    assert floors_check(data, {"event_precision": 1.0, "plover_type": 0.9}) == []
    violations = floors_check(data, {"event_recall_required": 0.9, "nonsense": 0.1, "event_f1": 0.5})
    assert violations[0] == "event_recall_required: 0.667 is below floor 0.900"
    assert violations[1].startswith("nonsense: no such metric")
    assert len(violations) == 2
    nested = {"gold_digest": "0" * 64, "floors": {"event_f1": 0.5}}
    assert floors_check(data, nested) == [
        "gold_digest: the gold file changed since the floors were pinned; re-pin them"
    ]
    pinned = {"gold_digest": data["gold"]["digest"], "floors": {"event_f1": 0.5}}
    assert floors_check(data, pinned) == []


def test_floor_on_unscored_metric_is_a_violation() -> None:
    data = report_json(run([]))
    assert floors_check(data, {"plover_type": 0.5}) == ["plover_type: nothing was scored, below floor 0.500"]


@pytest.mark.parametrize(
    ("gold", "source", "org", "same"),
    [
        ("Pentagon (Maj. Gen. Patrick Ryder)", "Major General Patrick Ryder", None, True),
        ("Pentagon (Maj. Gen. Patrick Ryder)", "a spokesperson", "Pentagon", True),
        ("Iraqi police and militia sources", "Police and militia sources", None, True),
        ("Iraqi police and militia sources", "Iraqi officials", None, False),
        (
            "Informed sources to Asharq Al-Awsat (citing the PMF)",
            "sources who spoke to Asharq Al-Awsat",
            None,
            True,
        ),
        (
            "a Palestinian source; Hamas political bureau member Mohammed Nazzal",
            "Mohammed Nazzal",
            None,
            True,
        ),
        ("Sadiqoun bloc; MP Hassan Salem; Kais al-Khazali", "Qais al-Khazali", None, True),
        ("Syrian Interior Ministry", "Israeli army", None, False),
        ("article; Hezbollah MP Hussein Ezzedine", "the article", None, False),
    ],
)
def test_claim_source_matching(gold: str, source: str, org: str | None, same: bool) -> None:
    claim = Claim(source=source, source_org=org)
    assert claim_matches(gold_source_parts(gold), claim) is same


def test_admin1_is_scored_by_the_division_not_by_its_spelling() -> None:
    from marsad.evaluate.compare import admin1_match

    taizz = PlaceRef(text="Mokha", name="Mokha", admin1="Taizz", country="YE", latitude=13.3, longitude=43.25)
    assert admin1_match("Taiz", taizz)  # the gazetteer knows both spellings of one governorate
    assert admin1_match("Taizz Governorate", taizz)
    assert not admin1_match("Aden", taizz)
    assert not admin1_match("Taiz", dataclasses.replace(taizz, admin1=None))
