"""Tables of quotes, invoices, payments, credit notes, their PDFs and the number series.

Money is integer minor units plus the document's ISO currency, read and written as Money
through MoneyColumn (``invoice.total``) and a line's ``prices``/``set_prices``; quantities
and tax rates are Decimal strings (exact, and portable to PostgreSQL). A document's number
stays NULL until it is issued (or, for a quote, sent); the number is then taken from its series in
the same transaction. PDF bytes live in their own table so that listing documents never
reads them and the audit trail never copies them.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import ClassVar

from sqlalchemy import BigInteger, Date, ForeignKey, Integer, LargeBinary, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from ...domain.money import Money
from ..audit import Audited
from ..base import Base, Synced
from ..money_columns import MoneyColumn, stored_money


class _BillTo:
    """The buyer as printed on a document: copied from the organization, editable per draft."""

    __audit_owner__ = "organization_id"

    organization_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("organizations.id"), index=True
    )
    bill_to_name: Mapped[str] = mapped_column(String(500), default="")
    bill_to_address_line1: Mapped[str] = mapped_column(String(200), default="")
    bill_to_address_line2: Mapped[str] = mapped_column(String(200), default="")
    bill_to_city: Mapped[str] = mapped_column(String(100), default="")
    bill_to_region: Mapped[str] = mapped_column(String(100), default="")
    bill_to_postal_code: Mapped[str] = mapped_column(String(30), default="")
    bill_to_country: Mapped[str] = mapped_column(String(2), default="")
    bill_to_email: Mapped[str] = mapped_column(String(320), default="")
    # The billing contact's name, printed after "Attn:" ("" when the member names none).
    bill_to_contact: Mapped[str] = mapped_column(String(200), default="", server_default="")
    buyer_vat_id: Mapped[str] = mapped_column(String(40), default="")
    buyer_reference: Mapped[str] = mapped_column(String(100), default="")
    currency: Mapped[str] = mapped_column(String(3))
    # Units of USD per unit of the currency, a Decimal string; NULL for USD documents.
    exchange_rate_to_usd: Mapped[str | None] = mapped_column(String(30))
    notes: Mapped[str] = mapped_column(Text, default="")
    net_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    tax_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    total_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    net = MoneyColumn("net_minor")
    tax = MoneyColumn("tax_minor")
    total = MoneyColumn("total_minor")


class _Line:
    """A document line: quantity x unit price - discount, taxed at a rate.

    A line created with its document is listed in the document's creation entry of the
    audit trail (persistence/audit.py), one added later has an entry of its own.
    """

    __audit_part__: ClassVar[str | None] = "lines"

    position: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(String(500))
    quantity: Mapped[str] = mapped_column(String(30))
    unit_price_minor: Mapped[int] = mapped_column(BigInteger)
    discount_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    tax_rate: Mapped[str] = mapped_column(String(10), default="0")
    # The fee schedule entry the price came from, and the membership term it bills.
    fee_entry_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("fee_entries.id"))
    term_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("membership_terms.id"))

    def prices(self, currency: str) -> tuple[Money, Money]:
        """The unit price and the discount in the document's currency (a line stores none)."""
        return (
            stored_money(self.unit_price_minor, currency),
            stored_money(self.discount_minor, currency),
        )

    def set_prices(self, unit_price: Money, discount: Money) -> None:
        """Store a unit price and a discount (only changed values, for the audit trail)."""
        for name, value in (("unit_price_minor", unit_price), ("discount_minor", discount)):
            if getattr(self, name, None) != value.minor_units:
                setattr(self, name, value.minor_units)


class Quote(_BillTo, Synced, Audited, Base):
    """A quote: numbered when first sent; accepted quotes become invoices."""

    __tablename__ = "quotes"
    __audit_entity__ = "quote"

    number: Mapped[str | None] = mapped_column(String(40), unique=True)
    series: Mapped[str | None] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    issue_date: Mapped[date | None] = mapped_column(Date)
    valid_until: Mapped[date] = mapped_column(Date)
    member_discount_percent: Mapped[str] = mapped_column(String(10), default="0")
    pdf_sha256: Mapped[str | None] = mapped_column(String(64))


class QuoteLine(_Line, Synced, Audited, Base):
    """A line of a quote."""

    __tablename__ = "quote_lines"
    __audit_entity__ = "quote line"
    __audit_owner__ = "quote_id"

    quote_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("quotes.id"), index=True)


