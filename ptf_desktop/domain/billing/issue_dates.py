"""When a document may be dated: never in a closed period, never before its series' last.

Numbers of a series follow issue dates (a number taken later never carries an earlier
date), so a document dated before the latest one already issued in its series is
refused rather than numbered out of order. Books closed through a date (a business
setting) take nothing dated on or before that date.
"""

from __future__ import annotations

from datetime import date

from ..errors import UserError


class IssueDateRefused(UserError):
    """A document date that would break the order of a series or reopen closed books."""


def parse_closing_date(text: str) -> date | None:
    """The stored closing date ("" or an ISO date) as a date, or None when books are open."""
    return date.fromisoformat(text) if text.strip() else None


def check_issue_date(
    kind: str,
    issue_date: date,
    *,
    closed_through: date | None,
    series: str,
    latest_in_series: tuple[str, date] | None,
) -> None:
    """Refuse a date in a closed period or earlier than the series' latest document.

    Args:
        kind: "invoice" or "credit note", for the message.
        issue_date: the date the document would carry.
        closed_through: the last day of the closed books (None: nothing is closed).
        series: the series the document would be numbered in.
        latest_in_series: number and date of the latest document issued in it, if any.

    Raises:
        IssueDateRefused: saying which rule, the dates and what to do instead.
    """
    if closed_through is not None and issue_date <= closed_through:
        raise IssueDateRefused(
            f"The books are closed through {closed_through.isoformat()}: {_a(kind)} cannot be "
            f"issued on {issue_date.isoformat()}. Choose a later date, or change "
            "'Books closed through' in Settings."
        )
    if latest_in_series is not None and issue_date < latest_in_series[1]:
        number, latest = latest_in_series
        raise IssueDateRefused(
            f"{number} was issued on {latest.isoformat()}: numbers of series {series} follow "
            f"issue dates, so {_a(kind)} cannot be dated {issue_date.isoformat()}. "
            f"Date it {latest.isoformat()} or later."
        )


def _a(kind: str) -> str:
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"
