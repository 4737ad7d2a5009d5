"""A membership quote, once accepted, makes the organization a member.

The rule: accepting a quote is the member's signature (FEES.md: fees are invoiced at
signature), so accepting a quote with a membership fee line from the fee schedule
admits the organization at the quoted tier. The term runs over the period the line was
priced for ("General membership, 2027-01-01 to 2027-12-31"; a line whose period was
edited away gives one year from the day of acceptance, a first term's length); the
invoice's fee lines bill that term. The status becomes Active and the tier change is
recorded, so the member list, renewals, the dashboard and certificates all agree; the
term is held (certified) once its invoice is issued or paid (register.term_holding).
Issuing an invoice with a membership fee line that bills no term does the same, so a
quote accepted before this rule existed admits its member when its invoice is issued;
``admit_accepted_quotes`` (run with the day's status check) admits those whose invoice
was issued, or even paid, before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.billing.statuses import InvoiceStatus
from ...domain.fees import FeeKind
from ...domain.organizations import MembershipRuleError, MembershipStatus, Tier
from ...persistence.ids import time_ordered_uuid
from ...persistence.models import FeeEntry, MembershipTerm, Organization, TierChange
from ...persistence.models.billing import Invoice, InvoiceLine
from .membership_service import check_tier_for, default_term_end
from .organization_summary import refresh_summary
from .tier_terms import move_terms_to_tier

_PERIOD = re.compile(r"(\d{4}-\d{2}-\d{2}) to (\d{4}-\d{2}-\d{2})")
_TIERS = {kind.value for kind in FeeKind if kind is not FeeKind.LF_SILVER}
_CURRENT = (MembershipStatus.ACTIVE.value, MembershipStatus.GRACE.value)


def admit_from_lines(
    session: Session, organization: Organization, lines: Sequence[InvoiceLine], on: date,
    source: str,
) -> MembershipTerm | None:  # fmt: skip
    """Make the organization a member for the period its membership fee line bills.

    Args:
        session: the caller's write session.
        organization: who accepted the quote (or is invoiced).
        lines: the invoice's lines; those priced from the fee schedule get the term.
        on: the day of acceptance (the first term's start when no period is given).
        source: what admitted it, for the history (e.g. "Quote Q-2026-0004 accepted").

    Returns:
        The term the lines now bill, or None when no line is a membership fee or the
        fee lines bill a term already.

    Raises:
        MembershipRuleError: the organization cannot hold the tier (Premier without the
            Governing Board's approval, Associate for a commercial organization).
    """
    priced = [line for line in lines if line.fee_entry_id is not None and line.term_id is None]
    kinds = {line.id: _kind(session, line) for line in priced}
    tier_lines = [line for line in priced if kinds[line.id] in _TIERS]
    if not tier_lines:
        return None
    tier = Tier(kinds[tier_lines[0].id])
    start, end = _period(tier_lines[0].description, on)
    check_tier_for(session, organization, tier, start)
    term = _term_for(session, organization, tier, start, end, source)
    for line in priced:
        line.term_id = term.id
    refresh_summary(session, organization)
    return term


def admit_accepted_quotes(session: Session, on: date) -> list[tuple[Organization, str]]:
    """Admit the organizations of quotes accepted before acceptance admitted them.

    Their invoices (draft, issued or paid) have a membership fee line that bills no term.
    One that may not hold the tier any more (a withdrawn Premier approval) is left as it
    is, for staff to decide.

    Returns:
        The organizations admitted, each with its status before.
    """
    candidates = session.scalars(
        select(Invoice)
        .join(InvoiceLine, InvoiceLine.invoice_id == Invoice.id)
        .join(FeeEntry, FeeEntry.id == InvoiceLine.fee_entry_id)
        .where(Invoice.quote_id.is_not(None), Invoice.deleted.is_(False))
        .where(Invoice.status != InvoiceStatus.CREDITED.value)
        .where(InvoiceLine.term_id.is_(None), InvoiceLine.deleted.is_(False))
        .where(FeeEntry.kind.in_(_TIERS))
        .order_by(Invoice.created_at)
        .distinct()
    ).all()
    admitted = []
    for invoice in candidates:
        organization = session.get(Organization, invoice.organization_id)
        if organization is None or organization.deleted:
            continue
        before = organization.status
        lines = session.scalars(
            select(InvoiceLine).where(
                InvoiceLine.invoice_id == invoice.id, InvoiceLine.deleted.is_(False)
            )
        ).all()
        try:
            with session.begin_nested():
                source = f"Quote accepted, invoice {invoice.number or '(draft)'}"
                admit_from_lines(session, organization, lines, invoice.issue_date or on, source)
        except MembershipRuleError:
            continue
        if organization.status != before:
            admitted.append((organization, before))
    return admitted


def _kind(session: Session, line: InvoiceLine) -> str:
    entry = session.get(FeeEntry, line.fee_entry_id)
    return entry.kind if entry is not None else ""


def _period(description: str, on: date) -> tuple[date, date]:
    found = _PERIOD.search(description)
    if found is not None:
        start, end = date.fromisoformat(found.group(1)), date.fromisoformat(found.group(2))
        if start <= end:
            return start, end
    return on, default_term_end(on)


def _term_for(
    session: Session, organization: Organization, tier: Tier, start: date, end: date,
    source: str,
) -> MembershipTerm:  # fmt: skip
    """The term over the period: one that overlaps it already, or a new one."""
    existing = session.scalars(
        select(MembershipTerm)
        .where(MembershipTerm.organization_id == organization.id)
        .where(MembershipTerm.deleted.is_(False))
        .where(MembershipTerm.start_date <= end, MembershipTerm.end_date >= start)
        .order_by(MembershipTerm.start_date)
    ).first()
    if organization.tier != tier.value:
        session.add(
            TierChange(
                id=time_ordered_uuid(), organization_id=organization.id,
                from_tier=organization.tier, to_tier=tier.value, effective_date=start, note=source,
            )
        )  # fmt: skip
        if organization.status in _CURRENT:
            move_terms_to_tier(session, organization, tier.value, start)
        organization.tier = tier.value
    if organization.status not in _CURRENT:
        organization.status = MembershipStatus.ACTIVE.value
        organization.renewal_intent = "renewing"
        organization.non_renewal_notice_on = None
    organization.member_since = organization.member_since or start
    if existing is not None:  # terms never overlap: the lines bill the term there is
        return existing
    term = MembershipTerm(
        id=time_ordered_uuid(), organization_id=organization.id, tier=tier.value,
        start_date=start, end_date=end,
    )  # fmt: skip
    session.add(term)
    session.flush()
    return term
