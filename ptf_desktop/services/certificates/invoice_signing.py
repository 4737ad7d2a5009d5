"""Signing invoices and credit notes when the "sign invoices" setting is on.

A PDF renderer that wraps the application's renderer: ``warm_up`` (which issuing calls
before it takes the database's write lock) reads the setting and, when signing is on,
loads the PKCS#12 file and its passphrase from the keyring; the next ``render`` of an
invoice or credit note then signs the PDF (PAdES, as certificates). A missing
passphrase or unreadable file refuses the issue with a clear message, before any
number is taken. Previews of drafts are never signed. A signed PDF carries its signing
time, so it is not byte-reproducible; the stored bytes are what a reprint gives.
"""

from __future__ import annotations

from ...documents.model import InvoiceDocument
from ..billing.rendering import PdfRenderer, PrintableDocument
from .certificate_settings import CertificateSettingsService, SigningMaterial

SIGNED_KINDS = frozenset({"invoice", "credit note"})


class SigningRenderer:
    """Render with another renderer, then sign issued invoices and credit notes."""

    def __init__(self, inner: PdfRenderer, settings: CertificateSettingsService) -> None:
        self._inner = inner
        self._settings = settings
        self._material: SigningMaterial | None = None

    def warm_up(self) -> None:
        """Load the renderer's resources and, when invoices are signed, the signing material.

        Raises:
            UserError: signing is on but the PKCS#12 file or its passphrase is missing.
        """
        self._inner.warm_up()
        self._material = None
        if self._settings.load().sign_invoices:
            self._material = self._settings.signing_material()
            if self._material is None:
                from ...domain.errors import UserError

                raise UserError(
                    "Invoices are to be signed, but no signing certificate is chosen in "
                    "Settings > Certificates and signing."
                )

    def render(self, document: PrintableDocument) -> bytes | None:
        """Render the document; sign it when it is being issued and signing is on."""
        content = self._inner.render(document)
        material, self._material = self._material, None  # one issue per warm-up
        if content is None or material is None or document.kind not in SIGNED_KINDS:
            return content
        if isinstance(document, InvoiceDocument) and document.is_draft:
            return content
        from ...documents.signing import sign_pdf

        return sign_pdf(
            content,
            material.pkcs12,
            material.passphrase,
            reason=f"{document.kind.capitalize()} {document.number}",
            location="",
        )
