"""The local web app: pages for people, JSON/CSV/GeoJSON under /api/ for programs."""

from __future__ import annotations

from marsad.web.app import create_app

__all__ = ["create_app"]
