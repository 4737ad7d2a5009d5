"""A mid-year upgrade of one member: preview its price, then change the tier and bill it.

The upgrade splits the current term at the upgrade date (the days before stay at the old
tier, the days from it are a term at the new tier), records the tier change, updates
the organization (tier, employee count for a higher band, Premier commitment) and makes
the pro-rated upgrade draft invoice with billing's draft writer, in one transaction.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.fees import schedule_in_force
from ...domain.organizations import (
    LFMembership,
    MembershipRuleError,
    MembershipStatus,
    OrgType,
    Tier,
)
from ...domain.renewals import commitment_end
from ...domain.term_rules import TermRules
from ...domain.upgrades import UpgradePrice, price_upgrade
from ...persistence.ids import time_ordered_uuid
from ...persistence.models import MembershipTerm, Organization, TierChange
from ..billing.bulk_drafts import add_draft_invoices
from ..billing.drafts import DraftInvoiceSpec, DraftLineSpec
from ..register.membership_service import has_approved_premier
from ..register.organization_service import associate_types, load_organization
from ..register.tier_terms import split_term
from .fee_rows import load_schedules


@dataclass(frozen=True)
class UpgradeResult:
    """What an upgrade did: its price, the new term and the draft invoice."""

    price: UpgradePrice
    term_id: uuid.UUID
    invoice_id: uuid.UUID


def plan_upgrade(
    session: Session, organization_id: uuid.UUID, tier: Tier, effective: date,
    employees: int | None,
) -> tuple[Organization, MembershipTerm, UpgradePrice]:  # fmt: skip
    """The member, its current term and the upgrade's price; nothing is written.

    Raises:
        MembershipRuleError: not a current member, no term holds the date, a lower tier,
            or nothing more to pay; EligibilityError and FeeScheduleError from pricing.
    """
    organization = load_organization(session, organization_id)
    if organization.tier is None or organization.status not in (
        MembershipStatus.ACTIVE, MembershipStatus.GRACE,
    ):  # fmt: skip
        raise MembershipRuleError("Only a current member can be upgraded.")
    if employees is not None and employees < 0:
        raise MembershipRuleError("The employee count cannot be negative.")
    term = session.scalars(
        select(MembershipTerm)
        .where(MembershipTerm.organization_id == organization.id)
        .where(MembershipTerm.deleted.is_(False))
        .where(MembershipTerm.start_date <= effective, MembershipTerm.end_date >= effective)
        .order_by(MembershipTerm.start_date.desc())
    ).first()
    if term is None:
        raise MembershipRuleError(
            f"No term of this member includes {effective.isoformat()}: an upgrade starts "
            "within its current term."
        )
    price = price_upgrade(
        schedule_in_force(load_schedules(session), effective),
        from_tier=Tier(organization.tier),
        from_employees=organization.employees,
        to_tier=Tier(tier),
        to_employees=organization.employees if employees is None else employees,
        lf_membership=LFMembership(organization.lf_membership),
        start=effective,
        end=term.end_date,
        has_approved_premier_application=has_approved_premier(session, organization, effective),
        org_type=OrgType(organization.org_type),
        associate_types=associate_types(session),
    )
    return organization, term, price


def write_upgrade(
    session: Session,
    organization: Organization,
    term: MembershipTerm,
    price: UpgradePrice,
    employees: int | None,
    rules: TermRules,
) -> UpgradeResult:
    """Change the tier from the upgrade date and make the upgrade's draft invoice."""
    new_tier = price.to_tier.value
    # The same split as a recorded tier change (register.tier_terms).
    upgraded = split_term(term, new_tier, price.start, session)
    if new_tier != organization.tier:
        session.add(
            TierChange(
                id=time_ordered_uuid(), organization_id=organization.id,
                from_tier=organization.tier, to_tier=new_tier, effective_date=price.start,
                note="Mid-year upgrade",
            )
        )  # fmt: skip
    if price.to_tier is Tier.PREMIER and organization.tier != new_tier:
        organization.commitment_end = commitment_end(price.start, rules.premier_commitment_years)
    organization.tier = new_tier
    if employees is not None:
        organization.employees = employees
    if organization.next_tier == new_tier:
        organization.next_tier = None
    session.flush()
    spec = DraftInvoiceSpec(
        organization_id=organization.id,
        currency=price.total.currency,
        lines=tuple(
            DraftLineSpec(line.description, Decimal(1), line.amount, line.fee_entry_id, upgraded.id)
            for line in price.lines
        ),  # fmt: skip
        notes=f"Mid-year upgrade from {price.from_tier.value.title()} to "
        f"{price.to_tier.value.title()} from {price.start.isoformat()}.",
    )
    (invoice_id,) = add_draft_invoices(session, [spec])
    return UpgradeResult(price, upgraded.id, invoice_id)
