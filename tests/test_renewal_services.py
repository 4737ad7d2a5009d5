"""Fee schedules, the renewal calendar and preparing renewals, on a real database."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import text

from ptf_desktop.domain.fees import FeeKind, FeeScheduleError
from ptf_desktop.domain.money import Money
from ptf_desktop.domain.organizations import MembershipRuleError, Tier
from ptf_desktop.domain.pricing import EligibilityError
from ptf_desktop.domain.renewals import Bucket, RenewalIntent
from ptf_desktop.services.context import AppContext

# The services work the same on the team server's PostgreSQL.
pytestmark = pytest.mark.both_databases


def usd(value: str | int) -> Money:
    return Money(Decimal(value), "USD")


def member(
    context: AppContext, name: str, tier: Tier = Tier.GENERAL, start: date = date(2026, 1, 1),
    end: date | None = date(2026, 12, 31), **fields: object,
) -> uuid.UUID:  # fmt: skip
    raw = {"display_name": name, "org_type": "commercial", "country": "US", "employees": "600"}
    organization = context.organizations.create({**raw, **fields})
    if tier is Tier.PREMIER:
        application = context.memberships.record_application(organization, tier, start)
        context.memberships.update_application(application, outcome="approved", decided_on=start)
    context.memberships.admit(organization, tier, start, end)
    return organization


def sql(context: AppContext, statement: str, *args: object) -> list[tuple[object, ...]]:
    """Run SQL on the context's database (SQLite or PostgreSQL); values as SQLite gives them."""
    parts = statement.split("?")
    named = "".join(f"{part}:p{n}" for n, part in enumerate(parts[:-1])) + parts[-1]
    with context.factories.engine.begin() as connection:
        result = connection.execute(text(named), {f"p{n}": arg for n, arg in enumerate(args)})
        rows = result.all() if result.returns_rows else []
    return [tuple(_as_sqlite_gives(value) for value in row) for row in rows]


def _as_sqlite_gives(value: object) -> object:
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, bool):
        return int(value)
    return value.isoformat() if isinstance(value, date) else value


def test_the_schedule_in_force_and_a_new_one_from_a_date(context: AppContext) -> None:
    published = context.fees.schedule_on(date(2026, 6, 1))
    assert published.name == "Published fees"
    raised = [
        e.__class__(None, e.kind, e.min_employees, e.max_employees, usd(e.amount.amount * 2))
        for e in published.entries
    ]
    added = context.fees.add_schedule("2028 fees", date(2028, 1, 1), raised, "announced 10-15")
    assert context.fees.schedule_on(date(2027, 12, 31)).id == published.id
    assert context.fees.schedule_on(date(2028, 1, 1)).id == added.id
    with pytest.raises(FeeScheduleError, match="already starts on 2028-01-01"):
        context.fees.add_schedule("Again", date(2028, 1, 1), raised)
    assert len(context.fees.schedules()) == 2


def test_an_entry_used_by_an_issued_invoice_can_only_be_superseded(context: AppContext) -> None:
    organization = member(context, "Contoso")
    result = context.renewal_preparation.prepare(2027)
    assert result.renewed == 1
    entry = next(e for e in context.fees.schedule_on(date(2027, 1, 1)).entries
                 if e.kind is FeeKind.GENERAL and e.covers(600))  # fmt: skip
    # A draft does not pin the fee: it can still be corrected.
    context.fees.change_entry(entry.id, usd(30_500), to_be_confirmed=False)  # type: ignore[arg-type]
    issue = "UPDATE invoices SET status = 'issued', number = 'INV-1' WHERE organization_id = ?"
    sql(context, issue, organization.hex)
    with pytest.raises(FeeScheduleError, match="cannot be changed"):
        context.fees.change_entry(entry.id, usd(31_000), to_be_confirmed=False)  # type: ignore[arg-type]
    assert context.fees.entries_in_use() >= {entry.id}
    stored = sql(context, "SELECT amount_minor FROM fee_entries WHERE id = ?", entry.id.hex)  # type: ignore[union-attr]
    assert stored == [(3_050_000,)]


