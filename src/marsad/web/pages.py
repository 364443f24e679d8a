"""HTML pages: the overview (map, timeline, table), and pages for an event, an actor and an article."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from html import escape
from typing import Any
from urllib.parse import urlencode, urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from marsad import output
from marsad.not_actors import is_shown
from marsad.records import AGGREGATE_REASON, Article, Event, Evidence
from marsad.sanity import review_flags
from marsad.store import EventQuery
from marsad.store.queries import MODALITIES
from marsad.web import params
from marsad.web.api import actor_events, events_of_article, file_name, plays_actor1
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
TEMPLATES.tests["shown_actor"] = is_shown
# The overview's download links: label, path. Each carries the page's filter and no limit.
DOWNLOAD_LINKS = (
    ("CSV", "/api/events.csv"),
    ("ACLED CSV", "/api/events.acled.csv"),
    ("GeoJSON", "/api/events.geojson"),
    ("JSON Lines", "/api/events.jsonl"),
    ("Parquet", "/api/events.parquet"),
)


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
    params.check_names(request.query_params, params.EVENT_PARAMETERS)
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
        modalities=MODALITIES,
        background=params.background_choice(request.query_params),
        downloads=DOWNLOAD_LINKS,
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


def claim_rows(event: Event, articles: Sequence[Article]) -> list[dict[str, Any]]:
    """One row per distinct claim: outlet (the article it was read in), speaker, figures, evidence."""
    outlets = {article.id: article.source or "unknown outlet" for article in articles}
    rows: dict[tuple[Any, ...], dict[str, Any]] = {}
    for claim in event.claims:
        evidence = claim.evidence
        row = {
            "outlet": outlets.get(evidence.article_id, "") if evidence else "",
            "article_id": evidence.article_id if evidence else None,
            "speaker": claim.source,
            "speaks_for": claim.source_org or "",
            "figures": "; ".join(f"{f.kind.value}: {output.claim_figure_text(f)}" for f in claim.figures),
            "weapons": ", ".join(claim.weapons),
            "evidence": evidence.text if evidence else "",
        }
        key = tuple(value for name, value in row.items() if name != "article_id")
        rows.setdefault(key, row)
    return list(rows.values())


def event_page(request: Request) -> Response:
    params.check_names(request.query_params, ())
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
        "event.html",
        event=event,
        row=output.event_row(event),
        reports=reports,
        claims=claim_rows(event, articles),
        review=review_flags(event),
    )


def actor_page(request: Request) -> Response:
    params.check_names(request.query_params, ())
    name = request.path_params["name"]
    events = actor_events(request, name)
    if not events:
        return not_found(f"No events name the actor {name}.")
    as_actor1 = [e for e in events if plays_actor1(e, name)]
    as_actor2 = [e for e in events if e not in as_actor1]
    return render("actor.html", name=name, events=events, as_actor1=as_actor1, as_actor2=as_actor2)


def article_page(request: Request) -> Response:
    params.check_names(request.query_params, ())
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


def brief_page(request: Request) -> Response:
    """``/brief?date=YYYY-MM-DD[&country=]``: the daily brief, the same content as `marsad brief`."""
    from marsad import brief as briefing

    params.check_names(request.query_params, ("date", "country"))
    day = params.date_param(request.query_params, "date")
    country = params.text_param(request.query_params, "country")
    with open_for_request(request) as store:
        if day is None:  # the latest day with an event, so the menu's link shows something
            latest = store.events(EventQuery(order="-date", limit=1, include_background=False))
            day = next((e.date.date for e in latest if e.date.date and len(e.date.date) == 10), None)
            day = day or dt.date.today().isoformat()
        result = briefing.build_brief(store, day, country=country)
    return render("brief.html", day=day, country=country, body=Markup(briefing.render_html_body(result)))
