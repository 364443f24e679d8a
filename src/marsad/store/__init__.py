"""The event store: articles, mentions, events, claims, actors, places and rejections in SQLite.

>>> with open_store(":memory:") as store:
...     store.schema_version()
2
"""

from __future__ import annotations

from marsad.store.db import Store, open_store
from marsad.store.migrations import MIGRATIONS, Migrations
from marsad.store.queries import ORDERS, EventQuery

__all__ = ["MIGRATIONS", "ORDERS", "EventQuery", "Migrations", "Store", "open_store"]
