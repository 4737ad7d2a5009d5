"""What is missing from a membership, shown in the editor and the governance view."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...domain.organizations import ContactRole, MembershipStatus, Tier

if TYPE_CHECKING:
    from .organization_records import OrganizationDetails


def membership_problems(record: OrganizationDetails) -> tuple[str, ...]:
    """Plain-language problems: missing representatives, no billing contact, no term."""
    problems = []
    roles = {role for contact in record.contacts for role in contact.fields.roles}
    active = record.status in (MembershipStatus.ACTIVE, MembershipStatus.GRACE)
    if record.tier is Tier.PREMIER and active:
        if ContactRole.VOTING_REPRESENTATIVE not in roles:
            problems.append("Premier members name a voting representative; none is recorded.")
        if ContactRole.ALTERNATE_REPRESENTATIVE not in roles:
            problems.append("Premier members name an alternate representative; none is recorded.")
    if active and ContactRole.BILLING not in roles and record.tier is not Tier.ASSOCIATE:
        problems.append("No billing contact: invoices have no one to go to.")
    if active and not record.terms:
        problems.append("Active membership without a term.")
    return tuple(problems)
