"""Self-checks of an installation: fonts register and a PDF can be written.

Used by the ``--smoke-test`` option that checks a built installer.
"""

from __future__ import annotations

import io


def check_document_fonts() -> list[str]:
    """Register the bundled fonts with ReportLab and draw a line of text with each.

    Returns:
        The registered font names.

    Raises:
        Exception: whatever ReportLab raises when a font is missing or unreadable.
    """
    from reportlab.pdfgen.canvas import Canvas

    from ..documents.fonts import register_fonts

    names = register_fonts()
    canvas = Canvas(io.BytesIO())
    for offset, name in enumerate(names):
        canvas.setFont(name, 12)
        canvas.drawString(72, 720 - 20 * offset, "Müller & Söhne — Ελληνικό — Яндекс")
    canvas.save()
    return names
