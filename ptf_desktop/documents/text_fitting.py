"""Fit a line of user text into a box: shrink first, then wrap, never overflow.

Used for the member's name on a certificate and in letters. Wrapping works on the text
in logical order (before any bidi reordering), so each wrapped line of a right-to-left
name is reordered on its own and reads correctly. Text without spaces (Chinese,
Japanese) wraps between characters.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ptf_desktop.documents import text_runs

__all__ = ["FittedText", "display_text", "fit_text", "string_width", "wrap_text"]

_SPACE = re.compile(r"\s+")
_DESCENT = 0.25
"""Depth of descenders below the baseline, as a share of the font size (generous)."""


@dataclass(frozen=True)
class FittedText:
    """Lines of text and the font size at which they fit.

    Attributes:
        lines: the lines, top to bottom, in logical order.
        size: font size in points.
        leading: distance between baselines in points.
    """

    lines: tuple[str, ...]
    size: float
    leading: float

    @property
    def height(self) -> float:
        """Height of the block from the top of the first line to the last descender."""
        return self.size * (1 + _DESCENT) + (len(self.lines) - 1) * self.leading


@functools.lru_cache(maxsize=4096)
def _unit_width(text: str, bold: bool) -> float:
    return text_runs.string_width(text, 1.0, bold=bold)


def string_width(text: str, size: float, *, bold: bool = False) -> float:
    """Width of text at ``size``, as ``text_runs.string_width`` measures it.

    Widths scale linearly with the size, so each text is split into font runs and
    measured once; fitting tries many sizes and line breaks of the same words.
    """
    return _unit_width(text, bold) * size


def display_text(text: str) -> str:
    """Return text as it is printed: white space runs (tabs too) become one space.

    A tab or a run of spaces has no glyph; the recorded value itself is not changed.
    """
    return _SPACE.sub(" ", text).strip()


def _split_long_word(word: str, width: float, size: float, bold: bool) -> list[str]:
    pieces: list[str] = []
    current = ""
    for char in word:
        if current and string_width(current + char, size, bold=bold) > width:
            pieces.append(current)
            current = char
        else:
            current += char
    if current:
        pieces.append(current)
    return pieces


def wrap_text(text: str, width: float, size: float, *, bold: bool = False) -> list[str]:
    """Break text into lines no wider than ``width`` at ``size``.

    Args:
        text: the text (white space already collapsed).
        width: the available width in points.
        size: font size in points.
        bold: measure the bold weight.

    Returns:
        The lines; a word wider than a line is broken between characters.
    """
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if string_width(candidate, size, bold=bold) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        if string_width(word, size, bold=bold) <= width:
            current = word
        else:
            *full, current = _split_long_word(word, width, size, bold)
            lines.extend(full)
    if current:
        lines.append(current)
    return lines


def fit_text(
    text: str,
    width: float,
    height: float,
    *,
    size: float,
    single_line_min: float,
    min_size: float = 8.0,
    bold: bool = False,
    leading_ratio: float = 1.2,
) -> FittedText:
    """Fit text into a ``width`` x ``height`` box.

    The text stays on one line while it fits at ``single_line_min`` or larger; then it
    wraps, at the largest size (from ``size`` down to ``min_size``) whose lines all fit
    the box. Below that the one line shrinks to whatever fits, so the text never leaves
    the box.

    Args:
        text: the text to fit (white space is collapsed for display).
        width: box width in points.
        height: box height in points.
        size: preferred (largest) font size.
        single_line_min: smallest size at which a single line is preferred to wrapping.
        min_size: smallest size for wrapped text.
        bold: measure the bold weight.
        leading_ratio: line distance as a multiple of the size.

    Returns:
        The lines and the size.
    """
    text = display_text(text)
    # Even a single short line must fit the box's height.
    size = min(size, height / (1 + _DESCENT))
    one_line = string_width(text, size, bold=bold)
    if one_line <= width:
        return FittedText((text,), size, size * leading_ratio)
    shrunk = size * width / one_line
    if shrunk >= single_line_min and shrunk * (1 + _DESCENT) <= height:
        return FittedText((text,), shrunk, shrunk * leading_ratio)
    candidate = min(size, height / (1 + _DESCENT))
    while candidate >= min_size:
        lines = wrap_text(text, width, candidate, bold=bold)
        fitted = FittedText(tuple(lines), candidate, candidate * leading_ratio)
        if fitted.height <= height:
            return fitted
        candidate -= 0.5
    lines = wrap_text(text, width, min_size, bold=bold)
    # Even the smallest wrapped size is too tall: shrink the wrapped block uniformly.
    scale = height / FittedText(tuple(lines), min_size, min_size * leading_ratio).height
    final = min_size * scale
    return FittedText(tuple(lines), final, final * leading_ratio)
