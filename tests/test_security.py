"""Hostile and broken input: each hole of the security review (issue 16) has a test here.

The payloads are the classic ones (a ``javascript:`` link, a spreadsheet formula, a rebound Host
header, a 20 MB text); the texts around them are our own.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.requests import Request
from starlette.responses import StreamingResponse
from starlette.testclient import TestClient

import test_store_samples as samples
from marsad import brief, export
from marsad.brief.render import md
from marsad.cli import cli
from marsad.export.cells import safe_cell
from marsad.records import Article, Event, SourceSpan
from marsad.store import EventQuery, open_store
from marsad.store.db import Store as SQLiteStore
from marsad.web import api, create_app, stores
from marsad.web.guard import CONTENT_SECURITY_POLICY
from marsad.web.params import MAX_LIMIT, MAX_SEARCH_OFFSET

EVIL_URL = "javascript:alert(7)"
FORMULA = '=HYPERLINK("http://evil.example","x")'
HTML_OUTLET = '<img src=x onerror="alert(1)">'
SECRET_DIR = "/home/analyst/secret-project"
LOCAL = "http://127.0.0.1"


def hostile_article() -> Article:
    body = "Protesters gathered outside the ministry in Amman on Sunday, demanding lower bread prices."
    return Article(
        id="art-hostile",
        title="A protest over bread prices",
        body=body,
        source=FORMULA,
        url=EVIL_URL,
        published="2024-01-04",
        locations=(SourceSpan(path=f"{SECRET_DIR}/feeds/day.jsonl", start=0, end=len(body), line=3),),
    )


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "hostile.db"
    events = samples.events()
    first = dataclasses.replace(
        events[0], article_ids=(*events[0].article_ids, "art-hostile"), sources=(FORMULA, HTML_OUTLET)
    )
    with open_store(path) as store:
        store.add_articles([*samples.articles(), hostile_article()])
        store.add_mentions(samples.mentions())
        store.replace_events([first, *events[1:]])
        store.add_rejections(samples.rejections())
    return path


@pytest.fixture(scope="module")
def client(db_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db_path), base_url=LOCAL, raise_server_exceptions=False) as test_client:
        yield test_client


# -- 1. stored XSS through an article's URL ------------------------------------------------


def test_a_javascript_url_is_never_rendered_as_a_link(client: TestClient) -> None:
    article_page = client.get("/articles/art-hostile").text
    event_page = client.get(f"/events/{samples.events()[0].id}").text
    for page in (article_page, event_page):
        assert 'href="javascript:' not in page.lower()
    assert 'href="https://example.org/a"' in event_page  # an http(s) link still is one


# -- 2. blocking store work, time limits, page sizes ---------------------------------------


def test_a_slow_request_neither_stalls_others_nor_runs_past_the_limit(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open = stores.open_store

    def slow_open(where: str) -> object:
        time.sleep(3)
        return real_open(where)

    monkeypatch.setattr(stores, "open_store", slow_open)
    app = create_app(db_path, request_timeout=0.5)
    with TestClient(app, base_url=LOCAL, raise_server_exceptions=False) as test_client:
        answers: dict[str, int] = {}
        slow = threading.Thread(target=lambda: answers.update(slow=test_client.get("/api/stats").status_code))
        started = time.perf_counter()
        slow.start()
        time.sleep(0.1)
        fast = test_client.get("/api/openapi.json")
        fast_seconds = time.perf_counter() - started
        slow.join()
        slow_seconds = time.perf_counter() - started
    assert fast.status_code == 200
    assert fast_seconds < 1.5, "a request without store work waited behind the slow one"
    assert answers["slow"] == 503
    assert slow_seconds < 2.5, "the slow request was answered only when the store call ended"


def test_the_article_page_shows_a_long_text_shortened(tmp_path: Path) -> None:
    path = tmp_path / "long.db"
    body = "The council met again and adjourned without a vote. " * 60_000  # ~3 MB
    with open_store(path) as store:
        store.add_articles([Article(id="art-long", title="A long session", body=body)])
    with TestClient(create_app(path), base_url=LOCAL) as test_client:
        page = test_client.get("/articles/art-long")
    assert page.status_code == 200
    assert len(page.text) < 300_000
    assert "the API</a> has all of it" in page.text


@pytest.mark.parametrize("path", ["/api/articles", "/api/events", "/api/events.csv", "/"])
def test_a_full_text_search_refuses_a_page_millions_deep(client: TestClient, path: str) -> None:
    deep = client.get(path, params={"q": "strike", "offset": "5000000"})
    assert deep.status_code == 400
    assert "offset" in deep.text and str(MAX_SEARCH_OFFSET) in deep.text
    assert client.get(path, params={"q": "strike", "offset": str(MAX_SEARCH_OFFSET)}).status_code == 200
    assert client.get(path, params={"offset": "5000000"}).status_code == 200  # no ranking to do


def test_a_full_text_search_never_asks_the_store_for_more_than_a_capped_window(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[int] = []
    real_search = SQLiteStore.search_articles

    def counting(self: SQLiteStore, q: str, limit: int = 50) -> list[tuple[str, str]]:
        asked.append(limit)
        return real_search(self, q, limit)

    monkeypatch.setattr(SQLiteStore, "search_articles", counting)
    with TestClient(create_app(db_path), base_url=LOCAL, raise_server_exceptions=False) as test_client:
        for offset, limit in (("9999999", "1000"), ("0", "100000"), ("10000", "1000")):
            test_client.get("/api/articles", params={"q": "strike", "offset": offset, "limit": limit})
    assert asked and max(asked) <= MAX_SEARCH_OFFSET + MAX_LIMIT


@pytest.fixture(scope="module")
def big_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """More events than one page of the JSON API holds (1000), all with coordinates."""
    path = tmp_path_factory.mktemp("big") / "big.db"
    located = next(event for event in samples.events() if event.place and event.place.latitude is not None)
    many = [dataclasses.replace(located, id=f"ev-many-{n:05d}") for n in range(BIG)]
    with open_store(path) as store:
        store.add_articles(samples.articles())
        store.replace_events(many)
    return path


BIG = 1234


def test_event_downloads_stream_every_event_read_in_pages(
    big_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[int | None] = []
    real_events = SQLiteStore.events

    def recording(self: SQLiteStore, query: EventQuery = EventQuery()) -> list[Event]:  # noqa: B008
        if self._where == str(big_db):  # not a thread another test left running on its own database
            asked.append(query.limit)
        return real_events(self, query)

    monkeypatch.setattr(SQLiteStore, "events", recording)
    with TestClient(create_app(big_db), base_url=LOCAL) as test_client:
        csv_answer = test_client.get("/api/events.csv")
        assert asked and all(limit is not None and limit <= 1000 for limit in asked), asked
        geo_answer = test_client.get("/api/events.geojson")
        some = test_client.get("/api/events.csv", params={"limit": "1100", "offset": "100"})
        paged = test_client.get("/api/events", params={"limit": "5000"})
    rows = list(csv.DictReader(io.StringIO(csv_answer.text)))
    assert len(rows) == BIG and len({row["id"] for row in rows}) == BIG
    assert csv_answer.headers["content-disposition"] == 'attachment; filename="marsad-events.csv"'
    assert csv_answer.headers["content-type"].startswith("text/csv")
    geo = geo_answer.json()
    assert len(geo["features"]) == BIG
    assert geo_answer.headers["content-disposition"] == 'attachment; filename="marsad-events.geojson"'
    assert len(list(csv.DictReader(io.StringIO(some.text)))) == 1100
    assert paged.status_code == 400 and "limit" in paged.text  # the JSON listing keeps its page cap


def test_an_event_download_is_a_streamed_response(big_db: Path) -> None:
    app = create_app(big_db)
    request = Request(
        {"type": "http", "method": "GET", "path": "/api/events.csv", "query_string": b"",
         "headers": [], "path_params": {"suffix": ".csv"}, "app": app}
    )  # fmt: skip
    assert isinstance(api.list_events(request), StreamingResponse)


# -- 3. spreadsheet formula injection -----------------------------------------------------


def test_events_csv_of_the_api_defuses_formulas(client: TestClient) -> None:
    text = client.get("/api/events.csv").text
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)
    assert any(cell.startswith("'=HYPERLINK") for cell in cells)


@pytest.mark.parametrize("fmt", ["csv", "acled-csv"])
def test_csv_exports_defuse_formulas(db_path: Path, fmt: str) -> None:
    with open_store(db_path) as store:
        events = store.events()
        articles = {article.id: article for article in store.articles()}
    buffer = io.StringIO()
    export.write(events, buffer, fmt, articles=articles)
    cells = [cell for row in csv.reader(io.StringIO(buffer.getvalue())) for cell in row]
    assert FORMULA not in cells and not any(cell.startswith("=") for cell in cells)


def test_safe_cell_keeps_numbers_and_plain_text() -> None:
    assert safe_cell("-12.5") == "-12.5"
    assert safe_cell("Amman") == "Amman"
    assert safe_cell("@everyone") == "'@everyone"
    assert safe_cell("+1+cmd|' /C calc'!A0") == "'+1+cmd|' /C calc'!A0"


# -- 4. DNS rebinding and remote binds -------------------------------------------------------


def test_an_unknown_host_header_is_refused(client: TestClient) -> None:
    answer = client.get("/api/events", headers={"host": "attacker.example:8765"})
    assert answer.status_code == 421
    assert "--allow-host" in answer.json()["error"]
    assert client.get("/api/events", headers={"host": "localhost:8765"}).status_code == 200


def test_allow_host_and_the_bound_host_are_answered(db_path: Path) -> None:
    app = create_app(db_path, host="10.0.0.5", allow_hosts=["analyst.lan"])
    with TestClient(app, base_url="http://analyst.lan:8765") as test_client:
        assert test_client.get("/api/stats").status_code == 200
        assert test_client.get("/api/stats", headers={"host": "10.0.0.5:8765"}).status_code == 200
        assert test_client.get("/api/stats", headers={"host": "evil.example"}).status_code == 421


def test_a_token_is_required_on_every_request_when_set(db_path: Path) -> None:
    with TestClient(create_app(db_path, token="s3cret"), base_url=LOCAL) as test_client:
        assert test_client.get("/api/stats").status_code == 401
        assert test_client.get("/static/app.js").status_code == 401
        bad = {"authorization": "Bearer wrong"}
        assert test_client.get("/api/stats", headers=bad).status_code == 401
        good = {"authorization": "Bearer s3cret"}
        assert test_client.get("/api/stats", headers=good).status_code == 200
        # a browser: once in the address, then the cookie
        assert test_client.get("/?token=s3cret").status_code == 200
        assert test_client.get("/api/stats").status_code == 200


def test_serve_warns_on_a_non_loopback_bind(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: None)
    result = CliRunner().invoke(cli, ["serve", "--db", str(db_path), "--host", "0.0.0.0"])
    assert result.exit_code == 0, result.output
    assert "warning" in result.output and "--token" in result.output
    quiet = CliRunner().invoke(cli, ["serve", "--db", str(db_path)])
    assert "warning" not in quiet.output


# -- 5. absolute input paths ------------------------------------------------------------------


def test_input_paths_are_shown_without_their_folders(client: TestClient) -> None:
    page = client.get("/articles/art-hostile").text
    api = client.get("/api/articles/art-hostile").text
    for text in (page, api):
        assert SECRET_DIR not in text
        assert "day.jsonl" in text


# -- 6. security headers and the Markdown brief ---------------------------------------------


@pytest.mark.parametrize(
    "path", ["/", "/api/events", "/static/app.js", "/no/such/page", "/articles/art-hostile"]
)
def test_every_response_has_the_security_headers(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("path", ["/", "/actors/Harakat%20al-Nujaba", "/events/x", "/articles/art-hostile"])
def test_pages_have_no_inline_script_the_policy_would_block(client: TestClient, path: str) -> None:
    page = client.get(path).text
    assert "<script>" not in page and " on" + "load=" not in page
    assert "style=" not in page


def test_the_markdown_brief_escapes_outlet_names(db_path: Path) -> None:
    with open_store(db_path) as store:
        text = brief.render_markdown(brief.build_brief(store, "2024-01-04"))
    assert HTML_OUTLET not in text
    assert "&lt;img src=x" in text


def test_md_escapes_markup_and_html() -> None:
    assert md("[x](javascript:alert(1))") == "\\[x\\](javascript:alert(1))"
    assert md("<b>&") == "&lt;b&gt;&amp;"


# -- 7. a text too long to parse ----------------------------------------------------------------


def test_an_oversized_article_is_rejected_and_the_others_are_analysed(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "huge.txt").write_text(
        "Doha talks\n\n" + "Talks in Doha resumed on Monday. " * 40_000, encoding="utf-8"
    )
    good = "Basra attack\n\nGunmen attacked a checkpoint in Basra on Tuesday, killing two officers."
    (folder / "good.txt").write_text(good, encoding="utf-8")
    db = tmp_path / "run.db"
    runner = CliRunner()
    first = runner.invoke(cli, ["run", str(folder), "--db", str(db), "--published", "2026-01-13", "--quiet"])
    assert first.exit_code == 1, first.output  # a rejected input, not a crash
    assert first.exception is None or isinstance(first.exception, SystemExit)
    assert "huge.txt" in first.output and "1,000,000" in first.output and "--max-chars" in first.output
    with open_store(db) as store:
        assert len(store.articles()) == 1, "the oversized text is not stored"
        assert store.events(), "the good article's events are stored"
        assert any("huge.txt" in (r.path or "") for r in store.rejections())
    again = runner.invoke(cli, ["run", str(folder / "good.txt"), "--db", str(db), "--quiet"])
    assert again.exit_code == 0, again.output


# -- 8. reruns never take stored information away --------------------------------------------------


def test_a_rerun_without_published_keeps_dates(tmp_path: Path) -> None:
    text = tmp_path / "basra.txt"
    text.write_text(
        "Checkpoint attack in Basra\n\n"
        "Gunmen attacked a police checkpoint in Basra on Tuesday, killing two officers, police said.",
        encoding="utf-8",
    )
    db = tmp_path / "rerun.db"
    runner = CliRunner()
    runner.invoke(cli, ["run", str(text), "--db", str(db), "--published", "2026-01-15", "--quiet"])
    with open_store(db) as store:
        before = sorted((e.plover_type, e.date.date) for e in store.events())
    assert before and all(date for _, date in before)
    rerun = runner.invoke(cli, ["run", str(text), "--db", str(db), "--quiet"])
    assert rerun.exit_code == 0, rerun.output
    with open_store(db) as store:
        after = sorted((e.plover_type, e.date.date) for e in store.events())
        assert store.articles()[0].published == "2026-01-15"
    assert after == before


# -- 9. a run stopped between its stages ------------------------------------------------------------


def test_a_run_killed_before_merging_is_reported_and_completed_by_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from marsad import pipeline

    first = tmp_path / "basra.txt"
    first.write_text(
        "Basra attack\n\nGunmen attacked a police checkpoint in Basra on Tuesday, killing two officers.",
        encoding="utf-8",
    )
    second = tmp_path / "amman.txt"
    second.write_text(
        "Amman protest\n\nHundreds protested in Amman on Friday against rising fuel prices.", encoding="utf-8"
    )
    db = tmp_path / "killed.db"
    runner = CliRunner()

    def killed(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "merge_new", killed)  # the run's merge step
    stopped = runner.invoke(cli, ["run", str(first), "--db", str(db), "--published", "2026-01-15", "--quiet"])
    assert stopped.exit_code != 0  # click turns the interrupt into an abort
    monkeypatch.undo()
    with open_store(db) as store:
        assert store.mentions() and not store.events(), "mentions without events: an incomplete store"
    status = runner.invoke(cli, ["status", "--db", str(db)])
    assert status.exit_code == 1
    assert "unfinished run" in status.output and "'analysed'" in status.output

    resumed = runner.invoke(
        cli, ["run", str(second), "--db", str(db), "--published", "2026-01-16", "--quiet"]
    )
    assert resumed.exit_code == 0, resumed.output
    with open_store(db) as store:
        places = {e.place.name for e in store.events() if e.place}
    assert {"Basra", "Amman"} <= places
    status = runner.invoke(cli, ["status", "--db", str(db)])
    assert status.exit_code == 0 and "no unfinished runs" in status.output


def test_a_run_killed_after_storing_articles_is_analysed_by_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from marsad import pipeline

    text = tmp_path / "basra.txt"
    text.write_text(
        "Basra attack\n\nGunmen attacked a police checkpoint in Basra on Tuesday, killing two officers.",
        encoding="utf-8",
    )
    db = tmp_path / "killed.db"
    runner = CliRunner()

    def killed(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "analyse", killed)
    runner.invoke(cli, ["run", str(text), "--db", str(db), "--published", "2026-01-15", "--quiet"])
    monkeypatch.undo()
    with open_store(db) as store:
        assert store.articles() and not store.mentions()
        assert [run.stage for run in store.unfinished_runs()] == ["stored"]
    empty = tmp_path / "nothing"
    empty.mkdir()
    runner.invoke(cli, ["run", str(empty), "--db", str(db), "--quiet"])
    with open_store(db) as store:
        assert store.events() and not store.unfinished_runs()
        assert all(e.date.date for e in store.events()), "the stored date is used"


# -- the hostile-input suite: fuzzed parameters and broken files -----------------------------------

PARAMETERS = ["country", "admin1", "type", "acled_type", "since", "until", "actor", "q", "has_fatalities",
              "limit", "offset", "order"]  # fmt: skip
ENDPOINTS = ["/api/events", "/api/events.csv", "/api/actors", "/api/articles", "/api/stats", "/"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    endpoint=st.sampled_from(ENDPOINTS),
    values=st.dictionaries(st.sampled_from(PARAMETERS), st.text(max_size=300), max_size=4),
)
def test_no_parameter_value_makes_a_server_error(
    client: TestClient, endpoint: str, values: dict[str, str]
) -> None:
    answer = client.get(endpoint, params=values)
    assert answer.status_code in {200, 400}, answer.text[:300]
    if endpoint.startswith("/api/") and not endpoint.endswith(".csv"):
        assert json.loads(answer.text)


@pytest.mark.parametrize(
    "path",
    ["/static/../app.py", "/static/%2e%2e/app.py", "/articles/..%2f..%2fetc%2fpasswd", "/api/actors/../../x"],
)
def test_path_traversal_reads_nothing_outside(client: TestClient, path: str) -> None:
    answer = client.get(path)
    assert answer.status_code in {400, 404}
    assert "create_app" not in answer.text


BAD_FILES: dict[str, bytes] = {
    "empty.txt": b"",
    "binary.txt": bytes(range(256)) * 8,
    "latin.txt": "Manifestation à Tunis contre la vie chère.".encode("latin-1") + b"\xff\xfe",
    "cut.html": b"<html><head><title>Half a page</title></head><body><p>Clashes near the bor",
    "broken.jsonl": b'{"title": "One", "body": "Talks in Muscat ended on Friday."}\n{"title": "Tw\n',
    "columns.csv": b"title,body\nOnly a title\nA,B,C,D\n",
}


def test_the_bad_file_corpus_is_rejected_cleanly(tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    for name, content in BAD_FILES.items():
        (folder / name).write_bytes(content)
    db = tmp_path / "bad.db"
    result = CliRunner().invoke(
        cli, ["run", str(folder), "--db", str(db), "--published", "2026-01-10", "--quiet"]
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


# -- markup through every field that reaches HTML, CSV or Markdown -------------------------

SCRIPT = "<script>alert(9)</script>"
IMG = '<img src=x onerror="alert(8)">'


def test_markup_in_every_field_of_an_input_is_escaped_everywhere(tmp_path: Path) -> None:
    """A feed record with markup in its title, body, outlet and URL: no page or brief renders it live."""
    record = {
        "title": f"Clashes in Mosul {SCRIPT}",
        "body": f"Gunmen {IMG} killed two police officers in Mosul on Monday, a source {SCRIPT} said.",
        "source": f"Night Desk {IMG}",
        "url": 'https://example.org/a?x="><script>alert(6)</script>',
        "published": "2024-03-05",
    }
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps(record) + "\n", encoding="utf-8")
    db = tmp_path / "x.db"
    result = CliRunner().invoke(cli, ["run", str(feed), "--db", str(db), "--quiet"])
    assert result.exit_code == 0, result.output
    with open_store(db) as store:
        events = store.events(EventQuery())
        article_id = store.articles()[0].id
    assert events, "the text reports a killing"
    pages = ["/", f"/articles/{article_id}", *(f"/events/{event.id}" for event in events)]
    with TestClient(create_app(db), base_url=LOCAL) as web:
        for page in pages:
            text = web.get(page).text
            assert "<script>alert" not in text, page
            assert "<img src=x" not in text, page
        # the API hands the text back as data, never as a page a browser would render
        answer = web.get("/api/events")
        assert answer.headers["content-type"].startswith("application/json")
        assert answer.headers["x-content-type-options"] == "nosniff"
    md_brief = brief.render_markdown(brief.build_brief(open_store(db), "2024-03-04"))
    assert "<img" not in md_brief and "<script" not in md_brief
