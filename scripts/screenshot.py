"""Take the README's screenshots of the web UI on the demo database, with Debian's Chromium.

marsad demo && python scripts/screenshot.py marsad.db docs/
"""

from __future__ import annotations

import shutil
import socket
import sys
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

from marsad.web import create_app

FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-sync",
]


def serve(db: str) -> tuple[uvicorn.Server, str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server, f"http://127.0.0.1:{port}"


def main(db: str, out: str) -> None:
    server, base = serve(db)
    chromium = shutil.which("chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
        page = browser.new_page(viewport={"width": 1300, "height": 1000})
        page.goto(base + "/?order=-fatalities")
        page.wait_for_selector("#map[data-markers]")
        page.wait_for_selector("svg#timeline[data-days]")
        page.wait_for_timeout(800)  # the clusters' fade-in
        page.screenshot(path=str(Path(out) / "screenshot-overview.png"))
        page.locator("#events-table tr.event-row a").first.click()
        page.wait_for_selector("mark.evidence")
        page.screenshot(path=str(Path(out) / "screenshot-event.png"))
        day = page.locator("dl.facts dd").nth(4).inner_text().split()[0]
        page.goto(f"{base}/brief?date={day}")
        page.wait_for_selector("#brief h1")
        page.screenshot(path=str(Path(out) / "screenshot-brief.png"), full_page=True)
        browser.close()
    server.should_exit = True


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
