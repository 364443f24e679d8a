"""Unit tests of the merge stage: figures, comparisons, ids, scores. Corpus tests: test_merge_corpus.py."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad import merge
from marsad.merge.compare import Relation, actor_relations, date_relation, place_relation, profile
from marsad.records import (
    ActorRef,
    Article,
    Claim,
    DateRef,
    Event,
    Evidence,
    Figure,
    FigureKind,
    Mention,
    Modality,
    PlaceRef,
    Precision,
    to_json,
)

BAGHDAD = PlaceRef(
    text="Baghdad", name="Baghdad", admin1="Baghdad", country="IQ", latitude=33.34, longitude=44.40,
    geo_precision=1, resolved=True,
)  # fmt: skip
ABU_GHRAIB = PlaceRef(
    text="Abu Ghraib", name="Abu Ghraib", admin1="Baghdad", country="IQ", latitude=33.29, longitude=44.07,
    geo_precision=1, resolved=True,
)  # fmt: skip
BASRA = PlaceRef(
    text="Basra", name="Basra", admin1="Basra", country="IQ", latitude=30.51, longitude=47.78,
    geo_precision=1, resolved=True,
)  # fmt: skip
BAGHDAD_REGION = PlaceRef(text="Baghdad province", name="Baghdad Governorate", admin1="Baghdad", country="IQ",
                          geo_precision=3, resolved=True)  # fmt: skip
US = ActorRef(text="US forces", name="Military Forces of the United States", actor_id="us", resolved=True)
NUJABA = ActorRef(
    text="Nujaba", name="Harakat al-Nujaba", org="Harakat al-Nujaba", actor_id="nj", resolved=True
)
KH = ActorRef(text="Kataib Hezbollah", name="Kataib Hezbollah", actor_id="kh", resolved=True)
DAY = DateRef(text="Thursday", date="2024-01-04", precision=Precision.DAY)
ARTICLES = {
    "a1": Article(id="a1", title="t", body="", source="Tigris Wire", published="2024-01-04"),
    "a2": Article(id="a2", title="t", body="", source="Levant Ledger", published="2024-01-04"),
    "a3": Article(id="a3", title="t", body="", source="Gulf Herald", published="2024-01-05"),
    "a0": Article(id="a0", title="t", body="", source="Cedar Post", published="2024-01-03"),
}


def mk(mid: str, article: str = "a1", text: str = "", **fields: Any) -> Mention:
    """A mention with sensible defaults: an asserted US air strike on Nujaba in Baghdad on 4 January."""
    start = int(mid.rsplit("-", 1)[-1]) * 200 if "-" in mid else 0
    text = text or f"A strike in Baghdad, report {mid}."
    evidence = Evidence(article_id=article, start=start, end=start + len(text), text=text)
    defaults: dict[str, Any] = {
        "plover_type": "ASSAULT",
        "plover_mode": "aerial",
        "actor1": (US,),
        "actor2": (NUJABA,),
        "place": BAGHDAD,
        "date": DAY,
    }
    defaults.update(fields)
    return Mention(id=mid, article_id=article, evidence=evidence, **defaults)


def killed(
    source: str, low: int, high: int | None = None, *, evidence: Evidence | None = None, **more: int
) -> Claim:
    figures = [
        Figure(kind=FigureKind.KILLED, low=low, high=low if high is None and "open" not in more else high)
    ]
    figures += [Figure(kind=FigureKind(kind), low=n, high=n) for kind, n in more.items() if kind != "open"]
    return Claim(source=source, source_kind="official", figures=tuple(figures), evidence=evidence)


def one(events: list[Event]) -> Event:
    assert len(events) == 1, [e.mention_ids for e in events]
    return events[0]


# --- figures -------------------------------------------------------------------------------------


def test_seed_like_figures_low_high_best_injured() -> None:
    """Seed event 1a: the Pentagon says 2, police 4, informed sources 2 killed and 7 injured."""
    mentions = [
        mk("m-1", claims=(killed("the Pentagon", 2),)),
        mk("m-2", actor1=(), actor2=(), claims=(killed("police sources", 4),)),
        mk("m-3", actor1=(), claims=(killed("informed sources", 2, injured=7),)),
    ]
    event = one(merge.merge(mentions, ARTICLES))
    assert (event.fatalities_low, event.fatalities_high, event.fatalities_best) == (2, 4, 2)
    assert event.injured == 7
    assert len(event.claims) == 3
    assert event.sources == ("Tigris Wire",)


def test_best_rises_only_when_a_higher_figure_is_corroborated() -> None:
    single = [mk("m-1", claims=(killed("the army", 2),)), mk("m-2", claims=(killed("medics", 4),))]
    assert one(merge.merge(single, ARTICLES)).fatalities_best == 2
    corroborated = [*single, mk("m-3", claims=(killed("witnesses", 4),))]
    assert one(merge.merge(corroborated, ARTICLES)).fatalities_best == 4


def test_one_source_named_twice_does_not_corroborate() -> None:
    mentions = [
        mk("m-1", claims=(killed("the army", 2),)),
        mk("m-2", claims=(killed("police sources", 4),)),
        mk("n-1", article="a2", claims=(killed("the police", 4),)),
    ]
    assert merge.merge(mentions, ARTICLES)[0].fatalities_best == 2


def test_at_least_figure_counts_its_low_as_high() -> None:
    mentions = [
        mk("m-1", claims=(killed("medics", 3, None, open=1),)),
        mk("m-2", claims=(killed("army", 5),)),
    ]
    event = one(merge.merge(mentions, ARTICLES))
    assert (event.fatalities_low, event.fatalities_high, event.fatalities_best) == (3, 5, 3)


def test_described_victims_bound_the_toll_from_below() -> None:
    # "its deputy head had been killed" names one victim; it does not report a toll of one
    named = Claim(
        source="the PMF", figures=(Figure(kind=FigureKind.KILLED, low=1, high=1, text="deputy head"),)
    )
    mentions = [mk("m-1", claims=(named,)), mk("m-2", claims=(killed("the Pentagon", 2),)),
                mk("m-3", claims=(killed("police sources", 4),))]  # fmt: skip
    event = one(merge.merge(mentions, ARTICLES))
    assert (event.fatalities_low, event.fatalities_high, event.fatalities_best) == (2, 4, 2)
    alone = one(merge.merge([mk("m-1", claims=(named,))], ARTICLES))
    assert (alone.fatalities_low, alone.fatalities_high) == (1, 1)


def test_identical_claims_are_kept_once() -> None:
    ev = Evidence(article_id="a1", start=0, end=5, text="xxxxx")
    claim = killed("the Pentagon", 2, evidence=ev)
    event = one(merge.merge([mk("m-1", claims=(claim,)), mk("m-2", claims=(claim,))], ARTICLES))
    assert event.claims == (claim,)


def test_figures_without_a_claim_become_the_outlets_claim() -> None:
    figure = Figure(kind=FigureKind.ARRESTED, low=3, high=3, text="three")
    event = one(
        merge.merge([mk("m-1", plover_type="COERCE", plover_mode="arrest", figures=(figure,))], ARTICLES)
    )
    assert event.arrested == 3
    assert event.claims[0].source == "Tigris Wire"
    assert event.claims[0].evidence is not None


def test_an_unattributed_claim_is_the_outlets() -> None:
    said = Claim(
        source="article", source_kind="outlet", figures=(Figure(kind=FigureKind.KILLED, low=2, high=2),)
    )
    event = one(merge.merge([mk("m-1", claims=(said,)), mk("m-2", article="a2", claims=(said,))], ARTICLES))
    assert sorted(claim.source for claim in event.claims) == ["Levant Ledger", "Tigris Wire"]
    assert {claim.source_kind for claim in event.claims} == {"outlet"}


# --- what merges and what stays apart ------------------------------------------------------------


def test_within_article_mentions_merge_with_missing_fields() -> None:
    mentions = [
        mk("m-1"),
        mk("m-2", actor1=(), place=None, date=DateRef()),
        mk("m-3", actor2=(ActorRef(text="a vehicle"),), plover_mode="drone"),
    ]
    assert one(merge.merge(mentions, ARTICLES)).mention_ids == ("m-1", "m-2", "m-3")


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"actor2": (KH,)}, "different resolved target"),
        ({"place": BASRA}, "another town"),
        ({"date": DateRef(date="2024-01-05", precision=Precision.DAY)}, "the next day"),
        ({"plover_type": "COERCE", "plover_mode": "arrest"}, "another type"),
        ({"modality": Modality.NEGATED}, "negated"),
        ({"background": True}, "recalled from the past"),
        ({"actor1": (NUJABA,), "actor2": (US,)}, "the reprisal: roles reversed"),
    ],
)
def test_conflicting_mentions_stay_apart_even_in_one_article(change: dict[str, Any], why: str) -> None:
    assert len(merge.merge([mk("m-1"), mk("m-2", **change)], ARTICLES)) == 2, why


CIVILIANS = ActorRef(text="four people", name="Civilians (Iraq)", actor_type="Civilians", resolved=True)


def test_civilian_victims_join_the_strike_within_an_article_only() -> None:
    """The seed's police account ("killed four people") is the headline's strike on Nujaba."""
    police = mk("m-2", text="Rockets hit a vehicle and killed four people.", actor1=(), actor2=(CIVILIANS,))
    assert len(merge.merge([mk("m-1"), police], ARTICLES)) == 1
    elsewhere = dataclasses.replace(police, id="n-1", article_id="a2")
    assert len(merge.merge([mk("m-1"), elsewhere], ARTICLES)) == 2


def test_coerce_modes_must_agree_assault_modes_need_not() -> None:
    arrest = mk("m-1", plover_type="COERCE", plover_mode="arrest")
    seize = mk("m-2", plover_type="COERCE", plover_mode="seize")
    assert len(merge.merge([arrest, seize], ARTICLES)) == 2
    assert len(merge.merge([mk("m-1"), mk("m-2", plover_mode="drone")], ARTICLES)) == 1


def test_unresolved_landmark_does_not_split_an_article() -> None:
    street = mk("m-2", place=PlaceRef(text="Palestine Street"), actor1=())
    assert len(merge.merge([mk("m-1"), street], ARTICLES)) == 1


def test_cross_article_merge_needs_evidence() -> None:
    vague = dict(actor1=(), actor2=(), place=None, date=DateRef())
    assert len(merge.merge([mk("m-1", **vague), mk("n-1", article="a2", **vague)], ARTICLES)) == 2
    assert len(merge.merge([mk("m-1"), mk("n-1", article="a2")], ARTICLES)) == 1


def test_unresolved_different_targets_merge_within_but_not_across_articles() -> None:
    depot = mk("m-1", text="Jets bombed a weapons depot.", actor2=(ActorRef(text="a weapons depot"),))
    market = mk("m-2", text="A missile fell on a crowded market.", actor2=(ActorRef(text="a market"),))
    assert len(merge.merge([depot, market], ARTICLES)) == 1  # one article: one happening told twice
    market_elsewhere = dataclasses.replace(market, article_id="a2")
    assert len(merge.merge([depot, market_elsewhere], ARTICLES)) == 2


def test_a_report_that_fits_two_events_equally_joins_neither() -> None:
    nujaba = mk("m-1", text="A drone hit the Nujaba base.")
    kh = mk("m-2", text="Jets bombed a Kataib Hezbollah depot.", actor2=(KH,))
    vague = mk("n-1", article="a2", text="US aircraft struck a target in the capital.", actor2=())
    events = merge.merge([nujaba, kh, vague], ARTICLES)
    assert [e.mention_ids for e in events] == [("m-1",), ("m-2",), ("n-1",)]
    named = dataclasses.replace(vague, named_casualties=("Abu Taqwa",))
    with_name = merge.merge(
        [dataclasses.replace(nujaba, named_casualties=("Abu Taqwa",)), kh, named], ARTICLES
    )
    assert ("m-1", "n-1") in [e.mention_ids for e in with_name]


def test_chains_do_not_glue_conflicting_mentions() -> None:
    """A vague mention compatible with two different strikes joins one of them, not both."""
    mentions = [mk("m-1"), mk("m-2", actor2=(KH,)), mk("m-3", actor2=(), place=None)]
    events = merge.merge(mentions, ARTICLES)
    assert len(events) == 2
    assert sorted(len(e.mention_ids) for e in events) == [1, 2]


def test_symmetric_meeting_merges_with_roles_swapped() -> None:
    egypt = ActorRef(text="Egypt", name="Government of Egypt", resolved=True)
    hamas = ActorRef(text="Hamas", name="Hamas", resolved=True)
    a = mk("m-1", plover_type="CONSULT", plover_mode=None, actor1=(hamas,), actor2=(egypt,))
    b = mk("n-1", article="a2", plover_type="CONSULT", plover_mode=None, actor1=(egypt,), actor2=(hamas,))
    event = one(merge.merge([a, b], ARTICLES))
    assert [x.label for x in event.actor1] == ["Hamas"]


# --- comparisons ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (BAGHDAD, BAGHDAD, Relation.SAME),
        (BAGHDAD, dataclasses.replace(BAGHDAD, text="eastern Baghdad"), Relation.SAME),
        (BAGHDAD, PlaceRef(text="eastern Baghdad"), Relation.NEAR),
        (BAGHDAD, ABU_GHRAIB, Relation.CLASH),  # about 31 km apart
        (ABU_GHRAIB, BAGHDAD_REGION, Relation.NEAR),  # a town in its region
        (BAGHDAD, BASRA, Relation.CLASH),
        (BAGHDAD, PlaceRef(text="Iraq", name="Iraq", country="IQ", country_name="Iraq"), Relation.NEAR),
        (BAGHDAD, dataclasses.replace(BASRA, country="SY"), Relation.CLASH),
        (BAGHDAD, None, Relation.UNKNOWN),
        (BAGHDAD, PlaceRef(text="Palestine Street"), Relation.MISMATCH),  # unresolved: may be inside
    ],
)
def test_place_relation(a: PlaceRef, b: PlaceRef | None, expected: Relation) -> None:
    assert place_relation(a, b) is expected
    assert place_relation(b, a) is expected


def test_places_within_25_km_are_near() -> None:
    damascus = PlaceRef(text="Damascus", name="Damascus", country="SY", latitude=33.51, longitude=36.29)
    qudsaya = PlaceRef(text="Qudsaya", name="Qudsaya", country="SY", latitude=33.53, longitude=36.23)
    assert place_relation(damascus, qudsaya) is Relation.NEAR


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (DAY, DAY, Relation.SAME),
        (DAY, DateRef(date="2024-01-06", precision=Precision.WEEK), Relation.NEAR),
        (DAY, DateRef(date="2024-01-15", precision=Precision.MONTH), Relation.NEAR),
        (DAY, DateRef(date="2024-01-05", precision=Precision.DAY), Relation.CLASH),
        (DAY, DateRef(date="2020", precision=Precision.YEAR), Relation.CLASH),
        (DateRef(text="on Monday"), DateRef(text="Monday"), Relation.NEAR),
        (DateRef(text="on Monday"), DateRef(text="Sunday night"), Relation.CLASH),
        (DateRef(text="recently"), DateRef(text="Monday"), Relation.UNKNOWN),
        (DAY, DateRef(), Relation.UNKNOWN),
    ],
)
def test_date_relation(a: DateRef, b: DateRef, expected: Relation) -> None:
    pa, pb = profile(mk("m-1", date=a), ""), profile(mk("m-2", date=b), "")
    assert date_relation(pa, pb) is expected
    assert date_relation(pb, pa) is expected


PMF = ActorRef(text="the PMF", name="Popular Mobilization Forces", actor_id="pmf", resolved=True)
NUJABA_IN_PMF = dataclasses.replace(NUJABA, parent="Popular Mobilization Forces")
KH_IN_PMF = dataclasses.replace(KH, parent="Popular Mobilization Forces")
US_GOV = ActorRef(
    text="Washington", name="Government of the United States", country="US", sector="GOV", resolved=True
)
US_MIL = dataclasses.replace(US, country="US", sector="MIL")


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((NUJABA_IN_PMF,), (PMF,), Relation.SAME),  # a faction and its umbrella
        ((NUJABA_IN_PMF,), (KH_IN_PMF,), Relation.CLASH),  # sibling factions
        ((US_GOV,), (US_MIL,), Relation.NEAR),  # organs of one state
        ((NUJABA,), (ActorRef(text="gunmen"),), Relation.UNKNOWN),
        ((ActorRef(text="a depot"),), (ActorRef(text="a market"),), Relation.MISMATCH),
        ((), (KH,), Relation.UNKNOWN),
        (
            (dataclasses.replace(NUJABA, text="the group"),),
            (dataclasses.replace(KH, text="the group"),),
            Relation.CLASH,
        ),
        ((ActorRef(text="Nujaba"),), (NUJABA,), Relation.SAME),  # unresolved words match a resolved actor's
    ],
)
def test_role_relation(a: tuple[ActorRef, ...], b: tuple[ActorRef, ...], expected: Relation) -> None:
    pa, pb = profile(mk("m-1", actor2=a), ""), profile(mk("m-2", actor2=b), "")
    assert actor_relations(pa, pb)[1] is expected
    assert actor_relations(pb, pa)[1] is expected


# --- event fields --------------------------------------------------------------------------------


def test_acled_precedence_follows_the_hierarchy() -> None:
    shelling = mk("m-1", acled_event_type="Explosions/Remote violence",
                  acled_sub_event_type="Shelling/artillery/missile attack")  # fmt: skip
    air = mk("m-2", acled_event_type="Explosions/Remote violence", acled_sub_event_type="Air/drone strike")
    event = one(merge.merge([shelling, air], ARTICLES))
    assert event.acled_sub_event_type == "Air/drone strike"
    battle = mk("m-3", acled_event_type="Battles", acled_sub_event_type="Armed clash")
    assert one(merge.merge([shelling, battle], ARTICLES)).acled_event_type == "Battles"


def test_acled_type_follows_the_reports_of_the_event_mode() -> None:
    # "a drone strike hit..." (aerial) and "the strike killed two" (no weapon named, read as a clash)
    aerial = mk("m-1", plover_mode="aerial", acled_event_type="Explosions/Remote violence",
                acled_sub_event_type="Air/drone strike")  # fmt: skip
    aerial2 = mk("m-2", plover_mode="aerial", acled_event_type="Explosions/Remote violence",
                 acled_sub_event_type="Air/drone strike")  # fmt: skip
    bare = mk("m-3", plover_mode=None, acled_event_type="Battles", acled_sub_event_type="Armed clash")
    event = one(merge.merge([aerial, aerial2, bare], ARTICLES))
    assert (event.plover_mode, event.acled_sub_event_type) == ("aerial", "Air/drone strike")


def test_event_fields_are_unions_and_most_precise_choices() -> None:
    week = DateRef(text="this week", date="2024-01-03", precision=Precision.WEEK)
    mentions = [
        mk("m-1", date=week, place=BAGHDAD_REGION, weapons=("rockets",), named_casualties=("Abu Taqwa",)),
        mk("m-2", weapons=("Rockets", "drone"), actor2=(NUJABA, ActorRef(text="his aide"))),
        mk("m-3", article="a3", named_casualties=("Mushtaq al-Saidi",)),
    ]
    event = one(merge.merge(mentions, ARTICLES))
    assert event.date == DAY
    assert event.place == BAGHDAD
    assert event.weapons == ("drone", "rockets")
    assert event.named_casualties == ("Abu Taqwa", "Mushtaq al-Saidi")
    assert event.actor2 == (NUJABA,)  # unresolved names are dropped when a resolved one exists
    assert event.mention_ids == ("m-1", "m-2", "m-3")
    assert event.article_ids == ("a1", "a3")
    assert event.sources == ("Gulf Herald", "Tigris Wire")
    assert "3 mentions, 2 articles, 2 outlets" in event.notes


def test_missing_article_gives_unknown_outlet() -> None:
    event = one(
        merge.merge([mk("m-1", article="zz", figures=(Figure(kind=FigureKind.KILLED, low=1, high=1),))], {})
    )
    assert event.sources == ("unknown",)
    assert event.claims[0].source == "unknown"


def test_empty_input() -> None:
    assert merge.merge([], ARTICLES) == []


# --- ids, incrementality, order ------------------------------------------------------------------


def test_event_id_comes_from_the_founding_mention() -> None:
    first = [mk("m-1"), mk("m-2")]
    event = one(merge.merge(first, ARTICLES))
    assert event.id == merge.event_id(first[0])
    later = one(merge.merge([*first, mk("n-1", article="a3")], ARTICLES))
    assert later.id == event.id and "a3" in later.article_ids


def test_documented_limit_an_earlier_report_takes_over_the_id() -> None:
    first = [mk("m-1"), mk("m-2")]
    event = one(merge.merge(first, ARTICLES))
    earlier = one(merge.merge([*first, mk("n-1", article="a0")], ARTICLES))
    assert earlier.id != event.id
    assert earlier.id == merge.event_id(mk("n-1", article="a0"))


def test_duplicate_ids_with_different_content_resolve_deterministically() -> None:
    a, b = mk("m-1"), mk("m-1", plover_mode="drone")
    assert merge.merge([a, b], ARTICLES) == merge.merge([b, a], ARTICLES)


_TYPES = ("ASSAULT", "COERCE", "CONSULT")
_ACTORS = ((), (US,), (NUJABA,), (KH,), (ActorRef(text="gunmen"),))
_PLACES = (None, BAGHDAD, ABU_GHRAIB, BASRA, BAGHDAD_REGION)
_DATES = (DateRef(), DAY, DateRef(date="2024-01-05", precision=Precision.DAY),
          DateRef(date="2024-01-03", precision=Precision.WEEK), DateRef(text="Thursday"))  # fmt: skip

_spec = st.tuples(*(st.integers(0, n - 1) for n in (3, 5, 5, 5, 5, 3)))


def _random_mention(n: int, spec: tuple[int, ...]) -> Mention:
    t, a1, a2, p, d, art = spec
    return mk(f"m-{n}", article=f"a{art + 1}", plover_type=_TYPES[t], plover_mode=None, actor1=_ACTORS[a1],
              actor2=_ACTORS[a2], place=_PLACES[p], date=_DATES[d])  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(_spec, min_size=1, max_size=14), st.randoms(use_true_random=False))
def test_random_mentions_merge_identically_in_any_order(specs: list[tuple[int, ...]], rnd: Any) -> None:
    mentions = [_random_mention(n, spec) for n, spec in enumerate(specs)]
    expected = [to_json(e) for e in merge.merge(mentions, ARTICLES)]
    rnd.shuffle(mentions)
    assert [to_json(e) for e in merge.merge(mentions, ARTICLES)] == expected


# --- scores --------------------------------------------------------------------------------------


def test_score_clusters_known_values() -> None:
    events = [Event(id="x", plover_type="ASSAULT", mention_ids=("a", "b", "c")),
              Event(id="y", plover_type="ASSAULT", mention_ids=("d", "zzz"))]  # fmt: skip
    scores = merge.score_clusters(events, {"g1": ["a", "b"], "g2": ["c", "d"]})
    assert scores["pairwise_precision"] == pytest.approx(1 / 3)
    assert scores["pairwise_recall"] == pytest.approx(1 / 2)
    assert scores["bcubed_precision"] == pytest.approx(2 / 3)
    assert scores["bcubed_recall"] == pytest.approx(3 / 4)
    assert scores["mentions"] == 4


def test_score_clusters_perfect_and_missing() -> None:
    events = [Event(id="x", plover_type="ASSAULT", mention_ids=("a", "b"))]
    assert merge.score_clusters(events, [["a", "b"]])["bcubed_f1"] == 1.0
    missing = merge.score_clusters([], [["a", "b"], ["c"]])
    assert missing["pairwise_recall"] == 0.0 and missing["bcubed_precision"] == 1.0


def test_claim_sources_counts_distinct_sources() -> None:
    mentions = [
        mk("m-1", claims=(killed("the Pentagon", 2),)),
        mk("m-2", claims=(killed("police sources", 4),)),
        mk("n-1", article="a2", claims=(killed("Police", 4), killed("The Pentagon", 2))),
    ]
    event = one(merge.merge(mentions, ARTICLES))
    assert merge.claim_sources(event.claims) == ("pentagon", "police")
    assert len(event.sources) == 2
