"""The store on a real PostgreSQL server: the SQLite store's tests, plus concurrent writers.

The server's URL comes from ``MARSAD_TEST_PG`` (``scripts/ci-postgres.sh`` starts one on
127.0.0.1 and prints it). Without it these tests skip, except under ``CI=true``, where a missing
server is a failure. Each test works in a schema of its own, dropped afterwards.
"""

from __future__ import annotations

import dataclasses
import os
import threading
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.errors import StoreError
from marsad.records import Event, PlaceRef, to_json
from marsad.store import EventQuery, Store, open_store
from marsad.store.postgres import PG_MIGRATIONS, PostgresStore, redact
from marsad.store.postgres_queries import tsquery
from test_store import (  # the SQLite store's tests, run here against PostgreSQL with the `store` below
    _event,
    ids,
    test_articles_by_ids_keep_stored_order,
    test_articles_round_trip,
    test_counts,
    test_default_order_is_by_date_with_undated_last,
    test_event_filters,
    test_events_round_trip,
    test_mentions_round_trip,
    test_new_locations_of_a_known_article_are_appended,
    test_rejections_in_different_runs_are_all_kept,
    test_rejections_round_trip,
    test_search_articles_queries,
    test_search_articles_returns_ids_and_snippets,
    test_search_respects_limit_and_updates,
)
from test_store_samples import articles, events, mentions, rejections

SHARED_TESTS = (
    test_articles_by_ids_keep_stored_order,
    test_articles_round_trip,
    test_counts,
    test_default_order_is_by_date_with_undated_last,
    test_event_filters,
    test_events_round_trip,
    test_mentions_round_trip,
    test_new_locations_of_a_known_article_are_appended,
    test_rejections_in_different_runs_are_all_kept,
    test_rejections_round_trip,
    test_search_articles_queries,
    test_search_articles_returns_ids_and_snippets,
    test_search_respects_limit_and_updates,
)
PG_ENV = "MARSAD_TEST_PG"


def pg_server() -> str:
    """The test server's URL; skips without one, fails without one under CI."""
    url = os.environ.get(PG_ENV)
    in_ci = os.environ.get("CI", "").lower() == "true"
    if not url:
        if in_ci:
            pytest.fail(f"CI=true but {PG_ENV} is unset: start PostgreSQL with scripts/ci-postgres.sh")
        pytest.skip(f"{PG_ENV} is unset (scripts/ci-postgres.sh starts a server and prints its URL)")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        if in_ci:
            raise
        pytest.skip("psycopg is not installed (pip install -e '.[scale]')")
    return url


