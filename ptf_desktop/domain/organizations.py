"""Organizations, their contacts and memberships: the kinds, the rules and the validation.

Tier rules come from the foundation's published terms (see FEES.md in the design notes):
Associate only for eligible organization types, Premier only after the Governing Board
approves an application, and Premier members name a voting representative and an
alternate.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from . import validation as v
from .errors import UserError, ValidationError
from .tax_ids import validate_tax_id


class OrgType(StrEnum):
    """What kind of organization it is; Associate eligibility depends on it."""

    COMMERCIAL = "commercial"
    ACADEMIC = "academic"
    NONPROFIT = "nonprofit"
    GOVERNMENT = "government"


class LFMembership(StrEnum):
    """The Linux Foundation membership the organization already holds."""

    NONE = "none"
    SILVER = "silver"
    GOLD = "gold"
    PLATINUM = "platinum"


class Tier(StrEnum):
    """The foundation's membership tiers."""

    PREMIER = "premier"
    GENERAL = "general"
    ASSOCIATE = "associate"


class MembershipStatus(StrEnum):
    """Where an organization stands with the foundation."""

    PROSPECT = "prospect"
    APPLIED = "applied"
    ACTIVE = "active"
    GRACE = "grace"
    LAPSED = "lapsed"
    CANCELLED = "cancelled"


class ContactRole(StrEnum):
    """What a person does for the membership."""

    PRIMARY = "primary"
    BILLING = "billing"
    SIGNATORY = "signatory"
    TECHNICAL = "technical"
    MARKETING = "marketing"
    VOTING_REPRESENTATIVE = "voting_representative"
    ALTERNATE_REPRESENTATIVE = "alternate_representative"


class ApplicationOutcome(StrEnum):
    """The Governing Board's decision on a Premier application."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


LABELS: dict[str, str] = {
    "commercial": "Commercial",
    "academic": "Academic",
    "nonprofit": "Non-profit",
    "government": "Government",
    "none": "None",
    "silver": "Silver",
    "gold": "Gold",
    "platinum": "Platinum",
    "premier": "Premier",
    "general": "General",
    "associate": "Associate",
    "prospect": "Prospect",
    "applied": "Applied",
    "active": "Active",
    "grace": "Grace period",
    "lapsed": "Lapsed",
    "cancelled": "Cancelled",
    "primary": "Primary",
    "billing": "Billing",
    "signatory": "Signatory",
    "technical": "Technical",
    "marketing": "Marketing",
    "voting_representative": "Voting representative",
    "alternate_representative": "Alternate representative",
    "pending": "Pending",
    "approved": "Approved",
    "rejected": "Rejected",
}

ORGANIZATION_FIELD_LABELS: dict[str, str] = {
    "display_name": "Name",
    "legal_name": "Legal name",
    "org_type": "Type",
    "employees": "Employees",
    "country": "Country",
    "address_line1": "Address line 1",
    "address_line2": "Address line 2",
    "city": "City",
    "region": "State or region",
    "postal_code": "Postal code",
    "vat_id": "VAT / tax ID",
    "website": "Website",
    "lf_membership": "Linux Foundation membership",
    "founding_member": "Founding member",
    "notes": "Notes",
}

# The longest text each field may hold: the database column's length. A name longer than
# this cannot be printed on one page of an invoice or certificate.
ORGANIZATION_FIELD_LIMITS: dict[str, int] = {
    "display_name": 300,
    "legal_name": 500,
    "address_line1": 200,
    "address_line2": 200,
    "city": 100,
    "region": 100,
    "postal_code": 30,
}
CONTACT_NAME_LIMIT = 200

DEFAULT_ASSOCIATE_TYPES = frozenset({OrgType.ACADEMIC, OrgType.NONPROFIT})
MAX_EMPLOYEES = 10_000_000


@dataclass(frozen=True)
class OrganizationFields:
    """An organization's own fields, validated. Optional text is "" when not set."""

    display_name: str
    legal_name: str
    org_type: OrgType
    country: str
    employees: int | None = None
    address_line1: str = ""
    address_line2: str = ""
    city: str = ""
    region: str = ""
    postal_code: str = ""
    vat_id: str = ""
    website: str = ""
    lf_membership: LFMembership = LFMembership.NONE
    founding_member: bool = False
    notes: str = ""


