"""Cross-article merge scoring over article pairs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from marsad.cli import cli
from marsad.errors import GoldError
from marsad.evaluate.clusters import load_clusters, score_article_clusters
from marsad.records import Event, Modality

CLUSTERS = [
    {"id": "strike", "mentions": [{"file": "a.txt", "title": "A"}, {"file": "b.html", "title": "B"},
                                  {"file": "c.xml", "title": "C"}]},
    {"id": "talks", "mentions": [{"file": "a.txt", "title": "D"},
                                 {"file": "c.xml", "title": "E", "role": "passing"}]},
]  # fmt: skip
IDS = {
    ("a.txt", "A"): "a",
    ("b.html", "B"): "b",
    ("c.xml", "C"): "c",
    ("a.txt", "D"): "d",
    ("c.xml", "E"): "e",
}


def event(*articles: str, **fields: object) -> Event:
    return Event(id="-".join(articles), plover_type="ASSAULT", article_ids=articles, **fields)  # type: ignore[arg-type]


def test_pairs_joined_and_wrongly_joined() -> None:
    events = [event("a", "b"), event("c"), event("d", "e")]
    scores = score_article_clusters(CLUSTERS, IDS, events)
    assert scores["gold_pairs"] == 3  # a-b, a-c, b-c; the passing mention makes no pair
    assert scores["joined"] == 1
    assert scores["pairwise_recall"] == pytest.approx(1 / 3, abs=1e-4)
    assert scores["pairwise_precision"] == 0.5  # d-e is not a gold pair


def test_background_and_planned_events_do_not_join_articles() -> None:
    events = [event("a", "b", background=True), event("a", "c", modality=Modality.PLANNED)]
    assert score_article_clusters(CLUSTERS, IDS, events)["system_pairs"] == 0


def test_unknown_article_in_gold_is_an_error() -> None:
    with pytest.raises(GoldError, match=r"z\.txt: Z"):
        score_article_clusters([{"mentions": [{"file": "z.txt", "title": "Z"}]}], IDS, [])


def test_malformed_clusters_file(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_text('{"clusters": [{"id": "x"}]}')
    with pytest.raises(GoldError, match="cluster 1 has no 'mentions'"):
        load_clusters(path)


def test_eval_merge_on_the_sample_corpus() -> None:
    root = Path(__file__).resolve().parents[1] / "examples"
    result = CliRunner().invoke(
        cli, ["eval-merge", "--clusters", str(root / "gold-clusters.json"), str(root)]
    )
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["gold_pairs"] == 20
    assert 0 <= scores["joined"] <= scores["system_pairs"]
