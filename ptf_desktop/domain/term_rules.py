"""The term rules as settings: month-day dates, grace days and reminder offsets.

Defaults come from the Linux Foundation participation agreements (FEES.md): a two-year
Premier commitment, fee increases announced by 15 October, non-renewal notice by
1 December, 60 days of grace after an unpaid due date, reminders 90, 60, 30 and 0 days
before a term ends and 15 days after.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MONTH_DAY = re.compile(r"(\d{1,2})-(\d{1,2})")
MAX_REMINDER_DAYS = 366


@dataclass(frozen=True)
class TermRules:
    """The term rules, parsed.

    Attributes:
        premier_commitment_years: years a new Premier member commits to.
        fee_increase_notice: (month, day) by which next year's fee increases are announced.
        non_renewal_deadline: (month, day) by which a member must give notice not to renew.
        grace_days: days after an unpaid due date before a membership lapses.
        reminder_offsets: days before the end of a term at which to remind (negative: after).
    """

    premier_commitment_years: int = 2
    fee_increase_notice: tuple[int, int] = (10, 15)
    non_renewal_deadline: tuple[int, int] = (12, 1)
    grace_days: int = 60
    reminder_offsets: tuple[int, ...] = (90, 60, 30, 0, -15)

    def fee_increase_notice_date(self, year: int) -> date:
        """The day of ``year`` by which fee increases for the next year are announced."""
        return date(year, *self.fee_increase_notice)

    def non_renewal_deadline_date(self, year: int) -> date:
        """The day of ``year`` by which notice of non-renewal for the next year is due."""
        return date(year, *self.non_renewal_deadline)


def month_day(value: str, what: str) -> str:
    """Parse a yearly date written "MM-DD" (e.g. "10-15"); 29 February is refused.

    Returns:
        The date as "MM-DD" with two digits each.

    Raises:
        ValueError: with a message for the person who typed it.
    """
    text = str(value).strip()
    match = _MONTH_DAY.fullmatch(text)
    if match is None:
        raise ValueError(f"{what} must be a month and day written MM-DD (e.g. 10-15).")
    month, day = int(match.group(1)), int(match.group(2))
    try:
        date(2023, month, day)  # a year without 29 February: the date must exist every year
    except ValueError:
        raise ValueError(f"{what}: {text} is not a day that exists every year.") from None
    return f"{month:02d}-{day:02d}"


def parse_month_day(value: str) -> tuple[int, int]:
    """Split a stored "MM-DD" into (month, day)."""
    month, day = month_day(value, "The date").split("-")
    return int(month), int(day)


def reminder_offsets(value: str) -> str:
    """Parse reminder offsets: whole days before a term ends, negative for after.

    Returns:
        The offsets, distinct, largest first, comma-separated (e.g. "90,60,30,0,-15").

    Raises:
        ValueError: an offset is not a whole number or is more than a year away.
    """
    parts = [part for part in re.split(r"[,\s]+", str(value).strip()) if part]
    if not parts:
        raise ValueError("Name at least one reminder offset in days (e.g. 90, 60, 30, 0, -15).")
    numbers: set[int] = set()
    for part in parts:
        if not re.fullmatch(r"[+-]?\d+", part):
            raise ValueError(f"'{part}' is not a whole number of days.")
        number = int(part)
        if abs(number) > MAX_REMINDER_DAYS:
            raise ValueError(f"A reminder {number} days away is more than a year away.")
        numbers.add(number)
    return ",".join(str(number) for number in sorted(numbers, reverse=True))


def parse_reminder_offsets(value: str) -> tuple[int, ...]:
    """Split stored reminder offsets into integers, largest first."""
    return tuple(int(part) for part in reminder_offsets(value).split(","))
