"""Shape runs of text with HarfBuzz, in the bundled font files ReportLab embeds.

HarfBuzz (``uharfbuzz``) turns a run of characters in one font into positioned glyphs:
conjuncts and reordered vowel signs in the Indic scripts, joined Arabic letters, marks
placed on their base, kerning, with the font's default features. It shapes with the same
TrueType file that ReportLab embeds, so the glyph ids it returns are the ones drawn
(:mod:`~ptf_desktop.documents.glyph_writing` writes them).
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass
from typing import NamedTuple

import uharfbuzz as hb

from ptf_desktop.documents import fonts

__all__ = ["Glyph", "ShapedRun", "shape"]


class Glyph(NamedTuple):
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
    cluster: int


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
    )  # a NamedTuple: documents shape tens of thousands of glyphs
    advance = sum(glyph.advance for glyph in glyphs)
    return ShapedRun(text, font_name, rtl, glyphs, advance, bold)
