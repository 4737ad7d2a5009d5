"""A small, known data set for the dashboard and money-report tests, made by the services."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from ptf_desktop.domain.money import Money
from ptf_desktop.domain.organizations import MembershipStatus, Tier
from ptf_desktop.services.billing.drafts import DraftInvoiceSpec, DraftLineSpec
from ptf_desktop.services.billing.invoice_service import InvoiceService
from ptf_desktop.services.billing.payment_service import PaymentService
from ptf_desktop.services.billing.quote_service import QuoteService, QuoteSpec

from helpers.billing import add_organization
from helpers.members import add_member

TODAY = date(2026, 11, 30)


@dataclass(frozen=True)
class KnownData:
    """The organizations of the data set, by name."""

    ids: dict[str, uuid.UUID]


def _invoice(
    context: Any,
    org: uuid.UUID,
    amount: str,
    issued_on: date,
    paid: str | None = None,
    paid_on: date | None = None,
) -> str:
    invoices = InvoiceService(context.factories, today=lambda: issued_on)
    line = DraftLineSpec(
        description="Membership", quantity=Decimal(1), unit_price=Money(Decimal(amount), "USD")
    )
    draft = invoices.create_draft(
        DraftInvoiceSpec(organization_id=org, currency="USD", lines=(line,))
    )
    number = invoices.issue(draft, issued_on).number
    assert number is not None
    if paid is not None:
        assert paid_on is not None
        PaymentService(context.factories, today=lambda: paid_on).record(number, paid, paid_on)
    return number


def make_known_data(context: Any) -> KnownData:
    """Four members, one in grace, five invoices over two years, some paid, two quotes.

    Invoices (USD, no tax, terms of the settings: 30 days):
    - Alpha (Premier): 2025-03-01 100,000 paid 2025-03-20; 2026-02-01 100,000 paid 60,000
      on 2026-02-20 (40,000 open, due 2026-03-03: over 90 days).
    - Beta (General): 2025-12-10 20,000 paid 2026-01-05 (collected this year);
      2026-11-20 20,000 open (due 2026-12-20: current).
    - Gamma (Associate, in grace): 2026-10-01 5,000 open (due 2026-10-31: 1-30 days).

    Epsilon (General) gave notice of non-renewal. Delta is a prospect with a quote of
    35,000 sent and valid, and one of 10,000 that expired on 2026-11-01.
    """
    ids = {
        "Alpha": add_member(context, "Alpha AI", Tier.PREMIER, employees=5000),
        "Beta": add_member(context, "Beta Labs", Tier.GENERAL, employees=500),
        "Gamma": add_member(
            context, "Gamma University", Tier.ASSOCIATE, status=MembershipStatus.GRACE
        ),
    }
    _invoice(context, ids["Alpha"], "100000", date(2025, 3, 1), "100000", date(2025, 3, 20))
    _invoice(context, ids["Alpha"], "100000", date(2026, 2, 1), "60000", date(2026, 2, 20))
    _invoice(context, ids["Beta"], "20000", date(2025, 12, 10), "20000", date(2026, 1, 5))
    # Issued in date order: numbers of a series follow issue dates.
    _invoice(context, ids["Gamma"], "5000", date(2026, 10, 1))
    _invoice(context, ids["Beta"], "20000", date(2026, 11, 20))
    ids["Epsilon"] = add_member(context, "Epsilon Networks", Tier.GENERAL, employees=500)
    context.renewals.mark_non_renewing(ids["Epsilon"], date(2026, 9, 1))
    ids["Delta"] = add_organization(context, "Delta Systems")
    _quote(
        context, ids["Delta"], "35000", sent_on=date(2026, 11, 15), valid_until=date(2026, 12, 31)
    )
    _quote(context, ids["Delta"], "10000", sent_on=date(2026, 10, 1), valid_until=date(2026, 11, 1))
    return KnownData(ids)


def _quote(context: Any, org: uuid.UUID, amount: str, sent_on: date, valid_until: date) -> None:
    quotes = QuoteService(context.factories, today=lambda: sent_on)
    line = DraftLineSpec(
        description="General membership", quantity=Decimal(1),
        unit_price=Money(Decimal(amount), "USD"),
    )  # fmt: skip
    quote = quotes.create_draft(
        QuoteSpec(organization_id=org, currency="USD", valid_until=valid_until, lines=(line,))
    )
    quotes.send(quote, sent_on)
