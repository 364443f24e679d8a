"""``marsad eval``: run the pipeline on the gold file's texts and score the result.

Kept apart from :mod:`marsad.evaluate` (pure scoring) so that scoring never imports spaCy.
"""

from __future__ import annotations

import dataclasses
import json
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from marsad import evaluate, ingest, pipeline
from marsad.errors import ConfigError, GoldError
from marsad.records import Article, Event, Mention
from marsad.resolve import actors
from marsad.store import EventQuery, open_store


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class EvalResult:
    markdown: str
    json_text: str
    scores: dict[str, object]


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Scored:
    """What an evaluation read and produced, for reports and for error analysis."""

    gold: evaluate.Gold
    articles: list[Article]  # the inputs in order: gold article n is articles[n - 1]
    events: list[Event]
    report: evaluate.EvalReport


def score_inputs(
    gold_path: str, paths: Sequence[str], *, published: str | None = None, learned: bool = True
) -> Scored:
    """Run marsad on ``paths`` (or the texts inside a CSV gold file) and score it against ``gold_path``;
    ``learned=False`` scores the hand rules alone."""
    gold = evaluate.load_gold(gold_path)
    options = pipeline.RunOptions(ingest=ingest.IngestOptions(published=published), learned=learned)
    articles = evaluate.gold_articles(gold)
    if articles is None:
        if not paths:
            raise GoldError(f"{gold_path}: this gold file codes input files; pass them after --gold FILE")
        ingested = ingest.read_inputs(paths, options.ingest)
        articles = list(ingested.articles)
    mentions, events = pipeline.events_for(articles, options)
    report = evaluate.evaluate(
        gold,
        articles,
        events,
        same_actor=actors.load_kb().same_actor,
        mentions={mention.id: mention for mention in mentions},
    )
    return Scored(gold=gold, articles=list(articles), events=events, report=report)


def run_eval(
    gold_path: str,
    paths: Sequence[str],
    *,
    published: str | None = None,
    summary_only: bool = False,
    learned: bool = True,
) -> EvalResult:
    """Score marsad on ``paths`` (or the texts inside a CSV gold file) against ``gold_path``.

    ``summary_only`` keeps single events out of the report (see :func:`evaluate.report_json`).
    """
    report = score_inputs(gold_path, paths, published=published, learned=learned).report
    scores = evaluate.report_json(report, summary_only=summary_only)
    return EvalResult(
        markdown=evaluate.report_markdown(report, summary_only=summary_only),
        json_text=json.dumps(scores, indent=2, sort_keys=True, ensure_ascii=False),
        scores=scores,
    )


def run_geo_eval(gold_path: str, articles_path: str, *, summary_only: bool = False) -> EvalResult:
    """Score every place name marsad places in the texts of ``articles_path`` (JSON Lines: ``id``,
    ``title``, ``body``) against the gold toponyms of ``gold_path`` (:mod:`marsad.evaluate.geo`)."""
    from marsad.evaluate import geo

    gold = geo.load_geo_gold(gold_path)
    articles = [a for a in _jsonl_articles(articles_path) if a.id in gold.texts]
    missing = sorted(set(gold.texts) - {a.id for a in articles})
    if missing:
        raise GoldError(f"{gold_path}: no text in {articles_path} for {', '.join(missing[:5])}")
    placed = pipeline.toponyms_for(articles)
    report = geo.score_geo(gold, {a.id: found for a, found in zip(articles, placed, strict=True)})
    scores = report.to_json(details=not summary_only)
    return EvalResult(
        markdown=geo.geo_markdown(report) if not summary_only else _metrics_only(scores),
        json_text=json.dumps(scores, indent=2, sort_keys=True, ensure_ascii=False),
        scores=scores,
    )


def _jsonl_articles(path: str) -> list[Article]:
    """Texts as they are (gold offsets point into the body untouched, so no ingest cleaning). A text
    without an id is known by its number in the file (1..N), as marsad's gold.json numbers articles."""
    articles: list[Article] = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the texts ({exc})") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text ({exc}); save the file as UTF-8") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record.get("body"), str) or not isinstance(record.get("title") or "", str):
                raise TypeError("`title` and `body` must be strings")
            articles.append(
                Article(
                    id=str(record["id"] if "id" in record else len(articles) + 1),
                    title=record.get("title") or "",
                    body=record["body"],
                    published=record.get("published"),
                )
            )
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
            raise ConfigError(f"{path}:{number}: expected a JSON object with a body ({exc})") from exc
    return articles


def _metrics_only(scores: dict[str, Any]) -> str:
    return "".join(f"{name}: {value}\n" for name, value in sorted(scores["metrics"].items()))


