"""Register the bundled TrueType fonts with ReportLab, once per process.

The 14 standard PDF fonts (Helvetica and friends) are never embedded and cannot show
most scripts, so every document uses these fonts and sets them explicitly, on the canvas
(``Canvas(..., initialFontName=BODY_FONT)``), in paragraph styles and in table styles.

Registering reads about 1.5 MB of font files, so start-up code must not import this
module; renderers call :func:`register_fonts` before they draw.
"""

from __future__ import annotations

import threading

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ptf_desktop.resources import resource_path

__all__ = ["BODY_FONT", "BOLD_FONT", "FONT_FAMILY", "register_fonts"]

FONT_FAMILY = "DejaVuSans"
"""ReportLab family name; ``<b>`` inside a paragraph in this family selects BOLD_FONT."""

BODY_FONT = "DejaVuSans"
"""Font for running text: Latin, Greek and Cyrillic."""

BOLD_FONT = "DejaVuSans-Bold"
"""Bold weight of BODY_FONT, for headings, totals and labels."""

_FONT_FILES: dict[str, str] = {
    BODY_FONT: "fonts/DejaVuSans.ttf",
    BOLD_FONT: "fonts/DejaVuSans-Bold.ttf",
}
"""ReportLab font name -> resource name of its TrueType file."""

_lock = threading.Lock()
_registered: tuple[str, ...] = ()


def register_fonts() -> list[str]:
    """Register the bundled fonts with ReportLab, if that has not happened yet.

    Safe to call any number of times and from several threads: the files are read and
    registered only by the first call. The fonts form one family, so ``<b>`` in a
    paragraph works. No oblique faces are bundled; ``<i>`` therefore renders upright
    rather than falling back to a font that is not embedded.

    Returns:
        The registered ReportLab font names, body font first.

    Raises:
        FileNotFoundError: If a bundled font file is missing.
    """
    global _registered
    with _lock:
        if not _registered:
            for font_name, resource in _FONT_FILES.items():
                pdfmetrics.registerFont(TTFont(font_name, str(resource_path(resource))))
            pdfmetrics.registerFontFamily(
                FONT_FAMILY,
                normal=BODY_FONT,
                bold=BOLD_FONT,
                italic=BODY_FONT,
                boldItalic=BOLD_FONT,
            )
            _registered = tuple(_FONT_FILES)
        return list(_registered)
