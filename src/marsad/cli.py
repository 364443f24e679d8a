"""The ``marsad`` command line: thin commands over the library."""

from __future__ import annotations

import dataclasses
import functools
import logging
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from marsad import __version__, demo, ingest, output, pipeline
from marsad.errors import MarsadError
from marsad.export.contents import export_contents
from marsad.records import Event, Modality, Rejection
from marsad.resolve.actors import search_aliases
from marsad.sanity import review_flags
from marsad.store import EventQuery, Store, open_store
from marsad.store.postgres import is_postgres_url, redact
from marsad.store.queries import BACKGROUND_CHOICES, DEFAULT_BACKGROUND, MODALITIES

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_DB = "marsad.db"
EXPORT_FORMATS = ("acled-csv", "csv", "jsonl", "json", "geojson", "parquet")


def score_options(fn: F) -> F:
    """``--json FILE`` and ``--floors FILE``, shared by the commands that score marsad against gold."""
    floors = click.option(
        "--floors",
        "floors_path",
        type=click.Path(exists=True, dir_okay=False),
        help="JSON file of minimum scores; exit 1 if any score falls below its floor.",
    )
    json_file = click.option(
        "--json", "json_path", type=click.Path(dir_okay=False), help="Also write the scores as JSON here."
    )
    return json_file(floors(fn))


def db_option(fn: F) -> F:
    return click.option(
        "--db",
        envvar="MARSAD_DB",
        default=DEFAULT_DB,
        show_default=True,
        type=click.Path(dir_okay=False),
        help="SQLite database file or postgresql:// URL (or set MARSAD_DB).",
    )(fn)