class Invoice(_BillTo, Synced, Audited, Base):
    """An invoice: an editable draft until issued, then immutable."""

    __tablename__ = "invoices"
    __audit_entity__ = "invoice"

    number: Mapped[str | None] = mapped_column(String(40), unique=True)
    # Indexed: issuing looks up the series' latest issue date (numbers follow dates).
    series: Mapped[str | None] = mapped_column(String(30), index=True)
    # draft, issued, partially paid, paid, credited (overdue is derived from the date).
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    issue_date: Mapped[date | None] = mapped_column(Date)
    due_date: Mapped[date | None] = mapped_column(Date, index=True)
    payment_terms_days: Mapped[int | None] = mapped_column(Integer)
    quote_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("quotes.id"))
    renewal_year: Mapped[int | None] = mapped_column(Integer)
    # The membership tier the invoice was for, fixed when it is issued (None: no tier,
    # and drafts): revenue by tier must not move when a member changes tier later.
    tier: Mapped[str | None] = mapped_column(String(10))
    # The year of issue_date, kept with it: revenue by year is grouped on an index of it.
    issue_year: Mapped[int | None] = mapped_column(Integer)
    paid_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    credited_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    paid = MoneyColumn("paid_minor")
    credited = MoneyColumn("credited_minor")
    pdf_sha256: Mapped[str | None] = mapped_column(String(64))


class InvoiceLine(_Line, Synced, Audited, Base):
    """A line of an invoice."""

    __tablename__ = "invoice_lines"
    __audit_entity__ = "invoice line"
    __audit_owner__ = "invoice_id"

    invoice_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("invoices.id"), index=True)


class Payment(Synced, Audited, Base):
    """Money received against an issued invoice, or the reversal of such a payment.

    A payment is never edited or deleted: a mistaken one is reversed by a second row with
    the negative amount that names it (``reverses_payment_id``) and says why.
    """

    __tablename__ = "payments"
    __audit_entity__ = "payment"
    __audit_owner__ = "invoice_id"

    invoice_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("invoices.id"), index=True)
    paid_on: Mapped[date] = mapped_column(Date)
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    amount = MoneyColumn("amount_minor")
    method: Mapped[str] = mapped_column(String(30), default="bank transfer")
    reference: Mapped[str] = mapped_column(String(200), default="")
    # Who recorded it (the session's actor), kept on the row for the payments register.
    recorded_by: Mapped[str] = mapped_column(String(200), default="", server_default="")
    # The payment a reversal row cancels. No foreign key: SQLite adds one only by copying
    # the table, which would break the keys that point at payments; the service checks it.
    reverses_payment_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    # Why a payment was reversed (reversal rows only).
    reason: Mapped[str] = mapped_column(Text, default="", server_default="")


class Refund(Synced, Audited, Base):
    """Money paid back to a member out of its credit balance (never edited or deleted)."""

    __tablename__ = "refunds"
    __audit_entity__ = "refund"
    __audit_owner__ = "organization_id"

    organization_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("organizations.id"), index=True
    )
    refunded_on: Mapped[date] = mapped_column(Date)
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    amount = MoneyColumn("amount_minor")
    method: Mapped[str] = mapped_column(String(30))
    reference: Mapped[str] = mapped_column(String(200), default="")
    recorded_by: Mapped[str] = mapped_column(String(200), default="")


class CreditNote(Synced, Audited, Base):
    """A credit note against an issued invoice: its own series, numbered when made."""

    __tablename__ = "credit_notes"
    __audit_entity__ = "credit note"
    __audit_owner__ = "invoice_id"

    number: Mapped[str] = mapped_column(String(40), unique=True)
    series: Mapped[str] = mapped_column(String(30), index=True)
    invoice_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("invoices.id"), index=True)
    issue_date: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    currency: Mapped[str] = mapped_column(String(3))
    net_minor: Mapped[int] = mapped_column(BigInteger)
    tax_minor: Mapped[int] = mapped_column(BigInteger)
    total_minor: Mapped[int] = mapped_column(BigInteger)
    net = MoneyColumn("net_minor")
    tax = MoneyColumn("tax_minor")
    total = MoneyColumn("total_minor")
    pdf_sha256: Mapped[str | None] = mapped_column(String(64))


class CreditNoteLine(_Line, Synced, Audited, Base):
    """A line of a credit note (amounts positive; the document says they are credited)."""

    __tablename__ = "credit_note_lines"
    __audit_entity__ = "credit note line"
    __audit_owner__ = "credit_note_id"

    credit_note_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("credit_notes.id"), index=True
    )


class DocumentPdf(Synced, Base):
    """The PDF of an issued document, byte for byte, so a reprint years later is identical."""

    __tablename__ = "document_pdfs"

    # "invoice", "credit note" or "quote", and that document's id.
    document_kind: Mapped[str] = mapped_column(String(20))
    document_id: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)


class DocumentSeries(Synced, Base):
    """The last number taken in one series (e.g. ``INV-L07-2027``): gapless counters."""

    __tablename__ = "document_series"

    series_key: Mapped[str] = mapped_column(String(30), unique=True)
    last_number: Mapped[int] = mapped_column(Integer, default=0)
