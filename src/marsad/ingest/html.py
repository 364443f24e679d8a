"""HTML pages: trafilatura pulls out title, date, site name and the main text."""

from __future__ import annotations

import logging
import re
from urllib.parse import urlparse

from marsad.ingest.base import IngestOptions, Item, Piece, build_article, iso_date, normalise, reject
from marsad.ingest.dump import split_credit
from marsad.records import Caption, SourceSpan

log = logging.getLogger(__name__)


def truncation(markup: str) -> str | None:
    """Why the page looks cut off (an opened <html>/<body> never closed), or None."""
    for tag in ("html", "body"):
        opened = re.search(rf"<{tag}[\s>]", markup, re.IGNORECASE)
        if opened and not re.search(rf"</{tag}\s*>", markup, re.IGNORECASE):
            return f"<{tag}> is never closed"
    return None


def hostname(url: str | None) -> str | None:
    """The host of a URL without "www.", as a fallback outlet name."""
    if not url:
        return None
    host = urlparse(url).hostname or ""
    return host.removeprefix("www.") or None


def site_name(doc: object) -> str | None:
    """The outlet a page names for itself; a bare domain is trafilatura's own fallback, not a name."""
    name = (getattr(doc, "sitename", None) or "").strip()
    if not name or ("." in name and " " not in name):
        return None
    return name


def figure_captions(markup: str) -> list[Caption]:
    """The page's photo captions (``<figcaption>``), with their credits; trafilatura drops them."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(markup)
    except (ValueError, lxml.etree.ParserError):
        return []
    captions: list[Caption] = []
    for element in tree.iter("figcaption"):
        text = " ".join(element.text_content().split())
        caption = split_credit(text) if text else None
        if caption and caption not in captions:
            captions.append(caption)
    return captions


def read_html(
    markup: str,
    path: str,
    options: IngestOptions,
    *,
    url: str | None = None,
    fmt: str = "html",
    location: SourceSpan | None = None,
) -> list[Item]:
    """One article from an HTML page; a truncated page or one with no main text is rejected."""
    import trafilatura  # imported here: only HTML and WARC inputs need it

    where = location or SourceSpan(path=path, start=0, end=len(markup))
    cut = truncation(markup)
    if cut:
        return [reject(f"HTML page looks truncated ({cut}); download the page again", path, text=url)]
    doc = trafilatura.bare_extraction(markup, url=url, with_metadata=True, include_comments=False)
    title = (getattr(doc, "title", None) or "").strip()
    lines = [line.strip() for line in (getattr(doc, "text", None) or "").split("\n") if line.strip()]
    if lines and normalise(lines[0]) == normalise(title):
        lines = lines[1:]  # trafilatura repeats the <h1> headline as the first line of text
    captions = figure_captions(markup)
    caption_lines = {normalise(f"{c.text} ({c.credit})" if c.credit else c.text) for c in captions}
    lines = [line for line in lines if normalise(line) not in caption_lines]
    if not lines:
        return [
            reject(
                "no article text could be extracted from this HTML page (it may be truncated, "
                "empty or mostly script); check the file or save the page again",
                path,
                text=url,
            )
        ]
    page_url = url or getattr(doc, "url", None)
    source = site_name(doc) or options.source or hostname(page_url)
    article = build_article(
        title=title,
        pieces=[Piece(line, where) for line in lines],
        fmt=fmt,
        location=where,
        options=options,
        captions=captions,
        published=iso_date(getattr(doc, "date", None)),
        source=source,
        url=page_url,
    )
    return [article]
