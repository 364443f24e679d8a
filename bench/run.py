"""marsad's throughput benchmark (`make bench`): never a timed test.

Generates a varied corpus from examples/, then measures, each in a fresh process: loading, a bare spaCy
parse of the corpus, the whole pipeline with 1 and 2 workers, and the cost curve. Writes bench/results.md
(and the raw figures to bench/results.json).

    python bench/run.py                  # the full benchmark (make bench; budget 15 minutes on 2 cores)
    python bench/run.py --quick          # a small run to check that everything works
    python bench/run.py --merge-only     # merge alone at the curve sizes (prints a table; no report)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/ modules, also when imported by tests

import corpus
import report

Result = dict[str, Any]
HERE = Path(__file__).resolve().parent
# One thread per process: figures are per core, and the workers comparison adds processes, not threads.
THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--articles", type=int, default=1000, help="corpus size of the main runs (default 1000)"
    )
    # Since the learned layer (a third of the speed before it), runs of 5,000 articles and a curve to 8,000
    # took over 40 minutes: the curve spans x4 in size (1k-8k spanned x8), within make bench's budget.
    parser.add_argument("--curve", default="500,1000,2000", help="sizes of the cost curve ('' to skip)")
    parser.add_argument("--workers", default="1,2", help="worker counts of the pipeline runs (default 1,2)")
    parser.add_argument("--batch-size", type=int, default=32, help="spaCy batch size (pipeline default 32)")
    parser.add_argument("--seed", type=int, default=7, help="corpus seed (default 7)")
    parser.add_argument("--quick", action="store_true", help="small sizes, to check the bench itself")
    parser.add_argument(
        "--out", type=Path, default=HERE / "results.md", help="report (default bench/results.md)"
    )
    parser.add_argument(
        "--merge-only",
        action="store_true",
        help="time merge alone at the --curve sizes and print a table (bench/results.md is not written)",
    )
    parser.add_argument(
        "--mentions",
        type=Path,
        help="with --merge-only: keep the analysed mentions in this file and reuse them on the next run",
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="--merge-only: runs per size; the fastest counts (default 3)"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--params", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.quick:
        args.articles, args.curve = 200, "100,200,400"
    return args


def sizes(text: str) -> list[int]:
    return sorted({int(part) for part in text.split(",") if part.strip()})


def say(message: str) -> None:
    sys.stderr.write(f"[bench {time.strftime('%H:%M:%S')}] {message}\n")
    sys.stderr.flush()


def child(task: str, params: Result) -> Result:
    """Run one measurement in a fresh interpreter and return its figures."""
    env = {**os.environ, **dict.fromkeys(THREAD_VARS, "1")}
    command = [sys.executable, str(Path(__file__).resolve()), "--child", task, "--params", json.dumps(params)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"bench task {task!r} failed (exit {done.returncode}):\n{done.stderr[-4000:]}")
    result: Result = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def write_corpus(folder: Path, wanted: Sequence[int], seed: int) -> dict[int, Path]:
    """JSON Lines files of the first ``n`` generated articles, for each wanted ``n``."""
    articles = corpus.generate(max(wanted), seed=seed)
    return {n: corpus.write_jsonl(articles[:n], folder / f"corpus-{n}.jsonl") for n in wanted}


def model_meta(pipes: list[str]) -> Result:
    from marsad import __version__, nlp

    language = nlp.load()
    return {
        "spacy": metadata.version("spacy"),
        "model": f"{language.meta.get('lang', '')}_{language.meta.get('name', '')}",
        "model_version": language.meta.get("version", "?"),
        "pipes": pipes,
        "marsad": __version__,
    }


# Real news beside the generated corpus (issue 13): the Wikinews conflict articles, when ../shared is there.
REAL_TEXT = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "wikinews-conflict.jsonl"


def measure(args: argparse.Namespace, folder: Path) -> Result:
    curve, workers = sizes(args.curve), sizes(args.workers)
    say(f"generating {max([args.articles, *curve])} articles from examples/")
    files = write_corpus(folder, sorted({args.articles, *curve}), args.seed)
    main = str(files[args.articles])
    results: Result = {"articles": args.articles, "seed": args.seed, "batch_size": args.batch_size}
    results["load_average"] = [os.getloadavg()[0]]  # other work on the machine slows every figure down
    say("loading, first run (may build caches)")
    first = child("load", {})
    say("loading, after the first run")
    results["load"] = {**child("load", {}), "first_kb_gazetteer_s": first["kb_gazetteer_s"]}
    say(f"bare spaCy parse of {args.articles} articles")
    results["bare"] = child("bare", {"corpus": main, "batch_size": args.batch_size})
    results["pipelines"] = {}
    keep = {"keep": str(folder / "mentions.pickle"), "prefixes": curve}
    for count in workers:
        say(f"whole pipeline on {args.articles} articles, {count} worker(s)")
        params = {"corpus": main, "workers": count, "batch_size": args.batch_size}
        results["pipelines"][str(count)] = child("pipeline", {**params, **(keep if count == 1 else {})})
    if len(curve) > 1:
        say(f"cost curve at {', '.join(map(str, curve))} articles")
        params = {
            "sizes": curve,
            "files": {str(n): str(files[n]) for n in curve},
            "batch_size": args.batch_size,
        }
        analysed = results["pipelines"].get("1", {}).get("analysed")
        results["curve"] = child("curve", {**params, "analysed": analysed} if analysed else params)
    if REAL_TEXT.is_file():
        say(f"real text: bare parse and whole pipeline on {REAL_TEXT.name}")
        params = {"corpus": str(REAL_TEXT), "batch_size": args.batch_size}
        results["real"] = {
            "corpus": f"../shared/corpora/{REAL_TEXT.name}",
            "bare": child("bare", params),
            "pipeline": child("pipeline", {**params, "workers": 1}),
        }
    results["load_average"].append(os.getloadavg()[0])
    results["machine"] = report.machine(model_meta(results["bare"]["pipes"]))
    return results


def merge_only(args: argparse.Namespace) -> int:
    """Merge time at each curve size, on mentions analysed once (or read back from ``--mentions``)."""
    curve = sizes(args.curve)
    with tempfile.TemporaryDirectory(prefix="marsad-bench-") as folder:
        say(f"generating {max(curve)} articles from examples/")
        files = write_corpus(Path(folder), [max(curve)], args.seed)
        say(f"merge alone at {', '.join(map(str, curve))} articles (analysing the corpus once)")
        params = {"sizes": curve, "corpus": str(files[max(curve)]), "batch_size": args.batch_size}
        params.update(repeat=args.repeat, mentions=str(args.mentions) if args.mentions else None)
        found = child("merge", params)
    points = found["points"]
    sys.stdout.write(report.merge_table(points))
    if len(points) > 1:
        check = report.merge_check(points)
        say(f"{'pass' if check.ok else 'FAIL'}  {check.name}: {check.value} (target {check.target})")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child:
        import measure as tasks

        sys.stdout.write(json.dumps(tasks.TASKS[args.child](json.loads(args.params or "{}"))) + "\n")
        return 0
    if args.merge_only:
        return merge_only(args)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="marsad-bench-") as folder:
        results = measure(args, Path(folder))
    results["wall_s"] = time.perf_counter() - started
    args.out.write_text(report.render(results), encoding="utf-8")
    args.out.with_suffix(".json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    for check in report.checks(results):
        say(f"{'pass' if check.ok else 'FAIL'}  {check.name}: {check.value} (target {check.target})")
    say(f"wrote {args.out} in {results['wall_s'] / 60:.1f} min")
    return 0


if __name__ == "__main__":
    sys.exit(main())
