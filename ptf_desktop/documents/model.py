"""What a quote, invoice or credit note shows: immutable dataclasses the renderers take.

The billing services build these from stored records (amounts already computed by the
billing rules); the renderers only lay them out. The constructors check that the
figures add up (lines to net, tax per rate to tax, net plus tax to total, paid plus
balance to total) and that every amount is in the document's currency, so a document
that contradicts itself can never be printed.

Amounts are :class:`~ptf_desktop.domain.money.Money`; quantities and tax rates (percent)
are :class:`~decimal.Decimal`. Credit notes carry positive amounts (what is credited);
the renderer prints them negative.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import ClassVar

from ptf_desktop.domain.money import Money

__all__ = [
    "BankDetails",
    "CreditNoteDocument",
    "DocumentLine",
    "InvoiceDocument",
    "Party",
    "QuoteDocument",
    "TaxSummary",
]


@dataclass(frozen=True, kw_only=True)
class Party:
    """A seller or buyer as printed on the document.

    Attributes:
        legal_name: The registered legal name, exactly as recorded, in any script.
        address_lines: Street lines, in order.
        postal_code: Postal or ZIP code ("" when none).
        city: City.
        region: State, province or region ("" when none).
        country: ISO 3166-1 alpha-2 code, e.g. "US".
        tax_id: VAT ID (EU, "DE123456789") or other tax ID (US EIN), "" when none.
        email: Billing contact e-mail.
        contact_name: Billing contact person ("" when none).
    """

    legal_name: str
    address_lines: tuple[str, ...] = ()
    postal_code: str = ""
    city: str = ""
    region: str = ""
    country: str = ""
    tax_id: str = ""
    email: str = ""
    contact_name: str = ""

    def __post_init__(self) -> None:
        if not self.legal_name.strip():
            raise ValueError("A party needs a legal name.")
        if self.country and (len(self.country) != 2 or not self.country.isalpha()):
            raise ValueError(f"Country must be an ISO 3166 alpha-2 code, not {self.country!r}.")

    @property
    def locality(self) -> str:
        """City, region and postal code on one line, as US and EU addresses print them."""
        return " ".join(part for part in (self.city, self.region, self.postal_code) if part)


@dataclass(frozen=True, kw_only=True)
class BankDetails:
    """Where payments go: domestic (ABA) and international (IBAN, SWIFT/BIC) details.

    Attributes:
        bank_name: Name of the bank.
        account_holder: Name on the account ("" prints the seller's name).
        account_number: Domestic account number.
        aba_routing: ABA routing number for US payers.
        iban: IBAN for wires, with or without grouping spaces.
        swift_bic: SWIFT/BIC code.
    """

    bank_name: str = ""
    account_holder: str = ""
    account_number: str = ""
    aba_routing: str = ""
    iban: str = ""
    swift_bic: str = ""

    @property
    def iban_grouped(self) -> str:
        """The IBAN in groups of four, as printed ("DE89 3704 0044 0532 0130 00")."""
        compact = self.iban.replace(" ", "").upper()
        return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))


@dataclass(frozen=True, kw_only=True)
class DocumentLine:
    """One line: what is sold, how many, at what price, less what, taxed how.

    Attributes:
        description: Names the tier and term period, e.g. "General membership,
            2027-01-01 to 2027-12-31".
        quantity: How many units (> 0).
        unit_price: Price of one unit.
        discount: Amount taken off the line (zero when none).
        tax_rate: Percent, 0 for none.
        amount: The line's net amount: quantity x unit price, rounded, less discount.
    """

    description: str
    quantity: Decimal
    unit_price: Money
    discount: Money
    tax_rate: Decimal
    amount: Money

    def __post_init__(self) -> None:
        if not self.description.strip():
            raise ValueError("A line needs a description.")
        if self.quantity <= 0:
            raise ValueError("A line's quantity must be more than 0.")
        expected = Money(self.quantity * self.unit_price.amount, self.unit_price.currency)
        if expected - self.discount != self.amount:
            raise ValueError(
                f"Line {self.description!r}: {self.quantity} x {self.unit_price.amount} less "
                f"{self.discount.amount} is not {self.amount.amount}."
            )


@dataclass(frozen=True, kw_only=True)
class TaxSummary:
    """The taxable base and the tax at one rate.

    Attributes:
        rate: Percent.
        base: Sum of the line amounts at this rate.
        tax: Tax at this rate on the base.
    """

    rate: Decimal
    base: Money
    tax: Money


@dataclass(frozen=True, kw_only=True)
class _Document:
    """Fields every document has; see the subclasses."""

    # What the document is called in sentences ("invoice", "quote", "credit note").
    kind: ClassVar[str] = ""
    number: str
    issue_date: dt.date
    currency: str
    seller: Party
    buyer: Party
    lines: tuple[DocumentLine, ...]
    tax_summaries: tuple[TaxSummary, ...]
    net_total: Money
    tax_total: Money
    total: Money
    buyer_reference: str = ""
    purchase_order: str = ""
    tax_note: str = ""
    notes: str = ""
    language: str = "en"
    # First and last day of what is billed (the membership term), None when not known.
    billing_period: tuple[dt.date, dt.date] | None = None

    def __post_init__(self) -> None:
        if not self.number.strip():
            raise ValueError("A document needs a number.")
        if self.billing_period is not None and self.billing_period[0] > self.billing_period[1]:
            raise ValueError(f"{self.number}: the billing period ends before it starts.")
        if not self.lines:
            raise ValueError(f"{self.number} has no lines.")
        amounts = [self.net_total, self.tax_total, self.total]
        for line in self.lines:
            amounts += [line.unit_price, line.discount, line.amount]
        for summary in self.tax_summaries:
            amounts += [summary.base, summary.tax]
        self._check_currency(amounts)
        zero = Money(Decimal(0), self.currency)
        if _sum((line.amount for line in self.lines), zero) != self.net_total:
            raise ValueError(f"{self.number}: the lines do not add up to the net total.")
        if _sum((s.base for s in self.tax_summaries), zero) != self.net_total:
            raise ValueError(f"{self.number}: the taxable bases do not add up to the net.")
        if _sum((s.tax for s in self.tax_summaries), zero) != self.tax_total:
            raise ValueError(f"{self.number}: the tax per rate does not add up to the tax.")
        if self.net_total + self.tax_total != self.total:
            raise ValueError(f"{self.number}: net plus tax is not the total.")

    def _check_currency(self, amounts: Iterable[Money]) -> None:
        wrong = {money.currency for money in amounts} - {self.currency}
        if wrong:
            raise ValueError(f"{self.number} is in {self.currency}; it holds {sorted(wrong)}.")


@dataclass(frozen=True, kw_only=True)
class InvoiceDocument(_Document):
    """An issued (or previewed) invoice.

    Attributes:
        due_date: When payment is due.
        terms: Payment terms as printed, e.g. "Net 30".
        bank: Where payments go.
        amount_paid: Sum of recorded payments (zero when none).
        balance_due: Total less payments and credits.
        reverse_charge: Whether the buyer accounts for VAT (EU reverse charge); the
            wording is in ``tax_note``.
        remittance_note: How to pay and what to quote, e.g. "Please quote the invoice
            number INV-2027-0001 with your payment."
        is_draft: Printed with a "DRAFT" mark (previews before issuing).
        facturx: Issued with the Factur-X XML embedded (never for drafts).
    """

    kind: ClassVar[str] = "invoice"

    due_date: dt.date
    terms: str = "Net 30"
    bank: BankDetails = field(default_factory=BankDetails)
    amount_paid: Money | None = None
    balance_due: Money | None = None
    reverse_charge: bool = False
    remittance_note: str = ""
    is_draft: bool = False
    facturx: bool = False

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.due_date < self.issue_date:
            raise ValueError(f"{self.number}: the due date is before the issue date.")
        if (self.amount_paid is None) != (self.balance_due is None):
            raise ValueError(f"{self.number}: give both amount paid and balance due, or neither.")
        if self.amount_paid is not None and self.balance_due is not None:
            self._check_currency([self.amount_paid, self.balance_due])
            if self.balance_due.amount < 0 or self.amount_paid.amount < 0:
                raise ValueError(f"{self.number}: paid and balance cannot be negative.")
            if self.amount_paid + self.balance_due > self.total:
                raise ValueError(f"{self.number}: paid plus balance exceeds the total.")

    @property
    def payable(self) -> Money:
        """What the buyer still has to pay: the balance when payments exist, else the total."""
        return self.balance_due if self.balance_due is not None else self.total


@dataclass(frozen=True, kw_only=True)
class QuoteDocument(_Document):
    """A quote: the same parties and lines as an invoice, valid until a date.

    Attributes:
        valid_until: Last day the quoted prices hold.
    """

    kind: ClassVar[str] = "quote"

    valid_until: dt.date

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.valid_until < self.issue_date:
            raise ValueError(f"{self.number}: valid until is before the issue date.")


@dataclass(frozen=True, kw_only=True)
class CreditNoteDocument(_Document):
    """A credit note correcting an issued invoice (amounts positive: what is credited).

    Attributes:
        corrected_invoice: Number of the invoice this credit note corrects.
        corrected_invoice_date: Issue date of that invoice.
        reason: Why credit is given (required).
        facturx: Issued with the Factur-X XML embedded.
    """

    kind: ClassVar[str] = "credit note"

    corrected_invoice: str
    corrected_invoice_date: dt.date
    reason: str
    facturx: bool = False

    def __post_init__(self) -> None:
        super().__post_init__()
        if not self.corrected_invoice.strip():
            raise ValueError(f"{self.number}: name the invoice the credit note corrects.")
        if not self.reason.strip():
            raise ValueError(f"{self.number}: a credit note needs a reason.")


def _sum(values: Iterable[Money], start: Money) -> Money:
    total = start
    for value in values:
        total = total + value
    return total
