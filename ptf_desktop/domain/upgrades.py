"""A mid-year upgrade: a higher tier, or a higher General band, from a date to the term's end.

The member pays, for the rest of its current term, the difference between the new price
and the price it pays already, line by line (foundation fee, LF Silver), both pro-rated
by ``pricing.price_membership`` from the fee schedule in force on the upgrade date.
Moving down (a lower tier or band) waits for the renewal; a change that costs nothing
more is not an upgrade.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .fees import FEE_KIND_LABELS, FeeKind, FeeScheduleData
from .money import Money
from .organizations import LFMembership, MembershipRuleError, OrgType, Tier
from .pricing import PriceBreakdown, price_membership

# Associate < General < Premier.
_RANK = {Tier.ASSOCIATE: 0, Tier.GENERAL: 1, Tier.PREMIER: 2}


@dataclass(frozen=True)
class UpgradeLine:
    """What one fee of the upgrade costs for the rest of the term.

    Attributes:
        kind: the fee (tier or LF Silver).
        description: the new fee and period in words, with what is deducted.
        amount: the new pro-rated fee less the one paid for the same days.
        fee_entry_id: the fee schedule entry of the new fee.
    """

    kind: FeeKind
    description: str
    amount: Money
    fee_entry_id: uuid.UUID | None


@dataclass(frozen=True)
class UpgradePrice:
    """The price of an upgrade from ``start`` to ``end`` (the current term's last day)."""

    from_tier: Tier
    to_tier: Tier
    start: date
    end: date
    new: PriceBreakdown
    old: PriceBreakdown
    lines: tuple[UpgradeLine, ...]
    total: Money


def price_upgrade(
    schedule: FeeScheduleData,
    *,
    from_tier: Tier,
    from_employees: int | None,
    to_tier: Tier,
    to_employees: int | None,
    lf_membership: LFMembership,
    start: date,
    end: date,
    has_approved_premier_application: bool,
    org_type: OrgType,
    associate_types: Iterable[OrgType],
) -> UpgradePrice:
    """Price an upgrade for the days start..end (inclusive).

    Raises:
        MembershipRuleError: a lower tier, or a change that costs nothing more.
        EligibilityError: the organization cannot hold the new tier (Premier needs the
            Governing Board's approval; General an employee count).
        FeeScheduleError: the schedule has no fee for it.
        ValueError: the period is reversed or longer than a year.
    """
    from_tier, to_tier = Tier(from_tier), Tier(to_tier)
    if _RANK[to_tier] < _RANK[from_tier]:
        raise MembershipRuleError(
            f"Moving down from {from_tier.value.title()} to {to_tier.value.title()} happens at "
            "renewal: choose the tier for next year instead."
        )
    new = price_membership(
        schedule, to_tier, to_employees, lf_membership, start, end,
        has_approved_premier_application=has_approved_premier_application,
        org_type=org_type, associate_types=associate_types,
    )  # fmt: skip
    # What the member pays already for these days: its current tier is not in question.
    old = price_membership(
        schedule, from_tier, from_employees, lf_membership, start, end,
        has_approved_premier_application=True, org_type=org_type,
        associate_types=(*associate_types, OrgType(org_type)),
    )  # fmt: skip
    paid = {line.kind: line for line in old.lines}
    lines = []
    for line in new.lines:
        before = paid.get(line.kind)
        # The same fee kind, or the tier fee the member pays now (General -> Premier).
        if before is None and line.kind.value == to_tier.value:
            before = paid.get(FeeKind(from_tier.value))
        already = before.amount if before is not None else Money(Decimal(0), line.amount.currency)
        difference = line.amount - already
        if difference.amount <= 0:
            continue
        less = f" less {FEE_KIND_LABELS[before.kind]} paid for it" if before else ""
        lines.append(
            UpgradeLine(line.kind, f"Upgrade: {line.description}{less}", difference,
                        line.fee_entry_id)
        )  # fmt: skip
    if not lines:
        raise MembershipRuleError(
            "This change costs nothing more for the rest of the term, so it is not an "
            "upgrade: record it at renewal instead."
        )
    total = lines[0].amount
    for extra in lines[1:]:
        total = total + extra.amount
    return UpgradePrice(from_tier, to_tier, start, end, new, old, tuple(lines), total)
