"""Candidate recall of the rules on the learned layer's labelled sentences.

    python scripts/candidate_recall.py [--misses FILE] [--model] [labelled.jsonl ...]

Of the sentences labelled as reporting an event (default: every file of ``marsad/learn/data``), how many
get at least one mention from ``extract`` of the main labelled type's PLOVER family (quad class), and of
the exact type. Rules only, unless ``--model`` (then with the learned layer deciding, as a run does).
Each sentence is read as an article of its own, dated by its ``published`` field.
The yardstick for trigger coverage that is not a scored set: the Current-events sentences are in neither
real-news eval set; the Wikinews and written sentences are the dev sets' (tuned on, so read them apart).
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from marsad import nlp
from marsad.extract import extract
from marsad.extract.lexicon import load_lexicon
from marsad.extract.triggers import find_triggers
from marsad.learn import labels
from marsad.plover import plover_family
from marsad.records import Article
from marsad.resolve import load_actor_names


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--misses", type=Path, help="write every missed sentence here (JSON Lines)")
    parser.add_argument("--model", action="store_true", help="with the learned layer deciding")
    args = parser.parse_args(argv)
    paths = args.files or labels.data_files()
    judge = None
    if args.model:
        from marsad.learn import model

        judge = model.load()
    pipe = nlp.load()
    totals: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    by_type: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    misses = []
    for path in paths:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        events = [
            r for r in rows if r["event"] and r.get("modality") == "asserted" and not r.get("background")
        ]
        texts = [r["text"] for r in events]
        for row, doc in zip(events, pipe.pipe(texts, batch_size=64), strict=True):
            published = row.get("published") or None
            article = Article(id=row["id"], title="", body=row["text"], published=published)
            mentions = extract(doc, article, judge, actors=load_actor_names()).mentions
            main_type = row["types"][0]
            families = {plover_family(m.plover_type) for m in mentions}
            types = {m.plover_type for m in mentions}
            family_hit = plover_family(main_type) in families
            type_hit = main_type in types
            for key in (path.stem, "all"):
                totals[key]["sentences"] += 1
                totals[key]["family"] += family_hit
                totals[key]["type"] += type_hit
            by_type[main_type]["sentences"] += 1
            by_type[main_type]["family"] += family_hit
            if not family_hit:
                result = extract(doc, article, actors=load_actor_names())
                why = _why(doc, main_type, result.rejections, bool(mentions))
                misses.append(
                    {
                        "file": path.stem,
                        "id": row["id"],
                        "type": main_type,
                        "why": why,
                        "got": sorted(types),
                        "triggers": sorted({m.trigger for m in mentions}),
                        "text": row["text"],
                    }
                )
    print("| file | asserted current events | family found | exact type found |")
    print("|---|---|---|---|")
    for key, count in totals.items():
        n = count["sentences"]
        print(f"| {key} | {n} | {count['family'] / n:.3f} ({count['family']}) | {count['type'] / n:.3f} |")
    print("\n| main type | sentences | family found |")
    print("|---|---|---|")
    for kind, count in sorted(by_type.items(), key=lambda kv: -kv[1]["sentences"]):
        n = count["sentences"]
        print(f"| {kind} | {n} | {count['family'] / n:.3f} |")
    if args.misses:
        with args.misses.open("w", encoding="utf-8") as out:
            for miss in misses:
                out.write(json.dumps(miss, ensure_ascii=False) + "\n")
    return 0


def _why(doc: object, main_type: str, rejections: Sequence[object], other: bool) -> str:
    """Why the rules gave no mention of the family: no trigger, or one dropped (and how)."""
    lex = load_lexicon()
    family = plover_family(main_type)
    found = [t for sent in doc.sents for t in find_triggers(sent, lex)]  # type: ignore[attr-defined]
    if any(plover_family(t.type) == family for t in found):
        reasons = sorted({str(r.reason).split(";")[0][:60] for r in rejections})  # type: ignore[attr-defined]
        return "trigger dropped: " + (", ".join(reasons) or "silently (bare reference or echo)")
    return "trigger of another family only" if other or found else "no trigger"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
