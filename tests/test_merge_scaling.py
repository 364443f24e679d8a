"""The merge stays near linear when one event is told by very many reports (issue 7), without timing.

The ambiguity guard compares a cross-article link with the report's other partners; unbounded, one
event told by n reports cost n pairs x n partners. It now reads at most ``GUARD_RIVALS + 1`` partners
per link, which no realistic report reaches, so results on real input do not change.
"""

from __future__ import annotations

import datetime as dt
import importlib
import random
from collections import defaultdict
from types import SimpleNamespace
from typing import Any

import pytest

from marsad import merge
from marsad.merge.compare import profile
from marsad.records import ActorRef, Article, DateRef, Evidence, Mention, PlaceRef, Precision, to_json
from marsad.scale import merge_partitioned
from test_merge_corpus import load_corpus

# The module, not the function ``marsad.merge.cluster`` that the package exports under its name.
cluster = importlib.import_module("marsad.merge.cluster")

BAGHDAD = PlaceRef(
    text="Baghdad", name="Baghdad", admin1="Baghdad", country="IQ", latitude=33.34, longitude=44.40,
    geo_precision=1, resolved=True,
)  # fmt: skip
US = ActorRef(text="US forces", name="Military Forces of the United States", actor_id="us", resolved=True)
NUJABA = ActorRef(text="Nujaba", name="Harakat al-Nujaba", actor_id="nj", resolved=True)
KH = ActorRef(text="Kataib Hezbollah", name="Kataib Hezbollah", actor_id="kh", resolved=True)
DAY = DateRef(text="Thursday", date="2024-01-04", precision=Precision.DAY)


def _reports(count: int, target: ActorRef | None, tag: str) -> tuple[list[Mention], dict[str, Article]]:
    """``count`` outlets' reports of one US strike in Baghdad on 4 January (``target`` None: "a depot")."""
    mentions, articles = [], {}
    for n in range(count):
        article_id = f"{tag}{n:05d}"
        text = f"A US strike hit a site in Baghdad on Thursday, outlet {n} reported."
        articles[article_id] = Article(id=article_id, title="t", body=text, published="2024-01-04")
        evidence = Evidence(article_id=article_id, start=0, end=len(text), text=text)
        mentions.append(
            Mention(
                id=f"m-{article_id}",
                article_id=article_id,
                evidence=evidence,
                plover_type="ASSAULT",
                plover_mode="aerial",
                actor1=(US,),
                actor2=(target or ActorRef(text="a weapons depot"),),
                place=BAGHDAD,
                date=DAY,
            )
        )
    return mentions, articles


def _profiles(mentions: list[Mention], articles: dict[str, Article]) -> list[Any]:
    ordered = sorted(mentions, key=lambda m: cluster.canonical_key(m, articles))
    return [profile(m, m.evidence.text) for m in ordered]


def test_the_guard_reads_a_bounded_number_of_partners_per_link() -> None:
    count = 4 * cluster.GUARD_RIVALS  # far beyond the cap, so an unbounded guard would show
    profiles = _profiles(*_reports(count, NUJABA, "a"))
    conflicts = cluster._Conflicts(profiles)
    edges = list(cluster._edges(profiles, conflicts))
    pairs = count * (count - 1) // 2
    assert len(edges) == pairs  # one event: every pair is a link, none is a guess
    # One check per compared pair, then at most GUARD_RIVALS + 1 partners for each end of each link.
    # Unbounded it was 1 + 2 * (count - 2) per pair: about 4x this bound here, and growing with count.
    assert conflicts.checks <= pairs * (1 + 2 * (cluster.GUARD_RIVALS + 1))
    assert conflicts.checks < pairs * (1 + 2 * (count - 2)) / 3


