"""`marsad review`: a seeded random sample of stored events, beside the sentences they came from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from marsad import review
from marsad.cli import cli
from marsad.records import Claim, DateRef, Event, Figure, FigureKind, PlaceRef, Precision

FIXTURES = Path(__file__).parent / "fixtures" / "cli"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("review") / "events.db"
    inputs = [str(FIXTURES / "tigris-dump.txt"), str(FIXTURES / "beirut.jsonl")]
    result = CliRunner().invoke(cli, ["run", *inputs, "--db", str(path), "--source", "Tigris Times"])
    assert result.exit_code == 0, result.output
    return path


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def stored_events(db: Path) -> list[dict[str, object]]:
    code, out, err = invoke("events", "--db", str(db), "--format", "json")
    assert code == 0, err
    return list(json.loads(out))


def test_the_same_seed_gives_the_same_sample_and_another_seed_may_not() -> None:
    events = [Event(id=f"ev-{i:03d}", plover_type="ASSAULT") for i in range(50)]
    first = review.sample(events, 10, seed=7)
    assert [e.id for e in first] == [e.id for e in review.sample(list(reversed(events)), 10, seed=7)]
    assert len({e.id for e in first}) == 10
    assert [e.id for e in first] != [e.id for e in review.sample(events, 10, seed=8)]
    assert len(review.sample(events, 500, seed=7)) == 50, "a sample larger than the store is the whole store"


def test_claims_read_as_an_analyst_writes_them() -> None:
    claim = Claim(
        source="the health ministry",
        figures=(
            Figure(kind=FigureKind.KILLED, low=2, high=None, text="at least two"),
            Figure(kind=FigureKind.INJURED, low=3, high=5, text="three to five"),
        ),
    )
    assert review.claim_text(claim) == "the health ministry: killed at least 2, injured 3-5"
    assert review.claim_text(Claim(source="article")) == "article"


def test_text_form_shows_each_field_and_the_evidence_sentence(db: Path) -> None:
    code, out, err = invoke("review", "--db", str(db), "--sample", "40", "--seed", "7")
    assert code == 0, err
    blocks = out.strip().split("\n\n")
    assert len(blocks) == len(stored_events(db)), "a sample of 40 from a small store is every event"
    for block in blocks:
        for label in ("actors:", "place:", "figures:", "id:"):
            assert label in block
    assert "    > " in out, "every event quotes the sentence it came from"
    assert out.startswith("[1/")


def test_jsonl_form_is_one_event_a_line_with_its_evidence(db: Path) -> None:
    code, out, err = invoke("review", "--db", str(db), "--sample", "3", "--seed", "1", "--format", "jsonl")
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 3
    stored = {event["id"]: event for event in stored_events(db)}
    for row in rows:
        assert row["id"] in stored
        assert row["plover_type"] == stored[row["id"]]["plover_type"]
        assert row["evidence"] and all(e["sentence"] and e["title"] for e in row["evidence"])


def test_filters_narrow_the_sample(db: Path) -> None:
    code, out, err = invoke("review", "--db", str(db), "--type", "assault", "--format", "jsonl")
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows and {row["plover_type"] for row in rows} == {"ASSAULT"}
    code, out, _ = invoke("review", "--db", str(db), "--country", "ZZ")
    assert code == 0
    assert "no events match" in out


def test_seeded_reviews_repeat(db: Path) -> None:
    first = invoke("review", "--db", str(db), "--sample", "2", "--seed", "11")
    assert first == invoke("review", "--db", str(db), "--sample", "2", "--seed", "11")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--sample", "0"), "--sample"),
        (("--since", "yesterday"), "not a date"),
        (("--format", "xml"), "--format"),
    ],
)
def test_bad_options_say_what_is_wrong(db: Path, args: tuple[str, ...], message: str) -> None:
    code, _, err = invoke("review", "--db", str(db), *args)
    assert code == 2
    assert message in err


def test_a_missing_database_says_what_to_do(tmp_path: Path) -> None:
    code, _, err = invoke("review", "--db", str(tmp_path / "none.db"))
    assert code == 1
    assert "marsad run" in err


def test_an_event_without_evidence_or_place_still_reads() -> None:
    event = Event(id="ev-x", plover_type="CONSULT", date=DateRef(date="2026-01-02", precision=Precision.DAY))
    text = review.render_text([review.ReviewItem(event=event, evidence=())])
    assert "CONSULT   2026-01-02 (day)" in text
    assert "place:    -" in text


def test_a_place_known_only_by_its_country_says_so_rather_than_unresolved() -> None:
    country = Event(id="ev-1", plover_type="ASSAULT", place=PlaceRef(text="Cameroon", country="CM"))
    nowhere = Event(id="ev-2", plover_type="ASSAULT", place=PlaceRef(text="Qaryat Foo"))
    assert "[country only: 'Cameroon']" in review.place_text(country)
    assert "[unresolved: 'Qaryat Foo']" in review.place_text(nowhere)
