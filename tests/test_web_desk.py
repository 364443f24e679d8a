"""The analyst's desk (issue 19): downloads of exactly what a filter shows, strict parameters, true
totals, modality and background filters, the claims table, actor aliases, labels that name nobody,
the web brief, and the OpenAPI document checked against real answers."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

import test_store_samples as samples
from marsad.export.acled_csv import is_acled_event
from marsad.export.contents import export_contents
from marsad.records import (
    ActorRef,
    Claim,
    DateRef,
    Event,
    Evidence,
    Figure,
    FigureKind,
    Modality,
    Precision,
)
from marsad.store import open_store
from marsad.web import api, create_app
from marsad.web.openapi import openapi_schema

CLONES = 7  # extra copies of the Baghdad strike, so a download spans several pages


def claim_at_least_two() -> Claim:
    text = "Twelve suspects were detained"
    start = samples.LATAKIA_BODY.index(text)
    evidence = Evidence(article_id="art-latakia", start=start, end=start + len(text), text=text)
    figure = Figure(kind=FigureKind.KILLED, low=2, high=None, text="at least two")
    return Claim(source="a security source", source_kind="anonymous", figures=(figure,), evidence=evidence)


def desk_events() -> list[Event]:
    strike = samples.events()[0]
    clones = [dataclasses.replace(strike, id=f"ev-clone-{n}") for n in range(CLONES)]
    planned = Event(
        id="ev-planned-protest",
        plover_type="PROTEST",
        actor1=(ActorRef(text="office"),),
        actor2=(ActorRef(text="Both sides"), ActorRef(text="Hizballah")),
        place=samples.LATAKIA,
        date=DateRef(date="2026-01-12", precision=Precision.DAY),
        modality=Modality.PLANNED,
        claims=(claim_at_least_two(), claim_at_least_two()),  # the same claim read twice
        article_ids=("art-latakia",),
    )
    return [*samples.events(), *clones, planned]


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("desk") / "desk.db"
    with open_store(path) as store:
        store.add_articles(samples.articles())
        store.add_mentions(samples.mentions())
        store.replace_events(desk_events())
        store.add_rejections(samples.rejections())
    return path


@pytest.fixture(scope="module")
def client(db_path: Path) -> Iterator[TestClient]:
    app = create_app(db_path)
    with TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def small_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Downloads read the store two events at a time: every file spans several pages."""
    monkeypatch.setattr(api, "DOWNLOAD_PAGE", 2)


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# --- downloads ------------------------------------------------------------------------------------


@pytest.mark.usefixtures("small_pages")
@pytest.mark.parametrize("suffix", [".csv", ".acled.csv", ".geojson", ".jsonl", ".parquet"])
def test_every_download_holds_all_of_the_filter_with_a_file_name(client: TestClient, suffix: str) -> None:
    everything = desk_events()
    response = client.get(f"/api/events{suffix}")
    assert response.status_code == 200
    assert response.headers["content-disposition"] == f'attachment; filename="marsad-events{suffix}"'
    if suffix == ".csv":
        assert len(csv_rows(response.text)) == len(everything)
    elif suffix == ".acled.csv":
        assert len(csv_rows(response.text)) == sum(is_acled_event(e) for e in everything)
    elif suffix == ".geojson":
        located = [e for e in everything if e.place and e.place.latitude is not None]
        assert len(response.json()["features"]) == len(located)
    elif suffix == ".jsonl":
        lines = response.text.splitlines()
        assert sorted(json.loads(line)["id"] for line in lines) == sorted(e.id for e in everything)
    else:
        import pyarrow.parquet as pq

        table = pq.read_table(io.BytesIO(response.content))
        assert sorted(table.column("id").to_pylist()) == sorted(e.id for e in everything)


@pytest.mark.usefixtures("small_pages")
def test_a_download_holds_exactly_the_filtered_events(client: TestClient) -> None:
    listed = client.get("/api/events", params={"country": "IQ", "limit": 1000}).json()
    rows = csv_rows(client.get("/api/events.csv", params={"country": "IQ"}).text)
    assert sorted(row["id"] for row in rows) == sorted(e["id"] for e in listed["events"])
    assert len(rows) == listed["total"] == CLONES + 1
    limited = csv_rows(client.get("/api/events.csv", params={"country": "IQ", "limit": 3}).text)
    assert len(limited) == 3


def test_download_sources_come_from_the_articles(client: TestClient) -> None:
    rows = csv_rows(client.get("/api/events.acled.csv", params={"country": "IQ"}).text)
    assert rows and all("Asharq Al-Awsat" in row["source"] for row in rows)


