"""The JSON API and the pages, through Starlette's test client on a database built in code."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

import test_store_samples as samples
from marsad.store import open_store
from marsad.web import create_app
from marsad.web.openapi import openapi_schema


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "web.db"
    with open_store(path) as store:
        store.add_articles(samples.articles())
        store.add_mentions(samples.mentions())
        store.replace_events(samples.events())
        store.add_rejections(samples.rejections())
    return path


@pytest.fixture(scope="module")
def client(db_path: Path) -> Iterator[TestClient]:
    with TestClient(
        create_app(db_path), base_url="http://127.0.0.1", raise_server_exceptions=False
    ) as test_client:
        yield test_client


def first_event_id() -> str:
    return samples.events()[0].id


def test_events_list_returns_every_event_with_claims(client: TestClient) -> None:
    body = client.get("/api/events").json()
    assert body["ok"] is True
    assert body["total"] == len(samples.events())
    ids = {event["id"] for event in body["events"]}
    assert ids == {event.id for event in samples.events()}
    assert any(event["claims"] for event in body["events"])


def test_events_filter_by_country_and_type(client: TestClient) -> None:
    body = client.get("/api/events", params={"country": "IQ", "type": "assault"}).json()
    assert body["events"], "the Baghdad strike is an ASSAULT in Iraq"
    assert all(e["plover_type"] == "ASSAULT" and e["place"]["country"] == "IQ" for e in body["events"])
    assert body["filters"] == {"country": "IQ", "type": "assault"}


def test_events_csv_and_geojson(client: TestClient) -> None:
    response = client.get("/api/events.csv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == len(samples.events())
    geo = client.get("/api/events.geojson").json()
    assert geo["type"] == "FeatureCollection"
    for feature in geo["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_unknown_suffix_is_a_json_404(client: TestClient) -> None:
    response = client.get("/api/events.xlsx")
    assert response.status_code == 404
    assert response.json()["ok"] is False


def test_one_event_with_its_articles(client: TestClient) -> None:
    body = client.get(f"/api/events/{first_event_id()}").json()
    assert body["event"]["id"] == first_event_id()
    assert body["articles"] and body["articles"][0]["title"]


def test_missing_event_is_404_with_the_error_body(client: TestClient) -> None:
    response = client.get("/api/events/nope")
    assert response.status_code == 404
    assert response.json() == {"ok": False, "error": "no event with id 'nope'", "status": 404}


@pytest.mark.parametrize(
    ("params", "word"),
    [
        ({"since": "yesterday"}, "since"),
        ({"until": "2024-13-01"}, "until"),
        ({"limit": "0"}, "limit"),
        ({"limit": "many"}, "limit"),
        ({"offset": "-1"}, "offset"),
        ({"type": "EXPLODE"}, "type"),
        ({"order": "random"}, "order"),
        ({"has_fatalities": "perhaps"}, "has_fatalities"),
        ({"q": "x" * 500}, "q"),
    ],
)
def test_bad_parameters_are_400_with_a_message(client: TestClient, params: dict[str, str], word: str) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == 400
    body = response.json()
    assert body["ok"] is False and body["status"] == 400
    assert word in body["error"]


def test_actors_list_and_actor(client: TestClient) -> None:
    actors = client.get("/api/actors").json()["actors"]
    names = {row["name"] for row in actors}
    assert "Harakat al-Nujaba" in names
    body = client.get("/api/actors/Harakat al-Nujaba").json()
    assert body["events"] and body["by_month"]
    assert client.get("/api/actors/Nobody at all").status_code == 404
    assert client.get("/api/actors.csv").text.startswith("name,")
    assert client.get("/api/actors.geojson").json()["type"] == "FeatureCollection"


def test_articles_list_search_and_article(client: TestClient) -> None:
    articles = client.get("/api/articles").json()["articles"]
    assert {a["id"] for a in articles} == {a.id for a in samples.articles()}
    found = client.get("/api/articles", params={"q": "Latakia"}).json()["articles"]
    assert [a["id"] for a in found] == ["art-latakia"]
    body = client.get("/api/articles/art-baghdad").json()
    assert body["article"]["title"].startswith("Calls grow")
    assert client.get("/api/articles/none").status_code == 404


def test_stats_counts(client: TestClient) -> None:
    body = client.get("/api/stats").json()
    assert body["events"] == len(samples.events())
    assert sum(body["by_type"].values()) == len(samples.events())


def test_openapi_schema_lists_every_api_route(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    for path in (
        "/api/events",
        "/api/events.csv",
        "/api/events.geojson",
        "/api/events/{event_id}",
        "/api/actors",
        "/api/actors/{name}",
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/stats",
    ):
        assert path in schema["paths"]


def test_pages_render(client: TestClient) -> None:
    index = client.get("/", params={"country": "IQ"})
    assert index.status_code == 200
    assert 'value="IQ"' in index.text, "the filter is kept in the form"
    event = client.get(f"/events/{first_event_id()}")
    assert event.status_code == 200
    assert '<mark class="evidence">' in event.text
    assert client.get("/articles/art-baghdad").status_code == 200
    assert client.get("/actors/Harakat al-Nujaba").status_code == 200
    assert client.get("/events/nope").status_code == 404
    assert client.get("/?since=never").status_code == 400


def test_pages_load_scripts_and_styles_only_from_this_server(client: TestClient) -> None:
    for path in ("/", f"/events/{first_event_id()}", "/articles/art-baghdad"):
        html = client.get(path).text
        loads = re.findall(
            r"<(?:script|img|iframe)[^>]*\bsrc=\"([^\"]*)\"|<link[^>]*\bhref=\"([^\"]*)\"", html
        )
        assert loads, path
        for url in (a or b for a, b in loads):
            assert url.startswith("/"), f"{path} loads {url} from elsewhere"


QUERY_NAMES = [p["name"] for p in openapi_schema()["paths"]["/api/events"]["get"]["parameters"]]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    query=st.dictionaries(st.sampled_from(QUERY_NAMES), st.text(max_size=30), max_size=4),
    path=st.sampled_from(
        [
            "/api/events",
            "/api/events.csv",
            "/api/events.geojson",
            "/api/actors",
            "/api/stats",
            "/api/articles",
            "/",
        ]
    ),
)
def test_no_query_string_makes_a_500(client: TestClient, query: dict[str, str], path: str) -> None:
    response = client.get(path, params=query)
    assert response.status_code in {200, 400}, (path, query, response.text[:300])
    if path.startswith("/api/") and response.status_code == 400:
        assert json.loads(response.text)["ok"] is False