def test_pricing_an_organization_uses_its_size_lf_membership_and_approval(
    context: AppContext,
) -> None:
    organization = member(context, "Acme", employees="4000", lf_membership="gold")
    price = context.fees.price_organization(organization, date(2027, 1, 1), date(2027, 12, 31))
    assert [line.kind for line in price.lines] == [FeeKind.GENERAL]
    assert price.total == usd(40_000)
    with pytest.raises(EligibilityError, match="approved"):
        context.fees.price_organization(
            organization, date(2027, 7, 1), date(2027, 12, 31), Tier.PREMIER
        )


def test_prepare_creates_terms_and_draft_invoices_once(context: AppContext) -> None:
    general = member(context, "General Co", employees="1200")
    premier = member(context, "Premier Co", Tier.PREMIER, date(2025, 1, 1), date(2026, 12, 31),
                     employees="9000")  # fmt: skip
    academic = member(context, "University", Tier.ASSOCIATE, org_type="academic", employees="")
    leaving = member(context, "Leaving Co")
    context.renewals.mark_non_renewing(leaving, date(2026, 11, 1))
    first_year = member(context, "Joined in March", start=date(2026, 3, 15), end=None)
    unknown = member(context, "No Count", employees="")

    plan = context.renewal_preparation.preview(2027)
    assert {item.name: item.total for item in plan.ready} == {
        "General Co": usd(35_000 + 15_000),
        "Premier Co": usd(150_000 + 20_000),
        "University": usd(0),
        # Its first term ends on 14 March: the next one runs to 31 December (292 days).
        "Joined in March": usd(36_000),
    }
    assert [(p.name, p.problem) for p in plan.problems] == [
        ("No Count", "General membership is priced by consolidated employees; record the "
         "organization's employee count first."),
    ]  # fmt: skip
    assert sql(context, "SELECT count(*) FROM invoices") == [(0,)]  # a preview writes nothing

    result = context.renewal_preparation.prepare(2027)
    assert result.renewed == 4 and len(result.problems) == 1
    invoices = sql(
        context,
        "SELECT o.display_name, i.status, i.renewal_year, i.total_minor FROM invoices i "
        "JOIN organizations o ON o.id = i.organization_id ORDER BY 1",
    )
    assert invoices == [
        ("General Co", "draft", 2027, 5_000_000),
        ("Joined in March", "draft", 2027, 3_600_000),
        ("Premier Co", "draft", 2027, 17_000_000),
    ]
    lines = sql(context, "SELECT description, fee_entry_id IS NOT NULL, term_id IS NOT NULL "
                "FROM invoice_lines ORDER BY description")  # fmt: skip
    assert lines[0] == ("General membership, 2027-01-01 to 2027-12-31", 1, 1)
    terms = sql(context, "SELECT organization_id, start_date, end_date FROM membership_terms "
                "WHERE start_date >= '2027-01-01' ORDER BY 2")  # fmt: skip
    assert {row[0] for row in terms} == {general.hex, premier.hex, academic.hex, first_year.hex}
    assert context.organizations.get(general).term_end == date(2027, 12, 31)  # type: ignore[attr-defined]

    again = context.renewal_preparation.prepare(2027)
    assert again.renewed == 0 and again.already_renewed == 4
    assert sql(context, "SELECT count(*) FROM invoices") == [(3,)]
    assert sql(context, "SELECT count(*) FROM membership_terms") == [(10,)]
    assert context.renewal_preparation.preview(2027).ready == ()
    assert leaving and unknown


def test_first_renewal_after_an_initial_term_is_prorated_to_31_december(
    context: AppContext,
) -> None:
    member(context, "Joined in March", start=date(2026, 3, 15), end=None, employees="200")
    item = context.renewal_preparation.preview(2027).ready[0]
    assert (item.start, item.end) == (date(2027, 3, 15), date(2027, 12, 31))
    # 292 of 365 days of 25,000 + 10,000.
    assert item.total == usd("20000.00") + usd("8000.00")


