"""Geoparsing evaluation (``marsad eval-geo``): every place name marsad resolves, against gold toponyms."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from marsad.cli import cli
from marsad.errors import GoldError
from marsad.evaluate.geo import GeoGold, GoldToponym, geo_markdown, load_geo_gold, score_geo
from marsad.records import PlaceRef, Toponym

FIXTURE = Path(__file__).parent / "fixtures" / "geo"
GEOVIRUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "geovirus"


def _gold(*toponyms: GoldToponym) -> GeoGold:
    return GeoGold(texts={"t": toponyms}, digest="x")


def _placed(text: str, start: int, lat: float, lon: float) -> Toponym:
    place = PlaceRef(text=text, latitude=lat, longitude=lon, resolved=True)
    return Toponym(text=text, start=start, end=start + len(text), place=place)


def test_scores_count_overlaps_and_distances() -> None:
    gold = _gold(
        GoldToponym(name="Paris", start=0, end=5, latitude=48.857, longitude=2.352),
        GoldToponym(name="Lyon", start=10, end=14, latitude=45.764, longitude=4.836),
        GoldToponym(name="Nice", start=20, end=24, latitude=43.710, longitude=7.262),
    )
    placed = {
        "t": [
            _placed("Paris", 0, 48.86, 2.35),  # right
            _placed("Lyon", 10, 48.86, 2.35),  # found, but placed in Paris (~390 km)
            _placed("Rome", 30, 41.9, 12.5),  # no gold toponym there
        ]
    }
    metrics = score_geo(gold, placed).metrics()
    assert metrics["precision"] == pytest.approx(2 / 3, abs=1e-3)
    assert metrics["recall"] == pytest.approx(2 / 3, abs=1e-3)
    assert metrics["acc_161km"] == 0.5
    assert metrics["acc_25km"] == 0.5
    assert metrics["median_km"] is not None and 150 < metrics["median_km"] < 250


def test_a_partial_overlap_counts_as_found() -> None:
    gold = _gold(GoldToponym(name="New York", start=4, end=12, latitude=40.71, longitude=-74.0))
    report = score_geo(gold, {"t": [_placed("York", 8, 40.71, -74.0)]})
    assert report.metrics()["recall"] == 1.0


def test_nothing_placed_scores_no_precision_and_no_recall() -> None:
    gold = _gold(GoldToponym(name="Oslo", start=0, end=4, latitude=59.9, longitude=10.7))
    metrics = score_geo(gold, {}).metrics()
    assert metrics["precision"] is None
    assert metrics["recall"] == 0.0
    assert metrics["median_km"] is None


def test_the_summary_names_far_placements_and_misses() -> None:
    gold = _gold(
        GoldToponym(name="Perth", start=0, end=5, latitude=-31.95, longitude=115.86),
        GoldToponym(name="Bunbury", start=9, end=16, latitude=-33.33, longitude=115.64),
    )
    text = geo_markdown(score_geo(gold, {"t": [_placed("Perth", 0, 56.4, -3.43)]}))  # the Scottish one
    assert "Perth" in text and "km" in text
    assert "Bunbury (1)" in text


def test_malformed_gold_says_where(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": "a", "places": [{"name": "X"}]}\n', encoding="utf-8")
    with pytest.raises(GoldError, match=r"gold\.jsonl:1"):
        load_geo_gold(path)


@pytest.mark.parametrize(
    ("place", "message"),
    [
        ({"name": "Homs", "start": 0, "end": 4, "lat": 400, "lon": 36.7}, "no point on Earth"),
        ({"name": "Homs", "start": 4, "end": 4, "lat": 34.7, "lon": 36.7}, "do not span the name"),
        ({"name": "Homs", "start": "x", "end": 4, "lat": 34.7, "lon": 36.7}, "invalid literal"),
    ],
)
def test_impossible_gold_toponyms_are_refused(tmp_path: Path, place: dict[str, object], message: str) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"id": "a", "places": [place]}) + "\n", encoding="utf-8")
    with pytest.raises(GoldError, match=message):
        load_geo_gold(path)


@pytest.mark.parametrize(
    ("texts", "message"),
    [
        (b"\xff\xfe\x00 not text", "not UTF-8 text"),
        (b'{"id": "a", "title": 7, "body": ["Homs"]}\n', r"texts\.jsonl:1: .*must be strings"),
        (b"[1, 2]\n", r"texts\.jsonl:1: expected a JSON object"),
    ],
)
def test_eval_geo_on_hostile_texts_says_what_is_wrong(tmp_path: Path, texts: bytes, message: str) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps({"id": "a", "places": [{"name": "Homs", "start": 0, "end": 4, "lat": 34.7, "lon": 36.7}]})
        + "\n",
        encoding="utf-8",
    )
    (tmp_path / "texts.jsonl").write_bytes(texts)
    result = CliRunner().invoke(cli, ["eval-geo", "--gold", str(gold), str(tmp_path / "texts.jsonl")])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert re.search(message, result.output), result.output


@pytest.mark.parametrize(
    "location",
    [{"name": "Lyon", "lat": "north", "lon": 4.8}, {"name": "Lyon", "lat": 95.0, "lon": 4.8}, ["Lyon"]],
)
def test_unusable_event_gold_places_are_refused(tmp_path: Path, location: object) -> None:
    path = tmp_path / "gold.json"
    path.write_text(
        json.dumps({"events": [{"id": "e1", "article": 1, "location": location}]}), encoding="utf-8"
    )
    with pytest.raises(GoldError, match=r"gold\.json: an event's"):
        load_geo_gold(path)


def _event_gold(tmp_path: Path) -> Path:
    lyon = {"name": "Lyon", "country": "France", "lat": 45.76, "lon": 4.84}
    grenoble = {"name": "Grenoble", "country": "France", "lat": 45.19, "lon": 5.72}
    events = [
        {"id": "e1", "article": 1, "location": lyon},
        {"id": "e2", "article": 1, "location": lyon},
        {"id": "e3", "article": 1, "location": grenoble},
        {"id": "e4", "article": 2, "location": {"country": "Chile"}},  # no coordinates: not a toponym
    ]
    path = tmp_path / "gold.json"
    path.write_text(json.dumps({"about": "test", "articles": [], "events": events}), encoding="utf-8")
    return path


def test_event_gold_gives_each_article_its_distinct_places_without_offsets(tmp_path: Path) -> None:
    gold = load_geo_gold(_event_gold(tmp_path))
    assert not gold.offsets
    assert [t.name for t in gold.texts["1"]] == ["Lyon", "Grenoble"]  # the second Lyon event adds nothing
    assert "2" not in gold.texts
    assert gold.texts["1"][0].start is None and gold.texts["1"][0].country == "France"


def test_event_places_are_found_by_name_and_scored_for_distance_and_country(tmp_path: Path) -> None:
    gold = load_geo_gold(_event_gold(tmp_path))
    lyon = Toponym(
        text="Lyon",
        start=40,
        end=44,
        place=PlaceRef(text="Lyon", name="Lyon", country="FR", latitude=45.75, longitude=4.85, resolved=True),
    )
    elsewhere = _placed("Madrid", 3, 40.4, -3.7)  # placed, but no gold event happened there
    report = score_geo(gold, {"1": [elsewhere, lyon]})
    metrics = report.metrics()
    assert metrics["precision"] is None  # the gold lists event places only, not every toponym
    assert metrics["recall"] == 0.5  # Grenoble is never placed
    assert metrics["acc_25km"] == 1.0
    assert metrics["country"] == 1.0
    assert "spurious" not in report.to_json()


def test_eval_geo_reads_articles_without_ids_by_their_number(tmp_path: Path) -> None:
    articles = tmp_path / "articles.jsonl"
    lines = [
        {"title": "Flood", "body": "Heavy rain flooded streets in Lyon on Monday, officials said."},
        {"title": "Quiet", "body": "Nothing happened anywhere."},
    ]
    articles.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    report = tmp_path / "geo.json"
    args = ["eval-geo", "--gold", str(_event_gold(tmp_path)), str(articles), "--json", str(report)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    metrics = json.loads(report.read_text(encoding="utf-8"))["metrics"]
    assert metrics["recall"] == 0.5 and metrics["acc_25km"] == 1.0


def test_eval_geo_on_our_fixture_places_namesakes_by_their_neighbours(tmp_path: Path) -> None:
    report = tmp_path / "geo.json"
    result = CliRunner().invoke(
        cli,
        [
            "eval-geo",
            "--gold",
            str(FIXTURE / "gold.jsonl"),
            str(FIXTURE / "articles.jsonl"),
            "--json",
            str(report),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "acc_161km" in result.output
    scores = json.loads(report.read_text(encoding="utf-8"))
    assert scores["metrics"]["recall"] >= 0.9
    assert scores["metrics"]["acc_161km"] >= 0.8
    far = {item["name"] for item in scores["far"]}
    assert not far & {"Georgia", "Salisbury", "Jordan"}  # the state, the English town, the country


def test_eval_geo_floors_fail_when_a_score_drops(tmp_path: Path) -> None:
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"floors": {"recall": 1.01}}), encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        [
            "eval-geo",
            "--gold",
            str(FIXTURE / "gold.jsonl"),
            str(FIXTURE / "articles.jsonl"),
            "--floors",
            str(floors),
        ],
    )
    assert result.exit_code == 1
    assert "below floor: recall" in result.output


@pytest.mark.skipif(not (GEOVIRUS / "gold.jsonl").exists(), reason="needs ../shared/corpora/geovirus")
def test_geovirus_sample_is_mostly_found_and_placed(tmp_path: Path) -> None:
    # The first texts of GeoVirus (Wikinews, CC BY 2.5; gold from a GPL-3.0 research corpus), read in place.
    head = [line for line in (GEOVIRUS / "gold.jsonl").read_text(encoding="utf-8").splitlines()[:12]]
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(head) + "\n", encoding="utf-8")
    report = tmp_path / "geo.json"
    args = ["eval-geo", "--gold", str(gold), str(GEOVIRUS / "articles.jsonl"), "--json", str(report)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    metrics = json.loads(report.read_text(encoding="utf-8"))["metrics"]
    assert metrics["recall"] >= 0.6  # a smoke test: make eval pins the whole corpus
    assert metrics["acc_161km"] >= 0.5


def test_make_eval_scores_the_real_event_places_against_their_floors() -> None:
    root = Path(__file__).resolve().parents[1]
    recipe = (root / "Makefile").read_text(encoding="utf-8").split("\neval:", 1)[1].split("\n\n", 1)[0]
    assert "eval-geo --gold eval/real/gold.json" in recipe and "floors-geo-real.json" in recipe
    floors = json.loads((root / "eval" / "floors-geo-real.json").read_text(encoding="utf-8"))
    assert floors["gold_digest"] == load_geo_gold(root / "eval" / "real" / "gold.json").digest
    assert {"recall", "acc_25km", "country"} <= set(floors["floors"])


def test_accuracy_at_points_leaves_out_the_centres_of_areas() -> None:
    gold = _gold(
        GoldToponym(name="Ruritania", start=0, end=9, latitude=40.0, longitude=10.0),
        GoldToponym(name="Strelsau", start=14, end=22, latitude=41.0, longitude=11.0),
    )
    country = PlaceRef(text="Ruritania", latitude=44.0, longitude=10.0, geo_precision=3, resolved=True)
    town = PlaceRef(text="Strelsau", latitude=41.01, longitude=11.0, geo_precision=1, resolved=True)
    placed = {
        "t": [
            Toponym(text="Ruritania", start=0, end=9, place=country),
            Toponym(text="Strelsau", start=14, end=22, place=town),
        ]
    }
    metrics = score_geo(gold, placed).metrics()
    assert metrics["acc_161km"] == 0.5  # the country's centre lies 445 km from the gold's
    assert metrics["acc_161km_points"] == 1.0
