"""Register the bundled TrueType fonts with ReportLab, lazily and once per process.

The 14 standard PDF fonts (Helvetica and friends) are never embedded and cannot show
most scripts, so every document uses these fonts and sets them explicitly, on the canvas
(``Canvas(..., initialFontName=BODY_FONT)``), in paragraph styles and in table styles.

DejaVu Sans covers Latin (Vietnamese and Turkish included), Greek and Cyrillic. The
other scripts of member names have their own fonts: Droid Sans Fallback for Chinese and
Japanese, NanumGothic for Korean, Noto Sans for Arabic, Hebrew, Armenian, Georgian,
Ethiopic and the scripts of South and South-East Asia (see ``resources/fonts/README.md``).
ReportLab has no per-character fallback, so :mod:`ptf_desktop.documents.text_runs` splits
text into runs and names the font of each run; :mod:`ptf_desktop.documents.shaping`
shapes each run with HarfBuzz.

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
    "KOREAN_BOLD_FONT",
    "KOREAN_FONT",
    "SCRIPT_FONTS",
    "SYNTHETIC_BOLD",
    "THAI_FONT",
    "ensure_font",
    "font_file",
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
"""Chinese (simplified and traditional) and Japanese; one weight only (see SYNTHETIC_BOLD)."""

KOREAN_FONT = "NanumGothic"
"""Korean (Hangul), which Droid Sans Fallback lacks."""

KOREAN_BOLD_FONT = "NanumGothicBold"
"""Bold weight of KOREAN_FONT."""

ARABIC_FONT = "NotoSansArabic"
"""Arabic script (Arabic, Persian and Urdu letters)."""

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

THAI_FONT = "NotoSansThai"
"""Thai script."""

_NOTO_SCRIPTS = (
    "Arabic", "Armenian", "Bengali", "Devanagari", "Ethiopic", "Georgian", "Gujarati",
    "Gurmukhi", "Hebrew", "Kannada", "Khmer", "Lao", "Malayalam", "Myanmar", "Sinhala",
    "Tamil", "Telugu", "Thai",
)  # fmt: skip
"""Scripts drawn with a Noto Sans font of that name, regular and bold."""

_FONT_FILES: dict[str, str] = {
    BODY_FONT: "fonts/DejaVuSans.ttf",
    BOLD_FONT: "fonts/DejaVuSans-Bold.ttf",
    CJK_FONT: "fonts/DroidSansFallbackFull.ttf",
    KOREAN_FONT: "fonts/NanumGothic.ttf",
    KOREAN_BOLD_FONT: "fonts/NanumGothicBold.ttf",
    **{f"NotoSans{script}": f"fonts/NotoSans{script}-Regular.ttf" for script in _NOTO_SCRIPTS},
    **{f"NotoSans{script}-Bold": f"fonts/NotoSans{script}-Bold.ttf" for script in _NOTO_SCRIPTS},
}
"""ReportLab font name -> resource name of its TrueType file."""

SCRIPT_FONTS: dict[str, tuple[str, str]] = {
    "latin": (BODY_FONT, BOLD_FONT),
    **{script.lower(): (f"NotoSans{script}", f"NotoSans{script}-Bold") for script in _NOTO_SCRIPTS},
    "cjk": (CJK_FONT, CJK_FONT),
    "korean": (KOREAN_FONT, KOREAN_BOLD_FONT),
}
"""Script name -> (regular, bold) ReportLab font names, in the order fonts are tried for a
character of no particular script. "latin" also covers Greek and Cyrillic; "cjk" covers
Han, kana and bopomofo."""

SYNTHETIC_BOLD: frozenset[str] = frozenset({CJK_FONT})
"""Fonts without a bold TrueType weight: their bold text is drawn filled and stroked (PDF
text render mode 2) with a thin outline, which thickens every stroke like a bold face.
No bundled-size TrueType (not CFF) Chinese/Japanese font with a bold weight exists."""

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


def font_file(name: str) -> str:
    """Return the path of a bundled font's TrueType file.

    Args:
        name: One of the font names of :data:`SCRIPT_FONTS`.

    Returns:
        The file's path, for HarfBuzz (which shapes with the same file ReportLab embeds).
    """
    return str(resource_path(_FONT_FILES[name]))


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
