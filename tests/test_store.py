"""The SQLite store: round trips, upserts, filters, full-text search."""

from __future__ import annotations

import dataclasses
import sqlite3
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.errors import ConfigError
from marsad.records import (
    ActorRef,
    Claim,
    DateRef,
    Event,
    Evidence,
    Figure,
    FigureKind,
    Modality,
    PlaceRef,
    Precision,
    SourceSpan,
)
from marsad.store import EventQuery, Store, open_store
from test_store_samples import articles, events, mentions, rejections


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = open_store(tmp_path / "marsad.db")
    opened.add_articles(articles())
    opened.add_mentions(mentions())
    opened.replace_events(events())
    return opened


def ids(found: list[object]) -> list[str]:
    return [item.id for item in found]  # type: ignore[attr-defined]


# -- round trips ------------------------------------------------------------------------------


def test_articles_round_trip(store: Store) -> None:
    assert store.articles() == articles()
    assert store.article("art-latakia") == articles()[1]
    assert store.article("nope") is None


def test_articles_by_ids_keep_stored_order(store: Store) -> None:
    found = store.articles(iter(["art-cairo", "art-baghdad", "missing"]))
    assert ids(found) == ["art-baghdad", "art-cairo"]
    assert store.articles([]) == []


def test_mentions_round_trip(store: Store) -> None:
    assert store.mentions() == mentions()
    assert store.mentions(["art-latakia"]) == [mentions()[1]]


def test_events_round_trip(store: Store) -> None:
    by_id = {event.id: event for event in events()}
    order = ["ev-baghdad-strike", "ev-lebanon-2024", "ev-latakia-arrests", "ev-cairo-talks"]
    assert store.events() == [by_id[event_id] for event_id in order]
    for event in events():
        assert store.event(event.id) == event
    assert store.event("nope") is None


def test_rejections_round_trip(store: Store) -> None:
    assert store.add_rejections(rejections(), run_id="run-1") == 2
    assert store.rejections() == rejections()
    assert store.rejections("art-cairo") == [rejections()[1]]


def test_relational_tables_are_filled(store: Store) -> None:
    conn = store._conn
    claims = conn.execute("SELECT count(*) FROM claims WHERE event_id = 'ev-baghdad-strike'").fetchone()[0]
    assert claims == 2
    figures = conn.execute(
        "SELECT kind, low, high FROM claim_figures WHERE claim_id = ? ORDER BY position",
        ("event:ev-baghdad-strike:1",),
    ).fetchall()
    assert figures == [("killed", 4, 4), ("injured", 7, 7)]
    evidence = conn.execute("SELECT evidence_text FROM claims WHERE id = 'mention:m-strike:0'").fetchone()[0]
    assert evidence.startswith("The Pentagon said")
    actors = dict(conn.execute("SELECT key, type FROM actors").fetchall())
    assert actors["nujaba"] == "Political militia"
    assert "geonames:98182" in {row[0] for row in conn.execute("SELECT key FROM places")}
    links = conn.execute(
        "SELECT mention_id FROM event_mentions WHERE event_id = 'ev-baghdad-strike'"
    ).fetchall()
    assert links == [("m-strike",)]


# -- upserts ----------------------------------------------------------------------------------


def test_rerunning_the_same_input_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    with open_store(path) as store:
        assert store.add_articles(articles()) == 3
        assert store.add_mentions(mentions()) == 2
        assert store.add_rejections(rejections()) == 2
        store.replace_events(events())
    before = _dump(path)
    with open_store(path) as store:
        assert store.add_articles(articles()) == 0
        assert store.add_mentions(mentions()) == 0
        assert store.add_rejections(rejections()) == 0
        store.replace_events(events())
        assert store.articles() == articles()
        assert store.mentions() == mentions()
    assert _dump(path) == before


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_new_locations_of_a_known_article_are_appended(store: Store) -> None:
    again = dataclasses.replace(
        articles()[0],
        source=None,  # a later copy without metadata keeps what we knew
        locations=(
            SourceSpan(path="news/a.txt", start=0, end=900, line=1),
            SourceSpan(path="news/copy.txt", start=10, end=910, line=2),
        ),
    )
    assert store.add_articles([again]) == 0
    stored = store.article("art-baghdad")
    assert stored is not None
    assert stored.source == "Asharq Al-Awsat"
    assert [span.path for span in stored.locations] == ["news/a.txt", "news/copy.txt"]


