"""Spreadsheet-safe CSV cells: a text that a spreadsheet would run as a formula is written as text.

Excel, LibreOffice and Google Sheets treat a cell that begins with ``=``, ``+``, ``-`` or ``@`` (and, in
some versions, a tab or carriage return) as a formula, so an outlet named ``=HYPERLINK(...)`` would be
a live link in the analyst's sheet. Such cells get a leading apostrophe, as OWASP recommends; numbers
(``-12.5``, a longitude) are left as they are.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TypeVar

V = TypeVar("V")

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?\d+(\.\d+)?([eE][+-]?\d+)?")


def safe_cell(value: str) -> str:
    """``value``, with an apostrophe in front if a spreadsheet would read it as a formula."""
    if value.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(value):
        return "'" + value
    return value


def safe_row(row: Mapping[str, V]) -> dict[str, V | str]:
    """Every text cell of ``row`` made safe; other values unchanged."""
    return {key: safe_cell(value) if isinstance(value, str) else value for key, value in row.items()}
