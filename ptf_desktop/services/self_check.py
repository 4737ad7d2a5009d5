"""Self-checks of an installation: fonts register and a PDF can be written.

Used by the ``--smoke-test`` option that checks a built installer.
"""

from __future__ import annotations

import io

_SHAPED_SAMPLE = "भारतीय प्रौद्योगिकी — شركة أرامكو — มหาวิทยาลัย — 华为"
"""Text that needs HarfBuzz (conjuncts, joining, marks) and three script fonts."""


def check_document_fonts() -> list[str]:
    """Register the bundled fonts with ReportLab and draw a line of text with each.

    A line in several scripts is also shaped (HarfBuzz) and drawn, which proves the
    shaping library and the script fonts are in the installation.

    Returns:
        The registered font names.

    Raises:
        Exception: whatever ReportLab or HarfBuzz raises when a font or the shaping
            library is missing or unreadable.
    """
    from reportlab.pdfgen.canvas import Canvas

    from ..documents.fonts import register_fonts
    from ..documents.text_runs import draw_string

    names = register_fonts()
    canvas = Canvas(io.BytesIO())
    for offset, name in enumerate(names):
        canvas.setFont(name, 12)
        canvas.drawString(72, 720 - 20 * offset, "Müller & Söhne — Ελληνικό — Яндекс")
    draw_string(canvas, 72, 600, _SHAPED_SAMPLE, 12)
    canvas.save()
    return names
