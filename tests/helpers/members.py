"""Members made through the real services, for the landscape and report tests."""

from __future__ import annotations

import uuid
from datetime import date

from ptf_desktop.domain.organizations import ApplicationOutcome, MembershipStatus, Tier
from ptf_desktop.services.context import AppContext

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'


def add_member(
    context: AppContext,
    name: str,
    tier: Tier,
    *,
    status: MembershipStatus = MembershipStatus.ACTIVE,
    website: str = "",
    employees: int = 100,
    start: date = date(2026, 1, 1),
) -> uuid.UUID:
    """An organization admitted to a tier (Premier with an approved application)."""
    kind = "academic" if tier is Tier.ASSOCIATE else "commercial"
    org = context.organizations.create(
        {"display_name": name, "org_type": kind, "country": "US", "website": website,
         "employees": str(employees)}
    )  # fmt: skip
    if tier is Tier.PREMIER:
        application = context.memberships.record_application(org, tier, date(2025, 12, 1))
        context.memberships.update_application(
            application, outcome=ApplicationOutcome.APPROVED, decided_on=date(2025, 12, 15)
        )
    context.memberships.admit(org, tier, start)
    if status is not MembershipStatus.ACTIVE:
        context.memberships.set_status(org, status)
    return org
