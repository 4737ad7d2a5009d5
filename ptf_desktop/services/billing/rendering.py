"""The seam between billing and the PDF renderers, and the base of the printing services.

A service builds the printable document (a dataclass of
:mod:`ptf_desktop.documents.model`, see ``document_builder``) from the database and hands
it to a ``PdfRenderer``; the renderer never sees the database. ``NO_PDF_RENDERER``
issues and numbers documents without a PDF (``pdf_sha256`` stays NULL), for tests and
tools.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Protocol

from ...documents.model import CreditNoteDocument, InvoiceDocument, QuoteDocument
from ...persistence.engine import SessionFactories

PrintableDocument = InvoiceDocument | QuoteDocument | CreditNoteDocument


class PdfRenderer(Protocol):
    """Turns a printable document into PDF bytes (or None when no renderer is available)."""

    def render(self, document: PrintableDocument) -> bytes | None:
        """Render the document; the same document must always give the same bytes."""

    def warm_up(self) -> None:
        """Load what rendering needs, so that the first document does not pay for it.

        Issuing calls this before it takes the database's write lock: other processes
        then never wait for libraries and fonts to load.
        """


class NoPdfRenderer:
    """Renders nothing: documents are issued without a PDF."""

    def warm_up(self) -> None:
        """Nothing to load."""

    def render(self, document: PrintableDocument) -> bytes | None:
        """Return None: there is no PDF."""
        return None


NO_PDF_RENDERER = NoPdfRenderer()


class DocumentService:
    """What the services of printed documents (quotes, invoices, credit notes) start from.

    Attributes:
        _factories: the database's session factories.
        _renderer: turns the documents into PDFs when they are issued or reprinted.
        _today: today's date (a fixed day in tests).
    """

    def __init__(
        self,
        factories: SessionFactories,
        renderer: PdfRenderer = NO_PDF_RENDERER,
        today: Callable[[], date] = date.today,
    ) -> None:
        self._factories = factories
        self._renderer = renderer
        self._today = today
