"""What to tell a person before an invoice is issued: problems that do not stop it.

An invoice in a currency other than USD, or to a member abroad, is paid by wire: it needs
the foundation's IBAN and SWIFT/BIC. Without them the invoice shows only the US account
and ABA routing number, which a payer abroad cannot use; the window says so before the
number is taken (the settings can still be completed first).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from ...domain.foundation_settings import FoundationSettings
from ...persistence.models.billing import Invoice
from .document_builder import foundation_settings


def wire_details_missing(invoice: Invoice, seller: FoundationSettings) -> str | None:
    """The warning for a wire-paid invoice without IBAN or SWIFT/BIC, or None."""
    abroad = invoice.bill_to_country.upper() not in ("", seller.country.upper())
    if invoice.currency == "USD" and not abroad:
        return None
    missing = [name for name, value in (("IBAN", seller.iban), ("SWIFT/BIC", seller.swift_bic))
               if not value.strip()]  # fmt: skip
    if not missing:
        return None
    from ...documents.addresses import country_name

    where = f" to a member in {country_name(invoice.bill_to_country)}" if abroad else ""
    return (
        f"This invoice in {invoice.currency}{where} is paid by wire, but the foundation's "
        f"{' and '.join(missing)} {'are' if len(missing) > 1 else 'is'} not in Settings > Bank "
        "details: it would show only the US account and ABA routing number."
    )


def issue_warnings(session: Session, invoice: Invoice) -> tuple[str, ...]:
    """Every warning about issuing this draft as it stands (empty when none)."""
    warning = wire_details_missing(invoice, foundation_settings(session))
    return (warning,) if warning else ()
