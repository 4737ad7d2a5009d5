"""The seam between billing and the PDF renderers: a document snapshot and a renderer protocol.

A service builds a ``BillingDocument`` (everything a quote, invoice or credit note
prints) from the database and hands it to a ``PdfRenderer``. The renderer never sees
the database. Until a renderer is installed on the context, ``NO_PDF_RENDERER`` is
used: documents are issued and numbered, but carry no PDF (``pdf_sha256`` stays NULL).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol

from ...domain.billing.lines import DocumentTotals
from ...domain.foundation_settings import FoundationSettings
from ...domain.money import Money
from .records import BillTo, LineRecord


@dataclass(frozen=True)
class BillingDocument:
    """Everything one quote, invoice or credit note prints.

    Attributes:
        kind: "quote", "invoice" or "credit note".
        number: the document number; None for a draft (printed as a preview).
        issue_date: the issue date (for a draft preview: the day it is previewed).
        due_date: invoices only.
        valid_until: quotes only.
        payment_terms_days: invoices only (e.g. 30 for "Net 30").
        currency: ISO 4217 code of every amount.
        exchange_rate_to_usd: USD per unit of currency, for non-USD documents.
        seller: the foundation's settings (name, address, tax ID, bank details).
        buyer: the bill-to details and the buyer's reference (PO number).
        lines: the lines with their amounts.
        totals: net, tax per rate, tax and total.
        tax_note: exemption or reverse-charge wording ("" when none applies).
        paid: payments so far (invoices).
        balance: still due (invoices).
        reverse_charge: the tax note is the reverse-charge wording (EU buyer, no VAT).
        corrects_number: for a credit note, the invoice it corrects.
        corrects_date: for a credit note, that invoice's issue date.
        reason: for a credit note, why it was made.
        notes: free text printed on the document.
        facturx: embed Factur-X XML (invoices, when the setting is on).
        billing_period: first and last day of the membership terms the lines bill.
    """

    kind: str
    number: str | None
    issue_date: date
    due_date: date | None
    valid_until: date | None
    payment_terms_days: int | None
    currency: str
    exchange_rate_to_usd: Decimal | None
    seller: FoundationSettings
    buyer: BillTo
    lines: tuple[LineRecord, ...]
    totals: DocumentTotals
    tax_note: str
    reverse_charge: bool
    paid: Money
    balance: Money
    corrects_number: str | None
    corrects_date: date | None
    reason: str
    notes: str
    facturx: bool
    billing_period: tuple[date, date] | None = None


class PdfRenderer(Protocol):
    """Turns a document snapshot into PDF bytes (or None when no renderer is available)."""

    def render(self, document: BillingDocument) -> bytes | None:
        """Render the document; the same snapshot must always give the same bytes."""

    def warm_up(self) -> None:
        """Load what rendering needs, so that the first document does not pay for it.

        Issuing calls this before it takes the database's write lock: other processes
        then never wait for libraries and fonts to load.
        """


class NoPdfRenderer:
    """Renders nothing: documents are issued without a PDF until a renderer is installed."""

    def warm_up(self) -> None:
        """Nothing to load."""

    def render(self, document: BillingDocument) -> bytes | None:
        """Return None: there is no PDF."""
        return None


NO_PDF_RENDERER = NoPdfRenderer()
