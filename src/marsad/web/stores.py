"""One store connection per request: SQLite connections must not cross threads."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from starlette.requests import Request

from marsad.store import Store, open_store


@contextmanager
def open_for_request(request: Request) -> Iterator[Store]:
    store = open_store(request.app.state.db_path)
    try:
        yield store
    finally:
        store.close()
