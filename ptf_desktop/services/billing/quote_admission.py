"""The invoice of an accepted membership quote admits its organization (register.admission)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy.orm import Session

from ...persistence.models import Organization
from ...persistence.models.billing import Invoice, InvoiceLine, Quote
from ..register.admission import admit_from_lines
from .invoice_records import invoice_lines


def admit_quoted_member(
    session: Session, invoice: Invoice, on: date, lines: Sequence[InvoiceLine] | None = None
) -> None:
    """Make the quote's organization a member for the quoted period, if it is a membership.

    Args:
        session: the caller's write session.
        invoice: the invoice made from an accepted quote.
        on: the day of acceptance (or of issue, for a quote accepted earlier).
        lines: the invoice's lines when not yet flushed; read from the session when None.
    """
    organization = session.get(Organization, invoice.organization_id)
    quote = session.get(Quote, invoice.quote_id) if invoice.quote_id else None
    if organization is None or quote is None:
        return
    source = f"Quote {quote.number or ''} accepted".replace("  ", " ")
    admit_from_lines(
        session, organization, lines if lines is not None else invoice_lines(session, invoice.id),
        on, source,
    )  # fmt: skip
