"""Money columns: rows read and write Money through the minor-units column and its currency."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from ptf_desktop.domain.money import Money
from ptf_desktop.persistence.models.billing import Invoice, InvoiceLine, Payment
from ptf_desktop.services.context import open_context

from helpers.billing import add_organization


def test_reading_follows_the_currency_exponent() -> None:
    assert Invoice(currency="JPY", total_minor=1234).total == Money(Decimal(1234), "JPY")
    assert Invoice(currency="USD", total_minor=1234).total == Money(Decimal("12.34"), "USD")
    assert Payment(currency="KWD", amount_minor=-1500).amount == Money(Decimal("-1.5"), "KWD")


def test_writing_stores_minor_units_and_refuses_another_currency() -> None:
    invoice = Invoice(currency="BHD")
    invoice.paid = Money(Decimal("2.345"), "BHD")
    assert invoice.paid_minor == 2345
    with pytest.raises(ValueError, match="EUR money on a BHD row"):
        invoice.paid = Money(Decimal(1), "EUR")
    assert invoice.paid_minor == 2345


def test_a_row_without_currency_takes_the_values() -> None:
    payment = Payment(amount=Money(Decimal("7.10"), "EUR"))
    assert (payment.currency, payment.amount_minor) == ("EUR", 710)


def test_an_unsaved_default_reads_as_zero() -> None:
    assert Invoice(currency="USD").credited == Money(Decimal(0), "USD")


def test_line_prices_use_the_documents_currency() -> None:
    line = InvoiceLine(unit_price_minor=500, discount_minor=0)
    assert line.prices("JPY") == (Money(Decimal(500), "JPY"), Money(Decimal(0), "JPY"))
    line.set_prices(Money(Decimal("1.25"), "USD"), Money(Decimal("0.05"), "USD"))
    assert (line.unit_price_minor, line.discount_minor) == (125, 5)


@pytest.fixture
def context(tmp_path: Path) -> Iterator[Any]:
    opened: Any = open_context(tmp_path / "ptf.sqlite")
    yield opened
    opened.close()


def test_the_database_keeps_integers(context: Any) -> None:
    organization_id = add_organization(context)
    with context.factories.write.begin() as session:
        invoice = Invoice(
            organization_id=organization_id, currency="JPY", due_date=date(2027, 7, 1)
        )
        invoice.total = Money(Decimal(98765), "JPY")
        session.add(invoice)
    with context.factories.read() as session:
        stored = session.execute(text("SELECT total_minor, typeof(total_minor) FROM invoices"))
        assert stored.one() == (98765, "integer")
        loaded = session.scalars(select(Invoice)).one()
        assert loaded.total == Money(Decimal(98765), "JPY")
