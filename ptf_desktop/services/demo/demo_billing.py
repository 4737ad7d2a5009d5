"""The demo's billing history: invoices over past years, paid, part-paid, overdue, credited.

Everything goes through the billing services, exactly as a person working the office
would have done it, so the history holds issued PDFs, gapless numbers and consistent
balances. Numbers are taken in date order (a series refuses an earlier date after a later
one), so every event is queued with its day and the queue runs in order of day.
"""

from __future__ import annotations

import functools
import heapq
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import select

from ...domain.errors import UserError
from ...domain.organizations import Tier
from ...persistence.models import MembershipTerm, Organization
from ..billing.drafts import DraftInvoiceSpec, DraftLineSpec
from ..billing.quote_lines import lines_from_price
from ..billing.quote_service import QuoteService, QuoteSpec

if TYPE_CHECKING:
    from ..context import AppContext

# Paying members billed in the demo (all its Premier members and a sample of General
# ones): enough for every chart and aging bucket, few enough to issue in seconds.
BILLED_ORGANIZATIONS = 80
HISTORY_YEARS = 3
INVOICED_DAYS_BEFORE_TERM = 30


@dataclass(order=True)
class _Event:
    day: date
    order: int
    run: Callable[[], None] = field(compare=False)


@dataclass(frozen=True)
class _Term:
    organization_id: uuid.UUID
    term_id: uuid.UUID
    tier: Tier
    start: date
    end: date


@dataclass
class BillingTally:
    """What the billing history holds, by kind of outcome."""

    invoices: int = 0
    paid: int = 0
    part_paid: int = 0
    overdue: int = 0
    credited: int = 0
    refunds: int = 0
    quotes: int = 0


