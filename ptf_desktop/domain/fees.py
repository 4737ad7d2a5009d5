"""Fee schedules: dated sets of fees per tier (and LF Silver) and employee band.

The schedule in force on a date is the one with the latest effective date on or before
it. Schedules are data (FEES.md ships the first one); nothing here knows a figure.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .errors import UserError
from .money import Money


class FeeKind(StrEnum):
    """What a fee entry is the price of: a tier, or the Linux Foundation Silver membership."""

    PREMIER = "premier"
    GENERAL = "general"
    ASSOCIATE = "associate"
    LF_SILVER = "lf_silver"


FEE_KIND_LABELS = {
    FeeKind.PREMIER: "Premier membership",
    FeeKind.GENERAL: "General membership",
    FeeKind.ASSOCIATE: "Associate membership",
    FeeKind.LF_SILVER: "Linux Foundation Silver membership",
}


# Added to a line priced from a fee still to be confirmed; an issued invoice never says it.
UNCONFIRMED_MARK = " (fee to be confirmed)"


class FeeScheduleError(UserError):
    """A schedule that cannot price a request, or a schedule that is refused."""


@dataclass(frozen=True)
class FeeEntryData:
    """One fee: the price of a kind for organizations in an employee band.

    Attributes:
        id: the stored entry's key (invoice lines refer to it), None before it is stored.
        kind: what the fee is for.
        min_employees: the smallest consolidated employee count of the band.
        max_employees: the largest, or None for no upper bound.
        amount: the yearly fee.
        to_be_confirmed: the figure is a placeholder awaiting confirmation.
    """

    id: uuid.UUID | None
    kind: FeeKind
    min_employees: int
    max_employees: int | None
    amount: Money
    to_be_confirmed: bool = False

    def covers(self, employees: int) -> bool:
        """Whether an organization of this many employees falls in the band."""
        upper = self.max_employees
        return self.min_employees <= employees and (upper is None or employees <= upper)

    @property
    def band(self) -> str:
        """The band in words, e.g. "1,000 - 2,999 employees"."""
        if self.max_employees is None:
            return "any size" if self.min_employees == 0 else f"{self.min_employees:,} and more"
        return f"{self.min_employees:,} - {self.max_employees:,}"


@dataclass(frozen=True)
class FeeScheduleData:
    """A dated set of fees.

    Attributes:
        id: the stored schedule's key, None before it is stored.
        name: what staff call it, e.g. "Published fees".
        effective_from: the first day it applies.
        entries: its fees.
        note: free text (e.g. where the figures come from).
    """

    id: uuid.UUID | None
    name: str
    effective_from: date
    entries: tuple[FeeEntryData, ...]
    note: str = ""

    def entry_for(self, kind: FeeKind, employees: int | None) -> FeeEntryData:
        """The entry that prices ``kind`` for an organization of ``employees``.

        A kind with a single band for any size (Premier, Associate) needs no count.

        Raises:
            FeeScheduleError: no entry covers it, or the count is needed and missing.
        """
        candidates = [entry for entry in self.entries if entry.kind is kind]
        if not candidates:
            raise FeeScheduleError(
                f"The fee schedule '{self.name}' has no fee for {FEE_KIND_LABELS[kind]}."
            )
        if employees is None:
            flat = [e for e in candidates if e.min_employees == 0 and e.max_employees is None]
            if flat:
                return flat[0]
            raise FeeScheduleError(
                f"{FEE_KIND_LABELS[kind]} is priced by consolidated employees; "
                "record the organization's employee count first."
            )
        for entry in candidates:
            if entry.covers(employees):
                return entry
        raise FeeScheduleError(
            f"No {FEE_KIND_LABELS[kind]} fee in the schedule '{self.name}' covers "
            f"{employees:,} employees."
        )


def schedule_in_force(schedules: Iterable[FeeScheduleData], on: date) -> FeeScheduleData:
    """The schedule that applies on a date: the latest one effective on or before it.

    Raises:
        FeeScheduleError: no schedule is effective yet on that date.
    """
    effective = [schedule for schedule in schedules if schedule.effective_from <= on]
    if not effective:
        raise FeeScheduleError(f"No fee schedule is in force on {on.isoformat()}.")
    return max(effective, key=lambda schedule: schedule.effective_from)


def check_schedule(schedule: FeeScheduleData, existing: Iterable[FeeScheduleData]) -> None:
    """Refuse a new schedule that is incomplete or clashes with the stored ones.

    Each kind's bands must not overlap, amounts are never negative, one currency per
    schedule, and two schedules cannot start on the same day.

    Raises:
        FeeScheduleError: with the reason.
    """
    if not schedule.name.strip():
        raise FeeScheduleError("Give the fee schedule a name.")
    if any(other.effective_from == schedule.effective_from for other in existing):
        raise FeeScheduleError(
            f"A fee schedule already starts on {schedule.effective_from.isoformat()}; "
            "choose another date."
        )
    if not schedule.entries:
        raise FeeScheduleError("A fee schedule needs at least one fee.")
    if len({entry.amount.currency for entry in schedule.entries}) > 1:
        raise FeeScheduleError("All fees of one schedule must be in the same currency.")
    for entry in schedule.entries:
        label = FEE_KIND_LABELS[entry.kind]
        if entry.amount.amount < 0:
            raise FeeScheduleError(f"{label}: a fee cannot be negative.")
        if entry.min_employees < 0 or (
            entry.max_employees is not None and entry.max_employees < entry.min_employees
        ):
            raise FeeScheduleError(f"{label}: the band {entry.band} is not a valid range.")
    for kind in FeeKind:
        bands = sorted(
            (entry for entry in schedule.entries if entry.kind is kind),
            key=lambda entry: entry.min_employees,
        )
        for lower, upper in zip(bands, bands[1:], strict=False):
            if lower.max_employees is None or lower.max_employees >= upper.min_employees:
                raise FeeScheduleError(
                    f"{FEE_KIND_LABELS[kind]}: the bands {lower.band} and {upper.band} overlap."
                )
