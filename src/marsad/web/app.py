"""The Starlette application: routes, static files, and one error body for every error.

No page requests anything off the machine: scripts, styles and the country boundaries are all served here.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path

import anyio
import anyio.to_thread
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from marsad.errors import MarsadError, StoreError
from marsad.store.postgres import is_postgres_url
from marsad.web import api, pages
from marsad.web.guard import Guard, allowed_hosts
from marsad.web.params import BadRequest

log = logging.getLogger(__name__)

Endpoint = Callable[[Request], Awaitable[Response]]
Handler = Callable[[Request], Response]

DEFAULT_TIMEOUT = 30.0  # seconds a request may take before it gets a 503


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def error(request: Request, status: int, message: str) -> Response:
    if wants_json(request):
        return api.error_response(status, message)
    return pages.render("error.html", status=status, status_code=status, message=message)


async def on_bad_request(request: Request, exc: Exception) -> Response:
    return error(request, 400, str(exc))


async def on_http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return error(request, exc.status_code, str(exc.detail))


async def on_marsad_error(request: Request, exc: Exception) -> Response:
    status = 503 if isinstance(exc, StoreError) else 400
    return error(request, status, str(exc))


async def on_unexpected(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error on %s", request.url.path)
    return error(request, 500, "internal error; the server log has the details")


def threaded(handler: Handler) -> Endpoint:
    """``handler`` run in a worker thread, within the app's time limit.

    Store calls block; in a thread they cannot stall the event loop, so one slow query does not
    hold up every other request. Past the limit the client gets a 503 at once (the thread is
    left to finish on its own and its result is dropped).
    """

    async def endpoint(request: Request) -> Response:
        limit: float = request.app.state.request_timeout
        try:
            with anyio.fail_after(limit):
                return await anyio.to_thread.run_sync(handler, request, abandon_on_cancel=True)
        except TimeoutError:
            log.warning("%s took longer than %g s; answered 503", request.url.path, limit)
            return error(
                request,
                503,
                f"the request took longer than {limit:g} s and was stopped; "
                "narrow it with filters or a smaller limit",
            )

    return endpoint


def list_route(path: str, handler: Handler, suffixes: Iterable[str] = api.TABLE_SUFFIXES) -> list[Route]:
    """A list served as JSON at ``path`` and as files at ``path`` plus one of ``suffixes`` (``.csv``, ...)."""
    endpoint = threaded(handler)
    return [Route(path, endpoint), Route(path + "{suffix:path}", suffix_guard(endpoint, frozenset(suffixes)))]


def suffix_guard(endpoint: Endpoint, suffixes: frozenset[str]) -> Endpoint:
    async def guarded(request: Request) -> Response:
        if request.path_params.get("suffix") not in suffixes:
            raise HTTPException(404, f"no such resource: {request.url.path}")
        return await endpoint(request)

    return guarded


def create_app(
    db_path: str | Path,
    *,
    host: str = "127.0.0.1",
    allow_hosts: Iterable[str] = (),
    token: str | None = None,
    request_timeout: float = DEFAULT_TIMEOUT,
) -> Starlette:
    """The app over ``db_path``, a SQLite file or a ``postgresql://`` URL (opened per request).

    ``host`` is the address the server is bound to; requests naming another host than it, a
    loopback name or one of ``allow_hosts`` are refused. With ``token`` every request must carry
    it (see :mod:`marsad.web.guard`).
    """
    if not is_postgres_url(str(db_path)) and not Path(db_path).exists():
        raise StoreError(f"{db_path}: no such database; create it with `marsad run PATH` or `marsad demo`")
    static = Path(__file__).parent / "static"
    routes = [
        Route("/", threaded(pages.index)),
        Route("/events/{event_id}", threaded(pages.event_page)),
        Route("/actors/{name:path}", threaded(pages.actor_page)),
        Route("/articles/{article_id}", threaded(pages.article_page)),
        Route("/brief", threaded(pages.brief_page)),
        # item routes first: "/api/events/ID" must not be read as a suffix of "/api/events"
        Route("/api/events/{event_id}", threaded(api.get_event)),
        Route("/api/actors/{name:path}", threaded(api.get_actor)),
        Route("/api/articles/{article_id}", threaded(api.get_article)),
        *list_route("/api/events", api.list_events, api.DOWNLOADS),
        *list_route("/api/actors", api.list_actors),
        *list_route("/api/articles", api.list_articles),
        Route("/api/stats", threaded(api.get_stats)),
        Route("/api/openapi.json", threaded(api.get_openapi)),
        Mount("/static", StaticFiles(directory=static), name="static"),
    ]
    app = Starlette(
        routes=routes,
        exception_handlers={
            BadRequest: on_bad_request,
            HTTPException: on_http_error,
            MarsadError: on_marsad_error,
            Exception: on_unexpected,
        },
    )
    app.state.db_path = str(db_path)
    app.state.request_timeout = request_timeout
    app.add_middleware(Guard, hosts=allowed_hosts(host, allow_hosts), token=token)
    return app
