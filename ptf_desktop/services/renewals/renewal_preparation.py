"""Preparing renewals: the preview of a year, then every next term and draft invoice at once.

A member renews in year Y when its next term starts in Y, that is when its latest term
ends between 31 December of Y-1 and 30 December of Y. Once renewed its term ends on
31 December of Y, so preparing Y again finds nothing left to do: nothing is made twice.
The whole preparation is one transaction.
"""

from __future__ import annotations

import logging
import time
import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from ...domain.errors import UserError
from ...domain.money import Money
from ...domain.organizations import MembershipRuleError, MembershipStatus
from ...domain.progress import NO_PROGRESS, Progress
from ...domain.renewals import RenewalIntent
from ...persistence.engine import SessionFactories
from ..database_errors import translating_database_errors
from .renewal_pricing import RenewalPricer
from .renewal_rows import (
    count_renewed,
    member,
    renewal_invoices_of,
    renewing_members,
)
from .renewal_writer import Renewal, write_renewals

log = logging.getLogger(__name__)

FIRST_YEAR, LAST_YEAR = 2000, 2200


@dataclass(frozen=True)
class PlannedRenewal:
    """One member in the preview: tier and amount of its next term, or why it cannot renew."""

    organization_id: uuid.UUID
    name: str
    tier: str
    start: date
    end: date
    total: Money | None
    problem: str = ""


@dataclass(frozen=True)
class RenewalPlan:
    """What preparing a year would do, before anything is written.

    Attributes:
        year: the renewal year.
        items: every member that would renew, and those that cannot (with the reason).
        already_renewed: members whose term for the year exists already.
    """

    year: int
    items: tuple[PlannedRenewal, ...]
    already_renewed: int

    @property
    def ready(self) -> tuple[PlannedRenewal, ...]:
        """The members that will renew."""
        return tuple(item for item in self.items if item.total is not None)

    @property
    def problems(self) -> tuple[PlannedRenewal, ...]:
        """The members that cannot renew until their problem is fixed."""
        return tuple(item for item in self.items if item.total is None)


@dataclass(frozen=True)
class PreparationResult:
    """What preparing a year did."""

    year: int
    renewed: int
    already_renewed: int
    problems: tuple[PlannedRenewal, ...]
    seconds: float


class RenewalPreparation:
    """Preview and prepare a year's renewals; renew one member."""

    def __init__(self, factories: SessionFactories) -> None:
        self._factories = factories

    def preview(self, year: int) -> RenewalPlan:
        """What ``prepare(year)`` would create, member by member; nothing is written."""
        _check_year(year)
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            renewals, problems, already = _plan(s, year)
        items = [_planned(renewal) for renewal in renewals] + problems
        return RenewalPlan(year, tuple(sorted(items, key=lambda i: i.name)), already)

    def prepare(self, year: int, progress: Progress = NO_PROGRESS) -> PreparationResult:
        """Create the next term and a draft renewal invoice of every renewing member.

        Members that cannot be priced (e.g. no employee count) are left out and listed
        in the result. Running it again for the same year creates nothing.

        Args:
            year: the membership year to prepare.
            progress: told of the renewals written; the batch is one transaction, so it
                is not stopped part-way.
        """
        _check_year(year)
        started = time.perf_counter()
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            renewals, problems, already = _plan(s, year)
            invoiced = renewal_invoices_of(s, year)
            write_renewals(s, renewals, year, with_invoices=invoiced, progress=progress)
        result = PreparationResult(
            year, len(renewals), already, tuple(problems), time.perf_counter() - started
        )
        log.info(
            "Prepared %d renewals for %d (%d renewed before, %d could not renew) in %.1f s",
            result.renewed, year, already, len(problems), result.seconds,
        )  # fmt: skip
        return result

    def renew(self, organization_id: uuid.UUID) -> PlannedRenewal:
        """Renew one member now: its next term and draft invoice.

        Raises:
            MembershipRuleError: not a current member, marked non-renewing, or its next
                term cannot be priced (the reason is given).
        """
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            row = member(s, organization_id)
            if row is None:
                raise UserError("The organization no longer exists; it may have been deleted.")
            if row.status not in (MembershipStatus.ACTIVE, MembershipStatus.GRACE):
                raise MembershipRuleError("Only a current member can be renewed.")
            if row.renewal_intent == RenewalIntent.NON_RENEWING:
                raise MembershipRuleError(
                    "This member gave notice not to renew; mark it renewing first."
                )
            if row.term_end is None:
                raise MembershipRuleError("This member has no term to renew.")
            pricer = RenewalPricer.load(s, row.term_end.replace(year=row.term_end.year + 1))
            next_term = pricer.next_term(row)
            if next_term is None or next_term.price is None:
                raise MembershipRuleError(next_term.problem if next_term else "Nothing to renew.")
            renewal = Renewal(row, next_term)
            year = next_term.start.year
            write_renewals(s, [renewal], year, with_invoices=renewal_invoices_of(s, year))
            return _planned(renewal)


def _plan(session: Session, year: int) -> tuple[list[Renewal], list[PlannedRenewal], int]:
    # Members with a term in the year already are left out by the query (anti-join).
    members = renewing_members(
        session, date(year - 1, 12, 31), date(year, 12, 30), without_term_in=year
    )
    pricer = RenewalPricer.load(session, date(year, 12, 31))
    renewals: list[Renewal] = []
    problems: list[PlannedRenewal] = []
    # Renewed already: a term starts in the year and the latest ends on its 31 December.
    already = count_renewed(session, year)
    for row in members:
        next_term = pricer.next_term(row)
        if next_term is None:
            continue
        if next_term.price is None:
            problems.append(
                PlannedRenewal(row.id, row.name, next_term.tier.value, next_term.start,
                               next_term.end, None, next_term.problem)
            )  # fmt: skip
        else:
            renewals.append(Renewal(row, next_term))
    return renewals, problems, already


def _planned(renewal: Renewal) -> PlannedRenewal:
    term = renewal.next_term
    assert term.price is not None
    return PlannedRenewal(
        renewal.member.id, renewal.member.name, term.tier.value, term.start, term.end,
        term.price.total,
    )  # fmt: skip


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise UserError(f"{year} is not a renewal year the app handles ({FIRST_YEAR}-{LAST_YEAR}).")
