"""Write shaped runs into a ReportLab text object: glyphs, positions, text layer.

ReportLab subsets TrueType fonts by character, not by glyph: each glyph is given a
character the font maps to it (one of its own cluster when it can), or, for a glyph no
character maps to (a conjunct, a ligature), a private-use character registered with the
font for it. Glyphs are placed with ``TJ`` adjustments and text rise as HarfBuzz placed
them. Each word whose glyphs would not read back as its text (reordered, joined or
right-to-left) is wrapped in a ``/Span`` with ``/ActualText``, so that text extraction
and search still find the text as typed; spaces stay plain glyphs between the spans.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from ptf_desktop.documents import fonts
from ptf_desktop.documents.shaping import ShapedRun

__all__ = ["write_run"]

_SYNTHETIC_BOLD_STROKE = 0.03
"""Outline width of synthetic bold, as a share of the font size (see fonts.SYNTHETIC_BOLD)."""

_MIRRORED = {"(": ")", ")": "(", "[": "]", "]": "[", "{": "}", "}": "{", "<": ">", ">": "<"}
"""Brackets drawn mirrored in right-to-left text (HarfBuzz mirrors their glyphs too)."""

_PRIVATE_USE = range(0xE000, 0xF900)
"""Characters that stand for glyphs no character maps to (the Unicode private-use area)."""


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
    prepared = _prepared(font, run)
    chars = prepared.chars
    code = text_object._code
    synthetic = run.bold and run.font in fonts.SYNTHETIC_BOLD
    if synthetic:
        colour = getattr(text_object, "_fillColorObj", None) or canvas._fillColorObj
        code.append(f"{fp_str(*_rgb(colour))} RG {fp_str(size * _SYNTHETIC_BOLD_STROKE)} w 2 Tr")
    parts = font.splitString(chars, document)
    if prepared.layout is not None and len(parts) == 1:
        _write_simple(text_object, font, parts[0], prepared.layout, size)
    else:
        _write_glyphs(text_object, font, run, prepared, parts, size)
    if synthetic:
        code.append(f"0 Tr {fp_str(canvas._lineWidth)} w")
        code.append(f"{fp_str(*_rgb(canvas._strokeColorObj))} RG")
    width_points = run.width(size)
    text_object._x += width_points
    return width_points


@dataclass(frozen=True)
class _Prepared:
    """What writing a run needs that does not depend on the document.

    Attributes:
        chars: A character per glyph, for ReportLab's subsetting.
        segments: Glyph indexes and their ActualText (None: the glyphs read as they are).
        layout: For a run with no ActualText and no vertical offsets, the TJ array as
            slices of its glyphs and adjustments (thousandths of the font size); None
            otherwise.
    """

    chars: str
    segments: list[tuple[list[int], str | None]]
    layout: list[tuple[int, int] | float] | None


_PREPARED: dict[int, tuple[ShapedRun, _Prepared]] = {}
"""id of a run -> the run (kept, so its id stays its own) and its preparation."""


def _prepared(font: TTFont, run: ShapedRun) -> _Prepared:
    known = _PREPARED.get(id(run))
    if known is not None:
        return known[1]
    cmap = font.face.charToGlyph
    if len(run.glyphs) == len(run.text) and all(
        cmap.get(ord(char)) == glyph.gid for char, glyph in zip(run.text, run.glyphs, strict=True)
    ):
        chars = run.text  # a glyph per character, in order: most Latin text
    else:
        chars = "".join(
            chr(_char_for_glyph(font, glyph.gid, cluster))
            for glyph, cluster in zip(run.glyphs, _cluster_texts(run), strict=True)
        )
    if chars == run.text and not run.rtl:
        segments: list[tuple[list[int], str | None]] = [(list(range(len(chars))), None)]
    else:
        segments = _segments(run, chars)
    layout: list[tuple[int, int] | float] | None = None
    if all(actual is None for _, actual in segments) and not any(
        glyph.y_offset for glyph in run.glyphs
    ):
        layout = []
        widths = font.face.charWidths
        start = 0
        for index, glyph in enumerate(run.glyphs):
            after = widths.get(ord(chars[index]), 0) - glyph.advance + glyph.x_offset
            if glyph.x_offset or abs(after) > 0.01:
                if index > start:
                    layout.append((start, index))
                if glyph.x_offset:
                    layout.append(-glyph.x_offset)
                layout.append((index, index + 1))
                if abs(after) > 0.01:
                    layout.append(after)
                start = index + 1
        if start < len(run.glyphs):
            layout.append((start, len(run.glyphs)))
    prepared = _Prepared(chars, segments, layout)
    if len(_PREPARED) > 20_000:
        _PREPARED.clear()
    _PREPARED[id(run)] = (run, prepared)
    return prepared


def _select_subset(text_object: PDFTextObject, font: TTFont, subset: int, size: float) -> None:
    if subset != text_object._curSubset:
        document = text_object._canvas._doc
        name = font.getSubsetInternalName(subset, document)
        text_object._code.append(f"{name} {fp_str(size)} Tf")
        text_object._curSubset = subset


def _write_simple(
    text_object: PDFTextObject,
    font: TTFont,
    part: tuple[int, bytes],
    layout: list[tuple[int, int] | float],
    size: float,
) -> None:
    """Write a run of one font subset, no spans and no vertical offsets: one operator."""
    subset, data = part
    _select_subset(text_object, font, subset, size)
    escape = text_object._canvas._escape
    items = [
        f"({escape(data[item[0] : item[1]])})" if isinstance(item, tuple) else fp_str(item)
        for item in layout
    ]
    if len(items) == 1:
        text_object._code.append(f"{items[0]} Tj")
    elif items:
        text_object._code.append(f"[{' '.join(items)}] TJ")


def _write_glyphs(
    text_object: PDFTextObject,
    font: TTFont,
    run: ShapedRun,
    prepared: _Prepared,
    parts: list[tuple[int, bytes]],
    size: float,
) -> None:
    """Write a run glyph by glyph: ActualText spans, subsets, vertical offsets."""
    canvas = text_object._canvas
    code = text_object._code
    chars = prepared.chars
    encoded = [(subset, byte) for subset, data in parts for byte in data]
    rise = 0.0
    pending: list[bytes | float] = []
    widths = font.face.charWidths
    for indexes, actual in prepared.segments:
        if actual is not None:
            _flush(code, pending, canvas)
            code.append(f"/Span <</ActualText {_utf16_hex(actual)}>> BDC")
        for index in indexes:
            glyph = run.glyphs[index]
            subset, byte = encoded[index]
            if subset != text_object._curSubset:
                _flush(code, pending, canvas)
                _select_subset(text_object, font, subset, size)
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
