"""Adding draft invoices inside a caller's transaction (as preparing renewals does)."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from ptf_desktop.domain.errors import UserError, ValidationError
from ptf_desktop.persistence.models.billing import Invoice, InvoiceLine
from ptf_desktop.services.billing.drafts import DraftInvoiceSpec, DraftLineSpec
from ptf_desktop.services.billing.invoice_service import add_draft_invoice

from helpers.billing import add_organization, membership_spec, usd

# The services work the same on the team server's PostgreSQL.
pytestmark = pytest.mark.both_databases


def _count(context: Any, model: type) -> int:
    with context.factories.read.begin() as session:
        return int(session.scalar(select(func.count()).select_from(model)))


def test_a_draft_is_added_in_the_callers_transaction_with_the_bill_to_snapshot(
    context: Any,
) -> None:
    organization_id = add_organization(context, "AT&T <Holding> Inc.", vat_id="DE136695976")
    spec = membership_spec(organization_id, renewal_year=2027)
    with context.factories.write.begin() as session:
        invoice_id = add_draft_invoice(session, spec)
        # Not committed yet: another connection does not see it.
        assert _count(context, Invoice) == 0
    details = context.invoices.get(invoice_id)
    assert details.summary.status == "draft"
    assert details.summary.number is None
    assert details.bill_to.name == "AT&T <Holding> Inc."
    assert details.bill_to.vat_id == "DE136695976"
    assert (details.bill_to.city, details.bill_to.country) == ("Berlin", "DE")
    assert details.renewal_year == 2027
    assert details.summary.total == usd("35000")
    assert details.lines[0].description == "General membership, 2027-01-01 to 2027-12-31"


def test_drafts_of_a_run_roll_back_together(context: Any) -> None:
    organization_id = add_organization(context)
    with pytest.raises(RuntimeError), context.factories.write.begin() as session:
        add_draft_invoice(session, membership_spec(organization_id))
        add_draft_invoice(session, membership_spec(organization_id))
        raise RuntimeError("the run failed half-way")
    assert _count(context, Invoice) == 0
    assert _count(context, InvoiceLine) == 0


def test_a_bad_line_is_refused_per_line_and_nothing_is_added(context: Any) -> None:
    organization_id = add_organization(context)
    lines = (
        DraftLineSpec("Membership", Decimal(1), usd("100")),
        DraftLineSpec("", Decimal(0), usd("-1")),
    )
    spec = DraftInvoiceSpec(organization_id, "USD", lines)
    with pytest.raises(ValidationError) as error, context.factories.write.begin() as session:
        add_draft_invoice(session, spec)
    assert set(error.value.field_errors) == {
        "lines[1].description",
        "lines[1].quantity",
        "lines[1].unit_price",
    }
    assert _count(context, Invoice) == 0


def test_an_unknown_organization_is_refused(context: Any) -> None:
    with pytest.raises(UserError, match="organization no longer exists"):
        with context.factories.write.begin() as session:
            add_draft_invoice(session, membership_spec(uuid.uuid4()))
