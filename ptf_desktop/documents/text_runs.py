"""Draw user text in any script with ReportLab: a font per run, shaped, bidi per line.

ReportLab has no per-character font fallback. Every piece of user text (organization
names, addresses, descriptions, notes) that goes into a PDF therefore goes through this
module, which does only that part itself:

1. :func:`text_runs` splits text, in logical (typed) order, into runs of one bundled font
   each, chosen by the characters' script (``fontTools.unicodedata``) and the fonts'
   character maps (see :data:`fonts.SCRIPT_FONTS`). Spaces, digits, punctuation and
   combining marks stay in the run around them when its font can draw them.
2. :func:`line_runs` takes ONE line (wrapping happens before, on logical text), resolves
   its bidi levels with ``python-bidi``, cuts the font runs where the level changes,
   reorders them for display (rule L2 of the Unicode bidi algorithm) and shapes each with
   HarfBuzz (:mod:`~ptf_desktop.documents.shaping`), right to left at odd levels.
3. :func:`draw_string`, :func:`write_string` and :func:`string_width` draw and measure
   such a line; :func:`fit_font_size` shrinks one to a width.

Wrapped text (:mod:`~ptf_desktop.documents.text_lines`,
:mod:`~ptf_desktop.documents.text_fitting`) is broken into lines in logical order and each
line is then reordered on its own, so the lines of a right-to-left name read top down.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from fontTools import unicodedata as script_data
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from ptf_desktop.documents import fonts
from ptf_desktop.documents.bidi_lines import base_direction, levels, reorder
from ptf_desktop.documents.glyph_writing import write_run
from ptf_desktop.documents.shaping import ShapedRun, shape

__all__ = [
    "Align",
    "Run",
    "base_direction",
    "draw_string",
    "fit_font_size",
    "font_for",
    "line_height",
    "line_runs",
    "plain_text_drawable",
    "script_of",
    "string_width",
    "text_runs",
    "write_runs",
    "write_string",
]

_SCRIPT_KEYS: dict[str, str] = {
    "Latn": "latin", "Grek": "latin", "Cyrl": "latin", "Armn": "armenian",
    "Geor": "georgian", "Hebr": "hebrew", "Arab": "arabic", "Deva": "devanagari",
    "Beng": "bengali", "Guru": "gurmukhi", "Gujr": "gujarati", "Taml": "tamil",
    "Telu": "telugu", "Knda": "kannada", "Mlym": "malayalam", "Sinh": "sinhala",
    "Thai": "thai", "Laoo": "lao", "Khmr": "khmer", "Mymr": "myanmar", "Ethi": "ethiopic",
    "Hani": "cjk", "Hira": "cjk", "Kana": "cjk", "Bopo": "cjk", "Hang": "korean",
}  # fmt: skip
"""ISO 15924 script code -> key of :data:`fonts.SCRIPT_FONTS`."""

Align = Literal["left", "right", "centre"]
"""Which point of a line of text an x coordinate names."""


@dataclass(frozen=True)
class Run:
    """A piece of text, in logical order, drawn with one font.

    Attributes:
        text: The characters, as typed.
        font: The ReportLab name of a bundled font that has a glyph for each of them
            (or, when no bundled font has one, the font that will be refused for it).
    """

    text: str
    font: str


def script_of(char: str) -> str:
    """Return the key of :data:`fonts.SCRIPT_FONTS` whose font should draw ``char``.

    Args:
        char: One character.

    Returns:
        "latin" for Latin, Greek, Cyrillic and characters of no particular script;
        otherwise the script's key ("thai", "devanagari", "cjk", ...).
    """
    if char < "\u0530":  # Latin, Greek, Cyrillic: the common case, answered fast
        return "latin"
    return _SCRIPT_KEYS.get(script_data.script(char), "latin")


def _stays_in_run(char: str) -> bool:
    """Whether ``char`` has no script of its own: spaces, digits, punctuation, marks."""
    category = unicodedata.category(char)
    return category[0] in "ZPNSM" or category in ("Cc", "Cf")


_GLYPHS: dict[str, dict[int, int]] = {}
"""Font name -> its character-to-glyph map, looked up once per font."""


def _font_has(font_name: str, char: str) -> bool:
    glyphs = _GLYPHS.get(font_name)
    if glyphs is None:
        glyphs = _GLYPHS[font_name] = dict(fonts.get_font(font_name).face.charToGlyph)
    return ord(char) in glyphs


def font_for(char: str, *, bold: bool = False, current: str | None = None) -> str | None:
    """Choose the bundled font for one character.

    Args:
        char: The character.
        bold: Choose among the bold weights.
        current: The font of the run the character follows; a space, digit, punctuation
            or combining mark stays in it when that font can draw it.

    Returns:
        The font's ReportLab name, or None when no bundled font can draw ``char``.
    """
    if current is not None and _stays_in_run(char) and _font_has(current, char):
        return current
    weight = 1 if bold else 0
    preferred = fonts.SCRIPT_FONTS[script_of(char)][weight]
    if _font_has(preferred, char):
        return preferred
    for regular_bold in fonts.SCRIPT_FONTS.values():
        if _font_has(regular_bold[weight], char):
            return regular_bold[weight]
    return None


def text_runs(text: str, *, bold: bool = False) -> list[Run]:
    """Split text into runs of one font each, in logical order.

    Args:
        text: Text in logical order, as stored (no markup).
        bold: Use the bold weight of each script's font.

    Returns:
        Runs whose concatenated text is ``text`` with control characters (tabs,
        newlines) as spaces; an empty list for an empty string. A character no bundled
        font can draw gets the preferred font of its script, which draws .notdef for it:
        :mod:`~ptf_desktop.documents.coverage` refuses such text before it is drawn.
    """
    return list(_cached_runs(text, bold))


@functools.lru_cache(maxsize=8192)
def _cached_runs(text: str, bold: bool) -> tuple[Run, ...]:
    if text.isascii() and text.isprintable():
        # The common case, and DejaVu Sans has every printable ASCII character.
        return (Run(text, fonts.BOLD_FONT if bold else fonts.BODY_FONT),) if text else ()
    cleaned = "".join(" " if unicodedata.category(c) == "Cc" else c for c in text)
    runs: list[Run] = []
    current: str | None = None
    pending: list[str] = []
    for char in cleaned:
        font = font_for(char, bold=bold, current=current)
        if font is None:
            font = current or fonts.SCRIPT_FONTS[script_of(char)][1 if bold else 0]
        if font != current and pending and current is not None:
            runs.append(Run("".join(pending), current))
            pending = []
        current = font
        pending.append(char)
    if pending and current is not None:
        runs.append(Run("".join(pending), current))
    return tuple(runs)


def line_runs(text: str, *, bold: bool = False, base: int | None = None) -> tuple[ShapedRun, ...]:
    """Shape one line of text: font runs, split by bidi level, in display order.

    Args:
        text: One line in logical order (wrap before calling this).
        bold: Use the bold weight of each script's font.
        base: The paragraph level (0 left to right, 1 right to left); by default that of
            ``text`` itself (its first strong letter).

    Returns:
        The shaped runs, left to right as they are drawn.
    """
    return _cached_line(text, bold, base_direction(text) if base is None else base)


@functools.lru_cache(maxsize=8192)
def _cached_line(text: str, bold: bool, base: int) -> tuple[ShapedRun, ...]:
    runs = _cached_runs(text, bold)
    if base == 0 and all(_is_ltr_only(run.text) for run in runs):
        return tuple(shape(run.text, run.font, bold=bold) for run in runs)
    resolved = levels("".join(run.text for run in runs), base)
    pieces: list[tuple[int, str, str]] = []  # (level, text, font) in logical order
    start = 0
    for run in runs:
        for offset, char in enumerate(run.text):
            level = resolved[start + offset]
            if pieces and pieces[-1][0] == level and pieces[-1][2] == run.font and offset:
                pieces[-1] = (level, pieces[-1][1] + char, run.font)
            else:
                pieces.append((level, char, run.font))
        start += len(run.text)
    ordered = reorder(pieces)
    return tuple(shape(text, font, rtl=level % 2 == 1, bold=bold) for level, text, font in ordered)


def _is_ltr_only(text: str) -> bool:
    """Whether no character of ``text`` can start right-to-left text (fast for most)."""
    return text.isascii() or not any(
        unicodedata.bidirectional(char) in ("R", "AL", "RLE", "RLO", "RLI") for char in text
    )


def string_width(text: str, size: float, *, bold: bool = False) -> float:
    """Measure one line of text as :func:`draw_string` draws it (shaped, kerned).

    Args:
        text: Plain user text in logical order.
        size: Font size in points.
        bold: Measure the bold weight.

    Returns:
        The width in points.
    """
    return _unit_width(text, bold) * size


@functools.lru_cache(maxsize=8192)
def _unit_width(text: str, bold: bool) -> float:
    return sum(run.advance for run in line_runs(text, bold=bold)) / 1000


def fit_font_size(
    text: str, max_width: float, size: float, *, min_size: float = 6.0, bold: bool = False
) -> float:
    """Return the largest size, at most ``size``, at which ``text`` fits ``max_width``.

    Args:
        text: Plain user text.
        max_width: The available width in points.
        size: The preferred font size.
        min_size: The smallest size to shrink to.
        bold: Measure the bold weight.

    Returns:
        ``size`` if the text fits, else the size that fits exactly, but never below
        ``min_size`` (callers wrap or truncate text that does not fit even then).
    """
    width = string_width(text, size, bold=bold)
    if width <= max_width or width == 0:
        return size
    return max(min_size, size * max_width / width)


def draw_string(
    canvas: Canvas,
    x: float,
    y: float,
    text: str,
    size: float,
    *,
    bold: bool = False,
    align: Align = "left",
) -> float:
    """Draw one line of user text on a canvas, shaped, each run in its font.

    Args:
        canvas: The ReportLab canvas.
        x: The left edge (``align="left"``), right edge or centre, in points.
        y: The baseline.
        text: Plain user text in logical order.
        size: Font size in points.
        bold: Use the bold weight of each font.
        align: Which point ``x`` is.

    Returns:
        The width drawn, in points.
    """
    text_object = canvas.beginText(0, y)
    width = write_string(text_object, x, y, text, size, bold=bold, align=align)
    canvas.drawText(text_object)
    return width


def write_string(
    text_object: PDFTextObject,
    x: float,
    y: float,
    text: str,
    size: float,
    *,
    bold: bool = False,
    align: Align = "left",
    base: int | None = None,
) -> float:
    """Write one line of user text into an open text object, shaped, each run in its font.

    Args:
        text_object: From ``canvas.beginText()``; the caller draws it with
            ``canvas.drawText`` after the last line.
        x: The left edge (``align="left"``), right edge or centre, in points.
        y: The baseline.
        text: Plain user text in logical order (one line).
        size: Font size in points.
        bold: Use the bold weight of each font.
        align: Which point ``x`` is.
        base: The paragraph's bidi level when the line is part of a wrapped paragraph.

    Returns:
        The width written, in points.
    """
    runs = line_runs(text, bold=bold, base=base)
    total = sum(run.width(size) for run in runs)
    text_object.setTextOrigin(_left(x, total, align), y)
    write_runs(text_object, runs, size)
    return total


def write_runs(text_object: PDFTextObject, runs: Iterable[ShapedRun], size: float) -> None:
    """Write shaped runs one after the other at the text object's current position."""
    for run in runs:
        write_run(text_object, run, size)


