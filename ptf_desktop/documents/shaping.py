"""Shape runs of text with HarfBuzz and write the glyphs into a ReportLab text object.

HarfBuzz (``uharfbuzz``) turns a run of characters in one font into positioned glyphs:
conjuncts and reordered vowel signs in the Indic scripts, joined Arabic letters, marks
placed on their base, kerning. It shapes with the same TrueType file that ReportLab
embeds, so the glyph ids it returns are the ones drawn.

ReportLab subsets TrueType fonts by character, not by glyph: :func:`write_run` gives each
glyph a character the font maps to it, or, for a glyph no character maps to (a conjunct,
a ligature), a private-use character registered with the font for it. The run is wrapped
in a ``/Span`` with ``/ActualText`` holding its logical text whenever those characters
would not read back as the text (reordered, joined or right-to-left runs), so that text
extraction and search still find the name as typed.
"""

from __future__ import annotations

import functools
import itertools
import threading
from dataclasses import dataclass

import uharfbuzz as hb
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from ptf_desktop.documents import fonts

__all__ = ["Glyph", "ShapedRun", "shape", "write_run"]

_SYNTHETIC_BOLD_STROKE = 0.03
"""Outline width of synthetic bold, as a share of the font size (see fonts.SYNTHETIC_BOLD)."""

_MIRRORED = {"(": ")", ")": "(", "[": "]", "]": "[", "{": "}", "}": "{", "<": ">", ">": "<"}
"""Brackets drawn mirrored in right-to-left text (HarfBuzz mirrors their glyphs too)."""

_PRIVATE_USE = range(0xE000, 0xF900)
"""Characters that stand for glyphs no character maps to (the Unicode private-use area)."""


@dataclass(frozen=True)
class Glyph:
    """One positioned glyph, in thousandths of the font size.

    Attributes:
        gid: Glyph id in the font file.
        advance: How far the pen moves after it.
        x_offset: Horizontal shift of this glyph only.
        y_offset: Vertical shift of this glyph only (marks above or below).
        cluster: Index in the run's text of the first character the glyph stands for.
    """

    gid: int
    advance: float
    x_offset: float
    y_offset: float
    cluster: int = 0


@dataclass(frozen=True)
class ShapedRun:
    """A run of text in one font, shaped, its glyphs in display (left-to-right) order.

    Attributes:
        text: The run's characters in logical (typed) order.
        font: The ReportLab name of the bundled font.
        rtl: Whether the run was shaped right to left.
        glyphs: The glyphs, left to right.
        advance: The run's width in thousandths of the font size.
        bold: Whether the text is bold; with a font of SYNTHETIC_BOLD it is drawn stroked.
    """

    text: str
    font: str
    rtl: bool
    glyphs: tuple[Glyph, ...]
    advance: float
    bold: bool = False

    def width(self, size: float) -> float:
        """The run's width in points at ``size``."""
        return self.advance * size / 1000


_lock = threading.Lock()
_hb_fonts: dict[str, tuple[hb.Font, float]] = {}


def _hb_font(font_name: str) -> tuple[hb.Font, float]:
    """The HarfBuzz font for a bundled font and its scale to thousandths of an em."""
    cached = _hb_fonts.get(font_name)
    if cached is None:
        with _lock:
            cached = _hb_fonts.get(font_name)
            if cached is None:
                with open(fonts.font_file(font_name), "rb") as handle:
                    face = hb.Face(hb.Blob(handle.read()))
                cached = _hb_fonts[font_name] = (hb.Font(face), 1000 / face.upem)
    return cached


