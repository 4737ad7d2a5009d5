"""Totals the server works out itself: an issued invoice's paid and credited sums and status.

A laptop stores ``paid_minor``, ``credited_minor`` and ``status`` on the invoice when it
records a payment or a credit note, but two laptops recording payments on the same
invoice offline would each send their own sum. The server therefore takes these fields
from no client once an invoice is issued: after each batch it sums the invoice's
payments and credit notes and derives the status with the domain's rule, and the
laptops pull the result like any other change.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import Connection, text

from ptf_desktop.domain.billing.statuses import invoice_status
from ptf_desktop.domain.money import Money

# Fields of an issued invoice that follow from its payments and credit notes.
DERIVED_INVOICE_FIELDS = frozenset({"paid_minor", "credited_minor", "status"})
# Tables whose rows move an invoice's totals, and the column naming the invoice.
INVOICE_MOVERS = {"payments": "invoice_id", "credit_notes": "invoice_id"}

# The stored status never says overdue (that follows from the day it is read), so the
# day it is derived for does not matter.
_ANY_DAY = date(2000, 1, 1)
_SUMS = text(
    """
    SELECT i.id, i.status, i.paid_minor, i.credited_minor, i.total_minor, i.currency,
           coalesce((SELECT sum(p.amount_minor) FROM payments p
                     WHERE p.invoice_id = i.id AND NOT p.deleted), 0) AS paid,
           coalesce((SELECT sum(c.total_minor) FROM credit_notes c
                     WHERE c.invoice_id = i.id AND NOT c.deleted), 0) AS credited
    FROM invoices i
    WHERE i.id = ANY(:ids) AND i.number IS NOT NULL
    """
)
_WRITE = text(
    "UPDATE invoices SET paid_minor = :paid, credited_minor = :credited, status = :status "
    "WHERE id = :id"
)


def without_derived(table_name: str, server: dict[str, Any] | None,
                    fields: dict[str, Any]) -> dict[str, Any]:  # fmt: skip
    """A change's fields without those the server derives itself (issued invoices)."""
    if table_name != "invoices" or server is None or server.get("number") is None:
        return fields
    # Back to draft follows from no payment: that move stays for the rules to refuse.
    return {
        name: value
        for name, value in fields.items()
        if name not in DERIVED_INVOICE_FIELDS or (name == "status" and value == "draft")
    }


def recompute_invoices(
    connection: Connection,
    invoice_ids: Iterable[uuid.UUID],
    disputed: Iterable[uuid.UUID] = (),
) -> int:
    """Write the sums and status that the payments and credit notes give; returns how many.

    Only invoices whose stored values differ are written (each write is a change the
    laptops pull), and the ``disputed`` ones: a device sent other totals than the
    server's, and the write sends it the server's row again.
    """
    rewrite = set(disputed)
    ids = list(set(invoice_ids) | rewrite)
    if not ids:
        return 0
    moved = []
    for row in connection.execute(_SUMS, {"ids": ids}):
        status = invoice_status(
            issued=True, total=Money.from_minor_units(row.total_minor, row.currency),
            paid=Money.from_minor_units(row.paid, row.currency),
            credited=Money.from_minor_units(row.credited, row.currency),
            due_date=None, today=_ANY_DAY,
        ).value  # fmt: skip
        stored = (row.paid_minor, row.credited_minor, row.status)
        if (row.paid, row.credited, status) != stored or row.id in rewrite:
            moved.append({"id": row.id, "paid": row.paid, "credited": row.credited,
                          "status": status})  # fmt: skip
    if moved:
        connection.execute(_WRITE, moved)
    return len(moved)
