"""RSS and Atom feeds: each entry is an article with its date and link."""

from __future__ import annotations

import datetime as dt
import html
import io
import logging
import re
from collections.abc import Mapping
from typing import Any

from marsad.ingest.base import IngestOptions, Item, Piece, build_article, reject, split_text
from marsad.ingest.html import hostname
from marsad.records import SourceSpan

log = logging.getLogger(__name__)

_BLOCK_END = re.compile(r"<\s*(?:br\s*/?|/\s*(?:p|div|li|h[1-6]|blockquote|tr|section|article))\s*>", re.I)
_TAG = re.compile(r"<[^>]*>")
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.I | re.S)
# "Gulf Wire - Middle East", "Example News | World": the outlet, then the feed's section.
_SECTION = re.compile(r"\s+[-|–—:]\s+")


def outlet_name(feed_title: str | None) -> str | None:
    """The outlet a feed names, without the section its title adds ("BBC News - World" -> "BBC News")."""
    name = (feed_title or "").strip()
    return _SECTION.split(name, maxsplit=1)[0].strip() or None


def strip_html(markup: str) -> list[str]:
    """Paragraphs of an HTML fragment as plain text (block ends become paragraph breaks)."""
    text = _SCRIPT.sub(" ", markup)
    text = _BLOCK_END.sub("\n\n", text)
    text = html.unescape(_TAG.sub(" ", text))
    return split_text(text.replace("\r", ""))


def _entry_date(entry: Mapping[str, Any]) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday).isoformat()
    return None


def _entry_body(entry: Mapping[str, Any]) -> list[str]:
    contents = entry.get("content") or []
    markup = contents[0].get("value", "") if contents else entry.get("summary", "")
    return strip_html(markup or "")


def read_feed(text: str, path: str, options: IngestOptions) -> list[Item]:
    """One article per entry; a feed without entries is rejected."""
    import feedparser  # imported here: only feed inputs need it

    # A stream, not a str: feedparser would fetch a str that looks like a URL, and we stay offline.
    parsed = feedparser.parse(io.BytesIO(text.encode("utf-8")))
    if not parsed.entries:
        problem = f" ({parsed.bozo_exception})" if parsed.get("bozo") else ""
        return [reject(f"feed has no entries{problem}; check that this is an RSS or Atom feed", path)]
    where = SourceSpan(path=path, start=0, end=len(text))
    outlet = outlet_name(parsed.feed.get("title"))
    items: list[Item] = []
    for number, entry in enumerate(parsed.entries, start=1):
        title = " ".join(strip_html(entry.get("title", "")))
        paragraphs = _entry_body(entry)
        link = entry.get("link") or None
        if not title and not paragraphs:
            items.append(reject(f"feed entry {number} has neither title nor text", path, text=link))
            continue
        article = build_article(
            title=title,
            pieces=[Piece(p, where) for p in paragraphs],
            fmt="feed",
            location=where,
            options=options,
            published=_entry_date(entry),
            source=outlet or options.source or hostname(link),
            url=link,
        )
        items.append(article)
    return items
