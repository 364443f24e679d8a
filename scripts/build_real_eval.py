"""Pick the texts of the real-news gold sets from ../shared/corpora, deterministically.

    python scripts/build_real_eval.py [--corpora ../shared/corpora]

Writes eval/real/articles.jsonl (all Wikinews conflict articles, then 110 Portal:Current events items) and
eval/real-holdout/articles.jsonl (45 further Current events items). The choice is a seeded shuffle within each
top-level category of the portal, with at least half of each category's picks from the Middle East and North
Africa. Rerunning gives the same files; the gold refers to articles by line number, so never reorder.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

# Words that place a Current-events item in the Middle East and North Africa (for the selection quota only).
MENA = re.compile(
    r"\b(Gaza|Israel\w*|Palestin\w*|West Bank|Hamas|Hezbollah|Leban\w*|Syria\w*|Iraq\w*|Iran\w*|Yemen\w*|"
    r"Houthi\w*|Saudi\w*|Jordan\w*|Egypt\w*|Libya\w*|Tunisia\w*|Algeria\w*|Morocc\w*|Sudan\w*|Turkey|Turkish|Kurd\w*|"
    r"Qatar\w*|Kuwait\w*|Bahrain\w*|Oman\w*|Emirat\w*|UAE|Damascus|Baghdad|Beirut|Tehran|Aleppo|Sanaa|Khartoum|"
    r"Darfur|Rafah|Khan Yunis|Jerusalem)\b"
)
QUOTAS = {  # dev, holdout picks per top-level category of the portal
    "Armed conflicts and attacks": (50, 20),
    "Law and crime": (25, 10),
    "International relations": (25, 10),
    "Politics and elections": (10, 5),
}
SEED = 20261207


def wikinews_record(item: dict[str, object]) -> dict[str, object]:
    return {
        "title": item["title"],
        "body": item["body"],
        "published": item["published"],
        "url": item["url"],
        "source": "Wikinews",
        "corpus_id": item["id"],
        "licence": "CC BY 2.5, Wikinews contributors",
    }


def current_events_record(item: dict[str, object]) -> dict[str, object]:
    section = str(item["title"])
    return {
        # The portal has no headlines: the last step of its category path stands in for one.
        "title": section.split(" > ")[-1],
        "body": item["body"],
        "published": item["published"],
        "url": item["url"],
        "source": "Wikipedia Portal:Current events",
        "section": section,
        "corpus_id": item["id"],
        "licence": "CC BY-SA 4.0, Wikipedia contributors",
    }


def pick(
    items: list[dict[str, object]], rng: random.Random
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    dev: list[dict[str, object]] = []
    holdout: list[dict[str, object]] = []
    for category, (n_dev, n_holdout) in QUOTAS.items():
        pool = [i for i in items if str(i["title"]).split(" > ")[0] == category]
        rng.shuffle(pool)
        mena = [i for i in pool if MENA.search(f"{i['title']} {i['body']}")]
        other = [i for i in pool if i not in mena]
        for n, out in ((n_dev, dev), (n_holdout, holdout)):
            n_mena = (n + 1) // 2 + n // 5  # a clear majority from the region, as the users read
            out.extend(mena[:n_mena] + other[: n - n_mena])
            del mena[:n_mena], other[: n - n_mena]
    return dev, holdout


def without_repeats(records: list[dict[str, object]]) -> list[dict[str, object]]:
    """The records minus later ones whose title and body repeat an earlier one (ingest drops those too)."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for record in records:
        key = (str(record["title"]), " ".join(str(record["body"]).split()))
        if key not in seen:
            seen.add(key)
            kept.append(record)
    return kept


def write(path: Path, records: list[dict[str, object]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpora", type=Path, default=Path("../shared/corpora"))
    args = parser.parse_args()
    read = lambda name: [json.loads(line) for line in (args.corpora / name).open(encoding="utf-8")]  # noqa: E731
    wikinews = read("wikinews-conflict.jsonl")
    current = read("wikipedia-current-events.jsonl")
    dev, holdout = pick(current, random.Random(SEED))
    by_date = lambda r: (str(r["published"]), str(r["id"]))  # noqa: E731
    dev_records = without_repeats(
        [wikinews_record(i) for i in wikinews] + [current_events_record(i) for i in sorted(dev, key=by_date)]
    )
    holdout_records = without_repeats([current_events_record(i) for i in sorted(holdout, key=by_date)])
    write(Path("eval/real/articles.jsonl"), dev_records)
    write(Path("eval/real-holdout/articles.jsonl"), holdout_records)
    print(f"eval/real: {len(dev_records)} texts; eval/real-holdout: {len(holdout_records)} texts")


if __name__ == "__main__":
    main()
