"""Listing quotes and invoices on the command line as JSON: the fields both have.

Both lists print the same fields of a document the same way (amounts as exact decimal
strings), then what only their kind has.
"""

from __future__ import annotations

from typing import Any

from ..domain.formatting import plain_amount
from ..services.billing.records import DocumentSummary


def document_json(row: DocumentSummary) -> dict[str, Any]:
    """The fields every quote and invoice has, as JSON values."""
    return {
        "id": str(row.id),
        "number": row.number,
        "organization": row.organization,
        "status": row.status,
        "currency": row.currency,
        "total": plain_amount(row.total),
    }
