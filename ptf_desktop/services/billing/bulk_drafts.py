"""Making draft invoices: the one way a draft invoice row and its lines are written.

One draft (``add_draft_invoice``, the invoices screen) or fifty thousand (preparing a
year's renewals) go through ``add_draft_invoices``: the same validation (currency, lines,
exchange rate, the organization exists), the same bill-to snapshot, the same totals, the
same rows. Rows go in through the bulk writer (persistence/bulk_writer.py): at the size
of a renewal run the ORM would take minutes. The audit trail gets the entries the ORM
records for the same rows (persistence/audit.py): one per created draft, holding its
fields and its lines'.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.billing.lines import LineInput, document_totals
from ...domain.errors import UserError
from ...persistence.audit import Change, created_rows, part_documents, write_changes
from ...persistence.base import utc_now
from ...persistence.bulk_writer import insert_rows
from ...persistence.ids import time_ordered_uuid
from ...persistence.models import Organization
from ...persistence.models.billing import Invoice, InvoiceLine
from .drafts import (
    DraftInvoiceSpec,
    bill_to_of,
    checked_currency,
    exchange_rate_text,
    line_inputs,
    validated_lines,
)
from .line_rows import document_settings

# What bill_to_of reads of an organization.
_BILL_TO_COLUMNS = (
    Organization.id, Organization.legal_name, Organization.display_name,
    Organization.billing_contact, Organization.address_line1, Organization.address_line2,
    Organization.city, Organization.region, Organization.postal_code, Organization.country,
    Organization.vat_id,
)  # fmt: skip
_BILL_TO_FIELDS = (
    "organization_id", "bill_to_name", "bill_to_address_line1", "bill_to_address_line2",
    "bill_to_city", "bill_to_region", "bill_to_postal_code", "bill_to_country",
    "bill_to_email", "bill_to_contact", "buyer_vat_id",
)  # fmt: skip
_INVOICE_COLUMNS = (
    "id", *_BILL_TO_FIELDS, "currency", "exchange_rate_to_usd", "renewal_year",
    "buyer_reference", "notes", "net_minor", "tax_minor", "total_minor",
)  # fmt: skip
_LINE_COLUMNS = (
    "id", "invoice_id", "fee_entry_id", "term_id", "position", "description", "quantity",
    "unit_price_minor", "discount_minor", "tax_rate",
)  # fmt: skip
# Organizations looked up per query: below SQLite's limit of bound parameters.
_LOOKUP_CHUNK = 5000

# Per distinct set of lines: each line's values (position onwards) and the totals (net,
# tax, total) in minor units.
_Priced = tuple[list[tuple[Any, ...]], tuple[int, int, int]]


def add_draft_invoices(session: Session, specs: Sequence[DraftInvoiceSpec]) -> list[uuid.UUID]:
    """Add draft invoices in the caller's transaction (written, not committed).

    Args:
        session: a write session inside the caller's transaction.
        specs: one per draft.

    Returns:
        The new drafts' ids, in the order of ``specs``.

    Raises:
        UserError: an organization does not exist or was deleted; nothing is added.
        ValidationError: the currency, a line or the exchange rate is refused (keys such
            as ``lines[0].quantity``); nothing is added.
    """
    if not specs:
        return []
    # The rows are read and written without the ORM: the caller's pending changes first.
    session.flush()
    bill_to = _bill_to(session, {spec.organization_id for spec in specs})
    default_rate = document_settings(session).default_tax_rate
    priced: dict[tuple[Any, ...], _Priced] = {}
    ids: list[uuid.UUID] = []
    invoices: list[tuple[Any, ...]] = []
    lines: list[tuple[Any, ...]] = []
    currencies: dict[str, str] = {}
    for spec in specs:
        currency = currencies.get(spec.currency) or currencies.setdefault(
            spec.currency, checked_currency(spec.currency)
        )
        rate = exchange_rate_text(spec.exchange_rate_to_usd, currency)
        line_values, totals = _priced(spec, currency, default_rate, priced)
        key = time_ordered_uuid()
        ids.append(key)
        invoices.append(
            (key, *bill_to[spec.organization_id], currency, rate, spec.renewal_year,
             spec.buyer_reference.strip(), spec.notes.strip(), *totals)
        )  # fmt: skip
        for values, line_spec in zip(line_values, spec.lines, strict=True):
            lines.append(
                (time_ordered_uuid(), key, line_spec.fee_entry_id, line_spec.term_id, *values)
            )  # fmt: skip
    connection = session.connection()
    now = utc_now()
    timestamps = {"created_at": now, "updated_at": now}
    insert_rows(connection, Invoice, _INVOICE_COLUMNS, invoices, timestamps)
    insert_rows(connection, InvoiceLine, _LINE_COLUMNS, lines, timestamps)
    actor = str(session.info.get("actor", "unknown"))
    write_changes(connection, actor, _audit(invoices, lines), now)
    return ids


def _audit(invoices: list[tuple[Any, ...]], lines: list[tuple[Any, ...]]) -> list[Change]:
    """The entries the ORM records for these rows: one per draft, holding its lines."""
    # The lines are part of their draft: listed in its entry (persistence/audit.py).
    parts = part_documents(InvoiceLine, _LINE_COLUMNS, lines, "invoice_id")
    return created_rows(Invoice, _INVOICE_COLUMNS, invoices, "organization_id", parts=parts)


def _bill_to(session: Session, keys: set[uuid.UUID]) -> dict[uuid.UUID, tuple[Any, ...]]:
    """The bill-to columns of each organization, in ``_BILL_TO_FIELDS`` order."""
    found: dict[uuid.UUID, tuple[Any, ...]] = {}
    ordered = list(keys)
    for first in range(0, len(ordered), _LOOKUP_CHUNK):
        chunk = ordered[first : first + _LOOKUP_CHUNK]
        query = select(*_BILL_TO_COLUMNS).where(
            Organization.deleted.is_(False), Organization.id.in_(chunk)
        )
        for row in session.execute(query):
            values = bill_to_of(cast(Organization, row))  # a row with the columns it reads
            found[row.id] = tuple(values[name] for name in _BILL_TO_FIELDS)
    if len(found) != len(keys):
        raise UserError("The organization no longer exists; it may have been deleted.")
    return found


def _priced(
    spec: DraftInvoiceSpec, currency: str, default_rate: Decimal, priced: dict[Any, _Priced]
) -> _Priced:
    """Validated lines and totals, remembered: thousands of renewals share the same lines."""
    key = (currency, *((ln.description, ln.quantity, ln.unit_price, ln.discount,
                        ln.tax_rate) for ln in spec.lines))  # fmt: skip
    if key not in priced:
        validated = validated_lines(line_inputs(spec.lines, currency, default_rate), currency)
        totals = document_totals(validated, currency)
        priced[key] = (
            [_stored_line(position, line) for position, line in enumerate(validated)],
            (totals.net.minor_units, totals.tax.minor_units, totals.total.minor_units),
        )
    return priced[key]


def _stored_line(position: int, line: LineInput) -> tuple[Any, ...]:
    """A validated line's column values from ``position`` on, as billing's fill_line sets them."""
    return (
        position, line.description, str(line.quantity), line.unit_price.minor_units,
        line.discount.minor_units, str(line.tax_rate.normalize()) if line.tax_rate else "0",
    )  # fmt: skip
