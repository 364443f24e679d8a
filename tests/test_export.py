"""Exports: ACLED CSV, marsad CSV, JSON Lines, JSON, GeoJSON and Parquet, each read back."""

from __future__ import annotations

import dataclasses
import io
import json
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from marsad import export
from marsad.errors import ConfigError
from marsad.export.acled_csv import inter_type, interaction
from marsad.records import ActorRef, Event, Modality, Precision, from_dict, to_dict
from test_store_samples import articles, events

ACLED_HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
    "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,"
    "admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,"
    "tags,timestamp"
)


TARGETED = "Civilians targeted"


def by_id() -> dict[str, Event]:
    return {event.id: event for event in events()}


def write_text(fmt: str, **kwargs: object) -> tuple[int, str]:
    buffer = io.StringIO()
    written = export.write(events(), buffer, fmt, articles={a.id: a for a in articles()}, **kwargs)  # type: ignore[arg-type]
    return written, buffer.getvalue()


# -- ACLED CSV --------------------------------------------------------------------------------


def test_acled_csv_has_acleds_31_columns_in_order(tmp_path: Path) -> None:
    path = tmp_path / "acled.csv"
    written = export.write(events(), path, "acled-csv", timestamp=1767225600)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert list(frame.columns) == ACLED_HEADER.split(",")
    assert len(export.ACLED_COLUMNS) == 31
    assert written == len(frame) == 2  # CONSULT (no ACLED type) and a year-only date are skipped
    assert path.read_text(encoding="utf-8").splitlines()[0] == ACLED_HEADER


def test_acled_csv_values_for_an_air_strike() -> None:
    _, text = write_text("acled-csv", timestamp=1767225600)
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    row = frame.set_index("event_id_cnty").loc["IRQev-baghdad-strike"].to_dict()
    assert row["event_date"] == "2024-01-04"
    assert row["year"] == "2024"
    assert row["time_precision"] == "1"
    assert row["disorder_type"] == "Political violence"
    assert (row["event_type"], row["sub_event_type"]) == ("Explosions/Remote violence", "Air/drone strike")
    assert row["actor1"] == "Military Forces of the United States"
    assert (row["inter1"], row["inter2"]) == ("External/Other forces", "Political militia")
    assert row["interaction"] == "Political militia-External/Other forces"  # lowest code first
    assert (row["iso"], row["region"], row["country"]) == ("368", "Middle East", "Iraq")
    assert (row["admin1"], row["location"]) == ("Baghdad", "Baghdad")
    assert (row["latitude"], row["longitude"], row["geo_precision"]) == ("33.3406", "44.4009", "2")
    assert row["source"] == "Asharq Al-Awsat"
    assert row["fatalities"] == "2"
    assert row["tags"].split("; ")[:3] == ["fatalities low=2", "fatalities high=4", "injured=7"]
    assert row["notes"].startswith("On 4 January 2024, Military Forces of the United States attacked")
    assert "2 to 4 reported killed" in row["notes"]
    assert row["timestamp"] == "1767225600"


def test_acled_csv_values_for_arrests() -> None:
    row = export.acled_row(by_id()["ev-latakia-arrests"], timestamp=0)
    assert row["time_precision"] == "2"
    assert row["disorder_type"] == "Strategic developments"
    assert (row["country"], row["iso"], row["region"]) == ("Syria", "760", "Middle East")
    assert row["interaction"] == "State forces-Civilians"
    assert row["civilian_targeting"] == ""  # arrests are not violence against civilians
    assert row["fatalities"] == "0"
    assert row["notes"] == (
        "In the week of 12 January 2026, Police Forces of Syria arrested suspects (Arrests) "
        "in Latakia, Syria; 12 arrested."
    )
    assert list(row) == list(export.ACLED_COLUMNS)


def test_acled_csv_is_byte_stable_with_a_fixed_timestamp() -> None:
    assert write_text("acled-csv", timestamp=5) == write_text("acled-csv", timestamp=5)


