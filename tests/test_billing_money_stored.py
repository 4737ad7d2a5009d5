"""Stored money adds up: payments and credit notes through the services, checked row by row."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from ptf_desktop.domain.errors import UserError
from ptf_desktop.domain.money import Money
from ptf_desktop.persistence.models.billing import CreditNote, Invoice, Payment
from ptf_desktop.services.billing.credit_note_service import CreditNoteService
from ptf_desktop.services.billing.drafts import DraftInvoiceSpec, DraftLineSpec
from ptf_desktop.services.billing.invoice_service import InvoiceService
from ptf_desktop.services.billing.payment_service import PaymentService
from ptf_desktop.services.context import open_context

from helpers.billing import add_organization

TODAY = date(2027, 6, 1)


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    context: Any = open_context(Path(tmp_path_factory.mktemp("money")) / "ptf.sqlite")
    context.organization_id = add_organization(context)
    yield context
    context.close()


lines = st.lists(
    st.tuples(
        st.integers(1, 5),  # quantity
        st.integers(1, 10**7),  # unit price in cents
        st.integers(0, 100),  # discount percent of the gross
        st.sampled_from([Decimal(0), Decimal(7), Decimal("19"), Decimal("21.5")]),
    ),
    min_size=1,
    max_size=4,
)
steps = st.lists(
    st.tuples(st.sampled_from(["pay", "credit", "cancel"]), st.integers(1, 10**8)), max_size=6
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(lines=lines, steps=steps)
def test_stored_totals_payments_and_credits_always_add_up(
    shared: Any, lines: list[tuple[int, int, int, Decimal]], steps: list[tuple[str, int]]
) -> None:
    invoices = InvoiceService(shared.factories, today=lambda: TODAY)
    payments = PaymentService(shared.factories, today=lambda: TODAY)
    credits = CreditNoteService(shared.factories, today=lambda: TODAY)
    specs = []
    for quantity, cents, percent, rate in lines:
        price = Money.from_minor_units(cents, "USD")
        discount = Money(Decimal(quantity) * price.amount * percent / 100, "USD")
        specs.append(
            DraftLineSpec("Line", Decimal(quantity), price, discount=discount, tax_rate=rate)
        )
    invoice_id = invoices.create_draft(
        DraftInvoiceSpec(shared.organization_id, "USD", tuple(specs))
    )
    number = invoices.issue(invoice_id, date(2027, 5, 1)).number
    assert number is not None
    for kind, cents in steps:
        amount = f"{Decimal(cents).scaleb(-2)}"
        try:
            if kind == "pay":
                payments.record(number, amount, TODAY)
            elif kind == "credit":
                credits.create(number, "Correction", amount)
            else:
                credits.create(number, "Cancelled")
        except UserError:
            pass  # refused: the checks below show nothing half-done was left behind

    details = invoices.get(invoice_id)
    summary = details.summary
    assert sum((line.net.amount for line in details.lines), Decimal(0)) == details.totals.net.amount
    assert details.totals.net + details.totals.tax == summary.total
    # What was paid and credited beyond the total is the member's credit (the excess).
    excess = summary.excess or summary.total - summary.total
    assert summary.paid + summary.credited + summary.balance == summary.total + excess
    assert summary.credited.amount <= summary.total.amount
    assert summary.paid.amount <= summary.total.amount
    with shared.factories.read.begin() as session:
        row = session.get_one(Invoice, invoice_id)
        paid = session.scalar(
            select(func.coalesce(func.sum(Payment.amount_minor), 0)).where(
                Payment.invoice_id == invoice_id
            )
        )
        credited = session.scalar(
            select(func.coalesce(func.sum(CreditNote.total_minor), 0)).where(
                CreditNote.invoice_id == invoice_id
            )
        )
        note_sums = session.execute(
            select(CreditNote.net_minor, CreditNote.tax_minor, CreditNote.total_minor).where(
                CreditNote.invoice_id == invoice_id
            )
        ).all()
    assert (row.paid_minor, row.credited_minor) == (paid, credited)
    assert all(net + tax == total for net, tax, total in note_sums)
    if summary.credited == summary.total and summary.total.amount > 0:
        assert summary.status == "credited"
    elif summary.balance.amount == 0:
        assert summary.status == "paid"
