"""Draw user text in any script with ReportLab: runs per font, shaping, bidi, escaping.

ReportLab has no per-character font fallback and no Arabic shaping, and its Paragraph
parses a markup language. Every piece of user text (organization names, addresses,
descriptions, notes) that goes into a PDF therefore goes through this module:

1. :func:`visual_text` shapes Arabic (``arabic-reshaper``: letters become their joined
   presentation forms) and reorders right-to-left text for display (``python-bidi``).
   Left-to-right text is returned unchanged.
2. :func:`text_runs` splits the visual text into runs, each with a bundled font that has
   a glyph for every character of the run (see :data:`fonts.SCRIPT_FONTS`). Neutral
   characters (spaces, digits, punctuation) stay in the run around them when its font
   can draw them.
3. :func:`paragraph_markup` escapes each run for Paragraph markup (``&``, ``<``, ``>``,
   quotes) and wraps it in ``<font name=...>``; :func:`make_paragraph`,
   :func:`draw_string`, :func:`string_width` and :func:`fit_font_size` build on it.

Reordering happens per string, before any line wrapping, which is right for names and
one-line texts. A right-to-left text long enough to wrap would get its lines in the
wrong order; documents keep such texts to one line (:func:`fit_font_size`).
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Paragraph

from ptf_desktop.documents import fonts

__all__ = [
    "Run",
    "draw_string",
    "escape_markup",
    "fit_font_size",
    "make_paragraph",
    "paragraph_markup",
    "script_of",
    "string_width",
    "text_runs",
    "visual_text",
    "write_string",
]

_SCRIPT_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0590, 0x05FF, "hebrew"),
    (0x0600, 0x06FF, "arabic"),
    (0x0750, 0x077F, "arabic"),
    (0x08A0, 0x08FF, "arabic"),
    (0x0900, 0x097F, "devanagari"),
    (0x1100, 0x11FF, "korean"),  # Hangul Jamo
    (0x2E80, 0x2FDF, "cjk"),  # CJK radicals
    (0x3000, 0x30FF, "cjk"),  # CJK punctuation, hiragana, katakana
    (0x3100, 0x312F, "cjk"),  # bopomofo
    (0x3130, 0x318F, "korean"),  # Hangul compatibility jamo
    (0x3190, 0x9FFF, "cjk"),  # kanbun, CJK ideographs
    (0xA960, 0xA97F, "korean"),  # Hangul Jamo extended A
    (0xA8E0, 0xA8FF, "devanagari"),
    (0xAC00, 0xD7FF, "korean"),  # Hangul syllables, Jamo extended B
    (0xF900, 0xFAFF, "cjk"),  # CJK compatibility ideographs
    (0xFB1D, 0xFB4F, "hebrew"),
    (0xFB50, 0xFDFF, "arabic"),  # presentation forms A
    (0xFE70, 0xFEFF, "arabic"),  # presentation forms B (0xFEFF is handled as neutral)
    (0xFF00, 0xFFEF, "cjk"),  # half- and full-width forms
)
"""Code point ranges whose characters need a script font; everything else is "latin"."""

_FALLBACK_ORDER: tuple[str, ...] = ("latin", "cjk", "korean", "arabic", "hebrew", "devanagari")
"""Scripts whose fonts are tried, in this order, when the preferred font lacks a glyph."""

Align = Literal["left", "right", "centre"]
"""Which point of a line of text an x coordinate names."""

_RTL_SCRIPTS = frozenset({"arabic", "hebrew"})


@dataclass(frozen=True)
class Run:
    """A piece of visual-order text drawn with one font.

    Attributes:
        text: The characters, in display order (already shaped and reordered).
        font: The ReportLab name of a bundled font that has a glyph for each of them.
    """

    text: str
    font: str


def script_of(char: str) -> str:
    """Return the script whose font should draw ``char``.

    Args:
        char: One character.

    Returns:
        One of the keys of :data:`fonts.SCRIPT_FONTS`; "latin" for Latin, Greek,
        Cyrillic and everything DejaVu Sans covers.
    """
    code = ord(char)
    if code < 0x0590:  # Latin, Greek, Cyrillic, Armenian: the common case, answered fast
        return "latin"
    for low, high, script in _SCRIPT_RANGES:
        if low <= code <= high:
            return script
    return "latin"


def _is_neutral(char: str) -> bool:
    """Whether ``char`` belongs to no script: spaces, digits, punctuation, symbols."""
    category = unicodedata.category(char)
    return category[0] in "ZPNS" or category == "Cc"


def _has_rtl(text: str) -> bool:
    return any(script_of(char) in _RTL_SCRIPTS for char in text)


def visual_text(text: str) -> str:
    """Shape Arabic and reorder right-to-left text into display order.

    Text without Arabic or Hebrew letters is returned unchanged.

    Args:
        text: Text in logical (typed) order.

    Returns:
        The text in left-to-right display order, Arabic letters as presentation forms.
    """
    if not _has_rtl(text):
        return text
    import arabic_reshaper
    from bidi import get_display

    shaped = arabic_reshaper.reshape(text)
    return str(get_display(shaped))


_GLYPHS: dict[str, dict[int, int]] = {}
"""Font name -> its character-to-glyph map, looked up once per font."""


def _font_has(font_name: str, char: str) -> bool:
    glyphs = _GLYPHS.get(font_name)
    if glyphs is None:
        glyphs = _GLYPHS[font_name] = fonts.get_font(font_name).face.charToGlyph
    return ord(char) in glyphs


def _font_for(char: str, script: str, bold: bool, current: str | None) -> str:
    """Choose the font for one character: the current run's, the script's, any that fits."""
    if current is not None and _is_neutral(char) and _font_has(current, char):
        return current
    weight = 1 if bold else 0
    preferred = fonts.SCRIPT_FONTS[script][weight]
    if _font_has(preferred, char):
        return preferred
    for other in _FALLBACK_ORDER:
        candidate = fonts.SCRIPT_FONTS[other][weight]
        if _font_has(candidate, char):
            return candidate
    # No bundled font has it: the body font draws its "missing" box, and the PDF
    # checks (tofu) report it rather than the text silently vanishing.
    return preferred


def text_runs(text: str, *, bold: bool = False) -> list[Run]:
    """Split text into runs of one font each, in display order.

    Results are cached: documents measure, then draw, the same strings, and a batch of
    invoices repeats the seller's lines and every label.

    Args:
        text: Text in logical order, as stored (no markup).
        bold: Use the bold weight of each script's font.

    Returns:
        Runs whose concatenated text is :func:`visual_text` of ``text``; an empty list
        for an empty string. Control characters (tabs, newlines) become spaces.
    """
    return list(_cached_runs(text, bold))


@functools.lru_cache(maxsize=8192)
def _cached_runs(text: str, bold: bool) -> tuple[Run, ...]:
    return tuple(_split_runs(text, bold))


def _split_runs(text: str, bold: bool) -> list[Run]:
    if text.isascii() and text.isprintable():
        # The common case, and DejaVu Sans has every printable ASCII character.
        fonts.register_fonts()
        return [Run(text, fonts.BOLD_FONT if bold else fonts.BODY_FONT)] if text else []
    cleaned = "".join(" " if unicodedata.category(c) == "Cc" else c for c in text)
    visual = visual_text(cleaned)
    runs: list[Run] = []
    current: str | None = None
    pending: list[str] = []
    for char in visual:
        if char == "\ufeff":  # zero-width no-break space: invisible, no glyph needed
            continue
        font = _font_for(char, script_of(char), bold, current)
        if font != current and pending:
            runs.append(Run("".join(pending), current or font))
            pending = []
        current = font
        pending.append(char)
    if pending and current is not None:
        runs.append(Run("".join(pending), current))
    return runs


def escape_markup(text: str) -> str:
    """Escape text for ReportLab's Paragraph markup.

    Unescaped, ``AT&T`` renders wrongly, ``R&D <b>Labs`` raises, ``<Holding>`` vanishes
    and ``<img src=...>`` makes ReportLab open a local file.

    Args:
        text: Plain text.

    Returns:
        The text with ``&``, ``<``, ``>`` and both quotes as character entities.
    """
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def paragraph_markup(text: str, *, bold: bool = False) -> str:
    """Return Paragraph markup that shows ``text`` exactly, in the right fonts.

    Args:
        text: Plain user text in logical order.
        bold: Use the bold weight of each font.

    Returns:
        Markup of ``<font name="...">escaped run</font>`` elements.
    """
    return "".join(
        f'<font name="{run.font}">{escape_markup(run.text)}</font>'
        for run in text_runs(text, bold=bold)
    )


def make_paragraph(
    text: str | Sequence[str],
    style: ParagraphStyle,
    *,
    bold: bool = False,
) -> Paragraph:
    """Build a Paragraph that shows user text in any script.

    Args:
        text: Plain user text, or several texts shown as separate lines (an address).
        style: The paragraph style; its ``fontName`` should be a bundled font.
        bold: Use the bold weight of each font.

    Returns:
        A Paragraph with escaped, font-tagged markup.
    """
    parts = [text] if isinstance(text, str) else list(text)
    markup = "<br/>".join(paragraph_markup(part, bold=bold) for part in parts)
    return Paragraph(markup, style)


def string_width(text: str, size: float, *, bold: bool = False) -> float:
    """Measure text as :func:`draw_string` draws it.

    Args:
        text: Plain user text in logical order.
        size: Font size in points.
        bold: Measure the bold weight.

    Returns:
        The width in points.
    """
    return _measured(text, size, bold)[1]


@functools.lru_cache(maxsize=8192)
def _measured(text: str, size: float, bold: bool) -> tuple[tuple[Run, ...], float]:
    """The runs of ``text`` and their total width at ``size``, cached.

    Documents measure a string, then draw it, and a batch of documents repeats every
    label and the seller's lines.
    """
    runs = _cached_runs(text, bold)
    return runs, sum(float(pdfmetrics.stringWidth(run.text, run.font, size)) for run in runs)


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
    """Draw one line of user text on a canvas, each run in its font.

    Several lines drawn together are cheaper written into one text object with
    :func:`write_string`.

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
    runs, total = _measured(text, size, bold)
    text_object = canvas.beginText(_left(x, total, align), y)
    _write_runs(text_object, runs, size)
    canvas.drawText(text_object)
    return total


def write_string(
    text_object: PDFTextObject,
    x: float,
    y: float,
    text: str,
    size: float,
    *,
    bold: bool = False,
    align: Align = "left",
) -> float:
    """Write one line of user text into an open text object, each run in its font.

    Args:
        text_object: From ``canvas.beginText()``; the caller draws it with
            ``canvas.drawText`` after the last line.
        x: The left edge (``align="left"``), right edge or centre, in points.
        y: The baseline.
        text: Plain user text in logical order.
        size: Font size in points.
        bold: Use the bold weight of each font.
        align: Which point ``x`` is.

    Returns:
        The width written, in points.
    """
    runs, total = _measured(text, size, bold)
    text_object.setTextOrigin(_left(x, total, align), y)
    _write_runs(text_object, runs, size)
    return total


def _left(x: float, width: float, align: Align) -> float:
    if align == "right":
        return x - width
    if align == "centre":
        return x - width / 2
    return x


def _write_runs(text_object: PDFTextObject, runs: Sequence[Run], size: float) -> None:
    for run in runs:
        # Setting the font it already has would only repeat the font operator.
        if text_object._fontname != run.font or text_object._fontsize != size:
            text_object.setFont(run.font, size)
        text_object.textOut(run.text)