@pytest.mark.parametrize(
    ("change", "kept"),
    [
        ({}, True),
        ({"acled_event_type": None}, False),
        ({"modality": Modality.PLANNED}, False),
        ({"modality": Modality.NEGATED}, False),
        ({"date": dataclasses.replace(events()[0].date, precision=Precision.MONTH)}, True),
        ({"date": dataclasses.replace(events()[0].date, precision=Precision.YEAR)}, False),
        ({"date": dataclasses.replace(events()[0].date, date=None, precision=Precision.UNKNOWN)}, False),
        ({"background": True}, True),  # a recalled event is still an event, with its own date
    ],
)
def test_which_events_acled_csv_keeps(change: dict[str, object], kept: bool) -> None:
    event = dataclasses.replace(events()[0], **change)  # type: ignore[arg-type]
    assert export.is_acled_event(event) is kept
    assert export.write([event], io.StringIO(), "acled-csv") == int(kept)


@pytest.mark.parametrize(
    ("actor_type", "expected"),
    [
        ("State forces", "State forces"),
        ("state forces", "State forces"),
        ("3", "Political militia"),
        ("8", "External/Other forces"),
        ("Terrorists", ""),  # ACLED has no such type
        (None, ""),
    ],
)
def test_inter_types(actor_type: str | None, expected: str) -> None:
    assert inter_type(ActorRef(text="x", actor_type=actor_type)) == expected


@pytest.mark.parametrize(
    ("inter1", "inter2", "expected"),
    [
        ("Political militia", "State forces", "State forces-Political militia"),
        ("Rebel group", "", "Rebel group only"),
        ("", "Civilians", "Civilians only"),
        ("Civilians", "Civilians", "Civilians-Civilians"),
        ("", "", ""),
    ],
)
def test_interaction(inter1: str, inter2: str, expected: str) -> None:
    assert interaction(inter1, inter2) == expected


@pytest.mark.parametrize(
    ("event_type", "sub_event_type", "target_type", "expected"),
    [
        ("Violence against civilians", "Attack", "Civilians", "Civilians targeted"),
        ("Violence against civilians", "Abduction/forced disappearance", None, "Civilians targeted"),
        (
            "Explosions/Remote violence",
            "Shelling/artillery/missile attack",
            "Civilians",
            "Civilians targeted",
        ),
        ("Explosions/Remote violence", "Air/drone strike", "Political militia", ""),
        ("Protests", "Excessive force against protesters", "Civilians", "Civilians targeted"),
        ("Battles", "Armed clash", "Civilians", ""),
    ],
)
def test_civilian_targeting(
    event_type: str, sub_event_type: str, target_type: str | None, expected: str
) -> None:
    event = dataclasses.replace(
        events()[0],
        acled_event_type=event_type,
        acled_sub_event_type=sub_event_type,
        actor2=(ActorRef(text="people", actor_type=target_type),),
    )
    assert export.acled_row(event, timestamp=0)["civilian_targeting"] == expected


def test_disorder_type_follows_the_sub_event_type() -> None:
    event = dataclasses.replace(
        events()[0], acled_event_type="Protests", acled_sub_event_type="Excessive force against protesters"
    )
    assert export.acled_row(event, timestamp=0)["disorder_type"] == "Political violence; Demonstrations"
    riot = dataclasses.replace(events()[0], acled_event_type="Riots", acled_sub_event_type="Mob violence")
    assert export.acled_row(riot, timestamp=0)["disorder_type"] == "Political violence"


def test_acled_source_falls_back_to_the_articles_outlets() -> None:
    event = dataclasses.replace(events()[0], sources=())
    row = export.acled_row(event, articles={a.id: a for a in articles()}, timestamp=0)
    assert row["source"] == "Asharq Al-Awsat"


def test_assoc_actors_and_countries_outside_the_table() -> None:
    extra = ActorRef(text="allied fighters", name="Kataib Hezbollah")
    place = dataclasses.replace(events()[0].place, country="NL", country_name=None)  # type: ignore[arg-type]
    event = dataclasses.replace(events()[0], actor2=(*events()[0].actor2, extra), place=place)
    row = export.acled_row(event, timestamp=0)
    assert row["assoc_actor_2"] == "Kataib Hezbollah"
    assert (row["country"], row["iso"], row["region"]) == ("Netherlands", "528", "")
    assert row["event_id_cnty"] == "NLDev-baghdad-strike"


