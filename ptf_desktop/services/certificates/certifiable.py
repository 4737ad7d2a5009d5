"""Whether a membership term can be certified on a day: a current member, a held term."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date

from sqlalchemy.orm import Session

from ...domain.errors import UserError
from ...persistence.models import MembershipTerm, Organization
from ..register.term_holding import not_held

# Members whose membership is current may be certified; a term of a lapsed or cancelled
# member, a term already over, or one not held yet (register.term_holding) may not.
_CERTIFIABLE_STATUSES = frozenset({"active", "grace"})


def check_certifiable(
    s: Session, term: MembershipTerm, day: date, unheld: Mapping[uuid.UUID, str] | None = None
) -> None:
    """Raise UserError when the term cannot be certified on the day.

    Args:
        s: the caller's session.
        term: the term to certify.
        day: the issue date.
        unheld: why terms are not held (``term_holding.not_held``), when the caller read
            it for many terms at once; read for this term when None.
    """
    organization = s.get(Organization, term.organization_id)
    if organization is None or organization.deleted:
        raise UserError("The term's organization is no longer in the register.")
    if organization.status not in _CERTIFIABLE_STATUSES:
        raise UserError(
            f"{organization.legal_name} is not a current member (its membership is "
            f"{organization.status}): no certificate can be issued."
        )
    if term.end_date < day:
        raise UserError(
            f"The term of {organization.legal_name} ended on {term.end_date.isoformat()}: "
            "certificates are issued for current terms only."
        )
    reason = (not_held(s, [term]) if unheld is None else unheld).get(term.id)
    if reason:
        raise UserError(
            f"No certificate for {organization.legal_name} ({term.start_date.isoformat()} to "
            f"{term.end_date.isoformat()}): {reason}."
        )
    # Loaded only when a certificate is issued: the fonts are not needed at start-up.
    from ...documents.coverage import refuse_undrawable

    refuse_undrawable(
        [organization.legal_name], what=f"The certificate for {organization.legal_name}"
    )
