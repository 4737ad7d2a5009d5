"""Listing quotes and invoices on the command line: as a table, or as JSON.

Both lists print the same fields of a document the same way (amounts as exact decimal
strings), then what only their kind has.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from ..domain.formatting import plain_amount
from ..services.billing.records import DocumentSummary
from .text_table import print_table

Row = TypeVar("Row", bound=DocumentSummary)


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


def print_documents(
    rows: Sequence[Row],
    *,
    as_json: Callable[[Row], dict[str, Any]] | None,
    noun: str,
    headers: Sequence[str],
    cells: Callable[[Row], list[str]],
    right: set[int],
) -> int:
    """Print the documents as JSON (when ``as_json`` is given) or as a table with a count."""
    if as_json is not None:
        print(json.dumps([as_json(row) for row in rows], ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print(f"No {noun}s.")
        return 0
    print_table(headers, [cells(row) for row in rows], right=right)
    print(f"{len(rows)} {noun}(s)")
    return 0
