"""Field validators shared by every record: each returns the cleaned value or raises ValueError.

The ValueError message is written for a person and is shown next to the field.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from functools import cache, lru_cache
from typing import Any

# python-stdnum is imported where a number is checked, not with this module: loading it
# loads ssl, pydoc and more (about 55 ms), which no list or page needs to show its rows.

_PREFIX = re.compile(r"[A-Z0-9](?:[A-Z0-9-]{0,10}[A-Z0-9])?")


def clean_text(value: str) -> str:
    """Trim surrounding white space; nothing else about user text is changed."""
    return value.strip()


# The dates the app works with: terms, due dates and reminders a year or more ahead of
# any of these stay within what a date can hold.
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2999, 12, 31)


def iso_date(text: str) -> date:
    """A date written YYYY-MM-DD, between EARLIEST_DATE and LATEST_DATE.

    Raises:
        ValueError: not such a date; the message says what is expected.
    """
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"'{text}' is not a date like 2027-01-31") from None
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise ValueError(
            f"{day.isoformat()} is out of range: dates go from {EARLIEST_DATE.isoformat()} "
            f"to {LATEST_DATE.isoformat()}"
        )
    return day


def at_most(value: str, limit: int, what: str) -> str:
    """Return the trimmed value, refusing one longer than ``limit`` characters.

    Every stored text has a bound, so that every document can print it.
    """
    value = clean_text(value)
    if len(value) > limit:
        raise ValueError(f"{what} is {len(value):,} characters long; at most {limit:,} fit.")
    return value


def required(value: str, what: str) -> str:
    """Return the trimmed value, refusing an empty one."""
    value = clean_text(value)
    if not value:
        raise ValueError(f"{what} is required.")
    return value


def email_address(value: str) -> str:
    """Validate an e-mail address (syntax and domain shape, no network) and normalise it.

    email_validator decides; its answer for an address is remembered, since an import
    often names the same address on many rows.

    Raises:
        ValueError: the address is not valid; the message says why.
    """
    normalized, problem = _judged_email(clean_text(value))
    if problem:
        raise ValueError(f"Not a valid e-mail address: {problem}")
    return normalized


@lru_cache(maxsize=16_384)
def _judged_email(value: str) -> tuple[str, str]:
    """The normalized address and "", or "" and why email_validator refuses it."""
    if "@" not in value:
        # Cheap pre-check, before loading and running the validator: the same words
        # email_validator uses for an address without an @-sign.
        return "", "An email address must have an @-sign."
    from email_validator import EmailNotValidError, validate_email

    _remember_character_checks()
    try:
        return validate_email(value, check_deliverability=False).normalized, ""
    except EmailNotValidError as error:
        return "", str(error)


@cache
def _remember_character_checks() -> None:
    """Have email_validator remember its per-character check of domain names.

    ``uts46_valid_char`` depends on the character alone, yet runs for every character of
    every domain: a third of the validator's time on an import of 10,000 addresses.
    Remembering its answers changes no answer; a version of the library without that
    function is left alone.
    """
    from email_validator import syntax

    check = getattr(syntax, "uts46_valid_char", None)
    if callable(check) and not hasattr(check, "cache_info"):
        syntax.uts46_valid_char = lru_cache(maxsize=4096)(check)


def iban_number(value: str) -> str:
    """Validate an IBAN and return it in compact form (no spaces, upper case)."""
    from stdnum import iban

    return _stdnum(iban.validate, value, "IBAN")


def bic_code(value: str) -> str:
    """Validate a SWIFT/BIC code (8 or 11 characters) and return it compact."""
    from stdnum import bic

    return _stdnum(bic.validate, value, "SWIFT/BIC code")


def aba_routing_number(value: str) -> str:
    """Validate a US ABA routing transit number (9 digits with a check digit)."""
    from stdnum.us import rtn

    return _stdnum(rtn.validate, value, "ABA routing number")


def currency_code(value: str) -> str:
    """Validate an ISO 4217 currency code such as USD."""
    import pycountry

    code = clean_text(value).upper()
    if len(code) != 3 or pycountry.currencies.get(alpha_3=code) is None:
        raise ValueError(f"'{value.strip()}' is not an ISO 4217 currency code (e.g. USD, EUR).")
    return code


def country_code(value: str) -> str:
    """Validate an ISO 3166-1 alpha-2 country code such as US or DE."""
    code = clean_text(value).upper()
    if len(code) != 2 or not _is_country(code):
        raise ValueError(f"'{value.strip()}' is not an ISO 3166 country code (e.g. US, DE).")
    return code


@cache
def _is_country(code: str) -> bool:
    # Asked once per CSV row by an import: the answer for a code never changes.
    import pycountry

    return pycountry.countries.get(alpha_2=code) is not None


def series_prefix(value: str, what: str) -> str:
    """Validate a document series prefix: it becomes part of numbers and file names."""
    prefix = clean_text(value).upper()
    if not _PREFIX.fullmatch(prefix):
        raise ValueError(
            f"{what} must be 1 to 12 letters, digits or inner hyphens (e.g. INV or INV-L07)."
        )
    return prefix


def whole_number(value: str | int, what: str, minimum: int, maximum: int) -> int:
    """Parse a whole number within bounds."""
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ValueError(f"{what} must be a whole number.") from None
    if not minimum <= number <= maximum:
        raise ValueError(f"{what} must be between {minimum} and {maximum}.")
    return number


def _stdnum(validate: object, value: str, what: str) -> str:
    from stdnum.exceptions import (
        InvalidChecksum,
        InvalidComponent,
        InvalidFormat,
        InvalidLength,
        ValidationError,
    )

    try:
        return validate(value)  # type: ignore[operator,no-any-return]
    except InvalidChecksum:
        raise ValueError(f"Not a valid {what}: the check digits do not match.") from None
    except InvalidLength:
        raise ValueError(f"Not a valid {what}: it has the wrong length.") from None
    except (InvalidFormat, InvalidComponent):
        raise ValueError(
            f"Not a valid {what}: it contains characters or parts that do not belong."
        ) from None
    except ValidationError:
        raise ValueError(f"Not a valid {what}.") from None


def clean_changes(
    changes: Mapping[str, Any],
    known: Iterable[str],
    clean: Callable[[str, Any], Any],
    kind: str,
) -> tuple[dict[str, Any], dict[str, str]]:
    """Clean each changed value with ``clean(name, value)``, collecting every refusal.

    Args:
        changes: the new values by field name.
        known: the field names that may change.
        clean: returns the cleaned value, or raises ValueError with the message to show.
        kind: what the fields are, for the message of an unknown name.

    Returns:
        The cleaned values, and one message per refused field (by field name).

    Raises:
        ValueError: a name that is not in ``known`` (a bug of the caller, not a mistake
            of the person typing).
    """
    unknown = set(changes) - set(known)
    if unknown:
        raise ValueError(f"unknown {kind}: {sorted(unknown)}")
    cleaned: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name, raw in changes.items():
        try:
            cleaned[name] = clean(name, raw)
        except ValueError as error:
            errors[name] = str(error)
    return cleaned, errors