def test_overview_download_links_carry_the_filter_and_no_limit(client: TestClient) -> None:
    page = client.get("/", params={"country": "IQ", "limit": 2}).text
    for path in ("/api/events.csv", "/api/events.acled.csv", "/api/events.geojson", "/api/events.jsonl",
                 "/api/events.parquet"):  # fmt: skip
        assert f'href="{path}?country=IQ"' in page, path
    assert f"Download all {CLONES + 1}" in page


# --- totals and strict parameters -------------------------------------------------------------------


def test_article_and_actor_lists_give_the_true_total(client: TestClient) -> None:
    articles = client.get("/api/articles", params={"limit": 1}).json()
    assert len(articles["articles"]) == 1
    assert articles["total"] == len(samples.articles())
    actors = client.get("/api/actors", params={"limit": 1}).json()
    assert len(actors["actors"]) == 1
    assert actors["total"] > 1
    everyone = client.get("/api/actors").json()
    assert everyone["total"] == len(everyone["actors"])


@pytest.mark.parametrize(
    ("path", "query", "named"),
    [
        ("/api/events", "countr=IQ", "countr"),
        ("/api/events.csv", "countr=IQ", "countr"),
        ("/api/events", "country=IQ&country=SY", "country"),
        ("/api/events", "since=2026-02-01&until=2026-01-01", "since"),
        ("/api/articles", "country=IQ", "country"),
        ("/api/stats", "typ=ASSAULT", "typ"),
        ("/api/actors", "limit=5&limit=6", "limit"),
        ("/api/events/ev-baghdad-strike", "verbose=1", "verbose"),
        ("/api/events", "modality=maybe", "modality"),
        ("/api/events", "background=sometimes", "background"),
        ("/brief", "date=2026-01-12&day=2026-01-12", "day"),
    ],
)
def test_unknown_repeated_and_inverted_parameters_are_400s_naming_them(
    client: TestClient, path: str, query: str, named: str
) -> None:
    response = client.get(f"{path}?{query}")
    assert response.status_code == 400
    message = response.json()["error"] if path.startswith("/api/") else response.text
    assert named in message


def test_the_guard_token_parameter_is_never_unknown(client: TestClient) -> None:
    assert client.get("/api/events?token=anything").status_code == 200


# --- modality and background ----------------------------------------------------------------------


def ids(client: TestClient, **params: str) -> set[str]:
    body = client.get("/api/events", params={**params, "limit": "1000"}).json()
    return {event["id"] for event in body["events"]}


def test_modality_and_background_filters(client: TestClient) -> None:
    everything = {e.id for e in desk_events()}
    assert ids(client) == everything, "the default is every event"
    assert ids(client, modality="planned") == {"ev-planned-protest"}
    assert ids(client, modality="asserted,planned") == everything
    assert ids(client, background="only") == {"ev-lebanon-2024"}
    assert "ev-lebanon-2024" not in ids(client, background="exclude")
    csv_ids = {row["id"] for row in csv_rows(client.get("/api/events.csv?modality=planned").text)}
    assert csv_ids == {"ev-planned-protest"}
    page = client.get("/", params={"modality": "planned", "background": "exclude"}).text
    assert "<option selected>planned</option>" in page
    assert '<option value="exclude" selected>' in page


def test_export_contents_say_what_each_file_will_hold() -> None:
    contents = export_contents(desk_events())
    assert contents.events == len(desk_events())
    assert contents.by_modality == {"asserted": len(desk_events()) - 1, "planned": 1}
    assert contents.background == 1
    assert contents.acled_rows == sum(is_acled_event(e) for e in desk_events())
    lines = "\n".join(contents.lines())
    assert f"acled-csv {contents.acled_rows}" in lines and "planned" in lines


# --- claims, actors, brief --------------------------------------------------------------------------


def claim_rows(html: str) -> list[str]:
    table = html[html.index('id="claims"') : html.index("</table>", html.index('id="claims"'))]
    return [row for row in table.split("<tr>")[2:]]


def test_claims_table_names_outlet_and_speaker_and_lists_each_claim_once(client: TestClient) -> None:
    rows = claim_rows(client.get("/events/ev-planned-protest").text)
    assert len(rows) == 1, "the same claim read twice is listed once"
    assert "Asharq Al-Awsat" in rows[0] and "a security source" in rows[0]
    assert "killed: at least 2" in rows[0]
    strike = claim_rows(client.get("/events/ev-baghdad-strike").text)
    assert any("the Pentagon" in row and "killed: 2<" in row for row in strike)


def test_actor_search_goes_through_kb_aliases(client: TestClient) -> None:
    by_name = ids(client, actor="Hezbollah")
    assert {"ev-lebanon-2024", "ev-planned-protest"} <= by_name
    assert ids(client, actor="Hizballah") == by_name == ids(client, actor="hizbullah")
    page = client.get("/actors/Hizballah")
    assert page.status_code == 200 and "ev-lebanon-2024" in page.text


