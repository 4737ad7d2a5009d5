"""Organization rules: validation, names kept exactly, tier eligibility, board seats."""

from __future__ import annotations

import pytest

from ptf_desktop.domain.errors import ValidationError
from ptf_desktop.domain.organizations import (
    ApplicationOutcome,
    ContactRole,
    MembershipRuleError,
    OrgType,
    Tier,
    check_premier_admission,
    check_tier_allowed,
    general_member_board_seats,
    normalized_name,
    parse_associate_types,
    validate_contact,
    validate_organization,
)

from conftest import read_tricky_names

BASE = {"display_name": "Example Labs", "org_type": "commercial", "country": "US"}


def refused(raw: dict[str, object]) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        validate_organization(raw)
    return caught.value.field_errors


@pytest.mark.parametrize("name", read_tricky_names())
def test_names_keep_every_character_but_outer_spaces(name: str) -> None:
    fields = validate_organization({**BASE, "display_name": name, "legal_name": name})
    assert fields.display_name == fields.legal_name == name.strip()


def test_legal_name_defaults_to_the_display_name() -> None:
    assert validate_organization(BASE).legal_name == "Example Labs"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("display_name", "  ", "required"),
        ("org_type", "company", "not a known organization type"),
        ("employees", "-5", "whole number"),
        ("employees", "12.5", "whole number"),
        ("country", "XX", "ISO 3166"),
        ("website", "not a site", "web address"),
        ("lf_membership", "bronze", "not a known LF level"),
    ],
)
def test_bad_fields_are_refused_with_a_reason(field: str, value: str, message: str) -> None:
    assert message in refused({**BASE, field: value})[field]


def test_employees_accept_grouping_and_zero_and_empty() -> None:
    assert validate_organization({**BASE, "employees": "12,500"}).employees == 12500
    assert validate_organization({**BASE, "employees": "0"}).employees == 0
    assert validate_organization({**BASE, "employees": ""}).employees is None


def test_vat_id_is_checked_for_its_country() -> None:
    german = validate_organization({**BASE, "country": "DE", "vat_id": "136695976"})
    assert german.vat_id == "DE136695976"
    assert "VAT" in refused({**BASE, "country": "DE", "vat_id": "DE136695977"})["vat_id"]


def test_website_gets_a_scheme() -> None:
    assert (
        validate_organization({**BASE, "website": "pytorch.org"}).website == "https://pytorch.org"
    )


def test_contact_validation() -> None:
    contact = validate_contact(
        {"name": " Ada ", "email": "ada@example.org", "roles": ["billing", "Voting representative"]}
    )
    assert contact.name == "Ada"
    assert contact.roles == {ContactRole.BILLING, ContactRole.VOTING_REPRESENTATIVE}
    with pytest.raises(ValidationError) as caught:
        validate_contact({"name": "", "email": "ada@", "roles": ["boss"]})
    assert set(caught.value.field_errors) == {"name", "email", "roles"}


def test_normalized_names_match_across_spelling() -> None:
    assert normalized_name("AT&T Inc.") == normalized_name("AT & T, INC")
    assert normalized_name("Société Générale S.A.") == normalized_name("Societe Generale SA")
    assert normalized_name("Müller GmbH") == normalized_name("MULLER")
    assert normalized_name("华为技术有限公司") == "华为技术有限公司"
    assert normalized_name("Google") != normalized_name("Googol")


def test_associate_is_only_for_eligible_types() -> None:
    check_tier_allowed(Tier.ASSOCIATE, OrgType.ACADEMIC)
    check_tier_allowed(Tier.ASSOCIATE, OrgType.NONPROFIT)
    check_tier_allowed(Tier.GENERAL, OrgType.COMMERCIAL)
    with pytest.raises(MembershipRuleError, match="only for academic and non-profit"):
        check_tier_allowed(Tier.ASSOCIATE, OrgType.COMMERCIAL)
    government = parse_associate_types("academic, nonprofit, government")
    check_tier_allowed(Tier.ASSOCIATE, OrgType.GOVERNMENT, government)


def test_premier_needs_an_approved_application() -> None:
    check_premier_admission(ApplicationOutcome.APPROVED)
    for outcome in (None, ApplicationOutcome.PENDING, ApplicationOutcome.REJECTED):
        with pytest.raises(MembershipRuleError, match="Governing Board"):
            check_premier_admission(outcome)


@pytest.mark.parametrize(("members", "seats"), [(0, 0), (9, 0), (10, 1), (29, 2), (30, 3), (95, 3)])
def test_general_members_elect_one_seat_per_ten_at_most_three(members: int, seats: int) -> None:
    assert general_member_board_seats(members) == seats


def test_associate_setting_needs_known_types() -> None:
    with pytest.raises(ValueError, match="not a known organization type"):
        parse_associate_types("academic, charity")
    with pytest.raises(ValueError, match="at least one"):
        parse_associate_types(" ")