def test_checks_per_compared_pair_do_not_grow_with_the_event() -> None:
    per_pair = []
    for count in (2 * cluster.GUARD_RIVALS, 6 * cluster.GUARD_RIVALS):
        profiles = _profiles(*_reports(count, NUJABA, "a"))
        conflicts = cluster._Conflicts(profiles)
        for _ in cluster._edges(profiles, conflicts):
            pass
        per_pair.append(conflicts.checks / (count * (count - 1) / 2))
    assert per_pair[1] <= per_pair[0] * 1.05  # unbounded: x3 when the event grows x3


def test_one_event_of_many_reports_is_one_event() -> None:
    mentions, articles = _reports(3 * cluster.GUARD_RIVALS, NUJABA, "a")
    (event,) = merge.merge(mentions, articles)
    assert len(event.article_ids) == len(articles)


def _two_strikes_and_vague_reports() -> tuple[list[Mention], dict[str, Article]]:
    """Two strikes of one day in Baghdad (on Nujaba, on Kataib Hezbollah), each told by more reports
    than the cap, and a few vague reports ("a weapons depot") that fit both."""
    mentions, articles = [], {}
    for count, target, tag in ((50, NUJABA, "n"), (45, KH, "k"), (6, None, "v")):
        more, more_articles = _reports(count, target, tag)
        mentions += more
        articles.update(more_articles)
    return mentions, articles


def test_a_vague_report_still_joins_neither_strike_when_both_exceed_the_cap() -> None:
    mentions, articles = _two_strikes_and_vague_reports()
    events = merge.merge(mentions, articles)
    by_size = sorted(len(e.article_ids) for e in events)
    assert by_size[-2:] == [45, 50]  # the two strikes stay apart and whole
    assert all(
        not (set(e.article_ids) & {f"v{n:05d}" for n in range(6)}) for e in events if len(e.article_ids) > 6
    )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_results_ignore_input_order_and_partitions_when_the_cap_binds(seed: int) -> None:
    mentions, articles = _two_strikes_and_vague_reports()
    expected = [to_json(e) for e in merge.merge(mentions, articles)]
    shuffled = list(mentions)
    random.Random(seed).shuffle(shuffled)
    assert [to_json(e) for e in merge.merge(shuffled, articles)] == expected
    assert [to_json(e) for e in merge_partitioned(shuffled, articles, count=seed + 1)] == expected


def test_the_cap_never_binds_on_the_merge_corpus(monkeypatch: pytest.MonkeyPatch) -> None:
    mentions, articles = load_corpus()
    ordered = sorted(merge.unique_mentions(mentions), key=lambda m: cluster.canonical_key(m, articles))
    profiles = [profile(m, m.evidence.text) for m in ordered]
    partners: dict[int, int] = defaultdict(int)
    for i, j in cluster._pairs(profiles):
        if profiles[i].article_id != profiles[j].article_id:
            partners[i] += 1
            partners[j] += 1
    assert max(partners.values()) < cluster.GUARD_RIVALS
    expected = [to_json(e) for e in merge.merge(mentions, articles)]
    monkeypatch.setattr(cluster, "GUARD_RIVALS", 10**9)
    assert [to_json(e) for e in merge.merge(mentions, articles)] == expected


def test_window_queries_find_exactly_the_overlapping_windows() -> None:
    rng = random.Random(11)
    lengths = (0, 0, 0, 6, 27, 28, 29, 30, 364, 365)
    windows: list[tuple[dt.date, dt.date] | None] = []
    for _ in range(400):
        start = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(730))
        windows.append(
            None if rng.random() < 0.05 else (start, start + dt.timedelta(days=rng.choice(lengths)))
        )
    fake = [SimpleNamespace(window=w) for w in windows]
    index = cluster._Windows(fake, range(len(fake)))  # type: ignore[arg-type]
    for i, w in enumerate(windows):
        found = set(index.overlapping(i))
        expected = {
            (min(i, j), max(i, j))
            for j, v in enumerate(windows)
            if j != i and w is not None and v is not None and v[0] <= w[1] and v[1] >= w[0]
        }
        assert found == expected
