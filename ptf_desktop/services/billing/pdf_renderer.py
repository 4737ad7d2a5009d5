"""The ReportLab renderer behind the billing seam: printable document in, PDF/A bytes out.

Invoices (and credit notes) carry Factur-X XML when the document says so; a document the
e-invoice rules refuse (no seller tax ID, say) is refused with a message, so issuing
stops before a number is taken. The renderers are imported when first used, so that
starting the application does not load ReportLab.
"""

from __future__ import annotations

from ...documents.model import InvoiceDocument, QuoteDocument
from ...domain.errors import UserError
from .rendering import PrintableDocument


class ReportLabRenderer:
    """Renders quotes, invoices and credit notes with ptf_desktop.documents."""

    def warm_up(self) -> None:
        """Import the renderers and register the bundled fonts (once per process)."""
        from ...documents import fonts, render  # noqa: F401 (imported for its side effects)

        fonts.register_fonts()

    def render(self, document: PrintableDocument) -> bytes:
        """The PDF of a document; the same document always gives the same bytes.

        Raises:
            UserError: the document cannot be made as it stands (e.g. Factur-X needs the
                foundation's tax ID); the message says what to fix.
        """
        from ...documents import render

        try:
            if isinstance(document, InvoiceDocument):
                return render.render_invoice(document, facturx=document.facturx)
            if isinstance(document, QuoteDocument):
                return render.render_quote(document)
            return render.render_credit_note(document, facturx=document.facturx)
        except ValueError as error:
            raise UserError(f"The {document.kind} cannot be made: {error}") from error