def in_schema(url: str, schema: str) -> str:
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}options=-csearch_path%3D{schema}"


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A URL whose tables live in a fresh schema."""
    import psycopg

    base = pg_server()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield in_schema(base, schema)
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def store(pg_url: str) -> Iterator[Store]:
    opened = open_store(pg_url)
    opened.add_articles(articles())
    opened.add_mentions(mentions())
    opened.replace_events(events())
    yield opened
    opened.close()


def sql(url: str, query: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        cursor = conn.execute(query, params)
        return list(cursor.fetchall()) if cursor.description else []


def test_the_shared_tests_are_collected_here() -> None:
    assert all(test.__name__ in globals() for test in SHARED_TESTS)


def test_every_public_store_method_has_a_postgresql_version() -> None:
    """A method added to the SQLite store must be written for PostgreSQL too (or it would reach for
    the SQLite connection a PostgresStore does not have)."""
    inherited_ok = {"article"}  # written with other public methods only
    public = {name for name in vars(Store) if not name.startswith("_")}
    assert public - set(vars(PostgresStore)) == inherited_ok


def test_a_postgresql_url_opens_the_postgresql_store(pg_url: str) -> None:
    with open_store(pg_url) as opened:
        assert isinstance(opened, PostgresStore)
        assert opened.schema_version() == len(PG_MIGRATIONS)
        assert opened.path == redact(pg_url)
    with open_store(pg_url) as opened:  # reopening migrates nothing
        assert opened.schema_version() == len(PG_MIGRATIONS)


def test_relational_tables_are_filled(store: Store, pg_url: str) -> None:
    assert sql(pg_url, "SELECT count(*) FROM claims WHERE event_id = 'ev-baghdad-strike'") == [(2,)]
    figures = sql(
        pg_url,
        "SELECT kind, low, high FROM claim_figures WHERE claim_id = %s ORDER BY position",
        ("event:ev-baghdad-strike:1",),
    )
    assert figures == [("killed", 4, 4), ("injured", 7, 7)]
    evidence = sql(pg_url, "SELECT evidence_text FROM claims WHERE id = 'mention:m-strike:0'")[0][0]
    assert evidence.startswith("The Pentagon said")
    assert dict(sql(pg_url, "SELECT key, type FROM actors"))["nujaba"] == "Political militia"
    assert ("geonames:98182",) in sql(pg_url, "SELECT key FROM places")
    links = sql(pg_url, "SELECT mention_id FROM event_mentions WHERE event_id = 'ev-baghdad-strike'")
    assert links == [("m-strike",)]


def test_mention_upsert_replaces_its_claims(store: Store, pg_url: str) -> None:
    changed = dataclasses.replace(mentions()[0], claims=mentions()[0].claims[:1])
    assert store.add_mentions([changed]) == 0
    assert store.mentions(["art-baghdad"]) == [changed]
    assert sql(pg_url, "SELECT count(*) FROM claims WHERE mention_id = 'm-strike'") == [(1,)]


def test_replace_events_drops_old_events(store: Store, pg_url: str) -> None:
    store.replace_events(events()[:1])
    assert ids(store.events()) == ["ev-baghdad-strike"]
    assert sql(pg_url, "SELECT count(*) FROM claims WHERE event_id IS NOT NULL") == [(2,)]
    assert sql(pg_url, "SELECT count(*) FROM event_actors") == [(2,)]


def _dump(url: str) -> list[tuple[Any, ...]]:
    tables = ("articles", "article_locations", "mentions", "events", "claims", "claim_figures", "actors")
    found: list[tuple[Any, ...]] = []
    for table in tables:
        # Every column but the surrogate pk (PostgreSQL never reuses one; SQLite may).
        found += sql(url, f"SELECT to_jsonb(t) - 'pk' AS row FROM {table} t ORDER BY 1")
    return found


def test_rerunning_the_same_input_changes_nothing(pg_url: str) -> None:
    with open_store(pg_url) as opened:
        assert opened.add_articles(articles()) == 3
        assert opened.add_mentions(mentions()) == 2
        assert opened.add_rejections(rejections()) == 2
        opened.replace_events(events())
    before = _dump(pg_url)
    with open_store(pg_url) as opened:
        assert opened.add_articles(articles()) == 0
        assert opened.add_mentions(mentions()) == 0
        assert opened.add_rejections(rejections()) == 0
        opened.replace_events(events())
        assert opened.articles() == articles()
        assert opened.mentions() == mentions()
    assert _dump(pg_url) == before


def test_country_names_diacritics_and_non_ascii_actors(pg_url: str) -> None:
    event = events()[3]
    moved = [
        dataclasses.replace(event, id="ps", place=PlaceRef(text="Gaza City", country="PS")),
        dataclasses.replace(event, id="tr", place=PlaceRef(text="Ankara", country="TR")),
        dataclasses.replace(
            event,
            id="hz",
            actor2=(dataclasses.replace(event.actor2[0], text="Ḥizb Allāh", name="ḤIZB ALLĀH"),),
        ),
    ]
    article = dataclasses.replace(articles()[2], id="art-x", body="Talks in Ḩimş and Al Lādhiqīyah ended.")
    with open_store(pg_url) as opened:
        opened.replace_events(moved)
        opened.add_articles([article])
        assert ids(opened.events(EventQuery(country="Palestine"))) == ["ps"]
        assert ids(opened.events(EventQuery(country="Türkiye"))) == ["tr"]
        assert ids(opened.events(EventQuery(actor="ḥizb allāh"))) == ["hz"]
        assert [hit[0] for hit in opened.search_articles("hims ladhiqiyah")] == ["art-x"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("drone OR missile", "drone | missile"),
        ("latak*", "latak:*"),
        ("cairo talks", "cairo & talks"),
        ("(a OR b) c", "( a | b ) & c"),
        ("a NOT b", "a & ! b"),
        ("al-Nujaba", "(al <-> Nujaba)"),
        ('"unbalanced', "(unbalanced)"),
        ("", "''"),
    ],
)
def test_fts5_queries_become_tsqueries(text: str, expected: str) -> None:
    assert tsquery(text) == expected


def test_text_with_nul_is_stored(pg_url: str) -> None:
    event = dataclasses.replace(events()[0], id="nul", notes="a\x00b")
    article = dataclasses.replace(articles()[0], id="art-nul", title="T\x00")
    with open_store(pg_url) as opened:
        opened.replace_events([event])
        opened.add_articles([article])
        assert opened.events() == [event]  # exact: events are read from their JSON record
        stored = opened.article("art-nul")
        assert stored is not None and stored.title == "T\ufffd"  # same length, so offsets still hold


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_event, max_size=4, unique_by=lambda event: event.id))
def test_any_events_round_trip(pg_url: str, generated: list[Event]) -> None:
    with open_store(pg_url) as opened:
        opened.replace_events(generated)
        assert {event.id: event for event in opened.events()} == {event.id: event for event in generated}
        assert opened.count_events() == len(generated)


def test_bad_urls_say_what_to_do() -> None:
    pg_server()
    with pytest.raises(StoreError, match=r"(?s)cannot connect .*check the server runs") as caught:
        open_store("postgresql://nobody:secret@127.0.0.1:1/none")
    assert "secret" not in str(caught.value)
    assert redact("postgresql://u:pw@h:5432/db") == "postgresql://u:***@h:5432/db"


def test_a_store_from_a_newer_marsad_is_refused(pg_url: str) -> None:
    open_store(pg_url).close()
    sql(pg_url, "INSERT INTO _marsad_migrations VALUES ('0099_future', 99, 'x')")
    with pytest.raises(StoreError, match="newer marsad"):
        open_store(pg_url)


# -- concurrent writers -----------------------------------------------------------------------


def _together(count: int, work: Callable[[int], None]) -> None:
    """Run ``work(0..count-1)`` in threads that start at once; re-raise the first failure."""
    barrier = threading.Barrier(count)
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            barrier.wait()
            work(index)
        except BaseException as exc:  # collected and re-raised in the test thread
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]


def test_concurrent_first_opens_create_the_schema_once(pg_url: str) -> None:
    versions: list[int] = []

    def open_once(_: int) -> None:
        with open_store(pg_url) as opened:
            versions.append(opened.schema_version())

    _together(4, open_once)
    assert versions == [len(PG_MIGRATIONS)] * 4


def test_concurrent_writers_neither_lose_nor_duplicate(pg_url: str) -> None:
    """Four connections write the same and different records at once, in different orders."""
    open_store(pg_url).close()
    base_articles, base_mentions, base_events = articles(), mentions(), events()
    extra = [dataclasses.replace(base_articles[0], id=f"art-{i}") for i in range(4)]

    def write(index: int) -> None:
        turn = index % 2 == 1
        with open_store(pg_url) as opened:
            for _ in range(3):
                opened.add_articles([*reversed(base_articles)] if turn else base_articles)
                opened.add_articles([extra[index]])
                opened.add_mentions([*reversed(base_mentions)] if turn else base_mentions)
                opened.add_rejections(rejections())
                opened.replace_events([*reversed(base_events)] if turn else base_events)

    _together(4, write)
    with open_store(pg_url) as opened:
        assert opened.counts() == {
            "articles": 7,
            "mentions": 2,
            "events": 4,
            "claims": 4,
            "actors": 5,
            "places": 4,
            "rejections": 2,
        }
        assert sorted(to_json(e) for e in opened.events()) == sorted(to_json(e) for e in base_events)
        assert {a.id for a in opened.articles()} == {a.id for a in base_articles} | {a.id for a in extra}
    with open_store(":memory:") as reference:  # the same records written once, in SQLite
        reference.add_articles([*base_articles, *extra])
        reference.add_mentions(base_mentions)
        reference.replace_events(base_events)
        for table in (
            "article_locations",
            "claim_figures",
            "event_mentions",
            "event_articles",
            "event_actors",
        ):
            expected = reference._conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            assert sql(pg_url, f"SELECT count(*) FROM {table}") == [(expected,)], table


def test_the_web_app_serves_a_postgresql_store(store: Store, pg_url: str) -> None:
    """`marsad serve --db postgresql://...` serves the same API and pages as over a SQLite file."""
    from starlette.testclient import TestClient

    from marsad.web import create_app

    with TestClient(create_app(pg_url), base_url="http://127.0.0.1", raise_server_exceptions=False) as client:
        listed = client.get("/api/events").json()
        assert listed["ok"] is True
        assert {event["id"] for event in listed["events"]} == {event.id for event in events()}
        first = events()[0].id
        assert client.get(f"/api/events/{first}").json()["event"]["id"] == first
        assert client.get("/").status_code == 200
        assert client.get(f"/events/{first}").status_code == 200


def test_incremental_merge_gives_the_full_merge_on_postgresql(pg_url: str) -> None:
    """The merge index and its lookups (store/merge_index.py) behave as on SQLite: runs in batches end
    with the full merge's events, and `remerge` rebuilds the same."""
    from marsad import pipeline
    from test_merge_incremental import CORPUS, full_merge, run_in_batches, split, stored_events

    mentions, articles = CORPUS
    with open_store(pg_url) as store:
        assert store.merge_index_complete()
        run_in_batches(store, CORPUS, split(sorted(articles, reverse=True), [7, 50, 51, 120]))
        assert stored_events(store) == full_merge(mentions, articles)
        assert store.merge_index_complete()
        pipeline.remerge(store)
        assert stored_events(store) == full_merge(mentions, articles)
