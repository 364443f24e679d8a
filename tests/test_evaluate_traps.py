"""Marked non-events: parsed from the gold, traced to the false events read from them, reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.errors import GoldError
from marsad.evaluate import evaluate, load_gold, report_json, report_markdown
from marsad.records import Article, Event, Evidence, Mention

BODY = (
    "Gunmen killed two police officers in Mosul on Monday. "
    "More than 500,000 people have been killed since 2011. "
    "The minister said peace would come if both sides talked."
)
ARTICLE = Article(id="a1", title="Gunmen kill two police officers in Mosul", body=BODY)
GOLD = {
    "articles": [{"n": 1, "title": ARTICLE.title}],
    "events": [
        {"id": "r001a", "article": 1, "plover": {"type": "ASSAULT"}, "actor2": "Police Forces of Iraq"}
    ],
    "not_events": [
        "article 1: an old free-text note, kept for readers",
        {"article": 1, "text": "More than 500,000 people have been killed since 2011", "why": "aggregate"},
        {"article": 1, "text": "peace would come if both sides talked", "why": "hypothetical"},
        {"article": 1, "text": "words that are not in the article", "why": "generic"},
    ],
}


def sentence(text: str) -> tuple[int, int]:
    start = BODY.index(text)
    return start, start + len(text)


def mention(mention_id: str, text: str, plover_type: str = "ASSAULT") -> Mention:
    start, end = sentence(text)
    evidence = Evidence(
        article_id="a1", start=start, end=end, text=text, sentence_start=start, sentence_end=end
    )
    return Mention(id=mention_id, article_id="a1", plover_type=plover_type, evidence=evidence)


@pytest.fixture
def gold_path(tmp_path: Path) -> Path:
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(GOLD), encoding="utf-8")
    return path


def test_structured_not_events_are_read_and_free_text_ones_skipped(gold_path: Path) -> None:
    gold = load_gold(gold_path)
    assert [(n.article, n.why) for n in gold.not_events] == [
        (1, "aggregate"),
        (1, "hypothetical"),
        (1, "generic"),
    ]


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"article": 2, "text": "x", "why": "generic"}, r"not_events entry 1: \"article\" must be .* 1 to 1"),
        ({"article": 1, "text": " ", "why": "generic"}, r"\"text\" must be the words"),
        ({"article": 1, "text": "x", "why": "boring"}, r"\"why\" must be one of generic"),
        ("fine", None),
        (3, r"must be an object"),
    ],
)
def test_malformed_not_events_name_the_entry(tmp_path: Path, entry: object, message: str | None) -> None:
    path = tmp_path / "g.json"
    path.write_text(json.dumps({**GOLD, "not_events": [entry]}), encoding="utf-8")
    if message is None:
        assert load_gold(path).not_events == ()
        return
    with pytest.raises(GoldError, match=message) as info:
        load_gold(path)
    assert str(path) in str(info.value)


def test_a_false_event_read_from_marked_words_takes_the_trap(gold_path: Path) -> None:
    gold = load_gold(gold_path)
    mentions = [
        mention("m1", "Gunmen killed two police officers in Mosul on Monday."),
        mention("m2", "More than 500,000 people have been killed since 2011."),
    ]
    events = [
        Event(id="e-real", plover_type="ASSAULT", mention_ids=("m1",), article_ids=("a1",)),
        Event(id="e-toll", plover_type="ASSAULT", mention_ids=("m2",), article_ids=("a1",)),
    ]
    report = evaluate(gold, [ARTICLE], events, mentions={m.id: m for m in mentions})
    taken = {t.why: t.taken_by for t in report.traps}
    assert taken == {"aggregate": ("e-toll",), "hypothetical": (), "generic": ()}
    assert [t.located for t in report.traps] == [True, True, False]
    scores = report_json(report)
    assert scores["metrics"]["not_events_avoided"] == 0.5, "one of the two located traps was taken"
    assert scores["traps"] == {
        "located": 2,
        "taken": 1,
        "by_reason": {"aggregate": {"located": 1, "taken": 1}, "hypothetical": {"located": 1, "taken": 0}},
    }
    markdown = report_markdown(report)
    assert "| aggregate | 1 | 1 |" in markdown
    assert "1 marked non-events were not found" in markdown


def test_a_matched_event_never_takes_a_trap(gold_path: Path) -> None:
    """The real event's sentence may hold marked words too; only false events count."""
    gold = load_gold(gold_path)
    both = mention("m1", BODY)
    event = Event(id="e-real", plover_type="ASSAULT", mention_ids=("m1",), article_ids=("a1",))
    report = evaluate(gold, [ARTICLE], [event], mentions={"m1": both})
    assert report.detection.tp == 1
    assert not any(t.taken for t in report.traps)


def test_summary_only_reports_keep_single_events_out(gold_path: Path) -> None:
    gold = load_gold(gold_path)
    event = Event(id="e-toll", plover_type="ASSAULT", mention_ids=("m2",), article_ids=("a1",))
    m2 = mention("m2", "More than 500,000 people have been killed since 2011.")
    report = evaluate(gold, [ARTICLE], [event], mentions={"m2": m2})
    summary = report_json(report, summary_only=True)
    assert set(summary) == {"gold", "metrics", "detection", "fields", "labels", "traps"}
    assert all("confusion" not in labels for labels in summary["labels"].values())
    assert "500,000" not in json.dumps(summary)
    text = report_markdown(report, summary_only=True)
    assert "500,000" not in text and "r001a" not in text and "e-toll" not in text
    assert "## Event detection" in text and "## Fields of matched events" in text