def test_labels_that_name_nobody_get_no_page_and_no_list_row(client: TestClient) -> None:
    for label in ("office", "Both sides"):
        assert client.get(f"/actors/{label}").status_code == 404
        assert client.get(f"/api/actors/{label}").status_code == 404
    names = {row["name"] for row in client.get("/api/actors").json()["actors"]}
    assert "office" not in names and "Both sides" not in names and "Hizballah" in names
    event_page = client.get("/events/ev-planned-protest").text
    assert "office" in event_page and 'href="/actors/office"' not in event_page


def test_web_brief_shows_the_cli_brief_and_prints(client: TestClient, db_path: Path) -> None:
    from marsad import brief

    with open_store(db_path) as store:
        expected = brief.build_brief(store, "2026-01-12")
    page = client.get("/brief", params={"date": "2026-01-12"})
    assert page.status_code == 200
    assert brief.render_html_body(expected) in page.text
    assert "killed at least 2" in page.text, "a low figure without a high one is 'at least'"
    assert "Both sides" not in page.text.split("New actors")[1], "no brief line for a label naming nobody"
    assert "<style" not in page.text and "<script>" not in page.text, "nothing inline under the CSP"
    assert "@media print" in client.get("/static/app.css").text
    latest = client.get("/brief")
    assert latest.status_code == 200 and "Situation brief, 2026-01-12" in latest.text
    assert client.get("/brief", params={"date": "12/01/2026"}).status_code == 400


# --- OpenAPI ------------------------------------------------------------------------------------------


def validate(document: dict[str, Any], path: str, status: str, media: str, body: Any) -> None:
    from jsonschema import Draft202012Validator

    pointer = "/".join(
        part.replace("~", "~0").replace("/", "~1")
        for part in ("#", "paths", path, "get", "responses", status, "content", media, "schema")
    )
    Draft202012Validator({**document, "$ref": pointer}).validate(body)


@pytest.mark.parametrize(
    ("template", "url"),
    [
        ("/api/events", "/api/events?limit=1000"),
        ("/api/events", "/api/events?q=drone"),
        ("/api/events.geojson", "/api/events.geojson"),
        ("/api/actors", "/api/actors"),
        ("/api/articles", "/api/articles"),
        ("/api/events/{event_id}", "/api/events/ev-baghdad-strike"),
        ("/api/actors/{name}", "/api/actors/Hezbollah"),
        ("/api/articles/{article_id}", "/api/articles/art-baghdad"),
        ("/api/stats", "/api/stats"),
    ],
)
def test_real_answers_match_the_openapi_schemas(client: TestClient, template: str, url: str) -> None:
    document = openapi_schema()
    response = client.get(url)
    assert response.status_code == 200
    media = next(iter(document["paths"][template]["get"]["responses"]["200"]["content"]))
    validate(document, template, "200", media, response.json())
    error = client.get(url + ("&" if "?" in url else "?") + "bogus=1")
    assert error.status_code == 400
    validate(document, template, "400", "application/json", error.json())


def test_openapi_lists_every_download_and_filter(client: TestClient) -> None:
    document = client.get("/api/openapi.json").json()
    for suffix in api.DOWNLOADS:
        assert f"/api/events{suffix}" in document["paths"]
    names = {p["name"] for p in document["paths"]["/api/events"]["get"]["parameters"]}
    assert {"modality", "background"} <= names
    schemas = document["components"]["schemas"]
    assert schemas["Event"]["properties"]["modality"]["enum"][0] == "asserted"


# --- the command line -----------------------------------------------------------------------------


def cli_ids(db_path: Path, *args: str) -> set[str]:
    from click.testing import CliRunner

    from marsad.cli import cli

    result = CliRunner().invoke(cli, ["events", "--db", str(db_path), "--format", "json", *args])
    assert result.exit_code == 0, result.stderr
    return {event["id"] for event in json.loads(result.stdout)}