def test_mention_upsert_replaces_its_claims(store: Store) -> None:
    changed = dataclasses.replace(mentions()[0], claims=mentions()[0].claims[:1])
    assert store.add_mentions([changed]) == 0
    assert store.mentions(["art-baghdad"]) == [changed]
    count = store._conn.execute("SELECT count(*) FROM claims WHERE mention_id = 'm-strike'").fetchone()[0]
    assert count == 1


def test_replace_events_drops_old_events(store: Store) -> None:
    store.replace_events(events()[:1])
    assert ids(store.events()) == ["ev-baghdad-strike"]
    assert store._conn.execute("SELECT count(*) FROM claims WHERE event_id IS NOT NULL").fetchone()[0] == 2
    assert store._conn.execute("SELECT count(*) FROM event_actors").fetchone()[0] == 2


def test_rejections_in_different_runs_are_all_kept(store: Store) -> None:
    assert store.add_rejections(rejections(), run_id="a") == 2
    assert store.add_rejections(rejections(), run_id="b") == 2
    assert len(store.rejections()) == 4


# -- filters ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (EventQuery(country="IQ"), ["ev-baghdad-strike"]),
        (EventQuery(country="iq"), ["ev-baghdad-strike"]),
        (EventQuery(country="Iraq"), ["ev-baghdad-strike"]),
        (EventQuery(country="IRQ"), ["ev-baghdad-strike"]),
        (EventQuery(country="syria"), ["ev-latakia-arrests"]),
        (EventQuery(country="Egypt"), ["ev-cairo-talks"]),
        (EventQuery(country="Atlantis"), []),
        (EventQuery(country="lebanon"), ["ev-lebanon-2024"]),  # no stored name: from the ISO code
        (EventQuery(admin1="latakia"), ["ev-latakia-arrests"]),
        (EventQuery(plover_type="consult"), ["ev-cairo-talks"]),
        (EventQuery(acled_event_type="Strategic developments"), ["ev-latakia-arrests"]),
        (EventQuery(since="2025-01-01"), ["ev-latakia-arrests"]),
        (EventQuery(until="2024-01-04"), ["ev-baghdad-strike"]),  # a year-only date sits mid-year
        (EventQuery(since="2024-01-05", until="2024-12-31"), ["ev-lebanon-2024"]),
        (EventQuery(since="2024", until="2024"), ["ev-baghdad-strike", "ev-lebanon-2024"]),
        (EventQuery(since="2024-02"), ["ev-lebanon-2024", "ev-latakia-arrests"]),
        (EventQuery(actor="nujaba"), ["ev-baghdad-strike"]),
        (EventQuery(actor="MILITARY FORCES"), ["ev-baghdad-strike", "ev-lebanon-2024"]),
        (EventQuery(actor="us forces"), ["ev-baghdad-strike"]),
        (EventQuery(actor="suspects"), ["ev-latakia-arrests"]),
        (EventQuery(q="militia headquarters"), ["ev-baghdad-strike"]),
        (EventQuery(q="detain"), ["ev-latakia-arrests"]),  # porter stemming: detained
        (EventQuery(q="al-Nujaba"), ["ev-baghdad-strike"]),  # hyphen: searched literally
        (EventQuery(q="Gaza"), ["ev-lebanon-2024", "ev-cairo-talks"]),
        (EventQuery(article_id="art-cairo"), ["ev-lebanon-2024", "ev-cairo-talks"]),
        (EventQuery(article_id="art-none"), []),
        (EventQuery(has_fatalities=True), ["ev-baghdad-strike"]),
        (EventQuery(has_fatalities=False), ["ev-lebanon-2024", "ev-latakia-arrests", "ev-cairo-talks"]),
        (EventQuery(include_background=False), ["ev-baghdad-strike", "ev-latakia-arrests", "ev-cairo-talks"]),
        (EventQuery(background_only=True), ["ev-lebanon-2024"]),
        (EventQuery().with_background("only"), ["ev-lebanon-2024"]),
        (EventQuery(modalities=("asserted",), country="IQ"), ["ev-baghdad-strike"]),
        (EventQuery(modalities=("planned", "negated")), []),
        (EventQuery(actor="Hizballah", actor_aliases=("Hezbollah",)), ["ev-lebanon-2024"]),
        (EventQuery(country="IQ", plover_type="COERCE"), []),
        (EventQuery(limit=2), ["ev-baghdad-strike", "ev-lebanon-2024"]),
        (EventQuery(limit=2, offset=1), ["ev-lebanon-2024", "ev-latakia-arrests"]),
        (EventQuery(offset=3), ["ev-cairo-talks"]),
        (
            EventQuery(order="-date"),
            ["ev-latakia-arrests", "ev-lebanon-2024", "ev-baghdad-strike", "ev-cairo-talks"],
        ),
        (EventQuery(order="-fatalities", limit=1), ["ev-baghdad-strike"]),
        (EventQuery(order="fatalities", country="IQ"), ["ev-baghdad-strike"]),
        (
            EventQuery(order="type"),
            ["ev-baghdad-strike", "ev-lebanon-2024", "ev-latakia-arrests", "ev-cairo-talks"],
        ),
    ],
)
def test_event_filters(store: Store, query: EventQuery, expected: list[str]) -> None:
    assert ids(store.events(query)) == expected
    counted = dataclasses.replace(query, limit=None, offset=0)
    assert store.count_events(query) == len(store.events(counted))


