"""Read a gold file of either format."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from marsad.errors import GoldError
from marsad.evaluate.gold import Gold, parse_json
from marsad.evaluate.gold_csv import parse_csv
from marsad.records import Article

log = logging.getLogger(__name__)


def load_gold(path: str | Path) -> Gold:
    """Read a gold file: marsad JSON, or ACLED-style CSV (``.csv``; ``.tsv`` for tabs).

    A file that is neither ``.csv`` nor ``.tsv`` is read as JSON when it starts with ``{``.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise GoldError(f"{path}: cannot read the gold file ({exc.strerror}); check the path") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GoldError(f"{path}: not UTF-8 text (byte {exc.start}); save the gold file as UTF-8") from exc
    digest = hashlib.sha256(raw).hexdigest()
    suffix = path.suffix.lower()
    if suffix in {".csv", ".tsv"} or not text.lstrip().startswith("{"):
        gold = parse_csv(text, str(path), digest, delimiter="\t" if suffix == ".tsv" else ",")
    else:
        gold = parse_json(text, str(path), digest)
    log.info("gold %s: %d events over %d articles", path, len(gold.events), gold.n_articles)
    return gold


def gold_articles(gold: Gold) -> list[Article] | None:
    """The texts a CSV gold carries, as Articles in row order; None for JSON gold."""
    return list(gold.articles) if gold.articles is not None else None