class DemoBilling:
    """Builds the billing history of a demo office through the services.

    Args:
        context: the open application context (services).
        rng: the only source of randomness (same seed, same history).
        today: the day the history runs up to.
    """

    def __init__(self, context: AppContext, rng: random.Random, today: date) -> None:
        self._context = context
        self._rng = rng
        self._today = today
        self._events: list[_Event] = []
        self._queued = 0
        self.tally = BillingTally()

    def build(self) -> BillingTally:
        """Queue invoices and quotes, then run every event in date order."""
        for term in self._terms_to_bill():
            self._queue_invoice(term)
        self._queue_quotes()
        while self._events:  # running an event may queue later ones (its payment)
            heapq.heappop(self._events).run()
        return self.tally

    def _at(self, day: date, run: Callable[[], None]) -> None:
        self._queued += 1
        heapq.heappush(self._events, _Event(min(day, self._today), self._queued, run))

    # -- which terms ------------------------------------------------------------------------

    def _terms_to_bill(self) -> list[_Term]:
        first = date(self._today.year - HISTORY_YEARS, 1, 1)
        query = (
            select(MembershipTerm.organization_id, MembershipTerm.id, MembershipTerm.tier,
                   MembershipTerm.start_date, MembershipTerm.end_date, Organization.tier)
            .join(Organization, Organization.id == MembershipTerm.organization_id)
            .where(MembershipTerm.tier.in_((Tier.PREMIER.value, Tier.GENERAL.value)))
            .where(MembershipTerm.start_date.between(first, self._today))
            .where(MembershipTerm.deleted.is_(False), Organization.deleted.is_(False))
            .order_by(Organization.normalized_name, MembershipTerm.start_date)
        )  # fmt: skip
        with self._context.factories.read.begin() as session:
            rows = session.execute(query).all()
        premier = {row[0] for row in rows if row[5] == Tier.PREMIER.value}
        general = sorted({row[0] for row in rows} - premier, key=str)
        billed = premier | set(self._rng.sample(general, max(0, min(
            len(general), BILLED_ORGANIZATIONS - len(premier)))))  # fmt: skip
        return [_Term(row[0], row[1], Tier(row[2]), row[3], row[4]) for row in rows
                if row[0] in billed]  # fmt: skip

    # -- invoices ---------------------------------------------------------------------------

    def _queue_invoice(self, term: _Term) -> None:
        issued_on = max(term.start - timedelta(days=INVOICED_DAYS_BEFORE_TERM),
                        date(term.start.year, 1, 1))  # fmt: skip
        if issued_on > self._today:
            return
        self._at(issued_on, lambda: self._issue(term, issued_on))

    def _issue(self, term: _Term, issued_on: date) -> None:
        context = self._context
        try:
            price = context.fees.price_organization(
                term.organization_id, term.start, term.end, term.tier
            )
        except UserError:  # no fee for it (e.g. a tier it may no longer hold)
            return
        lines = tuple(
            DraftLineSpec(line.description, Decimal(1), line.amount,
                          fee_entry_id=line.fee_entry_id, term_id=term.term_id)
            for line in price.lines
        )  # fmt: skip
        spec = DraftInvoiceSpec(term.organization_id, price.total.currency, lines,
                                renewal_year=term.start.year)  # fmt: skip
        invoice = context.invoices.issue(context.invoices.create_draft(spec), issued_on)
        self.tally.invoices += 1
        assert invoice.number is not None and invoice.due_date is not None
        self._queue_outcome(invoice.number, invoice.total.amount, issued_on, invoice.due_date)

    def _queue_outcome(self, number: str, total: Decimal, issued: date, due: date) -> None:
        age = (self._today - due).days
        roll = self._rng.random()
        paid_on = min(issued + timedelta(days=self._rng.randint(5, 55)), self._today)
        if roll < (0.45 if age < 0 else 0.10):
            self.tally.overdue += age > 0
            return  # not paid yet: open, or overdue once past its due date
        part = _part(total, self._rng)
        if roll < 0.72:
            self._at(paid_on, lambda: self._pay(number, total, paid_on))
        elif roll < 0.84:
            self._at(paid_on, lambda: self._pay(number, part, paid_on, True))
        elif roll < 0.94:
            self._at(paid_on, lambda: self._credit(number, paid_on))
        else:
            self._at(paid_on, lambda: self._overpay_and_refund(number, total, paid_on))

    def _pay(self, number: str, amount: Decimal, on: date, part: bool = False) -> None:
        self._context.payments.record(number, amount, on, reference=f"Wire {number}")
        if part:
            self.tally.part_paid += 1
        else:
            self.tally.paid += 1

    def _credit(self, number: str, on: date) -> None:
        self._context.credit_notes.create(number, "Membership withdrawn before the term began",
                                          issue_date=on)  # fmt: skip
        self.tally.credited += 1

    def _overpay_and_refund(self, number: str, total: Decimal, on: date) -> None:
        extra = Decimal(self._rng.choice((250, 500, 1000)))
        invoice = self._context.payments.record(
            number, total + extra, on, reference=f"Wire {number}", keep_excess=True
        )
        refund_on = min(on + timedelta(days=14), self._today)
        self._context.credits.refund(invoice.organization_id, extra, invoice.currency, refund_on,
                                     reference=f"Excess paid on {number}")  # fmt: skip
        self.tally.paid += 1
        self.tally.refunds += 1

    # -- quotes -----------------------------------------------------------------------------

    def _queue_quotes(self) -> None:
        prospects = self._prospects()
        outcomes = ("draft", "sent", "accepted", "declined", "expired", "sent")
        for organization_id, outcome in zip(prospects, outcomes, strict=False):
            sent_on = self._today - timedelta(days=40 if outcome == "expired" else 6)
            self._at(sent_on, functools.partial(self._quote, organization_id, outcome, sent_on))

    def _prospects(self) -> list[uuid.UUID]:
        query = (
            select(Organization.id)
            .where(Organization.status == "prospect", Organization.org_type == "commercial")
            .where(Organization.deleted.is_(False))
            .order_by(Organization.normalized_name)
            .limit(40)
        )
        with self._context.factories.read.begin() as session:
            candidates = list(session.scalars(query))
        return self._rng.sample(candidates, min(6, len(candidates)))

    def _quote(self, organization_id: uuid.UUID, outcome: str, sent_on: date) -> None:
        # The office as it was on the day: an expired quote was valid when it was sent.
        quotes = QuoteService(self._context.factories, self._context.pdf_renderer,
                              today=lambda: sent_on)  # fmt: skip
        start = date(self._today.year + 1, 1, 1)
        try:
            price = self._context.fees.price_organization(
                organization_id, start, date(start.year, 12, 31), Tier.GENERAL
            )
        except UserError:
            return
        valid_until = sent_on + timedelta(days=30)
        spec = QuoteSpec(organization_id, price.total.currency, valid_until,
                         lines_from_price(price))  # fmt: skip
        quote_id = quotes.create_draft(spec)
        self.tally.quotes += 1
        if outcome == "draft":
            return
        quotes.send(quote_id, sent_on)
        if outcome == "accepted":
            quotes.accept(quote_id)
        elif outcome == "declined":
            quotes.decline(quote_id)


def _part(total: Decimal, rng: random.Random) -> Decimal:
    """A part payment: a quarter to three quarters of the total, in whole dollars."""
    return Decimal(int(total * Decimal(rng.randint(25, 75)) / 100))
