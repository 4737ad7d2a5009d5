"""Refuse, before a number is taken, a quote or invoice whose buyer cannot be printed.

The document renderer refuses text that no bundled font can draw; checking the bill-to
fields here first means a refused document takes no number from its gapless series.
"""

from __future__ import annotations

from typing import Protocol

__all__ = ["refuse_unprintable_bill_to"]


class _BillTo(Protocol):
    bill_to_name: str
    bill_to_address_line1: str
    bill_to_address_line2: str
    bill_to_city: str
    bill_to_region: str
    bill_to_postal_code: str


def refuse_unprintable_bill_to(row: _BillTo, what: str) -> None:
    """Raise unless every character of the buyer's name and address can be printed.

    Args:
        row: A quote or invoice row.
        what: The document, for the message ("The invoice for ACME").

    Raises:
        UndrawableTextError: naming each such character and its script.
    """
    # Loaded only when a document is issued: the fonts are not needed at start-up.
    from ...documents.coverage import refuse_undrawable

    texts = (
        row.bill_to_name,
        row.bill_to_address_line1,
        row.bill_to_address_line2,
        row.bill_to_city,
        row.bill_to_region,
        row.bill_to_postal_code,
    )
    refuse_undrawable(texts, what=what)