def check_floors(result: EvalResult, floors_path: str) -> list[str]:
    """Scores of ``result`` below the floors pinned in ``floors_path`` (empty: all hold)."""
    return evaluate.floors_check(result.scores, _read_floors(floors_path))


def _read_floors(floors_path: str) -> dict[str, Any]:
    try:
        floors: dict[str, Any] = json.loads(Path(floors_path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{floors_path}: cannot read the floors ({exc})") from exc
    return floors


def check_merge_floors(scores: dict[str, Any], floors_path: str) -> list[str]:
    """The merge scores of ``scores`` (from :func:`run_cluster_eval`) below the floors in ``floors_path``."""
    metrics = {name: v for name, v in scores.items() if v is None or isinstance(v, int | float)}
    return evaluate.floors_check({"metrics": metrics}, _read_floors(floors_path))


def run_cluster_eval(clusters_path: str, folder: str) -> dict[str, Any]:
    """Run the corpus in ``folder`` (read as its manifest.toml says) and score cross-article merging.

    The inputs go into a temporary store the way ``marsad run`` puts them there, one run after the
    other: the entries with ``run = 1`` (the default) first, then ``run = 2`` added to that store,
    and so on; the events in the store at the end are scored. Output keys: docs/evaluation.md.
    """
    from marsad import demo, merge
    from marsad.evaluate import clusters

    gold = clusters.load_clusters(clusters_path)
    near_misses = clusters.load_near_misses(clusters_path)
    root = Path(folder)
    articles, mentions, events = run_corpus(root)
    article_ids = article_keys(articles.values(), root)
    told = {m.id: (m.article_id, merge.mention_sentence(m, articles)) for m in mentions}
    scores = clusters.score_article_clusters(gold, article_ids, events)
    scores.update(clusters.near_miss_merges(gold, near_misses, events, told, article_ids))
    scores["runs"] = len(_runs(demo.load_manifest(root), root))
    return scores


def run_corpus(root: Path) -> tuple[dict[str, Article], list[Mention], list[Event]]:
    """The articles, mentions and events a store holds after the corpus in ``root`` is run into it the way
    its manifest.toml says (``run = 2`` entries after those of run 1, as a later ``marsad run``)."""
    from marsad import demo

    runs = _runs(demo.load_manifest(root), root)
    with (
        tempfile.TemporaryDirectory(prefix="marsad-eval-") as tmp,
        open_store(Path(tmp) / "eval.db") as store,
    ):
        for number in sorted(runs):
            for entry in runs[number]:
                options = pipeline.RunOptions(
                    ingest=ingest.IngestOptions(published=entry.get("published"), source=entry.get("source"))
                )
                pipeline.run([str(root / entry["path"])], store, options)
        articles = {article.id: article for article in store.articles()}
        return articles, store.mentions(), store.events(EventQuery())


def article_keys(articles: Iterable[Article], root: Path) -> dict[tuple[str, str], str]:
    """(file, title) -> article id for every article read from ``root``; for a JSON Lines record with an
    ``id``, also (file, "#" + id) -> article id (clusters name Current-events items by id: their titles,
    category paths, are shared)."""
    keys: dict[tuple[str, str], str] = {}
    texts: dict[Path, str] = {}
    for article in articles:
        for location in article.locations:
            path = Path(location.path).resolve()
            if not path.is_relative_to(root.resolve()):
                continue
            file = path.relative_to(root.resolve()).as_posix()
            keys[(file, article.title)] = article.id
            if path.suffix == ".jsonl":
                text = texts.setdefault(path, path.read_text(encoding="utf-8"))
                record_id = _record_id(text, location.start)
                if record_id is not None:
                    keys[(file, f"#{record_id}")] = article.id
    return keys


def _record_id(text: str, start: int) -> str | None:
    """The ``id`` of the JSON Lines record on the line holding offset ``start``."""
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", start)
    try:
        record = json.loads(text[first : last if last >= 0 else len(text)])
    except json.JSONDecodeError:
        return None
    found = record.get("corpus_id", record.get("id")) if isinstance(record, dict) else None
    return str(found) if found is not None else None


def _runs(entries: Sequence[dict[str, Any]], root: Path) -> dict[int, list[dict[str, Any]]]:
    """Manifest entries by their ``run`` number (1 when unset), in manifest order within a run."""
    runs: dict[int, list[dict[str, Any]]] = {}
    for entry in entries:
        number = entry.get("run", 1)
        if not isinstance(number, int) or isinstance(number, bool) or number < 1:
            raise ConfigError(f"{root / 'manifest.toml'}: {entry['path']}: run must be a whole number from 1")
        runs.setdefault(number, []).append(entry)
    return runs
