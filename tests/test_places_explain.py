"""Every resolved place keeps the clue that decided it, shown by `marsad events --explain`."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from marsad.cli import cli
from marsad.output import place_explanation
from marsad.records import Event, PlaceRef

STORY = (
    "Blast hits Damascus district\n\n"
    "A car bomb exploded in the al-Nasr neighbourhood of Damascus on Monday, killing five people, "
    "police said.\n"
)


def test_events_explain_names_the_clue_behind_each_place(tmp_path: Path) -> None:
    source = tmp_path / "story.txt"
    source.write_text(STORY, encoding="utf-8")
    db = str(tmp_path / "m.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["run", str(source), "--db", db, "--published", "2026-01-12"]).exit_code == 0
    result = runner.invoke(cli, ["events", "--db", db, "--explain"])
    assert result.exit_code == 0, result.output
    explained = result.output.split("places:", 1)[1]
    # "of Damascus" holds the quarter, so the namesake an-Nasr in Gaza is ruled out.
    assert "Damascus" in explained and "SY" in explained
    assert "decided by: containment" in explained
    assert "geo precision" in explained


def test_an_explanation_shows_admin2_and_precision() -> None:
    place = PlaceRef(
        text="Mosul",
        name="Mosul",
        admin2="Mosul",
        admin1="Nineveh",
        country="IQ",
        latitude=36.34,
        longitude=43.13,
        geo_precision=1,
        resolved=True,
        clue="population",
    )
    line = place_explanation(Event(id="ev-1", plover_type="ASSAULT", place=place))
    assert "Mosul, Mosul, Nineveh, IQ (36.340, 43.130), geo precision 1; decided by: population" in line
