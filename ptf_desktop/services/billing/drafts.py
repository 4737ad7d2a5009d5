"""Adding a draft invoice inside a transaction the caller owns.

Other use cases (preparing the year's renewals) add many drafts in one transaction of
their own, so this takes the caller's session instead of opening one. Drafts made here
are ordinary drafts: editable, then issued like any other.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from ...domain.billing.lines import LineInput, validate_line
from ...domain.errors import UserError, ValidationError
from ...domain.money import Money
from ...domain.validation import currency_code
from ...persistence.models import Organization
from ...persistence.models.billing import Invoice, Quote
from .line_rows import StoredLine, document_settings, totals_of


@dataclass(frozen=True)
class DraftLineSpec:
    """One line of a new draft invoice.

    Attributes:
        description: what is billed, e.g. "General membership, 2027-01-01 to 2027-12-31".
        quantity: how many units (usually 1).
        unit_price: price of one unit, in the invoice's currency.
        fee_entry_id: the fee schedule entry the price came from, if any.
        term_id: the membership term the line bills, if any.
        discount: amount off the line (None: no discount).
        tax_rate: percent (None: the default tax rate of the settings).
    """

    description: str
    quantity: Decimal
    unit_price: Money
    fee_entry_id: uuid.UUID | None = None
    term_id: uuid.UUID | None = None
    discount: Money | None = None
    tax_rate: Decimal | None = None


@dataclass(frozen=True)
class DraftInvoiceSpec:
    """A new draft invoice for one organization.

    Attributes:
        organization_id: who is billed; the bill-to details are copied from it.
        currency: ISO 4217 code of every amount on the invoice.
        lines: the lines, in order (at least one).
        renewal_year: the membership year a renewal invoice is for, if it is one.
        exchange_rate_to_usd: USD per unit of ``currency`` (needed before issuing non-USD).
        buyer_reference: the buyer's PO number or reference.
        notes: printed on the invoice.
    """

    organization_id: uuid.UUID
    currency: str
    lines: tuple[DraftLineSpec, ...] = field(default_factory=tuple)
    renewal_year: int | None = None
    exchange_rate_to_usd: Decimal | None = None
    buyer_reference: str = ""
    notes: str = ""


@dataclass(frozen=True)
class PreparedDocument:
    """What a new quote or invoice is made of, validated: bill-to, currency, rate, lines."""

    bill_to: dict[str, Any]
    currency: str
    exchange_rate_to_usd: str | None
    lines: list[LineInput]


def prepare_document(
    session: Session,
    organization_id: uuid.UUID,
    currency: str,
    lines: Sequence[DraftLineSpec],
    exchange_rate_to_usd: Decimal | None,
) -> PreparedDocument:
    """Validate what a new document is made of, in the caller's session.

    Raises:
        UserError: the organization does not exist or was deleted.
        ValidationError: the currency, a line or the exchange rate is refused.
    """
    organization = session.get(Organization, organization_id)
    if organization is None or organization.deleted:
        raise UserError("The organization no longer exists; it may have been deleted.")
    currency = checked_currency(currency)
    default_rate = document_settings(session).default_tax_rate
    validated = validated_lines(line_inputs(lines, currency, default_rate), currency)
    return PreparedDocument(
        bill_to=bill_to_of(organization),
        currency=currency,
        exchange_rate_to_usd=exchange_rate_text(exchange_rate_to_usd, currency),
        lines=validated,
    )


def checked_currency(code: str) -> str:
    """The currency code, checked.

    Raises:
        ValidationError: not a currency code (keyed "currency").
    """
    try:
        return currency_code(code)
    except ValueError as error:
        raise ValidationError({"currency": str(error)}) from None


def line_inputs(
    lines: Sequence[DraftLineSpec], currency: str, default_rate: Decimal
) -> list[LineInput]:
    """The lines as the line rules take them: no discount is zero, no rate the default."""
    return [
        LineInput(
            description=line.description,
            quantity=line.quantity,
            unit_price=line.unit_price,
            discount=line.discount or Money(Decimal(0), currency),
            tax_rate=default_rate if line.tax_rate is None else line.tax_rate,
        )
        for line in lines
    ]


def validated_lines(lines: list[LineInput], currency: str) -> list[LineInput]:
    """Validate every line; all problems are reported together, keyed ``lines[i].field``.

    Raises:
        ValidationError: at least one line is refused, or there is no line at all.
    """
    if not lines:
        raise ValidationError({"lines": "A document needs at least one line."})
    errors: dict[str, str] = {}
    cleaned: list[LineInput] = []
    for index, line in enumerate(lines):
        try:
            cleaned.append(validate_line(line, currency))
        except ValidationError as error:
            errors.update({f"lines[{index}].{k}": m for k, m in error.field_errors.items()})
    if errors:
        raise ValidationError(errors)
    return cleaned


def exchange_rate_text(rate: Decimal | None, currency: str) -> str | None:
    """The stored exchange rate: None for USD, else a positive Decimal string.

    Raises:
        ValidationError: a rate that is not positive, or a rate given for USD.
    """
    if currency == "USD":
        if rate is not None and rate != 1:
            raise ValidationError({"exchange_rate_to_usd": "A USD document has no exchange rate."})
        return None
    if rate is None:
        return None
    if not rate.is_finite() or rate <= 0:
        raise ValidationError({"exchange_rate_to_usd": "The exchange rate must be more than 0."})
    return str(rate.normalize())


def bill_to_of(organization: Organization) -> dict[str, Any]:
    """The bill-to snapshot of an organization, as document columns."""
    # The stored label is "Name <e-mail>" (or just a name): the name goes after "Attn:".
    contact, email = organization.billing_contact, ""
    if "<" in contact:
        contact, email = contact.rsplit("<", 1)
        email = email.rstrip(">")
    return {
        "organization_id": organization.id,
        "bill_to_name": organization.legal_name or organization.display_name,
        "bill_to_address_line1": organization.address_line1,
        "bill_to_address_line2": organization.address_line2,
        "bill_to_city": organization.city,
        "bill_to_region": organization.region,
        "bill_to_postal_code": organization.postal_code,
        "bill_to_country": organization.country,
        "bill_to_email": email.strip(),
        "bill_to_contact": contact.strip(),
        "buyer_vat_id": organization.vat_id,
    }


def set_totals(document: Invoice | Quote, rows: Sequence[StoredLine]) -> None:
    """Store the net, tax and total of a document's lines on the document row."""
    totals = totals_of(rows, document.currency)
    document.net, document.tax, document.total = totals.net, totals.tax, totals.total