def test_cli_events_and_export_take_the_same_filters(db_path: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from marsad.cli import cli

    assert cli_ids(db_path) == {e.id for e in desk_events()}
    assert cli_ids(db_path, "--modality", "planned") == {"ev-planned-protest"}
    assert cli_ids(db_path, "--background", "only") == {"ev-lebanon-2024"}
    assert "ev-lebanon-2024" not in cli_ids(db_path, "--background", "exclude")
    assert cli_ids(db_path, "--actor", "Hizballah") == cli_ids(db_path, "--actor", "Hezbollah")
    out = tmp_path / "planned.jsonl"
    result = CliRunner().invoke(
        cli, ["export", "--db", str(db_path), "--format", "jsonl", "--modality", "planned", "-o", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["ev-planned-protest"]
    bad = CliRunner().invoke(cli, ["events", "--db", str(db_path), "--since", "2026-02-01",
                                   "--until", "2026-01-01"])  # fmt: skip
    assert bad.exit_code != 0 and "since" in bad.stderr


def test_run_summary_says_what_each_export_holds(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from marsad.cli import cli

    text = "Police arrested five protesters in Baghdad on Monday, officials said.\n"
    (tmp_path / "one.txt").write_text("Arrests in Baghdad\n" + text, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["run", str(tmp_path / "one.txt"), "--db", str(tmp_path / "s.db"), "--published", "2026-01-12"]
    )
    assert result.exit_code == 0, result.stderr
    assert "stored events by kind:" in result.stderr
    assert "exports hold: csv, jsonl, json, parquet" in result.stderr and "acled-csv" in result.stderr


# --- CSV input: columns reported, the rest kept -----------------------------------------------------

ROWS_CSV = (
    "row_id,headline,text,date,desk,priority\n"
    "r-17,Arrests in Mosul,Police arrested four men in Mosul on Sunday.,2026-01-11,north,high\n"
)


def test_csv_keeps_row_id_and_other_columns_and_says_which_it_used(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    import logging

    from marsad.ingest import IngestOptions, read_inputs

    path = tmp_path / "rows.csv"
    path.write_text(ROWS_CSV, encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="marsad.ingest.columns"):
        (article,) = read_inputs([str(path)], IngestOptions()).articles
    assert article.reference == "r-17"
    assert article.metadata == (("desk", "north"), ("priority", "high"))
    said = caplog.text
    assert "rows.csv: columns used:" in said
    assert "body <- 'text'" in said and "published <- 'date'" in said and "reference <- 'row_id'" in said
    assert "kept as metadata: 'desk', 'priority'" in said
    store_path = tmp_path / "rows.db"
    with open_store(store_path) as store:
        store.add_articles([article])
        assert store.article(article.id) == article, "reference and metadata survive the store"
    app = create_app(store_path)
    with TestClient(app, base_url="http://127.0.0.1") as web:
        stored = web.get(f"/api/articles/{article.id}").json()["article"]
        assert stored["reference"] == "r-17" and ["desk", "north"] in stored["metadata"]
        validate(openapi_schema(), "/api/articles/{article_id}", "200", "application/json",
                 web.get(f"/api/articles/{article.id}").json())  # fmt: skip


def test_cli_run_on_a_csv_reports_its_columns(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "rows.csv"
    path.write_text(ROWS_CSV, encoding="utf-8")
    marsad = Path(sys.executable).parent / "marsad"  # a real process: its own logging on its own stderr
    command = [str(marsad), "run", str(path), "--db", str(tmp_path / "r.db"), "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    assert "rows.csv: columns used:" in result.stderr and "reference <- 'row_id'" in result.stderr


def test_a_store_of_the_previous_version_gains_the_article_columns(tmp_path: Path) -> None:
    from marsad.store import MIGRATIONS, Migrations

    path = tmp_path / "v2.db"
    previous = Migrations(tuple(MIGRATIONS)[:2])
    with open_store(path, migrations=previous) as store:
        assert store.schema_version() == 2
    with open_store(path) as store:
        assert store.schema_version() == 3
        store.add_articles(samples.articles())
        assert store.articles() == samples.articles()


def test_cli_events_link_back_to_the_csv_rows(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from marsad.cli import cli
    from marsad.ingest import IngestOptions, read_inputs

    path = tmp_path / "rows.csv"
    path.write_text(ROWS_CSV, encoding="utf-8")
    (article,) = read_inputs([str(path)], IngestOptions()).articles
    event = dataclasses.replace(samples.events()[1], article_ids=(article.id,))
    db = tmp_path / "refs.db"
    with open_store(db) as store:
        store.add_articles([article])
        store.replace_events([event])
    runner = CliRunner()
    as_json = runner.invoke(cli, ["events", "--db", str(db), "--format", "json", "--with-articles"])
    assert as_json.exit_code == 0, as_json.stderr
    (linked,) = json.loads(as_json.stdout)[0]["articles"]
    assert linked["reference"] == "r-17" and linked["metadata"] == {"desk": "north", "priority": "high"}
    as_csv = runner.invoke(cli, ["events", "--db", str(db), "--format", "csv", "--with-articles"])
    assert csv_rows(as_csv.stdout)[0]["refs"] == "r-17"
    plain = runner.invoke(cli, ["events", "--db", str(db), "--format", "csv"])
    assert "refs" not in csv_rows(plain.stdout)[0], "the default output is unchanged"
