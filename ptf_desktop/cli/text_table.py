"""Aligned text tables for the terminal, right for any script (wide CJK, combining marks)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from .output import safe_text


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
