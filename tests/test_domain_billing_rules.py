"""Billing rules: statuses, numbering, file names, aging buckets and tax wording."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ptf_desktop.domain.billing.aging import AgingBucket, OpenItem, aging_bucket, aging_report
from ptf_desktop.domain.billing.file_names import MAX_NAME_BYTES, document_file_name
from ptf_desktop.domain.billing.numbering import format_number, parse_number, series_key
from ptf_desktop.domain.billing.statuses import (
    InvoiceStatus,
    QuoteStatus,
    TransitionRefused,
    check_quote_transition,
    invoice_status,
    parse_status,
    quote_status_on,
)
from ptf_desktop.domain.billing.tax_settings import (
    DEFAULT_EXEMPTION_REASON,
    DocumentSettings,
    tax_note,
)
from ptf_desktop.domain.errors import UserError
from ptf_desktop.domain.money import Money

TODAY = date(2027, 3, 1)


def usd(text: str) -> Money:
    return Money(Decimal(text), "USD")


@pytest.mark.parametrize(
    ("paid", "credited", "due", "expected"),
    [
        ("0", "0", date(2027, 3, 31), InvoiceStatus.ISSUED),
        ("10", "0", date(2027, 3, 31), InvoiceStatus.PARTIALLY_PAID),
        ("10", "0", date(2027, 2, 28), InvoiceStatus.OVERDUE),
        ("0", "0", date(2027, 3, 1), InvoiceStatus.ISSUED),  # due today is not overdue yet
        ("100", "0", date(2027, 2, 1), InvoiceStatus.PAID),
        ("60", "40", date(2027, 2, 1), InvoiceStatus.PAID),
        ("0", "100", date(2027, 2, 1), InvoiceStatus.CREDITED),
    ],
)
def test_invoice_status_follows_the_money_and_the_date(
    paid: str, credited: str, due: date, expected: InvoiceStatus
) -> None:
    status = invoice_status(
        issued=True,
        total=usd("100"),
        paid=usd(paid),
        credited=usd(credited),
        due_date=due,
        today=TODAY,
    )
    assert status is expected


def test_a_draft_is_a_draft_whatever_the_date() -> None:
    status = invoice_status(
        issued=False, total=usd("1"), paid=usd("0"), credited=usd("0"), due_date=None, today=TODAY
    )
    assert status is InvoiceStatus.DRAFT


def test_quotes_expire_after_valid_until_and_then_refuse_acceptance() -> None:
    valid_until = date(2027, 2, 28)
    assert quote_status_on(QuoteStatus.SENT, valid_until, date(2027, 2, 28)) is QuoteStatus.SENT
    assert quote_status_on(QuoteStatus.SENT, valid_until, TODAY) is QuoteStatus.EXPIRED
    assert quote_status_on(QuoteStatus.ACCEPTED, valid_until, TODAY) is QuoteStatus.ACCEPTED
    with pytest.raises(TransitionRefused, match="expired after 2027-02-28"):
        check_quote_transition(QuoteStatus.SENT, QuoteStatus.ACCEPTED, valid_until, TODAY)


def test_quote_transitions_follow_draft_sent_then_accepted_or_declined() -> None:
    later = date(2027, 12, 31)
    check_quote_transition(QuoteStatus.DRAFT, QuoteStatus.SENT, later, TODAY)
    check_quote_transition(QuoteStatus.SENT, QuoteStatus.DECLINED, later, TODAY)
    with pytest.raises(TransitionRefused, match="A draft quote cannot be marked accepted"):
        check_quote_transition(QuoteStatus.DRAFT, QuoteStatus.ACCEPTED, later, TODAY)
    with pytest.raises(TransitionRefused, match="A declined quote cannot be marked accepted"):
        check_quote_transition(QuoteStatus.DECLINED, QuoteStatus.ACCEPTED, later, TODAY)


def test_statuses_typed_on_the_command_line() -> None:
    assert parse_status("partially-paid", InvoiceStatus) == "partially paid"
    assert parse_status("OVERDUE", InvoiceStatus) == "overdue"
    with pytest.raises(UserError, match="use one of: draft, issued, partially-paid"):
        parse_status("unpaid", InvoiceStatus)


def test_numbers_per_series_with_an_optional_device_part() -> None:
    assert format_number(series_key("INV", 2027), 1) == "INV-2027-0001"
    assert format_number(series_key("inv-l07", 2027), 12) == "INV-L07-2027-0012"
    assert format_number("INV-2027", 12345) == "INV-2027-12345"
    assert parse_number("INV-L07-2027-0012") == ("INV-L07-2027", 12)
    assert parse_number("nonsense") is None
    with pytest.raises(ValueError, match="series prefix"):
        series_key("INV/../", 2027)
    with pytest.raises(ValueError):
        format_number("INV-2027", 0)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("AT&T Inc.", "INV-2027-0001 AT&T Inc.pdf"),
        ("R&D <b>Labs</b>", "INV-2027-0001 R&D _b_Labs_b.pdf"),
        ("../../etc/passwd", "INV-2027-0001 etc_passwd.pdf"),
        ('C:\\Windows\\system32 "x"', "INV-2027-0001 C_Windows_system32 _x.pdf"),
        ("Evil\u202efdp.exe", "INV-2027-0001 Evilfdp.exe.pdf"),
        ("line\nbreak\ttab", "INV-2027-0001 line_break_tab.pdf"),
        ("  ...  ", "INV-2027-0001.pdf"),
        ("株式会社テスト", "INV-2027-0001 株式会社テスト.pdf"),
    ],
)
def test_file_names_are_safe_and_keep_what_they_can(name: str, expected: str) -> None:
    assert document_file_name("INV-2027-0001", name) == expected


def test_reserved_device_names_are_defused() -> None:
    assert document_file_name("CON", "") == "_CON.pdf"
    assert document_file_name("nul", "") == "_nul.pdf"
    assert document_file_name("COM1", "x") == "COM1 x.pdf"  # not the device name: it has a space
    assert document_file_name("LPT9", "") == "_LPT9.pdf"


def test_file_names_of_every_tricky_name_are_bounded_and_separator_free(
    tricky_names: list[str],
) -> None:
    names = [document_file_name("INV-L07-2027-0001", name) for name in tricky_names]
    for name in names:
        assert "/" not in name and "\\" not in name and "\x00" not in name
        assert len(name.encode()) <= MAX_NAME_BYTES
        assert name.startswith("INV-L07-2027-0001") and name.endswith(".pdf")
        assert not any(c in name for c in '<>:"|?*')
        assert "\u202e" not in name


@pytest.mark.parametrize(
    ("due", "bucket"),
    [
        (date(2027, 3, 1), AgingBucket.CURRENT),
        (date(2027, 2, 28), AgingBucket.DAYS_1_30),
        (date(2027, 1, 30), AgingBucket.DAYS_1_30),
        (date(2027, 1, 29), AgingBucket.DAYS_31_60),
        (date(2026, 12, 31), AgingBucket.DAYS_31_60),
        (date(2026, 12, 30), AgingBucket.DAYS_61_90),
        (date(2026, 12, 1), AgingBucket.DAYS_61_90),
        (date(2026, 11, 30), AgingBucket.OVER_90),
    ],
)
def test_aging_buckets_at_their_edges(due: date, bucket: AgingBucket) -> None:
    assert aging_bucket(due, TODAY) is bucket


def test_aging_report_groups_by_organization_and_currency() -> None:
    items = [
        OpenItem("Zeta", "USD", date(2027, 2, 1), usd("100")),
        OpenItem("Alpha", "USD", date(2027, 2, 1), usd("50")),
        OpenItem("Alpha", "USD", date(2026, 1, 1), usd("25")),
        OpenItem("Alpha", "EUR", date(2027, 4, 1), Money(Decimal(7), "EUR")),
        OpenItem("Alpha", "USD", date(2027, 4, 1), usd("0")),
    ]
    rows = aging_report(items, TODAY)
    assert [(r.organization, r.currency) for r in rows] == [
        ("Alpha", "EUR"),
        ("Alpha", "USD"),
        ("Zeta", "USD"),
    ]
    alpha_usd = rows[1]
    assert alpha_usd.buckets[AgingBucket.DAYS_1_30] == usd("50")
    assert alpha_usd.buckets[AgingBucket.OVER_90] == usd("25")
    assert alpha_usd.total == usd("75")


def test_reverse_charge_wording_only_for_eu_vat_ids_when_enabled() -> None:
    on = DocumentSettings(reverse_charge_enabled=True, tax_exemption_wording="Tax exempt.")
    assert tax_note(on, "DE123456789", has_zero_rate=True).startswith("Reverse charge")
    assert tax_note(on, "EL123456789", has_zero_rate=True).startswith("Reverse charge")
    assert tax_note(on, "GB123456789", has_zero_rate=True) == "Tax exempt."
    assert tax_note(on, "DE123456789", has_zero_rate=False) == ""
    off = DocumentSettings(tax_exemption_wording="Tax exempt.")
    assert tax_note(off, "DE123456789", has_zero_rate=True) == "Tax exempt."
    # A 0% line always says why, as the e-invoice's exemption reason does.
    assert tax_note(DocumentSettings(), "", has_zero_rate=True) == DEFAULT_EXEMPTION_REASON