# -- marsad CSV -------------------------------------------------------------------------------


def test_flat_csv_round_trip() -> None:
    written, text = write_text("csv")
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    assert written == len(frame) == 4
    assert list(frame.columns) == list(export.FLAT_COLUMNS)
    row = frame.set_index("id").loc["ev-baghdad-strike"]
    assert (row["plover_type"], row["plover_mode"]) == ("ASSAULT", "aerial")
    assert (row["fatalities_low"], row["fatalities_high"], row["fatalities_best"]) == ("2", "4", "2")
    assert row["claims"] == "2"
    assert row["claim_sources"] == "the Pentagon; Iraqi police and militia sources"
    assert row["urls"] == "https://example.org/a"
    assert frame.set_index("id").loc["ev-lebanon-2024", "background"] == "true"


# -- JSON Lines and JSON ----------------------------------------------------------------------


def test_jsonl_round_trip_to_equal_events() -> None:
    written, text = write_text("jsonl")
    lines = text.splitlines()
    assert written == len(lines) == 4
    assert [from_dict(Event, json.loads(line)) for line in lines] == events()
    claim = json.loads(lines[0])["claims"][1]
    assert claim["evidence"]["text"].startswith("Iraqi police and militia sources")


def test_json_array_round_trip() -> None:
    written, text = write_text("json")
    assert written == 4
    assert [from_dict(Event, item) for item in json.loads(text)] == events()
    assert json.loads(export_to_string([], "json")) == []


def export_to_string(items: list[Event], fmt: str) -> str:
    buffer = io.StringIO()
    export.write(items, buffer, fmt)
    return buffer.getvalue()


# -- GeoJSON ----------------------------------------------------------------------------------


def test_geojson_is_a_feature_collection_of_points() -> None:
    written, text = write_text("geojson")
    data = json.loads(text)
    assert data["type"] == "FeatureCollection"
    assert written == len(data["features"]) == 2  # two events have no coordinates
    assert data["skipped_without_coordinates"] == 2
    first = data["features"][0]
    assert first["type"] == "Feature"
    assert first["geometry"] == {"type": "Point", "coordinates": [44.4009, 33.3406]}  # [lon, lat]
    assert first["properties"]["id"] == first["id"] == "ev-baghdad-strike"
    assert all(not isinstance(value, dict | list) for value in first["properties"].values())
    assert json.loads(export_to_string([], "geojson"))["features"] == []


# -- Parquet ----------------------------------------------------------------------------------


def test_parquet_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    assert export.write(events(), path, "parquet") == 4
    table = pq.read_table(path)
    assert table.num_rows == 4
    assert table.column_names == [*export.FLAT_COLUMNS, "claims_json"]
    frame = pd.read_parquet(path)
    row = frame.set_index("id").loc["ev-baghdad-strike"]
    assert row["fatalities_high"] == 4
    assert row["latitude"] == pytest.approx(33.3406)
    assert json.loads(row["claims_json"]) == to_dict(events()[0].claims)
    assert pd.isna(frame.set_index("id").loc["ev-cairo-talks", "latitude"])


def test_parquet_to_binary_files() -> None:
    buffer = io.BytesIO()
    assert export.write(events(), buffer, "parquet") == 4
    assert pq.read_table(io.BytesIO(buffer.getvalue())).num_rows == 4
    wrapped = io.TextIOWrapper(io.BytesIO())  # like sys.stdout: text with a binary .buffer
    assert export.write(events(), wrapped, "parquet") == 4


# -- errors and targets -----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", export.FORMATS)
def test_every_format_writes_to_a_path(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"out.{fmt}"
    assert export.write(events(), path, fmt, timestamp=0) >= 2
    assert path.stat().st_size > 0


def test_unknown_format_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown export format 'xlsx'"):
        export.write(events(), io.StringIO(), "xlsx")


def test_wrong_kind_of_file_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="parquet is binary"):
        export.write(events(), io.StringIO(), "parquet")
    with pytest.raises(ConfigError, match="need a text file"):
        export.write(events(), io.BytesIO(), "jsonl")


def test_unwritable_path_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot write"):
        export.write(events(), tmp_path / "missing" / "x.csv", "csv")