_LETTER_SHARE = 0.7
"""Share of a font's ascent-to-descent box that its letters use: Noto fonts reserve room
for stacked marks (Arabic: 2.1 em) that names rarely need; 0.7 of it keeps one line's
descenders clear of the next line's ascenders."""


def line_height(runs: Iterable[ShapedRun], size: float, leading: float) -> float:
    """The distance to the next baseline a shaped line needs.

    That is ``leading``, or more for fonts taller than the body font (Arabic, Myanmar).
    """
    extent = max((_font_extent(run.font) for run in runs), default=0.0)
    return max(leading, _LETTER_SHARE * extent * size)


@functools.lru_cache(maxsize=64)
def _font_extent(font_name: str) -> float:
    face = fonts.get_font(font_name).face
    return float(face.ascent - face.descent) / 1000


def _left(x: float, width: float, align: Align) -> float:
    if align == "right":
        return x - width
    if align == "centre":
        return x - width / 2
    return x


def plain_text_drawable(text: str, font: str) -> bool:
    """Whether ReportLab's own ``drawString`` in ``font`` draws ``text`` exactly as shaped.

    True for text of one run in ``font`` that shaping leaves as the font's character
    map draws it (no kerning, ligature or reordering); table cells can then stay plain
    strings, which is faster.
    """
    runs = line_runs(text)
    if len(runs) != 1 or runs[0].font != font or runs[0].rtl:
        return False
    face = fonts.get_font(font).face
    glyphs = runs[0].glyphs
    if len(glyphs) != len(text):
        return False
    return all(
        face.charToGlyph.get(ord(char)) == glyph.gid
        and abs(face.charWidths.get(ord(char), 0) - glyph.advance) < 0.01
        and not glyph.x_offset
        and not glyph.y_offset
        for char, glyph in zip(text, glyphs, strict=True)
    )
