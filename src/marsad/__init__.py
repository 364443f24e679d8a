"""marsad: raw news text in, traceable political-event data out."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
