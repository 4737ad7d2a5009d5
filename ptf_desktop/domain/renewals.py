"""Renewal dates and states: the next term, notice deadlines, buckets and reminders.

After the first term the next term runs to 31 December, and from then on terms follow
the calendar year (FEES.md). Everything date-dependent takes ``today`` so that it can be
tested on any day, leap years included.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from .organizations import MembershipRuleError, MembershipStatus
from .term_rules import TermRules
from .wording import count_of


class RenewalIntent(StrEnum):
    """Whether a member renews at the end of its current term."""

    RENEWING = "renewing"
    NON_RENEWING = "non_renewing"
    # Shown, never stored: a lapsed or cancelled membership renews nothing.
    ENDED = "ended"


class Bucket(StrEnum):
    """Where a member stands on the renewal calendar."""

    WITHIN_30 = "within_30"
    WITHIN_60 = "within_60"
    WITHIN_90 = "within_90"
    LATER = "later"
    GRACE = "grace"
    PAST_DUE = "past_due"
    LAPSED = "lapsed"


BUCKET_LABELS = {
    Bucket.WITHIN_30: "Ends within 30 days",
    Bucket.WITHIN_60: "Ends in 31-60 days",
    Bucket.WITHIN_90: "Ends in 61-90 days",
    Bucket.LATER: "Ends in more than 90 days",
    Bucket.GRACE: "In grace",
    Bucket.PAST_DUE: "Past due (grace over)",
    Bucket.LAPSED: "Lapsed",
}

INTENT_LABELS = {
    RenewalIntent.RENEWING: "Renewing",
    RenewalIntent.NON_RENEWING: "Non-renewing",
    RenewalIntent.ENDED: "Membership ended",
}

# Statuses of a member whose term can be renewed.
_CURRENT = frozenset({MembershipStatus.ACTIVE.value, MembershipStatus.GRACE.value})


@dataclass(frozen=True)
class TermDates:
    """A term's first and last day (inclusive)."""

    start: date
    end: date


# A part-year shorter than this is not a term of its own (FEES.md: after the first term
# the next is pro-rated to 31 December): a first term ending on 30 December would leave a
# one-day term to bill and certify. The few days join the next calendar year instead.
MIN_PART_YEAR_DAYS = 30


def next_term(current_end: date) -> TermDates:
    """The term after one that ends on ``current_end``: from the next day to 31 December.

    After a first term that ends mid-year this is a part-year; after a calendar year it is
    the next calendar year. A part-year of fewer than MIN_PART_YEAR_DAYS days runs on to
    the end of the following calendar year (one term, priced day by day).
    """
    start = current_end + timedelta(days=1)
    end = date(start.year, 12, 31)
    if (start.month, start.day) != (1, 1) and (end - start).days + 1 < MIN_PART_YEAR_DAYS:
        end = date(start.year + 1, 12, 31)
    return TermDates(start, end)


def commitment_end(start: date, years: int) -> date:
    """The last day of an initial commitment of ``years`` years from ``start``."""
    try:
        anniversary = start.replace(year=start.year + years)
    except ValueError:  # 29 February: the anniversary is 1 March
        anniversary = date(start.year + years, 3, 1)
    return anniversary - timedelta(days=1)


def non_renewal_deadline(term_end: date, rules: TermRules) -> date:
    """The last day notice of non-renewal may arrive for the term ending on ``term_end``.

    A calendar-year term needs notice by the deadline of its year (1 December); a first
    term ending on another day needs it 30 days before the anniversary.
    """
    if (term_end.month, term_end.day) == (12, 31):
        return rules.non_renewal_deadline_date(term_end.year)
    return term_end + timedelta(days=1) - timedelta(days=30)


def check_non_renewal(
    term_end: date, notice_on: date, commitment: date | None, rules: TermRules
) -> None:
    """Refuse a non-renewal that the terms do not allow.

    Raises:
        MembershipRuleError: notice arrived after the deadline, or the membership would
            end before the end of a Premier initial commitment.
    """
    if commitment is not None and term_end < commitment:
        raise MembershipRuleError(
            f"This member committed to Premier until {commitment.isoformat()}; it cannot "
            f"leave when its term ends on {term_end.isoformat()}."
        )
    deadline = non_renewal_deadline(term_end, rules)
    if notice_on > deadline:
        raise MembershipRuleError(
            f"Notice received on {notice_on.isoformat()} is after the deadline "
            f"{deadline.isoformat()} for the term ending {term_end.isoformat()}: the "
            "membership renews."
        )


def bucket(
    status: str,
    term_end: date | None,
    today: date,
    rules: TermRules,
    unpaid_due_date: date | None = None,
) -> Bucket | None:
    """The renewal bucket of a member on ``today``, or None when it is not a member.

    A member is due on the day after its latest term ends, or, once renewed, on the due
    date of an unpaid renewal invoice. Past that day it is in grace for the grace period,
    then past due (to be lapsed).

    Args:
        status: the membership status.
        term_end: the last day of its latest term.
        today: the day asked about.
        rules: the grace period.
        unpaid_due_date: the due date of its earliest unpaid, issued renewal invoice.
    """
    if status == MembershipStatus.LAPSED.value:
        return Bucket.LAPSED
    if status not in _CURRENT or term_end is None:
        return None
    overdue = [(today - term_end).days]
    if unpaid_due_date is not None:
        overdue.append((today - unpaid_due_date).days)
    days_overdue = max(overdue)
    if days_overdue > 0:
        return Bucket.GRACE if days_overdue <= rules.grace_days else Bucket.PAST_DUE
    days = (term_end - today).days
    if days <= 30:
        return Bucket.WITHIN_30
    if days <= 60:
        return Bucket.WITHIN_60
    if days <= 90:
        return Bucket.WITHIN_90
    return Bucket.LATER


def reminder_due(term_end: date | None, today: date, rules: TermRules) -> int | None:
    """The reminder offset due today for a term ending on ``term_end`` (None: none due)."""
    if term_end is None:
        return None
    days = (term_end - today).days
    return days if days in rules.reminder_offsets else None


def reminder_label(offset: int) -> str:
    """A reminder offset in words."""
    if offset == 0:
        return "Term ends today"
    if offset > 0:
        return f"{count_of(offset, 'day')} before the term ends"
    return f"{count_of(-offset, 'day')} after the term ended"


@dataclass(frozen=True)
class Deadline:
    """A date on the renewal calendar."""

    on: date
    what: str


def upcoming_deadlines(today: date, rules: TermRules, count: int = 4) -> tuple[Deadline, ...]:
    """The next yearly deadlines from ``today`` on.

    They are the fee-increase notice, the non-renewal notice and the end of the
    calendar-year terms.
    """
    found = []
    for year in (today.year, today.year + 1):
        found += [
            Deadline(
                rules.fee_increase_notice_date(year), f"Fee increases for {year + 1} announced"
            ),
            Deadline(
                rules.non_renewal_deadline_date(year), f"Non-renewal notices for {year + 1} due"
            ),
            Deadline(date(year, 12, 31), f"Calendar-year terms of {year} end"),
        ]
    return tuple(sorted((d for d in found if d.on >= today), key=lambda d: d.on)[:count])
