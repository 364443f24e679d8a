"""The daily brief: counts against the previous week, severe events with every claim, new actors, a map."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import test_store_samples as samples
from marsad import brief
from marsad.cli import cli
from marsad.store import open_store


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "brief.db"
    with open_store(path) as store:
        store.add_articles(samples.articles())
        store.add_mentions(samples.mentions())
        store.replace_events(samples.events())
    return path


def test_brief_lists_the_day_with_conflicting_figures(db: Path) -> None:
    with open_store(db) as store:
        result = brief.build_brief(store, "2024-01-04")
    assert [event.plover_type for event in result.events] == ["ASSAULT"]
    text = brief.render_markdown(result, map_file="brief.md.svg")
    assert "2-4 killed (sources disagree)" in text
    assert "the Pentagon: killed 2" in text
    assert "Iraqi police and militia sources: killed 4" in text
    assert "Harakat al-Nujaba" in text.split("## New actors")[1]
    assert "![Map of the day's events](brief.md.svg)" in text


def test_brief_for_a_quiet_day_says_so(db: Path) -> None:
    with open_store(db) as store:
        result = brief.build_brief(store, "2025-06-01")
    assert result.events == ()
    assert "No events on this day." in brief.render_markdown(result)


def test_html_brief_has_an_inline_map_with_markers(db: Path) -> None:
    with open_store(db) as store:
        html = brief.render_html(brief.build_brief(store, "2024-01-04"))
    assert "<svg" in html and "<circle" in html and "<path" in html
    assert "http" not in html.replace("http://www.w3.org/2000/svg", "")


def test_cli_brief_writes_markdown_and_map(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "brief.md"
    result = CliRunner().invoke(cli, ["brief", "--db", str(db), "--date", "2024-01-04", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("# Situation brief, 2024-01-04")
    assert Path(f"{out}.svg").read_text(encoding="utf-8").startswith("<svg")
