"""Aligned text tables for the terminal, right for any script (wide CJK, combining marks).

``print_listing`` is how every ``list`` command prints: JSON when asked, a line saying
there is nothing, or the table and a count.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Collection, Sequence
from typing import Any, TypeVar

from .output import safe_text

Row = TypeVar("Row")


def print_listing(
    rows: Sequence[Row],
    *,
    headers: Sequence[str],
    cells: Callable[[Row], Sequence[str]],
    right: Collection[int] = (),
    empty: str = "",
    noun: str = "",
    as_json: Callable[[Row], Any] | None = None,
) -> int:
    """Print rows as JSON (when ``as_json`` is given), else as a table; returns exit status 0.

    Args:
        rows: what is listed.
        headers: the column titles.
        cells: a row's cells, as text.
        right: indexes of the columns aligned right (amounts).
        empty: printed instead of the table when there are no rows (default "No <noun>s.").
        noun: when given, "N <noun>(s)" is printed after the table.
        as_json: a row as a JSON value; the rows are printed as one JSON array.
    """
    if as_json is not None:
        print(json.dumps([as_json(row) for row in rows], ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print(empty or f"No {noun}s.")
        return 0
    print_table(headers, [cells(row) for row in rows], right=set(right))
    if noun:
        print(f"{len(rows)} {noun}(s)")
    return 0


def print_table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: set[int]) -> None:
    """Print rows under headers, columns padded to their widest cell.

    Args:
        headers: the column titles.
        rows: the cells, already text.
        right: indexes of the columns aligned right (amounts).
    """
    cells = [[visible(text) for text in row] for row in rows]
    widths = [max(width(line[i]) for line in [list(headers), *cells]) for i in range(len(headers))]
    for line in [list(headers), *cells]:
        padded = (pad(text, widths[i], i in right) for i, text in enumerate(line))
        print("  ".join(padded).rstrip())


def visible(text: str) -> str:
    """Control characters (a tab in a name) shown escaped, so the columns stay aligned."""
    return safe_text(text)


def width(text: str) -> int:
    """Terminal columns: wide East Asian characters take two, combining marks none."""
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def pad(text: str, size: int, right: bool) -> str:
    """Pad text with spaces to ``size`` terminal columns."""
    padding = " " * (size - width(text))
    return padding + text if right else text + padding
