"""Judging the rows of an organizations CSV: each value with the same rules as the editor.

A row becomes an ``ImportedOrganization`` only when every value in it is valid; otherwise
each refused value becomes a problem naming its line and column.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ...domain.errors import ValidationError
from ...domain.organizations import (
    ContactFields,
    ContactRole,
    MembershipRuleError,
    MembershipStatus,
    OrganizationFields,
    OrgType,
    Tier,
    check_tier_allowed,
    normalized_name,
    parse_choice,
    validate_contact,
    validate_organization,
)
from .organization_columns import IMPORT_COLUMNS
from .organization_csv_reader import CsvRow, ImportProblem

# The organization's own columns: the same names as the fields, except the name.
_ORGANIZATION_COLUMNS = {
    "display_name": "name", "legal_name": "legal_name", "org_type": "org_type",
    "employees": "employees", "country": "country", "address_line1": "address_line1",
    "address_line2": "address_line2", "city": "city", "region": "region",
    "postal_code": "postal_code", "vat_id": "vat_id", "website": "website",
    "lf_membership": "lf_membership", "notes": "notes",
}  # fmt: skip
_CONTACT_COLUMNS = {"name": "billing_contact_name", "email": "billing_contact_email"}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class ImportedOrganization:
    """A valid row: the organization, its membership and its billing contact.

    Attributes:
        line: where the row starts in the file.
        fields: the organization's validated fields.
        tier: the tier of an existing member; None for a prospect.
        member_since: when a member joined (None for a prospect).
        billing_contact: the billing contact, if the row names one.
        normalized_name: the name as compared for duplicates.
    """

    line: int
    fields: OrganizationFields
    tier: Tier | None
    member_since: date | None
    billing_contact: ContactFields | None
    normalized_name: str

    @property
    def status(self) -> MembershipStatus:
        """An imported member is active; anyone else is a prospect."""
        return MembershipStatus.ACTIVE if self.tier else MembershipStatus.PROSPECT


def current_term(today: date) -> tuple[date, date]:
    """The term an imported member holds: terms follow the calendar year."""
    return date(today.year, 1, 1), date(today.year, 12, 31)


def validate_row(
    row: CsvRow, associate_types: Iterable[OrgType], today: date
) -> tuple[ImportedOrganization | None, list[ImportProblem]]:
    """Judge one row.

    Args:
        row: the cells of the row.
        associate_types: the organization types the settings allow as Associate members.
        today: the import date (a member cannot have joined after it).

    Returns:
        The organization when the row is valid, else None and one problem per column.
    """
    errors: dict[str, str] = {}
    cells = row.cells
    fields = _organization(cells, errors)
    tier = _tier(cells.get("tier", ""), errors)
    member_since = _member_since(cells.get("member_since", ""), tier, today, errors)
    if fields is not None and tier is not None:
        try:
            check_tier_allowed(tier, fields.org_type, associate_types)
        except MembershipRuleError as error:
            errors["tier"] = str(error)
    contact = _billing_contact(cells, errors)
    if errors or fields is None:
        order = {name: index for index, name in enumerate(IMPORT_COLUMNS)}
        columns = sorted(errors, key=lambda column: order.get(column, len(order)))
        return None, [ImportProblem(row.line, column, errors[column]) for column in columns]
    name = normalized_name(fields.legal_name or fields.display_name)
    return ImportedOrganization(row.line, fields, tier, member_since, contact, name), []


def _organization(cells: dict[str, str], errors: dict[str, str]) -> OrganizationFields | None:
    raw = {field: cells.get(column, "") for field, column in _ORGANIZATION_COLUMNS.items()}
    try:
        return validate_organization(raw)
    except ValidationError as error:
        for field, message in error.field_errors.items():
            errors[_ORGANIZATION_COLUMNS.get(field, field)] = message
        return None


def _tier(text: str, errors: dict[str, str]) -> Tier | None:
    if not text.strip():
        return None
    try:
        tier: Tier = parse_choice(Tier, text, "tier")
    except ValueError as error:
        errors["tier"] = str(error)
        return None
    return tier


def _member_since(text: str, tier: Tier | None, today: date, errors: dict[str, str]) -> date | None:
    text = text.strip()
    if not text:
        if tier is not None:
            errors["member_since"] = "A member needs the date they joined (YYYY-MM-DD)."
        return None
    try:
        joined = parse_iso_date(text)
    except ValueError as error:
        errors["member_since"] = str(error)
        return None
    if joined > today:
        errors["member_since"] = f"{text} is in the future; give the date the member joined."
    elif tier is None and "tier" not in errors:
        errors["member_since"] = "Only members have a member-since date: give the tier too."
    return joined


def parse_iso_date(text: str) -> date:
    """A calendar date written YYYY-MM-DD; an impossible one such as 2027-02-30 is refused.

    Raises:
        ValueError: with a message for a person.
    """
    if not _ISO_DATE.fullmatch(text):
        raise ValueError(f"'{text}' is not a date written YYYY-MM-DD.")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text} is not a real date.") from None


def _billing_contact(cells: dict[str, str], errors: dict[str, str]) -> ContactFields | None:
    raw = {field: cells.get(column, "") for field, column in _CONTACT_COLUMNS.items()}
    if not any(value.strip() for value in raw.values()):
        return None
    try:
        return validate_contact({**raw, "roles": [ContactRole.BILLING.value]})
    except ValidationError as error:
        for field, message in error.field_errors.items():
            errors[_CONTACT_COLUMNS.get(field, field)] = message
        return None