@functools.lru_cache(maxsize=16384)
def shape(text: str, font_name: str, *, rtl: bool = False, bold: bool = False) -> ShapedRun:
    """Shape a run of text with HarfBuzz in one bundled font, with the font's defaults.

    Kerning, ligatures, mark positioning and the script's own shaping (Indic reordering
    and conjuncts, Arabic joining, Thai marks) are applied as the font specifies.

    Args:
        text: Characters in logical order; all drawn with ``font_name``.
        font_name: A bundled font (see :data:`fonts.SCRIPT_FONTS`).
        rtl: Shape right to left (an odd bidi level); glyphs still come out left to right.
        bold: Recorded on the run, for synthetic bold when drawing.

    Returns:
        The shaped run.
    """
    hb_font, scale = _hb_font(font_name)
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    buffer.direction = "rtl" if rtl else "ltr"
    hb.shape(hb_font, buffer)
    glyphs = tuple(
        Glyph(
            info.codepoint,
            pos.x_advance * scale,
            pos.x_offset * scale,
            pos.y_offset * scale,
            info.cluster,
        )
        for info, pos in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True)
    )
    advance = sum(glyph.advance for glyph in glyphs)
    return ShapedRun(text, font_name, rtl, glyphs, advance, bold)


def _char_for_glyph(font: TTFont, gid: int, cluster: str) -> int:
    """A character ReportLab can subset that draws glyph ``gid`` of ``font``.

    A character of the glyph's cluster is preferred (it is what the glyph stands for in
    the text layer), then any printable one: fonts map controls such as U+0000 to the
    space glyph too. Called only while a document is drawn, under the render lock: it
    may register a private-use character for the glyph in the font's (process-wide)
    character map.
    """
    face = font.face
    chars = face.glyphToChar.get(gid)
    if chars:
        for code in chars:
            if chr(code) in cluster:
                return int(code)
        printable = [code for code in chars if code >= 0x20 and code not in _PRIVATE_USE]
        return int((printable or chars)[0])
    for code in _PRIVATE_USE:
        if code not in face.charToGlyph:
            break
    else:  # pragma: no cover - a font with six thousand unmapped glyphs in use
        raise ValueError(f"no private-use character left for glyph {gid} of {font.fontName}")
    face.charToGlyph[code] = gid
    face.glyphToChar.setdefault(gid, []).append(code)
    face.charWidths[code] = face.hmetrics[gid][0] * 1000 / face.unitsPerEm
    return code


def _reading_text(text: str, rtl: bool) -> str:
    """Text in the order its glyphs stand on the line.

    A right-to-left run is given in display order (reversed, brackets mirrored), as text
    extraction expects of right-to-left text: tools such as pdftotext reorder text by its
    position on the line, and would otherwise reverse it a second time.
    """
    if not rtl:
        return text
    return "".join(_MIRRORED.get(char, char) for char in reversed(text))


def _utf16_hex(text: str) -> str:
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def _cluster_texts(run: ShapedRun) -> list[str]:
    """The characters each glyph's cluster stands for."""
    starts = sorted({glyph.cluster for glyph in run.glyphs})
    ends = dict(zip(starts, [*starts[1:], len(run.text)], strict=True))
    return [run.text[glyph.cluster : ends[glyph.cluster]] for glyph in run.glyphs]


def _segments(run: ShapedRun, chars: str) -> list[tuple[list[int], str | None]]:
    """Split a run's glyphs into words and spaces; give each word its reading text.

    Returns (glyph indexes, ActualText or None) pairs, left to right. Spaces stay outside
    the ``/ActualText`` spans, as plain space glyphs, so text extraction sees the gaps
    between words where they are drawn.
    """
    word_of: list[int] = []
    words = run.text.split(" ")
    for number, text in enumerate(words):
        word_of += [number] * len(text) + [-1]
    segments: list[tuple[list[int], str | None]] = []
    done: set[int] = set()
    glyph_words = [word_of[glyph.cluster] for glyph in run.glyphs]
    for number, group in itertools.groupby(range(len(run.glyphs)), key=glyph_words.__getitem__):
        indexes = list(group)
        if number < 0:
            segments.append((indexes, None))
            continue
        text = words[number] if number not in done else ""  # a word split in two: text once
        done.add(number)
        drawn = "".join(chars[index] for index in indexes)
        reading = _reading_text(text, run.rtl)
        segments.append((indexes, reading if run.rtl or drawn != text else None))
    return segments


