"""Changing an unissued document (invoice draft or draft quote): bill-to, currency, lines.

Validation happens before anything is written, so a refused change leaves the draft
exactly as it was.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain import validation as v
from ...domain.billing.lines import LineInput, parse_decimal
from ...domain.errors import ValidationError
from ...domain.money import Money
from ...persistence.ids import time_ordered_uuid
from ...persistence.models.billing import Invoice, InvoiceLine, Quote, QuoteLine
from .drafts import DraftLineSpec, exchange_rate_text, set_totals, validated_lines
from .line_rows import document_settings, fill_line

BILL_TO_FIELDS = (
    "bill_to_name", "bill_to_address_line1", "bill_to_address_line2", "bill_to_city",
    "bill_to_region", "bill_to_postal_code", "bill_to_country", "bill_to_email",
    "bill_to_contact", "buyer_vat_id", "buyer_reference", "notes",
)  # fmt: skip
EDITABLE_FIELDS = (*BILL_TO_FIELDS, "currency", "exchange_rate_to_usd", "lines")
_LIMITS = {"bill_to_name": 500, "buyer_reference": 100, "buyer_vat_id": 40, "notes": 5000}


def apply_draft_changes(
    session: Session, document: Invoice | Quote, changes: Mapping[str, Any]
) -> None:
    """Validate and apply changes to a draft document and recompute its totals.

    Raises:
        ValidationError: one message per refused field; nothing is changed.
    """
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable on a draft: {sorted(unknown)}")
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    for name in BILL_TO_FIELDS:
        if name in changes:
            try:
                values[name] = _clean(name, str(changes[name] or ""))
            except ValueError as error:
                errors[name] = str(error)
    currency = document.currency
    if "currency" in changes:
        try:
            currency = values["currency"] = v.currency_code(str(changes["currency"]))
        except ValueError as error:
            errors["currency"] = str(error)
    rate_raw = changes.get("exchange_rate_to_usd", document.exchange_rate_to_usd)
    try:
        rate = None if rate_raw in (None, "") else parse_decimal(rate_raw, "The exchange rate")
        values["exchange_rate_to_usd"] = exchange_rate_text(rate, currency)
    except ValueError as error:
        errors["exchange_rate_to_usd"] = str(error)
    except ValidationError as error:
        errors.update(error.field_errors)
    line_specs: Sequence[DraftLineSpec] | None = changes.get("lines")
    new_lines: list[LineInput] | None = None
    if line_specs is None and currency != document.currency:
        line_specs = _current_specs(session, document, currency)
    if line_specs is not None and not errors:
        default_rate = document_settings(session).default_tax_rate
        try:
            new_lines = validated_lines(
                [_line_input(spec, currency, default_rate) for spec in line_specs], currency
            )
        except ValidationError as error:
            errors.update(error.field_errors)
    if errors:
        raise ValidationError(errors)
    for name, value in values.items():
        if getattr(document, name) != value:
            setattr(document, name, value)
    if new_lines is not None and line_specs is not None:
        _replace_lines(session, document, new_lines, line_specs)


def document_line_rows(session: Session, document: Invoice | Quote) -> list[Any]:
    """The lines (not deleted) of a draft invoice or quote, in order."""
    if isinstance(document, Invoice):
        return list(
            session.scalars(
                select(InvoiceLine)
                .where(InvoiceLine.invoice_id == document.id, InvoiceLine.deleted.is_(False))
                .order_by(InvoiceLine.position)
            )
        )
    return list(
        session.scalars(
            select(QuoteLine)
            .where(QuoteLine.quote_id == document.id, QuoteLine.deleted.is_(False))
            .order_by(QuoteLine.position)
        )
    )


def _replace_lines(
    session: Session,
    document: Invoice | Quote,
    lines: list[LineInput],
    specs: Sequence[DraftLineSpec],
) -> None:
    old = document_line_rows(session, document)
    for old_row in old:
        old_row.deleted = True
    rows: list[Any] = []
    for position, (line, spec) in enumerate(zip(lines, specs, strict=True)):
        row: Any
        if isinstance(document, Invoice):
            row = InvoiceLine(id=time_ordered_uuid(), invoice_id=document.id)
        else:
            row = QuoteLine(id=time_ordered_uuid(), quote_id=document.id)
        row.fee_entry_id, row.term_id = spec.fee_entry_id, spec.term_id
        fill_line(row, position, line)
        rows.append(row)
    session.add_all(rows)
    set_totals(document, rows)


def _current_specs(
    session: Session, document: Invoice | Quote, currency: str
) -> list[DraftLineSpec]:
    """The current lines as specs in a new currency: the figures stay, the currency changes."""
    old = document.currency
    return [
        DraftLineSpec(
            description=row.description,
            quantity=Decimal(row.quantity),
            unit_price=Money(row.prices(old)[0].amount, currency),
            fee_entry_id=row.fee_entry_id,
            term_id=row.term_id,
            discount=Money(row.prices(old)[1].amount, currency),
            tax_rate=Decimal(row.tax_rate),
        )
        for row in document_line_rows(session, document)
    ]


def _line_input(spec: DraftLineSpec, currency: str, default_rate: Decimal) -> LineInput:
    discount = spec.discount or Money(Decimal(0), currency)
    rate = default_rate if spec.tax_rate is None else spec.tax_rate
    return LineInput(spec.description, spec.quantity, spec.unit_price, discount, rate)


def _clean(name: str, raw: str) -> str:
    value = v.clean_text(raw)
    if name == "bill_to_name":
        value = v.required(value, "The bill-to name")
    elif name == "bill_to_country" and value:
        value = v.country_code(value)
    elif name == "bill_to_email" and value:
        value = v.email_address(value)
    limit = _LIMITS.get(name, 200)
    if len(value) > limit:
        raise ValueError(f"At most {limit} characters.")
    return value