def test_default_order_is_by_date_with_undated_last(store: Store) -> None:
    assert ids(store.events()) == [
        "ev-baghdad-strike",
        "ev-lebanon-2024",
        "ev-latakia-arrests",
        "ev-cairo-talks",
    ]
    assert store.count_events() == 4


def test_country_names_pycountry_lacks(tmp_path: Path) -> None:
    event = events()[3]
    moved = [
        dataclasses.replace(event, id="ps", place=PlaceRef(text="Gaza City", country="PS")),
        dataclasses.replace(event, id="tr", place=PlaceRef(text="Ankara", country="TR")),
    ]
    with open_store(tmp_path / "c.db") as store:
        store.replace_events(moved)
        assert ids(store.events(EventQuery(country="Palestine"))) == ["ps"]
        assert ids(store.events(EventQuery(country="turkey"))) == ["tr"]
        assert ids(store.events(EventQuery(country="Türkiye"))) == ["tr"]


def test_actor_filter_matches_non_ascii_names(tmp_path: Path) -> None:
    event = events()[3]
    renamed = dataclasses.replace(
        event, actor2=(dataclasses.replace(event.actor2[0], text="Ḥizb Allāh", name="ḤIZB ALLĀH"),)
    )
    with open_store(tmp_path / "x.db") as store:
        store.replace_events([renamed])
        assert ids(store.events(EventQuery(actor="ḥizb allāh"))) == ["ev-lebanon-2024"]


@pytest.mark.parametrize(
    "bad",
    [{"order": "random"}, {"since": "04/01/2024"}, {"limit": -1}, {"offset": -3}],
)
def test_bad_queries_say_what_to_do(bad: dict[str, object]) -> None:
    with pytest.raises(ConfigError):
        EventQuery(**bad)  # type: ignore[arg-type]


# -- full-text search -------------------------------------------------------------------------


def test_search_articles_returns_ids_and_snippets(store: Store) -> None:
    found = store.search_articles("drone")
    assert [article_id for article_id, _ in found] == ["art-baghdad"]
    assert "[drone]" in found[0][1].lower()


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("detention OR seized", ["art-latakia"]),
        ("latak*", ["art-latakia"]),
        ("CAIRO", ["art-cairo"]),
        ("cairo talks", ["art-cairo"]),  # title and body together
        ("al-Nujaba", ["art-baghdad"]),
        ('"unbalanced', []),
        ("NOT", []),  # an FTS5 operator alone: searched as a word
        ("Mourners", []),  # captions are not article text
    ],
)
def test_search_articles_queries(store: Store, q: str, expected: list[str]) -> None:
    assert [article_id for article_id, _ in store.search_articles(q)] == expected


