"""The ReportLab renderer behind the billing seam: snapshot in, PDF/A bytes out.

Turns a ``BillingDocument`` (built from the database by the services) into the
renderers' own document dataclasses and calls them. Invoices (and credit notes) carry
Factur-X XML when the setting is on; a document the e-invoice rules refuse (no seller tax
ID, say) is refused with a message, so issuing stops before a number is taken.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...domain.errors import UserError
from .records import BillTo
from .rendering import BillingDocument

if TYPE_CHECKING:
    from ...documents.model import Party
    from ...domain.foundation_settings import FoundationSettings

DRAFT_NUMBER = "DRAFT"


class ReportLabRenderer:
    """Renders quotes, invoices and credit notes with ptf_desktop.documents."""

    def warm_up(self) -> None:
        """Import the renderers and register the bundled fonts (once per process)."""
        from ...documents import fonts, render  # noqa: F401 (imported for its side effects)

        fonts.register_fonts()

    def render(self, document: BillingDocument) -> bytes:
        """The PDF of a document; the same snapshot always gives the same bytes.

        Raises:
            UserError: the document cannot be made as it stands (e.g. Factur-X needs the
                foundation's tax ID); the message says what to fix.
        """
        from ...documents import render

        try:
            if document.kind == "invoice":
                invoice = invoice_document(document)
                return render.render_invoice(invoice, facturx=document.facturx)
            if document.kind == "quote":
                return render.render_quote(quote_document(document))
            return render.render_credit_note(
                credit_note_document(document), facturx=document.facturx
            )
        except ValueError as error:
            raise UserError(f"The {document.kind} cannot be made: {error}") from error


def invoice_document(document: BillingDocument) -> Any:
    """The renderer's InvoiceDocument for a snapshot."""
    from ...documents.model import BankDetails, InvoiceDocument

    seller = document.seller
    number = document.number or DRAFT_NUMBER
    paid = document.paid if document.paid.amount > 0 else None
    assert document.due_date is not None
    return InvoiceDocument(
        **_common(document),
        due_date=document.due_date,
        terms=f"Net {document.payment_terms_days}" if document.payment_terms_days else "Due now",
        bank=BankDetails(
            bank_name=seller.bank_name,
            account_number=seller.bank_account,
            aba_routing=seller.aba_routing,
            iban=seller.iban,
            swift_bic=seller.swift_bic,
        ),
        amount_paid=paid,
        balance_due=document.balance if paid is not None else None,
        reverse_charge=document.reverse_charge,
        remittance_note=f"Please quote the invoice number {number} with your payment.",
        is_draft=document.number is None,
    )


def quote_document(document: BillingDocument) -> Any:
    """The renderer's QuoteDocument for a snapshot."""
    from ...documents.model import QuoteDocument

    assert document.valid_until is not None
    return QuoteDocument(**_common(document), valid_until=document.valid_until)


def credit_note_document(document: BillingDocument) -> Any:
    """The renderer's CreditNoteDocument for a snapshot."""
    from ...documents.model import CreditNoteDocument

    assert document.corrects_number is not None and document.corrects_date is not None
    return CreditNoteDocument(
        **_common(document),
        corrected_invoice=document.corrects_number,
        corrected_invoice_date=document.corrects_date,
        reason=document.reason,
    )


def _common(document: BillingDocument) -> dict[str, Any]:
    from ...documents.model import DocumentLine, TaxSummary

    totals = document.totals
    return {
        "number": document.number or DRAFT_NUMBER,
        "issue_date": document.issue_date,
        "currency": document.currency,
        "seller": _seller(document.seller),
        "buyer": _buyer(document.buyer),
        "lines": tuple(
            DocumentLine(
                description=line.description,
                quantity=line.quantity,
                unit_price=line.unit_price,
                discount=line.discount,
                tax_rate=line.tax_rate,
                amount=line.net,
            )
            for line in document.lines
        ),
        "tax_summaries": tuple(
            TaxSummary(rate=tax.rate, base=tax.base, tax=tax.tax) for tax in totals.taxes
        ),
        "net_total": totals.net,
        "tax_total": totals.tax,
        "total": totals.total,
        "buyer_reference": document.buyer.reference,
        "tax_note": document.tax_note,
        "notes": document.notes,
        "billing_period": document.billing_period,
    }


def _seller(settings: FoundationSettings) -> Party:
    from ...documents.model import Party

    return Party(
        legal_name=settings.legal_name,
        address_lines=tuple(
            line for line in (settings.address_line1, settings.address_line2) if line
        ),
        postal_code=settings.postal_code,
        city=settings.city,
        region=settings.region,
        country=settings.country,
        tax_id=settings.tax_id,
        email=settings.billing_email,
    )


def _buyer(buyer: BillTo) -> Party:
    from ...documents.model import Party

    return Party(
        legal_name=buyer.name,
        address_lines=tuple(line for line in (buyer.address_line1, buyer.address_line2) if line),
        postal_code=buyer.postal_code,
        city=buyer.city,
        region=buyer.region,
        country=buyer.country,
        tax_id=buyer.vat_id,
        email=buyer.email,
        contact_name=buyer.contact,
    )
