"""The renewal calendar: who is due, what they pay next, and the actions on a member.

Each public method is one transaction. Preparing a year's renewals lives in
``renewal_preparation``; this module reads the calendar and changes one member.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from ...domain.foundation_settings import FoundationSettings
from ...domain.money import Money
from ...domain.organizations import (
    ApplicationOutcome,
    MembershipRuleError,
    MembershipStatus,
    OrgType,
    Tier,
    check_premier_admission,
    check_tier_allowed,
)
from ...domain.renewals import (
    Bucket,
    Deadline,
    RenewalIntent,
    bucket,
    check_non_renewal,
    commitment_end,
    reminder_due,
    upcoming_deadlines,
)
from ...domain.term_rules import TermRules
from ...domain.upgrades import UpgradePrice
from ...persistence.engine import SessionFactories
from ..database_errors import translating_database_errors
from ..register.membership_service import has_approved_premier
from ..register.organization_service import associate_types, load_organization
from ..settings_service import SettingsService
from .calendar_queries import (
    SHOW_ALL,
    CalendarDay,
    CalendarMember,
    RenewalCalendar,
    calendar_counts,
    calendar_page,
)
from .renewal_pricing import RenewalPricer
from .renewal_rows import MemberRow, premier_starts
from .status_transitions import (
    StatusChange,
    admitted_changes,
    status_changes,
    write_status_changes,
)
from .upgrades import UpgradeResult, plan_upgrade, write_upgrade

# How far ahead the calendar looks by default (the 61-90 days bucket).
DEFAULT_WITHIN_DAYS = 90
# The rows of one page of the calendar: a few screenfuls, priced in milliseconds.
CALENDAR_PAGE_ROWS = 200


@dataclass(frozen=True)
class RenewalRow:
    """One member on the renewal calendar.

    Attributes:
        organization_id: the organization.
        name: its display name.
        tier: its current tier.
        next_tier: the tier chosen for its next term (None: the same).
        status: membership status.
        term_end: last day of its latest term.
        bucket: where it stands (None: nothing due within the window).
        intent: renewing or not.
        notice_on: when written notice of non-renewal arrived.
        commitment_end: end of a Premier initial commitment.
        next_start: first day of the next term.
        next_end: last day of the next term.
        next_price: what the next term costs (None when it cannot be priced).
        price_problem: why it cannot be priced ("" when it can).
        reminder: the reminder offset due today (None: no reminder today).
    """

    organization_id: uuid.UUID
    name: str
    tier: str | None
    next_tier: str | None
    status: str
    term_end: date | None
    bucket: Bucket | None
    intent: RenewalIntent
    notice_on: date | None
    commitment_end: date | None
    next_start: date | None
    next_end: date | None
    next_price: Money | None
    price_problem: str
    reminder: int | None


@dataclass(frozen=True)
class RenewalOverview:
    """The renewal calendar on one day."""

    today: date
    rows: tuple[RenewalRow, ...]
    counts: dict[Bucket, int]
    deadlines: tuple[Deadline, ...]

    @property
    def reminders(self) -> tuple[RenewalRow, ...]:
        """Members with a reminder due today."""
        return tuple(row for row in self.rows if row.reminder is not None)


class RenewalService:
    """Read the renewal calendar and act on one member."""

    def __init__(self, factories: SessionFactories, settings: SettingsService) -> None:
        self._factories = factories
        self._settings = settings

    def rules(self) -> TermRules:
        """The term rules of the stored settings."""
        return self._load_settings().term_rules()

    def _load_settings(self) -> FoundationSettings:
        return self._settings.load()

    def overview(self, today: date, within: int = DEFAULT_WITHIN_DAYS) -> RenewalOverview:
        """Members due within ``within`` days, in grace, past due or lapsed, with prices.

        Every member of the calendar, by name (``ptf renewals due``); the Renewals area
        reads one page at a time with ``calendar``. A longer look-ahead lists more: terms
        ending beyond 90 days are in the bucket "Ends in more than 90 days". Reminders are
        computed for every member listed (the furthest default reminder, 90 days, is
        inside the default window). A lapsed member's intent is "Membership ended", never
        "Renewing".
        """
        rules = self.rules()
        day = CalendarDay(today, within, rules)
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            listed = calendar_page(s, day, SHOW_ALL)
            rows = self._priced(s, day, listed, every_premier_start=True)
        rows.sort(key=lambda row: row.name)
        counts = Counter(row.bucket for row in rows if row.bucket is not None)
        return RenewalOverview(today, tuple(rows), dict(counts), upcoming_deadlines(today, rules))

    def calendar(
        self, today: date, within: int = DEFAULT_WITHIN_DAYS, shown: str = SHOW_ALL,
        offset: int = 0, limit: int | None = None,
    ) -> RenewalCalendar:  # fmt: skip
        """One page of the renewal calendar and the counts of all of it, in one transaction.

        The database counts the members of every group and reads only the page's rows
        (by term end, then name); only those are priced.

        Args:
            today: the day the calendar is for.
            within: the look-ahead in days.
            shown: "all", "reminders", "due" (renewing within the look-ahead) or a
                bucket's value.
            offset: the rows of the group to skip (the pages already shown).
            limit: the most rows to read (None: ``CALENDAR_PAGE_ROWS``).
        """
        rules = self.rules()
        day = CalendarDay(today, within, rules)
        limit = CALENDAR_PAGE_ROWS if limit is None else limit
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            counts = calendar_counts(s, day)
            listed = calendar_page(s, day, shown, offset, limit, counts.of(shown))
            rows = self._priced(s, day, listed, every_premier_start=False)
        return RenewalCalendar(
            today, shown, counts, offset, tuple(rows), upcoming_deadlines(today, rules)
        )

    @staticmethod
    def _priced(
        session: Session, day: CalendarDay, listed: list[CalendarMember], every_premier_start: bool
    ) -> list[RenewalRow]:
        # A page reads the approvals and first Premier terms of its own members only.
        ids = None if every_premier_start else [entry.member.id for entry in listed]
        premier = None if ids is None else [
            entry.member.id for entry in listed
            if entry.member.tier == Tier.PREMIER.value and entry.member.commitment_end is None
        ]  # fmt: skip
        starts = premier_starts(session, premier) if premier != [] else {}
        pricer = RenewalPricer.load(session, day.horizon + timedelta(days=366), ids)
        return [
            _row(entry.member, day.today, day.rules, entry.unpaid_due, starts, pricer)
            for entry in listed
        ]

    def apply_status_transitions(
        self, today: date, *, dry_run: bool = False
    ) -> tuple[StatusChange, ...]:
        """Move members to grace, to lapsed, or back to active as the term rules say.

        One transaction; each change is audited; running it again changes nothing.

        Args:
            today: the day the statuses are worked out for.
            dry_run: list the changes without writing them.

        Returns:
            The changes made (or that would be made), by name; first the members of
            quotes accepted before acceptance admitted them (register.admission), admitted
            now (not in a dry run).
        """
        rules = self.rules()
        factory = self._factories.read if dry_run else self._factories.write
        with translating_database_errors(self._factories), factory.begin() as s:
            admitted = [] if dry_run else admitted_changes(s, today)
            changes = status_changes(s, today, rules)
            if not dry_run:
                write_status_changes(s, changes)
        return tuple(admitted + changes)

    def preview_upgrade(
        self, organization_id: uuid.UUID, tier: Tier, effective: date,
        employees: int | None = None,
    ) -> UpgradePrice:  # fmt: skip
        """The price of upgrading a member from ``effective`` to its term's end; no writes.

        Args:
            organization_id: the member.
            tier: the new tier (the same tier with more ``employees``: a higher band).
            effective: the first day at the new tier or band.
            employees: the new employee count (None: the one on record).

        Raises:
            MembershipRuleError: not a current member, the date is outside its terms, a
                lower tier, nothing more to pay, or (EligibilityError) Premier without
                the Governing Board's approval.
            FeeScheduleError: no fee for it.
        """
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            return plan_upgrade(s, organization_id, tier, effective, employees)[2]

    def upgrade(
        self, organization_id: uuid.UUID, tier: Tier, effective: date,
        employees: int | None = None,
    ) -> UpgradeResult:  # fmt: skip
        """Upgrade a member from ``effective``: new term, tier change, upgrade draft invoice.

        Raises:
            MembershipRuleError, FeeScheduleError: as ``preview_upgrade``; nothing is
                written.
        """
        rules = self.rules()
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            organization, term, price = plan_upgrade(s, organization_id, tier, effective, employees)
            return write_upgrade(s, organization, term, price, employees, rules)

    def set_next_tier(self, organization_id: uuid.UUID, tier: Tier | None) -> None:
        """Choose the tier of the member's next term (None: keep its tier).

        Raises:
            MembershipRuleError: not eligible for the tier, or Premier without approval.
        """
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            organization = load_organization(s, organization_id)
            if organization.tier is None or organization.term_end is None:
                raise MembershipRuleError("Admit the organization before planning its renewal.")
            if tier is not None:
                tier = Tier(tier)
                check_tier_allowed(tier, OrgType(organization.org_type), associate_types(s))
                if tier is Tier.PREMIER:
                    starts = organization.term_end + timedelta(days=1)
                    approved = has_approved_premier(s, organization, starts)
                    check_premier_admission(ApplicationOutcome.APPROVED if approved else None)
            chosen = tier.value if tier is not None and tier.value != organization.tier else None
            organization.next_tier = chosen

    def mark_non_renewing(self, organization_id: uuid.UUID, notice_on: date) -> None:
        """Record written notice that the member will not renew.

        Raises:
            MembershipRuleError: notice after the deadline, or during a Premier commitment.
        """
        rules = self.rules()
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            organization = load_organization(s, organization_id)
            if organization.term_end is None:
                raise MembershipRuleError("This organization has no term to end.")
            commitment = organization.commitment_end or _derived_commitment(
                organization.tier, premier_starts(s).get(organization.id), rules
            )
            check_non_renewal(organization.term_end, notice_on, commitment, rules)
            organization.renewal_intent = RenewalIntent.NON_RENEWING.value
            organization.non_renewal_notice_on = notice_on

    def mark_renewing(self, organization_id: uuid.UUID) -> None:
        """Withdraw a non-renewal: the member renews again."""
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            organization = load_organization(s, organization_id)
            organization.renewal_intent = RenewalIntent.RENEWING.value
            organization.non_renewal_notice_on = None

    def lapse(self, organization_id: uuid.UUID) -> None:
        """End a membership that was not renewed or paid.

        Raises:
            MembershipRuleError: the organization is not a current member.
        """
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            organization = load_organization(s, organization_id)
            if organization.status not in (MembershipStatus.ACTIVE, MembershipStatus.GRACE):
                raise MembershipRuleError("Only a current member can lapse.")
            organization.status = MembershipStatus.LAPSED.value

    def reinstate(self, organization_id: uuid.UUID) -> None:
        """Make a lapsed (or in grace) member active again.

        Raises:
            MembershipRuleError: the organization was never admitted, or is active.
        """
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            organization = load_organization(s, organization_id)
            if organization.tier is None:
                raise MembershipRuleError("Admit the organization to a tier first.")
            if organization.status not in (MembershipStatus.LAPSED, MembershipStatus.GRACE):
                raise MembershipRuleError("Only a lapsed member, or one in grace, is reinstated.")
            organization.status = MembershipStatus.ACTIVE.value


def _derived_commitment(
    tier: str | None, premier_start: date | None, rules: TermRules
) -> date | None:
    """A Premier commitment recorded before the field existed: from the first Premier term."""
    if tier != Tier.PREMIER.value or premier_start is None:
        return None
    return commitment_end(premier_start, rules.premier_commitment_years)


def _row(
    member: MemberRow,
    today: date,
    rules: TermRules,
    unpaid_due: date | None,
    premier_start: dict[uuid.UUID, date],
    pricer: RenewalPricer,
) -> RenewalRow:
    place = bucket(member.status, member.term_end, today, rules, unpaid_due)
    next_term = pricer.next_term(member) if place is not Bucket.LAPSED else None
    return RenewalRow(
        organization_id=member.id,
        name=member.name,
        tier=member.tier,
        next_tier=member.next_tier,
        status=member.status,
        term_end=member.term_end,
        bucket=place,
        intent=RenewalIntent(member.renewal_intent)
        if member.status in (MembershipStatus.ACTIVE, MembershipStatus.GRACE)
        else RenewalIntent.ENDED,
        notice_on=member.non_renewal_notice_on,
        commitment_end=member.commitment_end
        or _derived_commitment(member.tier, premier_start.get(member.id), rules),
        next_start=next_term.start if next_term else None,
        next_end=next_term.end if next_term else None,
        next_price=next_term.price.total if next_term and next_term.price else None,
        price_problem=next_term.problem if next_term else "",
        reminder=reminder_due(member.term_end, today, rules)
        if member.status in (MembershipStatus.ACTIVE, MembershipStatus.GRACE)
        else None,
    )
