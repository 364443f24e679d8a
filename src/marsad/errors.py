"""Errors marsad raises on purpose.

The tree::

    MarsadError
     +-- InputError      a file or line we cannot read (names the path and line)
     +-- ConfigError     a bad option, setting or data file
     +-- StoreError      the database cannot be opened or written
     +-- GoldError       an evaluation gold file is malformed

Every message names the place and says what to do about it.
"""

from __future__ import annotations


class MarsadError(Exception):
    """Base of every error marsad raises on purpose."""


class InputError(MarsadError):
    """An input file (or one line of it) cannot be read.

    >>> raise InputError("empty file; nothing to ingest", path="a.txt")
    Traceback (most recent call last):
    marsad.errors.InputError: a.txt: empty file; nothing to ingest
    """

    def __init__(self, message: str, *, path: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.reason = message
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")


class ConfigError(MarsadError):
    """An option, setting or data file is invalid."""


class StoreError(MarsadError):
    """The event store cannot be opened, migrated or written."""


class GoldError(MarsadError):
    """A gold file for evaluation is malformed."""
