"""Renewal forecast: what next year's renewals bring in, priced as they will be invoiced.

Each current member that has not given notice of non-renewal and whose next term starts in
the year is priced with the fee schedule in force on that term's first day, through the
same pricer the Renewals area and the renewal preparation use (tier of next year when one
was chosen, employee band, LF Silver, pro-ration, eligibility). A member that cannot be
priced is listed with the reason and no amount.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ...domain.formatting import format_money
from ...domain.money import Money
from ...domain.organizations import LABELS
from ...domain.reports import Column, ColumnType
from ...domain.wording import count_of
from ..database_errors import translating_database_errors
from ..renewals.renewal_pricing import RenewalPricer
from ..renewals.renewal_rows import renewing_members
from .catalog import ReportContent, ReportRequest

COLUMNS = (
    Column("Organization"),
    Column("Tier"),
    Column("Term start", ColumnType.DATE),
    Column("Term end", ColumnType.DATE),
    Column("Fee schedule"),
    Column("Price", ColumnType.MONEY),
    Column("Note"),
)
TO_BE_CONFIRMED = "includes a fee to be confirmed"


def content(request: ReportRequest) -> ReportContent:
    """The renewals of ``request.year`` (default: next year)."""
    year = request.year or request.day().year + 1
    with translating_database_errors(request.factories), request.factories.read.begin() as s:
        # Next term starts on term end + 1 day: in the year for ends 31 Dec before to 30 Dec.
        members = renewing_members(s, date(year - 1, 12, 31), date(year, 12, 30))
        pricer = RenewalPricer.load(s, date(year, 12, 31))
        terms = [(member, pricer.next_term(member)) for member in members]
    rows = []
    totals: dict[str, Money] = {}
    for member, term in terms:
        if term is None:
            continue
        price = term.price
        note = term.problem
        if price is not None and any(line.to_be_confirmed for line in price.lines):
            note = TO_BE_CONFIRMED
        rows.append((
            member.name, LABELS.get(term.tier.value, term.tier.value), term.start, term.end,
            price.schedule_name if price else "", price.total if price else None, note,
        ))  # fmt: skip
        if price is not None:
            currency = price.total.currency
            totals[currency] = totals.get(currency, Money(Decimal(0), currency)) + price.total
    summary = ", ".join(format_money(totals[c]) for c in sorted(totals)) or "nothing priced"
    subtitle = f"Renewals starting in {year}: {count_of(len(rows), 'member')}, {summary}"
    return rows, subtitle
