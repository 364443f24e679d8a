"""Build the real-text merge sets from hand-annotated gold clusters over ../shared/corpora items.

    python scripts/build_real_merge.py --dev /tmp/merge/clusters-dev.json \\
        --holdout /tmp/merge/clusters-holdout.json [--corpora ../shared/corpora]

Each annotation file is ``{"clusters": [{"id", "description", "items": [{"corpus_id", "role"}]}],
"near_misses": [{"a", "b", "why"}]}`` (a near miss names cluster ids or corpus ids). For each, this writes
into ``eval/real-merge/`` (dev) and ``eval/real-merge-holdout/``:

- ``articles.jsonl``: the listed items, whole, in corpus order (``corpus_id``, ``title``, ``body``,
  ``published``, ``url``, ``licence``): what ``marsad eval-merge`` runs through the pipeline;
- ``gold-clusters.json``: the clusters in ``marsad eval-merge``'s format, members named by file and
  ``corpus_id`` (portal titles are category paths, shared by many items); near misses as item lists;
- ``manifest.toml``: one input, the JSON Lines file (each record carries its publication date).

The README of each folder (licences and attribution) is written by hand. Rerunning gives the same files.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FILE = "articles.jsonl"
FIELDS = ("title", "body", "published", "url", "licence")


def load_corpora(folder: Path) -> dict[str, dict[str, Any]]:
    """Every item of the corpora by id, in file order (Wikinews first, then the portal)."""
    items: dict[str, dict[str, Any]] = {}
    for name in ("wikinews-conflict.jsonl", "wikipedia-current-events.jsonl"):
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                items[record["id"]] = record
    return items


def side(name: str, clusters: dict[str, dict[str, Any]]) -> list[str]:
    """A near miss's side as corpus ids: a cluster's reports, or the one item named."""
    if name in clusters:
        return [i["corpus_id"] for i in clusters[name]["items"] if i.get("role", "report") == "report"]
    return [name]


def build(annotation: Path, corpora: dict[str, dict[str, Any]], out: Path, split: str) -> dict[str, int]:
    data = json.loads(annotation.read_text(encoding="utf-8"))
    clusters = {c["id"]: c for c in data["clusters"]}
    near = [
        {"file": FILE, "a": side(p["a"], clusters), "b": side(p["b"], clusters), "why": p.get("why", "")}
        for p in data.get("near_misses", [])
    ]
    wanted = {i["corpus_id"] for c in data["clusters"] for i in c["items"]}
    wanted |= {i for p in near for i in (*p["a"], *p["b"])}
    missing = sorted(wanted - corpora.keys())
    if missing:
        raise SystemExit(f"{annotation}: items not in the corpora: {', '.join(missing[:5])}")
    order = [key for key in corpora if key in wanted]
    out.mkdir(parents=True, exist_ok=True)
    with (out / FILE).open("w", encoding="utf-8") as handle:
        for key in order:
            record = {"corpus_id": key, **{f: corpora[key].get(f) for f in FIELDS}}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    gold = {
        "about": (
            f"Real-text merge set ({split}; issue 18): clusters of ../shared/corpora items that report one "
            "happening, annotated by hand (role 'report' describes it, 'passing mention' only names it). "
            "A one-item cluster is a distractor that must stay apart. near_misses: different happenings "
            "that must not be merged (sides as corpus ids). Built by scripts/build_real_merge.py. "
            + ("Never tune on this part." if split == "holdout" else "Tune on this part.")
        ),
        "clusters": [
            {
                "id": c["id"],
                "description": c.get("description", ""),
                "mentions": [
                    {"file": FILE, "corpus_id": i["corpus_id"], "role": i.get("role", "report")}
                    for i in c["items"]
                ],
            }
            for c in data["clusters"]
        ],
        "near_misses": near,
    }
    (out / "gold-clusters.json").write_text(
        json.dumps(gold, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    (out / "manifest.toml").write_text(
        f"# The {split} real-text merge set as `marsad eval-merge` reads it: one JSON Lines file whose\n"
        "# records carry their publication dates (Portal:Current events day, Wikinews date).\n\n"
        f'[[input]]\npath = "{FILE}"\n',
        encoding="utf-8",
    )
    return {"items": len(order), "clusters": len(clusters), "near_misses": len(near)}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dev", type=Path, required=True, help="annotated clusters of the development part")
    parser.add_argument("--holdout", type=Path, required=True, help="annotated clusters of the holdout part")
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    args = parser.parse_args()
    corpora = load_corpora(args.corpora)
    for split, annotation, folder in (
        ("dev", args.dev, ROOT / "eval" / "real-merge"),
        ("holdout", args.holdout, ROOT / "eval" / "real-merge-holdout"),
    ):
        counts = build(annotation, corpora, folder, split)
        print(f"{folder.relative_to(ROOT)}: {counts}")


if __name__ == "__main__":
    main()