@dataclass(frozen=True)
class ContactFields:
    """A person at an organization, validated."""

    name: str
    email: str = ""
    phone: str = ""
    job_title: str = ""
    roles: frozenset[ContactRole] = field(default_factory=frozenset)


def validate_organization(raw: Mapping[str, Any]) -> OrganizationFields:
    """Validate an organization's fields as typed or imported.

    The legal name defaults to the display name. Names keep every character; only
    surrounding white space is trimmed.

    Raises:
        ValidationError: one message per refused field.
    """
    errors: dict[str, str] = {}
    cleaned: dict[str, Any] = {}

    def take(name: str, check: Any) -> None:
        try:
            cleaned[name] = check(raw.get(name, ""))
        except ValueError as error:
            errors[name] = str(error)

    limits = ORGANIZATION_FIELD_LIMITS
    take("display_name", lambda value: _bounded_name(str(value), limits["display_name"]))
    take(
        "legal_name",
        lambda value: v.at_most(str(value or ""), limits["legal_name"], "The legal name"),
    )
    take("org_type", lambda value: parse_choice(OrgType, value, "organization type"))
    take("employees", parse_employees)
    take("country", lambda value: v.country_code(str(value)))
    take("website", lambda value: clean_website(str(value or "")))
    take("lf_membership", lambda value: parse_choice(LFMembership, value or "none", "LF level"))
    take("founding_member", parse_flag)
    for name in ("address_line1", "address_line2", "city", "region", "postal_code"):
        label = ORGANIZATION_FIELD_LABELS[name]
        take(name, lambda value, n=name, w=label: v.at_most(str(value or ""), limits[n], w))
    take("notes", lambda value: v.clean_text(str(value or "")))
    if "country" in cleaned:
        take("vat_id", lambda value: validate_tax_id(str(value or ""), cleaned["country"]))
    if errors:
        raise ValidationError(errors)
    if not cleaned["legal_name"]:
        cleaned["legal_name"] = cleaned["display_name"]
    return OrganizationFields(**cleaned)


def _bounded_name(value: str, limit: int) -> str:
    return v.at_most(v.required(value, "The name"), limit, "The name")


def validate_contact(raw: Mapping[str, Any]) -> ContactFields:
    """Validate a contact; e-mail optional but well-formed when given.

    Raises:
        ValidationError: one message per refused field.
    """
    errors: dict[str, str] = {}
    cleaned: dict[str, Any] = {}
    try:
        name = v.required(str(raw.get("name", "")), "The contact's name")
        cleaned["name"] = v.at_most(name, CONTACT_NAME_LIMIT, "The contact's name")
    except ValueError as error:
        errors["name"] = str(error)
    email = v.clean_text(str(raw.get("email", "") or ""))
    try:
        cleaned["email"] = v.email_address(email) if email else ""
    except ValueError as error:
        errors["email"] = str(error)
    cleaned["phone"] = v.clean_text(str(raw.get("phone", "") or ""))
    cleaned["job_title"] = v.clean_text(str(raw.get("job_title", "") or ""))
    try:
        cleaned["roles"] = frozenset(
            parse_choice(ContactRole, role, "contact role") for role in raw.get("roles", ())
        )
    except ValueError as error:
        errors["roles"] = str(error)
    if errors:
        raise ValidationError(errors)
    return ContactFields(**cleaned)


def parse_choice(kind: type[Any], value: Any, what: str) -> Any:
    """Parse one of an enumeration's values (case-insensitive, labels accepted too)."""
    member = _spellings(kind).get(_spelling(str(value or "")))
    if member is not None:
        return member
    allowed = ", ".join(member.value for member in kind)
    raise ValueError(f"'{str(value).strip()}' is not a known {what} ({allowed}).")


def _spelling(text: str) -> str:
    return text.strip().lower().replace("-", "").replace(" ", "_")


_SPELLINGS: dict[type[Any], dict[str, Any]] = {}


def _spellings(kind: type[Any]) -> dict[str, Any]:
    """Every accepted spelling of an enumeration's members: made once, asked per CSV cell."""
    if kind not in _SPELLINGS:
        spellings: dict[str, Any] = {}
        for member in kind:
            label = LABELS.get(member.value, "")
            if label:
                spellings.setdefault(_spelling(label), member)
            spellings[member.value.replace("-", "")] = member
        _SPELLINGS[kind] = spellings
    return _SPELLINGS[kind]


