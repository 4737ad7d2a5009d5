"""The invoice lists the dashboard opens: open, year of issue, tier and aging bucket."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest
from sqlalchemy import update

from ptf_desktop.domain.errors import UserError
from ptf_desktop.persistence.models import Organization
from ptf_desktop.services.billing.invoice_service import InvoiceService

from helpers.billing import add_organization, membership_spec

# The services work the same on the team server's PostgreSQL.
pytestmark = pytest.mark.both_databases

TODAY = date(2027, 6, 30)


class Renderer:
    def render(self, document: Any) -> bytes:
        return b"%PDF-1.7\n" + repr(document).encode()

    def warm_up(self) -> None:
        pass


def set_tier(context: Any, organization_id: uuid.UUID, tier: str) -> None:
    with context.factories.write.begin() as session:
        session.execute(
            update(Organization).where(Organization.id == organization_id).values(tier=tier)
        )


@pytest.fixture
def invoices(context: Any) -> InvoiceService:
    return InvoiceService(context.factories, Renderer(), today=lambda: TODAY)


def issue(invoices: InvoiceService, organization_id: uuid.UUID, on: date) -> str:
    summary = invoices.issue(invoices.create_draft(membership_spec(organization_id)), on)
    assert summary.number is not None
    return summary.number


def test_filters_narrow_by_open_year_tier_and_aging_bucket(
    context: Any, invoices: InvoiceService
) -> None:
    gold = add_organization(context, "Gold Corp")
    set_tier(context, gold, "premier")
    plain = add_organization(context, "Plain Ltd")
    # Due 30 days after issue (the default terms): due dates 2026-12-01, 2027-05-01, 2027-06-20.
    old = issue(invoices, gold, date(2026, 11, 1))
    mid = issue(invoices, plain, date(2027, 4, 1))
    recent = issue(invoices, plain, date(2027, 6, 20))
    invoices.create_draft(membership_spec(plain))

    def numbers(**filters: Any) -> list[str | None]:
        return [summary.number for summary in invoices.list(**filters)]

    assert numbers(status="open") == [old, mid, recent]
    assert numbers(status="overdue") == [old, mid]
    assert numbers(year=2027) == [mid, recent]
    assert numbers(year=2026, tier="premier") == [old]
    assert numbers(tier="premier", year=2027) == []
    assert numbers(status="open", aging="current") == [recent]
    assert numbers(status="overdue", aging="31-60") == [mid]
    assert numbers(status="overdue", aging="over 90") == [old]
    assert numbers(aging="1-30") == []


def test_unknown_filters_are_refused_with_a_message(invoices: InvoiceService) -> None:
    with pytest.raises(UserError, match="Unknown aging bucket 'ancient'"):
        invoices.list(aging="ancient")
    with pytest.raises(UserError, match="'last' is not a year"):
        invoices.list(year="last")  # type: ignore[arg-type]
    with pytest.raises(UserError, match="Unknown status 'unpaid'"):
        invoices.list("unpaid")
