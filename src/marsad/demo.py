"""``marsad demo``: the bundled sample corpus, end to end.

The corpus lives in ``examples/`` at the top of the repository. ``examples/manifest.toml`` says, per file,
what a user would pass on the command line (publication date, outlet) for inputs that carry none.
"""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path
from typing import Any

from marsad import export, ingest, pipeline
from marsad.errors import ConfigError
from marsad.records import Event
from marsad.store import EventQuery, open_store

EXPORTS = (("acled-csv", "events-acled.csv"), ("jsonl", "events.jsonl"), ("geojson", "events.geojson"))


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class DemoResult:
    report: pipeline.RunReport
    events: list[Event]
    exports: list[Path]


def examples_dir() -> Path:
    """The sample corpus of a source checkout."""
    candidates = [Path(__file__).resolve().parents[2] / "examples", Path.cwd() / "examples"]
    for candidate in candidates:
        if (candidate / "manifest.toml").is_file():
            return candidate
    raise ConfigError(
        "the sample corpus (examples/manifest.toml) was not found; run the demo from a clone of marsad"
    )


def load_manifest(folder: Path) -> list[dict[str, Any]]:
    with (folder / "manifest.toml").open("rb") as handle:
        manifest = tomllib.load(handle)
    entries = manifest.get("input", [])
    for entry in entries:
        if not (folder / entry["path"]).exists():
            raise ConfigError(f"{folder / 'manifest.toml'}: {entry['path']} does not exist")
    return list(entries)


def run_demo(db: str, out: Path) -> DemoResult:
    """Run every manifest entry into ``db``, then export the events to ``out``."""
    folder = examples_dir()
    reports = []
    with open_store(db) as store:
        for entry in load_manifest(folder):
            options = pipeline.RunOptions(
                ingest=ingest.IngestOptions(published=entry.get("published"), source=entry.get("source"))
            )
            reports.append(pipeline.run([str(folder / entry["path"])], store, options))
        events = store.events(EventQuery())
        articles = {article.id: article for article in store.articles()}
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for fmt, name in EXPORTS:
        export.write(events, out / name, fmt, articles=articles)
        paths.append(out / name)
    return DemoResult(report=combine(reports), events=events, exports=paths)


def combine(reports: list[pipeline.RunReport]) -> pipeline.RunReport:
    return pipeline.RunReport(
        articles=sum(r.articles for r in reports),
        new_articles=sum(r.new_articles for r in reports),
        mentions=sum(r.mentions for r in reports),
        events=reports[-1].events if reports else 0,
        rejections=tuple(rejection for r in reports for rejection in r.rejections),
        seconds=sum(r.seconds for r in reports),
    )
