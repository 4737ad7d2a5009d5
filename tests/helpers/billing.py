"""Shared helpers of the billing tests: an organization to bill and draft specs."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from ptf_desktop.domain.money import Money
from ptf_desktop.services.billing.drafts import DraftInvoiceSpec, DraftLineSpec


def usd(text: str) -> Money:
    return Money(Decimal(text), "USD")


def add_organization(context: Any, name: str = "Acme Robotics GmbH", **fields: Any) -> uuid.UUID:
    raw = {
        "display_name": name,
        "org_type": "commercial",
        "country": "DE",
        "employees": "1200",
        "address_line1": "Hauptstr. 1",
        "city": "Berlin",
        "postal_code": "10115",
        **fields,
    }
    organization_id: uuid.UUID = context.organizations.create(raw)
    return organization_id


def membership_spec(
    organization_id: uuid.UUID, amount: str = "35000", **extra: Any
) -> DraftInvoiceSpec:
    line = DraftLineSpec(
        description="General membership, 2027-01-01 to 2027-12-31",
        quantity=Decimal(1),
        unit_price=usd(amount),
    )
    return DraftInvoiceSpec(organization_id=organization_id, currency="USD", lines=(line,), **extra)


SELLER_SETTINGS = {
    "tax_id": "46-0825839",
    "billing_email": "billing@pytorch.example",
    "bank_name": "Example Bank",
    "bank_account": "000123456789",
    "aba_routing": "021000021",
    "iban": "DE89 3704 0044 0532 0130 00",
    "swift_bic": "COBADEFFXXX",
}


def configure_seller(context: Any) -> None:
    """The foundation's tax ID and bank details, which an e-invoice needs."""
    context.settings.save(SELLER_SETTINGS)
