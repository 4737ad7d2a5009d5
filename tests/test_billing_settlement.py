"""Payments and credit notes against issued invoices; the aging report of what is left."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from ptf_desktop.domain.billing.aging import AgingBucket
from ptf_desktop.domain.billing.settlement import CreditRefused, PaymentRefused
from ptf_desktop.domain.errors import UserError, ValidationError
from ptf_desktop.domain.money import Money
from ptf_desktop.services.billing.credit_note_service import CreditNoteService
from ptf_desktop.services.billing.drafts import DraftInvoiceSpec, DraftLineSpec
from ptf_desktop.services.billing.invoice_records import NotFound
from ptf_desktop.services.billing.invoice_service import InvoiceService
from ptf_desktop.services.billing.payment_service import PaymentService
from ptf_desktop.services.billing.receivables import ReceivablesService

from helpers.billing import add_organization, membership_spec, usd

# The services work the same on the team server's PostgreSQL.
pytestmark = pytest.mark.both_databases

TODAY = date(2027, 1, 10)


@pytest.fixture
def invoices(context: Any) -> InvoiceService:
    return InvoiceService(context.factories, today=lambda: TODAY)


@pytest.fixture
def payments(context: Any) -> PaymentService:
    return PaymentService(context.factories, today=lambda: TODAY)


@pytest.fixture
def credits(context: Any) -> CreditNoteService:
    return CreditNoteService(context.factories, today=lambda: TODAY)


def issued(context: Any, invoices: InvoiceService, amount: str = "1000", **org: Any) -> str:
    invoice_id = invoices.create_draft(membership_spec(add_organization(context, **org), amount))
    number = invoices.issue(invoice_id, date(2027, 1, 4)).number
    assert number is not None
    return number


def test_payments_make_an_invoice_partially_paid_then_paid(
    context: Any, invoices: InvoiceService, payments: PaymentService
) -> None:
    number = issued(context, invoices)
    after_one = payments.record(number, "400.00", date(2027, 1, 5), reference="WIRE 1")
    assert (after_one.status, after_one.balance) == ("partially paid", usd("600"))
    after_two = payments.record(number, Decimal("600"), date(2027, 1, 9), method="Card")
    assert (after_two.status, after_two.balance) == ("paid", usd("0"))
    recorded = payments.list(after_two.id)
    assert [(p.amount, p.method, p.reference) for p in recorded] == [
        (usd("400"), "bank transfer", "WIRE 1"),
        (usd("600"), "card", ""),
    ]


@pytest.mark.parametrize(
    ("amount", "paid_on", "message"),
    [
        (
            "1000.01",
            date(2027, 1, 5),
            r"Overpayment refused: USD 1,000\.01 is more than the balance due of USD 1,000\.00",
        ),
        ("0", date(2027, 1, 5), "more than zero"),
        ("10.001", date(2027, 1, 5), "more than 2 decimals"),
        ("ten", date(2027, 1, 5), "must be a number"),
        ("10", date(2027, 1, 3), "before invoice INV-2027-0001 was issued"),
    ],
)
def test_a_refused_payment_says_why_and_changes_nothing(
    context: Any,
    invoices: InvoiceService,
    payments: PaymentService,
    amount: str,
    paid_on: date,
    message: str,
) -> None:
    number = issued(context, invoices)
    before = invoices.find(number)
    with pytest.raises(UserError, match=message):
        payments.record(number, amount, paid_on)
    assert invoices.find(number) == before


def test_a_draft_cannot_be_paid_and_an_unknown_number_is_named(
    context: Any, invoices: InvoiceService, payments: PaymentService
) -> None:
    draft = invoices.create_draft(membership_spec(add_organization(context)))
    with pytest.raises(PaymentRefused, match="draft invoice cannot be paid"):
        payments.record(draft, "1", TODAY)
    with pytest.raises(NotFound, match="no invoice numbered 'INV-1999-0001'"):
        payments.record("INV-1999-0001", "1", TODAY)


def test_partial_and_full_credit_notes_have_their_own_series(
    context: Any, invoices: InvoiceService, payments: PaymentService, credits: CreditNoteService
) -> None:
    number = issued(context, invoices)
    payments.record(number, "300", date(2027, 1, 5))
    partial = credits.create(number, "Wrong employee band", "200")
    assert (partial.number, partial.total, partial.invoice_number) == (
        "CN-2027-0001",
        usd("200"),
        number,
    )
    assert invoices.find(number).summary.balance == usd("500")
    full = credits.cancel(invoices.find(number).summary.id, "Membership withdrawn")
    assert (full.number, full.total) == ("CN-2027-0002", usd("800"))
    summary = invoices.find(number).summary
    assert (summary.status, summary.credited, summary.balance, summary.excess) == (
        "credited",
        usd("1000"),
        usd("0"),
        usd("300"),  # the payment is now the member's credit, to refund or apply
    )
    assert [n.number for n in credits.list()] == ["CN-2027-0001", "CN-2027-0002"]


def test_a_full_first_credit_mirrors_the_invoice_lines(
    context: Any, invoices: InvoiceService, credits: CreditNoteService
) -> None:
    number = issued(context, invoices)
    note = credits.create(number, "Issued to the wrong organization")
    assert note.total == usd("1000")
    assert invoices.find(number).summary.status == "credited"


@pytest.mark.parametrize(
    ("reason", "amount", "message"),
    [
        ("  ", "10", "needs a reason"),
        ("Too much", "1000.01", r"more than the uncredited total of USD 1,000\.00"),
        ("Negative", "-5", "more than zero"),
    ],
)
def test_a_refused_credit_note_says_why_and_changes_nothing(
    context: Any,
    invoices: InvoiceService,
    credits: CreditNoteService,
    reason: str,
    amount: str,
    message: str,
) -> None:
    number = issued(context, invoices)
    before = invoices.find(number)
    with pytest.raises(CreditRefused, match=message):
        credits.create(number, reason, amount)
    assert invoices.find(number) == before
    assert credits.list() == []
    # The refused note took no number: the next one is still the first of the series.
    assert credits.create(number, "Right reason", "1").number == "CN-2027-0001"


def test_a_partial_credit_with_tax_splits_into_net_and_tax_exactly(
    context: Any, invoices: InvoiceService, credits: CreditNoteService
) -> None:
    line = DraftLineSpec("Training", Decimal(1), usd("1000"), tax_rate=Decimal(19))
    invoice_id = invoices.create_draft(DraftInvoiceSpec(add_organization(context), "USD", (line,)))
    number = invoices.issue(invoice_id, date(2027, 1, 4)).number
    assert number is not None
    note = credits.create(number, "Discount agreed later", "119.00")
    assert note.total == usd("119")
    assert invoices.find(number).summary.balance == usd("1071")


def test_aging_by_organization(
    context: Any, invoices: InvoiceService, payments: PaymentService
) -> None:
    first = issued(context, invoices, "1000", name="Alpha Corp")
    issued(context, invoices, "500", name="Beta GmbH")
    payments.record(first, "250", date(2027, 1, 5))
    report = ReceivablesService(context.factories).aging(date(2027, 3, 20))
    assert [(r.organization, r.total) for r in report] == [
        ("Alpha Corp", usd("750")),
        ("Beta GmbH", usd("500")),
    ]
    # Due 2027-02-03; on 2027-03-20 that is 45 days late.
    assert report[0].buckets[AgingBucket.DAYS_31_60] == usd("750")
    assert ReceivablesService(context.factories).aging(date(2027, 2, 1))[0].buckets[
        AgingBucket.CURRENT
    ] == usd("750")


def test_money_in_a_currency_without_cents(
    context: Any, invoices: InvoiceService, payments: PaymentService
) -> None:
    line = DraftLineSpec("Sponsorship", Decimal(3), Money(Decimal("33333"), "JPY"))
    spec = DraftInvoiceSpec(
        add_organization(context), "JPY", (line,), exchange_rate_to_usd=Decimal("0.0067")
    )
    number = invoices.issue(invoices.create_draft(spec), date(2027, 1, 4)).number
    assert number is not None
    with pytest.raises(UserError, match="more than 0 decimals"):
        payments.record(number, "0.5", TODAY)
    assert payments.record(number, "99999", TODAY).status == "paid"


def test_tax_settings_default_to_none_and_drive_new_lines_and_the_wording(context: Any) -> None:
    settings = context.document_settings.load()
    assert (settings.default_tax_rate, settings.facturx_enabled) == (Decimal(0), True)
    with pytest.raises(ValidationError) as error:
        context.document_settings.save({"default_tax_rate": "120", "facturx_enabled": "maybe"})
    assert set(error.value.field_errors) == {"default_tax_rate", "facturx_enabled"}
    assert context.document_settings.load() == settings

    context.document_settings.save(
        {"default_tax_rate": "19", "reverse_charge_enabled": "yes", "facturx_enabled": False}
    )
    saved = context.document_settings.load()
    assert (saved.default_tax_rate, saved.reverse_charge_enabled, saved.facturx_enabled) == (
        Decimal(19),
        True,
        False,
    )
    invoice_id = context.invoices.create_draft(membership_spec(add_organization(context), "100"))
    assert context.invoices.get(invoice_id).summary.total == usd("119")
    changed = {entry.field for entry in context.audit.history("settings")}
    assert {"default_tax_rate", "reverse_charge_enabled", "facturx_enabled"} <= changed
