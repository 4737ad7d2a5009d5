"""Pricing: the published fees, pro-ration, eligibility, and properties over any input."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ptf_desktop.domain.fees import (
    FeeEntryData,
    FeeKind,
    FeeScheduleData,
    FeeScheduleError,
    check_schedule,
    schedule_in_force,
)
from ptf_desktop.domain.money import Money
from ptf_desktop.domain.organizations import LFMembership, OrgType, Tier
from ptf_desktop.domain.pricing import EligibilityError, price_membership, prorate

BANDS = (
    (FeeKind.PREMIER, 0, None, 150_000, False),
    (FeeKind.GENERAL, 5_000, None, 50_000, False),
    (FeeKind.GENERAL, 3_000, 4_999, 40_000, False),
    (FeeKind.GENERAL, 1_000, 2_999, 35_000, False),
    (FeeKind.GENERAL, 500, 999, 30_000, False),
    (FeeKind.GENERAL, 1, 499, 25_000, False),
    (FeeKind.ASSOCIATE, 0, None, 0, False),
    (FeeKind.LF_SILVER, 5_000, None, 20_000, True),
    (FeeKind.LF_SILVER, 500, 4_999, 15_000, True),
    (FeeKind.LF_SILVER, 100, 499, 10_000, True),
    (FeeKind.LF_SILVER, 0, 99, 5_000, True),
)


def usd(value: str | int) -> Money:
    return Money(Decimal(value), "USD")


def schedule(effective: date = date(2022, 9, 1), factor: int = 1) -> FeeScheduleData:
    entries = tuple(
        FeeEntryData(uuid.uuid4(), kind, low, high, usd(dollars * factor), tbc)
        for kind, low, high, dollars, tbc in BANDS
    )
    return FeeScheduleData(uuid.uuid4(), f"Fees from {effective}", effective, entries)


PUBLISHED = schedule()


def price(tier: Tier, employees: int | None, start: date, end: date, **overrides: object):  # type: ignore[no-untyped-def]
    arguments: dict[str, object] = {
        "lf_membership": LFMembership.NONE,
        "has_approved_premier_application": True,
        "org_type": OrgType.COMMERCIAL,
    }
    arguments.update(overrides)
    return price_membership(PUBLISHED, tier, employees, start=start, end=end, **arguments)  # type: ignore[arg-type]


YEAR_2027 = (date(2027, 1, 1), date(2027, 12, 31))


@pytest.mark.parametrize(
    ("employees", "general", "silver"),
    [
        (1, 25_000, 5_000),
        (99, 25_000, 5_000),
        (100, 25_000, 10_000),
        (499, 25_000, 10_000),
        (500, 30_000, 15_000),
        (999, 30_000, 15_000),
        (1_000, 35_000, 15_000),
        (2_999, 35_000, 15_000),
        (3_000, 40_000, 15_000),
        (4_999, 40_000, 15_000),
        (5_000, 50_000, 20_000),
        (10_000_000, 50_000, 20_000),
    ],
)
def test_general_fee_and_lf_silver_follow_the_published_bands(
    employees: int, general: int, silver: int
) -> None:
    breakdown = price(Tier.GENERAL, employees, *YEAR_2027)
    assert [line.kind for line in breakdown.lines] == [FeeKind.GENERAL, FeeKind.LF_SILVER]
    assert [line.amount for line in breakdown.lines] == [usd(general), usd(silver)]
    assert breakdown.total == usd(general + silver)
    assert breakdown.lines[0].description == "General membership, 2027-01-01 to 2027-12-31"
    assert "to be confirmed" in breakdown.lines[1].description
    assert not breakdown.prorated


@pytest.mark.parametrize("level", [LFMembership.SILVER, LFMembership.GOLD, LFMembership.PLATINUM])
def test_an_lf_member_at_silver_or_above_buys_no_lf_line(level: LFMembership) -> None:
    breakdown = price(Tier.PREMIER, 20_000, *YEAR_2027, lf_membership=level)
    assert [line.kind for line in breakdown.lines] == [FeeKind.PREMIER]
    assert breakdown.total == usd(150_000)


def test_premier_without_employee_count_and_lf_membership_is_priced_without_lf_line() -> None:
    breakdown = price(Tier.PREMIER, None, *YEAR_2027, lf_membership=LFMembership.GOLD)
    assert breakdown.total == usd(150_000)


def test_associate_is_free_and_carries_no_lf_line() -> None:
    breakdown = price(Tier.ASSOCIATE, None, *YEAR_2027, org_type=OrgType.ACADEMIC)
    assert [(line.kind, line.amount) for line in breakdown.lines] == [(FeeKind.ASSOCIATE, usd(0))]


@pytest.mark.parametrize(
    ("tier", "employees", "overrides", "reason"),
    [
        (Tier.ASSOCIATE, 10, {}, "Associate membership is only for academic and non-profit"),
        (Tier.GENERAL, None, {}, "record the organization's employee count"),
        (Tier.PREMIER, 9_000, {"has_approved_premier_application": False}, "approved"),
        (Tier.PREMIER, None, {}, "Silver membership is priced by consolidated employees"),
    ],
)
def test_eligibility_problems_are_refused_with_the_reason(
    tier: Tier, employees: int | None, overrides: dict[str, object], reason: str
) -> None:
    with pytest.raises(EligibilityError, match=reason):
        price(tier, employees, *YEAR_2027, **overrides)


def test_government_bodies_can_be_made_eligible_for_associate() -> None:
    types = {OrgType.ACADEMIC, OrgType.NONPROFIT, OrgType.GOVERNMENT}
    breakdown = price(
        Tier.ASSOCIATE, None, *YEAR_2027, org_type=OrgType.GOVERNMENT, associate_types=types
    )
    assert breakdown.total == usd(0)


def test_zero_employees_has_no_general_band() -> None:
    with pytest.raises(FeeScheduleError, match="covers 0 employees"):
        price(Tier.GENERAL, 0, *YEAR_2027)


def test_proration_counts_days_inclusive_over_the_year() -> None:
    # 2027 has 365 days; 1 October to 31 December is 92 of them.
    assert prorate(usd(25_000), date(2027, 10, 1), date(2027, 12, 31)) == usd("6301.37")
    # 2028 is a leap year: 92 of 366 days.
    assert prorate(usd(25_000), date(2028, 10, 1), date(2028, 12, 31)) == usd("6284.15")
    assert prorate(usd(150_000), date(2028, 1, 1), date(2028, 12, 31)) == usd(150_000)
    assert prorate(usd(150_000), date(2028, 2, 29), date(2028, 2, 29)) == usd("409.84")


def test_proration_rounds_half_up_to_the_cent() -> None:
    # 1.83 over the 366 days of 2028 is exactly half a cent a day: half-up gives a cent
    # (half-even would give none).
    assert prorate(usd("1.83"), date(2028, 1, 1), date(2028, 1, 1)) == usd("0.01")
    assert prorate(usd("1.83"), date(2028, 1, 1), date(2028, 1, 3)) == usd("0.02")


def test_joining_on_31_december_or_1_january() -> None:
    one_day = price(Tier.GENERAL, 600, date(2026, 12, 31), date(2026, 12, 31))
    assert one_day.prorated and one_day.lines[0].amount == usd("82.19")
    full = price(Tier.GENERAL, 600, date(2027, 1, 1), date(2027, 12, 31))
    assert full.total == usd(45_000) and not full.prorated
    anniversary = price(Tier.GENERAL, 600, date(2026, 12, 31), date(2027, 12, 30))
    assert anniversary.total == usd(45_000) and not anniversary.prorated


def test_a_first_term_from_29_february_is_a_full_year() -> None:
    breakdown = price(Tier.GENERAL, 600, date(2028, 2, 29), date(2029, 2, 28))
    assert breakdown.total == usd(45_000)


def test_a_period_longer_than_a_year_is_refused() -> None:
    with pytest.raises(ValueError, match="longer than a year"):
        price(Tier.GENERAL, 600, date(2027, 1, 1), date(2028, 1, 1))
    with pytest.raises(ValueError, match="end before it starts"):
        price(Tier.GENERAL, 600, date(2027, 1, 2), date(2027, 1, 1))


def test_mid_year_upgrade_to_premier_is_priced_for_the_rest_of_the_year() -> None:
    upgrade = price(
        Tier.PREMIER, 9_000, date(2027, 7, 1), date(2027, 12, 31), lf_membership="silver"
    )
    assert upgrade.lines[0].amount == usd("75616.44")  # 184 of 365 days
    with pytest.raises(EligibilityError):
        price(
            Tier.PREMIER, 9_000, date(2027, 7, 1), date(2027, 12, 31),
            has_approved_premier_application=False,
        )  # fmt: skip


def test_the_schedule_in_force_is_the_latest_effective_on_the_day() -> None:
    later = schedule(date(2027, 1, 1), factor=2)
    schedules = [PUBLISHED, later]
    assert schedule_in_force(schedules, date(2026, 12, 31)) is PUBLISHED
    assert schedule_in_force(schedules, date(2027, 1, 1)) is later
    with pytest.raises(FeeScheduleError, match="No fee schedule is in force on 2020-01-01"):
        schedule_in_force(schedules, date(2020, 1, 1))


def test_a_term_spanning_a_schedule_change_is_priced_from_its_start() -> None:
    later = schedule(date(2027, 7, 1), factor=2)
    start, end = date(2027, 1, 1), date(2027, 12, 31)
    in_force = schedule_in_force([PUBLISHED, later], start)
    breakdown = price_membership(
        in_force, Tier.GENERAL, 600, LFMembership.SILVER, start, end,
        has_approved_premier_application=False, org_type=OrgType.COMMERCIAL,
    )  # fmt: skip
    assert breakdown.total == usd(30_000)
    assert breakdown.lines[0].fee_entry_id in {entry.id for entry in PUBLISHED.entries}


def test_a_new_schedule_is_checked() -> None:
    good = schedule(date(2027, 1, 1))
    check_schedule(good, [PUBLISHED])
    with pytest.raises(FeeScheduleError, match="already starts on 2022-09-01"):
        check_schedule(schedule(), [PUBLISHED])
    overlapping = FeeScheduleData(
        None, "Overlap", date(2028, 1, 1),
        (
            FeeEntryData(None, FeeKind.GENERAL, 0, 600, usd(1)),
            FeeEntryData(None, FeeKind.GENERAL, 500, None, usd(2)),
        ),
    )  # fmt: skip
    with pytest.raises(FeeScheduleError, match="overlap"):
        check_schedule(overlapping, [PUBLISHED])
    negative = FeeScheduleData(
        None, "Negative", date(2028, 1, 1), (FeeEntryData(None, FeeKind.PREMIER, 0, None, usd(-1)),)
    )
    with pytest.raises(FeeScheduleError, match="negative"):
        check_schedule(negative, [PUBLISHED])


# -- properties -----------------------------------------------------------------------------

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))


@st.composite
def periods(draw: st.DrawFn) -> tuple[date, date]:
    start = draw(days)
    length = draw(st.integers(min_value=0, max_value=366))
    end = start + timedelta(days=length)
    anniversary_eve = (
        start.replace(year=start.year + 1) if (start.month, start.day) != (2, 29)
        else date(start.year + 1, 3, 1)
    ) - timedelta(days=1)  # fmt: skip
    return start, min(end, anniversary_eve)


tiers = st.sampled_from([Tier.PREMIER, Tier.GENERAL])
employee_counts = st.integers(min_value=1, max_value=10_000_000)
levels = st.sampled_from(list(LFMembership))


@given(period=periods(), tier=tiers, employees=employee_counts, level=levels)
def test_prices_are_never_negative_never_exceed_the_full_fee_and_sum_to_the_total(
    period: tuple[date, date], tier: Tier, employees: int, level: LFMembership
) -> None:
    start, end = period
    breakdown = price(tier, employees, start, end, lf_membership=level)
    for line in breakdown.lines:
        assert Decimal(0) <= line.amount.amount <= line.full_amount.amount
    total = sum((line.amount.amount for line in breakdown.lines), Decimal(0))
    assert breakdown.total.amount == total


@given(
    period=periods(),
    cents=st.integers(min_value=0, max_value=10**12),
)
def test_prorate_stays_between_nothing_and_the_full_amount(
    period: tuple[date, date], cents: int
) -> None:
    full = Money.from_minor_units(cents, "USD")
    part = prorate(full, *period)
    assert Money(Decimal(0), "USD") <= part <= full
    assert part.amount == part.amount.quantize(Decimal("0.01"))
