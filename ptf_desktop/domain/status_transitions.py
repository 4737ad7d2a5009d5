"""When a membership moves to grace, lapses, or is back in good standing, by itself.

A member is overdue from the day after its latest term ends (it has not renewed) or the
day after the due date of an issued renewal invoice it has not paid, whichever came
first (as the renewal calendar's buckets count it, domain/renewals.py). While overdue
by at most the grace period of the term rules (FEES.md: 60 days) it is in grace; past
that it lapses. A member in grace that is no longer overdue (it renewed and paid) is
active again. A member that gave notice not to renew has no grace: its membership
lapses once its term has ended.
"""

from __future__ import annotations

from datetime import date

from .organizations import MembershipStatus
from .renewals import RenewalIntent
from .term_rules import TermRules


def days_overdue(term_end: date | None, today: date, unpaid_due_date: date | None) -> int:
    """Days since the term ended or the unpaid renewal invoice fell due (0 or less: none)."""
    overdue = [(today - term_end).days] if term_end is not None else [0]
    if unpaid_due_date is not None:
        overdue.append((today - unpaid_due_date).days)
    return max(overdue)


def status_on(
    status: str,
    term_end: date | None,
    intent: str,
    today: date,
    rules: TermRules,
    unpaid_due_date: date | None = None,
) -> MembershipStatus | None:
    """The status a member should have on ``today``; None when it stays as it is.

    Only current members (active or in grace) move by themselves; lapsing, reinstating
    and cancelling otherwise stay decisions of the staff.

    Args:
        status: the stored membership status.
        term_end: the last day of its latest term.
        intent: renewing or non-renewing (RenewalIntent values).
        today: the day the status is worked out for.
        rules: the term rules (grace period).
        unpaid_due_date: the due date of its earliest issued, unpaid renewal invoice.
    """
    if status not in (MembershipStatus.ACTIVE.value, MembershipStatus.GRACE.value):
        return None
    if term_end is None:
        return None
    overdue = days_overdue(term_end, today, unpaid_due_date)
    if intent == RenewalIntent.NON_RENEWING.value and (today - term_end).days > 0:
        wanted = MembershipStatus.LAPSED
    elif overdue > rules.grace_days:
        wanted = MembershipStatus.LAPSED
    elif overdue > 0:
        wanted = MembershipStatus.GRACE
    else:
        wanted = MembershipStatus.ACTIVE
    return None if wanted.value == status else wanted
