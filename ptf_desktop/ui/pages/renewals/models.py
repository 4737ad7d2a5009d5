"""Qt table models of the Renewals area, over the services' plain dataclasses."""

from __future__ import annotations

from typing import Any

from ....domain.organizations import LABELS
from ....domain.renewals import BUCKET_LABELS, INTENT_LABELS, RenewalIntent, reminder_label
from ....services.renewals.renewal_preparation import PlannedRenewal
from ....services.renewals.renewal_service import RenewalRow
from ...widgets.table_model import ID_ROLE, RIGHT, SORT_ROLE, Column, ColumnTableModel
from .display import format_date, format_money

__all__ = ["ID_ROLE", "SORT_ROLE", "PlanTableModel", "RenewalTableModel"]


def _column(header: str, text: Any, sort: Any = None, align: Any = None) -> Column[Any]:
    """A column whose cell's tooltip is its text; it sorts without case unless told."""
    return Column(header, text, sort or (lambda row: text(row).casefold()), align, tooltip=text)


def _intent(row: RenewalRow) -> str:
    intent = INTENT_LABELS[row.intent]
    if row.intent is RenewalIntent.NON_RENEWING and row.notice_on:
        intent += f" (notice {format_date(row.notice_on)})"
    return intent


def _next_term(row: RenewalRow) -> str:
    return f"{format_date(row.next_start)} to {format_date(row.next_end)}" if row.next_start else ""


class RenewalTableModel(ColumnTableModel[RenewalRow]):
    """Members on the renewal calendar."""

    (NAME, TIER, STATUS, TERM_END, BUCKET, INTENT, NEXT_TIER, NEXT_TERM, NEXT_PRICE,
     COMMITMENT, REMINDER) = range(11)  # fmt: skip
    ID_FIELD = "organization_id"
    COLUMNS = (
        _column("Name", lambda r: r.name),
        _column("Tier", lambda r: LABELS.get(r.tier or "", "")),
        _column("Status", lambda r: LABELS.get(r.status, r.status)),
        _column("Term end", lambda r: format_date(r.term_end), lambda r: format_date(r.term_end)),
        _column("Where", lambda r: BUCKET_LABELS[r.bucket] if r.bucket else ""),
        _column("Renewal", _intent),
        _column("Next tier", lambda r: LABELS.get(r.next_tier or "", "")),
        _column("Next term", _next_term),
        _column(
            "Next price",
            lambda r: format_money(r.next_price) or r.price_problem,
            lambda r: r.next_price.minor_units if r.next_price else -1,
            RIGHT,
        ),
        _column("Commitment end", lambda r: format_date(r.commitment_end)),
        _column(
            "Reminder today",
            lambda r: reminder_label(r.reminder) if r.reminder is not None else "",
            lambda r: r.reminder if r.reminder is not None else 10_000,
        ),
    )


class PlanTableModel(ColumnTableModel[PlannedRenewal]):
    """The members a preparation would renew, and those it cannot."""

    NAME, TIER, TERM, AMOUNT, PROBLEM = range(5)
    ID_FIELD = "organization_id"
    COLUMNS = (
        _column("Name", lambda p: p.name),
        _column("Tier", lambda p: LABELS.get(p.tier, p.tier)),
        _column("Next term", lambda p: f"{format_date(p.start)} to {format_date(p.end)}"),
        _column(
            "Amount",
            lambda p: format_money(p.total),
            lambda p: p.total.minor_units if p.total else -1,
            RIGHT,
        ),
        _column("Cannot renew because", lambda p: p.problem),
    )
