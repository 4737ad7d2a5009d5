"""The next term of a member and its price, for many members with one set of lookups."""

from __future__ import annotations

import uuid
from bisect import bisect_right
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from ...domain.errors import UserError
from ...domain.fees import FeeScheduleData, schedule_in_force
from ...domain.organizations import LFMembership, OrgType, Tier
from ...domain.pricing import PriceBreakdown, join_prices, price_membership
from ...domain.renewals import next_term
from ..register.organization_service import associate_types
from .fee_rows import load_schedules
from .renewal_rows import MemberRow, approved_premier


@dataclass(frozen=True)
class NextTerm:
    """A member's next term and what it costs.

    Attributes:
        start: first day of the next term.
        end: last day (31 December of its year).
        tier: the tier of the next term (the next-year tier when one was chosen).
        price: its price, or None when it cannot be priced.
        problem: why it cannot be priced ("" when it can).
    """

    start: date
    end: date
    tier: Tier
    price: PriceBreakdown | None
    problem: str = ""


class RenewalPricer:
    """Prices next terms from the stored schedules, approvals and eligibility setting."""

    def __init__(
        self,
        schedules: Sequence[FeeScheduleData],
        approved: Iterable[uuid.UUID],
        eligible_types: Iterable[OrgType],
    ) -> None:
        self._schedules = list(schedules)
        self._approved = frozenset(approved)
        self._eligible = frozenset(eligible_types)
        # Two employee counts between the same band boundaries of every schedule get the
        # same fees, so prices are remembered per band, not per count.
        self._boundaries = sorted(
            {e.min_employees for s in self._schedules for e in s.entries}
            | {e.max_employees + 1 for s in self._schedules for e in s.entries
               if e.max_employees is not None}
        )  # fmt: skip
        self._prices: dict[tuple[object, ...], NextTerm] = {}

    @classmethod
    def load(
        cls, session: Session, until: date, ids: Collection[uuid.UUID] | None = None
    ) -> RenewalPricer:
        """Read what pricing needs (approvals decided by ``until``) in one go.

        Args:
            session: the read session.
            until: the last day of an approval that counts.
            ids: the only organizations it will price (None: any).
        """
        approved = approved_premier(session, until, ids)
        return cls(load_schedules(session), approved, associate_types(session))

    def next_term(self, member: MemberRow) -> NextTerm | None:
        """The member's next term and its price; None when it has no term or tier."""
        if member.term_end is None or member.tier is None:
            return None
        dates = next_term(member.term_end)
        tier = Tier(member.next_tier or member.tier)
        band = (
            None if member.employees is None else bisect_right(self._boundaries, member.employees)
        )
        key = (
            tier, band, member.lf_membership, dates.start, dates.end, member.org_type,
            member.id in self._approved,
        )  # fmt: skip
        known = self._prices.get(key)
        if known is None:
            known = self._price(member, tier, dates.start, dates.end)
            if known.price is not None:  # a refusal names the count: not shared
                self._prices[key] = known
        return known

    def _price(self, member: MemberRow, tier: Tier, start: date, end: date) -> NextTerm:
        try:
            if end.year == start.year:
                price = self._price_period(member, tier, start, end)
            else:  # a short part-year joined to the next calendar year: each priced apart
                year_start = date(end.year, 1, 1)
                price = join_prices(
                    self._price_period(member, tier, start, date(start.year, 12, 31)),
                    self._price_period(member, tier, year_start, end),
                )
        except UserError as error:
            return NextTerm(start, end, tier, None, str(error))
        return NextTerm(start, end, tier, price)

    def _price_period(
        self, member: MemberRow, tier: Tier, start: date, end: date
    ) -> PriceBreakdown:
        return price_membership(
            schedule_in_force(self._schedules, start),
            tier,
            member.employees,
            LFMembership(member.lf_membership),
            start,
            end,
            has_approved_premier_application=member.id in self._approved,
            org_type=OrgType(member.org_type),
            associate_types=self._eligible,
        )
