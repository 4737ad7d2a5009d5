"""Revenue by tier counts each invoice under the tier it was issued for, never today's tier.

Issuing stores the tier (the term or fee entry a line names, else the register's tier that
day); migration 0009 fills it in for invoices issued before, from the invoice's lines, then
the member's term covering the issue date. The dashboard and the report read one query.
"""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from ptf_desktop.domain.money import Money
from ptf_desktop.domain.organizations import Tier
from ptf_desktop.persistence import schema
from ptf_desktop.persistence.engine import make_engine
from ptf_desktop.services.billing.drafts import DraftInvoiceSpec, DraftLineSpec
from ptf_desktop.services.billing.invoice_service import InvoiceService
from ptf_desktop.services.dashboard.figures import YearTierAmount
from ptf_desktop.services.reports.catalog import ReportRequest, find_report

from helpers.billing import add_organization
from helpers.members import add_member

TODAY = date(2026, 11, 30)


def usd(text: str) -> Money:
    return Money(Decimal(text), "USD")


def issue(
    context: Any,
    org: uuid.UUID,
    amount: str,
    on: date,
    *,
    term_id: uuid.UUID | None = None,
    fee_entry_id: uuid.UUID | None = None,
) -> str:
    invoices = InvoiceService(context.factories, today=lambda: on)
    line = DraftLineSpec(
        description="Membership", quantity=Decimal(1), unit_price=usd(amount),
        term_id=term_id, fee_entry_id=fee_entry_id,
    )  # fmt: skip
    draft = invoices.create_draft(DraftInvoiceSpec(org, "USD", (line,)))
    number = invoices.issue(draft, on).number
    assert number is not None
    return number


def stored_tiers(path: Path) -> dict[str, str | None]:
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(path)) as connection:
        rows = connection.execute("SELECT number, tier FROM invoices WHERE number IS NOT NULL")
        return dict(rows.fetchall())


def test_an_invoice_keeps_its_tier_when_the_member_changes_tier(context: Any) -> None:
    alpha = add_member(context, "Alpha AI", Tier.PREMIER, employees=5000)
    issue(context, alpha, "100000", date(2026, 2, 1))
    context.memberships.change_tier(alpha, Tier.GENERAL, date(2026, 6, 1), "Moved down")
    issue(context, alpha, "30000", date(2026, 7, 1))

    figures = context.dashboard.figures(TODAY)
    assert figures.revenue_by_tier == (
        YearTierAmount(2026, "general", usd("30000")),
        YearTierAmount(2026, "premier", usd("100000")),
    )
    report = find_report("revenue-by-tier").build(ReportRequest(context.factories, 2026, TODAY))
    assert [(row[1], row[3], row[4]) for row in report.rows] == [
        ("Premier", 1, usd("100000")),
        ("General", 1, usd("30000")),
    ]


def test_a_line_naming_a_term_or_a_fee_entry_decides_the_tier(context: Any) -> None:
    alpha = add_member(context, "Alpha AI", Tier.PREMIER, employees=5000)
    premier_term = context.organizations.get(alpha).terms[0].id
    context.memberships.change_tier(alpha, Tier.GENERAL, date(2026, 6, 1))
    associate_fee = next(
        entry.id
        for entry in context.fees.schedule_on(TODAY).entries
        if entry.kind.value == "associate"
    )
    by_term = issue(context, alpha, "50000", date(2026, 7, 1), term_id=premier_term)
    by_fee = issue(context, alpha, "1000", date(2026, 7, 2), fee_entry_id=associate_fee)
    plain = issue(context, alpha, "30000", date(2026, 7, 3))
    prospect = issue(context, add_organization(context, "Delta Systems"), "500", date(2026, 7, 4))

    tiers = stored_tiers(context.path)
    assert (tiers[by_term], tiers[by_fee], tiers[plain], tiers[prospect]) == (
        "premier", "associate", "general", None,
    )  # fmt: skip
    rows = {(r.tier, r.amount) for r in context.dashboard.figures(TODAY).revenue_by_tier}
    assert ("", usd("500")) in rows  # no tier: shown as such, not dropped


def _alembic(path: Path, action: str, revision: str) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(schema.MIGRATIONS))
    engine = make_engine(path)
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            getattr(command, action)(config, revision)
    finally:
        engine.dispose()


def test_migration_0009_fills_in_the_tier_of_invoices_issued_before_it(context: Any) -> None:
    alpha = add_member(context, "Alpha AI", Tier.PREMIER, employees=5000)  # term of 2026
    general_fee = next(
        entry.id
        for entry in context.fees.schedule_on(TODAY).entries
        if entry.kind.value == "general"
    )
    in_term = issue(context, alpha, "100000", date(2026, 2, 1))
    before_any_term = issue(context, alpha, "90000", date(2025, 3, 1))
    priced = issue(context, alpha, "30000", date(2026, 3, 1), fee_entry_id=general_fee)
    context.memberships.change_tier(alpha, Tier.GENERAL, date(2026, 6, 1))
    prospect = issue(context, add_organization(context, "Delta Systems"), "500", date(2026, 7, 4))
    path = context.path
    context.close()

    _alembic(path, "downgrade", "0008")  # as a file of the previous version was
    _alembic(path, "upgrade", "head")

    tiers = stored_tiers(path)
    # The term covering the day, not today's General; no term: the register's tier.
    assert (tiers[in_term], tiers[before_any_term], tiers[priced], tiers[prospect]) == (
        "premier", "general", "general", None,
    )  # fmt: skip
