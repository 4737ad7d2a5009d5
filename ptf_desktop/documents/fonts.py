"""Register the bundled TrueType fonts with ReportLab, lazily and once per process.

The 14 standard PDF fonts (Helvetica and friends) are never embedded and cannot show
most scripts, so every document uses these fonts and sets them explicitly, on the canvas
(``Canvas(..., initialFontName=BODY_FONT)``), in paragraph styles and in table styles.

DejaVu Sans covers Latin (Vietnamese and Turkish included), Greek and Cyrillic. The
other scripts of member names have their own fonts: Droid Sans Fallback for Chinese,
Japanese, NanumGothic for Korean, Noto Sans for Arabic, Hebrew and Devanagari. ReportLab has no
per-character fallback, so :mod:`ptf_desktop.documents.text_runs` splits text into runs
and names the font of each run.

Registering reads font files (DejaVu 1.5 MB, the CJK font 4 MB), so start-up code must
not import this module. :func:`register_fonts` registers the DejaVu family; the script
fonts are registered by :func:`ensure_font` the first time a run needs them, so a
document with only Latin names never reads the CJK file.
"""

from __future__ import annotations

import threading

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ptf_desktop.documents.render_lock import rendering
from ptf_desktop.resources import resource_path

__all__ = [
    "ARABIC_BOLD_FONT",
    "ARABIC_FONT",
    "BODY_FONT",
    "BOLD_FONT",
    "CJK_FONT",
    "DEVANAGARI_BOLD_FONT",
    "DEVANAGARI_FONT",
    "FONT_FAMILY",
    "HEBREW_BOLD_FONT",
    "HEBREW_FONT",
    "KOREAN_FONT",
    "SCRIPT_FONTS",
    "ensure_font",
    "get_font",
    "register_fonts",
]

FONT_FAMILY = "DejaVuSans"
"""ReportLab family name; ``<b>`` inside a paragraph in this family selects BOLD_FONT."""

BODY_FONT = "DejaVuSans"
"""Font for running text: Latin, Greek and Cyrillic."""

BOLD_FONT = "DejaVuSans-Bold"
"""Bold weight of BODY_FONT, for headings, totals and labels."""

CJK_FONT = "DroidSansFallback"
"""Chinese and Japanese (kana and kanji); one weight only."""

KOREAN_FONT = "NanumGothic"
"""Korean (Hangul), which Droid Sans Fallback lacks; one weight only."""

ARABIC_FONT = "NotoSansArabic"
"""Arabic script, drawn from presentation forms after shaping."""

ARABIC_BOLD_FONT = "NotoSansArabic-Bold"
"""Bold weight of ARABIC_FONT."""

HEBREW_FONT = "NotoSansHebrew"
"""Hebrew script."""

HEBREW_BOLD_FONT = "NotoSansHebrew-Bold"
"""Bold weight of HEBREW_FONT."""

DEVANAGARI_FONT = "NotoSansDevanagari"
"""Devanagari script (Hindi, Marathi, ...)."""

DEVANAGARI_BOLD_FONT = "NotoSansDevanagari-Bold"
"""Bold weight of DEVANAGARI_FONT."""

_FONT_FILES: dict[str, str] = {
    BODY_FONT: "fonts/DejaVuSans.ttf",
    BOLD_FONT: "fonts/DejaVuSans-Bold.ttf",
    CJK_FONT: "fonts/DroidSansFallbackFull.ttf",
    KOREAN_FONT: "fonts/NanumGothic.ttf",
    ARABIC_FONT: "fonts/NotoSansArabic-Regular.ttf",
    ARABIC_BOLD_FONT: "fonts/NotoSansArabic-Bold.ttf",
    HEBREW_FONT: "fonts/NotoSansHebrew-Regular.ttf",
    HEBREW_BOLD_FONT: "fonts/NotoSansHebrew-Bold.ttf",
    DEVANAGARI_FONT: "fonts/NotoSansDevanagari-Regular.ttf",
    DEVANAGARI_BOLD_FONT: "fonts/NotoSansDevanagari-Bold.ttf",
}
"""ReportLab font name -> resource name of its TrueType file."""

SCRIPT_FONTS: dict[str, tuple[str, str]] = {
    "latin": (BODY_FONT, BOLD_FONT),
    "cjk": (CJK_FONT, CJK_FONT),
    "korean": (KOREAN_FONT, KOREAN_FONT),
    "arabic": (ARABIC_FONT, ARABIC_BOLD_FONT),
    "hebrew": (HEBREW_FONT, HEBREW_BOLD_FONT),
    "devanagari": (DEVANAGARI_FONT, DEVANAGARI_BOLD_FONT),
}
"""Script name -> (regular, bold) ReportLab font names. "latin" also covers Greek and
Cyrillic; it is the default for characters of no particular script."""

_lock = threading.RLock()
_family_registered = False
_loaded: dict[str, TTFont] = {}


def ensure_font(name: str) -> TTFont:
    """Register one bundled font with ReportLab if that has not happened yet.

    Thread-safe; each file is read once per process.

    Args:
        name: One of the font name constants of this module.

    Returns:
        The registered ReportLab font.

    Raises:
        KeyError: If ``name`` is not a bundled font.
        FileNotFoundError: If its file is missing from the resources.
    """
    font = _loaded.get(name)
    if font is not None:
        return font
    # The render lock first, always: registering changes what a render elsewhere reads.
    with rendering(), _lock:
        font = _loaded.get(name)
        if font is None:
            resource = _FONT_FILES[name]
            font = TTFont(name, str(resource_path(resource)))
            pdfmetrics.registerFont(font)
            _loaded[name] = font
        return font


def get_font(name: str) -> TTFont:
    """Return a bundled font, registering it (and the body family) first if needed.

    Args:
        name: One of the font name constants of this module.

    Returns:
        The registered ReportLab font, whose ``face.charToGlyph`` tells which
        characters it can draw.
    """
    register_fonts()
    return ensure_font(name)


def register_fonts() -> list[str]:
    """Register the body font family (DejaVu Sans regular and bold), if not done yet.

    Safe to call any number of times and from several threads: the files are read and
    registered only by the first call. The fonts form one family, so ``<b>`` in a
    paragraph works. No oblique faces are bundled; ``<i>`` therefore renders upright
    rather than falling back to a font that is not embedded. The script fonts are
    registered later, on first use, by :func:`ensure_font`.

    Returns:
        The registered family's font names, body font first.

    Raises:
        FileNotFoundError: If a bundled font file is missing.
    """
    global _family_registered
    if _family_registered:
        return [BODY_FONT, BOLD_FONT]  # no wait for a render running in another thread
    # Registering changes ReportLab's font registry, which a render elsewhere reads.
    with rendering(), _lock:
        if not _family_registered:
            ensure_font(BODY_FONT)
            ensure_font(BOLD_FONT)
            pdfmetrics.registerFontFamily(
                FONT_FAMILY,
                normal=BODY_FONT,
                bold=BOLD_FONT,
                italic=BODY_FONT,
                boldItalic=BOLD_FONT,
            )
            _family_registered = True
        return [BODY_FONT, BOLD_FONT]