def test_search_respects_limit_and_updates(store: Store) -> None:
    extra = dataclasses.replace(articles()[1], id="art-latakia-2", title="Second Latakia report")
    store.add_articles([extra])
    assert len(store.search_articles("Latakia")) == 2
    assert len(store.search_articles("Latakia", limit=1)) == 1


def test_search_folds_diacritics(tmp_path: Path) -> None:
    article = dataclasses.replace(articles()[2], id="art-x", body="Talks in Ḩimş and Al Lādhiqīyah ended.")
    with open_store(tmp_path / "d.db") as store:
        store.add_articles([article])
        assert [hit[0] for hit in store.search_articles("hims ladhiqiyah")] == ["art-x"]


def test_thousands_of_articles_are_written_fast(tmp_path: Path) -> None:
    base, event = articles()[0], events()[0]
    many = [dataclasses.replace(base, id=f"a{i}", body=f"{base.body} Report {i}.") for i in range(3000)]
    started = time.perf_counter()
    with open_store(tmp_path / "big.db") as store:
        assert store.add_articles(many) == 3000
        store.replace_events(
            dataclasses.replace(event, id=f"e{i}", article_ids=(f"a{i}",)) for i in range(3000)
        )
        assert store.count_events(EventQuery(q="report 2999")) == 1
    assert time.perf_counter() - started < 20  # about 1 s on a laptop; generous for slow CI


def test_counts(store: Store) -> None:
    assert store.counts() == {
        "articles": 3,
        "mentions": 2,
        "events": 4,
        "claims": 4,  # two on the strike mention, two on the strike event
        "actors": 5,  # the named ones
        "places": 4,
        "rejections": 0,
    }


def test_memory_store_works() -> None:
    with open_store(":memory:") as store:
        store.add_articles(articles())
        assert store.count_events() == 0
        assert len(store.articles()) == 3


# -- property: any event survives the store ---------------------------------------------------

_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
_maybe_text = st.none() | _text
_count = st.none() | st.integers(min_value=0, max_value=10_000)
_coordinate = st.none() | st.floats(min_value=-90, max_value=90, allow_nan=False)
_actor = st.builds(
    ActorRef, text=_text, name=_maybe_text, actor_id=_maybe_text, org=_maybe_text, actor_type=_maybe_text
)
_place = st.builds(
    PlaceRef,
    text=_text,
    name=_maybe_text,
    country=st.none() | st.sampled_from(["IQ", "SY", "LB"]),
    latitude=_coordinate,
    longitude=_coordinate,
    geo_precision=st.none() | st.integers(1, 3),
)
_figure = st.builds(Figure, kind=st.sampled_from(FigureKind), low=_count, high=_count, text=_text)
_evidence = st.builds(
    Evidence, article_id=_text, start=st.integers(0, 99), end=st.integers(0, 99), text=_text
)
_claim = st.builds(
    Claim,
    source=_text,
    source_org=_maybe_text,
    figures=st.lists(_figure, max_size=2).map(tuple),
    weapons=st.lists(_text, max_size=2).map(tuple),
    evidence=st.none() | _evidence,
)
_date = st.builds(
    DateRef,
    text=_maybe_text,
    date=st.none() | st.dates().map(lambda d: d.isoformat()),
    precision=st.sampled_from(Precision),
)
_event = st.builds(
    Event,
    id=_text,
    plover_type=st.sampled_from(["ASSAULT", "COERCE", "CONSULT"]),
    plover_mode=_maybe_text,
    actor1=st.lists(_actor, max_size=2).map(tuple),
    actor2=st.lists(_actor, max_size=2).map(tuple),
    place=st.none() | _place,
    date=_date,
    fatalities_low=_count,
    fatalities_high=_count,
    fatalities_best=_count,
    claims=st.lists(_claim, max_size=3).map(tuple),
    modality=st.sampled_from(Modality),
    background=st.booleans(),
    article_ids=st.lists(_text, max_size=2, unique=True).map(tuple),
    notes=_text,
)


@settings(max_examples=40, deadline=None)
@given(st.lists(_event, max_size=4, unique_by=lambda event: event.id))
def test_any_events_round_trip(generated: list[Event]) -> None:
    with open_store(":memory:") as store:
        store.replace_events(generated)
        assert {event.id: event for event in store.events()} == {event.id: event for event in generated}
        assert store.count_events() == len(generated)
