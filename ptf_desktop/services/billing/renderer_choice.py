"""Which PDF renderer the application uses for billing documents.

The ReportLab renderers of ``ptf_desktop.documents``, loaded when the first document is
rendered. ``rendering.NO_PDF_RENDERER`` remains for tests and tools that want to issue
without PDFs.
"""

from __future__ import annotations

from .pdf_renderer import ReportLabRenderer
from .rendering import PdfRenderer


def default_renderer() -> PdfRenderer:
    """The renderer for this build of the app."""
    return ReportLabRenderer()
