"""The renewal calendar worked out by the database agrees with the domain's rules.

``RenewalService.calendar`` counts every group in SQL and reads one page; these tests
compare it, group by group and page by page, with the calendar of every member placed
one by one by ``domain.renewals`` (``RenewalService.overview``).
"""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import date

import pytest
from sqlalchemy import text

from ptf_desktop.domain.organizations import Tier
from ptf_desktop.domain.renewals import Bucket, RenewalIntent
from ptf_desktop.services.context import AppContext
from ptf_desktop.services.renewals import renewal_service
from ptf_desktop.services.renewals.calendar_queries import SHOW_ALL, SHOW_DUE, SHOW_REMINDERS
from ptf_desktop.services.renewals.renewal_service import RenewalRow

# The services work the same on the team server's PostgreSQL.
pytestmark = pytest.mark.both_databases

TODAY = date(2026, 12, 1)
SHOWS = [SHOW_ALL, SHOW_REMINDERS, SHOW_DUE, *(kind.value for kind in Bucket)]


def _member(context: AppContext, name: str, start: date, end: date) -> uuid.UUID:
    organization = context.organizations.create(
        {"display_name": name, "org_type": "commercial", "country": "US", "employees": "600"}
    )
    context.memberships.admit(organization, Tier.GENERAL, start, end)
    return organization


def _sql(context: AppContext, statement: str, *args: object) -> None:
    """Run SQL with ``?`` parameters on the context's database, SQLite or PostgreSQL."""
    parts = statement.split("?")
    named = "".join(f"{part}:p{n}" for n, part in enumerate(parts[:-1])) + parts[-1]
    with context.factories.engine.begin() as connection:
        connection.execute(text(named), {f"p{n}": arg for n, arg in enumerate(args)})


@pytest.fixture
def calendar_members(context: AppContext, tricky_names: list[str]) -> AppContext:
    """Members in every bucket, with reminders, notices, an unpaid renewal and no term."""
    ends = [date(2026, 12, 31), date(2026, 12, 1), date(2026, 10, 31), date(2026, 8, 31),
            date(2027, 1, 15), date(2027, 2, 14), date(2027, 3, 1), date(2027, 6, 30),
            date(2026, 12, 16), date(2025, 12, 31)]  # fmt: skip
    made = []
    for index, name in enumerate(tricky_names[:30]):
        end = ends[index % len(ends)]
        made.append(_member(context, name, date(end.year - 1, end.month, 1), end))
    # Two members share a name and a term end: the order still holds across pages.
    made.append(_member(context, "Twin", date(2026, 1, 1), date(2026, 12, 31)))
    made.append(_member(context, "Twin", date(2026, 1, 1), date(2026, 12, 31)))
    context.renewals.mark_non_renewing(made[0], date(2026, 11, 1))
    context.renewals.lapse(made[1])
    context.renewals.lapse(made[2])
    _sql(context, "UPDATE organizations SET term_end = NULL WHERE id = ?", made[2].hex)
    # Renewed, but the renewal invoice is issued and unpaid past its due date: in grace
    # by the invoice although the (moved) term end is weeks away.
    unpaid = made[4]
    context.renewal_preparation.renew(unpaid)
    _sql(context, "UPDATE organizations SET term_end = '2027-01-20' WHERE id = ?", unpaid.hex)
    _sql(context, "UPDATE invoices SET status = 'issued', due_date = '2026-11-20' "
                  "WHERE organization_id = ?", unpaid.hex)  # fmt: skip
    return context


def _wanted(row: RenewalRow, shown: str) -> bool:
    """What a Show choice lists, said with the rows the domain placed."""
    if shown == SHOW_ALL:
        return True
    if shown == SHOW_REMINDERS:
        return row.reminder is not None
    if shown == SHOW_DUE:
        due = (Bucket.WITHIN_30, Bucket.WITHIN_60, Bucket.WITHIN_90, Bucket.LATER)
        return row.bucket in due and row.intent is RenewalIntent.RENEWING
    return row.bucket is not None and row.bucket.value == shown


def _order(row: RenewalRow) -> tuple[date, str, str]:
    """By term end (none first), name, then the stored form of the id."""
    return row.term_end or date.min, row.name, row.organization_id.hex


@pytest.mark.parametrize("within", [90, 366])
def test_counts_and_pages_agree_with_the_domain_for_every_group(
    calendar_members: AppContext, within: int
) -> None:
    context = calendar_members
    everyone = context.renewals.overview(TODAY, within).rows
    assert {row.bucket for row in everyone} >= {
        Bucket.WITHIN_30, Bucket.WITHIN_60, Bucket.GRACE, Bucket.PAST_DUE, Bucket.LAPSED,
    }  # fmt: skip
    for shown in SHOWS:
        expected = sorted((row for row in everyone if _wanted(row, shown)), key=_order)
        pages: list[RenewalRow] = []
        while True:
            page = context.renewals.calendar(TODAY, within, shown, offset=len(pages), limit=4)
            assert page.total == len(expected), shown
            pages += page.rows
            if not page.has_more:
                break
        assert pages == expected, shown
    counts = context.renewals.calendar(TODAY, within).counts
    assert counts.buckets == dict(Counter(row.bucket for row in everyone if row.bucket))
    assert counts.reminders == sum(1 for row in everyone if row.reminder is not None)


def test_an_unpaid_renewal_invoice_and_a_lapsed_member_without_a_term(
    calendar_members: AppContext, tricky_names: list[str]
) -> None:
    context = calendar_members
    grace = context.renewals.calendar(TODAY, 90, Bucket.GRACE.value)
    unpaid = next(row for row in grace.rows if row.name == tricky_names[4].strip())
    assert unpaid.term_end == date(2027, 1, 20)
    lapsed = context.renewals.calendar(TODAY, 90, Bucket.LAPSED.value, limit=1)
    assert lapsed.rows[0].term_end is None and lapsed.total == 2 and lapsed.has_more
    assert lapsed.rows[0].price_problem == "" and lapsed.rows[0].next_price is None


def test_only_the_page_is_priced(
    calendar_members: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    priced: list[uuid.UUID] = []
    original = renewal_service.RenewalPricer.next_term

    def counting(self: object, member: object) -> object:
        priced.append(member.id)  # type: ignore[attr-defined]
        return original(self, member)  # type: ignore[arg-type]

    monkeypatch.setattr(renewal_service.RenewalPricer, "next_term", counting)
    page = calendar_members.renewals.calendar(TODAY, 90, limit=3)
    assert page.total > 3 and len(page.rows) == 3
    assert len(priced) <= 3
