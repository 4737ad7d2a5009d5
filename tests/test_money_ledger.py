"""Payments register and reversals, credit balances (refunds, applied credit), issue dates."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ptf_desktop.domain.billing.aging import AgingBucket
from ptf_desktop.domain.billing.issue_dates import IssueDateRefused
from ptf_desktop.domain.billing.settlement import PaymentRefused
from ptf_desktop.services.billing.credit_note_service import CreditNoteService
from ptf_desktop.services.billing.credit_service import CreditRefused, CreditService
from ptf_desktop.services.billing.invoice_records import NotFound
from ptf_desktop.services.billing.invoice_service import InvoiceService
from ptf_desktop.services.billing.payment_service import PaymentService
from ptf_desktop.services.billing.receivables import ReceivablesService
from ptf_desktop.services.dashboard.dashboard_service import DashboardService

from helpers.billing import add_organization, membership_spec, usd

# The services work the same on the team server's PostgreSQL.
pytestmark = pytest.mark.both_databases

TODAY = date(2027, 2, 1)
TRICKY = [
    line.strip()
    for line in (Path(__file__).parent / "data" / "tricky-organization-names.txt")
    .read_text(encoding="utf-8")
    .splitlines()
    if line.strip() and not line.startswith("#")
]


@pytest.fixture
def invoices(context: Any) -> InvoiceService:
    return InvoiceService(context.factories, today=lambda: TODAY)


@pytest.fixture
def payments(context: Any) -> PaymentService:
    return PaymentService(context.factories, today=lambda: TODAY)


@pytest.fixture
def credits(context: Any) -> CreditService:
    return CreditService(context.factories, today=lambda: TODAY)


def issue(invoices: InvoiceService, organization_id: Any, amount: str, on: date) -> str:
    number = invoices.issue(
        invoices.create_draft(membership_spec(organization_id, amount)), on
    ).number
    assert number is not None
    return number


def test_a_mistaken_payment_is_found_in_the_register_and_reversed_with_a_reason(
    context: Any, invoices: InvoiceService, payments: PaymentService
) -> None:
    name = TRICKY[3]
    org = add_organization(context, name)
    number = issue(invoices, org, "1000", date(2027, 1, 4))
    payments.record(number, "1000", date(2027, 1, 5), reference="WIRE-7781")
    register = payments.register("wire-7781")
    assert [(p.invoice_number, p.organization, p.amount) for p in register] == [
        (number, name, usd("1000"))
    ]
    assert register[0].recorded_by == context.actor

    reversal = payments.reverse(register[0].short_id, "Recorded against the wrong invoice")

    assert reversal.amount == usd("-1000")
    assert reversal.reverses == register[0].id
    summary = invoices.find(number).summary
    assert (summary.status, summary.balance) == ("issued", usd("1000"))
    rows = payments.list(summary.id)
    assert [(p.amount, p.reversed_by is not None, p.reason) for p in rows] == [
        (usd("1000"), True, ""),
        (usd("-1000"), False, "Recorded against the wrong invoice"),
    ]
    assert payments.register(invoice_number=number)[0].id == reversal.id
    history = context.audit.history(entity_type="payment", entity_id=reversal.id)
    audited = {record.field: record.new_value for record in history}
    assert audited["reason"] == "Recorded against the wrong invoice"
    assert "reverses_payment_id" in audited


def test_a_reversal_needs_a_reason_and_happens_once(
    context: Any, invoices: InvoiceService, payments: PaymentService
) -> None:
    number = issue(invoices, add_organization(context), "500", date(2027, 1, 4))
    paid = payments.record(number, "500", date(2027, 1, 5))
    entry = payments.list(paid.id)[0]
    with pytest.raises(PaymentRefused, match="Say why"):
        payments.reverse(entry.id, "  ")
    reversal = payments.reverse(entry.id, "Bounced")
    with pytest.raises(PaymentRefused, match="already reversed"):
        payments.reverse(entry.short_id, "again")
    with pytest.raises(PaymentRefused, match="itself a reversal"):
        payments.reverse(reversal.id, "undo")
    with pytest.raises(NotFound, match="at least its last 8"):
        payments.reverse("abc", "x")


def test_a_credit_note_on_a_paid_invoice_becomes_a_credit_balance_not_a_negative_balance(
    context: Any, invoices: InvoiceService, payments: PaymentService, credits: CreditService
) -> None:
    org = add_organization(context, "Acme Robotics GmbH")
    number = issue(invoices, org, "10000", date(2027, 1, 4))
    payments.record(number, "10000", date(2027, 1, 6))
    CreditNoteService(context.factories, today=lambda: TODAY).create(number, "Duplicate", "4000")

    summary = invoices.find(number).summary
    assert (summary.status, summary.balance, summary.excess) == ("paid", usd("0"), usd("4000"))
    assert [(c.organization, c.amount) for c in credits.balances()] == [
        ("Acme Robotics GmbH", usd("4000"))
    ]
    aging = ReceivablesService(context.factories).aging(TODAY)
    assert [(row.organization, row.total, row.credit) for row in aging] == [
        ("Acme Robotics GmbH", usd("0"), usd("4000"))
    ]
    figures = DashboardService(context.factories).figures(TODAY)
    assert (figures.credit_balances.count, figures.credit_balances.amounts) == (1, (usd("4000"),))


def test_credit_is_refunded_or_applied_to_another_invoice_and_never_beyond_what_is_held(
    context: Any, invoices: InvoiceService, payments: PaymentService, credits: CreditService
) -> None:
    org = add_organization(context)
    first = issue(invoices, org, "1000", date(2027, 1, 4))
    second = issue(invoices, org, "700", date(2027, 1, 5))
    with pytest.raises(PaymentRefused, match="Overpayment refused"):
        payments.record(first, "1500", date(2027, 1, 6))
    payments.record(first, "1500", date(2027, 1, 6), keep_excess=True)
    assert credits.balances()[0].amount == usd("500")

    applied = credits.apply(second, "300")
    assert (applied.paid, applied.balance, applied.status) == (
        usd("300"),
        usd("400"),
        "partially paid",
    )
    assert credits.balances()[0].amount == usd("200")
    with pytest.raises(CreditRefused, match="more than the credit balance of USD 200.00"):
        credits.refund(org, "250", "USD", TODAY)
    refund = credits.refund(org, "200", "USD", TODAY, method="Bank transfer", reference="RF-1")
    assert (refund.amount, refund.method, refund.reference) == (usd("200"), "bank transfer", "RF-1")
    assert refund.recorded_by == context.actor
    assert credits.balances() == []
    with pytest.raises(CreditRefused, match="no credit balance"):
        credits.apply(second)
    # The overpayment's excess is spent: reversing it would leave a negative credit.
    entry = next(p for p in payments.register(invoice_number=first))
    with pytest.raises(PaymentRefused, match="already refunded or applied"):
        payments.reverse(entry.id, "Bank recalled it")
    assert [r.reference for r in credits.refunds(org)] == ["RF-1"]
    # Applied credit is no money received: only the 1,500 that came in is collected.
    figures = DashboardService(context.factories).figures(TODAY)
    assert figures.collected_this_year == (usd("1500"),)


def test_aging_still_ages_what_is_owed_next_to_a_credit(
    context: Any, invoices: InvoiceService, payments: PaymentService
) -> None:
    org = add_organization(context)
    issue(invoices, org, "800", date(2027, 1, 1))
    paid = issue(invoices, org, "100", date(2027, 1, 2))
    payments.record(paid, "150", date(2027, 1, 3), keep_excess=True)
    (row,) = ReceivablesService(context.factories).aging(date(2027, 2, 15))
    assert row.buckets[AgingBucket.DAYS_1_30] == usd("800")
    assert row.credit == usd("50")


def test_numbers_follow_issue_dates_within_a_series(context: Any, invoices: InvoiceService) -> None:
    org = add_organization(context)
    issue(invoices, org, "100", date(2026, 12, 7))
    late = invoices.create_draft(membership_spec(org, "100"))
    with pytest.raises(
        IssueDateRefused, match=r"INV-2026-0001 was issued on 2026-12-07.*2026-01-15"
    ):
        invoices.issue(late, date(2026, 1, 15))
    assert invoices.get(late).summary.number is None
    # Another year is another series: its own order.
    assert invoices.issue(late, date(2027, 1, 2)).number == "INV-2027-0001"


def test_nothing_is_issued_or_credited_into_closed_books(
    context: Any, invoices: InvoiceService
) -> None:
    org = add_organization(context)
    number = issue(invoices, org, "100", date(2025, 12, 1))
    context.settings.save({"books_closed_through": "2025-12-31"})
    draft = invoices.create_draft(membership_spec(org, "100"))
    with pytest.raises(IssueDateRefused, match="books are closed through 2025-12-31"):
        invoices.issue(draft, date(2025, 12, 31))
    notes = CreditNoteService(context.factories, today=lambda: date(2025, 12, 20))
    with pytest.raises(IssueDateRefused, match="credit note cannot be issued on 2025-12-20"):
        notes.create(number, "Wrong amount")
    assert invoices.issue(draft, date(2026, 1, 1)).number == "INV-2026-0001"


def test_the_closing_date_setting_refuses_what_is_not_a_date(context: Any) -> None:
    from ptf_desktop.domain.errors import ValidationError

    with pytest.raises(ValidationError, match="YYYY-MM-DD"):
        context.settings.save({"books_closed_through": "31/12/2025"})
    context.settings.save({"books_closed_through": " 2025-12-31 "})
    assert context.settings.load().books_closed_through == "2025-12-31"
