"""End to end through the command line: run, events, export, kb, and bad input."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from marsad.cli import cli

FIXTURES = Path(__file__).parent / "fixtures" / "cli"
ACLED_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "events.db"
    runner = CliRunner()
    result = runner.invoke(
        cli,
        [
            "run",
            str(FIXTURES / "tigris-dump.txt"),
            str(FIXTURES / "beirut.jsonl"),
            "--db",
            str(path),
            "--source",
            "Tigris Times",
        ],
    )
    assert result.exit_code == 0, result.output
    return path


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def events_json(db: Path, *args: str) -> list[dict[str, object]]:
    code, out, err = invoke("events", "--db", str(db), "--format", "json", *args)
    assert code == 0, err
    return list(json.loads(out))


def test_run_reports_articles_and_events(db: Path) -> None:
    events = events_json(db)
    assert events, "the fixtures report a strike, an arrest and a protest"
    types = {event["plover_type"] for event in events}
    assert {"ASSAULT", "COERCE", "PROTEST"} <= types


def test_rerunning_the_same_input_changes_nothing(db: Path) -> None:
    before = events_json(db)
    code, _, err = invoke(
        "run", str(FIXTURES / "tigris-dump.txt"), "--db", str(db), "--source", "Tigris Times"
    )
    assert code == 0, err
    assert "0 new" in err
    assert events_json(db) == before


def test_events_filters(db: Path) -> None:
    assault = events_json(db, "--type", "assault")
    assert assault and all(e["plover_type"] == "ASSAULT" for e in assault)
    assert events_json(db, "--since", "2099-01-01") == []
    lebanon = events_json(db, "--country", "LB")
    assert lebanon and all(e["place"]["country"] == "LB" for e in lebanon)


def test_events_table_and_csv(db: Path) -> None:
    code, out, _ = invoke("events", "--db", str(db), "--format", "table")
    assert code == 0 and out.splitlines()[0].startswith("DATE")
    code, out, _ = invoke("events", "--db", str(db), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and {"date", "type", "actor1", "killed", "id"} <= set(rows[0])


def test_events_on_a_missing_database_says_what_to_do(tmp_path: Path) -> None:
    code, _, err = invoke("events", "--db", str(tmp_path / "none.db"))
    assert code == 1
    assert "marsad run" in err


@pytest.mark.parametrize("fmt", ["acled-csv", "csv", "jsonl", "json", "geojson", "parquet"])
def test_export_round_trips(db: Path, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"out.{fmt}"
    code, _, err = invoke("export", "--db", str(db), "--format", fmt, "-o", str(target))
    assert code == 0, err
    assert target.exists()
    if fmt == "acled-csv":
        frame = pd.read_csv(target)
        assert list(frame.columns) == ACLED_COLUMNS
        assert len(frame) >= 1
    elif fmt == "jsonl":
        lines = target.read_text(encoding="utf-8").splitlines()
        assert lines and all(json.loads(line)["id"] for line in lines)
    elif fmt == "geojson":
        data = json.loads(target.read_text(encoding="utf-8"))
        assert data["type"] == "FeatureCollection"
    elif fmt == "parquet":
        assert len(pd.read_parquet(target)) >= 1


def test_bad_inputs_are_reported_and_the_rest_is_stored(tmp_path: Path) -> None:
    path = tmp_path / "mixed.db"
    code, _, err = invoke("run", str(FIXTURES / "bad"), str(FIXTURES / "beirut.jsonl"), "--db", str(path))
    assert code == 1, "a rejected input makes the exit code non-zero"
    assert "empty.txt" in err and "not-text.txt" in err
    assert events_json(path), "the good input is still processed"


def test_bad_published_date_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = invoke(
        "run", str(FIXTURES / "beirut.jsonl"), "--db", str(tmp_path / "x.db"), "--published", "last Monday"
    )
    assert code == 2
    assert "YYYY-MM-DD" in err


def test_stdin_is_read_with_a_dash(tmp_path: Path) -> None:
    text = (
        "Gunmen Attack Checkpoint in Daraa\n\n"
        "Gunmen attacked a checkpoint in Daraa on Friday, killing two soldiers.\n"
    )
    result = CliRunner().invoke(cli, ["run", "-", "--db", str(tmp_path / "s.db")], input=text)
    assert result.exit_code == 0, result.output
    assert events_json(tmp_path / "s.db")


@pytest.mark.parametrize("command", [name for name in cli.commands])  # type: ignore[attr-defined]
def test_every_command_has_help(command: str) -> None:
    code, out, _ = invoke(command, "--help")
    assert code == 0
    assert len(out.splitlines()) > 3


def test_demo_runs_the_sample_corpus_and_writes_exports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = invoke("demo")
    assert code == 0, err
    assert out.splitlines()[0].startswith("DATE")
    assert (tmp_path / "marsad.db").exists()
    for name in ("events-acled.csv", "events.jsonl", "events.geojson"):
        assert f"export: exports/{name}" in out
        assert (tmp_path / "exports" / name).stat().st_size > 0
    demo_events = events_json(tmp_path / "marsad.db")
    assert len(demo_events) >= 30, "the sample corpus reports dozens of events"
    assert any(len(event["article_ids"]) > 1 for event in demo_events), "some events merge several reports"
    code, _, err = invoke("export", "--db", "marsad.db", "--format", "parquet", "-o", "demo.parquet")
    assert code == 0, err
    assert len(pd.read_parquet(tmp_path / "demo.parquet")) == len(demo_events)


def test_kb_add_validates_and_appends(tmp_path: Path) -> None:
    target = tmp_path / "mine.jsonl"
    code, _, err = invoke(
        "kb",
        "add",
        "--id",
        "test-new-brigade",
        "--name",
        "Test Valley Brigade",
        "--type",
        "Political militia",
        "--sector",
        "REB",
        "--country",
        "IQ",
        "--alias",
        "Valley Brigade",
        "--file",
        str(target),
    )
    assert code == 0, err
    assert json.loads(target.read_text(encoding="utf-8"))["name"] == "Test Valley Brigade"
    code, _, err = invoke(
        "kb",
        "add",
        "--id",
        "test-dup",
        "--name",
        "Hezbollah Again",
        "--type",
        "Political militia",
        "--sector",
        "REB",
        "--country",
        "LB",
        "--alias",
        "Hezbollah",
        "--file",
        str(target),
    )
    assert code == 1
    assert "Hezbollah" in err and len(target.read_text(encoding="utf-8").splitlines()) == 1


def test_kb_check_passes_on_the_packaged_base() -> None:
    code, _, err = invoke("kb", "check")
    assert code == 0, err
    assert "no problems" in err


def test_run_on_a_local_dask_cluster_gives_the_local_events(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "dask.db"
    inputs = [str(FIXTURES / "tigris-dump.txt"), str(FIXTURES / "beirut.jsonl")]
    code, _, err = invoke("run", *inputs, "--db", str(path), "--source", "Tigris Times", "--engine", "dask",
                          "--workers", "1")  # fmt: skip
    assert code == 0, err
    assert events_json(path) == events_json(db)
