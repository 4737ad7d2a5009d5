"""Which PDF renderer the application uses for billing documents.

The ReportLab renderers live in ``ptf_desktop.documents``; until they provide the
invoice, quote and credit-note renderers, billing documents are issued without a PDF
(see rendering.NO_PDF_RENDERER).
"""

from __future__ import annotations

from .rendering import NO_PDF_RENDERER, PdfRenderer


def default_renderer() -> PdfRenderer:
    """The renderer for this build of the app."""
    return NO_PDF_RENDERER
