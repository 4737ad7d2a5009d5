"""Shared helpers of the certificate tests: a member with a term, signing set up."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from ptf_desktop.domain.organizations import Tier
from ptf_desktop.persistence.models import MembershipTerm

from .billing import add_organization

ISSUE_DAY = date(2027, 1, 15)
PASSPHRASE = "correct horse battery staple"


def configure_signatory(context: Any) -> None:
    context.settings.save(
        {"signatory_name": "Ada Lovelace", "signatory_title": "Executive Director"}
    )


def add_member(
    context: Any,
    name: str = "Acme Robotics GmbH",
    *,
    tier: Tier = Tier.GENERAL,
    start: date = date(2027, 1, 1),
    **fields: Any,
) -> tuple[uuid.UUID, uuid.UUID]:
    """A member organization with one term; returns (organization id, term id)."""
    organization = add_organization(context, name, legal_name=name, **fields)
    context.memberships.admit(organization, tier, start)
    with context.factories.read.begin() as s:
        term = s.scalars(
            select(MembershipTerm.id).where(MembershipTerm.organization_id == organization)
        ).one()
    return organization, term


def enable_signing(context: Any, folder: Path) -> Path:
    """A self-signed signing certificate made and chosen in the settings (needs a keyring)."""
    return context.certificate_settings.create_self_signed(
        folder / "signing.p12", PASSPHRASE, "Ada Lovelace"
    )