def kb_option(fn: F) -> F:
    """``--kb DIR``: the user's own actor files, added to the packaged knowledge base for this command."""

    def use_folder(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
        if value:
            from marsad.resolve import actors

            try:
                actors.user_paths(value)  # a missing folder is an error now, not at the first actor read
            except MarsadError as exc:
                raise click.BadParameter(str(exc)) from exc
            os.environ[actors.KB_ENV] = value  # read by the KB loader, in this process and its workers
        return value

    return click.option(
        "--kb",
        "kb_dir",
        envvar="MARSAD_KB",
        type=click.Path(file_okay=False),
        expose_value=False,
        callback=use_folder,
        help="Folder of your own actor files (*.jsonl, as data/actors/), added to the packaged KB "
        "(or set MARSAD_KB); see docs/kb.md.",
    )(fn)


def query_options(fn: F) -> F:
    """The event filters shared by `events` and `export`."""
    options = [
        click.option("--country", help="ISO code or country name, e.g. IQ or Iraq."),
        click.option("--type", "plover_type", help="PLOVER type, e.g. ASSAULT, COERCE, PROTEST."),
        click.option("--since", help="First date, inclusive (YYYY-MM-DD)."),
        click.option("--until", help="Last date, inclusive (YYYY-MM-DD)."),
        click.option("--actor", help="Actor name or alias (substring match)."),
        click.option("--q", "text", help="Full-text search in the articles the events came from."),
        click.option(
            "--modality",
            "modalities",
            multiple=True,
            type=click.Choice(MODALITIES),
            help="Only events of this modality (repeatable) [default: every modality].",
        ),
        click.option(
            "--background",
            type=click.Choice(BACKGROUND_CHOICES),
            default=DEFAULT_BACKGROUND,
            show_default=True,
            help="Recalled background events: with the rest, left out, or alone.",
        ),
        click.option("--limit", type=click.IntRange(min=1), help="At most this many events."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def make_query(**kwargs: Any) -> EventQuery:
    actor = kwargs["actor"]
    return EventQuery(
        country=kwargs["country"],
        plover_type=kwargs["plover_type"].upper() if kwargs["plover_type"] else None,
        since=kwargs["since"],
        until=kwargs["until"],
        actor=actor,
        actor_aliases=search_aliases(actor) if actor else (),
        q=kwargs["text"],
        modalities=tuple(kwargs["modalities"]),
        limit=kwargs["limit"],
    ).with_background(kwargs["background"])


def friendly_errors(fn: F) -> F:
    """Turn marsad's own errors into a one-line message and exit code 1."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except MarsadError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="marsad")
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-vv for debug).")
def cli(verbose: int) -> None:
    """marsad: turn raw news text into structured, traceable event data.

    \b
    Quick start:
      marsad demo                      run the bundled sample corpus end to end
      marsad run news/ --published 2026-01-12
      marsad events --country IQ --type ASSAULT
      marsad export --format acled-csv -o events.csv
    """
    level = {0: logging.WARNING, 1: logging.INFO}.get(verbose, logging.DEBUG)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    if verbose < 2:
        logging.getLogger("distributed").setLevel(logging.WARNING)  # Dask's INFO chatter


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--published", help="Publication date (YYYY-MM-DD) for inputs that carry none.")
@click.option("--source", help="Outlet name for inputs that carry none.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["auto", "dump", "plain", "jsonl", "csv", "html", "feed", "warc"]),
    default="auto",
    show_default=True,
    help="Input format; auto decides by extension and content.",
)
@click.option(
    "--column",
    "columns",
    multiple=True,
    metavar="FIELD=NAME",
    help="Map a field (title, body, published, url, source, reference) to a JSONL/CSV column name; "
    "other columns are kept as the article's metadata.",
)
@click.option(
    "--max-chars",
    type=click.IntRange(min=1),
    default=pipeline.DEFAULT_MAX_CHARS,
    show_default=True,
    help="Reject texts longer than this (parsing needs ~1 GB of memory per 100,000 characters).",
)
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="local: this process; dask: partitions on a Dask cluster (docs/scaling.md).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Dask scheduler, e.g. tcp://10.0.0.5:8786 (implies --engine dask); without it, "
    "--engine dask starts a local cluster.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Worker processes of the local Dask cluster.",
)
@kb_option
@click.option(
    "--rules-only",
    is_flag=True,
    help="Leave out the learned layer: the hand rules alone decide event, type and modality.",
)
@friendly_errors
def run(
    paths: tuple[str, ...],
    db: str,
    published: str | None,
    source: str | None,
    fmt: str,
    columns: tuple[str, ...],
    max_chars: int,
    quiet: bool,
    engine: str,
    scheduler: str | None,
    workers: int,
    rules_only: bool,
) -> None:
    """Read news files, extract events and store them.

    PATHS are files or folders (read recursively); `-` reads standard input.
    Raw scraped dumps, plain text, JSONL, CSV, HTML, RSS/Atom and WARC are recognised.
    Exits with code 1 if any input was rejected; the rest is still stored.

    \b
    Examples:
      marsad run examples/
      marsad run dump.txt --published 2026-01-12 --source "Asharq Al-Awsat"
      cat article.txt | marsad run -
      marsad run feed.csv --column body=text --column title=headline
    """
    logging.getLogger("marsad.ingest.columns").setLevel(logging.INFO)  # say which column fed what
    options = pipeline.RunOptions(
        ingest=ingest.IngestOptions(
            published=check_date(published), source=source, format=fmt, columns=parse_columns(columns)
        ),
        max_chars=max_chars,
        learned=not rules_only,
    )
    if engine == "dask" or scheduler:
        from marsad import scale  # Dask is optional (the `scale` extra)

        report = scale.run_distributed(
            list(paths), db, options, scheduler=scheduler, workers=workers, stdin=sys.stdin
        )
    else:
        with open_store(db) as store:
            report = run_with_progress(paths, store, options, quiet=quiet)
    print_summary(report, redact(db))
    with open_store(db) as store:
        for line in export_contents(all_events(store)).lines():
            click.echo(line, err=True)
    if any(rejection.stage == "ingest" for rejection in report.rejections):
        sys.exit(1)


def all_events(store: Store, page: int = 5000) -> Iterator[Event]:
    """Every stored event, read a page at a time (a large store is never held in memory at once)."""
    offset = 0
    while True:
        found = store.events(EventQuery(limit=page, offset=offset, order="date"))
        yield from found
        if len(found) < page:
            return
        offset += page


def check_date(value: str | None) -> str | None:
    import datetime as dt

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD") from None


def parse_columns(pairs: tuple[str, ...]) -> dict[str, str]:
    columns = {}
    for pair in pairs:
        field, sep, name = pair.partition("=")
        if not sep or not field or not name:
            raise click.BadParameter(f"{pair!r}: use FIELD=NAME, e.g. body=text", param_hint="--column")
        columns[field.strip()] = name.strip()
    return columns


def run_with_progress(
    paths: tuple[str, ...], store: Store, options: pipeline.RunOptions, *, quiet: bool
) -> pipeline.RunReport:
    show = not quiet and sys.stderr.isatty()
    with click.progressbar(length=0, label="reading", file=sys.stderr, hidden=not show) as bar:

        def on_file(path: str) -> None:
            bar.label = f"reading {Path(path).name}"[:40]
            bar.render_progress()

        def on_total(count: int) -> None:
            bar.length = count
            bar.label = f"analysing {count} articles"
            bar.render_progress()

        return pipeline.run(
            list(paths), store, options, stdin=sys.stdin, on_file=on_file, on_article=bar.update,
            on_total=on_total,
        )  # fmt: skip


def print_summary(report: pipeline.RunReport, db: str) -> None:
    ingest_rejections = [r for r in report.rejections if r.stage == "ingest"]
    click.echo(
        f"{report.articles} articles ({report.new_articles} new), {report.mentions} mentions, "
        f"{report.events} events in {db}; {len(ingest_rejections)} inputs rejected "
        f"[{report.seconds:.1f} s]",
        err=True,
    )
    for rejection in ingest_rejections:
        click.echo(f"rejected: {rejection_text(rejection)}", err=True)


def rejection_text(rejection: Rejection) -> str:
    where = rejection.path or rejection.article_id or "?"
    if rejection.line is not None:
        where = f"{where}:{rejection.line}"
    return f"{where}: {rejection.reason}"


@cli.command()
@db_option
@query_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    help="Output format [default: table on a terminal, json when piped].",
)
@click.option(
    "--flags",
    "flagged",
    is_flag=True,
    help="Only events whose figures need review (e.g. more than 1,000 killed in one event); "
    "their best figure is withheld until checked.",
)
@click.option(
    "--with-articles",
    is_flag=True,
    help="Link each event to its articles as the input named them: a `refs` column (CSV, table) of their "
    "references (a CSV row id), or an `articles` list (JSON) with reference and the row's other columns.",
)
@click.option(
    "--explain",
    is_flag=True,
    help="After the table, say how each event's place was read: as named, as resolved, and the clue "
    "that decided it (containment, same article, population, feature class...); and the clue that gave "
    "each actor its role (subject, passive by-phrase, possessive, speaker, metonym...).",
)
@friendly_errors
def events(
    db: str, fmt: str | None, flagged: bool, with_articles: bool, explain: bool, **filters: Any
) -> None:
    """List stored events, filtered.

    \b
    Examples:
      marsad events --country Iraq --since 2024-01-01
      marsad events --type ASSAULT --actor Hezbollah --format csv > strikes.csv
      marsad events --q "drone" | jq '.[0]'
      marsad events --flags          # figures to check by hand before use
      marsad events --with-articles --format csv     # with the CSV row ids the events came from
      marsad events --country SY --explain            # how each place and actor was read
    """
    query = make_query(**filters)
    with open_store(existing_db(db)) as store:
        found = store.events(dataclasses.replace(query, limit=None) if flagged else query)
        if flagged:
            found = [event for event in found if review_flags(event)][: query.limit]
        articles = None
        if with_articles:
            ids = {article_id for event in found for article_id in event.article_ids}
            articles = {article.id: article for article in store.articles(ids)}
    fmt = fmt or ("table" if sys.stdout.isatty() or explain else "json")
    if fmt == "table":
        rows = [output.event_row(event) for event in found]
        columns: tuple[str, ...] = output.TABLE_COLUMNS
        if articles is not None:
            columns = (*columns, "refs")
            for row, event in zip(rows, found, strict=True):
                row["refs"] = output.references_text(event, articles)
        click.echo(output.render_table(rows, columns))
        if explain:
            click.echo("\nplaces:")
            click.echo("\n".join(output.place_explanation(event) for event in found))
            click.echo("\nactors:")
            click.echo("\n".join(output.actor_explanation(event) for event in found))
    elif fmt == "csv":
        click.echo(output.events_csv(found, articles), nl=False)
    else:
        click.echo(output.events_json(found, articles))


def existing_db(db: str) -> str:
    if not is_postgres_url(db) and not Path(db).exists():
        raise click.ClickException(
            f"{db}: no such database; create it with `marsad run PATH` or `marsad demo`"
        )
    return db


@cli.command()
@db_option
@friendly_errors
def remerge(db: str) -> None:
    """Re-derive every event from every stored mention (a full rebuild).

    `marsad run` re-merges only the events its new articles can touch, with the same result as a
    full rebuild under the same rules. After upgrading marsad (its merge rules or models changed),
    run this once so that old and new events follow the same rules.

    \b
    Examples:
      marsad remerge --db news.db
    """
    with open_store(existing_db(db)) as store:
        events = pipeline.remerge(store)
    click.echo(f"{len(events)} events in {redact(db)}")


@cli.command()
@db_option
@friendly_errors
def status(db: str) -> None:
    """Say what the store holds and whether a run stopped before it finished.

    A run killed between its stages (stored, analysed, merged) leaves the store incomplete; it
    is listed here, and the next `marsad run` (of any input) completes it. Exits with code 1
    when a run is unfinished.

    \b
    Examples:
      marsad status --db news.db
    """
    with open_store(existing_db(db)) as store:
        counts = store.counts()
        stopped = store.unfinished_runs()
    click.echo(", ".join(f"{count} {table}" for table, count in counts.items()) + f" in {redact(db)}")
    for run in stopped:
        click.echo(
            f"unfinished run {run.id[:12]} (started {run.started}, last stage {run.stage!r}, "
            f"{len(run.article_ids)} articles): the next `marsad run` completes it"
        )
    if stopped:
        sys.exit(1)
    click.echo("no unfinished runs")


@cli.command()
@db_option
@query_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    default="acled-csv",
    show_default=True,
    help="acled-csv: ACLED's 31 columns; jsonl/json: full records with claims and evidence.",
)
@click.option(
    "-o",
    "--output",
    "out",
    required=True,
    type=click.Path(dir_okay=False),
    help="File to write (`-` for standard output).",
)
@friendly_errors
def export(db: str, fmt: str, out: str, **filters: Any) -> None:
    """Export events as ACLED-compatible CSV, CSV, JSON Lines, JSON, GeoJSON or Parquet.

    \b
    Examples:
      marsad export --format acled-csv -o events.csv
      marsad export --format geojson --country LB -o lebanon.geojson
    """
    from marsad import export as exporter

    with open_store(existing_db(db)) as store:
        found = store.events(make_query(**filters))
        articles = {article.id: article for article in store.articles()}
    target: Any = sys.stdout if out == "-" else out
    written = exporter.write(found, target, fmt, articles=articles)
    click.echo(f"{written} events written to {out} ({fmt})", err=True)


@cli.command(name="demo")
@db_option
@click.option(
    "--out",
    default="exports",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Folder for the demo exports.",
)
@friendly_errors
def demo_command(db: str, out: str) -> None:
    """Run the pipeline on the bundled sample corpus and show the result.

    Writes the database (marsad.db by default), prints the event table and
    the paths of the exports (ACLED CSV, JSON Lines, GeoJSON).
    """
    result = demo.run_demo(db, Path(out))
    occurred = [e for e in result.events if e.modality is Modality.ASSERTED and not e.background]
    click.echo(output.render_table([output.event_row(event) for event in occurred]))
    others = len(result.events) - len(occurred)
    click.echo(
        f"\n{len(occurred)} events from {result.report.articles} articles in {db}; {others} more are "
        "planned, negated, threatened or recalled background events (`marsad events` lists all)"
    )
    for path in result.exports:
        click.echo(f"export: {path}")


def main() -> None:  # pragma: no cover - console entry point alias
    cli()


@cli.command()
@db_option
@click.option(
    "--sample", "size", default=40, show_default=True, type=click.IntRange(min=1), help="How many events."
)
@click.option(
    "--seed", default=7, show_default=True, type=int, help="Random seed; the same seed, the same sample."
)
@click.option("--country", help="Only this country (ISO code or name), e.g. SY.")
@click.option("--type", "plover_type", help="Only this PLOVER type, e.g. ASSAULT.")
@click.option("--since", help="First date, inclusive (YYYY-MM-DD).")
@click.option("--until", help="Last date, inclusive (YYYY-MM-DD).")
@click.option("--current", is_flag=True, help="Leave out background (recalled) events.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "jsonl"]),
    default="text",
    show_default=True,
    help="text to read; jsonl for tools (one event per line).",
)
@friendly_errors
def review(
    db: str,
    size: int,
    seed: int,
    country: str | None,
    plover_type: str | None,
    since: str | None,
    until: str | None,
    current: bool,
    fmt: str,
) -> None:
    """Print a random sample of stored events beside the sentences they came from, to audit them by hand.

    Each event shows its type, actors, place, date, figures with who claims them, and the evidence
    sentence(s) from its articles. Mark each right or wrong: the share that is right estimates the
    precision of the whole store. docs/evaluation.md has a checklist.

    \b
    Examples:
      marsad review --sample 40 --seed 7
      marsad review --db news.db --type ASSAULT --country SY --sample 20
      marsad review --format jsonl > sample.jsonl
    """
    from marsad import review as reviewing

    query = EventQuery(
        country=country,
        plover_type=plover_type.upper() if plover_type else None,
        since=check_date(since),
        until=check_date(until),
        include_background=not current,
    )
    with open_store(existing_db(db)) as store:
        items = reviewing.review_sample(store, query, size, seed)
    text = reviewing.render_jsonl(items) if fmt == "jsonl" else reviewing.render_text(items)
    click.echo(text, nl=False)


@cli.command(name="eval")
@click.argument("paths", nargs=-1)
@click.option(
    "--gold",
    "gold_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Gold file: marsad gold JSON, or ACLED-style CSV with a text column.",
)
@click.option("--published", help="Publication date (YYYY-MM-DD) for inputs that carry none.")
@click.option(
    "--report", "report_path", type=click.Path(dir_okay=False), help="Also write the Markdown report here."
)
@score_options
@click.option(
    "--summary-only",
    is_flag=True,
    help="Report the scores only, nothing about single events (for a holdout nobody may tune on).",
)
@kb_option
@click.option(
    "--rules-only",
    is_flag=True,
    help="Score the hand rules alone, without the learned layer (to see what the model adds).",
)
@friendly_errors
def eval_command(
    paths: tuple[str, ...],
    gold_path: str,
    published: str | None,
    report_path: str | None,
    json_path: str | None,
    floors_path: str | None,
    summary_only: bool,
    rules_only: bool,
) -> None:
    """Score marsad's output against a gold file, field by field.

    PATHS are the input files the gold file codes (not needed for CSV gold, which carries its texts).

    \b
    Examples:
      marsad eval --gold gold/seed-events.json seeds/000_a3f4366af1a88a72.txt --published 2026-01-12
      marsad eval --gold eval/gold/gold.json eval/gold/articles.jsonl --floors eval/floors.json
      marsad eval --gold my-coding.csv --report report.md
      marsad eval --gold eval/real-holdout/gold.json eval/real-holdout/articles.jsonl --summary-only
    """
    from marsad import evaluation_run

    result = evaluation_run.run_eval(
        gold_path,
        list(paths),
        published=check_date(published),
        summary_only=summary_only,
        learned=not rules_only,
    )
    click.echo(result.markdown)
    if report_path:
        Path(report_path).write_text(result.markdown, encoding="utf-8")
    if json_path:
        Path(json_path).write_text(result.json_text, encoding="utf-8")
    if floors_path:
        enforce_floors(evaluation_run.check_floors(result, floors_path), floors_path)


def enforce_floors(violations: list[str], floors_path: str) -> None:
    """Say which scores fall below their floors and exit 1, or say that all hold."""
    for violation in violations:
        click.echo(f"below floor: {violation}", err=True)
    if violations:
        sys.exit(1)
    click.echo(f"every score is at or above its floor in {floors_path}", err=True)


@cli.command()
@click.option(
    "--data",
    "data_paths",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Labelled-sentence JSONL file (repeatable); default: the packaged marsad/learn/data/*.jsonl.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False),
    help="Folder to write the model to; default: the packaged marsad/learn/model/.",
)
@click.option(
    "--part",
    type=click.Choice(["all", "sentences", "merge"]),
    default="all",
    show_default=True,
    help="Train the sentence model, the merge scorer (from the gold clusters of examples/, eval/dedup/ "
    "and eval/real-merge/, run from the repository root), or both (with --data: the sentence model only).",
)
@friendly_errors
def train(data_paths: tuple[str, ...], out: str | None, part: str) -> None:
    """Rebuild the learned layer: the sentence model and the merge scorer.

    The sentence model: embeds every labelled sentence with the packaged all-MiniLM-L6-v2 model, fits
    the heads (event, PLOVER type, ACLED sub-event type, modality, background) and writes weights.npz
    and meta.json. The merge scorer: runs the development merge corpora, fits a logistic regression
    on pairs of reports (one happening or two, from the gold clusters), picks its threshold by
    cross-validation across the corpora and writes merge.npz and merge.json. The result is
    deterministic: the same data give byte-identical files (docs/model.md). Several minutes on 2 CPU
    cores.

    \b
    Examples:
      marsad train                              # rebuild the committed model in place
      marsad train --out /tmp/model             # somewhere else, e.g. to compare
      marsad train --data mine.jsonl --out m/   # your own labelled sentences
      marsad train --part merge                 # the merge scorer only
    """
    from marsad import learn

    def say(line: str) -> None:
        click.echo(line, err=True)

    if part in ("all", "sentences"):
        report = learn.train([Path(p) for p in data_paths] or None, Path(out) if out else None, progress=say)
        click.echo(
            f"trained on {report.sentences} sentences ({report.events} events); "
            f"model in {report.directory} (weights sha256 {report.weights_sha256[:16]}...)"
        )
    if part == "merge" or (part == "all" and not data_paths):
        from marsad.learn import model, pairs_train

        if part == "all" and not pairs_train.corpora_present(Path.cwd()):
            say("merge scorer: the merge corpora are not here (run from the repository root); not trained")
            return
        folder = Path(out) if out else model.packaged_dir()
        merged = pairs_train.train_pairs(Path.cwd(), folder, progress=say)
        click.echo(
            f"merge scorer trained on {sum(sum(n) for n in merged.examples.values())} pairs of reports, "
            f"threshold {merged.threshold:.2f}; in {merged.directory} "
            f"(weights sha256 {merged.weights_sha256[:16]}...)"
        )


@cli.command(name="eval-geo")
@click.argument("articles", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--gold",
    "gold_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Gold toponyms, JSON Lines: id, places [{name, start, end, lat, lon}] (offsets into the body); "
    "or marsad's gold.json, whose event places are found by name.",
)
@click.option(
    "--report", "report_path", type=click.Path(dir_okay=False), help="Also write the Markdown summary here."
)
@score_options
@click.option("--summary-only", is_flag=True, help="Report the scores only, no single toponyms.")
@friendly_errors
def eval_geo(
    articles: str,
    gold_path: str,
    report_path: str | None,
    json_path: str | None,
    floors_path: str | None,
    summary_only: bool,
) -> None:
    """Score every place name marsad resolves in a text, event place or not, against gold toponyms.

    ARTICLES is JSON Lines with id, title and body. Scores: precision (placed names that overlap a
    gold toponym), recall (gold toponyms a placed name overlaps), acc_161km and acc_25km (found
    toponyms placed within 161 or 25 km of the gold point) and median_km. On marsad's gold.json
    (eval/real/gold.json), the gold toponyms are the event places with coordinates, found by name
    in the article they belong to; no precision, and country: found places in the gold country.

    \b
    Examples:
      marsad eval-geo --gold ../shared/corpora/geovirus/gold.jsonl ../shared/corpora/geovirus/articles.jsonl
      marsad eval-geo --gold gold.jsonl texts.jsonl --json geo.json --floors eval/floors-geo.json
      marsad eval-geo --gold eval/real/gold.json eval/real/articles.jsonl
    """
    from marsad import evaluation_run

    result = evaluation_run.run_geo_eval(gold_path, articles, summary_only=summary_only)
    click.echo(result.markdown)
    if report_path:
        Path(report_path).write_text(result.markdown, encoding="utf-8")
    if json_path:
        Path(json_path).write_text(result.json_text, encoding="utf-8")
    if floors_path:
        enforce_floors(evaluation_run.check_floors(result, floors_path), floors_path)


@cli.command(name="eval-merge")
@click.option(
    "--clusters",
    "clusters_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Gold clusters: which articles report the same event.",
)
@click.option(
    "--floors",
    "floors_path",
    type=click.Path(exists=True, dir_okay=False),
    help="JSON of minimum scores (e.g. pairwise_recall, near_misses_apart); exit 1 if any is not met.",
)
@click.option(
    "--summary-only",
    is_flag=True,
    help="Print the scores only, not which pairs were missed or joined (for a holdout nobody tunes on).",
)
@click.option(
    "--merge-scorer",
    type=click.Choice(["learned", "hand"]),
    help="Which scorer links reports across articles (default: $MARSAD_MERGE_SCORER, else hand).",
)
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@friendly_errors
def eval_merge(
    clusters_path: str, folder: str, floors_path: str | None, summary_only: bool, merge_scorer: str | None
) -> None:
    """Score how well reports of one event are merged across articles and outlets.

    FOLDER holds the corpus and its manifest.toml (publication dates and outlets per file; an
    input with `run = 2` is added to the store after those of run 1, as a later `marsad run`
    would). Prints JSON: pairwise and B-cubed precision, recall and F1 over article pairs, the
    pairs missed and wrongly joined, and how many gold near-miss pairs (different events that
    look alike) were merged. docs/evaluation.md explains each key.

    \b
    Examples:
      marsad eval-merge --clusters examples/gold-clusters.json examples
      marsad eval-merge --clusters eval/dedup/gold-clusters.json eval/dedup \\
          --floors eval/dedup/floors.json
      marsad eval-merge --clusters eval/real-merge-holdout/gold-clusters.json \\
          eval/real-merge-holdout --summary-only
    """
    import json
    import os

    from marsad import evaluation_run
    from marsad.merge import scorer

    if merge_scorer:
        os.environ[scorer.ENV] = merge_scorer
    scores = evaluation_run.run_cluster_eval(clusters_path, folder)
    if summary_only:
        scores = {name: value for name, value in scores.items() if not isinstance(value, list)}
    click.echo(json.dumps(scores, indent=2, sort_keys=True))
    if floors_path:
        enforce_floors(evaluation_run.check_merge_floors(scores, floors_path), floors_path)


@cli.group()
def kb() -> None:
    """Inspect and extend the actor knowledge base."""


@kb.command()
@db_option
@click.option("--limit", default=50, show_default=True, type=click.IntRange(min=1))
@friendly_errors
def unresolved(db: str, limit: int) -> None:
    """List actor names the knowledge base could not resolve, most frequent first."""
    from marsad.resolve import actors

    with open_store(existing_db(db)) as store:
        names = [
            ref.text
            for mention in store.mentions()
            for ref in (*mention.actor1, *mention.actor2)
            if not ref.resolved
        ]
    for name, count in actors.unresolved_counts(names)[:limit]:
        click.echo(f"{count:5d}  {name}")


@kb.command()
@click.argument("folder", required=False, type=click.Path(file_okay=False))
@friendly_errors
def check(folder: str | None) -> None:
    """Validate the knowledge base: the packaged files, plus FOLDER (else $MARSAD_KB) of your own.

    Every problem is listed as FILE:LINE: what is wrong (a bad field, a duplicate id or alias, an unknown
    parent); exit 1 if there is any.

    \b
    Example:
      marsad kb check my-actors/
    """
    from marsad.resolve import actors

    paths = (*actors.packaged_paths(), *actors.user_paths(folder))
    for ignored in actors.ignored_files(folder):
        click.echo(
            f"{ignored}: not read (only *.jsonl files hold actors); rename it if it should be", err=True
        )
    errors = actors.validate_files(paths)
    for error in errors:
        click.echo(error, err=True)
    if errors:
        sys.exit(1)
    own = len(paths) - len(actors.packaged_paths())
    extra = f" ({own} file(s) of your own)" if own else ""
    click.echo(f"{len(actors.load_kb(paths))} actors{extra}, no problems", err=True)


@cli.command()
@db_option
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback by default)."
)
@click.option("--port", default=8765, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    metavar="NAME",
    help="Also answer requests addressed to this host name (repeatable); others get a 421.",
)
@click.option(
    "--token",
    envvar="MARSAD_TOKEN",
    help="Require this bearer token on every request (env MARSAD_TOKEN); see docs/security.md.",
)
@click.option(
    "--timeout",
    default=30.0,
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Seconds a request may take before it is answered with a 503.",
)
@friendly_errors
def serve(
    db: str, host: str, port: int, allow_hosts: tuple[str, ...], token: str | None, timeout: float
) -> None:
    """Start the local web app: map, timeline, filterable table, event pages, and the JSON API.

    Nothing is fetched from the internet; it works with the network cut. Only requests addressed
    to the bound host, localhost or an --allow-host name are answered.

    \b
    Examples:
      marsad serve                     then open http://127.0.0.1:8765/
      marsad serve --db news.db --port 9000
      marsad serve --host 0.0.0.0 --allow-host analyst.lan --token "$(openssl rand -hex 16)"
    """
    import uvicorn

    from marsad.web import create_app
    from marsad.web.guard import is_loopback

    app = create_app(
        existing_db(db), host=host, allow_hosts=allow_hosts, token=token, request_timeout=timeout
    )
    if not is_loopback(host):
        click.echo(
            f"warning: listening on {host}, so other machines can reach this server"
            + (
                "; every request needs the token."
                if token
                else " and read everything in the store without a password; "
                "set --token (or MARSAD_TOKEN) unless this network is trusted."
            )
            + " Requests must name this host, localhost or an --allow-host name.",
            err=True,
        )
    click.echo(f"marsad serving {redact(db)} on http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@cli.command()
@db_option
@click.option("--date", "day", required=True, help="The day to brief on (YYYY-MM-DD).")
@click.option("--country", help="Only this country (ISO code or name).")
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md", show_default=True)
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(dir_okay=False),
    help="File to write; Markdown also writes the map beside it as FILE.svg. Default: stdout.",
)
@friendly_errors
def brief(db: str, day: str, country: str | None, fmt: str, out: str | None) -> None:
    """Write the daily situation brief: counts against the previous week, the most severe
    events with every source's figures, new actors, and a small map.

    \b
    Examples:
      marsad brief --date 2026-01-12 --format html -o brief.html
      marsad brief --date 2026-01-12 --country SY -o syria.md
    """
    from marsad import brief as briefing

    day = check_date(day) or day
    with open_store(existing_db(db)) as store:
        result = briefing.build_brief(store, day, country=country)
    if fmt == "html":
        text = briefing.render_html(result)
    else:
        map_name = f"{Path(out).name}.svg" if out else None
        text = briefing.render_markdown(result, map_file=map_name)
        if out:
            Path(f"{out}.svg").write_text(briefing.render.render_map(result), encoding="utf-8")
    if out:
        Path(out).write_text(text, encoding="utf-8")
        click.echo(f"brief written to {out}", err=True)
    else:
        click.echo(text, nl=False)


@kb.command(name="add")
@click.option("--id", "actor_id", required=True, help="Unique id, e.g. iq-kataib-hezbollah.")
@click.option("--name", required=True, help="Canonical name in ACLED's style.")
@click.option(
    "--kind",
    type=click.Choice(["organisation", "person", "state"]),
    default="organisation",
    show_default=True,
)
@click.option("--type", "actor_type", help="ACLED actor type, e.g. 'Political militia' (not for people).")
@click.option("--sector", help="PLOVER sector code, e.g. MIL, GOV, REB, PTY.")
@click.option("--country", help="ISO 3166-1 alpha-2 code, e.g. IQ.")
@click.option("--parent", help="Id of the parent organisation.")
@click.option("--alias", "aliases", multiple=True, help="Another name or spelling (repeatable).")
@click.option(
    "--file",
    "path",
    type=click.Path(dir_okay=False),
    help="Data file to append to [default: the packaged data/actors/local.jsonl].",
)
@friendly_errors
def kb_add(
    actor_id: str,
    name: str,
    kind: str,
    actor_type: str | None,
    sector: str | None,
    country: str | None,
    parent: str | None,
    aliases: tuple[str, ...],
    path: str | None,
) -> None:
    """Add an actor to the knowledge base, after checking it against every entry.

    A duplicate alias, an unknown parent or a bad field is refused with the reason; nothing is written then.

    \b
    Example:
      marsad kb add --id iq-saraya-awliya-al-dam --name "Saraya Awliya al-Dam" \\
        --type "Political militia" --sector REB --country IQ --alias "Awliya al-Dam"
    """
    from marsad.resolve import actors

    optional = {"type": actor_type, "sector": sector, "country": country, "parent": parent}
    entry: dict[str, object] = {"id": actor_id, "name": name, "kind": kind, "aliases": list(aliases)}
    entry |= {key: value for key, value in optional.items() if value is not None}
    target = Path(path) if path else actors.DATA_DIR / "local.jsonl"
    actors.add_actor(entry, target)
    click.echo(f"added {name} ({actor_id}) to {target}", err=True)
