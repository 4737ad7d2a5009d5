"""Quotes: drafts with fee-schedule and free lines, sending, acceptance, expiry."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from ptf_desktop.domain.billing.statuses import TransitionRefused
from ptf_desktop.domain.fees import FeeKind
from ptf_desktop.domain.money import Money
from ptf_desktop.domain.organizations import Tier
from ptf_desktop.domain.pricing import PriceBreakdown, PriceLine
from ptf_desktop.services.billing.invoice_service import InvoiceService
from ptf_desktop.services.billing.quote_lines import free_line, lines_from_price
from ptf_desktop.services.billing.quote_service import QuoteService, QuoteSpec

from helpers.billing import add_organization, usd

# The services work the same on the team server's PostgreSQL.
pytestmark = pytest.mark.both_databases


def quotes_on(context: Any, day: date) -> QuoteService:
    return QuoteService(context.factories, today=lambda: day)


def _spec(organization_id: uuid.UUID) -> QuoteSpec:
    price = PriceBreakdown(
        tier=Tier.GENERAL,
        start=date(2027, 1, 1),
        end=date(2027, 12, 31),
        schedule_name="2027",
        lines=(
            PriceLine(
                FeeKind.GENERAL,
                "General membership, 2027-01-01 to 2027-12-31",
                usd("35000"),
                usd("35000"),
                None,
            ),
        ),
        total=usd("35000"),
        prorated=False,
    )
    training = free_line("PyTorch training course", Decimal(4), usd("1250"), Decimal(20))
    return QuoteSpec(
        organization_id=organization_id,
        currency="USD",
        valid_until=date(2027, 2, 28),
        lines=(*lines_from_price(price), training),
        member_discount_percent=Decimal(20),
        notes="Prices valid for the 2027 membership year.",
    )


def test_a_quote_is_numbered_when_sent_and_becomes_an_invoice_at_the_quoted_prices(
    context: Any,
) -> None:
    quotes = quotes_on(context, date(2027, 1, 5))
    quote_id = quotes.create_draft(_spec(add_organization(context, "Prospect & Co")))
    draft = quotes.get(quote_id)
    assert draft.summary.number is None and draft.summary.status == "draft"
    assert draft.lines[1].description == "PyTorch training course (member discount 20%)"
    assert draft.lines[1].discount == usd("1000")
    assert draft.summary.total == usd("39000")

    sent = quotes.send(quote_id)
    assert (sent.number, sent.status, sent.issue_date) == ("Q-2027-0001", "sent", date(2027, 1, 5))
    # The fee schedule changes afterwards: the invoice keeps the quoted prices.
    invoice_id = quotes.accept(quote_id)
    assert quotes.get(quote_id).summary.status == "accepted"
    invoice = InvoiceService(context.factories).get(invoice_id)
    assert invoice.summary.status == "draft"
    assert invoice.quote_id == quote_id
    assert [(line.description, line.net) for line in invoice.lines] == [
        (line.description, line.net) for line in draft.lines
    ]
    assert invoice.summary.total == usd("39000")
    assert invoice.bill_to.name == "Prospect & Co"


def test_quotes_expire_after_valid_until_without_anyone_doing_anything(context: Any) -> None:
    quote_id = quotes_on(context, date(2027, 1, 5)).create_draft(_spec(add_organization(context)))
    quotes_on(context, date(2027, 1, 5)).send(quote_id)
    later = quotes_on(context, date(2027, 3, 1))
    assert later.get(quote_id).summary.status == "expired"
    assert [q.status for q in later.list("expired")] == ["expired"]
    assert later.list("sent") == []
    with pytest.raises(TransitionRefused, match="expired after 2027-02-28"):
        later.accept(quote_id)
    assert later.get(quote_id).summary.status == "expired"


def test_declined_and_draft_quotes_cannot_be_accepted(context: Any) -> None:
    quotes = quotes_on(context, date(2027, 1, 5))
    organization_id = add_organization(context)
    draft_id = quotes.create_draft(_spec(organization_id))
    with pytest.raises(TransitionRefused, match="A draft quote cannot be marked accepted"):
        quotes.accept(draft_id)
    quotes.send(draft_id)
    quotes.decline(draft_id)
    with pytest.raises(TransitionRefused, match="A declined quote cannot be marked accepted"):
        quotes.accept(draft_id)
    with pytest.raises(TransitionRefused, match="was sent and cannot be changed"):
        quotes.update_draft(draft_id, {"notes": "changed"})


def test_a_draft_quote_can_be_edited(context: Any) -> None:
    quotes = quotes_on(context, date(2027, 1, 5))
    quote_id = quotes.create_draft(_spec(add_organization(context)))
    changed = quotes.update_draft(
        quote_id,
        {"valid_until": date(2027, 3, 31), "currency": "EUR", "exchange_rate_to_usd": "1.08"},
    )
    assert changed.summary.valid_until == date(2027, 3, 31)
    assert changed.summary.total == Money(Decimal("39000"), "EUR")


def test_a_quote_priced_from_the_fee_schedule_keeps_the_entries_it_came_from(
    context: Any,
) -> None:
    from ptf_desktop.services.renewals.fee_service import FeeService

    organization_id = add_organization(context, "Schedule Priced Inc.")
    price = FeeService(context.factories).price_organization(
        organization_id, date(2027, 1, 1), date(2027, 12, 31), Tier.GENERAL
    )
    spec = QuoteSpec(organization_id, "USD", date(2027, 2, 28), lines_from_price(price))
    quotes = quotes_on(context, date(2027, 1, 5))
    quote_id = quotes.create_draft(spec)
    quotes.send(quote_id)
    invoice = InvoiceService(context.factories).get(quotes.accept(quote_id))

    assert invoice.summary.total == price.total
    assert [line.fee_entry_id for line in invoice.lines] == [
        line.fee_entry_id for line in price.lines
    ]
    assert all(line.fee_entry_id is not None for line in invoice.lines)
