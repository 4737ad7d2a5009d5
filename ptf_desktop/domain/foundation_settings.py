"""The foundation's business settings: who bills, where payments go, how documents are numbered.

These travel with the data (they live in the database), unlike window geometry.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any

from . import validation as v
from .errors import ValidationError
from .organizations import parse_associate_types
from .tax_ids import validate_tax_id
from .term_rules import TermRules, month_day, parse_month_day, parse_reminder_offsets
from .term_rules import reminder_offsets as _reminder_offsets


@dataclass(frozen=True)
class FoundationSettings:
    """Every business setting, already validated. Text fields are "" when not set."""

    legal_name: str = "PyTorch Foundation"
    address_line1: str = "548 Market St, PMB 57274"
    address_line2: str = ""
    city: str = "San Francisco"
    region: str = "CA"
    postal_code: str = "94104-5401"
    country: str = "US"
    tax_id: str = ""
    billing_email: str = ""
    bank_name: str = ""
    bank_account: str = ""
    aba_routing: str = ""
    iban: str = ""
    swift_bic: str = ""
    default_currency: str = "USD"
    payment_terms_days: int = 30
    invoice_prefix: str = "INV"
    credit_note_prefix: str = "CN"
    quote_prefix: str = "Q"
    signatory_name: str = ""
    signatory_title: str = ""
    associate_eligible_types: str = "academic,nonprofit"
    # When a Premier or General term counts as held (certified): once an invoice billing
    # it is "issued" (the default: invoiced at signature, FEES.md), or only once "paid".
    term_held_when: str = "issued"
    premier_commitment_years: int = 2
    fee_increase_notice_date: str = "10-15"
    non_renewal_notice_deadline: str = "12-01"
    grace_days: int = 60
    reminder_offsets: str = "90,60,30,0,-15"
    backups_to_keep: int = 14
    # ISO date through which the books are closed ("" when none): nothing is issued then.
    books_closed_through: str = ""

    def term_rules(self) -> TermRules:
        """The term rules of these settings, parsed."""
        return TermRules(
            premier_commitment_years=self.premier_commitment_years,
            fee_increase_notice=parse_month_day(self.fee_increase_notice_date),
            non_renewal_deadline=parse_month_day(self.non_renewal_notice_deadline),
            grace_days=self.grace_days,
            reminder_offsets=parse_reminder_offsets(self.reminder_offsets),
        )


# An automatic backup is made each day the app starts; at least one is always kept.
MIN_BACKUPS_KEPT = 1
MAX_BACKUPS_KEPT = 365

FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in fields(FoundationSettings))

# Human labels, used in messages, the settings form and the audit history.
FIELD_LABELS: dict[str, str] = {
    "legal_name": "Legal name",
    "address_line1": "Address line 1",
    "address_line2": "Address line 2",
    "city": "City",
    "region": "State or region",
    "postal_code": "Postal code",
    "country": "Country",
    "tax_id": "Tax ID",
    "billing_email": "Billing contact e-mail",
    "bank_name": "Bank name",
    "bank_account": "Account number",
    "aba_routing": "ABA routing number",
    "iban": "IBAN",
    "swift_bic": "SWIFT/BIC",
    "default_currency": "Default currency",
    "payment_terms_days": "Payment terms (days)",
    "invoice_prefix": "Invoice series prefix",
    "credit_note_prefix": "Credit note series prefix",
    "quote_prefix": "Quote series prefix",
    "signatory_name": "Signatory name",
    "signatory_title": "Signatory title",
    "associate_eligible_types": "Associate membership open to",
    "term_held_when": "Terms held once the invoice is",
    "premier_commitment_years": "Premier initial commitment (years)",
    "fee_increase_notice_date": "Fee increases announced by (MM-DD)",
    "non_renewal_notice_deadline": "Non-renewal notice due by (MM-DD)",
    "grace_days": "Grace period after due date (days)",
    "reminder_offsets": "Renewal reminders (days before term end)",
    "backups_to_keep": "Automatic backups kept",
    "books_closed_through": "Books closed through (YYYY-MM-DD)",
}


# When a paying term counts as held, with the words the settings form shows.
TERM_HELD_CHOICES = {"issued": "issued", "paid": "paid in full"}


def _one_of(value: Any, choices: Mapping[str, str], what: str) -> str:
    text = str(value).strip().lower()
    if text not in choices:
        raise ValueError(f"{what}: choose {' or '.join(repr(key) for key in choices)}.")
    return text


def _optional(check: Callable[[str], str]) -> Callable[[str], str]:
    """Apply a check only to a non-empty value; an empty optional field stays empty."""

    def cleaned(value: str) -> str:
        value = v.clean_text(value)
        return check(value) if value else ""

    return cleaned


_CLEANERS: dict[str, Callable[[Any], Any]] = {
    "legal_name": lambda value: v.required(value, "The legal name"),
    "address_line1": lambda value: v.required(value, "The first address line"),
    "city": lambda value: v.required(value, "The city"),
    "country": v.country_code,
    "billing_email": _optional(v.email_address),
    "aba_routing": _optional(v.aba_routing_number),
    "iban": _optional(v.iban_number),
    "swift_bic": _optional(v.bic_code),
    "default_currency": v.currency_code,
    "payment_terms_days": lambda value: v.whole_number(value, "Payment terms", 0, 365),
    "invoice_prefix": lambda value: v.series_prefix(value, "The invoice prefix"),
    "credit_note_prefix": lambda value: v.series_prefix(value, "The credit note prefix"),
    "quote_prefix": lambda value: v.series_prefix(value, "The quote prefix"),
    "associate_eligible_types": lambda value: ",".join(sorted(parse_associate_types(value))),
    "term_held_when": lambda value: _one_of(value, TERM_HELD_CHOICES, "A term is held once"),
    "premier_commitment_years": lambda value: v.whole_number(
        value, "The Premier commitment", 1, 10
    ),
    "fee_increase_notice_date": lambda value: month_day(value, "The fee-increase notice date"),
    "non_renewal_notice_deadline": lambda value: month_day(
        value, "The non-renewal notice deadline"
    ),
    "grace_days": lambda value: v.whole_number(value, "The grace period", 0, 365),
    "reminder_offsets": _reminder_offsets,
    "books_closed_through": _optional(lambda value: closing_date_text(value, "The closing date")),
    "backups_to_keep": lambda value: v.whole_number(
        value, "The number of automatic backups", MIN_BACKUPS_KEPT, MAX_BACKUPS_KEPT
    ),
}


def closing_date_text(value: str, label: str) -> str:
    """A closing date as stored (ISO); refuses anything that is not a date."""
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise ValueError(f"{label} is a date written YYYY-MM-DD, e.g. 2025-12-31.") from None


def validate_settings(base: FoundationSettings, changes: Mapping[str, Any]) -> FoundationSettings:
    """Apply changes to settings, validating every changed field.

    Args:
        base: the settings as they are now.
        changes: new raw values (as typed) per field name.

    Returns:
        The new settings with cleaned values (trimmed, normalised codes).

    Raises:
        ValidationError: with one message per refused field; nothing is applied.
    """
    cleaned, errors = v.clean_changes(changes, FIELD_NAMES, _clean, "settings")
    candidate = replace(base, **cleaned)
    if "tax_id" not in errors:
        try:
            candidate = replace(
                candidate, tax_id=validate_tax_id(candidate.tax_id, candidate.country)
            )
        except ValueError as error:
            errors["tax_id"] = str(error)
    if errors:
        raise ValidationError(errors)
    return candidate


def _clean(name: str, raw: Any) -> Any:
    return _CLEANERS.get(name, v.clean_text)(raw)


def changed_fields(old: FoundationSettings, new: FoundationSettings) -> dict[str, tuple[Any, Any]]:
    """Return {field: (old, new)} for every field that differs."""
    return {
        name: (getattr(old, name), getattr(new, name))
        for name in FIELD_NAMES
        if getattr(old, name) != getattr(new, name)
    }