# Compiled once: the import asks them for every row.
_DIGITS = re.compile(r"\d+")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_WEB_ADDRESS = re.compile(r"https?://[^\s/$.?#][^\s]*\.[^\s]+", re.IGNORECASE)
_PUNCTUATION = re.compile(r"[^\w\s]")


def parse_employees(value: Any) -> int | None:
    """Consolidated employees: empty means unknown; otherwise a whole number from 0."""
    text = str(value if value is not None else "").strip().replace(",", "").replace("_", "")
    if not text:
        return None
    if not _DIGITS.fullmatch(text):
        raise ValueError(f"'{str(value).strip()}' is not a whole number of employees (0 or more).")
    number = int(text)
    if number > MAX_EMPLOYEES:
        raise ValueError(f"{number:,} employees is more than any organization has.")
    return number


def parse_flag(value: Any) -> bool:
    """A yes/no value from a form, a CSV cell or JSON."""
    if isinstance(value, bool):
        return value
    text = str(value or "").strip().lower()
    if text in ("", "0", "no", "false", "n"):
        return False
    if text in ("1", "yes", "true", "y"):
        return True
    raise ValueError(f"'{text}' is not yes or no.")


def clean_website(value: str) -> str:
    """A web address; "https://" is added when the scheme is missing."""
    value = value.strip()
    if not value:
        return ""
    if not _SCHEME.match(value):
        value = "https://" + value
    if not _WEB_ADDRESS.fullmatch(value):
        raise ValueError(f"'{value}' is not a web address (e.g. https://example.org).")
    return value


_LEGAL_SUFFIXES = re.compile(
    r"\b(inc|incorporated|corp|corporation|co|company|ltd|limited|llc|llp|plc|gmbh|ag|sa|"
    r"sas|sarl|bv|nv|oy|ab|as|kk|pte|pty|srl|spa|ooo)\b",
)


def normalized_name(name: str) -> str:
    """A name reduced for duplicate detection: case, accents, punctuation, legal suffixes."""
    text = name.casefold()
    if not text.isascii():  # ASCII has nothing to decompose (most names of an import)
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("&", " and ").replace(".", "")  # "S.A." and "SA" are the same
    text = _PUNCTUATION.sub(" ", text)
    text = _LEGAL_SUFFIXES.sub(" ", text)
    return " ".join(text.split())


class MembershipRuleError(UserError):
    """A membership change that the foundation's rules do not allow."""


def check_tier_allowed(
    tier: Tier, org_type: OrgType, associate_types: Iterable[OrgType] = DEFAULT_ASSOCIATE_TYPES
) -> None:
    """Refuse Associate membership for organization types not eligible for it.

    Raises:
        MembershipRuleError: with the reason.
    """
    eligible = frozenset(associate_types)
    if tier is Tier.ASSOCIATE and org_type not in eligible:
        allowed = " and ".join(sorted(LABELS[kind.value].lower() for kind in eligible))
        raise MembershipRuleError(
            f"Associate membership is only for {allowed} organizations; this one is "
            f"{LABELS[org_type.value].lower()}."
        )


def check_premier_admission(outcome: ApplicationOutcome | None) -> None:
    """Premier membership needs an application approved by the Governing Board.

    Raises:
        MembershipRuleError: when there is no approved application.
    """
    if outcome is not ApplicationOutcome.APPROVED:
        raise MembershipRuleError(
            "Premier membership needs an application approved by the Governing Board; "
            "record the application and the board's decision first."
        )


def general_member_board_seats(general_members: int) -> int:
    """Board seats elected by General members: one per ten, at most three."""
    return min(3, max(0, general_members) // 10)


def parse_associate_types(value: str) -> frozenset[OrgType]:
    """Parse the Associate eligibility setting ("academic, nonprofit")."""
    kinds = [part for part in re.split(r"[,\s]+", value.strip()) if part]
    if not kinds:
        raise ValueError("Name at least one organization type (e.g. academic, nonprofit).")
    return frozenset(parse_choice(OrgType, kind, "organization type") for kind in kinds)