def write_run(text_object: PDFTextObject, run: ShapedRun, size: float) -> float:
    """Write a shaped run at the text object's current position.

    Args:
        text_object: An open ReportLab text object (the run's font is selected here).
        run: The shaped run.
        size: Font size in points.

    Returns:
        The width written, in points.
    """
    font = fonts.get_font(run.font)
    canvas = text_object._canvas
    document = canvas._doc
    if text_object._fontname != run.font or text_object._fontsize != size:
        text_object.setFont(run.font, size)
    chars = "".join(
        chr(_char_for_glyph(font, glyph.gid, cluster))
        for glyph, cluster in zip(run.glyphs, _cluster_texts(run), strict=True)
    )
    code = text_object._code
    synthetic = run.bold and run.font in fonts.SYNTHETIC_BOLD
    if synthetic:
        colour = getattr(text_object, "_fillColorObj", None) or canvas._fillColorObj
        code.append(f"{fp_str(*_rgb(colour))} RG {fp_str(size * _SYNTHETIC_BOLD_STROKE)} w 2 Tr")
    encoded = [
        (subset, byte) for subset, data in font.splitString(chars, document) for byte in data
    ]
    rise = 0.0
    pending: list[bytes | float] = []
    widths = font.face.charWidths
    for indexes, actual in _segments(run, chars):
        if actual is not None:
            _flush(code, pending, canvas)
            code.append(f"/Span <</ActualText {_utf16_hex(actual)}>> BDC")
        for index in indexes:
            glyph = run.glyphs[index]
            subset, byte = encoded[index]
            if subset != text_object._curSubset:
                _flush(code, pending, canvas)
                name = font.getSubsetInternalName(subset, document)
                code.append(f"{name} {fp_str(size)} Tf")
                text_object._curSubset = subset
            if glyph.y_offset != rise:
                _flush(code, pending, canvas)
                rise = glyph.y_offset
                code.append(f"{fp_str(rise * size / 1000)} Ts")
            width = widths.get(ord(chars[index]), 0)
            if glyph.x_offset:
                pending.append(-glyph.x_offset)
            pending.append(bytes((byte,)))
            after = width - glyph.advance + glyph.x_offset
            if abs(after) > 0.01:
                pending.append(after)
        if actual is not None:
            _flush(code, pending, canvas)
            code.append("EMC")
    _flush(code, pending, canvas)
    if rise:
        code.append("0 Ts")
    if synthetic:
        code.append(f"0 Tr {fp_str(canvas._lineWidth)} w")
        code.append(f"{fp_str(*_rgb(canvas._strokeColorObj))} RG")
    width_points = run.width(size)
    text_object._x += width_points
    return width_points


def _rgb(colour: object) -> tuple[float, float, float]:
    """A ReportLab colour (a Color or an RGB tuple) as RGB components."""
    rgb = getattr(colour, "rgb", None)
    if rgb is not None:
        red, green, blue = rgb()
        return (float(red), float(green), float(blue))
    if isinstance(colour, tuple) and len(colour) == 3:
        return colour
    return (0.0, 0.0, 0.0)


def _flush(code: list[str], pending: list[bytes | float], canvas: Canvas) -> None:
    """Write the pending glyphs and adjustments as one TJ (or Tj) operator."""
    if not pending:
        return
    parts: list[str] = []
    for is_text, group in itertools.groupby(pending, key=lambda item: isinstance(item, bytes)):
        if is_text:
            parts.append(f"({canvas._escape(b''.join(group))})")  # type: ignore[arg-type]
        else:
            parts.append(fp_str(sum(group)))  # type: ignore[arg-type]
    code.append(f"{parts[0]} Tj" if len(parts) == 1 else f"[{' '.join(parts)}] TJ")
    pending.clear()
