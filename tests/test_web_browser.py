"""The web UI in a real headless Chromium (Debian's), driven by Playwright.

Loads the overview, filters by country, opens an event, sees highlighted evidence, takes a
screenshot and checks it is not blank; fails if the page requests anything off this machine.
CI installs Chromium (.ci/run); elsewhere the test skips when no browser is installed.
"""

from __future__ import annotations

import io
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import test_store_samples as samples
from marsad.store import open_store
from marsad.web import create_app

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions",
]  # fmt: skip

if CHROMIUM is None and os.environ.get("CI"):
    pytest.fail("Chromium is not installed; .ci/run must install Debian's chromium", pytrace=False)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium here (apt-get install chromium)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    path = tmp_path_factory.mktemp("ui") / "ui.db"
    with open_store(path) as store:
        store.add_articles(samples.articles())
        store.add_mentions(samples.mentions())
        store.replace_events(samples.events())
    port = free_port()
    config = uvicorn.Config(create_app(path), host="127.0.0.1", port=port, log_level="warning")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not uv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(timeout=5)


def is_blank(png: bytes) -> bool:
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("L")
    low, high = image.getextrema()
    return bool(high - low < 30)


def test_map_filter_event_and_evidence(server: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    requested: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("request", lambda request: requested.append(request.url))
        console: list[str] = []
        page.on("console", lambda message: console.append(message.text))
        page.goto(server + "/")
        page.wait_for_selector("#map path.country", state="attached", timeout=15_000)
        page.wait_for_selector("#map .event-marker", timeout=15_000)
        assert page.locator("#events-table tr.event-row").count() == len(samples.events())

        page.fill("input[name=country]", "IQ")
        page.click("form#filters button[type=submit]")
        page.wait_for_url("**country=IQ**")
        rows = page.locator("#events-table tr.event-row")
        assert rows.count() >= 1
        assert all("IQ" in rows.nth(i).inner_text() for i in range(rows.count()))

        rows.first.locator("a").first.click()
        page.wait_for_selector("mark.evidence")
        assert page.locator("mark.evidence").count() >= 1
        assert page.locator("#claims tbody tr").count() >= 1
        shot = page.screenshot(full_page=True)
        (tmp_path / "event.png").write_bytes(shot)
        # the actor page draws its timeline from app.js alone: no inline script under the policy
        page.goto(server + "/actors/Harakat%20al-Nujaba")
        page.wait_for_selector("svg#timeline[data-days]", timeout=15_000)
        browser.close()
    violations = [text for text in console if "Content Security Policy" in text]
    assert violations == [], f"the security policy blocked {violations}"
    assert not is_blank(shot), "the screenshot is blank"
    off_machine = [url for url in requested if not url.startswith(server) and not url.startswith("data:")]
    assert off_machine == [], f"the page requested {off_machine}"
