"""Rows of an import that match organizations already in the register, and what to do.

Each valid row is matched (services/register/matching.py: tax ID, then name and country,
then website domain) before anything is written, and the person chooses per file:

- ``skip``: a matching row is left out; the register keeps what it has;
- ``update``: the matching organization takes the row's values (the cells the row
  fills; an empty cell keeps the register's value) and its billing contact, if the
  organization has no contact with that e-mail address or name. Membership is not
  changed by an import: the tier of an existing organization changes through
  admission and renewals;
- ``create``: the row is created anyway, a second organization (as before matching).

Only the rows to create go on to the bulk writer; the updates are ORM changes, so the
audit trail records each changed field as for an edit.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import MISSING, asdict, dataclass, fields
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.organizations import (
    MembershipRuleError,
    OrganizationFields,
    OrgType,
    Tier,
    check_tier_allowed,
)
from ...persistence.ids import time_ordered_uuid
from ...persistence.models import Contact, Organization
from .matching import Matchable, MatchRule, register_matcher
from .organization_import_rows import ImportedOrganization
from .organization_records import organization_fields
from .organization_service import apply_fields, load_organization
from .organization_summary import refresh_summary

__all__ = ["ImportMatch", "OnMatch", "apply_updates", "split_matches"]


# A field at its default was not filled in by the row (an empty cell): it keeps its value.
_DEFAULTS = {f.name: f.default for f in fields(OrganizationFields) if f.default is not MISSING}


class OnMatch(StrEnum):
    """What an import does with a row that matches an organization of the register."""

    SKIP = "skip"
    UPDATE = "update"
    CREATE = "create"


# How the report and the dialog say what happened to a matching row.
ACTION_WORDS = {
    OnMatch.SKIP: "skipped",
    OnMatch.UPDATE: "updated",
    OnMatch.CREATE: "created anyway",
}


@dataclass(frozen=True)
class ImportMatch:
    """A row that matches an organization of the register.

    Attributes:
        line: the row's line in the file.
        name: the row's name.
        organization_id: the organization it matches.
        organization_name: that organization's name in the register.
        rule: the rule that matched.
        action: what the import does (or would do) with the row.
    """

    line: int
    name: str
    organization_id: uuid.UUID
    organization_name: str
    rule: MatchRule
    action: OnMatch

    def describe(self) -> str:
        """One line for the report: line, the organization matched, the rule, the action."""
        return (
            f"line {self.line}: {self.name} matches {self.organization_name} "
            f"by {self.rule}; {ACTION_WORDS[self.action]}"
        )


def split_matches(
    session: Session, organizations: Sequence[ImportedOrganization], on_match: OnMatch
) -> tuple[list[ImportedOrganization], list[tuple[ImportMatch, ImportedOrganization]]]:
    """Divide valid rows into those to create and those that match the register.

    Args:
        session: a session in a transaction.
        organizations: the valid rows.
        on_match: what to do with a matching row; with ``create`` it is also created.

    Returns:
        The rows to create, and each matching row with its match.
    """
    if not organizations:
        return [], []
    incoming = [
        Matchable(None, o.fields.display_name, o.fields.legal_name, o.fields.country,
                  o.fields.vat_id, o.fields.website)
        for o in organizations
    ]  # fmt: skip
    matcher = register_matcher(session, incoming)
    to_create: list[ImportedOrganization] = []
    matched: list[tuple[ImportMatch, ImportedOrganization]] = []
    for organization, candidate in zip(organizations, incoming, strict=True):
        fields = organization.fields
        found = matcher.match(candidate)
        if found is None or found.organization.id is None:
            to_create.append(organization)
            continue
        match = ImportMatch(
            organization.line, fields.display_name, found.organization.id,
            found.organization.display_name, found.rule, on_match,
        )  # fmt: skip
        matched.append((match, organization))
        if on_match is OnMatch.CREATE:
            to_create.append(organization)
    return to_create, matched


def apply_updates(
    session: Session,
    matched: Sequence[tuple[ImportMatch, ImportedOrganization]],
    eligible: Iterable[OrgType],
) -> int:
    """Give each matching organization its row's values; return how many changed.

    Two rows that match the same organization are applied in file order (the later
    row's values win).

    Args:
        session: a session in a write transaction.
        matched: the matching rows, each with its match.
        eligible: the organization types the settings allow as Associate members.
    """
    eligible = tuple(eligible)
    changed = 0
    for match, imported in matched:
        organization = load_organization(session, match.organization_id)
        current = asdict(organization_fields(organization))
        filled = {
            name: value
            for name, value in asdict(imported.fields).items()
            if value != _DEFAULTS.get(name, "") and name != "founding_member"
        }
        if organization.tier and "org_type" in filled:
            # A member's type stays when the row's type would break its tier's rule.
            try:
                check_tier_allowed(Tier(organization.tier), filled["org_type"], eligible)
            except MembershipRuleError:
                del filled["org_type"]
        merged = OrganizationFields(**{**current, **filled})
        before = dict(current)
        apply_fields(organization, merged)
        contact_added = _add_billing_contact(session, organization, imported)
        refresh_summary(session, organization)
        if before != asdict(merged) or contact_added:
            changed += 1
    return changed


def _add_billing_contact(
    session: Session, organization: Organization, imported: ImportedOrganization
) -> bool:
    contact = imported.billing_contact
    if contact is None:
        return False
    existing = session.scalars(
        select(Contact).where(
            Contact.organization_id == organization.id, Contact.deleted.is_(False)
        )
    ).all()
    wanted = contact.email.casefold() or contact.name.casefold()
    if any(wanted in (c.email.casefold(), c.name.casefold()) for c in existing):
        return False
    session.add(
        Contact(
            id=time_ordered_uuid(), organization_id=organization.id, name=contact.name,
            email=contact.email, phone=contact.phone, job_title=contact.job_title,
            roles=",".join(sorted(role.value for role in contact.roles)),
        )
    )  # fmt: skip
    session.flush()
    return True
