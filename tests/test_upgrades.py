"""Mid-year upgrades: the pro-rated difference, the split term, the draft, the refusals."""

from __future__ import annotations

from datetime import date

import pytest
from test_renewal_services import member, sql, usd

from ptf_desktop.domain.fees import FeeKind
from ptf_desktop.domain.organizations import MembershipRuleError, Tier
from ptf_desktop.domain.pricing import EligibilityError
from ptf_desktop.services.context import AppContext


def _state(context: AppContext, organization: object) -> list[tuple[object, ...]]:
    key = organization.hex  # type: ignore[attr-defined]
    return [
        *sql(context, "SELECT tier, employees, commitment_end FROM organizations WHERE id = ?",
             key),
        *sql(context, "SELECT tier, start_date, end_date FROM membership_terms "
             "WHERE organization_id = ? ORDER BY start_date", key),
        *sql(context, "SELECT count(*) FROM invoices"),
    ]  # fmt: skip


def test_general_to_premier_mid_year_bills_the_difference(
    context: AppContext, tricky_names: list[str]
) -> None:
    name = tricky_names[0]
    organization = member(context, name)  # General, 600 employees, 2026
    before = _state(context, organization)
    with pytest.raises(EligibilityError, match="approved by the Governing Board"):
        context.renewals.preview_upgrade(organization, Tier.PREMIER, date(2026, 7, 1))
    with pytest.raises(EligibilityError):
        context.renewals.upgrade(organization, Tier.PREMIER, date(2026, 7, 1))
    assert _state(context, organization) == before

    application = context.memberships.record_application(
        organization, Tier.PREMIER, date(2026, 5, 1)
    )
    context.memberships.update_application(
        application, outcome="approved", decided_on=date(2026, 6, 15)
    )
    preview = context.renewals.preview_upgrade(organization, Tier.PREMIER, date(2026, 7, 1))
    # 184 of 365 days: Premier 75,616.44 less General 15,123.29; LF Silver is unchanged.
    assert preview.total == usd("60493.15")
    assert [line.kind for line in preview.lines] == [FeeKind.PREMIER]
    assert preview.lines[0].description == (
        "Upgrade: Premier membership, 2026-07-01 to 2026-12-31 less General membership paid for it"
    )
    assert _state(context, organization) == before  # a preview writes nothing

    result = context.renewals.upgrade(organization, Tier.PREMIER, date(2026, 7, 1))
    assert result.price == preview
    assert _state(context, organization) == [
        ("premier", 600, "2028-06-30"),
        ("general", "2026-01-01", "2026-06-30"),
        ("premier", "2026-07-01", "2026-12-31"),
        (1,),
    ]
    invoice = context.invoices.get(result.invoice_id)
    assert invoice.summary.status == "draft" and invoice.summary.total == usd("60493.15")
    assert invoice.bill_to.name == name and invoice.renewal_year is None
    assert "from General to Premier from 2026-07-01" in invoice.notes
    assert sql(context, "SELECT term_id FROM invoice_lines") == [(result.term_id.hex,)]
    assert sql(context, "SELECT from_tier, to_tier, effective_date, note FROM tier_changes "
               "WHERE note = 'Mid-year upgrade'") == [
        ("general", "premier", "2026-07-01", "Mid-year upgrade")]  # fmt: skip
    # The renewal picks up the new tier for the whole next year.
    assert context.renewal_preparation.preview(2027).items[0].tier == "premier"


def test_a_higher_general_band_bills_the_band_difference(context: AppContext) -> None:
    organization = member(context, "Grower")
    price = context.renewals.preview_upgrade(
        organization, Tier.GENERAL, date(2026, 10, 1), employees=3500
    )
    # 92 of 365 days: 40,000 -> 10,082.19 less 30,000 -> 7,561.64; LF band 500-4,999 stays.
    assert price.total == usd("2520.55")
    context.renewals.upgrade(organization, Tier.GENERAL, date(2026, 10, 1), employees=3500)
    assert _state(context, organization)[0] == ("general", 3500, None)
    assert sql(context, "SELECT count(*) FROM tier_changes WHERE note = 'Mid-year upgrade'") == [
        (0,)]  # fmt: skip


@pytest.mark.parametrize(
    ("tier", "effective", "employees", "reason"),
    [
        (Tier.ASSOCIATE, date(2026, 7, 1), None, "Moving down from General to Associate"),
        (Tier.GENERAL, date(2026, 7, 1), 700, "costs nothing more"),
        (Tier.GENERAL, date(2026, 7, 1), 100, "costs nothing more"),
        (Tier.GENERAL, date(2027, 1, 1), 3500, "No term of this member includes 2027-01-01"),
        (Tier.GENERAL, date(2026, 7, 1), -1, "cannot be negative"),
    ],
)
def test_refused_upgrades_say_why_and_change_nothing(
    context: AppContext, tier: Tier, effective: date, employees: int | None, reason: str
) -> None:
    organization = member(context, "Steady")
    before = _state(context, organization)
    with pytest.raises(MembershipRuleError, match=reason):
        context.renewals.upgrade(organization, tier, effective, employees)
    assert _state(context, organization) == before


def test_only_a_current_member_is_upgraded(context: AppContext) -> None:
    organization = member(context, "Gone")
    context.renewals.lapse(organization)
    with pytest.raises(MembershipRuleError, match="Only a current member"):
        context.renewals.preview_upgrade(organization, Tier.PREMIER, date(2026, 7, 1))
