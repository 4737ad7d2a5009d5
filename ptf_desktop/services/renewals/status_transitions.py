"""Applying the automatic status changes (grace, lapse, back to active) to every member.

Run at start-up (off the GUI thread, ui/pages/renewals/status_check.py) and by
``ptf renewals transitions``. One transaction reads the current members that can move
(in grace, term ended, or an unpaid renewal invoice past due), works out each status
with domain/status_transitions.py and writes the changes with one audit entry each.
Running it again the same day changes nothing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ...domain.organizations import MembershipStatus
from ...domain.status_transitions import days_overdue, status_on
from ...domain.term_rules import TermRules
from ...persistence.audit import updated, write_changes
from ...persistence.base import utc_now
from ...persistence.bulk_writer import update_rows
from ...persistence.models import Invoice, Organization
from ..register.admission import admit_accepted_quotes
from .renewal_rows import CURRENT_STATUSES, UNPAID_STATUSES, unpaid_renewal_due_dates


@dataclass(frozen=True)
class StatusChange:
    """One member whose status changes.

    Attributes:
        organization_id: the organization.
        name: its display name.
        old: its status before.
        new: its status now.
        term_end: the last day of its latest term.
        days_overdue: days since its term ended or its renewal invoice fell due.
    """

    organization_id: uuid.UUID
    name: str
    old: MembershipStatus
    new: MembershipStatus
    term_end: date | None
    days_overdue: int


def status_changes(session: Session, today: date, rules: TermRules) -> list[StatusChange]:
    """The changes due on ``today``, by name; nothing is written."""
    unpaid = unpaid_renewal_due_dates(session)
    overdue_invoice = (
        select(Invoice.organization_id)
        .where(Invoice.renewal_year.is_not(None), Invoice.due_date < today)
        .where(Invoice.status.in_(UNPAID_STATUSES), Invoice.deleted.is_(False))
    )
    query = (
        select(
            Organization.id,
            Organization.display_name,
            Organization.status,
            Organization.term_end,
            Organization.renewal_intent,
        )  # fmt: skip
        .where(Organization.deleted.is_(False), Organization.status.in_(CURRENT_STATUSES))
        .where(
            or_(
                Organization.status == MembershipStatus.GRACE.value,
                Organization.term_end < today,
                Organization.id.in_(overdue_invoice),
            )
        )
        .order_by(Organization.display_name)
    )
    changes = []
    for key, name, status, term_end, intent in session.execute(query):
        due = unpaid.get(key)
        new = status_on(status, term_end, intent, today, rules, due)
        if new is not None:
            changes.append(
                StatusChange(key, name, MembershipStatus(status), new, term_end,
                             days_overdue(term_end, today, due))
            )  # fmt: skip
    return changes


def admitted_changes(session: Session, today: date) -> list[StatusChange]:
    """Admit the members of quotes accepted earlier (register.admission), as changes."""
    return [
        StatusChange(organization.id, organization.display_name, MembershipStatus(before),
                     MembershipStatus(organization.status), organization.term_end, 0)
        for organization, before in admit_accepted_quotes(session, today)
    ]  # fmt: skip


def write_status_changes(session: Session, changes: list[StatusChange]) -> None:
    """Store the changes, each with its audit entry, in the caller's transaction."""
    if not changes:
        return
    connection = session.connection()
    now = utc_now()
    rows = [(change.new.value, change.organization_id) for change in changes]
    update_rows(connection, Organization, ("status",), rows, {"updated_at": now})
    entries = [
        updated(Organization, change.organization_id, change.organization_id, "status",
                change.old.value, change.new.value)
        for change in changes
    ]  # fmt: skip
    write_changes(connection, str(session.info.get("actor", "unknown")), entries, now)
