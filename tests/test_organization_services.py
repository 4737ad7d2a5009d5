"""The register's services: one audited transaction per change, rules enforced, SQL queries."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from ptf_desktop.domain.errors import ValidationError
from ptf_desktop.domain.organizations import (
    ApplicationOutcome,
    MembershipRuleError,
    MembershipStatus,
    Tier,
)
from ptf_desktop.services.context import AppContext
from ptf_desktop.services.register.organization_records import OrganizationQuery
from ptf_desktop.services.register.organization_service import NotFound

# The services work the same on the team server's PostgreSQL.
pytestmark = pytest.mark.both_databases


def new_org(context: AppContext, name: str, **fields: object) -> uuid.UUID:
    raw = {"display_name": name, "org_type": "commercial", "country": "US", **fields}
    return context.organizations.create(raw)


def names(context: AppContext, query: OrganizationQuery) -> list[str]:
    return [row.display_name for row in context.organization_queries.page(query, 0, 100)]


def test_create_read_update_and_audit(context: AppContext) -> None:
    org = new_org(context, "Example Labs", employees="800")
    context.organizations.update(org, {"employees": "1200", "city": "Austin"})
    details = context.organizations.get(org)
    assert (details.fields.employees, details.fields.city) == (1200, "Austin")
    history = context.audit.history(owner_id=org)
    assert ("employees", "800", "1200") in {(h.field, h.old_value, h.new_value) for h in history}


def test_a_refused_update_changes_nothing(context: AppContext) -> None:
    org = new_org(context, "Example Labs")
    with pytest.raises(ValidationError):
        context.organizations.update(org, {"city": "Paris", "employees": "-1"})
    assert context.organizations.get(org).fields.city == ""


def test_soft_delete_hides_and_restore_brings_back(context: AppContext) -> None:
    org = new_org(context, "Gone Soon")
    context.organizations.delete(org)
    assert names(context, OrganizationQuery()) == []
    assert context.organizations.get(org).deleted
    with pytest.raises(NotFound):
        context.organizations.update(org, {"city": "x"})
    context.organizations.restore(org)
    assert names(context, OrganizationQuery()) == ["Gone Soon"]


def test_contacts_feed_the_billing_column_and_search(context: AppContext) -> None:
    org = new_org(context, "Example Labs")
    contact = context.organizations.add_contact(
        org, {"name": "Pat", "email": "pat@payables.example.org", "roles": ["billing"]}
    )
    [row] = context.organization_queries.page(OrganizationQuery(search="payables"), 0, 10)
    assert row.billing_contact == "Pat <pat@payables.example.org>"
    context.organizations.remove_contact(contact)
    assert context.organization_queries.page(OrganizationQuery(search="payables"), 0, 10) == []
    assert context.organizations.get(org).contacts == ()


def test_search_is_literal_and_case_insensitive(context: AppContext) -> None:
    new_org(context, "100% Open_Source")
    new_org(context, "1000 Open Source")
    new_org(context, "Müller & Söhne")
    assert names(context, OrganizationQuery(search="0% o")) == ["100% Open_Source"]
    assert names(context, OrganizationQuery(search="_s")) == ["100% Open_Source"]
    assert names(context, OrganizationQuery(search="%")) == ["100% Open_Source"]
    assert names(context, OrganizationQuery(search="MÜLLER")) == ["Müller & Söhne"]
    assert names(context, OrganizationQuery(search="'; DROP TABLE organizations;--")) == []
    assert context.organization_queries.count(OrganizationQuery()) == 3


def test_sorting_and_filters(context: AppContext) -> None:
    small = new_org(context, "Small Co", employees="10", country="DE")
    big = new_org(context, "Big Co", employees="90000")
    context.memberships.admit(small, Tier.GENERAL, date(2026, 1, 1), date(2026, 12, 31))
    context.memberships.admit(big, Tier.GENERAL, date(2026, 3, 1), date(2027, 2, 28))
    by_size = OrganizationQuery(sort="employees", descending=True)
    assert names(context, by_size) == ["Big Co", "Small Co"]
    assert names(context, OrganizationQuery(countries=frozenset({"DE"}))) == ["Small Co"]
    assert names(context, OrganizationQuery(term_end_month=(2027, 2))) == ["Big Co"]
    assert names(context, OrganizationQuery(tiers=frozenset({Tier.GENERAL}))) == [
        "Big Co",
        "Small Co",
    ]
    with pytest.raises(ValueError, match="cannot sort"):
        context.organization_queries.page(OrganizationQuery(sort="notes"), 0, 10)


def test_duplicates_by_normalized_name_or_vat_id(context: AppContext) -> None:
    att = new_org(context, "AT&T Inc.")
    vat = new_org(context, "Other Name", country="DE", vat_id="DE136695976")
    found = context.organizations.find_duplicates({"display_name": "AT & T, Inc"})
    assert [row.id for row in found] == [att]
    assert [r.id for r in context.organizations.find_duplicates({"vat_id": "DE136695976"})] == [vat]
    assert context.organizations.find_duplicates({"display_name": "AT&T Inc."}, exclude=att) == []


def test_associate_only_for_eligible_types(context: AppContext) -> None:
    company = new_org(context, "Company")
    with pytest.raises(MembershipRuleError, match="Associate membership is only for"):
        context.memberships.admit(company, Tier.ASSOCIATE, date(2026, 1, 1))
    university = new_org(context, "University", org_type="academic")
    context.memberships.admit(university, Tier.ASSOCIATE, date(2026, 1, 1))
    with pytest.raises(MembershipRuleError):
        context.organizations.update(university, {"org_type": "commercial"})
    assert context.organizations.get(university).fields.org_type.value == "academic"


def test_associate_eligibility_follows_the_settings(context: AppContext) -> None:
    agency = new_org(context, "Agency", org_type="government")
    with pytest.raises(MembershipRuleError):
        context.memberships.admit(agency, Tier.ASSOCIATE, date(2026, 1, 1))
    context.settings.save({"associate_eligible_types": "academic, nonprofit, government"})
    context.memberships.admit(agency, Tier.ASSOCIATE, date(2026, 1, 1))


def test_premier_only_after_the_board_approves(context: AppContext) -> None:
    org = new_org(context, "Bigco")
    application = context.memberships.record_application(org, Tier.PREMIER, date(2026, 1, 5))
    assert context.organizations.get(org).status is MembershipStatus.APPLIED
    with pytest.raises(MembershipRuleError, match="Governing Board"):
        context.memberships.admit(org, Tier.PREMIER, date(2026, 2, 1))
    with pytest.raises(ValidationError):
        context.memberships.update_application(application, outcome=ApplicationOutcome.APPROVED)
    context.memberships.update_application(
        application, outcome=ApplicationOutcome.APPROVED, decided_on=date(2026, 1, 19)
    )
    context.memberships.admit(org, Tier.PREMIER, date(2026, 2, 1))
    details = context.organizations.get(org)
    assert (details.tier, details.status, details.member_since) == (
        Tier.PREMIER,
        MembershipStatus.ACTIVE,
        date(2026, 2, 1),
    )
    assert details.term_end == date(2027, 1, 31)
    assert any("voting representative" in problem for problem in details.problems)


def test_general_to_premier_mid_year_needs_approval_first(context: AppContext) -> None:
    org = new_org(context, "Grower", employees="4000")
    context.memberships.admit(org, Tier.GENERAL, date(2026, 1, 1), date(2026, 12, 31))
    with pytest.raises(MembershipRuleError):
        context.memberships.change_tier(org, Tier.PREMIER, date(2026, 7, 1))
    application = context.memberships.record_application(org, Tier.PREMIER, date(2026, 6, 1))
    context.memberships.update_application(
        application, outcome=ApplicationOutcome.APPROVED, decided_on=date(2026, 6, 10)
    )
    context.memberships.change_tier(org, Tier.PREMIER, date(2026, 7, 1), "Upgrade")
    changes = context.organizations.get(org).tier_changes
    assert [(c.from_tier, c.to_tier) for c in changes] == [
        (None, Tier.GENERAL),
        (Tier.GENERAL, Tier.PREMIER),
    ]


def test_terms_cannot_overlap_or_run_backwards(context: AppContext) -> None:
    org = new_org(context, "Member")
    context.memberships.admit(org, Tier.GENERAL, date(2026, 1, 1), date(2026, 12, 31))
    with pytest.raises(ValidationError, match="overlaps"):
        context.memberships.add_term(org, date(2026, 6, 1), date(2027, 5, 31))
    with pytest.raises(ValidationError, match="before it starts"):
        context.memberships.add_term(org, date(2028, 1, 1), date(2027, 12, 31))
    context.memberships.add_term(org, date(2027, 1, 1), date(2027, 12, 31))
    assert context.organizations.get(org).term_end == date(2027, 12, 31)


def test_a_leap_day_member_gets_a_one_year_term(context: AppContext) -> None:
    org = new_org(context, "Leap")
    context.memberships.admit(org, Tier.GENERAL, date(2028, 2, 29))
    assert context.organizations.get(org).term_end == date(2029, 2, 28)


def test_governance_counts_seats(context: AppContext) -> None:
    for number in range(12):
        org = new_org(context, f"General {number:02d}")
        context.memberships.admit(org, Tier.GENERAL, date(2026, 1, 1))
    lapsed = new_org(context, "Lapsed One")
    context.memberships.admit(lapsed, Tier.GENERAL, date(2026, 1, 1))
    context.memberships.set_status(lapsed, MembershipStatus.LAPSED)
    premier = new_org(context, "Premier One")
    application = context.memberships.record_application(premier, Tier.PREMIER, date(2026, 1, 1))
    context.memberships.update_application(
        application, outcome=ApplicationOutcome.APPROVED, decided_on=date(2026, 1, 2)
    )
    context.memberships.admit(premier, Tier.PREMIER, date(2026, 1, 3))
    context.organizations.add_contact(
        premier, {"name": "Vera Voter", "roles": ["voting_representative"]}
    )
    board = context.memberships.governance()
    assert (board.general_members, board.general_seats) == (12, 1)
    [seat] = board.premier_seats
    assert (seat.organization, seat.voting_representative, seat.alternate_representative) == (
        "Premier One",
        "Vera Voter",
        "",
    )


def test_rules_hold_for_plain_strings_from_forms(context: AppContext) -> None:
    company = new_org(context, "Company")
    with pytest.raises(MembershipRuleError):
        context.memberships.admit(company, "associate", date(2026, 1, 1))  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        context.memberships.admit(company, "gold", date(2026, 1, 1))  # type: ignore[arg-type]


def test_duplicate_vat_id_found_however_it_is_typed(context: AppContext) -> None:
    org = new_org(context, "Maschinenbau", country="DE", vat_id="DE136695976")
    found = context.organizations.find_duplicates({"vat_id": "136 695 976", "country": "DE"})
    assert [row.id for row in found] == [org]
