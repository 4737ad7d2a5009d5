"""Fee schedules and prices: which schedule applies, adding one, pricing an organization.

An entry that issued documents were priced from is never changed; a new schedule with a
later effective date supersedes it (FEES.md: old invoices keep their price).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from ...domain.fees import FeeEntryData, FeeScheduleData, FeeScheduleError, check_schedule
from ...domain.fees import schedule_in_force as _in_force
from ...domain.money import Money
from ...domain.organizations import (
    LFMembership,
    OrgType,
    Tier,
)
from ...domain.pricing import PriceBreakdown, price_membership
from ...persistence.engine import SessionFactories
from ...persistence.ids import time_ordered_uuid
from ...persistence.models import FeeEntry, FeeSchedule
from ..billing.fee_confirmation import mark_drafts_confirmed
from ..database_errors import translating_database_errors
from ..register.membership_service import has_approved_premier
from ..register.organization_service import _load, associate_types, load_organization
from .fee_rows import entries_in_use, entry_data, load_schedules


class FeeService:
    """Read, add and apply fee schedules; each public method is one transaction."""

    def __init__(self, factories: SessionFactories) -> None:
        self._factories = factories

    def schedules(self) -> list[FeeScheduleData]:
        """Every fee schedule, oldest first."""
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            return load_schedules(s)

    def schedule_on(self, day: date) -> FeeScheduleData:
        """The schedule in force on ``day``.

        Raises:
            FeeScheduleError: none is in force yet on that day.
        """
        return _in_force(self.schedules(), day)

    def entries_in_use(self) -> frozenset[uuid.UUID]:
        """Entries that issued documents refer to: they can only be superseded."""
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            return entries_in_use(s)

    def add_schedule(
        self,
        name: str,
        effective_from: date,
        entries: Sequence[FeeEntryData],
        note: str = "",
    ) -> FeeScheduleData:
        """Store a new schedule in force from ``effective_from`` (until a later one).

        Raises:
            FeeScheduleError: the schedule is incomplete, its bands overlap, an amount is
                negative, or another schedule starts on the same day. Nothing is stored.
        """
        schedule = FeeScheduleData(
            None, name.strip(), effective_from, tuple(replace(e, id=None) for e in entries),
            note.strip(),
        )  # fmt: skip
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            check_schedule(schedule, load_schedules(s))
            row = FeeSchedule(
                id=time_ordered_uuid(), name=schedule.name, effective_from=effective_from,
                note=schedule.note,
            )  # fmt: skip
            s.add(row)
            s.flush()  # the entries' foreign key needs the schedule first
            stored = []
            for entry in schedule.entries:
                entry_row = FeeEntry(
                    id=time_ordered_uuid(),
                    schedule_id=row.id,
                    kind=entry.kind.value,
                    min_employees=entry.min_employees,
                    max_employees=entry.max_employees,
                    amount=entry.amount,
                    to_be_confirmed=entry.to_be_confirmed,
                )
                s.add(entry_row)
                stored.append(replace(entry, id=entry_row.id))
            return replace(schedule, id=row.id, entries=tuple(stored))

    def change_entry(
        self, entry_id: uuid.UUID, amount: Money, to_be_confirmed: bool
    ) -> FeeEntryData:
        """Correct an entry's amount or confirmation flag while no issued document uses it.

        Confirming it at the amount drafts were priced at lets those drafts be issued
        (billing.fee_confirmation).

        Raises:
            FeeScheduleError: issued documents were priced from it (supersede it with a
                new schedule instead), or the amount is negative.
        """
        if amount.amount < 0:
            raise FeeScheduleError("A fee cannot be negative.")
        with translating_database_errors(self._factories), self._factories.write.begin() as s:
            row: FeeEntry = _load(s, FeeEntry, entry_id, "fee")
            if row.id in entries_in_use(s):
                raise FeeScheduleError(
                    "Issued documents were priced from this fee, so it cannot be changed; "
                    "add a new fee schedule from the date the new fee applies."
                )
            if amount.currency != row.currency:
                raise FeeScheduleError(f"This schedule's fees are in {row.currency}.")
            if not to_be_confirmed and row.amount == amount:
                mark_drafts_confirmed(s, row.id)  # confirmed as priced: drafts may be issued
            row.amount = amount
            row.to_be_confirmed = to_be_confirmed
            s.flush()
            return entry_data(row)

    def price_organization(
        self,
        organization_id: uuid.UUID,
        start: date,
        end: date,
        tier: Tier | None = None,
    ) -> PriceBreakdown:
        """Price a period for an organization at ``tier`` (default: its next or current tier).

        The schedule in force on ``start`` prices the whole period.

        Raises:
            EligibilityError: the organization cannot hold the tier.
            FeeScheduleError: no schedule, or no fee for it.
            NotFound: the organization no longer exists.
        """
        with translating_database_errors(self._factories), self._factories.read.begin() as s:
            organization = load_organization(s, organization_id)
            chosen = tier or organization.next_tier or organization.tier
            if chosen is None:
                raise FeeScheduleError("The organization has no tier to price; give one.")
            return price_membership(
                _in_force(load_schedules(s), start),
                Tier(chosen),
                organization.employees,
                LFMembership(organization.lf_membership),
                start,
                end,
                has_approved_premier_application=has_approved_premier(s, organization, start),
                org_type=OrgType(organization.org_type),
                associate_types=associate_types(s),
            )