def test_renew_one_member_and_change_tier_at_renewal_keeps_history(context: AppContext) -> None:
    organization = member(context, "Upgrader", employees="9000")
    with pytest.raises(MembershipRuleError, match="approved"):
        context.renewals.set_next_tier(organization, Tier.PREMIER)
    application = context.memberships.record_application(organization, Tier.PREMIER,
                                                          date(2026, 10, 1))  # fmt: skip
    context.memberships.update_application(application, outcome="approved",
                                           decided_on=date(2026, 10, 20))  # fmt: skip
    context.renewals.set_next_tier(organization, Tier.PREMIER)
    row = next(r for r in context.renewals.overview(date(2026, 12, 1)).rows
               if r.organization_id == organization)  # fmt: skip
    assert row.next_tier == "premier" and row.next_price == usd(170_000)

    renewed = context.renewal_preparation.renew(organization)
    assert renewed.tier == "premier" and renewed.total == usd(170_000)
    changes = sql(
        context,
        "SELECT from_tier, to_tier, effective_date, note FROM tier_changes "
        "WHERE organization_id = ? ORDER BY effective_date",
        organization.hex,
    )
    assert changes[-1] == ("general", "premier", "2027-01-01", "Tier changed at renewal")
    assert sql(context, "SELECT tier, next_tier FROM organizations WHERE id = ?",
               organization.hex) == [("premier", None)]  # fmt: skip
    history = context.audit.history(owner_id=organization)
    assert any(entry.field == "tier" for entry in history)  # type: ignore[attr-defined]


def test_buckets_reminders_and_deadlines(context: AppContext) -> None:
    soon = member(context, "Soon", end=date(2026, 12, 31))
    later = member(context, "Later", start=date(2026, 2, 15), end=date(2027, 2, 14))
    grace = member(context, "In Grace", start=date(2025, 10, 1), end=date(2026, 10, 31))
    over = member(context, "Grace Over", start=date(2025, 9, 1), end=date(2026, 8, 31))
    gone = member(context, "Gone")
    context.renewals.lapse(gone)
    overview = context.renewals.overview(date(2026, 12, 1))
    buckets = {row.name: row.bucket for row in overview.rows}
    assert buckets == {
        "Soon": Bucket.WITHIN_30, "Later": Bucket.WITHIN_90, "In Grace": Bucket.GRACE,
        "Grace Over": Bucket.PAST_DUE, "Gone": Bucket.LAPSED,
    }  # fmt: skip
    assert overview.counts[Bucket.WITHIN_30] == 1
    # 2027-02-14 is 75 days away: no reminder; 31 December is 30 days away: reminder.
    assert [row.name for row in overview.reminders] == ["Soon"]
    assert overview.deadlines[0].on == date(2026, 12, 1)
    context.renewals.reinstate(gone)
    assert all(row.name != "Gone" or row.bucket is Bucket.WITHIN_30
               for row in context.renewals.overview(date(2026, 12, 1)).rows)  # fmt: skip
    assert soon and later and grace and over


def test_non_renewal_rules(context: AppContext) -> None:
    general = member(context, "General")
    with pytest.raises(MembershipRuleError, match="after the deadline 2026-12-01"):
        context.renewals.mark_non_renewing(general, date(2026, 12, 2))
    context.renewals.mark_non_renewing(general, date(2026, 12, 1))
    row = next(r for r in context.renewals.overview(date(2026, 12, 2)).rows if r.name == "General")
    assert row.intent is RenewalIntent.NON_RENEWING and row.notice_on == date(2026, 12, 1)
    with pytest.raises(MembershipRuleError, match="notice not to renew"):
        context.renewal_preparation.renew(general)
    context.renewals.mark_renewing(general)

    premier = member(context, "Committed", Tier.PREMIER, date(2026, 1, 1), date(2026, 12, 31),
                     employees="9000")  # fmt: skip
    with pytest.raises(MembershipRuleError, match="committed to Premier until 2027-12-31"):
        context.renewals.mark_non_renewing(premier, date(2026, 6, 1))
    assert sql(context, "SELECT renewal_intent FROM organizations WHERE id = ?",
               premier.hex) == [("renewing",)]  # fmt: skip


def test_an_organization_that_grows_moves_to_another_band(context: AppContext) -> None:
    organization = member(context, "Grower", employees="2999")
    year = (date(2027, 1, 1), date(2027, 12, 31))
    assert context.fees.price_organization(organization, *year).total == usd(35_000 + 15_000)
    context.organizations.update(organization, {"employees": "3000"})
    assert context.fees.price_organization(organization, *year).total == usd(40_000 + 15_000)
    context.organizations.update(organization, {"employees": "0"})
    with pytest.raises(FeeScheduleError, match="covers 0 employees"):
        context.fees.price_organization(organization, *year)
