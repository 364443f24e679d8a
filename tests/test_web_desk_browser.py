"""The analyst's desk in headless Chromium: the map (clusters, list on click, fit, note, legend,
keyboard), the timeline's brush, the downloads of the overview and the printable brief.

Skips where no Chromium is installed, like tests/test_web_browser.py (whose helpers it uses).
"""

from __future__ import annotations

import csv
import io
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import test_store_samples as samples
from marsad.store import open_store
from marsad.web import create_app
from test_web_browser import CHROMIUM, CHROMIUM_FLAGS, free_port, is_blank
from test_web_desk import CLONES, desk_events

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium here (apt-get install chromium)")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    path = tmp_path_factory.mktemp("desk-ui") / "desk.db"
    with open_store(path) as store:
        store.add_articles(samples.articles())
        store.add_mentions(samples.mentions())
        store.replace_events(desk_events())
    port = free_port()
    uv = uvicorn.Server(uvicorn.Config(create_app(path), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not uv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    """A page that fails the test on a Content Security Policy violation or a request off the machine."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    opened = context.new_page()
    console: list[str] = []
    requested: list[str] = []
    opened.on("console", lambda message: console.append(message.text))
    opened.on("request", lambda request: requested.append(request.url))
    yield opened
    context.close()
    assert [text for text in console if "Content Security Policy" in text] == []
    assert [url for url in requested if not url.startswith((server, "data:", "blob:"))] == []


def overview(page: Any, server: str, query: str = "") -> None:
    page.goto(f"{server}/{query}")
    page.wait_for_selector("#map[data-markers]", timeout=15_000)
    page.wait_for_selector("#map path.country", state="attached", timeout=15_000)


def test_map_clusters_stacked_events_and_lists_them_on_click(page: Any, server: str) -> None:
    overview(page, server)
    stacked = page.locator("#map .event-cluster", has_text=str(CLONES + 1))
    stacked.wait_for(timeout=10_000)
    stacked.click(force=True)  # the Baghdad strike and its copies share one point
    page.wait_for_selector(".event-list li", timeout=10_000)
    items = page.locator(".event-list li a")
    assert items.count() == CLONES + 1
    assert all(
        href.startswith("/events/")
        for href in items.evaluate_all("els => els.map(e => e.getAttribute('href'))")
    )


def test_map_fits_the_filter_notes_unlocated_events_and_has_a_size_legend(page: Any, server: str) -> None:
    overview(page, server)
    everything = desk_events()
    unlocated = [e for e in everything if not (e.place and e.place.latitude is not None)]
    assert page.get_attribute("#map", "data-unlocated") == str(len(unlocated))
    assert f"{len(unlocated)} of {len(everything)} events have no coordinates" in page.inner_text("#map-note")
    assert page.locator("#size-legend .size-dot").count() >= 3
    sizes = page.locator("#size-legend .size-dot").evaluate_all("els => els.map(e => e.offsetWidth)")
    assert sizes == sorted(sizes) and max(sizes) <= 44, "square-root sizes, capped"
    box = page.locator("#map").bounding_box()
    for marker in page.locator("#map .event-marker, #map .event-cluster").all():
        spot = marker.bounding_box()
        assert box["x"] <= spot["x"] and spot["x"] + spot["width"] <= box["x"] + box["width"], (
            "fit to the events"
        )
        assert box["y"] <= spot["y"] and spot["y"] + spot["height"] <= box["y"] + box["height"]
    shot = page.locator("#map").screenshot()
    assert not is_blank(shot)


def test_map_is_usable_by_keyboard(page: Any, server: str) -> None:
    overview(page, server, "?country=SY&modality=asserted")
    page.focus("#map")
    before = page.evaluate("() => document.querySelector('.leaflet-map-pane').style.transform")
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(400)
    assert page.evaluate("() => document.querySelector('.leaflet-map-pane').style.transform") != before
    marker = page.locator("#map .event-marker").first
    marker.focus()
    assert page.evaluate("() => document.activeElement.classList.contains('event-marker')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/events/" in page.url
    overview(page, server)
    page.locator("#map .event-cluster", has_text=str(CLONES + 1)).focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(".event-list li", timeout=10_000)


def test_timeline_brush_sets_the_date_filter_in_the_url(page: Any, server: str) -> None:
    overview(page, server, "?country=SY")
    page.wait_for_selector("svg#timeline rect.brush-area", timeout=15_000)
    assert page.locator("svg#timeline text.axis").count() >= 3, "a labelled time axis"
    area = page.locator("svg#timeline rect.brush-area").bounding_box()
    y = area["y"] + area["height"] / 2
    page.mouse.move(area["x"] + 2, y)
    page.mouse.down()
    page.mouse.move(area["x"] + area["width"] / 2, y, steps=5)
    page.mouse.move(area["x"] + area["width"] - 2, y, steps=5)
    with page.expect_navigation():
        page.mouse.up()
    assert "since=" in page.url and "until=" in page.url and "country=SY" in page.url
    assert page.input_value("input[name=since]") and page.input_value("input[name=until]")


def test_overview_downloads_hold_every_event_of_the_filter(page: Any, server: str) -> None:
    overview(page, server, "?country=IQ&limit=2")
    assert page.locator("#events-table tr.event-row").count() == 2, "the table is paged"
    with page.expect_download() as waiting:
        page.click("#downloads a:text-is('CSV')")
    download = waiting.value
    assert download.suggested_filename == "marsad-events.csv"
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    assert len(rows) == CLONES + 1 and all(row["country"] == "IQ" for row in rows)


def test_brief_page_prints_without_the_menus(page: Any, server: str) -> None:
    page.goto(f"{server}/brief?date=2026-01-12")
    page.wait_for_selector("#brief h1")
    assert "Situation brief, 2026-01-12" in page.inner_text("#brief h1")
    page.emulate_media(media="print")
    assert not page.locator("header.top").is_visible()
    assert not page.locator("#brief-form").is_visible()
    assert page.locator("#brief").is_visible()
