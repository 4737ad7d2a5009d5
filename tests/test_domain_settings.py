"""Validation of the foundation's settings: every refusal says why, nothing is half-applied."""

from __future__ import annotations

from pathlib import Path

import pytest

from ptf_desktop.domain.errors import ValidationError
from ptf_desktop.domain.foundation_settings import (
    FoundationSettings,
    changed_fields,
    validate_settings,
)

from conftest import REPOSITORY, TRICKY_NAMES_FILE, read_tricky_names

DEFAULTS = FoundationSettings()


def refused(changes: dict[str, object]) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        validate_settings(DEFAULTS, changes)
    return caught.value.field_errors


def test_defaults_are_the_published_ones() -> None:
    assert DEFAULTS.default_currency == "USD"
    assert DEFAULTS.payment_terms_days == 30
    assert DEFAULTS.country == "US"


def test_valid_bank_details_are_cleaned() -> None:
    settings = validate_settings(
        DEFAULTS,
        {
            "iban": "gb82 west 1234 5698 7654 32",
            "swift_bic": " deutdeff ",
            "aba_routing": "121000358",
            "billing_email": "  Billing@PyTorch.org ",
        },
    )
    assert settings.iban == "GB82WEST12345698765432"
    assert settings.swift_bic == "DEUTDEFF"
    assert settings.aba_routing == "121000358"
    assert settings.billing_email == "Billing@pytorch.org"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("iban", "GB82 WEST 1234 5698 7654 33", "check digits"),
        ("iban", "GB82 WEST", "IBAN"),
        ("billing_email", "billing@", "after the @"),
        ("billing_email", "billing@localhost", "period"),
        ("billing_email", "billing.pytorch.org", "@"),
        ("swift_bic", "DEUTDEF", "SWIFT/BIC"),
        ("aba_routing", "121000359", "check digits"),
        ("default_currency", "XYZ", "ISO 4217"),
        ("country", "ZZ", "ISO 3166"),
        ("payment_terms_days", "-1", "between 0 and 365"),
        ("payment_terms_days", "thirty", "whole number"),
        ("invoice_prefix", "INV/2027", "letters, digits"),
        ("invoice_prefix", "", "letters, digits"),
        ("legal_name", "   ", "required"),
        ("tax_id", "12345", "EIN"),
    ],
)
def test_a_bad_value_is_refused_with_a_reason(field: str, value: str, message: str) -> None:
    errors = refused({field: value})
    assert list(errors) == [field]
    assert message in errors[field]


def test_every_bad_field_is_reported_at_once() -> None:
    errors = refused({"iban": "XX00", "billing_email": "nobody@", "legal_name": "Fine"})
    assert set(errors) == {"iban", "billing_email"}


def test_tax_id_follows_the_country() -> None:
    german = validate_settings(DEFAULTS, {"country": "de", "tax_id": "136695976"})
    assert (german.country, german.tax_id) == ("DE", "DE136695976")
    assert "VAT" in refused({"country": "DE", "tax_id": "DE136695977"})["tax_id"]
    # A country without a rule in python-stdnum accepts the text as typed (trimmed).
    assert validate_settings(DEFAULTS, {"country": "AQ", "tax_id": " 42 "}).tax_id == "42"


def test_unknown_field_is_a_bug_not_a_user_error() -> None:
    with pytest.raises(ValueError, match="unknown settings"):
        validate_settings(DEFAULTS, {"colour": "orange"})


def test_series_prefixes_are_upper_case_and_may_name_a_device() -> None:
    settings = validate_settings(DEFAULTS, {"invoice_prefix": "inv-l07", "quote_prefix": "q"})
    assert (settings.invoice_prefix, settings.quote_prefix) == ("INV-L07", "Q")


@pytest.mark.parametrize("name", read_tricky_names())
def test_any_organization_name_is_kept_exactly_apart_from_outer_spaces(name: str) -> None:
    settings = validate_settings(DEFAULTS, {"legal_name": name, "signatory_title": name})
    assert settings.legal_name == name.strip()
    assert settings.signatory_title == name.strip()


def test_changed_fields_lists_old_and_new() -> None:
    new = validate_settings(DEFAULTS, {"city": "Berlin", "payment_terms_days": 45})
    assert changed_fields(DEFAULTS, new) == {
        "city": ("San Francisco", "Berlin"),
        "payment_terms_days": (30, 45),
    }


def test_tricky_names_copy_matches_the_shared_list() -> None:
    shared = REPOSITORY.parent / "shared" / "data" / "tricky-organization-names.txt"
    if not shared.exists():
        pytest.skip("the shared design folder is not beside this checkout")
    assert Path(TRICKY_NAMES_FILE).read_bytes() == shared.read_bytes()
