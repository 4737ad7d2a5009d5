"""Converting between stored document lines and the domain's LineInput, and document totals."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy.orm import Session

from ...domain.billing.lines import DocumentTotals, LineInput, document_totals
from ...domain.billing.tax_settings import DocumentSettings
from ...persistence.models import SETTINGS_ROW_ID, FoundationSettingsRow
from ...persistence.models.billing import CreditNoteLine, InvoiceLine, QuoteLine

StoredLine = InvoiceLine | QuoteLine | CreditNoteLine


def line_input(row: StoredLine, currency: str) -> LineInput:
    """The domain line of a stored line."""
    unit_price, discount = row.prices(currency)
    return LineInput(
        description=row.description,
        quantity=Decimal(row.quantity),
        unit_price=unit_price,
        discount=discount,
        tax_rate=Decimal(row.tax_rate),
    )


def fill_line(row: StoredLine, position: int, line: LineInput) -> None:
    """Copy a validated domain line onto a stored line (only changed values, for the audit)."""
    values = {
        "position": position,
        "description": line.description,
        "quantity": str(line.quantity),
        "tax_rate": str(line.tax_rate.normalize()) if line.tax_rate else "0",
    }
    for name, value in values.items():
        if getattr(row, name, None) != value:
            setattr(row, name, value)
    row.set_prices(line.unit_price, line.discount)


def totals_of(rows: Sequence[StoredLine], currency: str) -> DocumentTotals:
    """The totals of stored lines, in position order."""
    ordered = sorted(rows, key=lambda row: row.position)
    return document_totals([line_input(row, currency) for row in ordered], currency)


def document_settings(session: Session) -> DocumentSettings:
    """The tax and document settings stored with the foundation settings (defaults if none)."""
    row = session.get(FoundationSettingsRow, SETTINGS_ROW_ID)
    if row is None:
        return DocumentSettings()
    return DocumentSettings(
        default_tax_rate=Decimal(row.default_tax_rate),
        tax_exemption_wording=row.tax_exemption_wording,
        reverse_charge_wording=row.reverse_charge_wording,
        reverse_charge_enabled=row.reverse_charge_enabled,
        facturx_enabled=row.facturx_enabled,
    )
