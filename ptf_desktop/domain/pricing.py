"""The price of a membership period: the foundation fee, LF Silver, pro-ration, eligibility.

Pure domain: the schedule comes in as data. Pro-ration counts days, start and end
inclusive, over the days of the calendar year, and rounds once, half-up to the cent,
through ``money.round_half_up`` (inside ``Money``).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache

from .fees import FEE_KIND_LABELS, UNCONFIRMED_MARK, FeeKind, FeeScheduleData
from .money import Money
from .organizations import (
    DEFAULT_ASSOCIATE_TYPES,
    ApplicationOutcome,
    LFMembership,
    MembershipRuleError,
    OrgType,
    Tier,
    check_premier_admission,
    check_tier_allowed,
)

# Tiers that come with a Linux Foundation Silver membership (FEES.md).
_TIERS_WITH_LF_SILVER = frozenset({Tier.PREMIER, Tier.GENERAL})


class EligibilityError(MembershipRuleError):
    """The organization cannot be priced at this tier; the message says why."""


@dataclass(frozen=True)
class PriceLine:
    """One line of a price.

    Attributes:
        kind: what the line is for.
        description: tier (or LF Silver) and period in words.
        full_amount: the yearly fee.
        amount: the fee for the period (pro-rated when shorter than a year).
        fee_entry_id: the fee schedule entry it comes from.
        to_be_confirmed: the fee is a placeholder figure.
    """

    kind: FeeKind
    description: str
    full_amount: Money
    amount: Money
    fee_entry_id: uuid.UUID | None
    to_be_confirmed: bool = False


@dataclass(frozen=True)
class PriceBreakdown:
    """The price of one membership period.

    Attributes:
        tier: the tier priced.
        start: first day of the period.
        end: last day of the period (inclusive).
        schedule_name: the fee schedule that priced it.
        lines: the foundation fee, then LF Silver when bought.
        total: the sum of the lines' amounts.
        prorated: the period is shorter than a year.
    """

    tier: Tier
    start: date
    end: date
    schedule_name: str
    lines: tuple[PriceLine, ...]
    total: Money
    prorated: bool


def is_full_year(start: date, end: date) -> bool:
    """Whether the period is a whole year: a calendar year or anniversary to anniversary."""
    return end == _year_after(start) - timedelta(days=1)


def _year_after(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February: the anniversary is 1 March
        return date(day.year + 1, 3, 1)


@lru_cache(maxsize=4096)  # preparing a year asks for the same few periods 100,000 times
def prorated_fraction(start: date, end: date) -> Decimal:
    """The part of a yearly fee a period costs: its days over the days of their year.

    A period across a year boundary counts each year's days against that year's length;
    a whole year (see ``is_full_year``) is exactly 1.

    Raises:
        ValueError: the period ends before it starts or lasts more than a year.
    """
    if end < start:
        raise ValueError("A period cannot end before it starts.")
    if is_full_year(start, end):
        return Decimal(1)
    if end >= _year_after(start):
        raise ValueError("A period longer than a year cannot be priced as one term.")
    fraction = Decimal(0)
    day = start
    while day <= end:
        year_end = min(end, date(day.year, 12, 31))
        days_in_year = (date(day.year, 12, 31) - date(day.year, 1, 1)).days + 1
        fraction += Decimal((year_end - day).days + 1) / Decimal(days_in_year)
        day = year_end + timedelta(days=1)
    # Two part-years can add up to a hair over one; never charge more than the full fee.
    return min(fraction, Decimal(1))


def prorate(amount: Money, start: date, end: date) -> Money:
    """A yearly amount for the period start..end (inclusive), rounded half-up to the cent.

    Raises:
        ValueError: the period ends before it starts or lasts more than a year.
    """
    return Money(amount.amount * prorated_fraction(start, end), amount.currency)


def price_membership(
    schedule: FeeScheduleData,
    tier: Tier,
    employees: int | None,
    lf_membership: LFMembership,
    start: date,
    end: date,
    *,
    has_approved_premier_application: bool,
    org_type: OrgType,
    associate_types: Iterable[OrgType] = DEFAULT_ASSOCIATE_TYPES,
) -> PriceBreakdown:
    """Price a membership at ``tier`` for the period start..end (inclusive).

    Args:
        schedule: the fee schedule in force at the start of the period.
        tier: the tier priced.
        employees: the organization's consolidated employees (None: unknown).
        lf_membership: the LF membership it already holds (Silver or above: no LF line).
        start: first day of the period.
        end: last day of the period.
        has_approved_premier_application: the Governing Board approved its application.
        org_type: the kind of organization (Associate eligibility).
        associate_types: organization types eligible for Associate membership.

    Returns:
        The lines (foundation fee, then LF Silver when bought) and their total.

    Raises:
        EligibilityError: the organization cannot hold the tier, or a fee needs an
            employee count it does not have.
        FeeScheduleError: the schedule has no fee for it.
        ValueError: the period is reversed or longer than a year.
    """
    tier = Tier(tier)
    lf_membership = LFMembership(lf_membership)
    _check_eligibility(tier, employees, org_type, associate_types, has_approved_premier_application)
    period = f"{start.isoformat()} to {end.isoformat()}"
    fraction = prorated_fraction(start, end)
    kinds = [FeeKind(tier.value)]
    if tier in _TIERS_WITH_LF_SILVER and lf_membership is LFMembership.NONE:
        kinds.append(FeeKind.LF_SILVER)
    lines = []
    for kind in kinds:
        if kind is FeeKind.LF_SILVER and employees is None:
            raise EligibilityError(
                "The Linux Foundation Silver membership is priced by consolidated employees; "
                "record the organization's employee count (or its LF membership) first."
            )
        entry = schedule.entry_for(kind, employees)
        label = FEE_KIND_LABELS[kind] + (UNCONFIRMED_MARK if entry.to_be_confirmed else "")
        lines.append(
            PriceLine(
                kind=kind,
                description=f"{label}, {period}",
                full_amount=entry.amount,
                amount=prorate(entry.amount, start, end),
                fee_entry_id=entry.id,
                to_be_confirmed=entry.to_be_confirmed,
            )
        )
    total = lines[0].amount
    for line in lines[1:]:
        total = total + line.amount
    return PriceBreakdown(
        tier=tier,
        start=start,
        end=end,
        schedule_name=schedule.name,
        lines=tuple(lines),
        total=total,
        prorated=fraction != 1,
    )


def join_prices(first: PriceBreakdown, second: PriceBreakdown) -> PriceBreakdown:
    """One price for two consecutive periods at one tier, each fee's amounts added.

    Used for a short part-year joined to the next calendar year; the lines describe the
    whole period.

    Raises:
        ValueError: the periods are not consecutive or not at the same tier.
    """
    if first.tier is not second.tier or first.end + timedelta(days=1) != second.start:
        raise ValueError("Only consecutive periods at one tier make one price.")
    period = f"{first.start.isoformat()} to {second.end.isoformat()}"
    earlier = {line.kind: line for line in first.lines}
    lines = []
    for line in second.lines:
        before = earlier.get(line.kind)
        unconfirmed = line.to_be_confirmed or (before is not None and before.to_be_confirmed)
        label = FEE_KIND_LABELS[line.kind] + (UNCONFIRMED_MARK if unconfirmed else "")
        amount = line.amount + before.amount if before is not None else line.amount
        lines.append(replace(line, description=f"{label}, {period}", amount=amount,
                             to_be_confirmed=unconfirmed))  # fmt: skip
    total = lines[0].amount
    for line in lines[1:]:
        total = total + line.amount
    return PriceBreakdown(
        tier=second.tier, start=first.start, end=second.end,
        schedule_name=second.schedule_name, lines=tuple(lines), total=total, prorated=True,
    )  # fmt: skip


def _check_eligibility(
    tier: Tier,
    employees: int | None,
    org_type: OrgType,
    associate_types: Iterable[OrgType],
    has_approved_premier_application: bool,
) -> None:
    try:
        check_tier_allowed(tier, OrgType(org_type), associate_types)
        if tier is Tier.PREMIER:
            check_premier_admission(
                ApplicationOutcome.APPROVED if has_approved_premier_application else None
            )
    except MembershipRuleError as error:
        raise EligibilityError(str(error)) from None
    if tier is Tier.GENERAL and employees is None:
        raise EligibilityError(
            "General membership is priced by consolidated employees; record the "
            "organization's employee count first."
        )
