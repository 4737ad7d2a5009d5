"""Tests for ptf_desktop.documents.model: documents that contradict themselves are refused."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from ptf_desktop.documents.model import BankDetails, Party
from ptf_desktop.domain.money import Money

from helpers import documents


def test_sample_documents_are_consistent() -> None:
    invoice = documents.invoice(paid="1000.00")
    assert invoice.total == Money(Decimal("253079.90"), "USD")
    assert invoice.payable == Money(Decimal("252079.90"), "USD")
    assert documents.quote().total == invoice.total
    assert documents.credit_note().total == Money(Decimal("2880.00"), "USD")


def test_documents_are_immutable() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        documents.invoice().number = "X"  # type: ignore[misc]


def test_a_line_whose_amount_is_wrong_is_refused() -> None:
    with pytest.raises(ValueError, match="is not"):
        dataclasses.replace(documents.line("A", "2", "10.00"), amount=Money(Decimal(21), "USD"))


def test_totals_that_do_not_add_up_are_refused() -> None:
    invoice = documents.invoice()
    with pytest.raises(ValueError, match="lines do not add up"):
        dataclasses.replace(invoice, net_total=invoice.net_total + Money(Decimal(1), "USD"))
    with pytest.raises(ValueError, match="not the total"):
        dataclasses.replace(invoice, total=invoice.total + Money(Decimal("0.01"), "USD"))
    with pytest.raises(ValueError, match="tax per rate"):
        dataclasses.replace(invoice, tax_total=Money(Decimal(1), "USD"))


def test_mixed_currencies_are_refused() -> None:
    with pytest.raises(ValueError, match="EUR"):
        documents.invoice(lines=[documents.line("A", "1", "5", currency="EUR")])


def test_payments_must_fit_the_total() -> None:
    invoice = documents.invoice(paid="10.00")
    with pytest.raises(ValueError, match="exceeds"):
        dataclasses.replace(invoice, amount_paid=invoice.total)
    with pytest.raises(ValueError, match="both"):
        dataclasses.replace(invoice, balance_due=None)


def test_dates_and_required_fields() -> None:
    invoice = documents.invoice()
    with pytest.raises(ValueError, match="due date"):
        dataclasses.replace(invoice, due_date=invoice.issue_date - dt.timedelta(days=1))
    with pytest.raises(ValueError, match="no lines"):
        dataclasses.replace(invoice, lines=())
    with pytest.raises(ValueError, match="reason"):
        dataclasses.replace(documents.credit_note(), reason=" ")
    with pytest.raises(ValueError, match="legal name"):
        Party(legal_name="  ")
    with pytest.raises(ValueError, match="alpha-2"):
        Party(legal_name="X", country="USA")


def test_iban_is_grouped_by_four() -> None:
    bank = BankDetails(iban="de89370400440532013000")
    assert bank.iban_grouped == "DE89 3704 0044 0532 0130 00"


def test_locality() -> None:
    assert documents.SELLER.locality == "San Francisco CA 94104-5401"
