"""Follow-up reports that name a known happening with fewer details: a re-telling of the month before is a
near day, a report in a nearby town of one region is compared with it, a town the report names beside its
resolved city is one site, and an act a charge names is the happening it follows up (merge.compare,
merge.cluster). Our own sentences."""

from __future__ import annotations

import dataclasses

from builders import sentence_evidence
from marsad import merge
from marsad.merge import clues
from marsad.merge.cluster import _pairs
from marsad.merge.compare import Relation, date_relation, profile, report_place_relation
from marsad.records import ActorRef, Article, DateRef, Mention, PlaceRef, Precision
from test_merge_incremental import assert_batches_merge_like_the_whole


def _town(name: str, latitude: float) -> PlaceRef:
    return PlaceRef(
        text=name,
        name=name,
        country="ZZ",
        country_name="Zedland",
        admin1="North Province",
        latitude=latitude,
        longitude=20.0,
        geo_precision=1,
        resolved=True,
    )


CITY = _town("Port Amber", 10.0)
DISTRICT = _town("Old Port Amber", 10.02)  # a district of the city, spelled with its name
QUAY = _town("Harbour Quay", 10.03)  # a landmark the gazetteer places near the city
CIVILIANS = ActorRef(
    text="nine people",
    name="Civilians (Zedland)",
    actor_id="zz-civilians",
    actor_type="Civilians",
    country="ZZ",
    resolved=True,
)


def _report(
    article: str,
    body: str,
    told: str,
    *,
    published: str,
    place: PlaceRef,
    date_text: str | None = None,
    day: str | None = None,
    precision: Precision = Precision.DAY,
    background: bool = False,
    trigger: str = "",
) -> tuple[Article, Mention]:
    mention = Mention(
        id=f"{article}-1",
        article_id=article,
        plover_type="ASSAULT",
        plover_mode="explosives",
        actor2=(CIVILIANS,),
        place=place,
        date=DateRef(text=date_text, date=day or published, precision=precision),
        evidence=sentence_evidence(article, body, told),
        background=background,
        trigger=trigger,
    )
    return Article(id=article, title="", body=body, source="Test Wire", published=published), mention


BLAST = _report(
    "a-blast",
    "A car bomb kills nine people near the central market in Port Amber, Zedland.",
    "car bomb kills nine people",
    published="2025-04-02",
    place=CITY,
)
RECENT = _report(
    "b-recent",
    "Investigators say the recent car explosion in Old Port Amber was a suicide attack.",
    "recent car explosion",
    published="2025-04-09",
    place=DISTRICT,
    trigger="explosion",
)
LATE = _report(
    "c-late",
    "Investigators say the recent car explosion in Old Port Amber was a suicide attack.",
    "recent car explosion",
    published="2025-09-09",
    place=DISTRICT,
    trigger="explosion",
)


def _profile(report: tuple[Article, Mention]) -> merge.Profile:
    article, mention = report
    return profile(mention, article.body, article.published)


def _events(*reports: tuple[Article, Mention]) -> list[set[str]]:
    articles = {a.id: a for a, _ in reports}
    found = merge.merge([m for _, m in reports], articles)
    return sorted((set(e.article_ids) for e in found), key=sorted)


def test_a_retelling_of_the_month_before_is_a_near_day() -> None:
    assert date_relation(_profile(BLAST), _profile(RECENT)) is Relation.NEAR
    assert date_relation(_profile(RECENT), _profile(BLAST)) is Relation.NEAR


def test_a_retelling_months_later_is_not_evidence_of_the_day() -> None:
    assert date_relation(_profile(BLAST), _profile(LATE)) is Relation.UNKNOWN


def test_a_retold_report_in_a_town_of_the_region_meets_the_happening_and_joins_it() -> None:
    reports = [BLAST, RECENT]
    profiles = merge.prepare([m for _, m in reports], {a.id: a for a, _ in reports})
    pairs = {frozenset((profiles[i].article_id, profiles[j].article_id)) for i, j in _pairs(profiles)}
    assert frozenset(("a-blast", "b-recent")) in pairs
    # the day, the town of the region, the target and the mode are 4 points; a shared headline word makes 5
    titled = [(dataclasses.replace(a, title="Market car bombing"), m) for a, m in reports]
    assert _events(*titled) == [{"a-blast", "b-recent"}]
    assert _events(BLAST, LATE) == [{"a-blast"}, {"c-late"}]


def test_a_report_that_names_a_nearby_site_beside_its_city_is_at_that_site() -> None:
    at_city = _report(
        "d-city",
        "Gunmen open fire at Harbour Quay in Port Amber, killing nine people.",
        "Gunmen open fire at Harbour Quay in Port Amber",
        published="2025-04-02",
        place=CITY,
    )
    at_quay = _report(
        "e-quay",
        "The gunman of the attack on Harbour Quay is charged.",
        "attack on Harbour Quay",
        published="2025-04-05",
        place=QUAY,
        trigger="attack",
    )
    assert report_place_relation(_profile(at_city), _profile(at_quay)) is Relation.SAME
    assert report_place_relation(_profile(BLAST), _profile(at_quay)) is Relation.NEAR


def test_a_town_that_holds_the_report_place_is_only_its_address() -> None:
    in_district = _report(
        "f-district",
        "A bomb kills nine people in Old Port Amber, Port Amber.",
        "bomb kills nine people",
        published="2025-04-02",
        place=DISTRICT,
    )
    assert report_place_relation(_profile(in_district), _profile(BLAST)) is Relation.NEAR


def test_an_act_a_charge_names_is_no_background_for_the_merge() -> None:
    charged = _report(
        "g-charged",
        "A man is charged with murder for a car bombing that killed nine people in Port Amber in April.",
        "car bombing",
        published="2025-05-20",
        place=CITY,
        date_text="in April",
        day="2025-04-15",
        precision=Precision.MONTH,
        background=True,
        trigger="bombing",
    )
    found = _profile(charged)
    assert charged[1].background and not found.background
    assert _events(BLAST, charged) == [{"a-blast", "g-charged"}]


def test_a_recollection_that_retells_nothing_stays_background() -> None:
    recalled = _report(
        "h-recalled",
        "The market reopened, a year on from the car bombing of April.",
        "car bombing of April",
        published="2025-05-20",
        place=CITY,
        date_text="of April",
        day="2025-04-15",
        precision=Precision.MONTH,
        background=True,
        trigger="bombing",
    )
    assert _profile(recalled).background
    assert _events(BLAST, recalled) == [{"a-blast"}, {"h-recalled"}]


def test_incremental_merge_with_follow_ups_equals_the_full_merge() -> None:
    assert_batches_merge_like_the_whole([BLAST, RECENT, LATE], orders=4, parts=2)


def test_the_deed_an_accusation_names_is_a_retelling() -> None:
    sentence = "Police detain three men, accusing them of bombing the depot yesterday."
    assert clues.retold_by_lead(sentence, sentence.index("bombing"), "bombing")
    sentence = "Police detain three men after the bombing of the depot yesterday."
    assert not clues.retold_by_lead(sentence, sentence.index("bombing"), "bombing")
