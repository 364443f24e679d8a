"""HTML pages: the overview (map, timeline, table), and pages for an event, an actor and an article."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import Any
from urllib.parse import urlencode, urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from marsad import output
from marsad.records import AGGREGATE_REASON, Event, Evidence
from marsad.sanity import review_flags
from marsad.store import EventQuery
from marsad.web import params
from marsad.web.api import events_of_article, file_name
from marsad.web.stores import open_for_request

TEMPLATES = Environment(loader=PackageLoader("marsad.web", "templates"), autoescape=select_autoescape())
PAGE_TEXT_LIMIT = 100_000  # characters of an article's text shown on one page; the API has it all


def link(url: str | None) -> str | None:
    """``url`` if it may be a link (http or https), else None: a feed's ``javascript:`` URL is no link."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in {"http", "https"} and parts.netloc else None


TEMPLATES.filters["row"] = output.event_row
TEMPLATES.filters["link"] = link
TEMPLATES.filters["file_name"] = file_name


def render(template: str, status: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(TEMPLATES.get_template(template).render(**context), status_code=status)


def not_found(message: str) -> HTMLResponse:
    return render("error.html", status=404, status_code=404, message=message)


def page_links(query: EventQuery, total: int, filters: dict[str, str]) -> dict[str, str | None]:
    limit = query.limit or params.DEFAULT_LIMIT

    def link(offset: int) -> str:
        return "?" + urlencode({**filters, "order": query.order, "offset": offset, "limit": limit})

    previous = link(max(query.offset - limit, 0)) if query.offset > 0 else None
    following = link(query.offset + limit) if query.offset + limit < total else None
    return {"previous": previous, "next": following}


def index(request: Request) -> Response:
    query = params.event_query(request.query_params)
    filters = params.filter_values(request.query_params)
    with open_for_request(request) as store:
        events = store.events(query)
        total = store.count_events(query)

    def sort_query(order: str) -> str:
        flipped = f"-{order}" if query.order == order else order
        return urlencode({**filters, "order": flipped})

    return render(
        "index.html",
        events=events,
        total=total,
        query=query,
        filters=filters,
        api_query=urlencode(filters),
        links=page_links(query, total, filters),
        plover_types=params.PLOVER_TYPES,
        sort_query=sort_query,
    )


def highlight(text: str, spans: Iterable[tuple[int, int]]) -> Markup:
    """The text, escaped, with each span wrapped in <mark>; overlapping spans are joined."""
    merged: list[list[int]] = []
    for start, end in sorted((max(s, 0), min(e, len(text))) for s, e in spans if e > s):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    parts, cursor = [], 0
    for start, end in merged:
        parts.append(escape(text[cursor:start]))
        parts.append(f'<mark class="evidence">{escape(text[start:end])}</mark>')
        cursor = end
    parts.append(escape(text[cursor:]))
    return Markup("".join(parts))


def evidence_of(event: Event, mentions: Sequence[Any]) -> list[Evidence]:
    found = [claim.evidence for claim in event.claims if claim.evidence is not None]
    found += [mention.evidence for mention in mentions if mention.id in set(event.mention_ids)]
    return found


def event_page(request: Request) -> Response:
    event_id = request.path_params["event_id"]
    with open_for_request(request) as store:
        event = store.event(event_id)
        if event is None:
            return not_found(f"There is no event with id {event_id}.")
        articles = store.articles(event.article_ids)
        mentions = store.mentions(event.article_ids)
    evidence = evidence_of(event, mentions)
    reports = [
        {
            "article": article,
            "html": highlight(
                article.body[:PAGE_TEXT_LIMIT],
                [(e.start, e.end) for e in evidence if e.article_id == article.id],
            ),
            "shortened": len(article.body) > PAGE_TEXT_LIMIT,
        }
        for article in articles
    ]
    return render(
        "event.html", event=event, row=output.event_row(event), reports=reports, review=review_flags(event)
    )


def actor_page(request: Request) -> Response:
    name = request.path_params["name"]
    with open_for_request(request) as store:
        events = store.events(EventQuery(actor=name, order="date"))
    if not events:
        return not_found(f"No events name the actor {name}.")
    folded = name.casefold()
    as_actor1 = [e for e in events if any(folded in ref.label.casefold() for ref in e.actor1)]
    as_actor2 = [e for e in events if e not in as_actor1]
    return render("actor.html", name=name, events=events, as_actor1=as_actor1, as_actor2=as_actor2)


def article_page(request: Request) -> Response:
    article_id = request.path_params["article_id"]
    with open_for_request(request) as store:
        article = store.article(article_id)
        if article is None:
            return not_found(f"There is no article with id {article_id}.")
        events = events_of_article(store, article_id)
        rejections = store.rejections(article_id)
    # Aggregate statements (period and war-wide tolls) are shown with what they count and who says so,
    # apart from the other rejections: they are facts of the article, never an event's fatalities.
    aggregates = [r for r in rejections if r.reason.startswith(AGGREGATE_REASON)]
    return render(
        "article.html",
        article=article,
        body=article.body[:PAGE_TEXT_LIMIT],
        shortened=len(article.body) > PAGE_TEXT_LIMIT,
        limit=PAGE_TEXT_LIMIT,
        events=events,
        aggregates=aggregates,
        rejections=[r for r in rejections if r not in aggregates],
    )
