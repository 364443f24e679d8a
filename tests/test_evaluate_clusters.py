"""Cross-article merge scoring over article pairs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from marsad import evaluation_run
from marsad.cli import cli
from marsad.errors import ConfigError, GoldError
from marsad.evaluate.clusters import load_clusters, near_miss_merges, score_article_clusters
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
    events = [event("a", "b"), event("c"), event("b", "d")]
    scores = score_article_clusters(CLUSTERS, IDS, events)
    assert scores["gold_pairs"] == 3  # a-b, a-c, b-c; the passing mention makes no pair
    assert scores["joined"] == 1
    assert scores["pairwise_recall"] == pytest.approx(1 / 3, abs=1e-4)
    assert scores["pairwise_precision"] == 0.5  # b-d is not a gold pair
    assert scores["missed_pairs"] == ["a.txt: A || c.xml: C", "b.html: B || c.xml: C"]
    assert scores["extra_pairs"] == ["a.txt: D || b.html: B"]


def test_a_passing_mention_joined_to_its_event_is_neither_right_nor_wrong() -> None:
    scores = score_article_clusters(CLUSTERS, IDS, [event("a", "b", "c"), event("d", "e")])
    assert scores["system_pairs"] == 3  # d-e left out
    assert scores["pairwise_precision"] == 1.0


def test_bcubed_counts_each_article_against_its_linked_set() -> None:
    scores = score_article_clusters(CLUSTERS, IDS, [event("a", "b"), event("c"), event("b", "d")])
    # a: {a,b} of gold {a,b,c}; b: {a,b,d} of {a,b,c}; c: {c}; d: {b,d} of gold {d}
    assert scores["bcubed_precision"] == pytest.approx((1 + 2 / 3 + 1 + 1 / 2) / 4, abs=1e-4)
    assert scores["bcubed_recall"] == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4, abs=1e-4)


NEAR = [
    {"id": "tent", "description": "Airstrike on a tent in al-Mawasi, Khan Younis.",
     "mentions": [{"file": "a.txt", "title": "A"}, {"file": "b.html", "title": "B"}]},
    {"id": "moto", "description": "Drone strike on a motorcycle in Bani Suheila, Khan Younis.",
     "mentions": [{"file": "a.txt", "title": "A"}]},
]  # fmt: skip
SENTENCES = {
    "m1": ("a", "An airstrike hit a tent in the Mawasi area."),
    "m2": ("a", "A drone fired at a motorcycle in Bani Suhaila."),
    "m3": ("a", "Israeli strikes on a tent and a motorcycle killed six in Khan Younis."),
    "m4": ("b", "The tent in al-Mawasi was hit before dawn."),
}


def mentions_event(*ids: str) -> Event:
    return Event(id="-".join(ids), plover_type="ASSAULT", mention_ids=ids)


@pytest.mark.parametrize(
    ("groups", "merged"),
    [
        ([("m1", "m4"), ("m2",), ("m3",)], 0),
        ([("m1", "m3", "m4"), ("m2",)], 0),  # a roundup sentence tells neither event alone
        ([("m1", "m2", "m4")], 1),
    ],
)
def test_near_misses_merged_are_counted(groups: list[tuple[str, ...]], merged: int) -> None:
    pairs = [{"a": "tent", "b": "moto"}]
    found = near_miss_merges(NEAR, pairs, [mentions_event(*g) for g in groups], SENTENCES, IDS)
    assert found["near_misses"] == 1
    assert found["near_misses_merged"] == merged
    assert found["merged_near_misses"] == (["tent + moto"] if merged else [])
    assert found["near_misses_apart"] == 1.0 - merged


def test_a_near_miss_naming_an_unknown_cluster_is_an_error() -> None:
    with pytest.raises(GoldError, match="no cluster"):
        near_miss_merges(NEAR, [{"a": "tent", "b": "nope"}], [], SENTENCES, IDS)


def test_manifest_runs(tmp_path: Path) -> None:
    entries = [{"path": "x", "run": 2}, {"path": "y"}, {"path": "z", "run": 1}]
    assert evaluation_run._runs(entries, tmp_path) == {1: [entries[1], entries[2]], 2: [entries[0]]}
    with pytest.raises(ConfigError, match="run must be a whole number"):
        evaluation_run._runs([{"path": "x", "run": "two"}], tmp_path)


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
    assert scores["near_misses"] == 3
    assert scores["near_misses_merged"] == 0
    assert scores["pairwise_precision"] >= 0.9
    assert scores["pairwise_recall"] >= 0.8
    assert scores["runs"] == 1


def test_eval_merge_floors_fail_the_command_when_a_score_is_below(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[1] / "examples"
    args = ["eval-merge", "--clusters", str(root / "gold-clusters.json"), str(root), "--floors"]
    held, broken = tmp_path / "held.json", tmp_path / "broken.json"
    held.write_text(json.dumps({"floors": {"pairwise_precision": 0.9, "near_misses_apart": 1.0}}))
    broken.write_text(json.dumps({"floors": {"pairwise_recall": 1.01, "no_such_score": 0.5}}))
    passed = CliRunner().invoke(cli, [*args, str(held)])
    assert passed.exit_code == 0, passed.output
    assert "every score is at or above its floor" in passed.stderr
    failed = CliRunner().invoke(cli, [*args, str(broken)])
    assert failed.exit_code == 1
    assert "pairwise_recall" in failed.stderr and "below floor 1.010" in failed.stderr
    assert "no_such_score: no such metric" in failed.stderr


def test_eval_merge_adds_a_second_run_to_the_store(tmp_path: Path) -> None:
    """Run 2 is added to the store of run 1, the way a second ``marsad run`` would be."""
    root = Path(__file__).resolve().parents[1] / "examples"
    corpus = tmp_path / "corpus"
    (corpus / "dumps").mkdir(parents=True)
    (corpus / "feeds").mkdir()
    for name in ("dumps/scrape_2026-01-12.txt", "feeds/gulf-wire.rss.xml"):
        (corpus / name).write_bytes((root / name).read_bytes())
    (corpus / "manifest.toml").write_text(
        '[[input]]\npath = "feeds/gulf-wire.rss.xml"\nrun = 2\n\n'
        '[[input]]\npath = "dumps/scrape_2026-01-12.txt"\npublished = "2026-01-12"\n'
        'source = "Mashriq Herald"\n'
    )
    gold = json.loads((root / "gold-clusters.json").read_text(encoding="utf-8"))
    files = {"dumps/scrape_2026-01-12.txt", "feeds/gulf-wire.rss.xml"}
    kept = [c for c in gold["clusters"] if len({m["file"] for m in c["mentions"]} & files) == 2]
    for cluster in kept:
        cluster["mentions"] = [m for m in cluster["mentions"] if m["file"] in files]
    (corpus / "gold.json").write_text(json.dumps({"clusters": kept}))
    scores = evaluation_run.run_cluster_eval(str(corpus / "gold.json"), str(corpus))
    assert scores["runs"] == 2
    assert scores["gold_pairs"] == len(kept) >= 2
    assert scores["joined"] >= 1


def test_members_and_near_misses_named_by_record_id(tmp_path: Path) -> None:
    """JSON Lines items whose titles are shared (category paths) are named by their ``corpus_id``; a near
    miss between items counts as merged when one event joins their articles. (Texts written by us.)"""
    records = [
        ("x:1", "Conflicts > Riverland", "Militants fired rockets at Sandhaven port, killing four people."),
        ("x:2", "Conflicts > Riverland", "The toll of the rocket attack on Sandhaven port rose to six."),
        ("x:3", "Conflicts > Riverland", "Police in Oldbridge arrested two journalists on Monday."),
    ]
    lines = [
        json.dumps({"corpus_id": key, "title": title, "body": body, "published": "2026-03-02"})
        for key, title, body in records
    ]
    (tmp_path / "items.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "manifest.toml").write_text('[[input]]\npath = "items.jsonl"\n')
    gold = {
        "clusters": [
            {"id": "port", "mentions": [{"file": "items.jsonl", "corpus_id": k} for k in ("x:1", "x:2")]},
            {"id": "arrest", "mentions": [{"file": "items.jsonl", "corpus_id": "x:3"}]},
        ],
        "near_misses": [{"file": "items.jsonl", "a": ["x:1", "x:2"], "b": "x:3", "why": "two happenings"}],
    }
    (tmp_path / "gold.json").write_text(json.dumps(gold))
    scores = evaluation_run.run_cluster_eval(str(tmp_path / "gold.json"), str(tmp_path))
    assert scores["gold_pairs"] == 1
    assert scores["near_misses"] == 1
    assert scores["near_misses_merged"] == 0
    result = CliRunner().invoke(
        cli, ["eval-merge", "--clusters", str(tmp_path / "gold.json"), str(tmp_path), "--summary-only"]
    )
    assert result.exit_code == 0, result.output
    assert not any(isinstance(value, list) for value in json.loads(result.stdout).values())


def test_item_near_misses_merged_by_one_event() -> None:
    ids = {("f.jsonl", "#a"): "A", ("f.jsonl", "#b"): "B", ("f.jsonl", "#c"): "C"}
    pairs = [{"file": "f.jsonl", "a": "a", "b": ["b", "c"]}]
    assert near_miss_merges([], pairs, [event("A", "C")], {}, ids)["near_misses_merged"] == 1
    assert near_miss_merges([], pairs, [event("B", "C")], {}, ids)["near_misses_merged"] == 0
