"""``marsad eval``: run the pipeline on the gold file's texts and score the result.

Kept apart from :mod:`marsad.evaluate` (pure scoring) so that scoring never imports spaCy.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from marsad import evaluate, ingest, pipeline
from marsad.errors import ConfigError, GoldError
from marsad.records import Article
from marsad.resolve import actors


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class EvalResult:
    markdown: str
    json_text: str
    scores: dict[str, object]


def run_eval(gold_path: str, paths: Sequence[str], *, published: str | None = None) -> EvalResult:
    """Score marsad on ``paths`` (or the texts inside a CSV gold file) against ``gold_path``."""
    gold = evaluate.load_gold(gold_path)
    options = pipeline.RunOptions(ingest=ingest.IngestOptions(published=published))
    articles = evaluate.gold_articles(gold)
    if articles is None:
        if not paths:
            raise GoldError(f"{gold_path}: this gold file codes input files; pass them after --gold FILE")
        ingested = ingest.read_inputs(paths, options.ingest)
        articles = list(ingested.articles)
    events = pipeline.events_for(articles, options)
    report = evaluate.evaluate(gold, articles, events, same_actor=actors.load_kb().same_actor)
    scores = evaluate.report_json(report)
    return EvalResult(
        markdown=evaluate.report_markdown(report),
        json_text=json.dumps(scores, indent=2, sort_keys=True, ensure_ascii=False),
        scores=scores,
    )


def check_floors(result: EvalResult, floors_path: str) -> list[str]:
    """Scores of ``result`` below the floors pinned in ``floors_path`` (empty: all hold)."""
    try:
        floors: dict[str, Any] = json.loads(Path(floors_path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{floors_path}: cannot read the floors ({exc})") from exc
    return evaluate.floors_check(result.scores, floors)


def run_cluster_eval(clusters_path: str, folder: str) -> dict[str, Any]:
    """Run the corpus in ``folder`` (read as its manifest.toml says) and score cross-article merging."""
    from marsad import demo
    from marsad.evaluate import clusters

    gold = clusters.load_clusters(clusters_path)
    root = Path(folder)
    articles: list[Article] = []
    for entry in demo.load_manifest(root):
        options = ingest.IngestOptions(published=entry.get("published"), source=entry.get("source"))
        articles.extend(ingest.read_inputs([str(root / entry["path"])], options).articles)
    article_ids = {
        (Path(location.path).relative_to(root).as_posix(), article.title): article.id
        for article in articles
        for location in article.locations
    }
    events = pipeline.events_for(articles)
    return clusters.score_article_clusters(gold, article_ids, events)
